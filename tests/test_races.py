"""claimspec.races: outcomes counted, graded and bounded; the report shows them under the test."""
import itertools

import pytest

from claimspec import report
from claimspec.races import ACCEPTABLE, FORBIDDEN, INTERESTING, REQUIRED, run_race


def alternating(*names):
    cycle = itertools.cycle(names)
    return lambda: next(cycle)


def test_counts_every_outcome_and_bounds_each_with_a_95_percent_interval():
    table = run_race(alternating("a", "a", "a", "b"), {"a": ACCEPTABLE, "b": INTERESTING},
                     budget=0, min_trials=400)
    assert table.trials == 400 and table.counts == {"a": 300, "b": 100}
    b = table.interval("b")
    assert b.low < 0.25 < b.high and 0.20 < b.low and b.high < 0.30
    table.check()


def test_no_sighting_is_bounded_by_the_rule_of_three():
    table = run_race(lambda: "a", {"a": ACCEPTABLE, "b": INTERESTING}, budget=0, min_trials=300)
    assert table.interval("b").high == pytest.approx(0.01)
    assert "in 0 of 300 trials (under 1%; interesting)" in table.sentence("b")


def test_a_forbidden_sighting_stops_the_run_and_fails():
    table = run_race(alternating("a", "a", "bad"), {"a": ACCEPTABLE, "bad": FORBIDDEN}, budget=10, min_trials=100)
    assert table.trials == 3
    with pytest.raises(AssertionError, match="forbidden outcome bad: in 1 of 3 trials"):
        table.check()


def test_a_required_outcome_never_seen_fails_with_the_trials_and_the_bound():
    table = run_race(lambda: "a", {"a": ACCEPTABLE, "wanted": REQUIRED}, budget=0, min_trials=50)
    with pytest.raises(AssertionError, match=r"required outcome never seen: wanted: in 0 of 50 trials \(under 6%"):
        table.check()


def test_an_outcome_not_graded_fails_and_a_trial_may_show_several():
    with pytest.raises(AssertionError, match="not one of the graded outcomes"):
        run_race(lambda: "surprise", {"a": ACCEPTABLE}, budget=0)
    table = run_race(lambda: ["a", "b"], {"a": ACCEPTABLE, "b": REQUIRED}, budget=0, min_trials=10)
    assert table.counts == {"a": 10, "b": 10}


def test_the_document_prints_each_outcome_under_its_test():
    table = run_race(alternating("lost", "kept"), {"kept": ACCEPTABLE, "lost": REQUIRED}, budget=0, min_trials=1000)
    lines = report.race_lines(table.as_dict())
    assert lines[1] == "lost: in 500 of 1000 trials (47%-53%; required) on this runtime"


def _report(implementation, version, gil, tests):
    """A claims report as --claims-report writes it, with the given tests under one claim."""
    return {"runtime": {"implementation": implementation, "version": version, "gil_enabled": gil},
            "sections": [{"section": "GIL", "claims": [{"tests": tests}]}]}


def _race_test(nodeid, table, outcome="passed", doc="`x += 1` from two threads"):
    return {"nodeid": nodeid, "outcome": outcome, "doc": doc, "outcomes": [table.as_dict()] if table else []}


def test_the_table_command_puts_each_runtime_in_a_column_and_each_outcome_in_a_row(tmp_path, capsys):
    import json

    from claimspec import races

    grades = {"kept": ACCEPTABLE, "lost": INTERESTING}
    gil = run_race(alternating("kept", "kept", "kept", "lost"), grades, budget=0, min_trials=400)
    nogil = run_race(alternating("kept", "lost"), grades, budget=0, min_trials=100)
    paths = []
    for folder, doc in [
        ("py311", _report("CPython", "3.11.7", True, [_race_test("spec/a.py::test_race", gil),
                                                       _race_test("spec/a.py::test_witness", None)])),
        ("py313t", _report("CPython", "3.13.5", False, [_race_test("spec/a.py::test_race", nogil)])),
        ("pypy39", _report("PyPy", "3.9.16", True, [_race_test("spec/a.py::test_race", None, outcome="skipped")])),
    ]:
        (tmp_path / folder).mkdir()
        paths.append(tmp_path / folder / "claims.json")
        paths[-1].write_text(json.dumps(doc))
    out = tmp_path / "races.md"
    assert races.main(["--table", *map(str, paths), "-o", str(out), "--intro", "# Races"]) == 0
    text = out.read_text()
    assert text.startswith("# Races\n\n### `x += 1` from two threads\n")
    assert "| outcome | CPython 3.11.7 | CPython 3.13.5 (GIL off) | PyPy 3.9.16 |" in text
    assert "| (trials) | 400 trials in 0.0 s | 100 trials in 0.0 s | skipped |" in text
    assert "| lost | 100 of 400 (21%-29%), interesting | 50 of 100 (40%-60%), interesting | skipped |" in text
    assert "test_witness" not in text  # a test that ran no race has no table
    # a file with the marker keeps its prose above it and gets the tables anew
    out.write_text("# Prose\n" + races.TABLES_MARKER + "\nold tables\n")
    races.main(["--table", str(paths[1]), "-o", str(out)])
    assert out.read_text().startswith("# Prose\n" + races.TABLES_MARKER + "\n\n### `x += 1`")
    assert "old tables" not in out.read_text() and "CPython 3.11.7" not in out.read_text()
    # the same runtime twice: each column is told apart by its run's folder
    races.main(["--table", str(paths[0]), str(paths[0])])
    assert "| outcome | CPython 3.11.7 (py311) | CPython 3.11.7 (py311) |" in capsys.readouterr().out
