"""The conformance matrix: claims x runtimes, from the claims reports of each runtime.

    python tools/matrix.py                      # every results/*/claims.json
    python tools/matrix.py results/py39 results/pypy39 --output docs/matrix.md
    python tools/matrix.py --exclude local,minimal

Rows are the claims of the notes, grouped by the notes' sections, with their
verdicts; columns are runtimes (one claims report each, as `tox -e <env>` writes
them); a cell says how the claim's tests came out on that runtime:

    pass            every test of the claim passed
    pass, 2 skip    some tests passed, the others skipped (reasons in the notes below)
    skip            every test skipped (reason in the notes below)
    xfail           an expected difference: a known bug of that runtime, marked xfail in
                    the spec or tagged in expectations/<tag>.txt (strict: it fails once fixed)
    FAIL            a test failed or errored (or a tagged difference passed: XPASS)
    -               the claim is not in that runtime's report (run before it existed)

The Markdown is padded so that it reads as a table in a terminal too.
"""
import argparse
import datetime
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_claimspec_module(name):
    """claimspec/<name>.py loaded on its own, without the package (whose __init__ needs pytest):
    the matrix and the page build in an environment that has only their own dependencies."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"_claimspec_{name}", ROOT / "claimspec" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SECTIONS = load_claimspec_module("claims").SECTIONS
format_measurement = load_claimspec_module("report").format_measurement


# --- loading -----------------------------------------------------------------


class Runtime:
    """One column: a claims report and what it says about its runtime."""

    def __init__(self, path):
        self.path = Path(path)
        if self.path.is_dir():
            self.path = self.path / "claims.json"
        self.doc = json.loads(self.path.read_text(encoding="utf-8"))
        self.name = self.path.parent.name
        self.info = self.doc["runtime"]
        self.when = datetime.datetime.fromtimestamp(self.path.stat().st_mtime, datetime.timezone.utc)
        self.claims = {}
        for group in self.doc["sections"]:
            for claim in group["claims"]:
                self.claims[claim["module"]] = claim

    @property
    def label(self):
        rt = self.info
        bits = [f"{rt['implementation']} {rt['version']}"]
        if rt.get("free_threaded_build"):
            bits.append("free-threaded build, GIL " + ("on" if rt["gil_enabled"] else "off"))
        else:
            bits.append("GIL" if rt["gil_enabled"] else "no GIL")
        bits.append(f"{rt['usable_cores']} usable core" + ("s" if rt["usable_cores"] != 1 else ""))
        bits.append(f"start methods {'/'.join(rt['start_methods'])} (default {rt['default_start_method']})")
        return ", ".join(bits)

    def sort_key(self):
        rt = self.info
        impl = {"CPython": 0, "PyPy": 1}.get(rt["implementation"], 2)
        version = tuple(int(p) if p.isdigit() else 0 for p in re.split(r"[.+a-z]", rt["version"])[:3])
        # plain env names (py39, pypy) first, variants (minimal, local) after
        plain = 0 if re.fullmatch(r"py\d+t?|pypy\d*", self.name) else 1
        return (plain, impl, version, bool(rt.get("free_threaded_build")), self.name)


def find_reports(paths, exclude):
    """The runtimes' columns. A report of the speed claims alone is not a column of its own: where it
    is named for a column (``results/<column>-speed``, as ``tox -e <column>-speed`` writes it) its
    claims join that column, so the speed figures of each runtime stand side by side."""
    found = []
    if paths:
        for p in paths:
            p = Path(p)
            found.append(p / "claims.json" if p.is_dir() else p)
    else:
        found = sorted((ROOT / "results").glob("*/claims.json"))
    runtimes, speed_only = [], []
    for p in found:
        if p.parent.name in exclude:
            continue
        rt = Runtime(p)
        if rt.claims and all(m.startswith("spec/speed/") for m in rt.claims):
            speed_only.append(rt)
            continue
        runtimes.append(rt)
    by_name = {rt.name: rt for rt in runtimes}
    for rt in speed_only:
        base = by_name.get(rt.name[: -len("-speed")]) if rt.name.endswith("-speed") else None
        if base is None:
            print(f"matrix: leaving out {rt.path.parent}: speed claims only, and no column named "
                  f"{rt.name[: -len('-speed')] if rt.name.endswith('-speed') else rt.name} to join")
            continue
        base.claims.update(rt.claims)
        base.speed_report = rt.path
    return sorted(runtimes, key=Runtime.sort_key)


# --- cells ---------------------------------------------------------------------


class Notes:
    """Numbered notes under the matrix: one per distinct text, shared by cells."""

    def __init__(self):
        self.numbers = {}

    def ref(self, text):
        if text not in self.numbers:
            self.numbers[text] = len(self.numbers) + 1
        return self.numbers[text]

    def lines(self):
        return [f"{n}. {_md(text)}" for text, n in sorted(self.numbers.items(), key=lambda kv: kv[1])]


def _short_test(nodeid):
    return nodeid.split("::", 1)[-1]


def classify(claim, module=""):
    """(kind, text, note) for one claim on one runtime.

    kind is one of pass / partial / skip / xfail / FAIL / absent, used for the
    summary; text is the cell without its note number; note is the text of the
    note the cell refers to ('' if none).
    """
    if claim is None:
        if module.startswith("spec/speed/"):
            return "absent", "-", "speed claims not measured on this runtime (tox -e <column>-speed measures them)"
        return "absent", "-", "not in this runtime's report (the report predates the claim: rerun that runtime)"
    tests = claim["tests"]
    count = {}
    for t in tests:
        count[t["outcome"]] = count.get(t["outcome"], 0) + 1
    bad = [t for t in tests if t["outcome"] in ("failed", "xpassed")]
    if bad:
        parts = []
        for t in bad:
            what = "XPASS (the tagged difference is gone: remove its expectations line)" if t["outcome"] == "xpassed" else t["detail"]
            parts.append(f"`{_short_test(t['nodeid'])}`: {what}")
        text = "FAIL" if len(bad) == len(tests) else f"FAIL {len(bad)}/{len(tests)}"
        return "FAIL", text, "; ".join(parts)
    skipped = [t for t in tests if t["outcome"] == "skipped"]
    xfailed = [t for t in tests if t["outcome"] == "xfailed"]
    passed = count.get("passed", 0)

    def reasons(group):
        seen = []
        for t in group:
            reason = (t["detail"] or "no reason given").strip()
            if reason.startswith("known difference on this runtime: "):
                reason = reason[len("known difference on this runtime: ") :]
            if reason not in seen:
                seen.append(reason)
        return seen

    if xfailed:
        note = "expected difference: " + "; ".join(reasons(xfailed))
        if skipped:
            note += "; skipped: " + "; ".join(reasons(skipped))
        if passed:
            return "xfail", f"pass, {len(xfailed)} xfail", note
        return "xfail", "xfail", note
    if skipped:
        why = "; ".join(reasons(skipped))
        if passed:
            return "partial", f"pass, {len(skipped)} skip", why
        return "skip", "skip", why
    return "pass", "pass", ""


# --- rendering -----------------------------------------------------------------


def _md(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(header, rows, align=None):
    """A Markdown table padded to line up in a terminal."""
    rows = [[_md(c) for c in row] for row in rows]
    header = [_md(c) for c in header]
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    widths = [max(w, 3) for w in widths]
    align = align or ["<"] * len(header)

    def line(cells):
        return "| " + " | ".join(f"{c:{a}{w}}" for c, a, w in zip(cells, align, widths)) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if a == ">" else "-" * (w + 2) for a, w in zip(align, widths)) + "|"
    return [line(header), rule] + [line(r) for r in rows]


def sections_in_order(runtimes):
    """section -> {module: claim (from the newest report that has it)}, in the notes' order
    (a runtime's speed claims, joined from its -speed report, included)."""
    sections = {}
    for rt in sorted(runtimes, key=lambda r: r.when):
        for module, claim in rt.claims.items():
            sections.setdefault(claim["section"], {})[module] = claim
    order = {name: i for i, name in enumerate(SECTIONS)}
    return [(s, sections[s]) for s in sorted(sections, key=lambda s: (order.get(s, len(order)), s))]


def render(runtimes):
    names = [rt.name for rt in runtimes]
    out = ["# Conformance matrix: the notes' claims on each runtime", ""]
    out.append("Each column is one runtime's claims report (`tox -e <column>` writes `results/<column>/claims.json`; "
               "`tox -e matrix` merges them). A cell says how the claim's tests came out there: `pass`; "
               "`pass, N skip` (N tests skipped, the rest passed); `skip`; `xfail` (an expected difference: a known bug of "
               "that runtime, a strict xfail in the spec or a line in `expectations/`); `FAIL`; `-` (not in that report). Numbers in brackets refer to the "
               "notes under each section. The verdict is ours, about the notes: `holds`, `partly` (right as far as they "
               "go; the claim's truth says what they miss), `notes-wrong` (the spec tests what is true instead), "
               "`runtime-dependent`, `opinion` (the spec tests what is measurable). The same claims, with what is true "
               "and each test's outcome per runtime, are on one page: `spec.html` beside this file.")
    out.append("")
    out += table(
        ["column", "runtime", "report written (UTC)"],
        [[rt.name, rt.label, rt.when.strftime("%Y-%m-%d %H:%M")] for rt in runtimes],
    )
    out.append("")

    # totals
    kinds = ["pass", "partial", "skip", "xfail", "FAIL", "absent"]
    kind_names = {"pass": "pass", "partial": "pass, some skip", "skip": "skip", "xfail": "expected diff",
                  "FAIL": "FAIL", "absent": "not run"}
    grid = {}  # module -> [kind per runtime]
    sections = sections_in_order(runtimes)
    for _, claims in sections:
        for module in claims:
            grid[module] = [classify(rt.claims.get(module), module)[0] for rt in runtimes]
    total_rows = []
    for i, rt in enumerate(runtimes):
        tests = rt.doc["totals"]["tests_by_outcome"]
        ntests = rt.doc["totals"]["tests"]
        counts = [sum(1 for k in grid.values() if k[i] == kind) for kind in kinds]
        total_rows.append(
            [rt.name, str(len(grid) - counts[-1])]
            + [str(c) for c in counts[:-1]]
            + [str(ntests)]
            + [str(tests.get(k, 0)) for k in ("passed", "skipped", "xfailed")]
            + [str(tests.get("failed", 0) + tests.get("xpassed", 0))]
        )
    out += ["## Totals", ""]
    out += table(
        ["runtime", "claims"] + [kind_names[k] for k in kinds[:-1]] + ["tests", "passed", "skipped", "xfailed", "failed"],
        total_rows,
        align=["<"] + [">"] * (len(total_rows[0]) - 1) if total_rows else None,
    )
    out.append("")

    # summary
    everywhere = [m for m, ks in grid.items() if all(k == "pass" for k in ks)]
    failing = [m for m, ks in grid.items() if "FAIL" in ks]
    differ = [m for m, ks in grid.items() if m not in everywhere and m not in failing
              and any(k not in ("pass", "absent") for k in ks)]
    stale = [m for m, ks in grid.items() if all(k in ("pass", "absent") for k in ks) and "absent" in ks
             and not m.startswith("spec/speed/")]
    measured = [rt.name for rt in runtimes if any(m.startswith("spec/speed/") for m in rt.claims)]
    titles = {m: c.get("statement") or c["title"] for _, claims in sections for m, c in claims.items()}
    verdicts = {m: c["verdict"] for _, claims in sections for m, c in claims.items()}
    out += ["## Summary", ""]
    out.append(f"- **{len(everywhere)} of {len(grid)} claims** pass on every runtime here, every test run.")
    out.append(f"- **{len(differ)}** come out differently on some runtime (a skip or an expected difference), "
               "with no failure" + (":" if differ else "."))
    for m in differ:
        groups = {}  # cell text -> (runtimes, note)
        for rt in runtimes:
            kind, text, note = classify(rt.claims.get(m), m)
            if kind == "absent":
                continue
            groups.setdefault((text, note), []).append(rt.name)
        parts = []
        passing = groups.pop(("pass", ""), None)
        for (text, note), names_here in groups.items():
            part = f"{text} on {', '.join(names_here)}"
            if note:
                part += f" ({note})"
            parts.append(part)
        if passing:
            parts.append(f"pass on {', '.join(passing)}")
        out.append(f"  - {_md(titles[m])} ({verdicts[m]}): " + "; ".join(_md(p) for p in parts))
    if stale:
        out.append(f"- **{len(stale)}** pass wherever they ran, but some reports predate them: "
                   + "; ".join(_md(titles[m]) for m in stale))
    speed_claims = [m for m in grid if m.startswith("spec/speed/")]
    if speed_claims:
        out.append(f"- The {len(speed_claims)} speed claims were measured on " + (", ".join(measured) or "no runtime")
                   + "; a `-` elsewhere means not measured there.")
    out.append(f"- **{len(failing)}** fail on some runtime" + (":" if failing else "."))
    for m in failing:
        bad = [rt.name for rt in runtimes if classify(rt.claims.get(m), m)[0] == "FAIL"]
        out.append(f"  - {_md(titles[m])} ({verdicts[m]}): fails on {', '.join(bad)}")
    out.append("")
    by_verdict = {}
    for m in grid:
        by_verdict[verdicts[m]] = by_verdict.get(verdicts[m], 0) + 1
    out.append("Verdicts: " + ", ".join(f"{n} {v}" for v, n in sorted(by_verdict.items())) + ".")
    out.append("")

    # the matrix, section by section
    out += ["## Claims by section", ""]
    for section, claims in sections:
        section_notes = Notes()
        rows = []
        for module, claim in sorted(claims.items(), key=lambda kv: (kv[1].get("line") or 10**9, kv[0])):
            row = [claim.get("statement") or claim["title"], claim["verdict"]]
            for rt in runtimes:
                kind, text, note = classify(rt.claims.get(module), module)
                if note:
                    text += f" [{section_notes.ref(note)}]"
                row.append(text)
            rows.append(row)
        number = (list(SECTIONS).index(section) + 1) if section in SECTIONS else ""
        out += [f"### {number}. {section.strip()}" if number else f"### {section}", ""]
        out += table(["claim", "verdict"] + names, rows)
        out.append("")
        if section_notes.numbers:
            out += section_notes.lines() + [""]

    # measured figures side by side
    figures = {}
    for i, rt in enumerate(runtimes):
        for module, claim in rt.claims.items():
            for t in claim["tests"]:
                for m in t.get("measurements", []):
                    test = _short_test(t["nodeid"])
                    param = test[test.index("[") :] if "[" in test else ""
                    key = (claim.get("statement") or claim["title"], m["name"] + (f" {param}" if param else ""), str(m.get("unit", "")).strip())
                    figures.setdefault(key, [""] * len(runtimes))[i] = format_measurement(m)
    if figures:
        out += ["## Measured figures", "",
                "Figures the tests record (`claim_measurement`), per runtime; one run each, on a shared 2-core "
                "machine: read them as orders of magnitude.", ""]
        rows = [[title, f"{name}" + (f" ({unit})" if unit else ""), *vals]
                for (title, name, unit), vals in sorted(figures.items())]
        out += table(["claim", "figure"] + names, rows)
        out.append("")
    return "\n".join(out) + "\n"


def _fmt(value):
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="*", help="claims.json files or folders holding one (default: results/*/)")
    parser.add_argument("--output", "-o", type=Path, default=ROOT / "results" / "matrix.md")
    parser.add_argument("--exclude", default="", help="comma-separated column names to leave out")
    parser.add_argument("--quiet", "-q", action="store_true", help="do not print the matrix")
    parser.add_argument("--strict", action="store_true", help="exit 1 if any claim fails on any runtime")
    parser.add_argument("--html", type=Path, default=None,
                        help="the HTML page of the same reports (default: spec.html beside --output)")
    parser.add_argument("--pictures", action="append", default=None,
                        help="folders of speed pictures to embed in the page (default: results/default-speed)")
    args = parser.parse_args(argv)
    exclude = {n for n in args.exclude.split(",") if n}
    runtimes = find_reports(args.reports, exclude)
    if not runtimes:
        print("no claims reports found: run e.g. `tox -e py311` first (it writes results/py311/claims.json)")
        return 1
    text = render(runtimes)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    if not args.quiet:
        print(text)
    print(f"matrix of {len(runtimes)} runtime(s) written to {args.output}")
    import page  # tools/page.py: the same reports as one self-contained HTML page (needs jinja2)

    pictures = args.pictures if args.pictures is not None else [p for p in [ROOT / "results" / "default-speed"] if p.is_dir()]
    html = page.write(runtimes, args.html or args.output.with_name("spec.html"), pictures)
    print(f"page of {len(runtimes)} runtime(s) written to {html}")
    if args.strict and any(classify(c)[0] == "FAIL" for rt in runtimes for c in rt.claims.values()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
