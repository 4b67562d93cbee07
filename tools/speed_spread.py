"""How repeatable are the speed figures? Run the speed claims several times and show each figure's spread.

Runs ``pytest spec/speed -m speed`` N times (default 5) with one interpreter, each run writing its
claims report (and pytest-benchmark JSON) to OUT/run-<i>, then reads every run's claims.json and
writes OUT/spread.md and OUT/spread.json: for each figure, its value in each run, the median, the
range, the largest deviation from the median, and, for a figure with a physical limit, the limit and
the median fraction of it. Figures from a test that did not pass in a run (skipped: the machine was
too busy) are left out of that run.

A *headline* figure is one the claims are judged by: every figure checked against its physical
limit (the test recorded its fraction of the limit), and the PyPy, numba and C ratios. The command
exits 1 if any headline figure strays more than --tolerance (10%) from its median in any run, or
was measured in fewer than two runs.

    .venv/bin/python tools/speed_spread.py --out results/spread/py311
    .venv/bin/python tools/speed_spread.py --python .tox/pypy39-speed/bin/python --out results/spread/pypy39
    .venv/bin/python tools/speed_spread.py --wrap "bash tools/sid.sh run" \\
        --python /root/spec-tox/py315/bin/python --out results/spread/py315
    .venv/bin/python tools/speed_spread.py --from results/spread/py311/run-* --out results/spread/py311
    .venv/bin/python tools/speed_spread.py --combine results/spread/*/spread.json --out docs/speed.md

``--combine`` sets the headline figures of several runtimes side by side (one column per runtime:
median, fraction of the limit, largest deviation from the median) in one Markdown page.
"""
import argparse
import json
import re
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = re.compile(r"^(?P<name>.*): fraction of its limit \((?P<limit>[0-9.]+)x\)$")
# ratios the claims are judged by that have no physical limit of their own (compared to a JIT or to C)
HEADLINE = re.compile(r"PyPy.* faster than CPython|numba faster|numba time over C|C -O2 faster", re.IGNORECASE)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n\n", 1)[1])
    p.add_argument("--runs", type=int, default=5, help="how many runs of the speed claims (default 5)")
    p.add_argument("--python", default=sys.executable, help="the interpreter that runs them (default: this one)")
    p.add_argument("--wrap", default="", help="a command prefix for --python (e.g. 'bash tools/sid.sh run')")
    p.add_argument("--from", dest="existing", nargs="+", metavar="DIR", help="read these run folders instead of running")
    p.add_argument("--combine", nargs="+", metavar="SPREAD_JSON", help="merge these spread.json files into one page (--out FILE)")
    p.add_argument("--out", required=True, help="where the runs and the spread report go (--combine: the page)")
    p.add_argument("--tolerance", type=float, default=0.10, help="largest deviation from the median allowed (0.10)")
    p.add_argument("pytest_args", nargs="*", help="more arguments for pytest (after --)")
    return p.parse_args(argv)


def run_once(args, folder):
    folder.mkdir(parents=True, exist_ok=True)
    cmd = shlex.split(args.wrap) + [args.python, "-m", "pytest", "spec/speed", "-m", "speed", "-p", "no:randomly",
                                    "-p", "no:cacheprovider", "-q", "--claims-report", str(folder),
                                    "--benchmark-json", str(folder / "benchmarks.json")] + list(args.pytest_args)
    started = time.monotonic()
    done = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, errors="replace")
    (folder / "pytest.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    tail = [line for line in done.stdout.splitlines() if line.strip()][-1:] or [""]
    return done.returncode, time.monotonic() - started, tail[0]


def figures_of(claims_json):
    """{(module, figure name): (value, limit or None)} of the passed tests of one run, and its runtime."""
    data = json.loads(Path(claims_json).read_text(encoding="utf-8"))
    found = {}
    for section in data["sections"]:
        for claim in section["claims"]:
            module = claim["module"].rsplit("/", 1)[-1].removesuffix(".py")
            for test in claim["tests"]:
                if test["outcome"] != "passed":
                    continue
                limits = {}
                for m in test["measurements"]:
                    hit = LIMIT.match(m["name"])
                    if hit:
                        limits[hit["name"]] = float(hit["limit"])
                for m in test["measurements"]:
                    if not isinstance(m["value"], (int, float)) or isinstance(m["value"], bool):
                        continue
                    if LIMIT.match(m["name"]) or m["unit"] != "x":
                        continue
                    found[(module, m["name"])] = (float(m["value"]), limits.get(m["name"]))
    return found, data["runtime"]


def spread(runs, tolerance):
    """One row per figure: its values across runs, median, range, largest deviation, limit."""
    keys = sorted({k for run in runs for k in run})
    rows = []
    for module, name in keys:
        values = [run[(module, name)][0] for run in runs if (module, name) in run]
        limit = next((run[(module, name)][1] for run in runs if (module, name) in run and run[(module, name)][1]), None)
        median = statistics.median(values)
        worst = max(abs(v - median) / median for v in values) if median else 0.0
        headline = limit is not None or bool(HEADLINE.search(name))
        steady = len(values) >= 2 and worst <= tolerance
        rows.append({"module": module, "figure": name, "values": values, "runs": len(values), "median": median,
                     "min": min(values), "max": max(values), "deviation": worst, "limit": limit,
                     "fraction": median / limit if limit else None, "headline": headline,
                     "steady": steady})
    return rows


def render(rows, runtime, total, tolerance, notes=()):
    impl = f"{runtime['implementation']} {runtime['version']}" + (
        " (free-threaded, GIL off)" if runtime.get("free_threaded_build") and not runtime.get("gil_enabled") else "")
    out = [f"# Spread of the speed figures: {impl}", "",
           f"{total} runs of `pytest spec/speed -m speed` on {runtime.get('usable_cores')} usable cores. "
           f"A headline figure (one the claims are judged by) must stay within {tolerance:.0%} of its median "
           f"in every run. Figures from a test that was skipped (the machine too busy) are left out of that run.", ""]
    out += [f"- {n}" for n in notes]
    out += ["", "| figure | claim module | runs | median | range | largest deviation | limit | median / limit | |",
            "|---|---|---|---|---|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: (not r["headline"], r["module"], r["figure"])):
        mark = ("within" if r["steady"] else "**outside**") if r["headline"] else ""
        limit = f"{r['limit']:g}x" if r["limit"] else "-"
        frac = f"{r['fraction']:.0%}" if r["fraction"] is not None else "-"
        out.append(f"| {r['figure']} | `{r['module']}` | {r['runs']}/{total} | {r['median']:.2f}x | "
                   f"{r['min']:.2f}-{r['max']:.2f}x | {r['deviation']:.1%} | {limit} | {frac} | {mark} |")
    return "\n".join(out) + "\n"


def runtime_name(runtime):
    name = f"{'PyPy' if runtime['implementation'] == 'PyPy' else 'CPython'} {runtime['version']}"
    if runtime.get("free_threaded_build"):
        name += "t" + ("" if not runtime.get("gil_enabled") else " (GIL on)")
    return name


def combine(paths, tolerance):
    """One page: the headline figures (rows) of every runtime (columns)."""
    reports = [json.loads(Path(p).read_text(encoding="utf-8")) for p in paths]
    columns = [runtime_name(r["runtime"]) for r in reports]
    figures = {}
    for col, report in zip(columns, reports):
        for row in report["rows"]:
            if row["headline"]:
                figures.setdefault((row["module"], row["figure"]), {})[col] = row
    counts = ", ".join("{}: {} runs".format(c, r["runs"]) for c, r in zip(columns, reports))
    out = ["# The speed figures, on each runtime", "",
           "Written by `tools/speed_spread.py --combine` from runs of the speed claims on each runtime "
           f"({counts}). Each cell: the median of the "
           "runs, its fraction of the physical limit where the figure has one, and the largest deviation "
           f"of a run from the median (a headline figure must stay within {tolerance:.0%}). A blank cell: the "
           "claim does not apply to that runtime, or its test skipped in every run (the machine was busy).", "",
           "| figure | claim module | " + " | ".join(columns) + " |", "|---|---|" + "---|" * len(columns)]
    for (module, figure), cells in sorted(figures.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        texts = []
        for col in columns:
            r = cells.get(col)
            if not r:
                texts.append("")
                continue
            frac = f" = {r['fraction']:.0%} of {r['limit']:g}x" if r["fraction"] is not None else ""
            flag = "" if r["steady"] else " **(outside)**"
            texts.append(f"{r['median']:.2f}x{frac}, ±{r['deviation']:.0%} ({r['runs']} runs){flag}")
        out.append(f"| {figure} | `{module}` | " + " | ".join(texts) + " |")
    return "\n".join(out) + "\n"


def main(argv=None):
    args = parse_args(argv)
    out = Path(args.out)
    if args.combine:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(combine(args.combine, args.tolerance), encoding="utf-8")
        print(out.read_text(encoding="utf-8"))
        return 0
    notes = []
    if args.existing:
        folders = [Path(f) for f in args.existing]
    else:
        folders = []
        for i in range(1, args.runs + 1):
            folder = out / f"run-{i}"
            code, took, tail = run_once(args, folder)
            print(f"run {i}: pytest exit {code} in {took:.0f} s: {tail}", flush=True)
            notes.append(f"run {i}: {took:.0f} s, {tail.strip('= ')}")
            if code not in (0,):
                print((folder / "pytest.log").read_text()[-3000:], file=sys.stderr)
                return 2
            folders.append(folder)
    runs, runtime = [], None
    for folder in folders:
        found, runtime = figures_of(folder / "claims.json")
        runs.append(found)
    rows = spread(runs, args.tolerance)
    out.mkdir(parents=True, exist_ok=True)
    (out / "spread.md").write_text(render(rows, runtime, len(runs), args.tolerance, notes), encoding="utf-8")
    (out / "spread.json").write_text(json.dumps({"runtime": runtime, "runs": len(runs), "rows": rows}, indent=2),
                                     encoding="utf-8")
    print(render(rows, runtime, len(runs), args.tolerance, notes))
    bad = [r for r in rows if r["headline"] and not r["steady"]]
    if bad:
        print("outside the tolerance, or measured in fewer than two runs: "
              + "; ".join(f"{r['figure']} ({r['deviation']:.1%}, {r['runs']} runs)" for r in bad), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
