"""spec/speed/speedwork.py's helpers never wait without a bound for a hung worker (threads are
joined with claimspec.waiting.join_threads, tested in test_support_helpers.py; forks here)."""
import os
import time

import pytest

from spec.speed import speedwork


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
