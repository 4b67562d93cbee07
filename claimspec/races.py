"""Races graded by their outcomes: run a scenario for a time budget, count each named outcome.

A race test names every outcome its scenario can end with and grades each (the words of jcstress):

- ``FORBIDDEN``: any sighting fails the test (an update lost under a lock);
- ``REQUIRED``: the claim says it happens on this runtime; none in the budget fails, with the
  trials and the bound. Grade an outcome required only where its measured frequency makes a miss
  in the budget practically impossible; otherwise ``INTERESTING``;
- ``ACCEPTABLE``: allowed, nothing to say; ``INTERESTING``: allowed and worth reporting.

``run_race(scenario, grades, budget)`` calls ``scenario()`` (one trial: it returns the name of the
outcome it saw) until ``budget`` seconds have passed (at least ``min_trials``, at most
``max_trials`` trials, and never past ``max(3 * budget, SHORT)`` seconds; a trial may return several names, each then counted: "seen in k of n
trials"), and stops at once on a forbidden outcome (fail fast). It returns a
``RaceTable``: each outcome's count, the trials, and its 95% interval (Wilson; for no sighting the
rule of three, under 3/n). ``table.check()`` raises AssertionError for a forbidden sighting or a
required outcome never seen. The ``race`` fixture (claimspec.plugin) runs, records and checks a
table in one call, with the budget of ``--race-budget`` (default ``DEFAULT_BUDGET``).

A grade may depend on the runtime: pass ``by_runtime(gil=..., free_threaded=..., pypy=...)``.
"""
import time

from . import runtime
from .stats import wilson
from .timeouts import SHORT

FORBIDDEN, REQUIRED, ACCEPTABLE, INTERESTING = "forbidden", "required", "acceptable", "interesting"
GRADES = (FORBIDDEN, REQUIRED, ACCEPTABLE, INTERESTING)
#: Seconds each race test runs its scenario by default (``--race-budget`` changes it).
DEFAULT_BUDGET = 0.3


def by_runtime(gil=None, free_threaded=None, pypy=None, default=INTERESTING):
    """The grade for this runtime: ``pypy`` on PyPy, ``free_threaded`` on CPython running without
    its GIL, ``gil`` on CPython with its GIL; ``default`` where the one asked for is None."""
    if runtime.IS_PYPY:
        chosen = pypy
    elif not runtime.gil_enabled():
        chosen = free_threaded
    else:
        chosen = gil
    return chosen if chosen is not None else default


def _percent(x):
    value = 100 * x
    if value == 0 or value >= 10:
        return f"{value:.0f}%"
    return f"{value:.2g}%"


class RaceTable:
    """The outcome of a race test: ``trials``, ``counts`` and ``grades`` by outcome name."""

    def __init__(self, grades, counts, trials, seconds, budget, stopped=""):
        self.grades, self.counts, self.trials = dict(grades), dict(counts), trials
        self.seconds, self.budget, self.stopped = seconds, budget, stopped

    def interval(self, name):
        return wilson(self.counts.get(name, 0), self.trials)

    def sentence(self, name):
        """``"some update lost" in 412 of 1000 trials (95% interval 38-44%; required)``."""
        k, n = self.counts.get(name, 0), self.trials
        iv = self.interval(name)
        bound = f"under {_percent(iv.high)}" if k == 0 else f"95% interval {_percent(iv.low)}-{_percent(iv.high)}"
        return f"{name}: in {k} of {n} trials ({bound}; {self.grades[name]})"

    def as_dict(self):
        outcomes = []
        for name, grade in self.grades.items():
            iv = self.interval(name)
            outcomes.append({"name": name, "grade": grade, "count": self.counts.get(name, 0),
                             "low": iv.low, "high": iv.high})
        return {"trials": self.trials, "seconds": round(self.seconds, 3), "budget": self.budget,
                "runtime": runtime.IMPLEMENTATION + " " + runtime.VERSION
                + ("" if runtime.gil_enabled() else " (GIL off)"),
                "outcomes": outcomes}

    def problems(self):
        found = []
        for name, grade in self.grades.items():
            k = self.counts.get(name, 0)
            if grade == FORBIDDEN and k:
                found.append(f"forbidden outcome {self.sentence(name)}")
            if grade == REQUIRED and not k and not self.stopped:
                found.append(f"required outcome never seen: {self.sentence(name)}, in {self.seconds:.2f} s")
        return found

    def check(self):
        problems = self.problems()
        assert not problems, "; ".join(problems) + "\n" + str(self)

    #: what a test calls at its end (the ``race`` fixture has checked already; calling it again
    #: states in the test what it asserts)
    assert_grades = check

    def __str__(self):
        return "\n".join(self.sentence(name) for name in self.grades)


def run_race(scenario, grades, budget=DEFAULT_BUDGET, min_trials=10, max_trials=100_000):
    """Call ``scenario()`` for ``budget`` seconds and count the outcome names it returns.

    ``grades`` maps every outcome name to its grade; a name not in it fails at once (the test did
    not foresee it). At least ``min_trials`` trials run (a slow machine takes longer, not fewer);
    the first forbidden sighting ends the run."""
    for name, grade in grades.items():
        if grade not in GRADES:
            raise ValueError(f"outcome {name!r}: grade {grade!r} is not one of {GRADES}")
    counts = dict.fromkeys(grades, 0)
    trials, stopped = 0, ""
    start = time.monotonic()
    deadline = start + budget
    # a broken runtime whose trials each wait out a timeout stops soon (fail fast): past the cap,
    # the run ends even short of min_trials
    cap = start + max(3 * budget, SHORT)
    while trials < max_trials and (trials < min_trials or time.monotonic() < deadline) and time.monotonic() < cap:
        seen = scenario()
        names = [seen] if isinstance(seen, str) else list(dict.fromkeys(seen))
        if not names:
            raise AssertionError("the scenario named no outcome")
        for name in names:
            if name not in grades:
                raise AssertionError(f"the scenario ended with {name!r}, not one of the graded outcomes {list(grades)}")
            counts[name] += 1
        trials += 1
        bad = [name for name in names if grades[name] == FORBIDDEN]
        if bad:
            stopped = f"stopped at the first forbidden outcome ({bad[0]})"
            break
    return RaceTable(grades, counts, trials, time.monotonic() - start, budget, stopped)


# --- outcome tables side by side: python -m claimspec.races --table results/*/claims.json ------------


#: in a file ``-o`` rewrites, what stands above this line is kept
TABLES_MARKER = "<!-- the outcome tables below are written by: python -m claimspec.races --table ... -o FILE -->"


def _runtime_label(doc):
    """``CPython 3.13.5 (GIL off)`` for a claims report's runtime."""
    rt = doc.get("runtime", {})
    label = f"{rt.get('implementation', '?')} {rt.get('version', '?')}"
    return label + (" (GIL off)" if rt.get("gil_enabled") is False else "")


def _race_tests(doc):
    """(nodeid, test) for each test in a claims report that ran a race or could have (skipped)."""
    for section in doc.get("sections", ()):
        for claim in section.get("claims", ()):
            for test in claim.get("tests", ()):
                yield test["nodeid"], test


def _cell(table, name, test_outcome):
    """One outcome on one runtime: ``412 of 1000 (38-44%), required``."""
    for o in table["outcomes"]:
        if o["name"] == name:
            k, n = o["count"], table["trials"]
            bound = (f"under {_percent(o['high'])}" if k == 0
                     else f"{_percent(o['low'])}-{_percent(o['high'])}")
            cell = f"{k} of {n} ({bound}), {o['grade']}"
            return cell if test_outcome == "passed" else f"{cell}; test {test_outcome}"
    return "not an outcome here"


def outcome_tables(reports):
    """Markdown: for each race test, its outcomes (rows) on each run's runtime (columns).

    ``reports`` is a list of (label, claims report dict). A test that ran no race on a runtime
    shows how it ended there (skipped, failed) or "not run"."""
    labels = [label for label, _ in reports]
    tests = {}  # nodeid -> {label: test}
    for label, doc in reports:
        for nodeid, test in _race_tests(doc):
            tests.setdefault(nodeid, {})[label] = test
    lines = []
    for nodeid, by_label in tests.items():
        if not any(t.get("outcomes") for t in by_label.values()):
            continue  # not a race test
        names = []
        for t in by_label.values():
            for table in t.get("outcomes", ()):
                names += [o["name"] for o in table["outcomes"] if o["name"] not in names]
        doc = next((t.get("doc") for t in by_label.values() if t.get("doc")), "") or nodeid
        lines += [f"### {doc.splitlines()[0]}", "", f"`{nodeid}`", "",
                  "| outcome | " + " | ".join(labels) + " |",
                  "|---|" + "---|" * len(labels)]
        trial_row = []
        for label in labels:
            t = by_label.get(label)
            tables = (t or {}).get("outcomes") or []
            trial_row.append(f"{tables[-1]['trials']} trials in {tables[-1]['seconds']:.1f} s" if tables
                             else (t["outcome"] if t else "not run"))
        lines.append("| (trials) | " + " | ".join(trial_row) + " |")
        for name in names:
            row = []
            for label in labels:
                t = by_label.get(label)
                tables = (t or {}).get("outcomes") or []
                row.append(_cell(tables[-1], name, t["outcome"]) if tables else (t["outcome"] if t else "not run"))
            lines.append(f"| {name} | " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
        lines.append("")
    return "\n".join(lines)


def read_reports(paths):
    """(label, claims report) for each claims.json path; a runtime met twice gets its folder's name."""
    import json
    from pathlib import Path

    reports = []
    for path in paths:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        reports.append([_runtime_label(doc), doc, Path(path).parent.name])
    seen = [label for label, _, _ in reports]
    return [(f"{label} ({folder})" if seen.count(label) > 1 else label, doc) for label, doc, folder in reports]


def main(argv=None):
    import argparse

    parser = argparse.ArgumentParser(prog="python -m claimspec.races",
                                     description="the race tests' outcome tables, runtimes side by side")
    parser.add_argument("--table", nargs="+", metavar="CLAIMS_JSON", required=True,
                        help="claims.json files of runs (pytest --claims-report DIR), one column each")
    parser.add_argument("-o", "--output", help="write the Markdown here (default: print it)")
    parser.add_argument("--intro", default="", help="text put above the tables")
    args = parser.parse_args(argv)
    reports = read_reports(args.table)
    text = (args.intro.rstrip() + "\n\n" if args.intro else "") + outcome_tables(reports)
    if args.output:
        from pathlib import Path
        target = Path(args.output)
        # a file that has the marker keeps what is written above it (its prose) and gets new tables
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        if TABLES_MARKER in old:
            text = old[:old.index(TABLES_MARKER) + len(TABLES_MARKER)] + "\n\n" + text
        target.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
