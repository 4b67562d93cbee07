"""Facts about the runtime the spec runs on, and guards that depend on them.

Each guard is a pytest marker whose skip reason a reader understands. They are
registered and enforced by ``claimspec.plugin``; spec modules use them as
``@requires_gil``, ``@requires_cores(2)``, ``@requires_module("gevent")`` ...
"""
import importlib.util
import multiprocessing
import os
import platform
import re
import shutil
import sys
import sysconfig

import pytest

IMPLEMENTATION = platform.python_implementation()  # "CPython", "PyPy", ...
VERSION = platform.python_version()
IS_CPYTHON = IMPLEMENTATION == "CPython"
IS_PYPY = IMPLEMENTATION == "PyPy"
#: Built with --disable-gil (3.13t, 3.14t); the GIL may still be switched on at run time.
FREE_THREADED_BUILD = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
START_METHODS = ("fork", "spawn", "forkserver")


def gil_enabled():
    """True when a global interpreter lock serialises Python bytecode right now.

    Every CPython before 3.13 and every PyPy has one; a free-threaded build
    reports its state through ``sys._is_gil_enabled()`` (the GIL can be
    switched back on with ``PYTHON_GIL=1`` or by an extension that needs it).
    """
    probe = getattr(sys, "_is_gil_enabled", None)
    return True if probe is None else bool(probe())


def usable_cores():
    """Cores this process may run on (its affinity), not the machine's total."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def available_start_methods():
    return tuple(m for m in START_METHODS if m in multiprocessing.get_all_start_methods())


def default_start_method():
    """The start method multiprocessing uses when none is chosen, without fixing it."""
    chosen = multiprocessing.get_start_method(allow_none=True)
    if chosen:
        return chosen
    try:
        return multiprocessing.context._default_context._default_context.get_start_method()
    except AttributeError:  # pragma: no cover - a runtime without that private layout
        return multiprocessing.get_all_start_methods()[0]


def module_available(name):
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def find_pypy():
    """A PyPy interpreter to compare against: $SPEC_PYPY, else pypy3 or pypy on PATH."""
    named = os.environ.get("SPEC_PYPY")
    if named:
        return shutil.which(named) or (named if os.path.exists(named) else None)
    if IS_PYPY:
        return sys.executable
    return shutil.which("pypy3") or shutil.which("pypy")


_PYPY_NAME = re.compile(r"pypy(3(\.\d+)?)?")


def find_pypys():
    """Every distinct PyPy interpreter found, by real path: $SPEC_PYPY alone when it is set (a
    name that does not exist stands for "no PyPy here", as in find_pypy), else this interpreter if
    it is a PyPy, then pypy3, pypy and the versioned pypy3.X on PATH (in PATH order)."""
    candidates = []
    named = os.environ.get("SPEC_PYPY")
    if named:
        return [p for p in [shutil.which(named) or (named if os.path.exists(named) else None)] if p]
    if IS_PYPY:
        candidates.append(sys.executable)
    candidates += [shutil.which("pypy3"), shutil.which("pypy")]
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        for name in names:
            path = os.path.join(folder or ".", name)
            if _PYPY_NAME.fullmatch(name) and os.path.isfile(path) and os.access(path, os.X_OK):
                candidates.append(path)
    found, seen = [], set()
    for path in candidates:
        if path and os.path.realpath(path) not in seen:
            seen.add(os.path.realpath(path))
            found.append(path)
    return found


def describe():
    """The runtime, as the claims report heads it."""
    return {
        "implementation": IMPLEMENTATION,
        "version": VERSION,
        "executable": sys.executable,
        "free_threaded_build": FREE_THREADED_BUILD,
        "gil_enabled": gil_enabled(),
        "usable_cores": usable_cores(),
        "default_start_method": default_start_method(),
        "start_methods": list(available_start_methods()),
        "platform": platform.platform(),
    }


# --- guards -----------------------------------------------------------------
# Markers; the plugin turns each into a skip with the reason shown here when
# the runtime lacks what the claim needs.
requires_gil = pytest.mark.requires_gil
requires_free_threading = pytest.mark.requires_free_threading
cpython_only = pytest.mark.cpython_only
pypy_only = pytest.mark.pypy_only
requires_start_method = pytest.mark.requires_start_method
requires_cores = pytest.mark.requires_cores
requires_module = pytest.mark.requires_module


def skip_reason(marker):
    """Why a test carrying ``marker`` cannot run here, or None if it can."""
    name = marker.name
    if name == "requires_gil":
        if not gil_enabled():
            return "this claim is about runtimes with a GIL, and this one runs without it"
    elif name == "requires_free_threading":
        if gil_enabled():
            return "needs free-threaded Python (3.13t or later with the GIL off); this runtime has a GIL"
    elif name == "cpython_only":
        if not IS_CPYTHON:
            return f"a CPython detail; this runtime is {IMPLEMENTATION}"
    elif name == "pypy_only":
        if not IS_PYPY:
            return f"a PyPy detail; this runtime is {IMPLEMENTATION}"
    elif name == "requires_start_method":
        method = marker.args[0]
        if method not in multiprocessing.get_all_start_methods():
            return f"the {method!r} start method is not available on this platform"
    elif name == "requires_cores":
        wanted = marker.args[0]
        have = usable_cores()
        if have < wanted:
            return f"needs {wanted} usable cores, this process may use {have}"
    elif name == "requires_module":
        module = marker.args[0]
        if not module_available(module):
            why = marker.kwargs.get("why", "")
            return f"{module} is not installed for this runtime" + (f" ({why})" if why else "")
    return None


def start_method_params():
    """``pytest.param`` for every start method, each guarded, with word ids.

    Use as ``@pytest.mark.parametrize("start_method", start_method_params())``
    or through the ``mp_context`` fixture.
    """
    return [pytest.param(m, id=m, marks=requires_start_method(m)) for m in START_METHODS]


GUARD_MARKERS = {
    "requires_gil": "the claim needs a runtime with a GIL",
    "requires_free_threading": "the claim needs a free-threaded runtime with the GIL off",
    "cpython_only": "the claim is about CPython",
    "pypy_only": "the claim is about PyPy",
    "requires_start_method(name)": "the claim needs that multiprocessing start method",
    "requires_cores(n)": "the claim needs at least n usable cores",
    "requires_module(name, why=...)": "the claim needs an optional module (gevent, numba ...)",
}
