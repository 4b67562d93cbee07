"""The notes' buffer program stores one C int per character, never turns a space into a newline, and prints a wrapper object where it means the array."""
import ctypes
import multiprocessing
import sys

import pytest

from claimspec import LONG, Claim, run_python, start_method_params
from spec.processes import process_targets as targets
from spec.shared_state import sharing_targets as sharing

CLAIM = Claim(
    section="Data sharing between process: Buffer",
    notes=(
        "The buffer example (no transcript) reads a string with input(), shares it as "
        "Array('i', bytes(s, 'utf8')), prints it with bytes(), has foo subtract 32 from every item "
        "(upper case) and bar store b'\\n' wherever an item is 32 (a space), then prints "
        "'In main: value =' with the array and 'String =' with bytes(array)."
    ),
    verdict="notes-wrong",
    truth=(
        "The program runs, but not as meant. Typecode 'i' makes each byte a C int (four bytes of "
        "buffer per character on common platforms). bytes(arr) on the synchronized wrapper builds "
        "bytes from the items one by one, so it shows the text while every item is in range(256) "
        "and raises ValueError once one is not (a tab typed in the input ends below 0 after foo). "
        "With the notes' sleeps foo runs first, so the spaces are already 0 when bar looks: 'hello "
        "world' ends as b'HELLO\\x00WORLD', no newline. Where bar does find a 32 (an '@' in the "
        "input, which foo turns into 32, or bar running first), storing b'\\n' in a C int raises "
        "TypeError inside the child: the parent sees only exit code 1, the traceback goes to the "
        "child's stderr. 'In main: value =' prints the wrapper's repr (<SynchronizedArray wrapper "
        "for <... c_int_Array_N object at 0x...>>), not the contents. Typecode 'c' holds the text "
        "itself and takes b'\\n' items (read it with .value or .raw; bytes() of it raises "
        "TypeError). The same under every start method."
    ),
    line=1592,
)

TEXT = b"hello world"


def _as_int_memory(values):
    return b"".join(v.to_bytes(ctypes.sizeof(ctypes.c_int), sys.byteorder, signed=True) for v in values)


def test_an_int_array_holds_the_byte_values_and_bytes_of_it_rebuilds_the_text():
    """`Array("i", some_bytes)` holds one C int per byte, and `bytes()` of the wrapper rebuilds the text"""
    # Red if typecode "i" stored the bytes as they are (one byte per item).
    arr = multiprocessing.Array("i", TEXT)
    assert arr[:] == list(TEXT)
    assert bytes(arr) == TEXT  # the wrapper is iterated item by item
    assert bytes(arr.get_obj()) == _as_int_memory(TEXT)  # the buffer itself
    assert len(bytes(arr.get_obj())) == len(TEXT) * ctypes.sizeof(ctypes.c_int)


def test_bytes_of_an_int_array_fails_once_an_item_leaves_range_256():
    """`bytes()` of an int `multiprocessing.Array` raises `ValueError` once an item leaves range(256)"""
    # Red if bytes() read the buffer instead of the items.
    arr = multiprocessing.Array("i", TEXT)
    arr[0] = -5
    with pytest.raises(ValueError):
        bytes(arr)


def test_storing_a_bytes_item_in_an_int_array_raises_type_error():
    """Storing `b'\\n'` in an item of an int `multiprocessing.Array` raises `TypeError` and leaves the item"""
    # Red if an int Array converted a 1-byte bytes object to its code.
    arr = multiprocessing.Array("i", TEXT)
    with pytest.raises(TypeError):
        arr[5] = b"\n"
    assert arr[5] == 32


def test_a_char_array_holds_the_text_and_takes_bytes_items():
    """`Array("c", some_bytes)` holds the text itself and takes `b'\\n'` items; `bytes()` of it raises `TypeError`"""
    # Red if a char Array held ints, or refused 1-byte bytes items.
    chars = multiprocessing.Array("c", TEXT)
    assert chars[0] == b"h" and chars.value == chars.raw == TEXT
    chars[5] = b"\n"
    assert chars.raw == b"hello\nworld"
    with pytest.raises(TypeError):
        bytes(chars)  # iterating gives 1-byte bytes objects, not ints
    assert bytes(multiprocessing.Array("B", TEXT)) == TEXT


_CHILD_FAILS = """
import multiprocessing, sys
from spec.shared_state import sharing_targets as sharing

if __name__ == "__main__":
    ctx = multiprocessing.get_context(sys.argv[1])
    limit = float(sys.argv[2])
    arr = ctx.Array("i", b"hello world")
    bar = ctx.Process(target=sharing.spaces_to_newlines, args=(arr, None, limit))
    bar.start()
    bar.join(limit)
    print("exit code", bar.exitcode)
    print("array unchanged", arr[:] == list(b"hello world"))
"""


# In a fresh interpreter: a forkserver child writes to the stderr of the forkserver, which
# belongs to whichever test started it, so only a program of its own shows where it goes.
@pytest.mark.parametrize("start_method", start_method_params())
def test_a_type_error_in_a_child_reaches_the_parent_only_as_exit_code_1(start_method):
    """A `TypeError` raised in a child reaches the parent only as exit code 1, the traceback on stderr"""
    # Red if a child's exception were raised again in the parent, or the child exited 0.
    ran = run_python(_CHILD_FAILS, start_method, str(LONG / 2))
    assert ran.returncode == 0, ran.describe()
    assert ran.stdout.splitlines() == ["exit code 1", "array unchanged True"], ran.describe()
    assert "TypeError" in ran.stderr and ran.stderr.startswith("Process "), ran.describe()


def test_in_the_notes_order_foo_clears_the_space_before_bar_looks_for_it(mp_context):
    """In the notes' order foo turns the space into 0 before bar looks for 32, so bar changes nothing"""
    # Red if bar ran on the unshifted text (it would fail with TypeError, exit code 1).
    ctx = mp_context
    arr = ctx.Array("i", TEXT)
    foo_done = ctx.Event()
    foo = ctx.Process(target=sharing.shift_down_by_32, args=(arr, foo_done))
    bar = ctx.Process(target=sharing.spaces_to_newlines, args=(arr, foo_done, LONG))
    assert targets.run_to_end([foo, bar], LONG) == [0, 0]
    shifted = [b - 32 for b in TEXT]
    assert arr[:] == shifted and shifted[5] == 0
    assert bytes(arr) == b"HELLO\x00WORLD"  # what the notes' last line would print


def test_with_a_char_array_the_children_do_what_the_notes_meant(mp_context):
    """With typecode "c" the two children turn "hello world" into "HELLO\\nWORLD", as the notes meant"""
    # Red if a char Array were not shared, or refused b'\n'.
    ctx = mp_context
    arr = ctx.Array("c", TEXT)
    foo_done = ctx.Event()
    foo = ctx.Process(target=sharing.upper_case_chars, args=(arr, foo_done))
    bar = ctx.Process(target=sharing.space_chars_to_newlines, args=(arr, foo_done, LONG))
    assert targets.run_to_end([foo, bar], LONG) == [0, 0]
    assert arr.raw == b"HELLO\nWORLD"


# The notes' program, with events in place of their sleeps (foo prints, bar prints, foo
# shifts, bar replaces) and the typed line given on stdin.
_NOTES_PROGRAM = """
import io, multiprocessing, sys
from multiprocessing import Process, Array, Event, current_process

def foo(arr, foo_read, bar_read, shifted, limit):
    t = current_process()
    print(f"In foo[{t.name}]: array = {bytes(arr)}", flush=True)
    foo_read.set()
    bar_read.wait(limit)
    for i, v in enumerate(arr):
        arr[i] = v - 32
    shifted.set()

def bar(arr, foo_read, bar_read, shifted, limit):
    t = current_process()
    foo_read.wait(limit)
    print(f"In bar[{t.name}]: value = {bytes(arr)}", flush=True)
    bar_read.set()
    shifted.wait(limit)
    for i, v in enumerate(arr):
        if v == 32:
            arr[i] = b"\\n"

if __name__ == "__main__":
    multiprocessing.set_start_method(sys.argv[1])
    limit = float(sys.argv[2])
    sys.stdin = io.StringIO(sys.argv[3] + "\\n")  # what the user types
    s = input("Enter a string: ")
    array = Array("i", bytes(s, "utf8"))
    events = [Event() for _ in range(3)]
    t1 = Process(target=foo, args=(array, *events, limit))
    t2 = Process(target=bar, args=(array, *events, limit))
    t1.start()
    t2.start()
    t1.join(limit)
    t2.join(limit)
    print("In main: value =", array)
    print("String =", bytes(array))
    print("exit codes", t1.exitcode, t2.exitcode)
"""

_WRAPPER = "In main: value = <SynchronizedArray wrapper for <"


def _run_notes_program(start_method, typed):
    ran = run_python(_NOTES_PROGRAM, start_method, str(LONG / 2), typed)
    assert ran.returncode == 0, ran.describe()
    return ran, ran.stdout.splitlines()


@pytest.mark.parametrize("start_method", start_method_params())
def test_the_notes_program_prints_a_wrapper_and_a_nul_where_the_space_was(start_method):
    """The notes' buffer program prints a `SynchronizedArray` wrapper, then `b'HELLO\\x00WORLD'` for 'hello world'"""
    # Red if print() showed the contents, or bar's newline ever landed (no 0 left).
    ran, lines = _run_notes_program(start_method, "hello world")
    assert ran.stderr == "", ran.describe()
    assert lines[:2] == [
        "Enter a string: In foo[Process-1]: array = b'hello world'",
        "In bar[Process-2]: value = b'hello world'",
    ], ran.describe()
    assert lines[2].startswith(_WRAPPER) and "c_int_Array_11 object at 0x" in lines[2], ran.describe()
    assert lines[3:] == ["String = b'HELLO\\x00WORLD'", "exit codes 0 0"], ran.describe()


@pytest.mark.parametrize("start_method", start_method_params())
def test_an_at_sign_in_the_input_makes_bar_fail_with_type_error(start_method):
    """An '@' in the input becomes 32 after foo, and bar's `arr[i] = b'\\n'` then fails with `TypeError`"""
    # Red if an int Array took b'\n' (bar would exit 0 and a newline appear).
    ran, lines = _run_notes_program(start_method, "me@home")
    assert lines[3:] == ["String = b'ME HOME'", "exit codes 0 1"], ran.describe()
    assert "TypeError" in ran.stderr and ran.stderr.startswith("Process Process-2:"), ran.describe()
