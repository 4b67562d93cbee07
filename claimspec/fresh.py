"""Running code in a fresh child interpreter.

Claims about process exit, daemon threads, monkey-patching, start methods or
interpreter flags cannot be checked inside the test runner, whose interpreter
is shared by every test. They run in a child ``sys.executable``, so PyPy and
free-threaded builds test themselves.
"""
import os
import select
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

from .timeouts import LONG

_WATCHDOG_DIR = Path(__file__).resolve().parent / "_watchdog"
_PROJECT_ROOT = _WATCHDOG_DIR.parent.parent


@dataclass
class Ran:
    """What a child interpreter did: exit code, output, error output, wall time."""

    returncode: int
    stdout: str
    stderr: str
    elapsed: float

    def describe(self):
        return (
            f"exit code {self.returncode} after {self.elapsed:.2f} s\n"
            f"--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"
        )

    def assert_ok(self):
        """The child exited with 0 and wrote nothing to stderr; returns self."""
        assert self.returncode == 0 and self.stderr == "", self.describe()
        return self


def child_env(extra=None, watchdog=LONG):
    """The environment of a child interpreter: ours, plus the watchdog."""
    env = dict(os.environ)
    path = [str(_WATCHDOG_DIR), str(_PROJECT_ROOT)]
    if env.get("PYTHONPATH"):
        path.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(path)
    env["SPEC_WATCHDOG"] = str(watchdog)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    env.pop("PYTHONSTARTUP", None)
    if extra:
        env.update(extra)
    return env


def _wait(proc, timeout):
    """``proc.wait(timeout)`` that returns as soon as the child exits: Popen.wait with a timeout
    polls, sleeping up to 50 ms between looks, which cost every child run up to that much; a
    pidfd (Linux 5.3+, Python 3.9+) wakes the wait at the exit instead."""
    try:
        fd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):
        return proc.wait(timeout=timeout)
    try:
        if not select.select([fd], [], [], timeout)[0]:
            raise subprocess.TimeoutExpired(proc.args, timeout)
        return proc.wait()
    finally:
        os.close(fd)


def run_python(code, *args, timeout=LONG, env=None, interpreter=None, as_file=True, cwd=None):
    """Run ``code`` (dedented) in a fresh interpreter and return a ``Ran``.

    By default the code is written to a script file and run as ``__main__``
    from that file (as a user runs a program; the spawn and forkserver start
    methods need a real main file). With ``as_file=False`` it runs with ``-c``.
    ``args`` go to the script's ``sys.argv``. The child carries a watchdog that
    ends it after ``timeout`` seconds; the parent waits a little longer, then
    kills it.
    """
    code = textwrap.dedent(code)
    interpreter = interpreter or sys.executable
    with tempfile.TemporaryDirectory(prefix="spec-child-") as tmp, \
            tempfile.TemporaryDirectory(prefix="spec-child-output-") as output:  # not in the child's cwd
        if as_file:
            script = Path(tmp) / "child_program.py"
            script.write_text(code, encoding="utf-8")
            argv = [interpreter, str(script), *args]
        else:
            argv = [interpreter, "-c", code, *args]
        # The child's output goes to files, not pipes: the wait below is for the child itself. A
        # pipe would also wait for every process that inherited it - under a broken runtime, a
        # grandchild left running (a thread body run in a forked child) kept the pipe open after
        # the watchdog had ended the child, and each such test waited out timeout + 10 s.
        out_path, err_path = Path(output) / "stdout", Path(output) / "stderr"
        started = time.monotonic()
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                    env=child_env(env, watchdog=timeout), cwd=cwd or tmp)
            try:
                returncode = _wait(proc, timeout + 10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                returncode = None
        elapsed = time.monotonic() - started
        stdout, stderr = (p.read_text(encoding="utf-8", errors="replace") for p in (out_path, err_path))
        if returncode is None:
            raise AssertionError(
                f"child interpreter still running after {timeout + 10:.0f} s and was killed\n"
                f"--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
            )
    return Ran(returncode, stdout, stderr, elapsed)
