"""spec/speed/speedwork.py's helpers never wait without a bound for a hung worker (threads are
joined with claimspec.waiting.join_threads, tested in test_support_helpers.py; forks here)."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spec.speed import speedwork

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_wait_for_pids_kills_and_reaps_a_child_still_running_at_its_timeout():
    # Red with a blocking waitpid(pid, 0): it would wait the child's 5 s out.
    pid = os.fork()
    if pid == 0:
        time.sleep(5)
        os._exit(0)
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="killed"):
        speedwork.wait_for_pids([pid], timeout=0.2)
    assert time.monotonic() - started < 2
    with pytest.raises(ChildProcessError):  # reaped: no zombie left
        os.waitpid(pid, os.WNOHANG)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_wait_for_pids_returns_the_statuses_of_children_that_exit():
    pids = []
    for code in (0, 3):
        pid = os.fork()
        if pid == 0:
            os._exit(code)
        pids.append(pid)
    assert [os.waitstatus_to_exitcode(s) if hasattr(os, "waitstatus_to_exitcode") else s >> 8
            for s in speedwork.wait_for_pids(pids, timeout=5)] == [0, 3]


def test_speedwork_imports_in_an_interpreter_without_pytest():
    """spec.speed.speedwork (and the claimspec it uses) imports where pytest is missing, as in the PyPy child of the PyPy speed claims"""
    # Red where speedwork or claimspec's package needs pytest at import: a CI run failed so
    # (ModuleNotFoundError in the PyPy child) once speedwork began to use claimspec.waiting.
    code = ("import sys; sys.modules['pytest'] = None\n"
            "from spec.speed.speedwork import burn, in_threads\n"
            "print(in_threads(burn, [(1000,), (1000,)]))")
    done = subprocess.run([sys.executable, "-c", code], cwd=str(ROOT), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "[2001, 2001]", done.stderr
