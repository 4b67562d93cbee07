"""The sharpness command's breakages (tools/sharpness.py): each names a claim of the spec, is
applied in child interpreters only when SPEC_BREAK names it, and leaves everything alone otherwise."""
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


def test_the_quick_selection_is_a_handful():
    assert 5 <= sum(b.quick for b in spec_breakages.BREAKAGES.values()) <= 15


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
    code = "import threading; print(threading.RLock is threading.Lock)"
    if first == "watchdog":  # as in run_python children
        monkeypatch.setenv("PYTHONPATH", str(HOOKS))
        ran = run_python(code).assert_ok()
    else:  # as in multiprocessing children: the hooks' sitecustomize, chaining to the next one
        env = {"PYTHONPATH": f"{HOOKS}{os.pathsep}{ROOT / 'claimspec' / '_watchdog'}", "SPEC_WATCHDOG": "0.5"}
        ran = run_python(code + "; import time; time.sleep(30)", env=env)
        assert ran.returncode != 0 and ran.elapsed < 10, ran.describe()  # the watchdog still ran
    assert ran.stdout == "True\n"
