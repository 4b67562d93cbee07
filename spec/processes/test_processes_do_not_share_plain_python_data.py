"""A change a child process makes to its data is seen neither by its parent nor by a sibling."""
import pytest

from claimspec import LONG, SHORT, Claim, run_python, start_method_params
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
    reader = ctx.Process(target=targets.read_box_after, args=(box, written, report, LONG, read_first))
    writer = ctx.Process(target=targets.write_box, args=(box, 1234, written, report, read_first, LONG))
    assert targets.run_to_end([reader, writer], LONG) == [0, 0]
    seen = targets.drain(report, 5, SHORT)
    assert seen["writer after"] == 1234, seen
    assert seen["writer signalled"] is True, seen
    assert seen["reader after"] == 100, "the sibling saw the writer's change"
    assert box.value == 100, "the parent saw the child's change"


def test_a_child_rebinding_a_module_global_is_not_seen_by_the_parent_or_a_sibling(mp_context):
    ctx = mp_context
    written, report = ctx.Event(), ctx.Queue()
    reader = ctx.Process(target=targets.read_global_after, args=(written, report, LONG))
    writer = ctx.Process(target=targets.set_global_and_report, args=("set by a child", written, report))
    assert targets.run_to_end([reader, writer], LONG) == [0, 0]
    seen = targets.drain(report, 3, SHORT)
    assert seen["writer after"] == "set by a child"
    assert seen["writer signalled"] is True
    assert seen["reader after"] == targets.GLOBAL == "as the module defines it"


# The notes' process example, with events in place of its sleeps so that the lines come in
# the notes' order: foo reads, bar reads, foo writes, bar reads again, main reads.
_NOTES_PROGRAM = """
import sys
import multiprocessing
from multiprocessing import Process as Thread, current_process as current_thread

class Value:
    def __init__(self, ctype, value):
        self.value = value

def foo(val, foo_read, bar_read, written, limit):
    print(f"In foo[{current_thread().name}]: value = {val.value}", flush=True)
    foo_read.set()
    bar_read.wait(limit)
    val.value = 1234
    print(f"In foo[{current_thread().name}]: value is set to {val.value}", flush=True)
    written.set()

def bar(val, foo_read, bar_read, written, limit):
    foo_read.wait(limit)
    print(f"In bar[{current_thread().name}]: value = {val.value}", flush=True)
    bar_read.set()
    written.wait(limit)
    print(f"In bar[{current_thread().name}]: value = {val.value}", flush=True)

if __name__ == "__main__":
    multiprocessing.set_start_method(sys.argv[1])
    limit = float(sys.argv[2])
    value = Value("i", 100)
    events = [multiprocessing.Event() for _ in range(3)]
    t1 = Thread(target=foo, args=(value, *events, limit))
    t2 = Thread(target=bar, args=(value, *events, limit))
    t1.start()
    t2.start()
    t1.join(limit)
    t2.join(limit)
    print("In main: value =", value.value)
"""


@pytest.mark.parametrize("start_method", start_method_params())
def test_the_notes_process_program_prints_100_everywhere_but_in_the_writer(start_method):
    ran = run_python(_NOTES_PROGRAM, start_method, str(LONG / 2)).assert_ok()
    assert ran.stdout.splitlines() == [
        "In foo[Process-1]: value = 100",
        "In bar[Process-2]: value = 100",
        "In foo[Process-1]: value is set to 1234",
        "In bar[Process-2]: value = 100",
        "In main: value = 100",
    ], ran.describe()
