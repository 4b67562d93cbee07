"""The notes' prime benchmark on every CPython and PyPy of this machine, and each PyPy's speed-up.

    .venv/bin/python tools/prime_table.py                     # writes docs/prime-benchmark.md
    .venv/bin/python tools/prime_table.py --json              # the figures as JSON on stdout too
    .venv/bin/python tools/prime_table.py --primes 20000 --runs 1 --output -   # a quick look

Finds the interpreters (python3.X, python3.Xt and pypy3* on PATH; /root/.pyenv/versions/*/bin/python;
/opt/py313t/bin/python3.13t; and, when the Debian sid root of tools/sid.sh exists ($SPEC_SID_ROOT,
default /opt/spec-sid), its python3.14, python3.15 and pypy3, run through `bash tools/sid.sh run`),
each once by real path. Each runs gen_prime(100000), the notes' benchmark, in a child of its own
started with -I (-E -s before 3.4), timed inside the child as the notes' script does (start-up
excluded, JIT warm-up included); --runs children each (3), in rounds over all the interpreters so
that a change in the machine's load falls on all alike. The table gives the median and the range
of the runs, the notes' 8.6 s beside, and each PyPy's speed-up over each CPython (the ratio of
their medians). Keep the machine quiet while it measures.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spec.speed.speedwork import PRIME_SOURCE  # noqa: E402  (the very functions the spec times)

NOTES_SECONDS = 8.6  # the notes' gen_prime(100000) on their machine
PRIMES = 100000
RUN_TIMEOUT = 600  # seconds one child may take (a slow old CPython takes ~6 s)
SID_NAMES = ("python3.14", "python3.15", "pypy3")
PATH_NAME = re.compile(r"python3\.\d+t?|pypy3(\.\d+)?")

# Runs on every interpreter we may find, Python 2.7 included.
PROGRAM = """from __future__ import print_function
import json, sys
try:
    from time import perf_counter as clock
except ImportError:
    from time import time as clock
if sys.version_info[0] == 2:
    range = xrange  # noqa: F821
%s
n = int(sys.argv[1])
started = clock()
last = gen_prime(n)
print(json.dumps({"seconds": clock() - started, "last": last}))
""" % PRIME_SOURCE

PROBE = (
    "import json, platform, sys, sysconfig; pypy = getattr(sys, 'pypy_version_info', None); "
    "print(json.dumps({'implementation': platform.python_implementation(), "
    "'version': platform.python_version(), 'major_minor': list(sys.version_info[:2]), "
    "'pypy': '.'.join(map(str, pypy[:3])) if pypy else None, "
    "'free_threaded': bool(sysconfig.get_config_var('Py_GIL_DISABLED')), "
    "'executable': sys.executable}))"
)


# --- finding the interpreters ---------------------------------------------------


def sid_root():
    root = Path(os.environ.get("SPEC_SID_ROOT") or "/opt/spec-sid")
    return root if (root / "root" / "tools" / "bin" / "tox").exists() else None


def find_interpreters(path=None, pyenv="/root/.pyenv/versions", extra=("/opt/py313t/bin/python3.13t",), sid=None):
    """[{"where", "path", "command"}] for every interpreter found, each once by real path."""
    found, seen = [], set()

    def add(where, shown, command, real):
        if real not in seen:
            seen.add(real)
            found.append({"where": where, "path": shown, "command": command})

    candidates = []
    for folder in (path if path is not None else os.environ.get("PATH", "")).split(os.pathsep):
        if not folder or "shims" in Path(folder).parts:  # pyenv's shims: its versions are listed below
            continue
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        candidates += [os.path.join(folder, n) for n in names if PATH_NAME.fullmatch(n)]
    candidates += sorted(glob.glob(os.path.join(pyenv, "*", "bin", "python")))
    candidates += list(extra)
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            add("host", candidate, [candidate], os.path.realpath(candidate))
    if sid is not None:
        for name in SID_NAMES:
            inside = sid / "usr" / "bin" / name
            if inside.exists():
                real = "sid:" + os.path.realpath(str(inside))
                add("sid", f"/usr/bin/{name}", [name], real)
    return found


def argv(interpreter, args):
    """The command that runs the interpreter with ``args``: in the sid root through tools/sid.sh,
    which runs its arguments as one shell command line (so they go quoted)."""
    if interpreter["where"] == "sid":
        return ["bash", str(ROOT / "tools" / "sid.sh"), "run", shlex.join(interpreter["command"] + list(args))]
    return interpreter["command"] + list(args)


def probe(interpreter):
    """What the interpreter is; None if it does not run."""
    try:
        done = subprocess.run(argv(interpreter, ["-E", "-s", "-c", PROBE]), capture_output=True, text=True,
                              timeout=120, stdin=subprocess.DEVNULL, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def label(info):
    if info["implementation"] == "PyPy":
        return f"PyPy {info['version']} ({info['pypy']})"
    return f"{info['implementation']} {info['version']}" + (" free-threaded" if info["free_threaded"] else "")


# --- measuring ------------------------------------------------------------------


def run_once(interpreter, primes):
    flags = ["-I"] if tuple(interpreter["major_minor"]) >= (3, 4) else ["-E", "-s"]
    done = subprocess.run(argv(interpreter, flags + ["-", str(primes)]), input=PROGRAM, capture_output=True,
                          text=True, timeout=RUN_TIMEOUT, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{interpreter['label']} failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return float(data["seconds"]), int(data["last"])


def measure(interpreters, primes, runs, progress=None):
    """Time every interpreter ``runs`` times, in rounds (alternating the order each round)."""
    for interp in interpreters:
        interp["seconds"], interp["answers"] = [], []
    for round_no in range(runs):
        order = interpreters if round_no % 2 == 0 else interpreters[::-1]
        for interp in order:
            seconds, last = run_once(interp, primes)
            interp["seconds"].append(seconds)
            interp["answers"].append(last)
            if progress:
                progress(f"round {round_no + 1}/{runs}: {interp['label']}: {seconds:.3f} s")
    for interp in interpreters:
        s = interp["seconds"]
        interp.update(median=statistics.median(s), min=min(s), max=max(s))
    return interpreters


# --- the table ------------------------------------------------------------------


def markdown_table(headers, rows, right=()):
    """A Markdown table padded to read as a table in a terminal too; ``right``: the indices of the
    columns to align right (numbers)."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values):
        return "| " + " | ".join(v.rjust(w) if i in right else v.ljust(w)
                                 for i, (v, w) in enumerate(zip(values, widths))) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if i in right else ("-" * (w + 2)) for i, w in enumerate(widths)) + "|"
    return "\n".join([line(headers), rule] + [line(r) for r in cells])


def version_key(result):
    return (result["implementation"] != "CPython", tuple(int(p) for p in re.findall(r"\d+", result["version"])[:3]),
            result.get("free_threaded", False), result["path"])


def speed_ups(results):
    """{(pypy label, cpython label): CPython median / PyPy median}"""
    pypys = [r for r in results if r["implementation"] == "PyPy"]
    cpythons = [r for r in results if r["implementation"] == "CPython"]
    return {(p["label"], c["label"]): c["median"] / p["median"] for p in sorted(pypys, key=version_key)
            for c in sorted(cpythons, key=version_key)}


def render_markdown(results, primes=PRIMES, runs=3, meta=None):
    """docs/prime-benchmark.md from the measured ``results`` (as ``measure`` leaves them)."""
    meta = meta or {}
    results = sorted(results, key=version_key)
    lines = [
        f"# The notes' prime benchmark, gen_prime({primes}), on every runtime of this machine",
        "",
        "Written by `tools/prime_table.py` (run it again to refresh; `--json` for the figures). Each",
        f"interpreter ran gen_prime({primes}) in a child of its own started with -I, timed inside the child",
        "as the notes' script does (start-up excluded, JIT warm-up included),",
        f"{runs} run(s) each, in rounds over all the interpreters; the median and the range of those runs.",
        f"The notes printed {NOTES_SECONDS} s for gen_prime(100000) on their machine"
        + (" (the last column compares this machine with it)." if primes == 100000 else
           f" (not comparable: this table ran gen_prime({primes}))."),
        "",
    ]
    for key in ("machine", "date", "load"):
        if meta.get(key):
            lines.append(f"- {key}: {meta[key]}")
    if meta:
        lines.append("")
    headers = ["runtime", "version", "where", "seconds (median)", "min-max", f"notes' {NOTES_SECONDS} s / this"]
    rows = []
    for r in results:
        rows.append([r["label"], r["version"], f"{r['where']}: {r['path']}", f"{r['median']:.2f}",
                     f"{r['min']:.2f}-{r['max']:.2f}",
                     f"{NOTES_SECONDS / r['median']:.2f}x" if primes == 100000 else "-"])
    lines += ["## Seconds", "", markdown_table(headers, rows, right=(3, 4, 5)), ""]
    ups = speed_ups(results)
    pypys = [r["label"] for r in results if r["implementation"] == "PyPy"]
    cpythons = [r["label"] for r in results if r["implementation"] == "CPython"]
    if pypys and cpythons:
        lines += [
            "## Each PyPy's speed-up over each CPython",
            "",
            "CPython's median seconds over PyPy's: how many times faster PyPy ran the benchmark. It depends",
            "on both versions: newer CPythons are faster, and so narrow the gap.",
            "",
            markdown_table(["CPython"] + pypys, [[c] + [f"{ups[(p, c)]:.1f}x" for p in pypys] for c in cpythons],
                           right=tuple(range(1, len(pypys) + 1))),
            "",
        ]
    else:
        lines += ["No speed-up table: it needs at least one CPython and one PyPy.", ""]
    return "\n".join(lines)


def machine():
    model = ""
    try:
        model = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), "")
    except OSError:
        pass
    return f"{model or platform.processor() or platform.machine()}, {os.cpu_count()} cores, {platform.system()}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--primes", type=int, default=PRIMES, help="how many primes (the notes': 100000)")
    parser.add_argument("--runs", type=int, default=3, help="children per interpreter (default 3)")
    parser.add_argument("--output", default=str(ROOT / "docs" / "prime-benchmark.md"), help="'-': stdout")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on stdout as well")
    parser.add_argument("--no-sid", action="store_true", help="leave out the Debian sid root's interpreters")
    args = parser.parse_args(argv)

    def say(text):
        print(text, file=sys.stderr, flush=True)

    interpreters = []
    for interp in find_interpreters(sid=None if args.no_sid else sid_root()):
        info = probe(interp)
        if info is None:
            say(f"skipped {interp['path']}: it did not run")
            continue
        if info["implementation"] not in ("CPython", "PyPy"):
            continue
        interp.update(info)
        interp["label"] = label(info)
        interpreters.append(interp)
        say(f"found {interp['label']} at {interp['where']}: {interp['path']}")
    load_before = os.getloadavg()
    started = datetime.datetime.now(datetime.timezone.utc)
    results = measure(interpreters, args.primes, args.runs, progress=say)
    load_after = os.getloadavg()
    wrong = {r["label"]: r["answers"] for r in results if len(set(r["answers"])) != 1
             or set(r["answers"]) != set(results[0]["answers"])}
    if wrong:
        raise SystemExit(f"the interpreters disagree on the last candidate: {wrong}")
    meta = {
        "machine": machine(),
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "load": f"1-minute load average {load_before[0]:.2f} before, {load_after[0]:.2f} after",
    }
    text = render_markdown(results, args.primes, args.runs, meta)
    if args.output == "-":
        print(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        say(f"wrote {args.output}")
    if args.json:
        keep = ("label", "implementation", "version", "pypy", "free_threaded", "where", "path", "seconds",
                "median", "min", "max")
        print(json.dumps({"primes": args.primes, "runs": args.runs, "notes_seconds": NOTES_SECONDS, **meta,
                          "runtimes": [{k: r.get(k) for k in keep} for r in sorted(results, key=version_key)],
                          "speed_ups": [{"pypy": p, "cpython": c, "speed_up": v}
                                        for (p, c), v in speed_ups(results).items()]}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
