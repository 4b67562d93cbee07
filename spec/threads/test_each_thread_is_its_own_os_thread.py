"""Each threading.Thread runs on its own operating-system thread (a 1:1 model); greenlets do not."""
import os
import threading

import pytest

from claimspec import SHORT, Claim, requires_module, run_python

CLAIM = Claim(
    section="Threading in python",
    notes="Threading in Python follows a 1:1 model: one OS thread for each user-space thread.",
    verdict="holds",
    truth=(
        "every threading.Thread runs on an OS thread of its own (CPython, PyPy, free-threaded "
        "builds): threads alive together report distinct native ids, each a kernel task of the "
        "process. Greenlets (gevent) are the M:1 contrast: many share one OS thread. One caveat: "
        "after gevent's monkey-patching (gevent.monkey.patch_all(), or patch_thread()) a "
        "threading.Thread is a greenlet, so threads started through threading then all run on "
        "the one OS thread that hosts them and report its native id: the 1:1 model holds only "
        "for unpatched threading."
    ),
    line=241,
    extra={"also": "greenlets (gevent) are the contrast: many of them share one OS thread"},
)

THREADS = 4


def _native_ids_of_live_threads(count):
    """Native ids reported by ``count`` threads that are all alive at the same moment."""
    ids = []
    all_running = threading.Barrier(count + 1)
    may_end = threading.Event()

    def body():
        ids.append(threading.get_native_id())
        all_running.wait(SHORT)
        may_end.wait(SHORT)

    threads = [threading.Thread(target=body) for _ in range(count)]
    for t in threads:
        t.start()
    try:
        all_running.wait(SHORT)
        snapshot = list(ids)
        tasks = set(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else None
    finally:
        may_end.set()
        for t in threads:
            t.join(SHORT)
    return snapshot, tasks


def test_threads_alive_together_report_distinct_native_ids():
    """Threads alive together report distinct threading.get_native_id() values, none the main thread's"""
    ids, _ = _native_ids_of_live_threads(THREADS)
    assert len(ids) == THREADS
    assert len(set(ids)) == THREADS, f"threads share OS threads: {ids}"
    assert threading.get_native_id() not in ids, "a thread ran on the main thread's OS thread"


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="needs Linux /proc to list OS threads")
def test_every_native_id_is_a_kernel_task_of_this_process():
    """Every native id is a kernel task of this process, listed in /proc/self/task"""
    ids, tasks = _native_ids_of_live_threads(THREADS)
    assert {str(i) for i in ids} <= tasks, f"native ids {ids} are not kernel tasks {sorted(tasks)}"


def test_the_thread_object_records_the_native_id_it_ran_on():
    """Thread.native_id is the native id the thread ran on, not the main thread's"""
    seen = []
    t = threading.Thread(target=lambda: seen.append(threading.get_native_id()))
    t.start()
    t.join(SHORT)
    assert not t.is_alive()
    assert t.native_id == seen[0] != threading.main_thread().native_id


@requires_module("gevent", why="greenlets are the contrast to OS threads")
def test_greenlets_all_run_on_the_one_os_thread_that_hosts_them():
    """Greenlets spawned by gevent all run on the one OS thread that hosts them"""
    ran = run_python(
        """
        import threading
        import gevent

        def report():
            gevent.sleep(0)  # let the others run too: they interleave on one thread
            return threading.get_native_id()

        ids = [g.get() for g in gevent.joinall([gevent.spawn(report) for _ in range(4)])]
        print(len(ids), len(set(ids)), ids[0] == threading.get_native_id())
        """
    )
    ran.assert_ok()
    assert ran.stdout == "4 1 True\n", ran.describe()


@requires_module("gevent", why="the caveat is about gevent's monkey-patching")
def test_under_gevent_monkey_patching_threading_threads_share_one_os_thread():
    """After gevent's monkey.patch_all(), threading.Thread objects alive together all report the main thread's native id"""
    # Monkey-patching is process-wide and permanent, so it runs in a fresh interpreter. Red on a
    # gevent whose patched threading.Thread still started OS threads (distinct native ids, a
    # kernel task each).
    ran = run_python(
        """
        from gevent import monkey
        monkey.patch_all()
        import sys
        import threading

        SHORT = float(sys.argv[1])
        all_running = threading.Barrier(5)
        ids = []

        def body():
            ids.append(threading.get_native_id())
            all_running.wait(SHORT)  # a patched Barrier: waiting lets the other greenlets run

        threads = [threading.Thread(target=body) for _ in range(4)]
        for t in threads:
            t.start()
        all_running.wait(SHORT)
        for t in threads:
            t.join(SHORT)
        print(len(ids), len(set(ids)), ids[0] == threading.get_native_id(), monkey.is_module_patched("threading"))
        """,
        str(SHORT),
    )
    ran.assert_ok()
    assert ran.stdout == "4 1 True True\n", ran.describe()
