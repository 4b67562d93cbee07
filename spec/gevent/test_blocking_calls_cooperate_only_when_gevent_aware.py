"""Greenlets let others use the CPU while they block only when the blocking call goes through gevent: an unpatched time.sleep blocks them all; after gevent.monkey.patch_all() the same call cooperates."""
from claimspec import Claim, requires_module, run_python

NEEDS_GEVENT = "gevent is a third-party library; these claims are about it"
pytestmark = requires_module("gevent", why=NEEDS_GEVENT)

CLAIM = Claim(
    section="gevent",
    notes=(
        "gevent is cooperative multitasking, for functions that block most of the time and use the CPU "
        "in spikes, so that other greenlets can use the CPU while one is blocked."
    ),
    verdict="notes-wrong",
    truth=(
        "Only for blocking calls that yield to gevent's hub: gevent's own (gevent.sleep, gevent.socket, "
        "gevent.event ...) or standard-library ones after gevent.monkey.patch_all(). An ordinary "
        "time.sleep or blocking socket call in an unpatched program blocks the OS thread, and with it "
        "every greenlet. The notes' examples never monkey-patch."
    ),
)

STEP = 0.02
ROUNDS = 4

# The notes' foo/bar with foo's commented-out `while True: print; sleep(0.5)` switched on (bounded),
# using time.sleep as the notes do; the only difference between the runs is patch_all().
PROGRAM = """
{patch}
import sys
import time
import gevent

def foo():
    for i in range({rounds}):
        print("foo running forever...")
        time.sleep({step})

def bar():
    for i in range({rounds}):
        print("bar: counting", i)
        gevent.sleep({step})

if __name__ == "__main__":
    gevent.get_hub()  # build the hub and its loop before the clock starts
    started = time.monotonic()
    gevent.joinall([gevent.spawn(foo), gevent.spawn(bar)])
    print(round(time.monotonic() - started, 4), file=sys.stderr)
"""


def run(patch):
    ran = run_python(PROGRAM.format(patch=patch, rounds=ROUNDS, step=STEP))
    assert ran.returncode == 0, ran.describe()
    return ran.stdout, float(ran.stderr)


def test_unpatched_time_sleep_keeps_bar_waiting_until_foo_is_done():
    out, elapsed = run(patch="")
    assert out == "foo running forever...\n" * ROUNDS + "".join(
        f"bar: counting {i}\n" for i in range(ROUNDS)
    )
    assert elapsed >= 0.9 * 2 * ROUNDS * STEP  # foo's sleeps, then bar's: they add up


def test_after_patch_all_the_same_time_sleep_lets_bar_run_meanwhile():
    patch = "from gevent import monkey; monkey.patch_all()"
    out, elapsed = run(patch)
    for _ in range(2):  # an upper bound on time: a loaded machine gets two more tries
        if elapsed < 0.8 * 2 * ROUNDS * STEP:
            break
        elapsed = min(elapsed, run(patch)[1])
    lines = out.splitlines()
    # Both wait equally long, so which of the two wakes first in a round is the hub's choice:
    # each round prints one line of each.
    rounds = [set(lines[i : i + 2]) for i in range(0, len(lines), 2)]
    assert rounds == [{"foo running forever...", f"bar: counting {i}"} for i in range(ROUNDS)], out
    assert elapsed < 0.8 * 2 * ROUNDS * STEP, elapsed  # the sleeps overlap: about half the sum


def test_patch_all_swaps_time_sleep_for_the_cooperative_one():
    ran = run_python(
        """
        import time
        unpatched = time.sleep
        from gevent import monkey
        monkey.patch_all()
        import gevent
        print(monkey.is_module_patched("time"), time.sleep is unpatched, time.sleep is gevent.sleep)
        """
    ).assert_ok()
    assert ran.stdout == "True False True\n"
