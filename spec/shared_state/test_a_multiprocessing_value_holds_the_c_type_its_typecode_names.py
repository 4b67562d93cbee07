"""A `multiprocessing.Value` holds one C object of the type its typecode names: "i" is a C int, which wraps silently on overflow."""
import ctypes
import multiprocessing

import pytest

from claimspec import LONG, SHORT, Claim
from spec.processes import process_targets as targets

CLAIM = Claim(
    section="Data sharing between process: Value",
    notes=(
        "In Value('i', 100), 'i' is the ctype argument that tells the Value class what type its "
        "value is."
    ),
    verdict="holds",
    truth=(
        "The first argument is a typecode of the array module or a ctypes type: 'i' gives a "
        "ctypes.c_int, 'd' a c_double. A C int keeps C's limits: storing 2**31 in a 4-byte int "
        "silently gives -2**31, in a child as in the parent (the same under every start method), "
        "and a float is refused with TypeError."
    ),
    line=1577,
)

INT_BITS = 8 * ctypes.sizeof(ctypes.c_int)


def test_typecodes_i_and_d_give_a_c_int_and_a_c_double():
    """Typecode "i" gives a `ctypes.c_int`, "d" a `ctypes.c_double`, and a ctypes type is taken as it is"""
    # Red if the typecode were ignored (every Value one Python object, as the notes' home-made class).
    assert type(multiprocessing.Value("i", 0).get_obj()) is ctypes.c_int
    assert type(multiprocessing.Value("d", 0).get_obj()) is ctypes.c_double
    assert type(multiprocessing.Value(ctypes.c_short, 0).get_obj()) is ctypes.c_short


def test_an_int_value_refuses_a_float():
    """A `multiprocessing.Value` of typecode "i" refuses a float with `TypeError`"""
    # Red if a Value held any Python object.
    v = multiprocessing.Value("i", 0)
    with pytest.raises(TypeError):
        v.value = 1.5


def test_an_int_value_wraps_silently_past_its_c_limit_in_a_child_as_in_the_parent(mp_context):
    """A `multiprocessing.Value` of typecode "i" wraps past the C int limit, in a child as in the parent"""
    # Red if a Value held a Python int (no wrap) or checked for overflow.
    ctx = mp_context
    v = ctx.Value("i", 0)
    v.value = 2 ** (INT_BITS - 1)
    assert v.value == -(2 ** (INT_BITS - 1))
    written, report = ctx.Event(), ctx.Queue()
    child = ctx.Process(target=targets.write_box, args=(v, 2 ** INT_BITS + 5, written, report))
    assert targets.run_to_end([child], LONG) == [0]
    assert targets.drain(report, 2, SHORT)["writer after"] == 5
    assert v.value == 5
