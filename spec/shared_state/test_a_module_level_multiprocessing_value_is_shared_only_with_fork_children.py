"""A `multiprocessing.Value` made at module level is shared with fork children only; spawn and forkserver children make their own."""
import pytest

from claimspec import LONG, Claim, run_python, start_method_params

CLAIM = Claim(
    section="Data sharing between process: Value",
    notes=(
        "A multiprocessing.Value has to be passed to the Process (in its constructor's args) for "
        "the processes to share it; the Value example repeats it in a comment ('value has to be "
        "passed as an argument')."
    ),
    verdict="runtime-dependent",
    depends_on=(
        "the start method. Under spawn and forkserver the rule is needed: the child runs the main "
        "module again, and a multiprocessing.Value made at its top level is a new one (0 again), "
        "not the parent's. Under fork a module-level one is shared without being passed: the "
        "child inherits the parent's multiprocessing.Value, shared memory included, and both see "
        "each other's writes. Passing it in Process(args=...) is the one way that works under every "
        "start method: handed over any other way, as a pool job's argument (Pool.apply, "
        "ProcessPoolExecutor.submit) or through a queue, it raises RuntimeError ('Synchronized "
        "objects should only be shared between processes through inheritance') under every start "
        "method, fork included (CPython 3.9-3.13, PyPy 3.9). So on "
        "Linux before 3.14 (fork by default) a module-level Value is shared without being passed, "
        "and from 3.14 (forkserver) it is not. Forkserver detail: on runtimes whose forkserver "
        "really preloads __main__ (the fix of CPython gh-126631, in 3.14 and late 3.13 releases) "
        "the server's module-level Value is inherited by every forkserver child, so siblings "
        "share it with each other but never with the parent."
    ),
    changed_in={
        "3.14": ("forkserver replaced fork as the default start method on Linux and other POSIX systems but macOS", "https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods"),
    },
    line=1553,
)

_PROGRAM = """
import multiprocessing, os, sys

counter = multiprocessing.Value("i", 0)  # made whenever this module is run or imported
RUN_IN = os.getpid()

def writer(report):
    report.put(("writer saw", counter.value))
    counter.value = 7
    report.put(("main module run in the child itself", RUN_IN == os.getpid()))

def reader(report):
    report.put(("reader saw", counter.value))

if __name__ == "__main__":
    ctx = multiprocessing.get_context(sys.argv[1])
    limit = float(sys.argv[2])
    counter.value = 5
    report = ctx.Queue()
    for target in (writer, reader):
        p = ctx.Process(target=target, args=(report,))
        p.start()
        p.join(limit)
        assert p.exitcode == 0, p.exitcode
    seen = dict(report.get(timeout=limit) for _ in range(3))
    for key in ("writer saw", "reader saw", "main module run in the child itself"):
        print(key, seen[key])
    print("parent sees", counter.value)
"""


@pytest.mark.parametrize("start_method", start_method_params())
def test_a_child_shares_a_module_level_value_only_when_forked(start_method):
    """A module-level `multiprocessing.Value` is the parent's in a fork child and a new one under spawn"""
    # Red if spawn children shared the parent's Value, or fork children made their own.
    ran = run_python(_PROGRAM, start_method, str(LONG / 2)).assert_ok()
    seen = dict(line.rsplit(" ", 1) for line in ran.stdout.splitlines())
    if start_method == "fork":
        expected = {"writer saw": "5", "reader saw": "7", "parent sees": "7",
                    "main module run in the child itself": "False"}
    elif start_method == "spawn" or seen.get("main module run in the child itself") == "True":
        expected = {"writer saw": "0", "reader saw": "0", "parent sees": "5",
                    "main module run in the child itself": "True"}
    else:  # a forkserver that preloaded __main__: the children fork from its copy
        expected = {"writer saw": "0", "reader saw": "7", "parent sees": "5",
                    "main module run in the child itself": "False"}
    assert seen == expected, ran.describe()


_HANDED_OVER = """
import multiprocessing, sys

def read(shared):
    return shared.value

def write(shared):
    shared.value = 7

if __name__ == "__main__":
    ctx = multiprocessing.get_context(sys.argv[1])
    limit = float(sys.argv[2])
    shared = ctx.Value("i", 5)
    with ctx.Pool(1) as pool:
        try:
            print("pool job:", pool.apply_async(read, (shared,)).get(limit))
        except RuntimeError as error:
            print("pool job: RuntimeError:", error)
    child = ctx.Process(target=write, args=(shared,))
    child.start()
    child.join(limit)
    print("Process(args=...):", child.exitcode, shared.value)
"""


@pytest.mark.parametrize("start_method", start_method_params())
def test_only_process_args_hand_a_value_over_a_pool_job_argument_raises_runtime_error(start_method):
    """A `multiprocessing.Value` as a pool job's argument raises `RuntimeError` under every start method; in `Process(args=...)` it is shared"""
    # Red on a runtime that pickled a Value into a pool job (by value: a silent copy) instead of
    # refusing it, or whose Process(args=...) handed the child a copy.
    ran = run_python(_HANDED_OVER, start_method, str(LONG / 2)).assert_ok()
    assert ran.stdout.splitlines() == [
        "pool job: RuntimeError: Synchronized objects should only be shared between processes through inheritance",
        "Process(args=...): 0 7",
    ], ran.describe()
