"""The claims report and the reading document: every claim, its verdict, and how its tests came out here."""
import json
import textwrap
from pathlib import Path

#: What each verdict tells a reader (the document's words; claims.VERDICTS is the authors' rule).
VERDICT_MEANINGS = {
    "holds": "the notes are right",
    "partly": "the notes are right as far as they go, but miss a part or get a part wrong (see \"What is true\")",
    "notes-wrong": "the notes are wrong (see \"What is true\")",
    "runtime-dependent": "true on some runtimes only (see \"Depends on\"); each runtime's behaviour is checked",
    "opinion": "advice, not a fact (\"What is true\" says what was measured and where the advice stops holding)",
}

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
                **({"outcomes": entry["outcomes"]} if entry.get("outcomes") else {}),
                "doc": entry.get("doc", ""),
                "name": entry.get("name", ""),
                "params": entry.get("params", ""),
                "index": entry.get("index", [0]),
            }
        )
    grouped = []
    order = {name: i for i, name in enumerate(sections)}
    for record in claims.values():
        # source order: the place of each test at collection, before any random reordering
        record["tests"].sort(key=lambda t: (t["index"], t["nodeid"]))
        record["outcome"] = _claim_outcome(record["tests"])
        record["statement"] = first_line(record.get("doc", "")) or record["title"]
    for section in sorted({c["section"] for c in claims.values()}, key=lambda s: order.get(s, len(order))):
        # the claims of a section in the order the notes make them, then by module
        members = sorted(
            (c for c in claims.values() if c["section"] == section),
            key=lambda c: (c.get("line") or 10**9, c["module"]),
        )
        grouped.append({"section": section, "number": order.get(section, len(order)) + 1, "claims": members})
    tests = [t for c in claims.values() for t in c["tests"]]
    totals = {
        "claims": len(claims),
        "claims_by_outcome": _count(c["outcome"] for c in claims.values()),
        "claims_by_verdict": _count(c["verdict"] for c in claims.values()),
        "tests": len(tests),
        "tests_by_outcome": _count(t["outcome"] for t in tests),
    }
    return {"runtime": runtime_info, "totals": totals, "sections": grouped}


def first_line(text):
    """The first sentence-line of a docstring, whitespace folded."""
    text = (text or "").strip()
    if not text:
        return ""
    paragraph = text.split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def test_sentence(test):
    """What the document says of one test: its docstring summary (exact words), else its name."""
    said = test.get("doc") or title_of(test.get("name") or test["nodeid"].split("::")[-1].split("[")[0])
    params = test.get("params")
    return f"{said} [{params}]" if params else said


#: The marks of the document, and what each means.
MARKS = {
    "passed": ("✓", "checked here, and true on this runtime"),
    "failed": ("✗", "checked here, and FAILED on this runtime (the failures follow the document)"),
    "skipped": ("»", "not checked here: the test states a fact of other runtimes, and says why it did not run here"),
    "xfailed": ("~", "a known difference of this runtime (a strict expected failure), with its reason"),
    "xpassed": ("!", "a known difference that no longer shows: the expectation should go"),
}

WIDTH = 100


def _wrap(text, indent, hanging=None):
    return textwrap.wrap(
        " ".join(str(text).split()), WIDTH, initial_indent=indent,
        subsequent_indent=hanging if hanging is not None else indent,
        break_on_hyphens=False, break_long_words=False,
    ) or [indent.rstrip()]


def runtime_line(rt):
    gil = "GIL on" if rt["gil_enabled"] else "GIL off"
    build = ", free-threaded build" if rt.get("free_threaded_build") else ""
    return (f"{rt['implementation']} {rt['version']} ({gil}{build}; {rt['usable_cores']} usable cores; "
            f"start methods {', '.join(rt['start_methods'])}, default {rt['default_start_method']})")


def render_text(doc):
    """The spec as a document: the notes' sections in order, each claim with its verdict and what is
    true, then its evidence as sentences in source order. The same run gives the same text."""
    out = [
        "THE PYTHON CONCURRENCY SPEC",
        *_wrap(f"read on {runtime_line(doc['runtime'])}", ""),
        "",
        "Each claim of the notes comes with what the notes say, our verdict and what is true, then",
        "its evidence, one test a line. The marks:",
    ]
    for mark, meaning in MARKS.values():
        out += _wrap(meaning, f"  {mark}  ", "     ")
    out.append("The verdicts:")
    for verdict, meaning in VERDICT_MEANINGS.items():
        out += _wrap(f"{verdict}: {meaning}", "  ", "    ")
    for group in doc["sections"]:
        number = group.get("number", "?")
        heading = f"{number}. {group['section'].strip()}"
        out += ["", "", heading, "=" * len(heading)]
        for sub, claim in enumerate(group["claims"], 1):
            out += [""]
            out += _wrap(f"{number}.{sub} {claim['statement']}", "", "    ")
            out += _wrap(claim["module"], "    ")
            out += _wrap(f"The notes: {claim['notes']}", "    ", "      ")
            out += _wrap(f"Verdict: {claim['verdict']}: {VERDICT_MEANINGS.get(claim['verdict'], '')}.", "    ", "      ")
            if claim.get("truth"):
                out += _wrap(f"What is true: {claim['truth']}", "    ", "      ")
            if claim.get("depends_on"):
                out += _wrap(f"Depends on: {claim['depends_on']}", "    ", "      ")
            for test in claim["tests"]:
                mark = MARKS.get(test["outcome"], MARKS["failed"])[0]
                text = test_sentence(test)
                if test["outcome"] == "skipped":
                    text += f" (not checked here: {test['detail']})"
                elif test["outcome"] == "xfailed":
                    text += f" ({test['detail']})"
                elif test["outcome"] in ("failed", "xpassed"):
                    text += f" -- {test['outcome'].upper()}: {test['detail']}"
                out += _wrap(text, f"      {mark} ", "        ")
                for table in test.get("outcomes", ()):
                    for line in race_lines(table):
                        out += _wrap(line, "          ", "            ")
    totals = doc["totals"]
    out += ["", "", "In all"]
    out += _wrap(f"{totals['claims']} claims; verdicts: "
                 + ", ".join(f"{n} {k}" for k, n in totals["claims_by_verdict"].items()) + ".", "  ", "    ")
    out += _wrap(f"{totals['tests']} tests here: "
                 + ", ".join(f"{n} {k}" for k, n in totals["tests_by_outcome"].items()) + ".", "  ", "    ")
    return "\n".join(out) + "\n"


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
        lines += [f"## {group.get('number', '')}. {group['section'].strip()}", "",
                  "| claim | verdict | outcome here | what is true |", "|---|---|---|---|"]
        for claim in group["claims"]:
            truth = claim.get("truth") or claim.get("depends_on") or ""
            said = f"Notes: {claim['notes']}"
            what = f"{said}<br>**{claim['verdict']}**: {truth}" if truth else said
            lines.append(
                f"| {_cell(claim.get('statement') or claim['title'])} | {claim['verdict']} | {claim['outcome']} | {_cell(what)} |"
            )
        lines.append("")
        details = []
        for claim in group["claims"]:
            for test in claim["tests"]:
                name = test_sentence(test)
                extra = []
                if test["detail"]:
                    extra.append(test["detail"])
                for m in test["measurements"]:
                    extra.append(f"{m['name']} = {format_measurement(m)}")
                for table in test.get("outcomes", ()):
                    extra += race_lines(table)
                if test["outcome"] != "passed" or extra:
                    details.append(f"- {_cell(claim.get('statement') or claim['title'])} / {_cell(name)}: **{test['outcome']}**" + (f": {'; '.join(_cell(e) for e in extra)}" if extra else ""))
        if details:
            lines += details + [""]
    return "\n".join(lines) + "\n"


def _percent(x):
    value = 100 * x
    return f"{value:.0f}%" if value == 0 or value >= 10 else f"{value:.2g}%"


def race_lines(table):
    """A race test's outcome table as sentences: ``some update lost in 412 of 1000 trials
    (38-44%; required) on this runtime``; no sighting is bounded by the rule of three."""
    lines = []
    for o in table["outcomes"]:
        bound = (f"under {_percent(o['high'])}" if o["count"] == 0
                 else f"{_percent(o['low'])}-{_percent(o['high'])}")
        lines.append(f"{o['name']}: in {o['count']} of {table['trials']} trials ({bound}; {o['grade']}) "
                     f"on this runtime")
    return lines


def format_measurement(m):
    """A recorded figure as a reader sees it: ``1.43x (95% interval 1.35-1.52x, 9 rounds; a goal)``."""
    value, unit = m["value"], m.get("unit", "")
    shown = f"{value:.3g}{unit}" if isinstance(value, float) else f"{value}{unit}"
    notes = []
    if m.get("interval"):
        lo, hi = m["interval"]
        notes.append(f"95% interval {lo:.3g}-{hi:.3g}{unit}" + (f", {m['n']} rounds" if m.get("n") else ""))
    if m.get("kind") == "goal":
        notes.append("a goal: recorded, not asserted")
    return shown + (f" ({'; '.join(notes)})" if notes else "")


def write(doc, target):
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    md = target / "claims.md"
    js = target / "claims.json"
    js.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    md.write_text(render_markdown(doc), encoding="utf-8")
    return md, js
