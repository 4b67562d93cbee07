"""A change a process makes to plain Python data is seen by no other process; shared-memory objects inherited by fork are the exception."""
import re

import pytest

from claimspec import LONG, SHORT, Claim, run_python, start_method_params
from claimspec.notebook import CellTimeout, notebook_test
from spec.processes import process_targets as targets

CLAIM = Claim(
    section="Process vs Thread",
    notes=(
        "A global data structure changed in one process is not visible in another process: in the "
        "notes' process example (the thread example with Process in place of Thread) the writer's "
        "1234 never reaches the parent, whose only line in the transcript is 'value = 100'."
    ),
    verdict="partly",
    truth=(
        "Right for plain Python objects, under every start method: each child works on its own "
        "copy (inherited by fork, unpickled under spawn and forkserver), so neither the parent nor "
        "a sibling sees its writes, a rebound module-level variable included. Not for shared "
        "memory: a module-level multiprocessing.Value or multiprocessing.Array made before a fork "
        "is shared with the fork children (see test_a_module_level_multiprocessing_value_is_shared_"
        "only_with_fork_children), and a change the parent makes before starting a fork child is "
        "in the child's copy (see test_a_child_starts_from_a_copy_made_by_its_start_method). Run "
        "as a program, the notes' process example prints five lines, the children's four "
        "(Process-1 and Process-2, bar still reading 100 after foo's write) and the parent's "
        "'value = 100'; the transcript shows only the parent's line. In a notebook (an ipykernel "
        "cell) the children's lines show in the cell under fork (the kernel forwards what its "
        "children write); under spawn and forkserver both children die at start with "
        "AttributeError (they cannot find foo and bar in the kernel's __main__, which has no file), "
        "their tracebacks show in the cell's stderr, and the cell prints only 'In main: value = "
        "100', the transcript's one line."
    ),
    line=1472,
)


def test_a_child_write_to_a_plain_object_is_not_seen_by_the_parent_or_a_sibling(mp_context):
    """A child's write to a plain object it was given is seen neither by its parent nor by a sibling"""
    # Red on a runtime whose processes shared ordinary objects (e.g. Process run as a thread).
    ctx = mp_context
    box = targets.PlainBox(100)
    written, report, read_first = ctx.Event(), ctx.Queue(), ctx.Event()
    reader = ctx.Process(target=targets.read_box_after, args=(box, written, report, LONG, read_first))
    writer = ctx.Process(target=targets.write_box, args=(box, 1234, written, report, read_first, LONG))
    assert targets.run_to_end([reader, writer], LONG) == [0, 0]
    seen = targets.drain(report, 5, SHORT)
    assert seen["writer after"] == 1234, seen
    assert seen["writer signalled"] is True, seen
    assert seen["reader after"] == 100, "the sibling saw the writer's change"
    assert box.value == 100, "the parent saw the child's change"


def test_a_child_rebinding_a_module_global_is_not_seen_by_the_parent_or_a_sibling(mp_context):
    """A module-level variable a child rebinds keeps its old value in the parent and in a sibling"""
    # Red on a runtime whose processes shared module globals.
    ctx = mp_context
    written, report = ctx.Event(), ctx.Queue()
    reader = ctx.Process(target=targets.read_global_after, args=(written, report, LONG))
    writer = ctx.Process(target=targets.set_global_and_report, args=("set by a child", written, report))
    assert targets.run_to_end([reader, writer], LONG) == [0, 0]
    seen = targets.drain(report, 3, SHORT)
    assert seen["writer after"] == "set by a child"
    assert seen["writer signalled"] is True
    assert seen["reader after"] == targets.GLOBAL == "as the module defines it"


@pytest.mark.parametrize("start_method", start_method_params())
def test_the_notes_process_program_prints_100_everywhere_but_in_the_writer(start_method):
    """The notes' process program prints 1234 only in foo; bar and the main process print 100"""
    # Red if bar or main saw foo's write (processes sharing plain objects).
    program = targets.notes_foo_bar_program("processes")
    ran = run_python(program, start_method, str(LONG / 2)).assert_ok()
    assert ran.stdout.splitlines() == [
        "In foo[Process-1]: value = 100",
        "In bar[Process-2]: value = 100",
        "In foo[Process-1]: value is set to 1234",
        "In bar[Process-2]: value = 100",
        "In main: value = 100",
    ], ran.describe()


@notebook_test
@pytest.mark.parametrize("start_method", start_method_params())
def test_in_a_notebook_the_children_print_under_fork_and_die_under_spawn_and_forkserver(kernel, start_method):
    """In a real notebook cell the children's lines show under fork; under spawn and forkserver they die with `AttributeError` and only main's line is left"""
    # Red on a kernel that dropped its forked children's output, or whose __main__ a spawned
    # child could import (then the five lines would show under every start method).
    program = targets.notes_foo_bar_program("processes")
    program = program.replace("sys.argv[1]", repr(start_method)).replace("sys.argv[2]", repr(str(LONG / 2)))
    cell = kernel.run(program + "print(t1.exitcode, t2.exitcode)\n")
    assert cell.error is None, cell.describe()
    if start_method == "fork":
        assert cell.stdout.splitlines() == [
            "In foo[Process-1]: value = 100",
            "In bar[Process-2]: value = 100",
            "In foo[Process-1]: value is set to 1234",
            "In bar[Process-2]: value = 100",
            "In main: value = 100",
            "0 0",
        ], cell.describe()
    else:
        assert cell.stdout.splitlines() == ["In main: value = 100", "1 1"], cell.describe()
        def died(name, nb):
            return re.search(rf"(Can't get attribute|has no attribute) '{name}'", nb.stderr_of(cell))

        # The children's tracebacks may arrive after the cell's idle status (forwarded from a pipe).
        try:
            kernel.collect(lambda nb: died("foo", nb) and died("bar", nb))
        except CellTimeout:
            pass
        for name in ("foo", "bar"):
            assert died(name, kernel), kernel.stderr_of(cell)
