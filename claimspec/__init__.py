"""Support for the Python Concurrency Spec: claim metadata, timeouts, waits,
fresh interpreters and runtime guards. Spec modules import from here; nothing
here is copied into a module.
"""
from .claims import SECTIONS, VERDICTS, Claim
from .fresh import Ran, run_python
from .runtime import (
    cpython_only,
    gil_enabled,
    lacking,
    pypy_only,
    requires_c_compiler,
    requires_cores,
    requires_free_threading,
    requires_gil,
    requires_module,
    requires_pypy_interpreter,
    requires_start_method,
    start_method_params,
    usable_cores,
)
from .timeouts import LONG, SETTLE, SHORT
from .waiting import (
    WaitTimeout, best_of, blocks_until, bounded_exit, call_within, finish, join_threads, shut_down, start_call,
    stays_blocked, switch_interval, wait_until,
)

__all__ = [
    "SECTIONS", "VERDICTS", "Claim", "Ran", "run_python", "cpython_only", "gil_enabled",
    "lacking", "pypy_only", "requires_c_compiler", "requires_cores", "requires_free_threading", "requires_gil",
    "requires_module", "requires_pypy_interpreter", "requires_start_method", "start_method_params", "usable_cores",
    "LONG", "SETTLE", "SHORT", "WaitTimeout", "best_of", "blocks_until", "bounded_exit", "call_within", "finish",
    "join_threads", "shut_down", "start_call", "stays_blocked", "switch_interval", "wait_until",
]
