"""A missing optional part (a C compiler and Python's headers, a PyPy, a module) skips its claims with a
reason that says what to install; a run that requires the part (SPEC_REQUIRE_OPTIONAL, as CI sets it)
fails them instead, except for the parts it leaves out on purpose (SPEC_LEFT_OUT)."""
import configparser
import re
import sysconfig
from pathlib import Path

import pytest

from claimspec import runtime

ROOT = Path(__file__).resolve().parent.parent
CYTHON_CLAIM = ROOT / "spec" / "gil" / "test_cython_compiles_plain_python_into_a_c_extension_that_still_holds_the_gil.py"
CYTHON_TESTS = 7  # the module's tests: 6 about any runtime, 1 about free-threaded builds
# the one test of the module that also needs a free-threaded build skips for that reason first
FREE_THREADED_ONLY = 1 if runtime.gil_enabled() else 0
VARIABLES = ("SPEC_REQUIRE_OPTIONAL", "SPEC_REQUIRE_BROWSER", "SPEC_LEFT_OUT")


@pytest.fixture
def clean(monkeypatch):
    """No requirement from the environment this suite runs in (CI sets one), and fresh cached checks."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    runtime.c_compiler_problem.cache_clear()
    runtime.installed_here.cache_clear()
    yield monkeypatch
    runtime.c_compiler_problem.cache_clear()
    runtime.installed_here.cache_clear()


@pytest.fixture
def no_compiler(clean):
    """sysconfig names a C compiler that is not installed, as on a bare Debian 12 (x86_64-linux-gnu-gcc)."""
    real = sysconfig.get_config_var

    def config_var(name):
        return "no-such-cc-for-the-spec -pthread" if name == "CC" else real(name)

    clean.setattr(sysconfig, "get_config_var", config_var)
    return clean


@pytest.fixture
def cython_claim(project):
    """The real Cython claim module, in a throwaway project."""
    if not runtime.module_available("Cython"):
        runtime.lacking("Cython", "needs Cython to show its claim's guards: pip install Cython")
    project.spec(CYTHON_CLAIM.stem, CYTHON_CLAIM.read_text(encoding="utf-8"))
    return project


def test_without_a_c_compiler_the_cython_claim_skips_and_names_what_to_install(no_compiler, cython_claim):
    """Without the C compiler sysconfig names, the Cython claim's tests skip, naming `apt-get install gcc python3.X-dev`"""
    # Red if the guard were dropped from the module (its fixture would run and error, as on a bare
    # Debian 12 before: 6 errors), or if its reason stopped saying what to install.
    result = cython_claim.run("spec", "-rs")
    result.assert_outcomes(skipped=CYTHON_TESTS)
    result.stdout.fnmatch_lines([
        f"*needs a C compiler and Python's headers (no-such-cc-for-the-spec, the C compiler sysconfig names, is not "
        f"installed): Debian: apt-get install gcc {runtime.debian_dev_package()}*"])
    assert re.fullmatch(r"(python3\.\d+|pypy3)-dev", runtime.debian_dev_package())


@pytest.mark.parametrize("asked", ["all", "c-compiler", "gevent, c-compiler"])
def test_a_run_that_requires_the_c_compiler_fails_without_it(no_compiler, cython_claim, asked):
    """With `SPEC_REQUIRE_OPTIONAL` (`all`, or naming `c-compiler`), a missing compiler fails the Cython claim's tests"""
    # Red if the requirement were ignored (the tests would skip and CI would stay green without a compiler).
    no_compiler.setenv("SPEC_REQUIRE_OPTIONAL", asked)
    result = cython_claim.run("spec", "-rs")
    result.assert_outcomes(errors=CYTHON_TESTS - FREE_THREADED_ONLY, skipped=FREE_THREADED_ONLY)
    assert result.ret != 0
    result.stdout.fnmatch_lines([
        f"*c-compiler is required in this run (SPEC_REQUIRE_OPTIONAL={asked}) but missing: needs a C compiler*"
        "apt-get install gcc*"])


def test_a_part_left_out_on_purpose_stays_a_skip_where_the_run_requires_the_rest(no_compiler, cython_claim):
    """`SPEC_LEFT_OUT=c-compiler` keeps the compiler's skips under `SPEC_REQUIRE_OPTIONAL=all`"""
    # Red if SPEC_LEFT_OUT were ignored (tox's minimal env would fail on gevent and numba, which it leaves out).
    no_compiler.setenv("SPEC_REQUIRE_OPTIONAL", "all")
    no_compiler.setenv("SPEC_LEFT_OUT", "numba c-compiler")
    cython_claim.run("spec").assert_outcomes(skipped=CYTHON_TESTS)


def test_without_python_h_the_guard_names_the_headers_package(clean, tmp_path):
    """A compiler without `Python.h` in sysconfig's include folder is not enough for a C extension, but is for a C program"""
    # Red if the guard checked the compiler alone (Cython's build would fail on the missing header).
    real = sysconfig.get_paths
    clean.setattr(sysconfig, "get_paths", lambda *a, **k: dict(real(*a, **k), include=str(tmp_path)))
    if runtime.c_compiler_problem(headers=False):
        pytest.skip(f"this machine has no C compiler to check the headers with: {runtime.c_compiler_install(False)}")
    assert runtime.c_compiler_problem() == f"there is no Python.h in {tmp_path}"
    reason = runtime.skip_reason(pytest.mark.requires_c_compiler.mark)
    assert reason.endswith(f": Debian: apt-get install gcc {runtime.debian_dev_package()}"), reason
    assert runtime.skip_reason(pytest.mark.requires_c_compiler(headers=False).mark) is None


PYPY_CLAIM = '''
from claimspec import Claim, requires_pypy_interpreter
CLAIM = Claim(section="GIL", notes="n", verdict="runtime-dependent", depends_on="the runtime")

@requires_pypy_interpreter
def test_compares_against_pypy():
    pass
'''


@pytest.mark.parametrize("require, left_out, outcome", [
    ("", "", "skipped"), ("all", "", "errors"), ("pypy", "", "errors"), ("all", "pypy", "skipped")])
def test_without_a_pypy_its_claims_skip_or_fail_as_the_run_requires(project, clean, require, left_out, outcome):
    """With no PyPy found, a claim that compares against one skips naming `apt-get install pypy3`, or fails if required"""
    # Red if the guard were gone (the test would pass without PyPy) or the requirement ignored.
    clean.setenv("SPEC_PYPY", "no-such-pypy")  # find_pypy(): a name that does not exist stands for "no PyPy"
    if require:
        clean.setenv("SPEC_REQUIRE_OPTIONAL", require)
    if left_out:
        clean.setenv("SPEC_LEFT_OUT", left_out)
    project.spec("test_pypy_guard", PYPY_CLAIM)
    result = project.run("spec", "-rs")
    result.assert_outcomes(**{outcome: 1})
    result.stdout.fnmatch_lines(["*no PyPy interpreter found to run or compare against: Debian: apt-get install pypy3*"])


def test_all_requires_only_the_modules_requirements_txt_installs_on_this_runtime(clean, tmp_path):
    """`SPEC_REQUIRE_OPTIONAL=all` requires a module only where requirements.txt's marker installs it (numba: not on PyPy)"""
    # Red if `all` required every module (PyPy runs would fail for numba, which requirements.txt leaves out there).
    (tmp_path / "requirements.txt").write_text(
        "# a comment\npytest>=7.4\nhere>=1.0\nelsewhere>=1.0; platform_python_implementation == \"NoSuchPython\"\n"
        f"ours>=1.0; platform_python_implementation == \"{runtime.IMPLEMENTATION}\"  # a note\n",
        encoding="utf-8")
    clean.setattr(runtime, "PROJECT", tmp_path)
    clean.setenv("SPEC_REQUIRE_OPTIONAL", "all")
    assert [runtime.required(m) for m in ("here", "ours", "elsewhere", "unlisted")] == [True, True, False, False]
    assert all(runtime.required(part) for part in runtime.OTHER_PARTS)
    clean.setenv("SPEC_REQUIRE_OPTIONAL", "elsewhere")  # named: required wherever the run asks for it
    assert runtime.required("elsewhere") and not runtime.required("here")
    clean.delenv("SPEC_REQUIRE_OPTIONAL")
    assert not any(runtime.required(m) for m in ("here", "ours", "c-compiler", "browser"))
    clean.setenv("SPEC_REQUIRE_BROWSER", "1")  # the older variable still requires the browser
    assert runtime.required("browser") and not runtime.required("c-compiler")


def test_the_real_requirements_install_numba_on_cpython_only_and_the_rest_everywhere(clean):
    """requirements.txt installs gevent and Cython on every runtime, numba on CPython only"""
    # Red if requirements.txt's markers changed without the required parts following them.
    assert runtime.installed_here("gevent") and runtime.installed_here("Cython")
    assert runtime.installed_here("numba") is runtime.IS_CPYTHON


def test_every_tox_env_that_leaves_parts_out_names_them_in_spec_left_out():
    """Each tox env that installs requirements without some parts names those parts in `SPEC_LEFT_OUT`"""
    # Red when an env leaves out a part (install_without.py) but CI's SPEC_REQUIRE_OPTIONAL=all would
    # still require it there: that env would fail on a set-up that is right.
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(ROOT / "tox.ini", encoding="utf-8")
    checked = 0
    for name in ini.sections():
        section = ini[name]
        without = re.search(r"install_without\.py -r \S+ ([^\n]+)", section.get("commands_pre", ""))
        if not without:
            continue
        checked += 1
        left_out = re.search(r"^\s*SPEC_LEFT_OUT\s*=\s*(.+)$", section.get("set_env", ""), re.MULTILINE)
        assert left_out, f"[{name}] leaves out {without.group(1)} but sets no SPEC_LEFT_OUT"
        assert set(without.group(1).split()) <= set(left_out.group(1).split()), name
        assert "{[testenv]set_env}" in section.get("set_env"), f"[{name}] drops the common set_env"
    assert checked >= 3  # py313t, py314t, minimal
