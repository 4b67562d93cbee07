"""The spec as one self-contained HTML page: every claim on every runtime of the matrix.

    python tools/page.py                          # every results/*/claims.json -> results/spec.html
    python tools/page.py results/py39 results/pypy39 -o docs/spec.html --pictures results/default-speed

The page follows the notes' sections in their order. For each claim: what the notes say, the
verdict, what is true, and its evidence, one test a row, with its outcome on each runtime. Filters
(by verdict, and by outcome on a chosen runtime) run in the page itself. Pictures of the speed
claims (SVG or PNG files in ``--pictures`` folders) are embedded. No network, no external asset:
the CSS and the script are inline, the pictures are data URIs. Built with Jinja2 (autoescaped).
"""
import argparse
import base64
import sys
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import matrix  # noqa: E402  (tools/matrix.py: loading reports, classifying cells)

_report = matrix.load_claimspec_module("report")  # the document's words: verdict meanings, test sentences
VERDICT_MEANINGS, test_sentence = _report.VERDICT_MEANINGS, _report.test_sentence

#: A cell's kind (tools/matrix.classify) -> the word and mark the page shows.
KINDS = {
    "pass": ("pass", "✓"),
    "partial": ("pass, some skipped", "✓"),
    "skip": ("skip", "»"),
    "xfail": ("expected difference", "~"),
    "FAIL": ("FAIL", "✗"),
    "absent": ("not run", "-"),
}
TEST_KINDS = {"passed": "pass", "skipped": "skip", "xfailed": "xfail", "failed": "FAIL", "xpassed": "FAIL"}


def _evidence(claims_by_runtime, runtimes):
    """Rows of evidence for one claim: each test (union over runtimes) with its outcome per runtime."""
    tests = {}
    for rt in runtimes:
        claim = claims_by_runtime.get(rt.name)
        for t in (claim or {}).get("tests", []):
            tests.setdefault(t["nodeid"], t)  # newest report first (see below)
    rows = []
    for nodeid, test in sorted(tests.items(), key=lambda kv: (kv[1].get("index") or [0], kv[0])):
        cells = []
        for rt in runtimes:
            claim = claims_by_runtime.get(rt.name)
            found = next((t for t in (claim or {}).get("tests", []) if t["nodeid"] == nodeid), None)
            if found is None:
                cells.append({"kind": "absent", "mark": "-", "detail": "not in this runtime's report"})
                continue
            kind = TEST_KINDS.get(found["outcome"], "FAIL")
            detail = found.get("detail") or ""
            figures = "; ".join(f"{m['name']} = {matrix.format_measurement(m)}"
                                for m in found.get("measurements", []))
            cells.append({"kind": kind, "mark": KINDS[kind][1], "detail": "; ".join(x for x in (detail, figures) if x)})
        rows.append({"sentence": test_sentence(test), "nodeid": nodeid, "cells": cells})
    return rows


def build(runtimes, pictures=()):
    """The page's data: runtimes, sections with claims, verdict counts, pictures."""
    newest_first = sorted(runtimes, key=lambda r: r.when, reverse=True)
    sections = []
    all_claims = []
    for section, claims in matrix.sections_in_order(runtimes):
        number = (list(matrix.SECTIONS).index(section) + 1) if section in matrix.SECTIONS else ""
        items = []
        ordered = sorted(claims.items(), key=lambda kv: (kv[1].get("line") or 10**9, kv[0]))
        for module, claim in ordered:
            per_runtime = {rt.name: rt.claims.get(module) for rt in newest_first}
            outcomes = {rt.name: matrix.classify(rt.claims.get(module), module)[0] for rt in runtimes}
            item = {
                "module": module,
                "statement": claim.get("statement") or claim.get("title"),
                "notes": claim.get("notes", ""),
                "verdict": claim.get("verdict", ""),
                "truth": claim.get("truth", ""),
                "depends_on": claim.get("depends_on", ""),
                "line": claim.get("line") or "",
                "outcomes": outcomes,
                "evidence": _evidence(per_runtime, newest_first),
            }
            # the evidence columns follow the runtimes' order, not the newest-first lookup order
            order = [newest_first.index(rt) for rt in runtimes]
            for row in item["evidence"]:
                row["cells"] = [row["cells"][i] for i in order]
            items.append(item)
            all_claims.append(item)
        sections.append({"number": number, "name": section.strip(), "claims": items})
    verdicts = {}
    for claim in all_claims:
        verdicts[claim["verdict"]] = verdicts.get(claim["verdict"], 0) + 1
    images = []
    for folder in pictures:
        # one picture per name: SVG where there is one (it scales), else PNG
        found = {}
        for path in sorted(Path(folder).glob("*")):
            if path.suffix.lower() in (".svg", ".png") and (path.stem not in found or path.suffix.lower() == ".svg"):
                found[path.stem] = path
        for stem, path in sorted(found.items()):
            mime = "image/svg+xml" if path.suffix.lower() == ".svg" else "image/png"
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            images.append({"name": stem, "uri": f"data:{mime};base64,{data}"})
    return {
        "runtimes": [{"name": rt.name, "label": rt.label, "when": rt.when.strftime("%Y-%m-%d %H:%M")} for rt in runtimes],
        "sections": sections,
        "claims": len(all_claims),
        "verdicts": [(v, verdicts.get(v, 0), VERDICT_MEANINGS.get(v, "")) for v in
                     list(VERDICT_MEANINGS) + sorted(set(verdicts) - set(VERDICT_MEANINGS))],
        "kinds": [(k, word, mark) for k, (word, mark) in KINDS.items()],
        "images": images,
        "figures": _figures(runtimes),
    }


def _figures(runtimes):
    rows = {}
    for i, rt in enumerate(runtimes):
        for claim in rt.claims.values():
            for t in claim["tests"]:
                for m in t.get("measurements", []):
                    params = t["nodeid"].split("[", 1)[1].rstrip("]") if "[" in t["nodeid"] else ""
                    key = (claim.get("statement") or claim["title"], m["name"] + (f" [{params}]" if params else ""),
                           str(m.get("unit", "")).strip())
                    rows.setdefault(key, [""] * len(runtimes))[i] = matrix.format_measurement(m)
    return [{"claim": c, "figure": f + (f" ({u})" if u else ""), "values": v} for (c, f, u), v in sorted(rows.items())]


def render(data):
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ROOT / "tools" / "templates")),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("spec-page.html.j2").render(**data)


def write(runtimes, output, pictures=()):
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(build(runtimes, pictures)), encoding="utf-8")
    return output


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="*", help="claims.json files or folders holding one (default: results/*/)")
    parser.add_argument("--output", "-o", type=Path, default=ROOT / "results" / "spec.html")
    parser.add_argument("--exclude", default="", help="comma-separated column names to leave out")
    parser.add_argument("--pictures", action="append", default=[], help="a folder of speed pictures to embed")
    args = parser.parse_args(argv)
    runtimes = matrix.find_reports(args.reports, {n for n in args.exclude.split(",") if n})
    if not runtimes:
        print("no claims reports found: run e.g. `tox -e py311` first (it writes results/py311/claims.json)")
        return 1
    print(f"page of {len(runtimes)} runtime(s) written to {write(runtimes, args.output, args.pictures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
