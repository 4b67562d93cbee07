"""Check a claims report (claims.json): no failure, and every skip gives its reason.

    python tools/check_report.py results/minimal/claims.json --missing gevent numba
    python tools/check_report.py results/default-speed/claims.json --ran pypy

``--ran PATTERN``: the tests whose node id contains PATTERN must have run: at least one passed,
and none skipped (CI: the PyPy speed claims really ran).

Prints the skips grouped by reason, and how many tests each missing optional
module accounts for. Exits 1 when a test failed or errored, or a skip has no
reason; 0 otherwise.
"""
import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path


def tests_of(doc):
    for group in doc["sections"]:
        for claim in group["claims"]:
            for test in claim["tests"]:
                yield claim, test


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--missing", nargs="*", default=[], metavar="MODULE",
                        help="optional modules left out: count the tests that skip for want of each")
    parser.add_argument("--ran", nargs="*", default=[], metavar="PATTERN",
                        help="tests whose node id contains PATTERN: at least one passed and none skipped")
    args = parser.parse_args(argv)
    doc = json.loads(args.report.read_text(encoding="utf-8"))
    rt = doc["runtime"]
    print(f"{args.report}: {rt['implementation']} {rt['version']}, {rt['usable_cores']} usable core(s)")
    problems = []
    skips = Counter()
    claims_skipped = {}
    for claim, test in tests_of(doc):
        outcome = test["outcome"]
        if outcome in ("failed", "xpassed"):
            problems.append(f"{outcome}: {test['nodeid']}: {test['detail']}")
        elif outcome == "skipped":
            reason = (test["detail"] or "").strip()
            if not reason or reason.lower() in ("skipped", "unconditional skip"):
                problems.append(f"skipped without a reason: {test['nodeid']}")
            skips[reason] += 1
            claims_skipped.setdefault(reason, set()).add(claim["title"])
    totals = doc["totals"]
    print("tests:", ", ".join(f"{n} {k}" for k, n in totals["tests_by_outcome"].items()))
    print("claims:", ", ".join(f"{n} {k}" for k, n in totals["claims_by_outcome"].items()))
    if skips:
        print("skips, by reason:")
        for reason, n in skips.most_common():
            print(f"  {n:4d}  {reason}  [{len(claims_skipped[reason])} claim(s)]")
    for module in args.missing:
        want = re.compile(rf"\b{re.escape(module)} is not installed|\bno {re.escape(module)}\b", re.IGNORECASE)
        n = sum(c for r, c in skips.items() if want.search(r))
        print(f"without {module}: {n} test(s) skip for want of it" + ("" if n else " (no claim needs it yet)"))
    for pattern in args.ran:
        mine = [t for _, t in tests_of(doc) if pattern.lower() in t["nodeid"].lower()]
        passed = [t for t in mine if t["outcome"] == "passed"]
        skipped = [t for t in mine if t["outcome"] == "skipped"]
        print(f"tests matching {pattern!r}: {len(passed)} passed, {len(skipped)} skipped, {len(mine)} in all")
        if not passed:
            problems.append(f"no test matching {pattern!r} passed")
        problems.extend(f"skipped, but must run: {t['nodeid']}: {t['detail']}" for t in skipped)
    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("ok: no failure, every skip gives its reason")
    return 0


if __name__ == "__main__":
    sys.exit(main())
