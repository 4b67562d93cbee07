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
import subprocess
import sys
import sysconfig
from functools import lru_cache
from pathlib import Path

try:
    import pytest
except ImportError:
    # a child interpreter the spec runs (the PyPy child of the PyPy speed claims, which imports
    # spec.speed.speedwork and so claimspec) may have no pytest: its markers are then None, and
    # only the tests, which run under pytest, use them
    pytest = None


class _NoMarks:
    def __getattr__(self, name):
        return None


_mark = pytest.mark if pytest is not None else _NoMarks()

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


def documented_default_start_method(platform=None, version=None):
    """The start method multiprocessing's documentation gives as the default for a platform
    (``sys.platform``) and a language version (``sys.version_info[:2]``); by default this one's.

    spawn on Windows and on macOS (from 3.8); on Linux and the other POSIX systems fork up to
    3.13 and forkserver from 3.14 ("What's New In Python 3.14"). The default is chosen by the
    standard library's multiprocessing/context.py, which PyPy ships from the CPython version it
    implements, so the language version decides on every implementation: PyPy 3.9 and 3.11
    (3.9 and 3.11 standard libraries) fork on Linux, as CPython 3.9 and 3.11 do.
    """
    platform = platform or sys.platform
    version = tuple(version or sys.version_info[:2])
    if platform in ("win32", "darwin"):
        return "spawn"
    return "forkserver" if version >= (3, 14) else "fork"


#: Names a start method that the spec's conftest makes this process's default before any test
#: (``tox -e spawn-default``: spawn, standing in for macOS and Windows). Only the spec's own process
#: and the children it starts through multiprocessing follow it; a fresh interpreter started with
#: ``run_python`` has its platform's default (the documented one) as before.
START_METHOD_VARIABLE = "SPEC_START_METHOD"


def forced_default_start_method():
    """The start method ``SPEC_START_METHOD`` made this process's default, or None."""
    return os.environ.get(START_METHOD_VARIABLE) or None


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


# --- optional parts -------------------------------------------------------------
# What some claims need beyond the runtime under test: a module (gevent, numba, Cython), a C
# compiler with Python's headers, a PyPy to compare against, a browser (the page's tests). Where
# one is missing the claim skips, and the reason says what to install. CI installs them all and
# sets SPEC_REQUIRE_OPTIONAL, under which a missing part that this runtime is set up to have is a
# failure instead, so a skip cannot hide a broken set-up there (see `required`).

PROJECT = Path(__file__).resolve().parent.parent
REQUIRE_VARIABLE = "SPEC_REQUIRE_OPTIONAL"
LEFT_OUT_VARIABLE = "SPEC_LEFT_OUT"
#: The parts that are not Python modules; a module is named as ``requires_module`` names it.
OTHER_PARTS = ("c-compiler", "pypy", "browser")

#: How to get an optional module where it is missing (a module not listed: ``pip install NAME``).
MODULE_INSTALL = {
    "gevent": "pip install gevent (wheels for CPython; on PyPy and 3.14t it builds from source and "
    "needs gcc and the runtime's -dev package; 3.13t cannot build it)",
    "numba": "pip install numba (wheels for CPython 3.9-3.15 and 3.14t; none for PyPy or 3.13t)",
    "Cython": "pip install Cython",
    "ipykernel": "pip install -r requirements-notebook.txt (ipykernel and jupyter_client), or run tox -e notebook",
    "jupyter_client": "pip install -r requirements-notebook.txt (ipykernel and jupyter_client), or run tox -e notebook",
}
PYPY_INSTALL = "Debian: apt-get install pypy3, or name one in $SPEC_PYPY"
#: Where to see a claim about another runtime checked.
ON_PYPY = "run it on PyPy: Debian: apt-get install pypy3 pypy3-dev, then tox -e pypy39"
ON_FREE_THREADED = ("run it on a free-threaded build: python3.13t (bash tools/build_py313t.sh builds one) "
                    "or python3.14t, then tox -e py313t")
ON_GIL_BUILD = "run it on a default build with a GIL: python3, or tox -e py313"


def on_cpython(minor):
    """Where to see a claim about CPython 3.<minor> or later checked."""
    return (f"run it on CPython 3.{minor} or later: tox -e py3{minor} with python3.{minor} on PATH; on Debian 12, "
            f"as root: bash tools/sid.sh setup, then bash tools/sid.sh tox -e py315")


def debian_dev_package():
    """The Debian package that has this runtime's C headers (Python.h)."""
    if IS_PYPY:
        return "pypy3-dev"
    return f"python{sys.version_info[0]}.{sys.version_info[1]}-dev"


def c_compiler_install(headers=True):
    return "Debian: apt-get install gcc" + (f" {debian_dev_package()}" if headers else "")


@lru_cache(maxsize=None)
def c_compiler_problem(headers=True):
    """What stops a C extension (``headers=False``: a plain C program) being built here, or None.

    The compiler is the one ``sysconfig`` names (``CC``, as the runtime was built: on Debian
    ``x86_64-linux-gnu-gcc``), and it must run; with ``headers``, ``Python.h`` must be in
    ``sysconfig``'s include folder (Debian has it in python3.X-dev, PyPy's in pypy3-dev).
    """
    cc = (sysconfig.get_config_var("CC") or "cc").split()
    if not shutil.which(cc[0]):
        return f"{cc[0]}, the C compiler sysconfig names, is not installed"
    try:
        ran = subprocess.run(cc + ["--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        return f"{cc[0]}, the C compiler sysconfig names, does not run ({error})"
    if ran.returncode != 0:
        return f"{cc[0]} --version, the C compiler sysconfig names, exited with {ran.returncode}"
    include = sysconfig.get_paths().get("include") or "?"
    if headers and not os.path.isfile(os.path.join(include, "Python.h")):
        return f"there is no Python.h in {include}"
    return None


def _names(value):
    return {name.lower() for name in re.split(r"[\s,]+", value or "") if name}


def _canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


@lru_cache(maxsize=None)
def installed_here(module):
    """True when requirements.txt installs ``module`` on this runtime (its environment marker, such
    as numba's ``platform_python_implementation == "CPython"``, holds here), False when its marker
    leaves it out, None when requirements.txt does not name it."""
    try:
        lines = (PROJECT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        from packaging.requirements import InvalidRequirement, Requirement
    except (OSError, ImportError):
        return None
    for line in lines:
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if _canonical(requirement.name) == _canonical(module):
            return requirement.marker is None or requirement.marker.evaluate()
    return None


def required(part):
    """True when this run must have the optional ``part``, so that its absence fails instead of skipping.

    ``SPEC_REQUIRE_OPTIONAL`` names the parts (``gevent numba Cython c-compiler pypy browser``,
    commas or spaces), or is ``all`` (or ``1``): every part this runtime is set up to have, that is
    the modules requirements.txt installs here (numba's marker leaves it out on PyPy) and the C
    compiler, a PyPy to compare against and the browser. ``SPEC_LEFT_OUT`` names the parts a run
    leaves out on purpose (tox's minimal env: gevent numba pypy; py313t: gevent numba), which are
    never required. ``SPEC_REQUIRE_BROWSER=1`` (older) requires the browser.
    """
    part = part.lower()
    asked = _names(os.environ.get(REQUIRE_VARIABLE))
    if os.environ.get("SPEC_REQUIRE_BROWSER") == "1":
        asked.add("browser")
    if part in _names(os.environ.get(LEFT_OUT_VARIABLE)):
        return False
    if part in asked:
        return True
    if asked & {"all", "1"}:
        return part in OTHER_PARTS or bool(installed_here(part))
    return False


def _required_message(part, reason):
    settings = [f"{name}={os.environ[name]}" for name in (REQUIRE_VARIABLE, "SPEC_REQUIRE_BROWSER", LEFT_OUT_VARIABLE)
                if os.environ.get(name)]
    return f"{part} is required in this run ({', '.join(settings)}) but missing: {reason}"


def lacking(part, reason):
    """Stop the running test for want of an optional part: a skip with ``reason`` (which names what
    to install), or a failure when this run requires the part (`required`)."""
    if required(part):
        pytest.fail(_required_message(part, reason), pytrace=False)
    pytest.skip(reason)


# --- guards -----------------------------------------------------------------
# Markers; the plugin turns each into a skip with the reason shown here when
# the runtime lacks what the claim needs (a failure when the claim lacks an
# optional part that this run requires: `required`).
requires_gil = _mark.requires_gil
requires_free_threading = _mark.requires_free_threading
cpython_only = _mark.cpython_only
pypy_only = _mark.pypy_only
requires_start_method = _mark.requires_start_method
requires_cores = _mark.requires_cores
requires_module = _mark.requires_module
#: ``@requires_c_compiler``: builds C extensions (the compiler sysconfig names, and Python.h);
#: ``@requires_c_compiler(headers=False)``: builds plain C programs.
requires_c_compiler = _mark.requires_c_compiler
#: a PyPy interpreter to run or compare against (`find_pypy`), whatever runs the spec
requires_pypy_interpreter = _mark.requires_pypy_interpreter


def skip_reason(marker):
    """Why a test carrying ``marker`` cannot run here, or None if it can."""
    name = marker.name
    if name == "requires_gil":
        if not gil_enabled():
            return f"this claim is about runtimes with a GIL, and this one runs without it ({ON_GIL_BUILD})"
    elif name == "requires_free_threading":
        if gil_enabled():
            return f"needs free-threaded Python (3.13t or later with the GIL off); this runtime has a GIL ({ON_FREE_THREADED})"
    elif name == "cpython_only":
        if not IS_CPYTHON:
            return f"a CPython detail; this runtime is {IMPLEMENTATION} (run it on CPython: python3)"
    elif name == "pypy_only":
        if not IS_PYPY:
            return f"a PyPy detail; this runtime is {IMPLEMENTATION} ({ON_PYPY})"
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
            install = MODULE_INSTALL.get(module, f"pip install {module}")
            return f"{module} is not installed for this runtime" + (f" ({why})" if why else "") + f": {install}"
    elif name == "requires_c_compiler":
        headers = marker.kwargs.get("headers", True)
        problem = c_compiler_problem(headers)
        if problem:
            needs = "a C compiler and Python's headers" if headers else "a C compiler"
            return f"needs {needs} ({problem}): {c_compiler_install(headers)}"
    elif name == "requires_pypy_interpreter":
        if not find_pypy():
            return f"no PyPy interpreter found to run or compare against: {PYPY_INSTALL}"
    return None


def guard_part(marker):
    """The optional part a guard asks for (a module's name, ``c-compiler``, ``pypy``), or None for
    guards about the runtime itself (its GIL, its implementation, its cores ...)."""
    if marker.name == "requires_module":
        return marker.args[0]
    return {"requires_c_compiler": "c-compiler", "requires_pypy_interpreter": "pypy"}.get(marker.name)


def guard_outcome(marker):
    """``("skip", reason)`` or ``("fail", message)`` for a guard this runtime does not meet, else None."""
    reason = skip_reason(marker)
    if not reason:
        return None
    part = guard_part(marker)
    if part and required(part):
        return "fail", _required_message(part, reason)
    return "skip", reason


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
    "requires_c_compiler(headers=True)": "the claim builds C code: the C compiler sysconfig names (and Python.h)",
    "requires_pypy_interpreter": "the claim runs or compares against a PyPy interpreter",
}
