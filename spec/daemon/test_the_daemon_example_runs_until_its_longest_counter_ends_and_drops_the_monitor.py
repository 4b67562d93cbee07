"""The notes' daemon example runs as printed: three counters finish, the process exits after the longest one, and the endless monitor is dropped mid-count."""
import functools
import re
import sys

from claimspec import SHORT, Claim, run_python

CLAIM = Claim(
    section="Background daemon threads",
    notes=(
        "The daemon example: two threads count to 5 and 15 and the main thread to 7, one line a second, "
        "while a daemon thread named MonitorThread prints 'monitoring i' every half second in an endless "
        "loop (no output is shown)."
    ),
    verdict="partly",
    truth=(
        "as a script it runs as printed: MainThread counts 0 to 6, the two workers 0 to 4 and 0 to 14, the "
        "monitor prints from 0 on, and the process exits with code 0 once the 15-count worker is done "
        "(about 15 s), the monitor stopped mid-loop with no last word. Lines of different threads may run "
        "together, since print() writes its text and its end apart. The workers are named 'Thread-1 "
        "(foo)' and 'Thread-2 (foo)' from Python 3.10 on (plain 'Thread-1' before), numbered on from any "
        "threads made earlier in the same interpreter. In Jupyter, where the notes ran it, the kernel's "
        "main thread never ends, so the monitor goes on printing after the counters finish."
    ),
    line=998,
)

# Our own program with the notes' structure and output formats; pauses scaled
# from 1 s and 0.5 s down to 10 ms and 5 ms.
_EXAMPLE = """
    from threading import Thread, current_thread
    from time import sleep

    def foo(x):
        t = current_thread()
        for i in range(x):
            print("{}: counting {}".format(t.name, i))
            sleep(0.01)

    def monitor(interval):
        t = current_thread()
        from itertools import count
        for i in count():
            print("{}: monitoring {}".format(t.name, i))
            sleep(interval)

    if __name__ == '__main__':
        a = Thread(target=foo, args=(5,))
        b = Thread(target=foo, args=(15,))
        c = Thread(target=monitor, name="MonitorThread", args=(0.005,), daemon=True)
        a.start()
        b.start()
        c.start()
        foo(7)
"""


_COUNTING = re.compile(r"(MainThread|Thread-\d+(?: \(foo\))?): counting (\d+)")
_MONITORING = re.compile(r"MonitorThread: monitoring (\d+)")


@functools.lru_cache(maxsize=None)
def _run_example():
    """One run of the example per test process, shared by the tests of this module."""
    return run_python(_EXAMPLE, timeout=SHORT)


def _worker_name(number):
    return f"Thread-{number} (foo)" if sys.version_info >= (3, 10) else f"Thread-{number}"


def test_each_counter_counts_to_its_end_and_the_process_exits_cleanly():
    """`MainThread` counts 0 to 6, `Thread-1 (foo)` 0 to 4, `Thread-2 (foo)` 0 to 14, then the process exits with code 0

    Red on a runtime that waited for the endless daemon monitor (the watchdog would end the child)."""
    ran = _run_example()
    ran.assert_ok()
    counts = {}
    for name, i in _COUNTING.findall(ran.stdout):
        counts.setdefault(name, []).append(int(i))
    assert counts == {
        "MainThread": list(range(7)),
        _worker_name(1): list(range(5)),
        _worker_name(2): list(range(15)),
    }, ran.describe()


def test_the_monitor_prints_from_zero_and_is_dropped_without_a_last_word():
    """`MonitorThread` prints `monitoring 0`, `1`, ... in order and nothing marks its end"""
    ran = _run_example()
    ran.assert_ok()
    ticks = [int(i) for i in _MONITORING.findall(ran.stdout)]
    assert ticks and ticks == list(range(len(ticks))), ran.describe()
    rest = _MONITORING.sub("", _COUNTING.sub("", ran.stdout))
    assert rest.strip("\n") == "", ran.describe()  # no other output: no last word from the monitor
