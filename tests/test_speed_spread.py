"""tools/speed_spread.py: each speed figure's spread over several runs, and the 10% rule for headline figures."""
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("speed_spread", ROOT / "tools" / "speed_spread.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RUNTIME = {"implementation": "CPython", "version": "3.11.7", "gil_enabled": True, "free_threaded_build": False,
           "usable_cores": 2}


def claims_json(folder, speed_up, outcome="passed", extra=(), version="3.11.7"):
    """One run's claims.json: a processes claim with a speed-up, its limit fraction and a non-headline ratio."""
    measurements = [
        {"name": "speed-up of 2 processes over sequential", "value": speed_up, "unit": "x"},
        {"name": "speed-up of 2 processes over sequential: fraction of its limit (2x)", "value": speed_up / 2, "unit": ""},
        {"name": "RLock cost over Lock", "value": 1.0 + 0.3 * (speed_up - 1.9), "unit": "x"},
        *extra,
    ]
    doc = {"runtime": dict(RUNTIME, version=version), "sections": [{"claims": [{
        "module": "spec/speed/test_processes_run_cpu_bound_python_in_parallel.py",
        "tests": [{"nodeid": "spec/speed/x.py::test_x", "outcome": outcome, "measurements": measurements}],
    }]}]}
    folder.mkdir(parents=True)
    (folder / "claims.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def test_a_figure_with_a_limit_is_a_headline_with_its_median_range_and_fraction(tool, tmp_path):
    """A figure with a recorded limit is a headline figure, with its median, range and median fraction of the limit"""
    # Red where the limit is not read back from its "fraction of its limit" companion.
    runs = [tool.figures_of(claims_json(tmp_path / f"r{i}", v) / "claims.json")[0] for i, v in enumerate((1.9, 1.94, 1.86))]
    row = next(r for r in tool.spread(runs, 0.10) if r["figure"] == "speed-up of 2 processes over sequential")
    assert row["headline"] and row["limit"] == 2.0
    assert (row["median"], row["min"], row["max"], row["runs"]) == (1.9, 1.86, 1.94, 3)
    assert row["fraction"] == pytest.approx(0.95) and row["steady"]


def test_a_headline_figure_more_than_ten_percent_from_its_median_fails_the_command(tool, tmp_path):
    """A headline figure one run of which strays more than 10% from the median makes the command exit 1"""
    # Red where the tolerance is not applied: the command would exit 0 on an unrepeatable figure.
    folders = [str(claims_json(tmp_path / f"r{i}", v)) for i, v in enumerate((1.9, 1.92, 1.5))]
    assert tool.main(["--from", *folders, "--out", str(tmp_path / "out")]) == 1
    report = (tmp_path / "out" / "spread.md").read_text(encoding="utf-8")
    assert "**outside**" in report and "21.1%" in report


def test_steady_headline_figures_pass_and_other_ratios_are_shown_but_not_judged(tool, tmp_path):
    """Steady headline figures exit 0; a ratio without a limit (RLock over Lock) is shown but not judged"""
    # Red where every ratio is judged (the noisy RLock ratio here strays 12%) or none is shown.
    folders = [str(claims_json(tmp_path / f"r{i}", v)) for i, v in enumerate((1.9, 1.93, 1.5 + 0.4))]
    assert tool.main(["--from", *folders, "--out", str(tmp_path / "out")]) == 0
    rows = json.loads((tmp_path / "out" / "spread.json").read_text(encoding="utf-8"))["rows"]
    assert {r["figure"]: r["headline"] for r in rows} == {
        "speed-up of 2 processes over sequential": True, "RLock cost over Lock": False}


def test_a_run_whose_test_skipped_leaves_its_figures_out(tool, tmp_path):
    """A run in which the test skipped (the machine busy) contributes none of its figures"""
    # Red where a busy run's figures count: the 1.1x would pull the spread far out.
    folders = [claims_json(tmp_path / "a", 1.9), claims_json(tmp_path / "b", 1.1, outcome="skipped"),
               claims_json(tmp_path / "c", 1.92)]
    runs = [tool.figures_of(f / "claims.json")[0] for f in folders]
    row = next(r for r in tool.spread(runs, 0.10) if r["figure"] == "speed-up of 2 processes over sequential")
    assert row["runs"] == 2 and row["min"] == 1.9


def test_the_combined_page_sets_each_runtime_beside_the_others(tool, tmp_path):
    """--combine writes one row per headline figure and one column per runtime"""
    # Red where a runtime's column is dropped or a non-headline figure leaks into the page.
    spreads = []
    for name, version in (("a", "3.11.7"), ("b", "3.15.2")):
        folder = claims_json(tmp_path / name, 1.9, version=version)
        out = tmp_path / f"out-{name}"
        tool.main(["--from", str(folder), "--out", str(out)])
        spreads.append(str(out / "spread.json"))
    assert tool.main(["--combine", *spreads, "--out", str(tmp_path / "speed.md")]) == 0
    page = (tmp_path / "speed.md").read_text(encoding="utf-8")
    assert "| CPython 3.11.7 | CPython 3.15.2 |" in page
    assert "95% of 2x" in page and "RLock" not in page
