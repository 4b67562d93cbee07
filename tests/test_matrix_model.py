"""The results model (claimspec.results) and its renderings: the matrix, the document, claims.md/json, the page.

Each test names the broken model it catches: a second machine's run overwriting the first's, a
fingerprint that loses what tells two runtimes apart, a question (differs, sole dissenter, compare,
history) answered wrong, a field of the model missing from one rendering.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

from claimspec import LONG, matrix, page, report, results
from tests.results_fixtures import BASE, HISTORY_MODULES, RUNTIME, five_runs, report as write_report

ROOT = Path(__file__).resolve().parent.parent


def test_two_machines_results_merge_into_one_matrix_without_loss(tmp_path):
    """Two results folders with a run of the same name each: both are columns, every claim and test of both kept"""
    # Broken: runs keyed by folder name alone (the second py313 overwrites the first: one column,
    # its outcomes lost), or a merge that keeps only the claims both runs have.
    here = five_runs(tmp_path / "results")
    there = tmp_path / "results-macos"
    write_report(there, "py313", BASE[:3], platform="macOS-14.5-arm64", default_start_method="spawn")
    model = results.load([tmp_path / "results", there])
    assert model.names.count("py313") == 1 and "py313@results-macos" in model.names
    assert len(model.runs) == len(here) + 1
    mac = next(r for r in model.runs if r.name == "py313@results-macos")
    assert (mac.fingerprint.os, mac.fingerprint.start_method) == ("macOS", "spawn")
    for run in model.runs:
        loaded = json.loads(run.path.read_text())
        tests = {t["nodeid"] for g in loaded["sections"] for c in g["claims"] for t in c["tests"]}
        shown = {t.nodeid for c in model.claims for t in c.tests if t.results[run.name] is not None}
        assert shown == tests, run.name
    text = matrix.render(model)
    header = next(line for line in text.splitlines() if line.startswith("| claim ") and "py313@results-macos" in line)
    assert "| py313 " in header and "| py313@results-macos " in header
    assert "macOS, 2 cores, default start method spawn, script" in text
    assert "| notebook " in header  # the notebook runtime is a column of its own
    lost = [c.module for c in results.load([tmp_path / "results"]).claims]
    assert set(lost) <= {c.module for c in model.claims}


def test_a_speed_report_joins_its_runtime_or_stands_as_a_column_of_its_own(tmp_path):
    """`py313-speed` joins `py313`'s column; `py314-speed` with no `py314` beside it is a column, not dropped"""
    # Broken: speed figures dropped where their runtime has no full run (3.14 measured for speed only).
    speed = [dict(BASE[0], module="spec/speed/test_fast.py", section="GIL")]
    speed[0]["tests"] = [dict(t, nodeid=t["nodeid"].replace("spec/a/test_one.py", "spec/speed/test_fast.py"))
                         for t in speed[0]["tests"]]
    write_report(tmp_path, "py313", BASE[:2])
    write_report(tmp_path, "py313-speed", speed)
    write_report(tmp_path, "py314-speed", speed, version="3.14.0")
    model = results.load([tmp_path])
    assert model.names == ["py313", "py314-speed"]
    fast = next(c for c in model.claims if c.module == "spec/speed/test_fast.py")
    assert fast.cells["py313"].kind == fast.cells["py314-speed"].kind == "pass"


def test_two_runs_of_one_runtime_say_whether_their_outcomes_agree(tmp_path):
    """Runs of one fingerprint are grouped: a run that agrees is said to agree, one that differs names the claim"""
    # Broken: a fingerprint that leaves out a field that tells runtimes apart (every CPython 3.13 grouped,
    # the free-threaded one too), or an agreement check that compares nothing.
    write_report(tmp_path / "a", "py313", BASE[:3])
    write_report(tmp_path / "b", "py313", BASE[:3])
    differing = json.loads(json.dumps(BASE[:3]))
    differing[2]["tests"][0]["outcome"] = "failed"
    write_report(tmp_path / "c", "py313", differing)
    write_report(tmp_path / "c", "py313t", BASE[:3], free_threaded_build=True, gil_enabled=False)
    model = results.load([tmp_path / "a", tmp_path / "b"])
    ((fp, names, differ),) = model.agreement()
    assert names == ["py313", "py313@b"] and differ == []
    model = results.load([tmp_path / "a", tmp_path / "c"])
    ((fp, names, differ),) = model.agreement()  # py313t is another runtime: not in the group
    assert fp.build == "GIL" and [c.module for c in differ] == ["spec/b/test_three.py"]
    assert "their outcomes differ on 1 claim(s): Statement of test_three" in matrix.render(model)


def test_a_newer_report_written_before_a_field_existed_does_not_blank_it(tmp_path):
    """A claim's `changed_in` from one report stays when a newer report (older code, no such field) has the claim too"""
    # Broken: a claim's metadata taken whole from the newest report (the CI's reports from before
    # changed_in would drop every history link from the page).
    with_field = write_report(tmp_path / "a", "py312", BASE, version="3.12.1")
    without = json.loads(json.dumps(BASE))
    for c in without:
        c.pop("changed_in", None)
    newer = write_report(tmp_path / "b", "py313", without)
    stamp = (with_field / "claims.json").stat().st_mtime + 60
    os.utime(newer / "claims.json", (stamp, stamp))
    model = results.load([tmp_path / "a", tmp_path / "b"])
    managed = next(c for c in model.claims if c.module == HISTORY_MODULES[0])
    assert [v for v, _ in managed.changed_in] == ["3.14"]


def test_the_fingerprint_tells_every_runtime_apart_and_reads_older_reports():
    """Implementation, version, build, OS, cores, default start method and notebook-or-script; old reports too"""
    # Broken: a fingerprint without the build (3.13 and 3.13t would be one runtime) or the mode, or
    # one that fails on a report written before fingerprints (no `os`, no `mode`).
    old = results.Fingerprint.of(RUNTIME, "results/notebook")
    assert old == results.Fingerprint("CPython", "3.13.0", "GIL", "Linux", 2, "fork", "notebook")
    ft = results.Fingerprint.of({**RUNTIME, "free_threaded_build": True}, "results/py313t")
    assert ft.build == "free-threaded" and ft.mode == "script" and ft != old
    written = results.build_report([], {**RUNTIME, "mode": "script"})
    assert results.Fingerprint.of(written["runtime"], "results/notebook").mode == "script"  # what the run said wins


def test_the_model_answers_differs_sole_dissenter_compare_and_history(tmp_path):
    """The questions, asked of the model itself (the page's browser tests ask them of the page)"""
    # Broken: an absent claim counted as an outcome (every claim the notebook lacks would "differ"),
    # a sole dissenter where two runtimes differ, a compare that ignores figures, history out of order.
    five_runs(tmp_path)
    model = results.load([tmp_path])
    assert {c.module for c in model.differs()} == {"spec/a/test_two.py", "spec/b/test_three.py",
                                                   "spec/b/test_four.py", "spec/c/test_six.py", HISTORY_MODULES[0]}
    assert {(c.module, name) for c, name in model.sole_dissenter()} == {
        ("spec/b/test_three.py", "py313t"), ("spec/b/test_four.py", "py313t"), (HISTORY_MODULES[0], "py314")}
    managed_test = next(c for c in BASE if c["module"] == HISTORY_MODULES[0])["tests"][0]["nodeid"]
    assert {t.nodeid for _, t, _, _ in model.compare("py312", "py314")} == {
        "spec/a/test_one.py::test_0", "spec/a/test_two.py::test_0", "spec/c/test_six.py::test_0", managed_test}
    managed = next(c for c in model.claims if c.module == HISTORY_MODULES[0])
    steps = model.history(managed)
    assert [(s["version"], s["kind"], s["changed"]) for s in steps] == [
        ("3.12", "pass", False), ("3.13", "pass", False), ("3.14", "xfail", True)]
    assert "forkserver" in steps[2]["why"][0][0]
    # without a 3.14 run, the change still stands in its place, with no outcome
    older = results.load([tmp_path / "py313", tmp_path / "py312"])
    steps = older.history(next(c for c in older.claims if c.module == HISTORY_MODULES[0]))
    assert [(s["version"], s["run"], s["changed"]) for s in steps] == [
        ("3.12", "py312", False), ("3.13", "py313", False), ("3.14", "", False)]
    assert "forkserver" in steps[2]["why"][0][0]
    linked = sum(len(c.changed_in) for c in model.claims)
    assert linked >= 5
    # the history is CPython's default build run as scripts: not the free-threaded build, not a notebook
    assert [run.name for _, run in model.history_runs()] == ["py312", "py313", "py314"]
    assert [run.name for _, run in results.load([tmp_path / "py313t", tmp_path / "notebook"]).history_runs()] == []


def test_a_field_of_the_model_shows_in_the_document_claims_json_claims_md_the_matrix_and_the_page(tmp_path):
    """The proof field, `changed_in` (CLAIM_FACTS' "Changed in"): one entry in the model, shown by every rendering"""
    # Broken: a renderer with its own list of a claim's fields (checked: dropping the "Changed in"
    # entry from CLAIM_FACTS turns the document, claims.md and matrix asserts red; the page's
    # changed-in paragraph reads the model's changed_in).
    module = HISTORY_MODULES[0]
    record = next(c for c in BASE if c["module"] == module)
    claim = {k: v for k, v in record.items() if k not in ("tests", "statement")}
    entries = [{"nodeid": t["nodeid"], "claim": claim, "outcome": "passed", "detail": "", "measurements": [],
                "doc": t["doc"], "name": t["name"], "params": "", "index": t["index"]} for t in record["tests"]]
    doc = report.build(entries, {**RUNTIME, "mode": "script"})
    md, js = report.write(doc, tmp_path / "run")
    said = "forkserver replaced fork as the default start method"
    text = report.render_text(doc)
    assert "Changed in: 3.14: " + said in " ".join(text.split())
    assert said in json.loads(js.read_text())["sections"][0]["claims"][0]["changed_in"]["3.14"][0]
    assert "Changed in: 3.14: " + said in md.read_text()
    model = results.load([tmp_path / "run"])
    assert "Changed in: 3.14: " + said in matrix.render(model)
    html = page.write(model, tmp_path / "spec.html").read_text()
    assert '<a class="change" data-version="3.14" href="https://docs.python.org/3/library/multiprocessing.html' in html
    assert said in html
    assert set(results.Fingerprint.__dataclass_fields__) <= set(doc["runtime"]["fingerprint"])


def test_a_fact_added_to_the_model_in_one_place_shows_in_every_rendering(tmp_path, monkeypatch):
    """One `Fact` added to `CLAIM_FACTS` (here the claim's `extra`) shows in the document, claims.md, the matrix and the page"""
    # Broken: a renderer that lists a claim's fields itself (checked: the matrix looping over a fixed
    # label, and the page template naming its facts, each turn this red).
    monkeypatch.setattr(results, "CLAIM_FACTS", results.CLAIM_FACTS + (
        results.Fact("extra", "Also", lambda extra: "; ".join(f"{k}: {v}" for k, v in extra.items())),))
    record = dict(BASE[0], extra={"tested as": "a bounded loop in place of an endless one"})
    claim = {k: v for k, v in record.items() if k not in ("tests", "statement")}
    entries = [{"nodeid": t["nodeid"], "claim": claim, "outcome": "passed", "detail": "", "measurements": [],
                "doc": t["doc"], "name": t["name"], "params": "", "index": t["index"]} for t in record["tests"]]
    doc = report.build(entries, {**RUNTIME, "mode": "script"})
    md, js = report.write(doc, tmp_path / "run")
    said = "Also: tested as: a bounded loop in place of an endless one"
    assert said in " ".join(report.render_text(doc).split())
    assert said in md.read_text()
    assert json.loads(js.read_text())["sections"][0]["claims"][0]["extra"] == record["extra"]
    model = results.load([tmp_path / "run"])
    assert said in matrix.render(model)
    html = page.write(model, tmp_path / "spec.html").read_text()
    assert '<span class="label">Also:</span> tested as: a bounded loop in place of an endless one' in html


def test_the_matrix_shows_race_outcomes_figures_and_notebook_facts_side_by_side(tmp_path):
    """Race outcome counts per runtime, figures with intervals, and the notebook's tests under their claim"""
    # Broken: race tables or intervals dropped on the way from claims.json, or notebook tests hidden in a column.
    five_runs(tmp_path)
    text = matrix.render(results.load([tmp_path]))
    race = next(line for line in text.splitlines() if "| some update lost " in line)
    assert race.count("412 of 1000 (38%-44%; required)") == 4  # py312, py313, py313t, py314; not the notebook
    assert "race, Evidence 0 of `test_five`: some update lost: py312 412 of 1000 (38%-44%; required); py313 " in text
    assert "1.25x (95% interval 1.1-1.4x, 9 rounds)" in text and "1.75x" in text
    assert "in a notebook (notebook): In a notebook the cell shows it: pass" in text
    assert "only py313t (FAIL" in text  # the sole dissenter, in the summary


def test_the_matrix_and_page_build_with_only_jinja2_and_import_claimspec_as_a_package(tmp_path):
    """`python -m claimspec.matrix` runs where pytest is not installed (tox -e matrix has jinja2 only)"""
    # Broken: a renderer importing pytest (directly or through claimspec), or tools loading modules by path.
    five_runs(tmp_path / "results")
    code = ("import sys, runpy; sys.modules['pytest'] = None; sys.argv = ['matrix', sys.argv[1], '-q', '-o', sys.argv[2]];"
            "runpy.run_module('claimspec.matrix', run_name='__main__')")
    out = tmp_path / "out" / "matrix.md"
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "results"), str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=LONG, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text().startswith("# Conformance matrix") and (out.parent / "spec.html").is_file()
