"""The claims report lists every claim with its verdict and how its tests came out."""
import json
import os
import subprocess
import sys

import pytest

from claimspec import LONG

INI = """
[pytest]
claim_paths = spec
addopts = -p claimspec.plugin -p no:randomly -p no:cacheprovider
"""

PASSING = '''
from claimspec import Claim
CLAIM = Claim(section="ThreadSync: Mutex", notes="locks lock", verdict="holds")

def test_it_holds_here():
    assert True
'''

FAILING = '''
from claimspec import Claim
CLAIM = Claim(section="Builtin: LifoQueue", notes="newest first", verdict="holds")

def test_it_does_not_hold_here():
    assert 1 == 2, "the runtime disagrees"
'''

SKIPPED = '''
from claimspec import Claim, requires_cores
CLAIM = Claim(section="GIL", notes="threads never overlap", verdict="runtime-dependent",
              depends_on="whether the runtime has a GIL")

@requires_cores(4096)
def test_it_needs_many_cores():
    assert True
'''

MIXED = '''
import pytest
from claimspec import Claim
CLAIM = Claim(section="Generators", notes="lazy", verdict="notes-wrong", truth="what is true")

def test_one_part_runs(claim_measurement):
    claim_measurement("speed-up", 1.25, "x")

def test_one_part_is_skipped():
    pytest.skip("because of a reason a reader understands")
'''


@pytest.fixture(scope="module", params=["serial", "xdist"])
def report(request, tmp_path_factory):
    """One run of a small spec (a passing, a failing, a skipped and a mixed claim), serially or with xdist."""
    root = tmp_path_factory.mktemp(f"report-{request.param}")
    (root / "pytest.ini").write_text(INI, encoding="utf-8")
    (root / "spec").mkdir()
    for name, body in (
        ("test_locks_lock", PASSING),
        ("test_lifo_is_newest_first", FAILING),
        ("test_threads_never_overlap", SKIPPED),
        ("test_generators_are_lazy", MIXED),
    ):
        (root / "spec" / f"{name}.py").write_text(body, encoding="utf-8")
    args = [sys.executable, "-m", "pytest", "spec", "--claims-report", "out"]
    if request.param == "xdist":
        args += ["-n", "2"]
    env = dict(os.environ, PYTHONPATH=str(request.config.rootpath))
    proc = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=LONG)
    assert "2 passed, 2 skipped" in proc.stdout and "1 failed" in proc.stdout, proc.stdout + proc.stderr
    folder = root / "out"
    return json.loads((folder / "claims.json").read_text()), (folder / "claims.md").read_text()


def claims_by_title(doc):
    return {c["title"]: c for s in doc["sections"] for c in s["claims"]}


def test_the_report_is_headed_by_the_runtime_it_ran_on(report):
    doc, md = report
    rt = doc["runtime"]
    for key in ("implementation", "version", "gil_enabled", "usable_cores", "default_start_method"):
        assert key in rt
    assert f"- Runtime: {rt['implementation']} {rt['version']}" in md
    fp = rt["fingerprint"]
    assert set(fp) == {"implementation", "version", "build", "os", "cores", "start_method", "mode"}
    assert fp["mode"] == "script" and fp["cores"] == rt["usable_cores"] and fp["start_method"] == rt["default_start_method"]
    assert f"- Fingerprint: {rt['implementation']} {rt['version']}, " in md
    assert f"- Usable cores: {rt['usable_cores']}" in md


def test_each_claim_gets_its_verdict_and_its_outcome_on_this_runtime(report):
    doc, _ = report
    claims = claims_by_title(doc)
    assert {t: (c["verdict"], c["outcome"]) for t, c in claims.items()} == {
        "Locks lock": ("holds", "passed"),
        "Lifo is newest first": ("holds", "failed"),
        "Threads never overlap": ("runtime-dependent", "skipped"),
        "Generators are lazy": ("notes-wrong", "passed (some skipped)"),
    }


def test_claims_are_grouped_by_the_notes_sections_in_the_notes_order(report):
    doc, md = report
    assert [s["section"] for s in doc["sections"]] == ["Generators", "GIL", "ThreadSync: Mutex", "Builtin: LifoQueue"]
    positions = [md.index(f". {s}\n") for s in ("Generators", "GIL", "ThreadSync: Mutex", "Builtin: LifoQueue")]
    assert "## 2. Generators" in md  # numbered as in the notes, whatever this run holds
    assert positions == sorted(positions)


def test_skips_carry_their_reason_and_failures_their_message(report):
    doc, md = report
    claims = claims_by_title(doc)
    (skipped,) = claims["Threads never overlap"]["tests"]
    assert skipped["outcome"] == "skipped"
    assert skipped["detail"].startswith("needs 4096 usable cores, this process may use ")
    (failed,) = claims["Lifo is newest first"]["tests"]
    assert "the runtime disagrees" in failed["detail"]
    assert "because of a reason a reader understands" in md


def test_measurements_and_totals_appear_in_the_report(report):
    doc, md = report
    tests = {t["nodeid"].split("::")[-1]: t for t in claims_by_title(doc)["Generators are lazy"]["tests"]}
    assert tests["test_one_part_runs"]["measurements"] == [{"name": "speed-up", "value": 1.25, "unit": "x"}]
    assert "speed-up = 1.25x" in md
    assert doc["totals"]["claims"] == 4
    assert doc["totals"]["tests_by_outcome"] == {"failed": 1, "passed": 2, "skipped": 2}
    assert "**4 claims**" in md


def test_a_run_of_the_notebook_claims_alone_is_fingerprinted_as_the_notebook_runtime(tmp_path, request):
    """`-m notebook` (tox -e notebook's selection) writes a report whose fingerprint's mode is notebook"""
    # Broken: every report called a script (the matrix's notebook column would merge with the
    # same CPython's script runs as one runtime).
    (tmp_path / "pytest.ini").write_text(INI, encoding="utf-8")
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "test_locks_lock.py").write_text(PASSING, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(request.config.rootpath))
    proc = subprocess.run([sys.executable, "-m", "pytest", "spec", "-m", "notebook", "--claims-report", "out"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=LONG)
    assert proc.returncode in (0, 5), proc.stdout + proc.stderr  # 5: every test deselected
    doc = json.loads((tmp_path / "out" / "claims.json").read_text())
    assert doc["runtime"]["fingerprint"]["mode"] == "notebook"
