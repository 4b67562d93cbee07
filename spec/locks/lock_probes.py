"""Probes shared by the lock, condition and semaphore specs: whether another thread can take a
lock, a release made from a third thread, and frequent thread switches for race tests."""

from claimspec import SHORT, blocks_until, finish, start_call, switch_interval


def free_for_another_thread(lock):
    """True when a different thread can take the lock (it is not held)."""

    def try_acquire():
        got = lock.acquire(timeout=0)
        if got:
            lock.release()
        return got

    return finish(start_call(try_acquire, name="prober"), SHORT)


def a_release_from_a_third_thread_wakes_a_blocked_acquire(lock):
    """With ``lock`` held by the caller: an acquire in a helper thread blocks, a release made by
    yet another thread wakes it. True when it did; the helper then holds the lock."""
    releasers = []

    def release_elsewhere():
        releasers.append(start_call(lock.release, name="releaser"))

    woke = blocks_until(lambda: lock.acquire(timeout=SHORT), release_elsewhere)
    finish(releasers[0])
    return woke


def frequent_switches(interval=1e-6):
    """Shrink ``sys.setswitchinterval`` inside the block (so races show up), restore it after."""
    return switch_interval(interval)
