"""The notes' numba program runs: explicit signatures make numba compile both functions when they are defined, and the print inside the jitted loop prints every prime."""
import re

from claimspec import Claim, requires_module, run_python

from spec.gil.gil_programs import FIRST_TEN_PRIMES, NUMBA_DEFINITIONS, NUMBA_PRIME_PROGRAM, TIMING_LINE

pytestmark = requires_module("numba", why="the notes' numba program needs numba")

CLAIM = Claim(
    section="GIL",
    notes="gen_prime_numba.py: the prime program with `@jit(boolean(int32))` on is_prime, "
    "`@jit(void(int32))` on gen_prime, and a print of each prime inside the jitted loop.",
    verdict="holds",
    truth="It runs as written with numba: the explicit signatures compile both functions to "
    "machine code when they are defined (so the timing leaves the compile out), nopython mode "
    "accepts print() of an integer, and the program prints every prime (100000 lines for the "
    "notes' count) between its heading and its timing. So its timing includes printing and is "
    "not comparable with gen_prime.py's, which prints no primes. numba is not available on PyPy "
    "or free-threaded builds.",
    line=374,
)

REPORT = NUMBA_DEFINITIONS + """
import types
print("plain Python functions:", isinstance(gen_prime, types.FunctionType))
print("gen_prime compiled for:", [str(t) for sig in gen_prime.overloads for t in sig])
print("is_prime compiled for:", [str(t) for sig in is_prime.overloads for t in sig])
print("machine code made:", "define" in "".join(gen_prime.inspect_llvm().values()))
"""


def test_explicit_signatures_compile_both_functions_before_any_call():
    """With explicit signatures numba compiles `is_prime` and `gen_prime` for `int32` before any call"""
    # Red on a numba whose jit did nothing (plain functions, nothing compiled, no LLVM code).
    ran = run_python(REPORT, "10").assert_ok()
    assert ran.stdout.splitlines() == [
        "plain Python functions: False",
        "gen_prime compiled for: ['int32']",
        "is_prime compiled for: ['int32']",
        "machine code made: True",
    ], ran.describe()


def test_the_program_prints_each_prime_from_the_jitted_loop_then_its_timing():
    """The program prints its heading, each of the first 10 primes from the jitted loop, then its timing"""
    # Red on a jit that drops or reorders the print, or computes wrong primes.
    ran = run_python(NUMBA_PRIME_PROGRAM, "10").assert_ok()
    lines = ran.stdout.splitlines()
    assert lines[0] == "Generating 10 prime numbers...", ran.describe()
    assert [int(line) for line in lines[1:-1]] == FIRST_TEN_PRIMES, ran.describe()
    assert re.fullmatch(TIMING_LINE % 10, lines[-1]), ran.describe()
