"""Threads need not share one interpreter: a CPython process can hold several, each with its own state, and since 3.12 each with its own GIL."""
import inspect
import sys
import threading

import pytest

from claimspec import LONG, SHORT, Claim, cpython_only, join_threads, requires_cores, run_python, runtime
from spec.concurrency.overlap import EVIDENCE, GAP, WINDOW, accumulate_overlap, spin

CLAIM = Claim(
    section="GIL",
    notes="Threads cannot run in parallel because they have to execute using the same interpreter.",
    verdict="partly",
    truth="A process's threads do share one interpreter by default, but sharing it is not what "
    "serialises them: the GIL is, and a free-threaded build (3.13t, supported from 3.14) runs "
    "threads of one interpreter in parallel. Nor must threads share one: CPython can run several "
    "interpreters in one process, each with its own modules and globals; since 3.12 each can have "
    "its own GIL (PEP 684, C API), and 3.14 added concurrent.interpreters and "
    "concurrent.futures.InterpreterPoolExecutor, whose threads each run their own interpreter, "
    "so one process runs Python code in parallel without multiprocessing.",
    changed_in={
        "3.12": ("each interpreter can have its own GIL (PEP 684, C API)", "https://peps.python.org/pep-0684/"),
        "3.14": ("concurrent.interpreters, the Python API for interpreters (PEP 734)", "https://docs.python.org/3/library/concurrent.interpreters.html"),
    },
    line=314,
)

SUBINTERPRETER = """
import os, sys
try:
    import _xxsubinterpreters as interpreters  # CPython 3.8-3.12
except ImportError:
    import _interpreters as interpreters  # CPython 3.13
MARK = "set in the main interpreter"
r, w = os.pipe()
other = interpreters.create()
interpreters.run_string(other, (
    "import __main__, os, sys\\n"
    f"os.write({w}, repr((os.getpid(), hasattr(__main__, 'MARK'), id(sys.modules))).encode())\\n"
))
os.close(w)
pid, sees_mark, modules_id = eval(os.read(r, 200).decode())
interpreters.destroy(other)
print("same process:", pid == os.getpid())
print("sees the main interpreter's module-level variable:", sees_mark)
print("same sys.modules:", modules_id == id(sys.modules))
"""

before_3_14 = pytest.mark.skipif(sys.version_info >= (3, 14), reason="3.14 replaced the private module with concurrent.interpreters")
from_3_14 = pytest.mark.skipif(
    sys.version_info < (3, 14), reason=f"concurrent.interpreters was added in 3.14; this runtime is {sys.version.split()[0]} "
    f"({runtime.on_cpython(14)})"
)


@cpython_only
@before_3_14
def test_a_second_interpreter_in_the_same_process_has_its_own_modules_and_globals():
    """A second interpreter of the same CPython process has its own `sys.modules` and module-level variables"""
    # Red where the "interpreter" were the same one (it would see MARK and the same sys.modules).
    ran = run_python(SUBINTERPRETER).assert_ok()
    assert ran.stdout.splitlines() == [
        "same process: True",
        "sees the main interpreter's module-level variable: False",
        "same sys.modules: False",
    ], ran.describe()


@cpython_only
@from_3_14
def test_from_3_14_concurrent_interpreters_runs_code_in_another_interpreter_of_the_process():
    """On 3.14 `concurrent.interpreters` runs code in another interpreter of the same process"""
    ran = run_python("""
        import os
        from concurrent import interpreters
        MARK = 1
        other = interpreters.create()
        print("same process:", other.call(os.getpid) == os.getpid())
        print("another interpreter:", other.id != interpreters.get_current().id)
        other.exec("import __main__; assert not hasattr(__main__, 'MARK')")
        other.close()
    """).assert_ok()
    assert ran.stdout.splitlines() == ["same process: True", "another interpreter: True"], ran.describe()


@cpython_only
@from_3_14
def test_from_3_14_interpreter_pool_executor_runs_calls_outside_the_main_interpreter():
    """On 3.14 `InterpreterPoolExecutor` runs each call in an interpreter other than the main one"""
    ran = run_python("""
        import os
        from concurrent.futures import InterpreterPoolExecutor
        ask = "__import__('concurrent.interpreters').interpreters.get_current().id"
        with InterpreterPoolExecutor(2) as pool:
            print("result:", pool.submit(pow, 2, 10).result())
            print("same process:", pool.submit(os.getpid).result() == os.getpid())
            print("main interpreter:", pool.submit(eval, ask).result() == eval(ask))
    """).assert_ok()
    assert ran.stdout.splitlines() == ["result: 1024", "same process: True", "main interpreter: False"], ran.describe()


def spin_interpreters():
    """Two interpreters of this process, each driven by a thread of its own, run the spinner of
    spec/concurrency/overlap.py, released together; return their running intervals. What crosses
    between interpreters is only what is sent: the spinner's source, and its result through a
    concurrent.interpreters queue."""
    from concurrent import interpreters

    source = inspect.getsource(spin)
    pair = [interpreters.create() for _ in range(2)]
    results = interpreters.create_queue()
    start = threading.Barrier(2)
    try:
        for k, interp in enumerate(pair):
            interp.exec(source)
            interp.prepare_main(results=results, k=k, window=WINDOW, gap=GAP)

        def drive(interp):
            start.wait(SHORT)
            interp.exec("results.put((k, spin(window, gap)))")

        threads = [threading.Thread(target=drive, args=(i,)) for i in pair]
        for t in threads:
            t.start()
        join_threads(threads, LONG)
        runs = dict(results.get(timeout=SHORT) for _ in pair)
    finally:
        for interp in pair:
            interp.close()
    return [runs[0], runs[1]]


@cpython_only
@from_3_14
@requires_cores(2)
def test_from_3_14_two_interpreters_of_one_process_run_python_at_the_same_instant():
    """On 3.14+ two interpreters of one process, each on a thread of its own, run Python at the same instant"""
    # Red where the interpreters shared one GIL (as all did before 3.12): their spinners would only
    # take turns, and their running intervals would not intersect (as two threads' do not, see
    # spec/concurrency). Other load may keep one off its CPU: up to 8 windows are added up.
    both, windows = accumulate_overlap(spin_interpreters)
    assert both >= EVIDENCE, f"in {windows} windows of {WINDOW} s the interpreters ran at once for {both * 1000:.2f} ms"


@cpython_only
@from_3_14
def test_from_3_14_an_interpreter_sees_only_what_is_sent_to_it():
    """On 3.14+ a module-level variable of one interpreter is unseen by another; a queue or `call()` carries copies"""
    # Red where interpreters shared their __main__ (the NameError would not happen) or where a
    # list sent through a queue arrived as the same object (the change in one would show in the other).
    from concurrent import interpreters

    mine, other = interpreters.get_current(), interpreters.create()
    try:
        other.exec("counts = [1, 2, 3]")
        with pytest.raises(interpreters.ExecutionFailed) as failed:
            other.exec("print(names_of_the_main_interpreter)")
        assert failed.value.excinfo.type.__name__ == "NameError"
        queue = interpreters.create_queue()
        other.prepare_main(queue=queue)
        other.exec("queue.put(counts)")
        received = queue.get(timeout=SHORT)
        assert received == [1, 2, 3]
        received.append(4)
        other.exec("assert counts == [1, 2, 3], counts")  # the other interpreter's list is untouched
        assert other.call(sum, [1, 2, 3]) == 6  # arguments and the result cross as copies
        assert other.id != mine.id
    finally:
        other.close()
