"""A script that starts a ProcessPoolExecutor at top level, without `if __name__ == "__main__":`, fails under spawn and forkserver (its workers re-run it) and works under fork."""
import pytest

from claimspec import Claim, run_python

CLAIM = Claim(
    section="ProcessPoolExecutor",
    notes=(
        "The executor example puts its pool under `if __name__ == '__main__':`; the map example "
        "creates its pool at top level, and the notes suggest the process pool as a drop-in."
    ),
    verdict="runtime-dependent",
    depends_on=(
        "the start method. Under spawn and forkserver each worker imports the main script again, "
        "so an unguarded script starts a pool inside its workers: they die with RuntimeError "
        "('An attempt has been made to start a new process before the current process has "
        "finished its bootstrapping phase'), the caller gets BrokenProcessPool and the program "
        "exits with status 1. Under fork (the Linux default up to 3.13; forkserver is from 3.14) "
        "the script works without the guard. With the guard it works under every start method."
    ),
)

SCRIPT = """
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor

def square(x):
    return x * x

{body}
"""

UNGUARDED = """
context = multiprocessing.get_context(sys.argv[1])
with ProcessPoolExecutor(max_workers=2, mp_context=context) as workers:
    print(list(workers.map(square, [10, 2, 4])))
print("done")
"""

GUARDED = "if __name__ == '__main__':\n" + "".join("    " + line + "\n" for line in UNGUARDED.strip().splitlines())


def test_without_the_guard_only_fork_runs_the_script(pool_start_method):
    ran = run_python(SCRIPT.format(body=UNGUARDED), pool_start_method)
    if pool_start_method == "fork":
        ran.assert_ok()
        assert ran.stdout == "[100, 4, 16]\ndone\n"
        return
    assert ran.returncode == 1, ran.describe()
    assert "done" not in ran.stdout, ran.describe()
    assert "finished its bootstrapping phase" in ran.stderr, ran.describe()
    assert "RuntimeError" in ran.stderr and "BrokenProcessPool" in ran.stderr, ran.describe()


def test_with_the_guard_every_start_method_runs_the_script(pool_start_method):
    ran = run_python(SCRIPT.format(body=GUARDED), pool_start_method)
    ran.assert_ok()
    assert ran.stdout == "[100, 4, 16]\ndone\n"


@pytest.mark.parametrize("guarded", [False, True], ids=["unguarded", "guarded"])
def test_the_guard_is_not_needed_for_a_thread_pool(guarded):
    body = "with ThreadPoolExecutor(max_workers=2) as workers:\n    print(list(workers.map(square, [10, 2, 4])))\n"
    if guarded:
        body = "if __name__ == '__main__':\n" + "".join("    " + line + "\n" for line in body.splitlines())
    ran = run_python("from concurrent.futures import ThreadPoolExecutor\n\ndef square(x):\n    return x * x\n\n" + body)
    ran.assert_ok()
    assert ran.stdout == "[100, 4, 16]\n"
