"""The standard profiler runs as `python -m cProfile`; the notes' `python -m CProfile` fails with "No module named CProfile"."""
import re
import subprocess
import sys

import pytest

from claimspec import LONG, Claim
from claimspec.fresh import child_env

from spec.speed.speedwork import PRIME_SOURCE, gen_prime

pytestmark = pytest.mark.speed

CLAIM = Claim(
    section="Profiling a function in python",
    notes="Profile a program with `python -m CProfile <program>`.",
    verdict="notes-wrong",
    truth="The module is cProfile, with a lower-case c (module names are case-sensitive, even "
    "on case-insensitive file systems): `python -m cProfile [-s sort] program.py` runs the "
    "program and prints every function's call count and times; `python -m CProfile` exits "
    "with status 1 and 'No module named CProfile' on stderr, having run nothing.",
)

PRIMES = 500
PROGRAM = f"""
{PRIME_SOURCE}

print("last candidate", gen_prime({PRIMES}))
"""


def run_module(module, tmp_path):
    script = tmp_path / "gen_prime.py"
    script.write_text(PROGRAM)
    return subprocess.run(
        [sys.executable, "-m", module, "-s", "ncalls", str(script)],
        capture_output=True, text=True, env=child_env(), cwd=str(tmp_path), timeout=LONG,
    )


def test_python_m_cprofile_runs_the_program_and_counts_every_call(tmp_path):
    done = run_module("cProfile", tmp_path)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    last = gen_prime(PRIMES)
    assert f"last candidate {last}" in done.stdout  # the program itself ran
    assert re.search(r"\d+ function calls", done.stdout), done.stdout
    # gen_prime tries every candidate from 2 to the last prime: is_prime is called that often.
    row = next(line for line in done.stdout.splitlines() if "(is_prime)" in line)
    assert row.split()[0] == str(last - 2), row


def test_python_m_capital_cprofile_fails_with_no_module_named_cprofile(tmp_path):
    done = run_module("CProfile", tmp_path)
    assert done.returncode == 1
    assert "No module named CProfile" in done.stderr
    assert done.stdout == ""  # the program never ran
