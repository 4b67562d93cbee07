"""`pypy gen_prime.py` is a shell command that runs the same program on PyPy; typed into a Python cell, as the notes show it, it is a `SyntaxError`."""
import re

import pytest

from claimspec import Claim, requires_pypy_interpreter, run_python, runtime

from spec.gil.gil_programs import PRIME_PROGRAM, TIMING_LINE

CLAIM = Claim(
    section="GIL",
    notes="To run the program with PyPy, run `pypy gen_prime.py` (shown as a notebook input cell).",
    verdict="partly",
    truth="From a shell, PyPy runs gen_prime.py unchanged and prints the same two lines. As a "
    "notebook code cell the line is not Python and fails with SyntaxError (it needs a leading `!` "
    "or a terminal). The command's name varies: Debian and Ubuntu install PyPy 3 as `pypy3`, and "
    "`pypy` is often PyPy 2.",
    line=370,
)


def test_the_command_typed_as_python_is_a_syntax_error():
    """The line `pypy gen_prime.py` compiled as Python raises `SyntaxError`"""
    # Red on a notebook/runtime that passed shell lines through (none does without a `!`).
    with pytest.raises(SyntaxError):
        compile("pypy gen_prime.py\n", "<cell>", "exec")


@requires_pypy_interpreter
def test_pypy_runs_the_same_program_and_prints_the_same_two_lines():
    """PyPy runs the prime program unchanged and prints its heading and one timing line"""
    # Red on a PyPy that cannot run the program as written (the __future__ import, the version guard).
    pypy = runtime.find_pypy()
    ran = run_python(PRIME_PROGRAM, "2000", interpreter=pypy).assert_ok()
    lines = ran.stdout.splitlines()
    assert lines[0] == "Generating 2000 prime numbers...", ran.describe()
    assert re.fullmatch(TIMING_LINE % 2000, lines[1]) and len(lines) == 2, ran.describe()
