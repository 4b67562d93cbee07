"""Threads run concurrently and their steps interleave, even inside one print() call, as the notes' garbled transcript shows."""
import io
import sys
import threading
import time

import pytest

from claimspec import SHORT, Claim, join_threads, runtime, switch_interval, wait_until
from claimspec.races import ACCEPTABLE, FORBIDDEN, INTERESTING

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
        "switches them. How often a line is cut depends on the stream and the runtime (the outcome "
        "tables under the tests): under CPython's GIL, print() to a C-level stream changes threads only where a "
        "write releases the GIL (a full 8 kB buffer going to a file), so cut lines are rare to frequent "
        "by version; on a free-threaded build they are common. Worse than cutting: on the CPython releases with "
        "gh-119506 (3.8 from 3.8.9, 3.9 from 3.9.3, every 3.10, 3.11 before 3.11.10, 3.12 before 3.12.4) two "
        "threads printing to one buffered file can lose text and leave garbage bytes in its place; "
        "3.13.0 has the fix, and PyPy's own io (3.9 and 3.11 here) keeps the text. (That transcript is "
        "not the output of the program printed beside it: see "
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


# --- how often two printing threads cut into each other's lines: graded races -----------------
#
# Each trial starts two threads at a barrier; each prints LINES lines ("foo: counting 0", ...) to
# one stream, as two_threads.py's counters do. The text is then graded: every line whole, a line
# cut by the other thread's output (the notes' transcript), or text lost or garbage written (what
# the claim never allows: interleaving may reorder the pieces, never drop or invent them).

LINES = 1000  # per thread, about 17 kB each: a file's 8 kB buffer is written out several times mid-run
TAGS = ("foo", "bar")
WHOLE, CUT, LOST = "every line whole", "a line cut by the other thread's output", "text lost or garbage written"


def _expected_lines(lines=LINES):
    return sorted(f"{tag}: counting {i}" for tag in TAGS for i in range(lines))


def grade_printed(data, lines=LINES):
    """The outcome name for what two printing threads left in ``data`` (bytes)."""
    expected = _expected_lines(lines)
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        return LOST
    if sorted(text) != sorted("".join(line + "\n" for line in expected)):
        return LOST  # a character missing, doubled or foreign: not a reordering of the lines' pieces
    return WHOLE if sorted(text.split("\n")[:-1]) == expected else CUT


def _print_from_two_threads(stream, lines=LINES):
    start = threading.Barrier(len(TAGS))

    def count(tag):
        start.wait(SHORT)
        for i in range(lines):
            print(f"{tag}: counting", i, file=stream)

    threads = [threading.Thread(target=count, args=(tag,)) for tag in TAGS]
    for t in threads:
        t.start()
    join_threads(threads, SHORT)


def textio_keeps_what_another_thread_writes_during_a_flush():
    """False on the CPython releases whose C `TextIOWrapper.write` drops text another thread wrote
    while it was flushing (gh-119506; it came with bpo-43260's change in 3.8.9, 3.9.3 and 3.10.0,
    and was fixed in 3.13.0, 3.12.4 and 3.11.10; 3.10 and older lines never got the fix). PyPy's io is
    its own and keeps it."""
    if not runtime.IS_CPYTHON:
        return True
    version = sys.version_info[:3]
    if version >= (3, 13):
        return True
    fixed_in = {(3, 12): 4, (3, 11): 10}
    if version[:2] in fixed_in:
        return version[2] >= fixed_in[version[:2]]
    came_in = {(3, 8): 9, (3, 9): 3}
    if version[:2] in came_in:
        return version[2] < came_in[version[:2]]
    return version[:2] < (3, 8)  # 3.10: every release


def _lost_grade():
    # Forbidden where the runtime has no known bug to show it; on the affected CPython releases
    # it is their fact (interesting: how often it shows depends on when a flush falls).
    return FORBIDDEN if textio_keeps_what_another_thread_writes_during_a_flush() else INTERESTING


def test_two_threads_printing_to_one_file(race, tmp_path):
    """Two threads `print()` to one file opened with `open()`: how often a line is cut, and whether text is lost

    A file (like stdout redirected to one) buffers 8 kB, then writes it out, letting the other
    thread run in the middle of a print()."""
    # Red on a runtime that lost or invented text when two threads printed to one file, where no
    # known bug excuses it (CPython 3.13+, a fixed 3.11/3.12 release, PyPy); red too on an affected
    # release whose writer had been fixed without the version data here knowing (the witness below).
    path = tmp_path / "two_threads.txt"

    def trial():
        with open(path, "w", encoding="ascii") as f:
            _print_from_two_threads(f)
        return grade_printed(path.read_bytes())

    race(trial, {WHOLE: ACCEPTABLE, CUT: INTERESTING, LOST: _lost_grade()}).assert_grades()


class PieceStream:
    """A text stream whose write() is Python code that keeps each piece under a lock, as a
    Jupyter kernel's stdout does (a stand-in for ipykernel's OutStream, where the notes ran
    two_threads.py: a Python-level write is a point where the GIL can pass to another thread)."""

    def __init__(self):
        self.pieces, self.lock = [], threading.Lock()

    def write(self, text):
        with self.lock:
            self.pieces.append(text)
        return len(text)

    def flush(self):
        pass

    def getvalue(self):
        with self.lock:
            return "".join(self.pieces)


def test_two_threads_printing_to_a_stream_written_in_python(race):
    """Two threads `print()` to a stream whose `write()` is Python code (a stand-in for a Jupyter cell's stdout): how often a line is cut"""
    # Red on a runtime that lost a piece of either thread's lines (the stream keeps every piece
    # under its lock, so a loss would be print()'s or the runtime's).
    def trial():
        stream = PieceStream()
        _print_from_two_threads(stream)
        return grade_printed(stream.getvalue().encode("ascii"))

    race(trial, {WHOLE: ACCEPTABLE, CUT: INTERESTING, LOST: FORBIDDEN}).assert_grades()


class GatedBuffer(io.BytesIO):
    """A binary buffer whose first write() (a text wrapper flushing into it) waits until another
    thread has written to the wrapper."""

    def __init__(self):
        super().__init__()
        self.flushing, self.other_wrote, self.writes = threading.Event(), threading.Event(), 0

    def write(self, data):
        self.writes += 1
        if self.writes == 1:
            self.flushing.set()
            assert self.other_wrote.wait(SHORT), "the other thread never wrote"
        return super().write(data)


def test_witness_text_written_by_another_thread_while_a_text_file_flushes():
    """Witness: text another thread writes while a `TextIOWrapper` flushes is kept, except on CPython releases with gh-119506 (3.8.9-3.10, 3.11 before 3.11.10, 3.12 before 3.12.4), which drop it

    The interleaving is forced: one thread's write() makes the wrapper flush 8 kB; the flush waits
    in the buffer until the other thread has written "middle" to the same wrapper."""
    # Red on a runtime that dropped "middle" where the version data says it keeps it (a regression
    # of gh-119506), or kept it where the data says the release drops it (the data is out of date).
    buf = GatedBuffer()
    wrapper = io.TextIOWrapper(buf, encoding="ascii")

    def other():
        assert buf.flushing.wait(SHORT), "the wrapper never flushed"
        wrapper.write("middle")
        buf.other_wrote.set()

    t = threading.Thread(target=other)
    t.start()
    try:
        wrapper.write("abc")
        wrapper.write("def")
        wrapper.write("g" * 8192)  # past the wrapper's 8 kB chunk: it flushes "abcdef" first
    finally:
        buf.other_wrote.set()
        join_threads([t], SHORT)
    wrapper.flush()
    data = buf.getvalue()
    kept = b"middle" in data and len(data) == len("abcdef" + "middle") + 8192
    assert data.startswith(b"abcdef") and data.count(b"g") == 8192, data[:40]
    assert kept == textio_keeps_what_another_thread_writes_during_a_flush(), (runtime.VERSION, data[:20], data[-20:])
    if not kept:  # what the affected releases do: the other thread's text is gone, nothing in its place
        assert data == b"abcdef" + b"g" * 8192, (data[:20], len(data))


@pytest.mark.parametrize("data, outcome", [
    ("".join(f"{t}: counting {i}\n" for t in TAGS for i in range(3)), WHOLE),
    ("foo: countingbar: counting 0\n 0\n" + "".join(f"{t}: counting {i}\n" for t in TAGS for i in (1, 2)), CUT),
    ("".join(f"{t}: counting {i}\n" for t in TAGS for i in range(3))[:-5], LOST),
    ("".join(f"{t}: counting {i}\n" for t in TAGS for i in range(3)).replace("bar: counting 2", "bar: counting 2\x00"), LOST),
], ids=["whole", "cut", "lost", "garbage"])
def test_the_printed_text_is_graded_by_what_happened_to_its_lines(data, outcome):
    """The grading itself: whole lines, a line cut by the other's pieces, text lost or invented"""
    # Red on a grader that took a cut line for a whole one, or a loss for a reordering.
    assert grade_printed(data.encode("ascii"), lines=3) == outcome
