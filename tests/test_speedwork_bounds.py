"""spec/speed/speedwork.py's helpers never wait without a bound for a hung worker."""
import os
import threading
import time

import pytest

from spec.speed import speedwork


def test_join_all_raises_for_a_thread_still_running_at_its_timeout():
    # Red with join_all back to a bare t.join(): it would wait for the thread (SHORT-bounded here).
    release = threading.Event()
    t = threading.Thread(target=release.wait, args=(5,), name="hung-worker")
    t.start()
    try:
        started = time.monotonic()
        with pytest.raises(RuntimeError, match="hung-worker"):
            speedwork.join_all([t], timeout=0.2)
        assert time.monotonic() - started < 2
    finally:
        release.set()
        t.join(5)


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
