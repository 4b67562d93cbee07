"""The spec proves its own sharpness: run it on deliberately broken runtimes.

Each breakage (tools/sharpness_hooks/spec_breakages.py) negates one claim of the spec: RLock made
non-reentrant, PriorityQueue made FIFO, numba.jit made an identity decorator... For each, this
runs the non-speed spec with that one breakage applied in every Python process the spec starts
(pytest's workers, multiprocessing children, claimspec.run_python children), and reports whether
the spec went red, by which tests (the first failing node ids), and how fast: the time of the
first failure and the wall time of the WHOLE run, as a maintainer who runs ``pytest spec`` on a
broken runtime waits for it (``--maxfail N`` stops a run after N failures instead, for a quick
look; the rule below then judges only that much of the run).

It first runs the unbroken spec (same options) to measure the normal run time, unless given
``--normal SECONDS``. A breakage is sharp when the spec goes red AND the whole broken run ends
within twice the normal run time: a spec whose first failure comes fast but whose run then waits
out long timeouts (threads left blocked, children left running) is not. A run still going at three
times the normal time is killed. It exits 1 if any breakage is not sharp (it survives: the spec
passes; or the run ends too late, or is killed); 2 if the unbroken spec fails.

    .venv/bin/python tools/sharpness.py --list           the breakages and the claims they negate
    .venv/bin/python tools/sharpness.py --quick          a handful, a few minutes (CI: .ci/run, tox -e sharpness)
    .venv/bin/python tools/sharpness.py                  all of them (--all)
    .venv/bin/python tools/sharpness.py --only rlock-not-reentrant,lifoqueue-fifo
    .venv/bin/python tools/sharpness.py --all --publish docs/sharpness.md    the published table
"""
import argparse
import datetime
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "tools" / "sharpness_hooks"
sys.path.insert(0, str(HOOKS))
import spec_breakages  # noqa: E402  (its registry; nothing is applied: SPEC_BREAK is not set here)

SHOWN_FAILURES = 3
SHOWN_SLOWEST = 8  # the slowest test phases of a run that ended late, to say where its time went


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n\n", 1)[1])
    sel = p.add_mutually_exclusive_group()
    sel.add_argument("--list", action="store_true", help="list the breakages and exit")
    sel.add_argument("--only", metavar="NAME[,NAME]", help="run only these breakages")
    sel.add_argument("--quick", action="store_true", help="a handful of breakages, a few minutes in all")
    sel.add_argument("--all", action="store_true", help="every breakage (the default)")
    p.add_argument("-n", dest="workers", default="2", help="pytest-xdist workers (default 2; 0 runs serially)")
    p.add_argument("--normal", type=float, metavar="SECONDS",
                   help="the normal run time; without it, the unbroken spec is run first to measure it")
    p.add_argument("--maxfail", type=int, default=0, metavar="N",
                   help="stop a broken run after N failures (default 0: the whole run is timed)")
    p.add_argument("--python", default=sys.executable, help="the interpreter that runs the spec (default: this one)")
    p.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    p.add_argument("--publish", metavar="FILE", help="also write the results as a Markdown page to FILE")
    p.add_argument("pytest_args", nargs="*", help="more arguments for pytest (after --)")
    return p.parse_args(argv)


def pytest_command(args, broken):
    cmd = [args.python, "-m", "pytest", "spec", "-q", "-p", "no:cacheprovider", "-p", "spec_breakage_plugin",
           "-n", str(args.workers), "-o", "console_output_style=classic"]
    if broken and args.maxfail:
        cmd.append(f"--maxfail={args.maxfail}")
    return cmd + list(args.pytest_args)


def run_spec(args, name, limit, command=None):
    """Run the spec with breakage ``name`` (None: unbroken); returns a result dict. ``command``
    replaces the pytest command line (the tool's own tests run a small suite)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HOOKS)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    for var in ("SPEC_BREAK", "SPEC_BREAK_DEFER", "SPEC_BREAK_LOG", "PYTEST_CURRENT_TEST"):
        env.pop(var, None)
    for var in [v for v in env if v.startswith("PYTEST_XDIST_")]:  # run from inside an xdist worker
        env.pop(var)
    with tempfile.TemporaryDirectory(prefix="spec-sharpness-") as tmp:
        log = Path(tmp) / "failures.jsonl"
        env["SPEC_BREAK_LOG"] = str(log)
        if name:
            env["SPEC_BREAK"] = name
            env["SPEC_BREAK_DEFER"] = "1"
        started = time.monotonic()
        proc = subprocess.Popen(command or pytest_command(args, broken=bool(name)), cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
                                start_new_session=True)
        timed_out = False
        try:
            out, _ = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)  # the session this run started: pytest, its workers, their children
            out, _ = proc.communicate()
        wall = time.monotonic() - started
        logged = []
        if log.exists():
            logged = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
    failures = [e for e in logged if e.get("failed", True)]
    slowest = sorted(logged, key=lambda e: -e.get("duration", 0))  # all of them in --json; SHOWN_SLOWEST printed
    tail = [line for line in out.splitlines() if line.strip()][-1:] or [""]
    if failures:
        status = "caught"
    elif timed_out:
        status = "timeout"
    elif proc.returncode == 0:
        status = "survived"
    else:
        status = f"error (pytest exit {proc.returncode})"
    return {"name": name, "status": status, "killed": timed_out, "returncode": proc.returncode, "wall": round(wall, 1),
            "first_failure": failures[0]["at"] if failures else None,
            "failed": [f["nodeid"] + ("" if f["when"] == "call" else f" ({f['when']})") for f in failures],
            "slowest": [(f"{e['nodeid']}" + ("" if e["when"] == "call" else f" ({e['when']})"), e["duration"])
                        for e in slowest if "duration" in e],
            "summary": tail[0].strip(), "output": out}


def judge(result, normal_time):
    """(in_time, sharp) for a broken run: in time when the WHOLE run ended within twice the normal
    run time (not only its first failure); sharp when, besides, the spec went red."""
    in_time = not result["killed"] and result["wall"] <= 2 * normal_time
    return in_time, result["status"] == "caught" and in_time


def results_table(results, normal_time, maxfail):
    """The results as Markdown: the rule, then a row per breakage."""
    lines = [
        f"normal run: {normal_time:.1f} s; with a breakage the spec must go red and the whole run end "
        f"within {2 * normal_time:.1f} s (killed at {3 * normal_time:.1f} s)",
        "",
        "(red): the negated claim's own module is among the failures seen; "
        + (f"a run stops after {maxfail} failures" if maxfail else "each run is the whole spec, every test run"),
        "",
        "| breakage | claim negated | caught by (first failures) | failed | first failure | run | run / normal | result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        first = f"{r['first_failure']:.1f} s" if r["first_failure"] is not None else "-"
        by = "<br>".join(f"`{n}`" for n in r["failed"][:SHOWN_FAILURES]) or r["status"]
        claim = r["claim"].replace("spec/", "", 1) + (" (red)" if r["own_claim_red"] else "")
        lines.append(f"| {r['name']} | `{claim}` | {by} | {len(r['failed'])} | {first} | "
                     f"{r['wall']:.1f} s{' (killed)' if r['killed'] else ''} | "
                     f"{r['wall'] / normal_time:.1f}x{'+' if r['killed'] else ''} | "
                     f"{'sharp' if r['sharp'] else r['status'] if r['status'] != 'caught' else 'slow'} |")
    return "\n".join(lines)


def results_page(args, started, results, normal_time, table):
    """A page to publish (docs/sharpness.md): when, on what, how, the verdict, the table."""
    rt = subprocess.run([args.python, "-c", "import platform, sys; print(platform.python_implementation(), "
                         "platform.python_version())"], capture_output=True, text=True).stdout.strip()
    took = (datetime.datetime.now(datetime.timezone.utc) - started).total_seconds() / 60
    sharp = sum(r["sharp"] for r in results)
    workers = "serially" if args.workers == "0" else f"with -n {args.workers}"
    return "\n".join([
        "# Sharpness results",
        "",
        f"- When: {started:%Y-%m-%d %H:%M} UTC, for {took:.1f} min",
        f"- Runtime: {rt}",
        f"- Machine: {os.cpu_count()} cores, {platform.platform()}",
        f"- Each run: the non-speed spec {workers}, one breakage applied in every Python process it starts "
        "(tools/sharpness_hooks/spec_breakages.py), the negated claim's own tests first, "
        + (f"stopped after {args.maxfail} failures" if args.maxfail else "the whole run (no --maxfail: every test runs)"),
        "",
        f"**{sharp} of {len(results)} breakages sharp**: caught, and the whole run ended within twice the normal "
        "run time.",
        "",
        table,
        "",
    ])


def main(argv=None):
    args = parse_args(argv)
    registry = spec_breakages.BREAKAGES
    if args.list:
        width = max(map(len, registry))
        for b in registry.values():
            print(f"{b.name:<{width}}  {'quick' if b.quick else '     '}  {b.claim}\n{'':<{width}}         {b.what}")
        return 0
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in registry]
        if unknown:
            print(f"no such breakage: {', '.join(unknown)} (see --list)", file=sys.stderr)
            return 2
    elif args.quick:
        names = [n for n, b in registry.items() if b.quick]
    else:
        names = list(registry)

    started = datetime.datetime.now(datetime.timezone.utc)
    if args.normal is None:
        print("normal run (unbroken spec) ...", flush=True)
        normal = run_spec(args, None, limit=30 * 60)
        if normal["status"] != "survived":
            print(normal["output"][-4000:])
            print(f"the unbroken spec does not pass ({normal['status']}): nothing to measure against", file=sys.stderr)
            return 2
        normal_time = normal["wall"]
        print(f"normal run: {normal_time:.1f} s ({normal['summary']})", flush=True)
    else:
        normal_time = args.normal
    limit = 3 * normal_time

    results = []
    for name in names:
        b = registry[name]
        r = run_spec(args, name, limit=limit)
        red = r["first_failure"] if r["first_failure"] is not None else r["wall"]
        r.update(claim=b.claim, what=b.what, time_to_red=red,
                 own_claim_red=any(f.split("::")[0] == b.claim for f in r["failed"]))
        r["in_time"], r["sharp"] = judge(r, normal_time)
        results.append(r)
        mark = "ok  " if r["sharp"] else "FAIL"
        first = f"first failure at {r['first_failure']:.1f} s, " if r["first_failure"] is not None else ""
        own = "; its own claim's module is among the failures" if r["own_claim_red"] else ""
        run = f"run killed at {r['wall']:.1f} s" if r["killed"] else f"run {r['wall']:.1f} s"
        late = "" if r["in_time"] else f" (over {2 * normal_time:.1f} s)"
        print(f"{mark} {name}: {r['status']}, {first}{run}{late}{own}", flush=True)
        for nodeid in r["failed"][:SHOWN_FAILURES]:
            print(f"       {nodeid}")
        if r["status"] != "caught":
            print("       " + "\n       ".join(r["output"].splitlines()[-15:]))
        if not r["in_time"]:
            print("       slowest test phases (s):")
            for nodeid, seconds in r["slowest"][:SHOWN_SLOWEST]:
                print(f"       {seconds:7.1f}  {nodeid}")

    table = results_table(results, normal_time, args.maxfail)
    print()
    print(table)
    if args.publish:
        Path(args.publish).parent.mkdir(parents=True, exist_ok=True)
        Path(args.publish).write_text(results_page(args, started, results, normal_time, table), encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps({"normal": normal_time, "results": [
            {k: v for k, v in r.items() if k != "output"} for r in results]}, indent=2), encoding="utf-8")
    dull = [r["name"] for r in results if not r["sharp"]]
    if dull:
        print(f"\nnot caught, or the run did not end within twice the normal run time: {', '.join(dull)}",
              file=sys.stderr)
        return 1
    print(f"\nall {len(results)} breakages caught, each run ended within twice the normal run time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
