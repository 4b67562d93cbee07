"""Any gevent.sleep, whatever its duration, gives up the CPU at the call; the duration only sets when the sleeping greenlet wakes again."""
import time

import pytest

from claimspec import Claim
from spec.gevent.greenlet_joins import join_greenlets

CLAIM = Claim(
    section="gevent",
    notes=(
        "A comment in the gevent example, on foo's gevent.sleep(0): the sleep time decides when the "
        "CPU is yielded."
    ),
    verdict="notes-wrong",
    truth=(
        "The sleep time does not decide when the CPU is yielded: every gevent.sleep, of 0 or of any "
        "duration, switches to gevent's hub at the call, and the other ready greenlets run at once. "
        "Where the call is placed decides when the greenlet yields; its duration decides when the "
        "greenlet is woken again (and so in which order sleepers come back). gevent.sleep(0) only "
        "steps aside for the greenlets that are ready now."
    ),
    line=197,
)

DURATIONS = [0, 0.001, 0.05]


@pytest.mark.parametrize("duration", DURATIONS, ids=["0 s", "1 ms", "50 ms"])
def test_another_greenlet_runs_as_soon_as_one_calls_gevent_sleep(gevent_hub, duration):
    """Whatever the duration, bar runs the moment foo calls `gevent.sleep`, before foo's sleep ends"""
    # Red if gevent.sleep held the thread for its duration (checked with gevent.sleep swapped for
    # time.sleep: foo's "after" comes before bar).
    gevent = gevent_hub
    log = []

    def foo():
        log.append("foo calls sleep")
        gevent.sleep(duration)
        log.append("foo wakes")

    def bar():
        log.append("bar runs")

    join_greenlets(gevent, [gevent.spawn(foo), gevent.spawn(bar)])
    assert log == ["foo calls sleep", "bar runs", "foo wakes"]


def test_the_duration_decides_when_each_sleeper_wakes(gevent_hub):
    """Greenlets that call `gevent.sleep` of 60, 20 and 0 ms in that order wake in the reverse order"""
    # Red if the duration were ignored (a sleep that only yields, like gevent.sleep(0): they wake
    # in spawn order), checked with gevent.sleep swapped for a duration-blind yield.
    gevent = gevent_hub
    woke = []

    def sleeper(duration):
        started = time.monotonic()
        gevent.sleep(duration)
        woke.append(duration)
        return time.monotonic() - started

    tasks = join_greenlets(gevent, [gevent.spawn(sleeper, d) for d in (0.06, 0.02, 0)])
    assert woke == [0, 0.02, 0.06]
    assert tasks[0].value >= 0.9 * 0.06  # the longest sleeper was away at least its duration
