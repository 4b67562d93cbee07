"""Array("i", some_bytes) holds one int per byte: a bytes item cannot be stored in it, and bytes() of it gives the text back only while every item stays in range(256)."""
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
        "The notes' buffer example builds Array('i', bytes(text)), prints bytes(arr) as the text, "
        "has one child subtract 32 from every item and the other store b'\\n' wherever an item is 32 (a space)."
    ),
    verdict="notes-wrong",
    truth=(
        "Typecode 'i' makes each byte a C int. bytes(arr) on the synchronized wrapper builds bytes "
        "from the items one by one, so it shows the text while every item is in range(256) and "
        "raises ValueError once one is not; the buffer itself (arr.get_obj(), or a RawArray) is the "
        "ints' memory, four bytes per character on common platforms. Storing b'\\n' in an item "
        "raises TypeError, inside the child: the parent sees only exit code 1 (the traceback goes "
        "to the child's stderr). In the notes' order (foo first) the space is already 0 when bar "
        "looks, so bar changes nothing. Typecode 'c' holds the text itself and takes b'\\n' items "
        "(read it with .value or .raw: bytes() of it raises TypeError). The same under every start method."
    ),
)

TEXT = b"hello world"


def _as_int_memory(values):
    return b"".join(v.to_bytes(ctypes.sizeof(ctypes.c_int), sys.byteorder, signed=True) for v in values)


def test_an_int_array_holds_the_byte_values_and_bytes_of_it_rebuilds_the_text():
    arr = multiprocessing.Array("i", TEXT)
    assert arr[:] == list(TEXT)
    assert bytes(arr) == TEXT  # the wrapper is iterated item by item
    assert bytes(arr.get_obj()) == _as_int_memory(TEXT)  # the buffer itself
    assert len(bytes(arr.get_obj())) == len(TEXT) * ctypes.sizeof(ctypes.c_int)


def test_bytes_of_an_int_array_fails_once_an_item_leaves_range_256():
    arr = multiprocessing.Array("i", TEXT)
    arr[0] = -5
    with pytest.raises(ValueError):
        bytes(arr)


def test_storing_a_bytes_item_in_an_int_array_raises_type_error():
    arr = multiprocessing.Array("i", TEXT)
    with pytest.raises(TypeError):
        arr[5] = b"\n"
    assert arr[5] == 32


def test_a_char_array_holds_the_text_and_takes_bytes_items():
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
    ran = run_python(_CHILD_FAILS, start_method, str(LONG / 2))
    assert ran.returncode == 0, ran.describe()
    assert ran.stdout.splitlines() == ["exit code 1", "array unchanged True"], ran.describe()
    assert "TypeError" in ran.stderr and ran.stderr.startswith("Process "), ran.describe()


def test_in_the_notes_order_foo_clears_the_space_before_bar_looks_for_it(mp_context):
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
    ctx = mp_context
    arr = ctx.Array("c", TEXT)
    foo_done = ctx.Event()
    foo = ctx.Process(target=sharing.upper_case_chars, args=(arr, foo_done))
    bar = ctx.Process(target=sharing.space_chars_to_newlines, args=(arr, foo_done, LONG))
    assert targets.run_to_end([foo, bar], LONG) == [0, 0]
    assert arr.raw == b"HELLO\nWORLD"
