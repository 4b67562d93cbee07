"""The sharpness command's breakages (tools/sharpness.py): each names a claim of the spec, is
applied in child interpreters only when SPEC_BREAK names it, and leaves everything alone otherwise."""
import datetime
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimspec import run_python

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "tools" / "sharpness_hooks"
sys.path.insert(0, str(HOOKS))
import spec_breakages  # noqa: E402

sys.path.remove(str(HOOKS))


def test_there_are_at_least_25_breakages_each_negating_a_claim_module_of_the_spec():
    assert len(spec_breakages.BREAKAGES) >= 25
    for b in spec_breakages.BREAKAGES.values():
        module = ROOT / b.claim
        assert module.is_file() and "CLAIM = Claim(" in module.read_text(encoding="utf-8"), b.name


def test_the_quick_selection_is_a_handful_from_different_areas():
    """The `quick` breakages (CI) are five to seven, and negate claims of as many different areas"""
    quick = [b for b in spec_breakages.BREAKAGES.values() if b.quick]
    assert 5 <= len(quick) <= 7
    assert len({b.claim.split("/")[1] for b in quick}) == len(quick)


def _sharpness_module():
    spec = importlib.util.spec_from_file_location("sharpness_tool", ROOT / "tools" / "sharpness.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("status, killed, wall, sharp", [
    ("caught", False, 40.0, True),      # red, and the whole run ended within 2 x 25 s
    ("caught", False, 55.0, False),     # red at once, but the run waited on until 55 s
    ("caught", True, 75.0, False),      # red, but killed at 3 x 25 s
    ("survived", False, 20.0, False),   # the spec passed
    ("timeout", True, 75.0, False),     # killed before any failure
])
def test_a_breakage_is_sharp_only_when_caught_and_the_whole_run_ends_within_twice_the_normal_time(
        status, killed, wall, sharp):
    """`judge` calls a broken run sharp only when it went red and ended, all of it, within twice the normal time"""
    judge = _sharpness_module().judge
    in_time, judged = judge({"status": status, "killed": killed, "wall": wall, "first_failure": 3.0}, 25.0)
    assert judged is sharp and in_time is (not killed and wall <= 50.0)


def test_a_broken_run_is_timed_whole_unless_maxfail_is_given():
    """By default a broken run has no `--maxfail`: the whole spec runs, as a maintainer runs it; `--maxfail N` stops it after N"""
    # Red where the command stops a broken run after its first failures by default (a run that
    # turns red fast and then waits out long timeouts would be judged on its first minutes only).
    tool = _sharpness_module()
    whole = tool.parse_args(["--only", "rlock-not-reentrant"])
    assert whole.maxfail == 0
    assert not any(a.startswith("--maxfail") for a in tool.pytest_command(whole, broken=True))
    assert not any(a.startswith("--maxfail") for a in tool.pytest_command(whole, broken=False))
    stopped = tool.parse_args(["--only", "rlock-not-reentrant", "--maxfail", "5"])
    assert "--maxfail=5" in tool.pytest_command(stopped, broken=True)
    assert not any(a.startswith("--maxfail") for a in tool.pytest_command(stopped, broken=False))


def test_the_whole_run_counts_every_failure_and_names_the_slowest_tests(tmp_path):
    """A broken run (no `--maxfail`) runs to its end: every failure is counted, and the slowest test phases are named"""
    # Red where a broken run stopped at its fifth failure, or lost the slow passing phases that
    # say where a late run's time went.
    (tmp_path / "test_many.py").write_text(
        "import time\n"
        "import pytest\n"
        "@pytest.mark.parametrize('k', range(8))\n"
        "def test_fails(k):\n"
        "    assert False\n"
        "def test_slow_but_passing():\n"
        "    time.sleep(1.1)\n", encoding="utf-8")
    tool = _sharpness_module()
    args = tool.parse_args(["--only", "rlock-not-reentrant", "-n", "0", "--",
                            "--rootdir", str(tmp_path), "-c", os.devnull, "-p", "no:randomly",
                            str(tmp_path / "test_many.py")])
    cmd = tool.pytest_command(args, broken=True)
    cmd.remove("spec")
    r = tool.run_spec(args, "rlock-not-reentrant", limit=60, command=cmd)
    assert r["status"] == "caught" and not r["killed"], r["output"][-2000:]
    assert len(r["failed"]) == 8, r["failed"]
    assert r["slowest"][0][0].endswith("test_slow_but_passing") and r["slowest"][0][1] >= 1.0


def test_list_prints_every_breakage():
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "sharpness.py"), "--list"],
                         capture_output=True, text=True, check=True).stdout
    assert all(name in out for name in spec_breakages.BREAKAGES)


def test_without_spec_break_a_child_is_not_broken_and_keeps_its_watchdog(monkeypatch):
    monkeypatch.delenv("SPEC_BREAK", raising=False)
    monkeypatch.setenv("PYTHONPATH", str(HOOKS))
    ran = run_python("""
        import sys, threading
        print(threading.RLock is threading.Lock, "spec_breakages" in sys.modules)
        """).assert_ok()
    assert ran.stdout == "False False\n"
    ran = run_python("import time; time.sleep(30)", timeout=0.5)
    assert ran.returncode != 0 and ran.elapsed < 10


@pytest.mark.parametrize("first", ["hooks", "watchdog"])
def test_with_spec_break_a_child_is_broken_whichever_sitecustomize_comes_first(first, monkeypatch):
    monkeypatch.setenv("SPEC_BREAK", "rlock-not-reentrant")
    monkeypatch.delenv("SPEC_BREAK_DEFER", raising=False)
    code = "import threading; r = threading.RLock(); r.acquire(); print(r.acquire(False))"  # False: not reentrant
    if first == "watchdog":  # as in run_python children
        monkeypatch.setenv("PYTHONPATH", str(HOOKS))
        ran = run_python(code).assert_ok()
    else:  # as in multiprocessing children: the hooks' sitecustomize, chaining to the next one
        env = {"PYTHONPATH": f"{HOOKS}{os.pathsep}{ROOT / 'claimspec' / '_watchdog'}", "SPEC_WATCHDOG": "0.5"}
        ran = run_python(code + "; import time; time.sleep(30)", env=env)
        assert ran.returncode != 0 and ran.elapsed < 10, ran.describe()  # the watchdog still ran
    assert ran.stdout == "False\n"


def test_a_breakage_breaks_the_programs_objects_and_spares_the_standard_librarys(monkeypatch):
    """Under `rlock-not-reentrant` an RLock the program makes is not reentrant; the one `Condition()` makes still is"""
    monkeypatch.setenv("SPEC_BREAK", "rlock-not-reentrant")
    monkeypatch.delenv("SPEC_BREAK_DEFER", raising=False)
    monkeypatch.setenv("PYTHONPATH", str(HOOKS))
    ran = run_python("""
        import threading
        mine = threading.RLock()
        mine.acquire()
        theirs = threading.Condition()  # its RLock is made inside threading.py
        theirs.acquire()
        print(mine.acquire(False), theirs.acquire(False))
        """).assert_ok()
    assert ran.stdout == "False True\n"


def test_a_broken_run_puts_the_negated_claims_own_tests_first(monkeypatch):
    """With SPEC_BREAK set, the plugin moves the negated claim module's tests to the front, keeping both orders"""
    # Red where the broken claim's tests stay wherever the shuffle put them: the first failures
    # of a broken run (it stops after 5) would name neighbouring claims instead.
    spec = importlib.util.spec_from_file_location("spec_breakage_plugin_copy", HOOKS / "spec_breakage_plugin.py")
    plugin = importlib.util.module_from_spec(spec)
    monkeypatch.syspath_prepend(str(HOOKS))
    spec.loader.exec_module(plugin)
    claim = spec_breakages.BREAKAGES["priorityqueue-fifo"].claim

    class Item:
        def __init__(self, nodeid):
            self.nodeid = nodeid

    items = [Item(n) for n in ("spec/a.py::t1", f"{claim}::t2", "spec/b.py::t3", f"{claim}::t4[x]")]
    monkeypatch.setenv("SPEC_BREAK", "priorityqueue-fifo")
    plugin.pytest_collection_modifyitems(None, None, items)
    assert [i.nodeid for i in items] == [f"{claim}::t2", f"{claim}::t4[x]", "spec/a.py::t1", "spec/b.py::t3"]
    monkeypatch.delenv("SPEC_BREAK")
    unbroken = items[::-1]  # unbroken: left alone
    plugin.pytest_collection_modifyitems(None, None, unbroken)
    assert [i.nodeid for i in unbroken] == [i.nodeid for i in items[::-1]]


def test_the_published_page_counts_only_sharp_breakages_and_marks_the_others():
    """`--publish`: the page's count and each row's result come from the judged results (a slow
    or surviving breakage is never shown as sharp)"""
    # Red where the page counts every caught breakage as sharp, or labels a slow one "sharp".
    tool = _sharpness_module()
    row = {"first_failure": 2.0, "failed": ["spec/locks/x.py::test_a"], "claim": "spec/locks/x.py",
           "own_claim_red": True, "killed": False}
    results = [dict(row, name="fast", status="caught", wall=30.0, sharp=True),
               dict(row, name="late", status="caught", wall=60.0, sharp=False),
               dict(row, name="missed", status="survived", wall=25.0, sharp=False, failed=[], first_failure=None)]
    args = tool.parse_args(["--all"])
    table = tool.results_table(results, 25.0, args.maxfail)
    page = tool.results_page(args, datetime.datetime.now(datetime.timezone.utc), results, 25.0, table)
    assert "**1 of 3 breakages sharp**" in page
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines() if line.startswith("| ")}
    assert rows["fast"].endswith("| sharp |")
    assert rows["late"].endswith("| slow |")
    assert rows["missed"].endswith("| survived |")
