"""A change a child process makes to its data is seen neither by its parent nor by a sibling."""
import pytest

from claimspec import SHORT, Claim
from spec.processes import process_targets as targets

CLAIM = Claim(
    section="Process vs Thread",
    notes=(
        "Data changed in one process is not visible in another: with the notes' home-made Value "
        "passed to two processes, the writer's 1234 never reaches the parent, which prints 100."
    ),
    verdict="holds",
    truth=(
        "Holds under every start method: each child works on its own copy (inherited by fork, "
        "unpickled under spawn and forkserver), so neither parent nor sibling sees its writes."
    ),
)


def test_a_child_write_to_a_plain_object_is_not_seen_by_the_parent_or_a_sibling(mp_context):
    ctx = mp_context
    box = targets.PlainBox(100)
    written, report, read_first = ctx.Event(), ctx.Queue(), ctx.Event()
    reader = ctx.Process(target=targets.read_box_after, args=(box, written, report, SHORT, read_first))
    writer = ctx.Process(target=targets.write_box, args=(box, 1234, written, report, read_first, SHORT))
    assert targets.run_to_end([reader, writer], SHORT * 2) == [0, 0]
    seen = targets.drain(report, 5, SHORT)
    assert seen["writer after"] == 1234, seen
    assert seen["writer signalled"] is True, seen
    assert seen["reader after"] == 100, "the sibling saw the writer's change"
    assert box.value == 100, "the parent saw the child's change"


def test_a_child_rebinding_a_module_global_is_not_seen_by_the_parent_or_a_sibling(mp_context):
    ctx = mp_context
    written, report = ctx.Event(), ctx.Queue()
    reader = ctx.Process(target=targets.read_global_after, args=(written, report, SHORT))
    writer = ctx.Process(target=targets.set_global_and_report, args=("set by a child", written, report))
    assert targets.run_to_end([reader, writer], SHORT * 2) == [0, 0]
    seen = targets.drain(report, 3, SHORT)
    assert seen["writer after"] == "set by a child"
    assert seen["writer signalled"] is True
    assert seen["reader after"] == targets.GLOBAL == "as the module defines it"
