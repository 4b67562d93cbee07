"""Threads run concurrently and their steps interleave, even inside one print() call, as the notes' garbled transcript shows."""
import threading
import time

from claimspec import SHORT, Claim, join_threads, switch_interval, wait_until

CLAIM = Claim(
    section="Threading in python",
    notes=(
        "The transcript of two_threads.py shows the two counting threads and the main thread "
        "running at the same time: their lines are mixed, and words of one line are glued to "
        "another ('foo: countingbar: countingmain:counting  0')."
    ),
    verdict="holds",
    truth=(
        "threads that print at the same time interleave, down to the pieces of one line: print() "
        "writes its arguments, separators and end with separate write() calls, and another thread "
        "can write in between. Busy threads without sleeps interleave too: preemption alone "
        "switches them. (That transcript is not the output of the program printed beside it: see "
        "test_the_two_threads_program_never_ends_because_its_counters_have_no_end.)"
    ),
    line=277,
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
    """print() makes several write() calls, so another thread's line can land inside one line

    A print() that wrote its whole line in one write() call would never let the second line in:
    the gated first write would then wait in vain, and the text would not start with the glued words.
    """
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
    """Two busy threads without sleeps or I/O take turns: preemption alone interleaves them

    Observed under a short switch interval; a runtime that never preempted a busy thread (one
    runs to its deadline, then the other) would see fewer than two switches and go red.

    Each thread appends its tag until the trace shows a return to an earlier thread (a, b, a: two
    switches), or until SHORT has passed. A fixed amount of work is not enough: a JIT (PyPy) can
    finish it before the other thread is first scheduled.
    """
    with switch_interval(1e-5):
        trace = []
        switches = []
        enough = threading.Event()
        start = threading.Barrier(2)

        def count(tag):
            start.wait(SHORT)
            deadline = time.monotonic() + SHORT
            while not enough.is_set() and time.monotonic() < deadline:
                if trace and trace[-1] != tag:  # the other thread ran since this one's last step
                    switches.append(tag)
                    if len(switches) >= 2:
                        enough.set()
                trace.append(tag)

        threads = [threading.Thread(target=count, args=(tag,)) for tag in "ab"]
        for t in threads:
            t.start()
        join_threads(threads, SHORT * 4)
        assert enough.is_set(), f"two busy threads switched only {len(switches)} time(s) in {SHORT} s"
        assert set(trace) == {"a", "b"}
