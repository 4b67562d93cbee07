"""A real Jupyter kernel, driven headless, for the claims about the notes' notebook cells.

The notes are a notebook: a reader runs their programs as cells of an IPython kernel, whose
``__main__`` is the kernel's, whose event loop is already running and whose process lives on after
a cell ends. ``python -c`` is none of these, so a claim about what a cell shows runs the cell here,
in an ipykernel started by jupyter_client's ``KernelManager`` (no notebook server, no browser),
and asserts what the kernel sends back: the cell's stdout and stderr streams, its error (``ename``,
``evalue``), its displayed value and the output that arrives after the cell has finished.

    with Notebook() as nb:
        cell = nb.run("print(1 + 1)")
        assert cell.stdout == "2\\n" and cell.error is None

Every wait has a timeout (``claimspec.timeouts``: a cell waits at most LONG by default, the kernel's
start LONG, its shutdown SHORT), and leaving the ``with`` block always shuts the kernel down (and
kills it when it does not go), so a test leaves no process behind. Where ipykernel or
jupyter_client is missing, tests carrying ``NOTEBOOK_MARKS`` skip saying what to install.
"""
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field

import pytest

from .runtime import requires_module
from .timeouts import LONG, SHORT

#: What to install for the notebook claims (the file lists ipykernel and jupyter_client).
INSTALL = "pip install -r requirements-notebook.txt (ipykernel and jupyter_client), or run tox -e notebook"
#: The marks of a test that runs cells in a kernel: selectable with ``-m notebook``, skipped
#: with what to install where ipykernel or jupyter_client is missing.
NOTEBOOK_MARKS = (
    pytest.mark.notebook,
    requires_module("ipykernel", why="the claim is about a cell in a real Jupyter kernel"),
    requires_module("jupyter_client", why="it starts and drives the kernel"),
)


def notebook_test(function):
    """Decorate a test that runs cells in a real kernel (``NOTEBOOK_MARKS``)."""
    for mark in reversed(NOTEBOOK_MARKS):
        function = mark(function)
    return function


class CellTimeout(AssertionError):
    """A cell (or the kernel) did not answer in time."""


@dataclass
class Output:
    """What the kernel sent on its output channel for one cell, in order."""

    stdout: str = ""
    stderr: str = ""
    #: ``(ename, evalue)`` of the cell's exception, else None
    error: tuple = None
    traceback: list = field(default_factory=list)
    #: the cell's value as shown (``Out[n]``: its text/plain), else None
    result: str = None
    #: the text/plain of each display_data message
    displays: list = field(default_factory=list)

    def describe(self):
        return (f"stdout={self.stdout!r}\nstderr={self.stderr!r}\nerror={self.error!r}\nresult={self.result!r}"
                f"\ndisplays={self.displays!r}")


@dataclass
class Cell(Output):
    """One executed cell: its output while it ran, and its execution count."""

    code: str = ""
    msg_id: str = ""
    status: str = ""
    execution_count: int = None


class Notebook:
    """One ipykernel, started headless; cells run one after another in it."""

    def __init__(self, startup_timeout=LONG, env=None):
        self.startup_timeout = startup_timeout
        self.env = env
        self.cells = []
        #: output that came for a cell after that cell had finished, by the cell's msg_id
        self.late = {}
        self._folder = None
        self._manager = None
        self._client = None

    # --- start and stop -------------------------------------------------------------

    def __enter__(self):
        from jupyter_client import KernelManager
        from jupyter_client.kernelspec import KernelSpecManager

        self._folder = tempfile.TemporaryDirectory(prefix="claimspec-kernel-")
        folder = self._folder.name
        # a kernel spec of our own, for this interpreter: a spec of the same name installed on the
        # machine (for another Python) cannot stand in for it
        spec_dir = os.path.join(folder, "kernels", "claimspec-python")
        os.makedirs(spec_dir)
        with open(os.path.join(spec_dir, "kernel.json"), "w", encoding="utf-8") as f:
            json.dump({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                                "--HistoryManager.enabled=False"],
                       "display_name": "claimspec", "language": "python"}, f)
        env = dict(os.environ if self.env is None else self.env)
        # IPython's profile and Jupyter's runtime files go to the temporary folder, not the home
        env.update(IPYTHONDIR=os.path.join(folder, "ipython"), JUPYTER_RUNTIME_DIR=os.path.join(folder, "runtime"),
                   PYTHONUNBUFFERED="1")
        env.pop("MPLBACKEND", None)
        # a reader's kernel does not run under pytest: ipykernel forwards what is written to its
        # file descriptors 1 and 2 (by spawned children, say) into the cell on Linux and macOS,
        # but not when it sees PYTEST_CURRENT_TEST
        for name in [name for name in env if name.startswith("PYTEST_")]:
            del env[name]
        self._manager = KernelManager(kernel_name="claimspec-python",
                                      kernel_spec_manager=KernelSpecManager(kernel_dirs=[os.path.join(folder, "kernels")]),
                                      connection_file=os.path.join(folder, "kernel.json"),
                                      transport="ipc" if os.name == "posix" else "tcp")
        try:
            self._manager.start_kernel(env=env, cwd=folder)
            self._client = self._manager.client()
            # no heartbeat thread: a dead kernel shows as a cell that does not answer in time
            self._client.start_channels(shell=True, iopub=True, stdin=False, hb=False, control=True)
            self._client.wait_for_ready(timeout=self.startup_timeout)
        except BaseException:
            self._shut_down()
            raise
        return self

    def __exit__(self, *exc):
        self._shut_down()
        return False

    def _shut_down(self):
        try:
            if self._client is not None:
                self._client.stop_channels()
            if self._manager is not None and self._manager.has_kernel:
                self._manager.shutdown_wait_time = SHORT
                try:
                    self._manager.shutdown_kernel(now=False)
                except Exception:  # a kernel that does not answer: kill it
                    self._manager.shutdown_kernel(now=True)
        finally:
            if self._manager is not None:
                try:
                    self._manager.cleanup_resources()
                except Exception:
                    pass
            if self._folder is not None:
                self._folder.cleanup()

    @property
    def pid(self):
        """The kernel's process id."""
        return self._manager.provisioner.process.pid

    # --- cells -----------------------------------------------------------------------

    def run(self, code, timeout=LONG):
        """Run ``code`` as the next cell; return its `Cell` once the kernel is idle again.

        Output of earlier cells that arrives meanwhile (a background thread's print, say) is kept in
        ``late`` under that cell's msg_id. Raises `CellTimeout` when the cell does not finish in
        ``timeout`` seconds."""
        msg_id = self._client.execute(code, store_history=True, allow_stdin=False)
        cell = Cell(code=code, msg_id=msg_id)
        self.cells.append(cell)
        deadline = time.monotonic() + timeout
        idle = False
        while not idle:
            message = self._next(deadline, f"the cell did not finish within {timeout:.0f} s:\n{code}\n{cell.describe()}")
            idle = self._take(message, msg_id)
        reply = self._reply(msg_id, deadline, code)
        cell.status = reply["content"]["status"]
        cell.execution_count = reply["content"].get("execution_count")
        return cell

    def collect(self, until, timeout=SHORT):
        """Read output messages until ``until(self)`` is true (a bounded poll: the messages are the
        events); raise `CellTimeout` when it is not within ``timeout``."""
        deadline = time.monotonic() + timeout
        while not until(self):
            self._take(self._next(deadline, f"what was awaited did not come within {timeout:.0f} s; late output: "
                                  f"{self.late!r}"), None)

    def threads_print_into_their_own_cell(self):
        """True when this kernel sends a thread's output to the cell that started the thread, False
        when to the cell running (or last run) at the time it prints.

        ipykernel 6 (seen: 6.31 on CPython 3.9) wraps ``threading.Thread.__init__`` and ``run`` (its
        ``run_closure``) to remember each thread's starting cell; ipykernel 7 (seen: 7.4 on 3.11 and
        3.13) keeps the cell in a context variable, which a new thread inherits only where
        ``sys.flags.thread_inherit_context`` is set (the free-threaded 3.14 default)."""
        cell = self.run("import sys as _claimspec_sys, threading as _claimspec_threading\n"
                        "print(_claimspec_threading.Thread.run.__name__ == 'run_closure' or "
                        "bool(getattr(_claimspec_sys.flags, 'thread_inherit_context', 0)))")
        assert cell.error is None and cell.stdout in ("True\n", "False\n"), cell.describe()
        return cell.stdout == "True\n"

    def late_stdout(self, cell):
        """What came on stdout for ``cell`` after it finished (so far)."""
        return self.late.get(cell.msg_id, Output()).stdout

    def stderr_of(self, cell):
        """All that came on stderr for ``cell`` so far: while it ran and after. A child process's
        stderr reaches the kernel through a pipe that ipykernel forwards on its own schedule, so
        part of it may come after the cell's idle status; a notebook shows it in the same cell."""
        return cell.stderr + self.late.get(cell.msg_id, Output()).stderr

    def _next(self, deadline, why):
        from queue import Empty

        left = deadline - time.monotonic()
        if left <= 0:
            raise CellTimeout(why)
        try:
            return self._client.get_iopub_msg(timeout=left)
        except Empty:
            raise CellTimeout(why) from None

    def _take(self, message, running):
        """File one output message under its cell; True when it says the running cell is done."""
        parent = message.get("parent_header", {}).get("msg_id")
        kind = message["msg_type"]
        content = message["content"]
        if kind == "status":
            return parent == running and content.get("execution_state") == "idle"
        if parent == running:
            target = next(c for c in reversed(self.cells) if c.msg_id == running)
        elif parent:
            target = self.late.setdefault(parent, Output())
        else:
            target = self.late.setdefault(None, Output())
        if kind == "stream":
            if content["name"] == "stdout":
                target.stdout += content["text"]
            else:
                target.stderr += content["text"]
        elif kind == "error":
            target.error = (content["ename"], content["evalue"])
            target.traceback = content.get("traceback", [])
        elif kind == "execute_result":
            target.result = content["data"].get("text/plain")
        elif kind == "display_data":
            target.displays.append(content["data"].get("text/plain"))
        return False

    def _reply(self, msg_id, deadline, code):
        from queue import Empty

        while True:
            left = deadline - time.monotonic()
            try:
                reply = self._client.get_shell_msg(timeout=max(left, 0.001))
            except Empty:
                raise CellTimeout(f"no reply to the cell:\n{code}") from None
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                return reply
