"""The spec as one self-contained HTML page: a renderer of claimspec.results' model.

    python -m claimspec.page                          # every results/*/claims.json -> results/spec.html
    python -m claimspec.page results/py39 results/pypy39 -o docs/spec.html --pictures results/default-speed

The page follows the notes' sections in their order. For each claim: what the notes say, the verdict,
its facts, and its evidence, one test a row linked to its source line, with its outcome (figures and
race outcomes in the cell) on each runtime. Views, run in the page on the model's data: every claim;
*differs* (claims whose outcome is not the same everywhere); *sole dissenter* (exactly one runtime
differs, named); *compare* A and B (every test whose outcome or figure differs, side by side);
*history* (a claim's outcome per CPython version, each change marked and linked). Filters by verdict
and by outcome on a runtime. The view and filters are kept in the page's URL (its #fragment), so a
shared URL restores the view. No network, no external asset; built with Jinja2 (autoescaped).
"""
import argparse
import base64
import sys
from pathlib import Path

import jinja2

from . import results
from .report import VERDICT_MEANINGS
from .results import KINDS

ROOT = Path(__file__).resolve().parent.parent


def _cell(result, run_name):
    if result is None:
        return {"run": run_name, "kind": "absent", "mark": "-", "detail": "not in this runtime's report", "key": "", "races": [], "figures": ""}
    detail = "; ".join(x for x in [result.detail] + [f"{n} = {t}" for n, t in result.figures] if x)
    races = [{"name": o["name"], "text": results.race_outcome_text(o, t["trials"]), "grade": o["grade"]}
             for t in result.races for o in t["outcomes"]]
    return {"run": run_name, "kind": result.kind, "mark": KINDS[result.kind][1], "detail": detail,
            "key": result.key, "races": races, "figures": "; ".join(t for _, t in result.figures)}


def build(model, output, pictures=(), source_url=None):
    """The page's data, from the model."""
    base = source_url.rstrip("/") + "/" if source_url else results.relative_link(ROOT, Path(output).parent) + "/"
    differs = {c.module for c in model.differs()}
    sections = []
    for number, name, claims in model.sections:
        items = []
        for c in claims:
            history = model.history(c)
            items.append({
                "module": c.module, "number": c.number, "statement": c.statement, "verdict": c.verdict,
                "line": c.line or "", "facts": c.facts, "changed_in": c.changed_in,
                "outcomes": {n: cell.kind for n, cell in c.cells.items()},
                "differs": c.module in differs, "dissenter": model.dissenter(c) or "",
                "history": history if (c.changed_in or any(s["changed"] for s in history)) else [],
                "evidence": [{"sentence": t.sentence, "nodeid": t.nodeid, "href": f"{base}{t.path}#L{t.line}",
                              "where": f"{t.path}:{t.line}",
                              "cells": [_cell(t.results[n], n) for n in model.names]} for t in c.tests],
            })
        sections.append({"number": number, "name": name, "claims": items})
    verdicts = {}
    for c in model.claims:
        verdicts[c.verdict] = verdicts.get(c.verdict, 0) + 1
    images = []
    for folder in pictures:
        found = {}  # one picture per name: SVG where there is one (it scales), else PNG
        for path in sorted(Path(folder).glob("*")):
            if path.suffix.lower() in (".svg", ".png") and (path.stem not in found or path.suffix.lower() == ".svg"):
                found[path.stem] = path
        for stem, path in sorted(found.items()):
            mime = "image/svg+xml" if path.suffix.lower() == ".svg" else "image/png"
            images.append({"name": stem, "uri": f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"})
    return {
        "runtimes": [{"name": r.name, "label": r.label(), "when": r.when.strftime("%Y-%m-%d %H:%M"), "origin": r.origin}
                     for r in model.runs],
        "agreement": [{"fingerprint": fp.label(), "runs": names, "differ": [c.statement for c in differ]}
                      for fp, names, differ in model.agreement()],
        "sections": sections,
        "claims": len(model.claims),
        "verdicts": [(v, verdicts.get(v, 0), VERDICT_MEANINGS.get(v, "")) for v in
                     list(VERDICT_MEANINGS) + sorted(set(verdicts) - set(VERDICT_MEANINGS))],
        "kinds": [(k, word, mark) for k, (word, mark) in KINDS.items()],
        "images": images,
        "figures": [{"claim": c, "figure": f, "values": [v.get(n, "") for n in model.names]}
                    for c, f, v in model.figures()],
    }


def render(data):
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    return env.get_template("spec-page.html.j2").render(**data)


def write(model, output, pictures=(), source_url=None):
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(build(model, output, pictures, source_url)), encoding="utf-8")
    return output


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="*", help="claims.json files, run folders, or results folders (default: results/)")
    parser.add_argument("--output", "-o", type=Path, default=ROOT / "results" / "spec.html")
    parser.add_argument("--exclude", default="", help="comma-separated column names to leave out")
    parser.add_argument("--pictures", action="append", default=[], help="a folder of speed pictures to embed")
    parser.add_argument("--source-url", default=None, help="where tests link to (default: the files, relative to the page)")
    args = parser.parse_args(argv)
    model = results.load(args.reports, {n for n in args.exclude.split(",") if n}, ROOT / "results")
    if not model.runs:
        print("no claims reports found: run e.g. `tox -e py311` first (it writes results/py311/claims.json)")
        return 1
    print(f"page of {len(model.runs)} runtime(s) written to {write(model, args.output, args.pictures, args.source_url)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
