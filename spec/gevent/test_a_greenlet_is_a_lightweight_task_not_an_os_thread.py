"""gevent.spawn creates a greenlet, a lightweight task that is not a thread: it runs on the spawning OS thread, only when that thread yields to it, and is never preempted."""
import threading

from claimspec import Claim
from spec.gevent.greenlet_joins import join_greenlets

CLAIM = Claim(
    section="gevent",
    notes="gevent.spawn creates a greenlet, which is nothing but a lightweight thread.",
    verdict="partly",
    truth=(
        "gevent.spawn does create a greenlet, and it is lightweight, but it is not a thread: no OS "
        "thread is created, the greenlet runs on the thread that spawned it, and it starts only when "
        "that thread yields to gevent's hub (a thread starts at once). Greenlets are switched only at "
        "cooperative calls, never preempted: one that does not yield keeps the others out (see "
        "test_a_greenlet_blocked_forever_stalls_the_others_only_when_it_never_yields)."
    ),
    line=183,
)


def test_spawn_returns_a_greenlet_that_runs_on_the_spawning_thread(gevent_hub):
    """`gevent.spawn` returns a `gevent.Greenlet` that runs on the spawning OS thread, adding no thread"""
    # Red if spawn ran the function on a new OS thread (a thread-based spawn gives another ident).
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
    """A spawned greenlet runs nothing until the spawner yields with `gevent.sleep(0)`, unlike a thread"""
    # Red if spawn started the function at once, as Thread.start does (checked with spawn swapped
    # for a thread starter: the list fills without any yield).
    gevent = gevent_hub
    ran = []
    task = gevent.spawn(ran.append, "ran")
    for _ in range(1000):  # the spawner keeps running: no preemption hands over to the greenlet
        assert ran == []
    assert not task.dead
    gevent.sleep(0)  # the spawner yields to the hub, which runs the greenlet
    assert ran == ["ran"] and task.dead


def test_the_repr_names_the_function_and_the_object_address(gevent_hub):
    """The repr of a `gevent.Greenlet` is `<Greenlet at 0x...: foo>`, with hex(id(greenlet)) as the address"""
    # Red on a gevent whose repr showed anything else (a name, a thread id, no function).
    gevent = gevent_hub

    def foo():
        pass

    task = gevent.spawn(foo)
    assert repr(task) == f"<Greenlet at {hex(id(task))}: foo>"
    join_greenlets(gevent, [task])
