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
