"""gevent is a coroutine-based library: its greenlets suspend and resume with their state, and many of them run concurrently, interleaved, on one OS thread."""
import threading

from claimspec import Claim
from spec.gevent.greenlet_joins import join_greenlets

CLAIM = Claim(
    section="gevent",
    notes=(
        "gevent is a coroutine-based Python library that schedules lightweight tasks concurrently "
        "(the notes then say to `import gevent`)."
    ),
    verdict="holds",
    truth=(
        "A gevent task is a greenlet (a greenlet.greenlet, the C coroutine package gevent is built "
        "on): it suspends at a cooperative call and resumes later where it stopped, with its local "
        "variables intact. Many greenlets interleave on the one OS thread that hosts them, and a "
        "thousand of them add no OS thread. gevent is a third-party package: `import gevent` works "
        "only after installing it (pip install gevent)."
    ),
    line=178,
)


def test_a_greenlet_is_a_greenlet_greenlet_coroutine():
    """A `gevent.Greenlet` is a subclass of `greenlet.greenlet`, the coroutine type gevent is built on"""
    # Red on a gevent whose tasks were OS threads or anything but greenlet coroutines.
    import gevent
    import greenlet

    assert issubclass(gevent.Greenlet, greenlet.greenlet)


def test_a_greenlet_resumes_after_gevent_sleep_with_its_local_state(gevent_hub):
    """A greenlet suspended in `gevent.sleep` resumes where it stopped, its local variables intact"""
    # Red if a suspended greenlet were restarted instead of resumed, or lost its frame.
    gevent = gevent_hub
    seen = []

    def counter(name):
        total = 0
        for i in range(3):
            total += i
            seen.append((name, i, total))
            gevent.sleep(0)
        return total

    a, b = join_greenlets(gevent, [gevent.spawn(counter, "a"), gevent.spawn(counter, "b")])
    assert (a.value, b.value) == (3, 3)
    assert seen == [(n, i, t) for i, t in ((0, 0), (1, 1), (2, 3)) for n in ("a", "b")]


def test_greenlets_interleave_their_steps_on_one_os_thread(gevent_hub):
    """Three greenlets that call `gevent.sleep(0)` between steps interleave, all on one OS thread"""
    # Red if gevent.sleep(0) did not switch (each would run to its end in turn: a0 a1 a2 b0 ...),
    # checked with gevent.sleep replaced by a no-op.
    gevent = gevent_hub
    steps = []

    def worker(name):
        for i in range(3):
            steps.append((name, i, threading.get_ident()))
            gevent.sleep(0)

    join_greenlets(gevent, [gevent.spawn(worker, n) for n in "abc"])
    assert [(n, i) for n, i, _ in steps] == [(n, i) for i in range(3) for n in "abc"]
    assert {t for _, _, t in steps} == {threading.get_ident()}


def test_a_thousand_greenlets_need_no_extra_os_threads(gevent_hub):
    """A thousand live greenlets leave `threading.active_count()` where it was"""
    # Red if gevent.spawn started an OS thread per task (checked with spawn swapped for a thread starter).
    gevent = gevent_hub
    threads_before = threading.active_count()
    counts = []

    def sleeper():
        gevent.sleep(0)  # every greenlet is alive at once here
        counts.append(threading.active_count())

    tasks = [gevent.spawn(sleeper) for _ in range(1000)]
    join_greenlets(gevent, tasks)
    assert all(task.successful() for task in tasks)
    assert len(counts) == 1000 and set(counts) == {threads_before}
