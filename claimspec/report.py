"""The reading document (``pytest spec --spec``) and claims.md/claims.json: renderers of one run's
report as claimspec.results builds it (every claim, its verdict and facts, how its tests came out)."""
import json
import textwrap
from pathlib import Path

from . import results
from .results import (  # noqa: F401  (the plugin and tests read these names here)
    claim_facts, first_line, format_measurement, race_lines, test_sentence, title_of,
)

#: What each verdict tells a reader (the document's words; claims.VERDICTS is the authors' rule).
VERDICT_MEANINGS = {
    "holds": "the notes are right",
    "partly": "the notes are right as far as they go, but miss a part or get a part wrong (see \"What is true\")",
    "notes-wrong": "the notes are wrong (see \"What is true\")",
    "runtime-dependent": "true on some runtimes only (see \"Depends on\"); each runtime's behaviour is checked",
    "opinion": "advice, not a fact (\"What is true\" says what was measured and where the advice stops holding)",
}

# The model of one run's report, and the words every rendering shares, live in claimspec.results.
build = results.build_report


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


def fingerprint_line(rt):
    return "fingerprint: " + results.Fingerprint.of(rt).label()


def render_text(doc):
    """The spec as a document: the notes' sections in order, each claim with its verdict and what is
    true, then its evidence as sentences in source order. The same run gives the same text."""
    out = [
        "THE PYTHON CONCURRENCY SPEC",
        *_wrap(f"read on {runtime_line(doc['runtime'])}", ""),
        *_wrap(fingerprint_line(doc["runtime"]), ""),
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
            facts = claim_facts(claim)
            for label, text in facts[:1]:  # what the notes say, then our verdict, then the rest
                out += _wrap(f"{label}: {text}", "    ", "      ")
            out += _wrap(f"Verdict: {claim['verdict']}: {VERDICT_MEANINGS.get(claim['verdict'], '')}.", "    ", "      ")
            for label, text in facts[1:]:
                out += _wrap(f"{label}: {text}", "    ", "      ")
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
        f"- Fingerprint: {results.Fingerprint.of(rt).label()}",
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
            facts = claim_facts(claim)
            what = "<br>".join([f"{facts[0][0]}: {facts[0][1]}"] + [f"**{claim['verdict']}**"] * (len(facts) > 1)
                               + [f"{label}: {text}" for label, text in facts[1:]])
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


def write(doc, target):
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    md = target / "claims.md"
    js = target / "claims.json"
    js.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    md.write_text(render_markdown(doc), encoding="utf-8")
    return md, js
