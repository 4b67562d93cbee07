"""A GIL is a property of the runtime, not of Python: every CPython before 3.13 and PyPy has one, a free-threaded build runs without it, and the runtime says which."""
import sys
import sysconfig

import pytest

from claimspec import Claim, cpython_only, run_python
from claimspec import runtime

CLAIM = Claim(
    section="GIL",
    notes="Python has a GIL (global interpreter lock): threads share one interpreter, so a thread "
    "that gets to run first acquires the GIL, then executes.",
    verdict="runtime-dependent",
    depends_on=(
        "the build: every CPython up to 3.12 and every PyPy has a GIL that a thread must hold to "
        "run Python code; CPython 3.13+ built with --disable-gil (python3.13t, 3.14t, officially "
        "supported from 3.14) shares one interpreter among its threads without a GIL, unless "
        "PYTHON_GIL=1 / -X gil=1 or an extension that needs it turns it back on. Sharing an "
        "interpreter is therefore not what makes the lock necessary. sys._is_gil_enabled() "
        "(CPython 3.13+) says whether it is on now; sysconfig's Py_GIL_DISABLED says whether the "
        "build is free-threaded."
    ),
    changed_in={
        "3.13": ("an optional free-threaded build, the GIL disabled (PEP 703)", "https://docs.python.org/3/howto/free-threading-python.html"),
    },
    line=311,
)

FREE_THREADED_BUILD = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
free_threaded_build_only = pytest.mark.skipif(not FREE_THREADED_BUILD, reason="needs a free-threaded (--disable-gil) build ("
                                     + runtime.ON_FREE_THREADED + ")")


@cpython_only
def test_cpython_has_sys_is_gil_enabled_from_3_13_on():
    """CPython has `sys._is_gil_enabled` from 3.13 on, and not before"""
    # Red on a CPython that cannot say whether its GIL is on (3.13+ without the function).
    assert hasattr(sys, "_is_gil_enabled") == (sys.version_info >= (3, 13))


@cpython_only
def test_py_gil_disabled_is_defined_from_3_13_and_true_only_on_free_threaded_builds():
    """`Py_GIL_DISABLED` is defined from 3.13 on, and a build where it is 0 always runs with its GIL"""
    value = sysconfig.get_config_var("Py_GIL_DISABLED")
    if sys.version_info < (3, 13):
        assert not value  # undefined (None) before 3.13
    else:
        assert value in (0, 1)
        if value == 0:
            assert sys._is_gil_enabled() is True, "a default build always has its GIL"


@pytest.mark.skipif(not runtime.IS_PYPY, reason="a PyPy fact (" + runtime.ON_PYPY + ")")
def test_pypy_has_a_gil_and_no_free_threaded_build():
    """PyPy has a GIL and no free-threaded build"""
    assert not sysconfig.get_config_var("Py_GIL_DISABLED")
    assert getattr(sys, "_is_gil_enabled", lambda: True)() is True


@cpython_only
@pytest.mark.skipif(FREE_THREADED_BUILD or sys.version_info < (3, 13), reason="needs a default (GIL) build of CPython 3.13+ ("
                    + runtime.on_cpython(13) + ")")
def test_a_default_build_refuses_to_run_with_the_gil_turned_off():
    """A default build of CPython 3.13+ refuses `PYTHON_GIL=0` and keeps its GIL with `PYTHON_GIL=1`"""
    ran = run_python("print('ran without a GIL')", env={"PYTHON_GIL": "0"})
    assert ran.returncode != 0 and ran.stdout == "", ran.describe()
    assert "Disabling the GIL is not supported by this build" in ran.stderr, ran.describe()
    kept = run_python("import sys; print(sys._is_gil_enabled())", env={"PYTHON_GIL": "1"})
    kept.assert_ok()
    assert kept.stdout == "True\n", kept.describe()


@free_threaded_build_only
@pytest.mark.parametrize("setting, enabled", [("0", False), ("1", True)], ids=["off", "on"])
def test_a_free_threaded_build_turns_the_gil_on_or_off_with_python_gil(setting, enabled):
    """A free-threaded build runs with the GIL off under `PYTHON_GIL=0` and on under `PYTHON_GIL=1`"""
    # Red on a free-threaded build that ignores PYTHON_GIL (always on or always off).
    ran = run_python("import sys; print(sys._is_gil_enabled())", env={"PYTHON_GIL": setting})
    ran.assert_ok()
    assert ran.stdout == f"{enabled}\n", ran.describe()


def test_the_spec_runtime_fact_agrees_with_the_interpreter():
    """The spec's `gil_enabled()` agrees with what the interpreter reports"""
    probe = getattr(sys, "_is_gil_enabled", None)
    assert runtime.gil_enabled() is (True if probe is None else probe())
