"""Threads run concurrently: their steps interleave, even within one print() call, as the notes' garbled transcript shows."""
import sys
import threading

from claimspec import SHORT, Claim, join_threads, wait_until

CLAIM = Claim(
    section="Threading in python",
    notes=(
        "Two counting threads and the main thread run at the same time; the printed transcript "
        "shows their lines mixed, some words of one line glued to another."
    ),
    verdict="holds",
    extra={"why": "print() writes its arguments, separators and end with separate write() calls"},
)


class _GatedStream:
    """A text stream whose first write from the 'first' thread waits until another thread has written a whole line."""

    def __init__(self):
        self.pieces = []
        self.gate = threading.Event()
        self.first_writer = None
        self.lock = threading.Lock()

    def write(self, text):
        with self.lock:
            self.pieces.append(text)
        if threading.current_thread() is self.first_writer and not self.gate.is_set():
            assert self.gate.wait(SHORT), "the other thread never printed"
        elif text.endswith("\n") and threading.current_thread() is not self.first_writer:
            self.gate.set()
        return len(text)

    def flush(self):
        pass


def test_print_makes_several_writes_so_another_thread_can_cut_into_a_line():
    stream = _GatedStream()
    first = threading.Thread(target=lambda: print("foo: counting", 0, file=stream))
    second = threading.Thread(target=lambda: print("bar: counting", 0, file=stream))
    stream.first_writer = first
    first.start()
    wait_until(lambda: stream.pieces, message="the first thread began its print")
    second.start()
    join_threads([first, second], SHORT)
    text = "".join(stream.pieces)
    # The first thread's line was cut after its first piece, and the second line sits inside it.
    assert text.startswith("foo: counting" + "bar: counting 0\n"), repr(text)
    assert sorted(text.split("\n")) == ["", " 0", "foo: countingbar: counting 0"], repr(text)


def test_two_busy_threads_without_sleeps_take_turns():
    """Preemption alone (no sleep, no I/O) interleaves two busy threads; observed under a short switch interval."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        for attempt in range(20):
            trace = []
            start = threading.Barrier(2)

            def count(tag):
                start.wait(SHORT)
                for _ in range(20000):
                    trace.append(tag)

            threads = [threading.Thread(target=count, args=(tag,)) for tag in "ab"]
            for t in threads:
                t.start()
            join_threads(threads, SHORT * 4)
            switches = sum(1 for x, y in zip(trace, trace[1:]) if x != y)
            if switches >= 2:
                break
        assert switches >= 2, "two busy threads never interleaved in 20 runs"
    finally:
        sys.setswitchinterval(old)
