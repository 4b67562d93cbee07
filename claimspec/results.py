"""The results model: claims.json files (one per runtime, from one or more machines) read into one model.

Every rendering reads this model and only this model: the document and claims.md
(claimspec.report), the matrix (claimspec.matrix) and the HTML page (claimspec.page). It holds:

- the claims in the notes' order (sections numbered as in the notes, a section's claims by the
  notes' line), each with its verdict and its facts (``CLAIM_FACTS``: what the notes say, what is
  true, what it depends on, in which CPython version it changed);
- the runs: one claims report each, identified by a ``Fingerprint`` (implementation, version,
  build, OS, usable cores, default start method, notebook or script) and by a name unique in the
  model (a second machine's ``py313`` becomes ``py313@<its folder>``: nothing is overwritten);
- per claim and run, a ``Cell`` (pass, partial, skip, xfail, FAIL, absent) with its note; per test
  and run, a ``Result`` with its outcome, detail, figures (with intervals) and race outcome tables;
- the questions the page and the matrix answer: ``differs``, ``sole_dissenter``, ``compare``,
  ``history`` and ``agreement`` (two runs of one fingerprint: do their outcomes agree?).

A fact added to ``CLAIM_FACTS`` (or a field added to ``Fingerprint``) shows in every rendering.
No pytest here: the matrix and the page build where only jinja2 is installed.
"""
import datetime
import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .claims import SECTIONS

# --- one run's report (claims.json), as the plugin writes it ---------------------------------


def title_of(stem):
    """``test_lock_is_not_reentrant`` -> ``Lock is not reentrant``."""
    words = stem[len("test_") :] if stem.startswith("test_") else stem
    words = words.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def first_line(text):
    """The first paragraph of a docstring, whitespace folded."""
    text = (text or "").strip()
    if not text:
        return ""
    return " ".join(text.split("\n\n", 1)[0].split())


def claim_outcome(tests):
    """One word for a claim on one run: failed if any test failed, passed if all that ran passed."""
    outcomes = [t["outcome"] or "failed" for t in tests]
    if "failed" in outcomes or "xpassed" in outcomes:
        return "failed"
    ran = [o for o in outcomes if o == "passed"]
    if ran:
        return "passed" if len(ran) == len(outcomes) else "passed (some skipped)"
    if "xfailed" in outcomes:
        return "expected difference"
    return "skipped"


def _count(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items()))


def build_report(entries, runtime_info, sections=SECTIONS):
    """One run's report as a JSON-ready dict (claims.json): runtime, totals, claims by section."""
    claims = {}
    for entry in entries:
        claim = entry["claim"]
        record = claims.setdefault(claim["module"], {**claim, "tests": []})
        record["tests"].append(
            {
                "nodeid": entry["nodeid"],
                "outcome": entry["outcome"] or "failed",
                "detail": entry["detail"],
                "measurements": entry["measurements"],
                **({"outcomes": entry["outcomes"]} if entry.get("outcomes") else {}),
                "doc": entry.get("doc", ""),
                "name": entry.get("name", ""),
                "params": entry.get("params", ""),
                "index": entry.get("index", [0]),
            }
        )
    order = {name: i for i, name in enumerate(sections)}
    for record in claims.values():
        # source order: the place of each test at collection, before any random reordering
        record["tests"].sort(key=lambda t: (t["index"], t["nodeid"]))
        record["outcome"] = claim_outcome(record["tests"])
        record["statement"] = first_line(record.get("doc", "")) or record["title"]
    grouped = []
    for section in sorted({c["section"] for c in claims.values()}, key=lambda s: order.get(s, len(order))):
        members = sorted((c for c in claims.values() if c["section"] == section),
                         key=lambda c: (c.get("line") or 10**9, c["module"]))
        grouped.append({"section": section, "number": order.get(section, len(order)) + 1, "claims": members})
    tests = [t for c in claims.values() for t in c["tests"]]
    totals = {
        "claims": len(claims),
        "claims_by_outcome": _count(c["outcome"] for c in claims.values()),
        "claims_by_verdict": _count(c["verdict"] for c in claims.values()),
        "tests": len(tests),
        "tests_by_outcome": _count(t["outcome"] for t in tests),
    }
    runtime_info = dict(runtime_info)
    runtime_info["fingerprint"] = asdict(Fingerprint.of(runtime_info))
    return {"runtime": runtime_info, "totals": totals, "sections": grouped}


# --- what a reader reads of a claim, a test, a figure, a race ---------------------------------


def _changes(changed_in):
    return "; ".join(f"{version}: {what} ({url})" for version, (what, url) in sorted_changes(changed_in))


@dataclass(frozen=True)
class Fact:
    """One fact of a claim that the renderings show: its key in the claim's record, its label, how
    it reads as text, and whether the matrix lists it under its section's table (the long prose of
    notes, truth and depends_on is left to the document and the page, where there is room)."""

    key: str
    label: str
    text: object = str
    in_matrix: bool = True


#: A claim's facts, in the order every rendering shows them. Add one here and it shows in the
#: document, claims.md, the matrix and the page (claims.json holds every field of the Claim).
CLAIM_FACTS = (
    Fact("notes", "The notes", in_matrix=False),
    Fact("truth", "What is true", in_matrix=False),
    Fact("depends_on", "Depends on", in_matrix=False),
    Fact("changed_in", "Changed in", _changes),
)


def version_key(version):
    """``"3.14"`` / ``"3.13.0"`` / ``"3.15.0a2+"`` -> (3, 14, 0) for ordering."""
    parts = [int(p) for p in re.findall(r"\d+", str(version))[:3]]
    return tuple(parts + [0] * (3 - len(parts)))


def sorted_changes(changed_in):
    """A claim's ``changed_in`` as ``[(version, (what, url)), ...]`` in version order."""
    return sorted(((v, tuple(e)) for v, e in (changed_in or {}).items()), key=lambda kv: version_key(kv[0]))


def claim_facts(claim, matrix=False):
    """[(label, text)] of the facts a claim has, in ``CLAIM_FACTS`` order (``matrix``: those the matrix lists)."""
    return [(f.label, f.text(claim[f.key])) for f in CLAIM_FACTS if claim.get(f.key) and (f.in_matrix or not matrix)]


def test_sentence(test):
    """What a reader is told of one test: its docstring summary (exact words), else its name."""
    said = test.get("doc") or title_of(test.get("name") or test["nodeid"].split("::")[-1].split("[")[0])
    params = test.get("params")
    return f"{said} [{params}]" if params else said


def format_measurement(m):
    """A recorded figure: ``1.43x (95% interval 1.35-1.52x, 9 rounds; a goal: recorded, not asserted)``."""
    value, unit = m["value"], m.get("unit", "")
    shown = f"{value:.3g}{unit}" if isinstance(value, float) else f"{value}{unit}"
    notes = []
    if m.get("interval"):
        lo, hi = m["interval"]
        notes.append(f"95% interval {lo:.3g}-{hi:.3g}{unit}" + (f", {m['n']} rounds" if m.get("n") else ""))
    if m.get("kind") == "goal":
        notes.append("a goal: recorded, not asserted")
    return shown + (f" ({'; '.join(notes)})" if notes else "")


def _percent(x):
    value = 100 * x
    return f"{value:.0f}%" if value == 0 or value >= 10 else f"{value:.2g}%"


def _bound(o):
    return f"under {_percent(o['high'])}" if o["count"] == 0 else f"{_percent(o['low'])}-{_percent(o['high'])}"


def race_outcome_text(o, trials):
    """``412 of 1000 (38-44%; required)``; no sighting is bounded by the rule of three."""
    return f"{o['count']} of {trials} ({_bound(o)}; {o['grade']})"


def race_lines(table):
    """A race test's outcome table as sentences: ``some update lost: in 412 of 1000 trials (38-44%;
    required) on this runtime``."""
    return [f"{o['name']}: in {o['count']} of {table['trials']} trials ({_bound(o)}; {o['grade']}) on this runtime"
            for o in table["outcomes"]]


# --- runs and their fingerprints --------------------------------------------------------------


@dataclass(frozen=True)
class Fingerprint:
    """What identifies a runtime: two runs with equal fingerprints ran the same runtime."""

    implementation: str
    version: str
    build: str  # "GIL" or "free-threaded"
    os: str
    cores: int
    start_method: str  # the default start method
    mode: str  # "script" or "notebook"

    @classmethod
    def of(cls, rt, folder=""):
        """From a report's ``runtime`` (older reports lack ``os`` and ``mode``: taken from ``platform``,
        and from the folder's name, ``notebook`` as ``tox -e notebook`` writes it)."""
        saved = rt.get("fingerprint")
        if saved:
            return cls(**saved)
        os_name = rt.get("os") or (str(rt.get("platform", "")).split("-", 1)[0] or "unknown")
        mode = rt.get("mode") or ("notebook" if "notebook" in Path(folder).name else "script")
        return cls(
            implementation=rt.get("implementation", "?"),
            version=str(rt.get("version", "?")),
            build="free-threaded" if rt.get("free_threaded_build") else "GIL",
            os=os_name,
            cores=int(rt.get("usable_cores") or 0),
            start_method=rt.get("default_start_method") or "?",
            mode=mode,
        )

    def label(self):
        """``CPython 3.13.0, GIL build, Linux, 2 cores, default start method fork, script``."""
        return (f"{self.implementation} {self.version}, {self.build} build, {self.os}, {self.cores} "
                f"core{'s' if self.cores != 1 else ''}, default start method {self.start_method}, {self.mode}")


@dataclass
class Run:
    """One claims report: one runtime on one machine (with its speed claims joined, where a
    ``<name>-speed`` report of the same folder has them)."""

    name: str
    path: Path
    origin: str
    runtime: dict
    fingerprint: Fingerprint
    when: datetime.datetime
    claims: dict
    totals: dict
    speed_report: Path = None

    @classmethod
    def load(cls, path, origin=""):
        path = Path(path)
        if path.is_dir():
            path = path / "claims.json"
        doc = json.loads(path.read_text(encoding="utf-8"))
        claims = {c["module"]: c for group in doc["sections"] for c in group["claims"]}
        return cls(
            name=path.parent.name, path=path, origin=origin or path.parent.parent.name, runtime=doc["runtime"],
            fingerprint=Fingerprint.of(doc["runtime"], path.parent.name),
            when=datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.timezone.utc),
            claims=claims, totals=doc.get("totals", {}),
        )

    @property
    def gil_enabled(self):
        return bool(self.runtime.get("gil_enabled", self.fingerprint.build == "GIL"))

    def label(self):
        gil = "" if self.fingerprint.build == "GIL" else f" (GIL {'on' if self.gil_enabled else 'off'})"
        return self.fingerprint.label() + gil

    def sort_key(self):
        fp = self.fingerprint
        impl = {"CPython": 0, "PyPy": 1}.get(fp.implementation, 2)
        plain = 0 if re.fullmatch(r"(py\d+t?|pypy\d*)(@.*)?", self.name) else 1
        return (fp.mode == "notebook", plain, impl, version_key(fp.version), fp.build, self.name)


# --- cells: a claim on one run ----------------------------------------------------------------

KNOWN = "known difference on this runtime: "

#: A cell's kind -> (the word, the mark) every rendering shows.
KINDS = {
    "pass": ("pass", "✓"),
    "partial": ("pass, some skipped", "✓"),
    "skip": ("skip", "»"),
    "xfail": ("expected difference", "~"),
    "FAIL": ("FAIL", "✗"),
    "absent": ("not run", "-"),
}
TEST_KINDS = {"passed": "pass", "skipped": "skip", "xfailed": "xfail", "failed": "FAIL", "xpassed": "FAIL"}


@dataclass
class Cell:
    kind: str
    text: str
    note: str = ""


def _short_test(nodeid):
    return nodeid.split("::", 1)[-1]


def classify(claim, module=""):
    """The cell of one claim (its record in one run's report, or None) on that run."""
    if claim is None:
        if module.startswith("spec/speed/"):
            return Cell("absent", "-", "speed claims not measured on this runtime (tox -e <column>-speed measures them)")
        return Cell("absent", "-", "not in this runtime's report (the report predates the claim, or the run "
                                   "selected other claims)")
    tests = claim["tests"]
    bad = [t for t in tests if t["outcome"] in ("failed", "xpassed")]
    if bad:
        parts = [f"`{_short_test(t['nodeid'])}`: " + ("XPASS (the tagged difference is gone: remove its "
                                                       "expectations line)" if t["outcome"] == "xpassed" else t["detail"])
                 for t in bad]
        return Cell("FAIL", "FAIL" if len(bad) == len(tests) else f"FAIL {len(bad)}/{len(tests)}", "; ".join(parts))
    skipped = [t for t in tests if t["outcome"] == "skipped"]
    xfailed = [t for t in tests if t["outcome"] == "xfailed"]
    passed = sum(1 for t in tests if t["outcome"] == "passed")

    def reasons(group):
        seen = []
        for t in group:
            reason = (t["detail"] or "no reason given").strip()
            reason = reason[len(KNOWN):] if reason.startswith(KNOWN) else reason
            if reason not in seen:
                seen.append(reason)
        return "; ".join(seen)

    if xfailed:
        note = "expected difference: " + reasons(xfailed) + (f"; skipped: {reasons(skipped)}" if skipped else "")
        return Cell("xfail", f"pass, {len(xfailed)} xfail" if passed else "xfail", note)
    if skipped:
        return Cell("partial", f"pass, {len(skipped)} skip", reasons(skipped)) if passed else \
            Cell("skip", "skip", reasons(skipped))
    return Cell("pass", "pass")


# --- the model --------------------------------------------------------------------------------


@dataclass
class Result:
    """One test on one run."""

    outcome: str
    kind: str
    detail: str
    figures: list  # [(name, text)]
    races: list  # the race outcome tables, as claims.json has them
    params: str = ""

    @property
    def key(self):
        """What two runs are compared by: the outcome and the figures."""
        return f"{self.kind}|" + "; ".join(f"{n} = {t}" for n, t in self.figures)


@dataclass
class TestRow:
    nodeid: str
    sentence: str
    path: str
    line: int
    results: dict  # run name -> Result or None


@dataclass
class ClaimRow:
    module: str
    section: str
    number: str  # "7.3"
    statement: str
    verdict: str
    line: int
    record: dict  # the claim's metadata, as the newest report has it
    facts: list  # [(label, text)]
    brief: list  # [(label, text)]: the facts the matrix lists
    changed_in: list  # [(version, (what, url))]
    cells: dict  # run name -> Cell
    tests: list  # [TestRow]


def _unique_names(runs):
    seen = {}
    for run in runs:
        if run.name in seen:
            run.name = f"{run.name}@{run.origin}"
        while run.name in seen:
            run.name += "'"
        seen[run.name] = run
    return runs


def find_runs(paths=(), exclude=(), default=None):
    """The runs of the given claims.json files, run folders (holding claims.json) or results folders
    (holding <run>/claims.json: one machine's results). A report of speed claims alone joins the run
    of its folder named without ``-speed`` (``tox -e py313-speed`` beside ``tox -e py313``); with no
    such run it is a column of its own."""
    found = []
    for p in (paths or [default]):
        p = Path(p)
        if p.is_file():
            found.append((p, p.parent.parent.name))
        elif (p / "claims.json").is_file():
            found.append((p / "claims.json", p.parent.name))
        else:
            found += [(f, p.name) for f in sorted(p.glob("*/claims.json"))]
    runs, speed_only = [], []
    for path, origin in found:
        if path.parent.name in exclude:
            continue
        run = Run.load(path, origin)
        if run.claims and all(m.startswith("spec/speed/") for m in run.claims):
            speed_only.append(run)
        else:
            runs.append(run)
    for run in speed_only:
        base = next((r for r in runs if r.origin == run.origin and r.name + "-speed" == run.name), None)
        if base is None:  # no run to join: a column of its own (a runtime measured for speed only)
            runs.append(run)
            continue
        base.claims.update(run.claims)
        base.speed_report = run.path
    return _unique_names(sorted(runs, key=Run.sort_key))


def _source_line(test):
    """The 1-based line of a test's definition (the plugin records pytest's 0-based line)."""
    index = test.get("index") or [0]
    return int(index[0]) + 1


class Model:
    """Claims x runs, and the questions asked of them."""

    def __init__(self, runs):
        self.runs = list(runs)
        self.names = [r.name for r in self.runs]
        # a claim's metadata: each field as the newest report that has it says (a report written before a
        # field existed, e.g. changed_in, does not blank it)
        newest = {}
        for run in sorted(self.runs, key=lambda r: r.when):
            for module, claim in run.claims.items():
                newest.setdefault(module, {}).update({k: v for k, v in claim.items() if v not in ("", None, [], {})})
        order = {name: i for i, name in enumerate(SECTIONS)}
        by_section = {}
        for module, claim in newest.items():
            by_section.setdefault(claim["section"], []).append(module)
        self.sections = []
        for section in sorted(by_section, key=lambda s: (order.get(s, len(order)), s)):
            number = order[section] + 1 if section in order else ""
            modules = sorted(by_section[section], key=lambda m: (newest[m].get("line") or 10**9, m))
            rows = [self._row(newest[m], f"{number}.{i}" if number else str(i)) for i, m in enumerate(modules, 1)]
            self.sections.append((number, section.strip(), rows))
        self.claims = [row for _, _, rows in self.sections for row in rows]

    def _row(self, claim, number):
        module = claim["module"]
        tests = {}
        for run in sorted(self.runs, key=lambda r: r.when, reverse=True):
            for t in (run.claims.get(module) or {}).get("tests", []):
                tests.setdefault(t["nodeid"], t)
        rows = []
        for nodeid, test in sorted(tests.items(), key=lambda kv: (kv[1].get("index") or [0], kv[0])):
            results = {}
            for run in self.runs:
                found = next((t for t in (run.claims.get(module) or {}).get("tests", []) if t["nodeid"] == nodeid), None)
                results[run.name] = None if found is None else Result(
                    outcome=found["outcome"], kind=TEST_KINDS.get(found["outcome"], "FAIL"),
                    detail=found.get("detail") or "",
                    figures=[(m["name"], format_measurement(m)) for m in found.get("measurements", [])],
                    races=found.get("outcomes", []), params=found.get("params", ""))
            rows.append(TestRow(nodeid, test_sentence(test), nodeid.split("::")[0], _source_line(test), results))
        return ClaimRow(
            module=module, section=claim["section"], number=number,
            statement=claim.get("statement") or claim.get("title") or module, verdict=claim["verdict"],
            line=claim.get("line") or 0, record=claim, facts=claim_facts(claim), brief=claim_facts(claim, matrix=True),
            changed_in=sorted_changes(claim.get("changed_in")),
            cells={run.name: classify(run.claims.get(module), module) for run in self.runs}, tests=rows)

    # the questions ---------------------------------------------------------------------------

    @staticmethod
    def present(claim):
        """run name -> cell kind, for the runs that ran the claim."""
        return {name: cell.kind for name, cell in claim.cells.items() if cell.kind != "absent"}

    def differs(self):
        """The claims whose outcome is not the same on every run that ran them."""
        return [c for c in self.claims if len(set(self.present(c).values())) > 1]

    def dissenter(self, claim):
        """The one run whose outcome differs from all the others' (which agree), else None; needs
        at least three runs of the claim, or "the others" would be one run."""
        kinds = self.present(claim)
        if len(kinds) < 3:
            return None
        counts = _count(kinds.values())
        if len(counts) != 2 or min(counts.values()) != 1:
            return None
        odd = next(k for k, n in counts.items() if n == 1)
        return next(name for name, k in kinds.items() if k == odd)

    def sole_dissenter(self):
        """[(claim, run name)] where exactly one run differs from all the others."""
        return [(c, d) for c in self.claims for d in [self.dissenter(c)] if d]

    def compare(self, a, b):
        """[(claim, test, result on a, result on b)] for every test whose outcome or figures differ."""
        out = []
        for claim in self.claims:
            for test in claim.tests:
                ra, rb = test.results.get(a), test.results.get(b)
                if ra is None and rb is None:
                    continue
                if ra is None or rb is None or ra.key != rb.key:
                    out.append((claim, test, ra, rb))
        return out

    def history_runs(self):
        """One run per CPython version (GIL build, scripts), in version order: the first by sort order
        where several ran one version."""
        chosen = {}
        for run in self.runs:
            fp = run.fingerprint
            if fp.implementation == "CPython" and fp.build == "GIL" and fp.mode == "script":
                chosen.setdefault(".".join(map(str, version_key(fp.version)[:2])), run)
        return sorted(chosen.items(), key=lambda kv: version_key(kv[0]))

    def history(self, claim):
        """A claim's outcome per CPython version, in version order, each step marked ``changed`` where its
        outcome differs from the last version that ran it, with what the claim's ``changed_in`` says
        changed in that version; a version in ``changed_in`` with no run here is a step with no outcome."""
        runs = self.history_runs()
        changes = {}
        for version, entry in claim.changed_in:
            changes.setdefault(version, []).append(entry)
        steps = [{"version": v, "run": "", "kind": "", "changed": False, "why": why}
                 for v, why in changes.items() if v not in dict(runs)]
        previous = None
        for version, run in runs:
            kind = claim.cells[run.name].kind
            steps.append({"version": version, "run": run.name, "kind": kind,
                          "changed": kind != "absent" and previous not in (None, kind), "why": changes.get(version, [])})
            previous = previous if kind == "absent" else kind
        return sorted(steps, key=lambda s: version_key(s["version"]))

    def agreement(self):
        """[(fingerprint, [run names], [claims whose outcomes differ between those runs])] for every
        fingerprint that more than one run has."""
        groups = {}
        for run in self.runs:
            groups.setdefault(run.fingerprint, []).append(run.name)
        out = []
        for fp, names in groups.items():
            if len(names) > 1:
                differ = [c for c in self.claims
                          if len({c.cells[n].kind for n in names if c.cells[n].kind != "absent"}) > 1]
                out.append((fp, names, differ))
        return out

    def figures(self):
        """[(claim statement, figure name, {run: text})] of every recorded figure, sorted."""
        rows = {}
        for claim in self.claims:
            for test in claim.tests:
                for name, result in test.results.items():
                    for figure, text in (result.figures if result else []):
                        label = figure + (f" [{result.params}]" if result.params else "")
                        rows.setdefault((claim.statement, label), {})[name] = text
        return [(c, f, v) for (c, f), v in sorted(rows.items())]

    @staticmethod
    def race_outcomes(test):
        """[(outcome name, {run: "412 of 1000 (38%-44%; required)"})] of one test's race outcome tables."""
        rows = {}
        for run, result in test.results.items():
            for table in (result.races if result else []):
                for o in table["outcomes"]:
                    rows.setdefault(o["name"], {})[run] = race_outcome_text(o, table["trials"])
        return list(rows.items())

    def races(self):
        """[(claim, test, outcome name, {run: text})] of every race outcome table."""
        return [(c, t, name, per_run) for c in self.claims for t in c.tests for name, per_run in self.race_outcomes(t)]

    def notebook_runs(self):
        return [r.name for r in self.runs if r.fingerprint.mode == "notebook"]


def load(paths=(), exclude=(), default=None):
    """The model of the given reports (see ``find_runs``)."""
    return Model(find_runs(paths, exclude, default))


def relative_link(target, start):
    """A link from a file in folder ``start`` to ``target`` (both paths), with forward slashes."""
    return Path(os.path.relpath(target, start)).as_posix()
