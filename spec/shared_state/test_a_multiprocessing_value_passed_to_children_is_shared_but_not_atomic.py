"""A multiprocessing.Value passed to child processes is one shared number: a child's write is seen by the parent and a sibling."""
from claimspec import LONG, SHORT, Claim
from spec.processes import process_targets as targets

CLAIM = Claim(
    section="Data sharing between process: Value",
    notes=(
        "multiprocessing.Value shares a primitive value between processes when it is passed to "
        "the Process: in the notes' program bar first reads 100, then the 1234 that foo wrote, and "
        "the parent ends with 1234."
    ),
    verdict="holds",
    truth="Holds under fork, spawn and forkserver alike: the Value lives in shared memory.",
)


def test_the_notes_program_shows_the_writers_value_in_the_sibling_and_the_parent(mp_context):
    ctx = mp_context
    value = ctx.Value("i", 100)
    written, report, read_first = ctx.Event(), ctx.Queue(), ctx.Event()
    bar = ctx.Process(target=targets.read_box_after, args=(value, written, report, LONG, read_first))
    foo = ctx.Process(target=targets.write_box, args=(value, 1234, written, report, read_first, LONG))
    assert targets.run_to_end([bar, foo], LONG) == [0, 0]
    assert targets.drain(report, 5, SHORT) == {
        "reader before": 100,
        "writer before": 100,
        "writer after": 1234,
        "writer signalled": True,
        "reader after": 1234,
    }
    assert value.value == 1234


def test_a_value_the_parent_changes_after_start_is_seen_by_a_running_child(mp_context):
    ctx = mp_context
    value = ctx.Value("d", 0.5)
    written, report = ctx.Event(), ctx.Queue()
    child = ctx.Process(target=targets.read_box_after, args=(value, written, report, LONG))
    child.start()
    try:
        assert report.get(timeout=LONG) == ("reader before", 0.5)
        value.value = 2.25
        written.set()
    finally:
        assert targets.join_all([child], LONG) == [0]
    assert targets.drain(report, 2, SHORT) == {"writer signalled": True, "reader after": 2.25}
