"""A greenlet blocked forever stalls every other greenlet only when its blocking never yields to gevent's hub (a CPU loop, an unpatched time.sleep); blocked forever on a gevent wait, it leaves the others running."""
import time

from claimspec import SHORT, Claim
from spec.gevent.greenlet_joins import join_greenlets

CLAIM = Claim(
    section="gevent",
    notes="If one greenlet blocks forever, then the other greenlets block too.",
    verdict="partly",
    truth=(
        "What decides is the kind of blocking. A greenlet that never yields to gevent's hub (a busy "
        "loop, or a blocking call gevent does not know: time.sleep or a socket read in an "
        "unpatched program) stalls every greenlet of its thread, and not even gevent.Timeout can "
        "interrupt it. A greenlet blocked forever on a gevent-aware wait (gevent.event.Event().wait(), "
        "gevent.sleep, a gevent socket, or the standard call after gevent.monkey.patch_all()) has "
        "switched to the hub, and the others keep running."
    ),
    line=185,
    extra={"tested as": "a bounded 'forever' (a few rounds, or a wait we end ourselves) in place of an endless one"},
)

STEP = 0.01
FOREVER = 5  # rounds of an endless loop that we run


def test_a_greenlet_waiting_forever_on_a_gevent_event_leaves_the_others_running(gevent_hub):
    """A greenlet blocked on a `gevent.event.Event` that is never set leaves two others running to the end"""
    # Red if a gevent wait blocked the thread (checked with Event.wait swapped for time.sleep:
    # the workers never start).
    gevent = gevent_hub
    from gevent.event import Event

    never = Event()
    log = []

    def stuck():
        log.append("stuck waits")
        never.wait()  # no timeout, and nobody sets it
        log.append("stuck woke")

    def worker(name):
        for i in range(3):
            log.append(f"{name} {i}")
            gevent.sleep(0)

    blocked = gevent.spawn(stuck)
    join_greenlets(gevent, [gevent.spawn(worker, "a"), gevent.spawn(worker, "b")])
    try:
        assert not blocked.dead  # still blocked on the Event
        assert log == ["stuck waits"] + [f"{n} {i}" for i in range(3) for n in "ab"]
    finally:
        blocked.kill(timeout=SHORT)
    assert blocked.dead and "stuck woke" not in log


def test_an_unpatched_time_sleep_loop_keeps_bar_out_until_foo_stops(gevent_hub, capsys):
    """A `time.sleep` loop in foo (gevent unpatched) keeps bar from running until the loop ends"""
    # Red if time.sleep yielded to the hub (as after patch_all: bar's counts appear between foo's loop lines).
    gevent = gevent_hub

    def foo():
        for i in range(10):
            print("foo: counting", i)
            if i == 5:
                for _ in range(FOREVER):  # an endless loop from i == 5, cut short
                    print("foo running forever...")
                    time.sleep(STEP)  # unpatched: blocks the whole thread, hub included
            gevent.sleep(0)

    def bar():
        for i in range(10):
            print("bar: counting", i)
            gevent.sleep(0)

    join_greenlets(gevent, [gevent.spawn(foo), gevent.spawn(bar)])
    expected = (
        "".join(f"foo: counting {i}\nbar: counting {i}\n" for i in range(5))
        + "foo: counting 5\n"
        + "foo running forever...\n" * FOREVER
        + "bar: counting 5\n"
        + "".join(f"foo: counting {i}\nbar: counting {i}\n" for i in range(6, 10))
    )
    assert capsys.readouterr().out == expected


def test_a_cpu_loop_in_one_greenlet_freezes_the_others(gevent_hub):
    """While one greenlet runs a CPU loop with no cooperative call, a ticking greenlet does not tick"""
    # Red if greenlets were preempted like threads (the ticker would advance during the burst).
    gevent = gevent_hub
    ticks = []
    seen_during_burst = []

    def ticker():
        # bounded: on a runtime whose gevent.sleep blocked, this greenlet would never hand over
        deadline = time.monotonic() + SHORT
        while time.monotonic() < deadline:
            ticks.append(len(ticks))
            gevent.sleep(0)

    def burner():
        gevent.sleep(0)  # let the ticker start
        before = len(ticks)
        deadline = time.monotonic() + 5 * STEP
        while time.monotonic() < deadline:  # pure CPU, no cooperative call
            seen_during_burst.append(len(ticks))
        return before

    tick = gevent.spawn(ticker)
    burn = gevent.spawn(burner)
    join_greenlets(gevent, [burn])
    tick.kill(timeout=SHORT)
    assert burn.value >= 1
    assert set(seen_during_burst) == {burn.value}  # the ticker never advanced during the burst


def test_gevent_timeout_cannot_interrupt_a_greenlet_that_does_not_yield(gevent_hub):
    """`gevent.Timeout` fires only at the next cooperative call, not inside a CPU loop past its deadline"""
    # Red if gevent.Timeout could preempt a running greenlet (the loop would be cut short).
    gevent = gevent_hub
    reached = []
    with gevent.Timeout(STEP, False):  # False: the timeout ends the block quietly
        deadline = time.monotonic() + 5 * STEP
        while time.monotonic() < deadline:
            pass
        reached.append("end of the loop, well past the timeout")
        started = time.monotonic()
        gevent.sleep(SHORT)  # the first cooperative point: only now can the timeout fire
        reached.append("after the sleep")
    assert reached == ["end of the loop, well past the timeout"]
    assert time.monotonic() - started < SHORT / 2
