"""The `time` command runs a program and reports its real (wall), user and sys (CPU) seconds: how much of its time it computed and how much it waited."""
import shutil
import subprocess
import sys

import pytest

from claimspec import LONG, Claim
from spec.profiling.timed_programs import BUSY, BUSY_CPU, SLEEP, SLEEPING

CLAIM = Claim(
    section="Profiling a program in Linux",
    notes="To profile a whole program on Linux, use the `time` command.",
    verdict="holds",
    truth=(
        "`time` (the shell keyword, or /usr/bin/time) runs the program and reports its real "
        "(wall-clock), user and sys (CPU) seconds: a program that computes has user + sys close to "
        "real, one that waits has them far below it, which is the whole-program view the duty "
        "cycle needs. It does not say in which function the time goes: for that, cProfile "
        "(test_the_profiler_module_is_cprofile_in_lower_case)."
    ),
    line=1714,
)


needs_bash = pytest.mark.skipif(not shutil.which("bash"), reason="needs bash for its `time` keyword")


def bash_time(program, tmp_path):
    """(real, user, sys) as bash's `time` reports them for ``program`` run by this interpreter."""
    script = tmp_path / "program.py"
    script.write_text(program)
    command = f'TIMEFORMAT="%R %U %S"; time "{sys.executable}" "{script}"'
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=LONG)
    assert done.returncode == 0, done.stderr
    return tuple(map(float, done.stderr.split()))


@needs_bash
def test_bash_time_reports_the_real_user_and_sys_seconds_of_a_program_that_computes(tmp_path):
    """Bash's `time` reports real, user and sys seconds; a CPU-bound child's user + sys is its CPU work, at most real"""
    # Red where `time` were not a measurement of the command (no figures, CPU above wall on one thread).
    real, user, system = bash_time(BUSY, tmp_path)
    assert user + system >= BUSY_CPU * 0.9, (real, user, system)
    assert user + system <= real * 1.05 + 0.01, (real, user, system)


@needs_bash
def test_bash_time_shows_a_program_that_waits_spending_little_of_its_real_time_on_the_cpu(tmp_path):
    """For a child that sleeps 0.5 s, bash's `time` reports real of at least 0.5 s and user + sys under a quarter of it"""
    # Red where `time` counted a wait as CPU time (user + sys near real), so it could not tell waiting from computing.
    real, user, system = bash_time(SLEEPING, tmp_path)
    assert real >= SLEEP, (real, user, system)
    assert user + system < real / 4, (real, user, system)
