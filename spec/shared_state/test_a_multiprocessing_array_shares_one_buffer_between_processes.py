"""A `multiprocessing.Array` passed to child processes is one buffer: an element a child sets is seen by the parent and a sibling."""
from claimspec import LONG, SHORT, Claim
from spec.processes import process_targets as targets
from spec.shared_state import sharing_targets as sharing

CLAIM = Claim(
    section="Data sharing between process: Buffer",
    notes=(
        "To share a buffer (a contiguous block of memory holding items of one type) between "
        "processes, use Array from the multiprocessing module."
    ),
    verdict="holds",
    truth=(
        "Holds under fork, spawn and forkserver alike: the items of a multiprocessing.Array (and "
        "of a RawArray, its unlocked form) live in shared memory. What the notes' own buffer "
        "program does with one is in test_the_notes_buffer_program_stores_one_c_int_per_"
        "character_and_prints_a_wrapper."
    ),
    line=1590,
)


def test_an_element_set_by_a_child_is_seen_by_a_sibling_and_the_parent(mp_context):
    """An element of a `multiprocessing.Array` set by a child is seen by a running sibling and by the parent"""
    # Red with an Array that each process copies (a plain list passed as the argument).
    ctx = mp_context
    arr = ctx.Array("i", [1, 2, 3, 4])
    written, report = ctx.Event(), ctx.Queue()
    reader = ctx.Process(target=sharing.report_items_after, args=(arr, written, report, LONG))
    reader.start()
    try:
        assert report.get(timeout=LONG) == ("reader before", [1, 2, 3, 4])
        writer = ctx.Process(target=sharing.set_item, args=(arr, 2, 30, written))
        assert targets.run_to_end([writer], LONG) == [0]
    finally:
        assert targets.join_all([reader], LONG) == [0]
    assert targets.drain(report, 2, SHORT) == {"writer signalled": True, "reader after": [1, 2, 30, 4]}
    assert arr[:] == [1, 2, 30, 4]


def test_a_raw_array_is_shared_the_same_way(mp_context):
    """An element of a `multiprocessing.RawArray` set by a child is seen by the parent"""
    # Red with a RawArray copied into the child.
    ctx = mp_context
    arr = ctx.RawArray("d", 3)
    written = ctx.Event()
    writer = ctx.Process(target=sharing.set_item, args=(arr, 0, 1.5, written))
    assert targets.run_to_end([writer], LONG) == [0]
    assert written.is_set()
    assert list(arr) == [1.5, 0.0, 0.0]
