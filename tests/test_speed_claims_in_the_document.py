"""The default document states the speed claims it does not measure: each spec/speed test, "not
checked here" with the command that measures it, or the figures of the last speed run when saved."""
import json
from pathlib import Path

from claimspec.plugin import SPEED_COMMAND, _speed_claims_not_run

ROOT = Path(__file__).resolve().parents[1]


def test_every_speed_test_is_stated_with_how_to_measure_it(tmp_path):
    """Every test function of every spec/speed module appears, under its claim, with the speed command"""
    # Red where the document drops the speed claims (the default run deselects them) or loses a module.
    entries = _speed_claims_not_run(ROOT, set(), ["spec"])
    modules = {e["claim"]["module"] for e in entries}
    assert modules == {p.relative_to(ROOT).as_posix() for p in (ROOT / "spec" / "speed").glob("test_*.py")}
    assert all(e["outcome"] == "skipped" and SPEED_COMMAND in e["detail"] and e["claim"]["verdict"] for e in entries)


def test_a_saved_speed_run_gives_its_outcome_and_figures(tmp_path):
    """With results/default-speed/claims.json saved, a test shows that run's outcome and its figures with intervals"""
    # Red where the saved run is ignored, or its figures are shown without their interval.
    (tmp_path / "spec" / "speed").mkdir(parents=True)
    source = ROOT / "spec" / "speed" / "test_io_bound_threads_overlap_their_waits.py"
    (tmp_path / "spec" / "speed" / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    nodeid = f"spec/speed/{source.name}::test_four_waiting_threads_take_far_less_than_four_waits"
    saved = {"runtime": {"implementation": "CPython", "version": "3.11.7"}, "sections": [{"claims": [{"tests": [
        {"nodeid": nodeid, "outcome": "passed", "measurements": [
            {"name": "speed-up", "value": 3.9, "unit": "x", "interval": [3.8, 4.0], "n": 5}]}]}]}]}
    (tmp_path / "results" / "default-speed").mkdir(parents=True)
    (tmp_path / "results" / "default-speed" / "claims.json").write_text(json.dumps(saved), encoding="utf-8")
    entry = next(e for e in _speed_claims_not_run(tmp_path, set(), ["spec"]) if e["nodeid"] == nodeid)
    assert "CPython 3.11.7): passed" in entry["detail"] and "95% interval 3.8-4x, 5 rounds" in entry["detail"]


def test_a_test_the_run_ran_is_not_stated_again():
    """A spec/speed test this run ran (a quick witness, or a speed run) is not stated a second time"""
    # Red where the speed claims would be listed twice: run, and "not checked here".
    everything = {e["nodeid"] for e in _speed_claims_not_run(ROOT, set(), ["spec"])}
    assert _speed_claims_not_run(ROOT, everything, ["spec"]) == []
    one = sorted(everything)[0]
    left = {e["nodeid"] for e in _speed_claims_not_run(ROOT, {one + "[threads]"}, ["spec"])}
    assert left == everything - {one}
