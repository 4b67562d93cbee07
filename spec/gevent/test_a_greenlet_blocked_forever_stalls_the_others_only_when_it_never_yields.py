"""A greenlet that never yields to the hub (a CPU loop, or an unpatched time.sleep) stalls every other greenlet, and not even gevent.Timeout can interrupt it."""
import time

from claimspec import SHORT, Claim, requires_module
from spec.gevent.greenlet_joins import join_greenlets

NEEDS_GEVENT = "gevent is a third-party library; these claims are about it"
pytestmark = requires_module("gevent", why=NEEDS_GEVENT)

CLAIM = Claim(
    section="gevent",
    notes=(
        "If one greenlet blocks forever, the others block too: the notes' commented-out variant, where "
        "foo loops forever printing and calling time.sleep, keeps bar from ever running again."
    ),
    verdict="holds",
    extra={"tested as": "a bounded 'forever' (a few rounds) in place of an endless loop"},
)

STEP = 0.01
FOREVER = 5  # rounds of the notes' endless loop that we run


def test_the_notes_forever_variant_keeps_bar_out_while_foo_loops(gevent_hub, capsys):
    gevent = gevent_hub

    def foo():
        for i in range(10):
            print("foo: counting", i)
            if i == 5:
                for _ in range(FOREVER):  # the notes' `while True:` from i >= 5, cut short
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
    gevent = gevent_hub
    ticks = []
    seen_during_burst = []

    def ticker():
        while True:
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
    tick.kill()
    assert burn.value >= 1
    assert set(seen_during_burst) == {burn.value}  # the ticker never advanced during the burst


def test_gevent_timeout_cannot_interrupt_a_greenlet_that_does_not_yield(gevent_hub):
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
