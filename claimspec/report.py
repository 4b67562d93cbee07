"""The claims report: every claim, its verdict, and how its tests came out here."""
import json
from pathlib import Path

_ORDER = ("failed", "xpassed", "passed", "xfailed", "skipped")


def title_of(stem):
    """``test_lock_is_not_reentrant`` -> ``Lock is not reentrant``."""
    words = stem[len("test_") :] if stem.startswith("test_") else stem
    words = words.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _claim_outcome(tests):
    """One word for a claim: failed if any test failed, passed if all that ran passed."""
    outcomes = [t["outcome"] or "failed" for t in tests]
    if "failed" in outcomes or "xpassed" in outcomes:
        return "failed"
    ran = [o for o in outcomes if o == "passed"]
    if ran:
        return "passed" if len(ran) == len(outcomes) else "passed (some skipped)"
    if "xfailed" in outcomes:
        return "expected difference"
    return "skipped"


def build(entries, runtime_info, sections):
    """The report as a JSON-ready dict: runtime, totals, claims grouped by section."""
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
            }
        )
    grouped = []
    order = {name: i for i, name in enumerate(sections)}
    for record in claims.values():
        record["tests"].sort(key=lambda t: t["nodeid"])
        record["outcome"] = _claim_outcome(record["tests"])
    for section in sorted({c["section"] for c in claims.values()}, key=lambda s: order.get(s, len(order))):
        members = sorted((c for c in claims.values() if c["section"] == section), key=lambda c: c["module"])
        grouped.append({"section": section, "claims": members})
    tests = [t for c in claims.values() for t in c["tests"]]
    totals = {
        "claims": len(claims),
        "claims_by_outcome": _count(c["outcome"] for c in claims.values()),
        "claims_by_verdict": _count(c["verdict"] for c in claims.values()),
        "tests": len(tests),
        "tests_by_outcome": _count(t["outcome"] for t in tests),
    }
    return {"runtime": runtime_info, "totals": totals, "sections": grouped}


def _count(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items()))


def _cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(doc):
    rt = doc["runtime"]
    gil = "enabled" if rt["gil_enabled"] else "disabled"
    build = ", free-threaded build" if rt.get("free_threaded_build") else ""
    lines = [
        "# Claims of the concurrency notes, checked on this runtime",
        "",
        f"- Runtime: {rt['implementation']} {rt['version']} (`{rt['executable']}`)",
        f"- GIL: {gil}{build}",
        f"- Usable cores: {rt['usable_cores']}",
        f"- Start methods: {', '.join(rt['start_methods'])} (default: {rt['default_start_method']})",
        f"- Platform: {rt['platform']}",
        "",
    ]
    totals = doc["totals"]
    by_outcome = ", ".join(f"{n} {k}" for k, n in totals["claims_by_outcome"].items())
    by_verdict = ", ".join(f"{n} {k}" for k, n in totals["claims_by_verdict"].items())
    tests = ", ".join(f"{n} {k}" for k, n in totals["tests_by_outcome"].items())
    lines += [
        f"**{totals['claims']} claims**: {by_outcome or 'none'}.  ",
        f"Verdicts: {by_verdict or 'none'}.  ",
        f"**{totals['tests']} tests**: {tests or 'none'}.",
        "",
    ]
    for group in doc["sections"]:
        lines += [f"## {group['section']}", "", "| claim | verdict | outcome here | what is true |", "|---|---|---|---|"]
        for claim in group["claims"]:
            truth = claim.get("truth") or claim.get("depends_on") or ""
            said = f"Notes: {claim['notes']}"
            what = f"{said}<br>**{claim['verdict']}**: {truth}" if truth else said
            lines.append(
                f"| {_cell(claim['title'])} | {claim['verdict']} | {claim['outcome']} | {_cell(what)} |"
            )
        lines.append("")
        details = []
        for claim in group["claims"]:
            for test in claim["tests"]:
                name = test["nodeid"].split("::", 1)[-1]
                extra = []
                if test["detail"]:
                    extra.append(test["detail"])
                for m in test["measurements"]:
                    value = m["value"]
                    shown = f"{value:.3g}" if isinstance(value, float) else value
                    extra.append(f"{m['name']} = {shown}{m['unit']}")
                if test["outcome"] != "passed" or extra:
                    details.append(f"- `{_cell(claim['title'])}` / `{name}`: **{test['outcome']}**" + (f": {'; '.join(_cell(e) for e in extra)}" if extra else ""))
        if details:
            lines += details + [""]
    return "\n".join(lines) + "\n"


def write(doc, target):
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    md = target / "claims.md"
    js = target / "claims.json"
    js.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    md.write_text(render_markdown(doc), encoding="utf-8")
    return md, js
