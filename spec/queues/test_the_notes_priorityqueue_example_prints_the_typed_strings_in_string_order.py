"""The notes' PriorityQueue example runs as written and prints exactly its transcript: input() gives strings, so '2123' comes before '23'."""
import ast
import queue

import pytest

from claimspec import SETTLE, Claim, run_python
from spec.queues.queue_probes import drain

CLAIM = Claim(
    section="Builtin: PriorityQueue",
    notes=(
        "The example reads ten values with input() into a PriorityQueue(10) and prints them back "
        "with 'Value:'; the transcript shows 10, 23, 124, 434, 123, 2123, 3213, 123, 123, 123 "
        "typed and 10, 123, 123, 123, 123, 124, 2123, 23, 3213, 434 printed. A commented-out "
        "line would put (len(value), value) instead."
    ),
    verdict="holds",
    truth=(
        "Run with those ten lines as input it prints exactly those ten 'Value:' lines. input() "
        "returns strings, which sort character by character, so the order is not numeric "
        "('2123' before '23'); the commented-out (len(value), value) key gives numeric order for "
        "these inputs (not for numbers with leading zeros). Ten puts fill the PriorityQueue(10): "
        "an eleventh value would block the only thread forever. The imports of Thread, sleep, "
        "randint and deque are unused."
    ),
    line=1352,
)

# The values typed into the notes' example, in the order typed, and the order it printed.
TYPED = ["10", "23", "124", "434", "123", "2123", "3213", "123", "123", "123"]
PRINTED = ["10", "123", "123", "123", "123", "124", "2123", "23", "3213", "434"]

# Our own program with the example's structure; the typed lines come from a StringIO
# standing in for the keyboard (input() reads sys.stdin).
PROGRAM = """
import io
import sys
from queue import PriorityQueue

sys.stdin = io.StringIO(sys.argv[1])
queue = PriorityQueue(10)
for i in range(10):
    value = input("Enter a value: ")
    queue.put({put})
for i in range(10):
    v = queue.get()
    print("Value:", v)
"""


def test_run_with_the_typed_inputs_the_example_prints_the_notes_transcript():
    """Run with the notes' ten inputs, it prints the ten `Value:` lines of the notes' transcript"""
    # Red on a PriorityQueue that returned items in arrival order (FIFO) or in numeric order.
    ran = run_python(PROGRAM.format(put="value"), "\n".join(TYPED) + "\n").assert_ok()
    # Without a terminal the prompts are written but the typed text is not echoed.
    assert ran.stdout == "Enter a value: " * 10 + "".join(f"Value: {v}\n" for v in PRINTED)


def test_the_printed_order_is_string_order_not_numeric_order():
    """The printed order is `sorted()` of the strings, which puts '2123' before '23', not numeric order"""
    # Red on a runtime whose str ordering compared digit strings by numeric value.
    assert PRINTED == sorted(TYPED)
    assert PRINTED != sorted(TYPED, key=int)


def test_the_commented_out_length_first_key_prints_these_inputs_in_numeric_order():
    """Putting `(len(value), value)` instead, as the commented-out line does, prints numeric order"""
    ran = run_python(PROGRAM.format(put="(len(value), value)"), "\n".join(TYPED) + "\n").assert_ok()
    values = [ast.literal_eval(line[len("Value: "):])[1] for line in ran.stdout.split("Enter a value: " * 10)[1].splitlines()]
    assert values == sorted(TYPED, key=int)


def test_ten_puts_fill_the_priorityqueue_of_ten_so_an_eleventh_would_block():
    """Ten puts fill `PriorityQueue(10)`: an eleventh `put` with a timeout raises `queue.Full`"""
    q = queue.PriorityQueue(10)
    for value in TYPED:
        q.put(value)
    assert q.full()
    with pytest.raises(queue.Full):
        q.put("11th", timeout=SETTLE)
    assert drain(q) == PRINTED
