"""The notes' bar() ignores its argument and reads the global d, which a child has only under fork."""
import pytest

from claimspec import LONG, Claim, run_python, start_method_params

CLAIM = Claim(
    section="Data sharing between process: dict or list",
    notes=(
        "In the notes' managed-dict example, bar takes a parameter it never uses and works on the "
        "global d that the main block created; its output shows bar seeing foo's changes and "
        "deleting 'role'."
    ),
    verdict="runtime-dependent",
    depends_on=(
        "the start method. Under fork the child inherits the parent's globals, d included (a "
        "working proxy), so bar runs as the notes show. Under spawn and forkserver the child "
        "imports the main module afresh without running its __main__ block, so d does not exist: "
        "bar dies with NameError (on the child's stderr), its exit code is 1 and 'role' stays. "
        "Passing d as bar's argument works under every start method."
    ),
)

# The notes' structure, with an event in place of their sleeps.
_PROGRAM = """
import multiprocessing, sys

def foo(d, written):
    d["name"] = "Smith"
    d["country"] = "India"
    written.set()

def bar(arr, written, limit):
    if not written.wait(limit):
        raise SystemExit("foo never wrote")
    print("bar saw", sorted(dict(d).items()), flush=True)
    del d["role"]

if __name__ == "__main__":
    ctx = multiprocessing.get_context(sys.argv[1])
    limit = float(sys.argv[2])
    with ctx.Manager() as manager:
        d = manager.dict()
        d["name"] = "Jones"
        d["role"] = "Developer"
        d["place"] = "Hyderabad"
        written = ctx.Event()
        t1 = ctx.Process(target=foo, args=(d, written))
        t2 = ctx.Process(target=bar, args=(d, written, limit))
        t1.start()
        t2.start()
        t1.join(limit)
        t2.join(limit)
        print("exit codes", t1.exitcode, t2.exitcode)
        print("in main", sorted(dict(d).items()))
"""

AFTER_FOO = [("country", "India"), ("name", "Smith"), ("place", "Hyderabad"), ("role", "Developer")]


@pytest.mark.parametrize("start_method", start_method_params())
def test_bar_sees_the_global_d_only_when_the_child_is_forked(start_method):
    ran = run_python(_PROGRAM, start_method, str(LONG / 2))
    assert ran.returncode == 0, ran.describe()
    if start_method == "fork":
        assert ran.stderr == "", ran.describe()
        assert ran.stdout.splitlines() == [
            f"bar saw {AFTER_FOO}",
            "exit codes 0 0",
            f"in main {[kv for kv in AFTER_FOO if kv[0] != 'role']}",
        ], ran.describe()
    else:
        assert "NameError" in ran.stderr and "'d' is not defined" in ran.stderr, ran.describe()
        assert ran.stdout.splitlines() == ["exit codes 0 1", f"in main {AFTER_FOO}"], ran.describe()
