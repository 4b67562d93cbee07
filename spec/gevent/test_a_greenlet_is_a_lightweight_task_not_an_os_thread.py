"""gevent.spawn creates a greenlet: a lightweight task that runs on the spawning OS thread when that thread's greenlets yield to it, not a new OS thread."""
import threading


from claimspec import Claim, requires_module
from spec.gevent.greenlet_joins import join_greenlets

NEEDS_GEVENT = "gevent is a third-party library; these claims are about it"
pytestmark = requires_module("gevent", why=NEEDS_GEVENT)

CLAIM = Claim(
    section="gevent",
    notes=(
        "gevent is a coroutine-based library for scheduling light tasks concurrently; gevent.spawn "
        "creates a greenlet, which is just a lightweight thread."
    ),
    verdict="holds",
    extra={
        "lightweight thread means": "a green (user-space) thread: a coroutine switched by gevent's hub on "
        "the OS thread that spawned it; no OS thread is created and nothing runs until the spawner yields"
    },
)


def test_spawn_returns_a_greenlet_that_runs_on_the_spawning_thread(gevent_hub):
    import greenlet

    gevent = gevent_hub
    threads_before = threading.active_count()
    seen = {}

    def body():
        seen["thread"] = threading.get_ident()
        seen["active threads"] = threading.active_count()
        seen["current"] = greenlet.getcurrent()

    task = gevent.spawn(body)
    assert isinstance(task, gevent.Greenlet) and isinstance(task, greenlet.greenlet)
    join_greenlets(gevent, [task])
    assert seen == {"thread": threading.get_ident(), "active threads": threads_before, "current": task}


def test_a_spawned_greenlet_runs_nothing_until_the_spawner_yields(gevent_hub):
    gevent = gevent_hub
    ran = []
    task = gevent.spawn(ran.append, "ran")
    for _ in range(1000):  # the spawner keeps running: no preemption hands over to the greenlet
        assert ran == []
    assert not task.dead
    gevent.sleep(0)  # the spawner yields to the hub, which runs the greenlet
    assert ran == ["ran"] and task.dead


def test_a_thousand_greenlets_need_no_extra_os_threads(gevent_hub):
    gevent = gevent_hub
    threads_before = threading.active_count()
    counts = []

    def sleeper():
        gevent.sleep(0)
        counts.append(threading.active_count())

    tasks = [gevent.spawn(sleeper) for _ in range(1000)]
    join_greenlets(gevent, tasks)
    assert all(task.successful() for task in tasks)
    assert set(counts) == {threads_before}


def test_the_repr_names_the_function_and_the_object_address(gevent_hub):
    gevent = gevent_hub

    def foo():
        pass

    task = gevent.spawn(foo)
    assert repr(task) == f"<Greenlet at {hex(id(task))}: foo>"
    join_greenlets(gevent, [task])
