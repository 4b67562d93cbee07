"""The conformance matrix: claims x runtimes, a renderer of claimspec.results' model.

    python -m claimspec.matrix                      # every results/*/claims.json
    python -m claimspec.matrix results/py39 results/pypy39 --output docs/matrix.md
    python -m claimspec.matrix results /elsewhere/results-macos   # two machines' results, merged
    python -m claimspec.matrix --exclude local,minimal

Rows are the claims of the notes, grouped by the notes' sections, with their verdicts; columns are
runs (one claims report each, as `tox -e <env>` writes them, the notebook runtime included; a second
machine's run of the same name gets `@<its folder>`); a cell says how the claim's tests came out:

    pass            every test of the claim passed
    pass, 2 skip    some tests passed, the others skipped (reasons in the notes below)
    skip            every test skipped (reason in the notes below)
    xfail           an expected difference: a known bug of that runtime, marked xfail in
                    the spec or tagged in expectations/<tag>.txt (strict: it fails once fixed)
    FAIL            a test failed or errored (or a tagged difference passed: XPASS)
    -               the claim is not in that runtime's report

The Markdown is padded so that it reads as a table in a terminal too. The same model, as one HTML
page, is written beside it (claimspec.page).
"""
import argparse
import sys
from pathlib import Path

from . import results
from .results import KINDS

ROOT = Path(__file__).resolve().parent.parent


class Notes:
    """Numbered notes under a table: one per distinct text, shared by cells."""

    def __init__(self):
        self.numbers = {}

    def ref(self, text):
        return self.numbers.setdefault(text, len(self.numbers) + 1)

    def lines(self):
        return [f"{n}. {_md(text)}" for text, n in self.numbers.items()]


def _md(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(header, rows, align=None):
    """A Markdown table padded to line up in a terminal."""
    rows = [[_md(c) for c in row] for row in rows]
    header = [_md(c) for c in header]
    widths = [max(3, *(len(r[i]) for r in [header] + rows)) for i in range(len(header))]
    align = align or ["<"] * len(header)

    def line(cells):
        return "| " + " | ".join(f"{c:{a}{w}}" for c, a, w in zip(cells, align, widths)) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if a == ">" else "-" * (w + 2) for a, w in zip(align, widths)) + "|"
    return [line(header), rule] + [line(r) for r in rows]


def render(model):
    names = model.names
    out = ["# Conformance matrix: the notes' claims on each runtime", "",
           "Each column is one run's claims report (`tox -e <column>` writes `results/<column>/claims.json`; "
           "`tox -e matrix` merges them, from one or several results folders). A cell says how the claim's tests "
           "came out there: `pass`; `pass, N skip` (N tests skipped, the rest passed); `skip`; `xfail` (an "
           "expected difference: a known bug of that runtime, a strict xfail in the spec or a line in "
           "`expectations/`); `FAIL`; `-` (not in that report). Numbers in brackets refer to the notes under each "
           "section. The verdict is ours, about the notes: `holds`, `partly`, `notes-wrong`, `runtime-dependent`, "
           "`opinion`. The same model, with the page's questions (what differs, the sole dissenter, two runtimes "
           "compared, a claim's history across CPython versions), is `spec.html` beside this file.", ""]
    out += table(["column", "fingerprint", "report written (UTC)", "from"],
                 [[r.name, r.label(), r.when.strftime("%Y-%m-%d %H:%M"), r.origin] for r in model.runs])
    out.append("")
    agreement = model.agreement()
    if agreement:
        out += ["Runs of one fingerprint (the same runtime, run more than once):", ""]
        for fp, group, differ in agreement:
            said = ("their outcomes agree on every claim" if not differ else
                    f"their outcomes differ on {len(differ)} claim(s): " + "; ".join(c.statement for c in differ))
            out.append(f"- {', '.join(group)} ({fp.label()}): {said}")
        out.append("")

    kinds = ["pass", "partial", "skip", "xfail", "FAIL", "absent"]
    rows = []
    for run in model.runs:
        tests = run.totals.get("tests_by_outcome", {})
        counts = [sum(1 for c in model.claims if c.cells[run.name].kind == k) for k in kinds]
        rows.append([run.name, str(len(model.claims) - counts[-1]), *map(str, counts[:-1]), str(run.totals.get("tests", 0)),
                     *(str(tests.get(k, 0)) for k in ("passed", "skipped", "xfailed")),
                     str(tests.get("failed", 0) + tests.get("xpassed", 0))])
    out += ["## Totals", ""]
    out += table(["runtime", "claims"] + [KINDS[k][0] for k in kinds[:-1]] + ["tests", "passed", "skipped", "xfailed", "failed"],
                 rows, align=["<"] + [">"] * 11)
    out.append("")

    differ = model.differs()
    failing = [c for c in model.claims if "FAIL" in model.present(c).values()]
    everywhere = [c for c in model.claims if set(model.present(c).values()) == {"pass"}
                  and len(model.present(c)) == len(names)]
    out += ["## What differs", "",
            f"- **{len(everywhere)} of {len(model.claims)} claims** pass on every runtime here, every test run.",
            f"- **{len(differ)}** come out differently on some runtime" + (":" if differ else ".")]
    for c in differ:
        groups = {}
        for name in names:
            cell = c.cells[name]
            if cell.kind != "absent":
                groups.setdefault((cell.text, cell.note), []).append(name)
        parts = [f"{text} on {', '.join(g)}" + (f" ({note})" if note else "") for (text, note), g in groups.items()]
        out.append(f"  - {c.number} {_md(c.statement)} ({c.verdict}): " + "; ".join(_md(p) for p in parts))
    sole = model.sole_dissenter()
    out.append(f"- **{len(sole)}** differ on exactly one runtime (the sole dissenter)" + (":" if sole else "."))
    for c, name in sole:
        out.append(f"  - {c.number} {_md(c.statement)}: only {name} ({c.cells[name].text})")
    out.append(f"- **{len(failing)}** fail on some runtime" + (":" if failing else "."))
    for c in failing:
        out.append(f"  - {c.number} {_md(c.statement)}: fails on "
                   + ", ".join(n for n in names if c.cells[n].kind == "FAIL"))
    out.append("")

    out += ["## Claims by section", ""]
    notebook = model.notebook_runs()
    for number, section, claims in model.sections:
        notes = Notes()
        rows = []
        for c in claims:
            row = [f"{c.number} {c.statement}", c.verdict]
            for name in names:
                cell = c.cells[name]
                row.append(cell.text + (f" [{notes.ref(cell.note)}]" if cell.note else ""))
            rows.append(row)
        out += [f"### {number}. {section}" if number else f"### {section}", ""]
        out += table(["claim", "verdict"] + names, rows)
        out.append("")
        if notes.numbers:
            out += notes.lines() + [""]
        under = []
        for c in claims:
            if c.changed_in:
                under.append(f"- {c.number} history: " + "; ".join(
                    f"{s['version']} {KINDS[s['kind']][0] if s['kind'] else '(no run here)'}"
                    + (" (changed)" if s["changed"] else "") for s in model.history(c)))
            for label, text in c.brief:
                under.append(f"- {c.number} {label}: {text}")
            for test in c.tests:
                for outcome, per_run in model.race_outcomes(test):
                    under.append(f"- {c.number} race, {test.sentence}: {outcome}: "
                                 + "; ".join(f"{run} {text}" for run, text in per_run.items()))
                for nb in notebook:
                    result = test.results.get(nb)
                    if result is not None:
                        under.append(f"- {c.number} in a notebook ({nb}): {test.sentence}: {KINDS[result.kind][0]}"
                                     + (f" ({result.detail})" if result.detail else ""))
        if under:
            out += [_md(u) for u in under] + [""]

    figures = model.figures()
    if figures:
        out += ["## Measured figures", "",
                "Figures the tests record (`claim_measurement`), per runtime, with their 95% intervals where "
                "measured; on a shared 2-core machine.", ""]
        out += table(["claim", "figure"] + names, [[c, f, *(v.get(n, "") for n in names)] for c, f, v in figures])
        out.append("")
    races = model.races()
    if races:
        out += ["## Race outcomes", "",
                "Each race test's outcomes per runtime: sightings in trials (95% interval; under 3/n where none "
                "was seen) and the outcome's grade (forbidden, required, acceptable, interesting).", ""]
        out += table(["claim", "test", "outcome"] + names,
                     [[c.number, t.sentence, o, *(v.get(n, "") for n in names)] for c, t, o, v in races])
        out.append("")
    return "\n".join(out) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="*",
                        help="claims.json files, run folders holding one, or results folders of runs (default: results/)")
    parser.add_argument("--output", "-o", type=Path, default=ROOT / "results" / "matrix.md")
    parser.add_argument("--exclude", default="", help="comma-separated column names to leave out")
    parser.add_argument("--quiet", "-q", action="store_true", help="do not print the matrix")
    parser.add_argument("--strict", action="store_true", help="exit 1 if any claim fails on any runtime")
    parser.add_argument("--html", type=Path, default=None,
                        help="the HTML page of the same reports (default: spec.html beside --output)")
    parser.add_argument("--pictures", action="append", default=None,
                        help="folders of speed pictures to embed in the page (default: results/default-speed)")
    parser.add_argument("--source-url", default=None,
                        help="where tests link to (e.g. a repository's blob URL); default: the files, relative to the page")
    args = parser.parse_args(argv)
    model = results.load(args.reports, {n for n in args.exclude.split(",") if n}, ROOT / "results")
    if not model.runs:
        print("no claims reports found: run e.g. `tox -e py311` first (it writes results/py311/claims.json)")
        return 1
    text = render(model)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    if not args.quiet:
        print(text)
    print(f"matrix of {len(model.runs)} runtime(s) written to {args.output}")
    from . import page  # needs jinja2

    pictures = args.pictures if args.pictures is not None else [
        p for p in [ROOT / "results" / "default-speed"] if p.is_dir()]
    html = page.write(model, args.html or args.output.with_name("spec.html"), pictures, args.source_url)
    print(f"page of {len(model.runs)} runtime(s) written to {html}")
    if args.strict and any(c.cells[n].kind == "FAIL" for c in model.claims for n in model.names):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
