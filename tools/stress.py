"""Stress the spec: run the whole non-speed spec many times and count failures per test.

    python tools/stress.py --quick                 # CI: 3 random-order runs with -n 2
    python tools/stress.py                         # 5 serial, 5 with -n 2, 4 under CPU load
    python tools/stress.py --serial 50 --parallel 50 --loaded 20 --publish docs/stress.md
    tox -e stress -- --serial 10 --parallel 10 --loaded 4

Three kinds of run, each a fresh `python -m pytest spec`:

  serial    one process, in a random order (pytest-randomly, seed printed)
  -n 2      two xdist workers, in a random order
  loaded    alternately serial and -n 2, while two busy processes (started and
            always stopped by this command, even on Ctrl-C) keep both cores hot

Every run writes a JUnit XML file; at the end the command prints how often each
test failed or errored, the seeds of the failed runs with the command that
reproduces each, and how long a run takes in each mode. A run also fails if it
exits non-zero without a failing test (a crash, a collection error, the run
timeout) or leaves processes behind once it has ended. Exit status: 0 when
every run passed, 1 otherwise, 130 when interrupted.
"""
import argparse
import datetime
import json
import os
import platform
import random
import shlex
import signal
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A busy loop that stops by itself when the stress command is gone (its parent
# changes), so even a SIGKILLed stress run leaves no spinning process behind.
BUSY = """
import os, sys
parent = os.getppid()
while os.getppid() == parent:
    for _ in range(200000):
        pass
"""


class Interrupted(Exception):
    pass


def _on_sigterm(signum, frame):
    raise Interrupted(f"signal {signum}")


# --- the busy processes --------------------------------------------------------


class CpuLoad:
    """Two (or n) processes spinning on the CPU for as long as the block lasts."""

    def __init__(self, n=2, python=sys.executable):
        self.n = n
        self.python = python
        self.procs = []

    def __enter__(self):
        for _ in range(self.n):
            self.procs.append(subprocess.Popen([self.python, "-c", BUSY], stdin=subprocess.DEVNULL))
        print(f"  CPU load: {self.n} busy processes started (pids {', '.join(str(p.pid) for p in self.procs)})", flush=True)
        return self

    def stop(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
        for p in self.procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:  # pragma: no cover - a process that ignores SIGKILL
                print(f"  warning: busy process {p.pid} did not die", flush=True)
        if self.procs:
            print(f"  CPU load: {len(self.procs)} busy processes stopped", flush=True)
        self.procs = []

    def __exit__(self, *exc):
        self.stop()


# --- one run -------------------------------------------------------------------


class Run:
    def __init__(self, number, mode, workers, seed, loaded, command, log, junit):
        self.number = number
        self.mode = mode
        self.workers = workers
        self.seed = seed
        self.loaded = loaded
        self.command = command
        self.log = log
        self.junit = junit
        self.returncode = None
        self.elapsed = None
        self.failures = []  # test ids that failed or errored
        self.problem = ""  # what went wrong beyond failing tests
        self.tests = 0
        self.durations = {}  # test id -> [seconds]

    @property
    def ok(self):
        return self.returncode == 0 and not self.failures and not self.problem

    def as_dict(self):
        return {k: getattr(self, k) for k in ("number", "mode", "workers", "seed", "loaded", "returncode",
                                               "elapsed", "failures", "problem", "tests")} | {
            "command": shlex.join(self.command)}


def _group_alive(pgid):
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover
        return True


def _kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def execute(run, timeout, env):
    """Run one pytest session in its own process group; fill in the run's outcome."""
    start = time.monotonic()
    with open(run.log, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(run.command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        try:
            run.returncode = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            run.returncode = proc.wait()
            run.problem = f"still running after {timeout:.0f} s: killed"
        except BaseException:
            _kill_group(proc.pid)
            proc.wait()
            raise
        finally:
            run.elapsed = time.monotonic() - start
    # Whatever the session started must be gone shortly after it ended.
    deadline = time.monotonic() + 5
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _group_alive(proc.pid):
        _kill_group(proc.pid)
        run.problem = (run.problem + "; " if run.problem else "") + "left processes running after it ended (killed)"
    run.failures, run.tests = parse_junit(run.junit, run.durations)
    if run.returncode != 0 and not run.failures and not run.problem:
        run.problem = f"pytest exited {run.returncode} with no failing test (see {run.log.relative_to(ROOT)})"


def _nodeid(classname, name):
    """JUnit's dotted classname + name -> a pytest node id, as far as the files tell."""
    parts = classname.split(".") if classname else []
    for cut in range(len(parts), 0, -1):
        candidate = Path(*parts[:cut]).with_suffix(".py")
        if (ROOT / candidate).is_file():
            return "::".join([candidate.as_posix()] + parts[cut:] + [name])
    return f"{classname}::{name}" if classname else name


def parse_junit(path, durations=None):
    """(ids of the tests that failed or errored, number of test cases).

    With ``durations`` (a dict), also adds each test's time to its list there.
    """
    try:
        tree = ET.parse(path)
    except (OSError, ET.ParseError):
        return [], 0
    failed, total = [], 0
    for case in tree.iter("testcase"):
        total += 1
        if durations is not None:
            key = _nodeid(case.get("classname", ""), case.get("name", ""))
            durations.setdefault(key, []).append(float(case.get("time") or 0))
        if case.find("failure") is not None or case.find("error") is not None:
            nodeid = _nodeid(case.get("classname", ""), case.get("name", ""))
            if nodeid not in failed:
                failed.append(nodeid)
    return failed, total


# --- the plan --------------------------------------------------------------------


def has_randomly(python):
    probe = subprocess.run([python, "-c", "import pytest_randomly"], cwd=ROOT, capture_output=True)
    return probe.returncode == 0


def plan(args, randomly, rng):
    runs = []
    modes = [("serial", 1, False)] * args.serial + [("-n 2", args.workers, False)] * args.parallel
    for i in range(args.loaded):
        modes.append(("loaded -n 2", args.workers, True) if i % 2 == 0 else ("loaded serial", 1, True))
    outdir = args.out
    for number, (mode, workers, loaded) in enumerate(modes, 1):
        seed = rng.randrange(1, 2**31) if randomly else None
        junit = outdir / f"run-{number:03d}.xml"
        log = outdir / f"run-{number:03d}.log"
        cmd = [args.python, "-m", "pytest", *args.paths, "-q", "-p", "no:cacheprovider", f"--junitxml={junit}",
               f"--timeout={args.test_timeout}"]
        if workers > 1:
            cmd += ["-n", str(workers)]
        if seed is not None:
            cmd.append(f"--randomly-seed={seed}")
        cmd += args.pytest_args
        runs.append(Run(number, mode, workers, seed, loaded, cmd, log, junit))
    return runs


# --- the summary ---------------------------------------------------------------------


def _stats(values):
    if not values:
        return "-"
    return f"{min(values):.1f} / {statistics.median(values):.1f} / {max(values):.1f}"


def summarise(runs, args, started, interrupted):
    done = [r for r in runs if r.returncode is not None]
    counts = Counter(t for r in done for t in r.failures)
    modes = []
    for mode in ("serial", "-n 2", "loaded serial", "loaded -n 2"):
        rs = [r for r in done if r.mode == mode]
        if rs:
            modes.append((mode, len(rs), sum(not r.ok for r in rs), [r.elapsed for r in rs]))
    rt = subprocess.run([args.python, "-c", "import platform, sys; print(platform.python_implementation(), "
                         "platform.python_version(), sys.executable)"], capture_output=True, text=True).stdout.strip()
    lines = [
        "# Stress results",
        "",
        f"- When: {started:%Y-%m-%d %H:%M} UTC, for {(datetime.datetime.now(datetime.timezone.utc) - started).total_seconds() / 60:.1f} min",
        f"- Runtime: {rt}",
        f"- Machine: {os.cpu_count()} cores, {platform.platform()}; load average at the end: "
        + " ".join(f"{x:.1f}" for x in os.getloadavg()),
        f"- Command per run: `{shlex.join(['python', '-m', 'pytest', *args.paths, '-q', '-p', 'no:cacheprovider', '--junitxml=...', f'--timeout={args.test_timeout}', '[-n 2]', '[--randomly-seed=N]', *args.pytest_args])}`",
        f"- Tests per run: {max((r.tests for r in done), default=0)}",
        "",
        "| mode | runs | failed runs | wall time per run, min / median / max (s) |",
        "|---|---:|---:|---|",
    ]
    for mode, n, bad, times in modes:
        lines.append(f"| {mode} | {n} | {bad} | {_stats(times)} |")
    lines.append("")
    failed_runs = [r for r in done if not r.ok]
    total = len(done)
    lines.append(f"**{total - len(failed_runs)} of {total} runs passed**" + (" (interrupted)" if interrupted else "") + ".")
    lines.append("")
    if counts:
        lines += ["## Failures per test", "", "| test | failed in runs |", "|---|---:|"]
        for test, n in counts.most_common():
            lines.append(f"| `{test}` | {n} |")
        lines.append("")
    if failed_runs:
        lines += ["## Failed runs", ""]
        for r in failed_runs:
            what = ", ".join(f"`{t}`" for t in r.failures) or r.problem
            if r.failures and r.problem:
                what += f"; {r.problem}"
            lines.append(f"- run {r.number} ({r.mode}, seed {r.seed}, exit {r.returncode}, {r.elapsed:.1f} s): {what}")
            lines.append(f"  - reproduce: `{shlex.join(r.command)}`; log: `{r.log.relative_to(ROOT)}`")
        lines.append("")
    else:
        lines += ["No test failed or errored in any run.", ""]
    serial = [r for r in done if r.mode == "serial"] or [r for r in done if r.workers == 1] or done
    if serial:
        per_test = {}
        for r in serial:
            for test, times in r.durations.items():
                per_test.setdefault(test, []).extend(times)
        slowest = sorted(((statistics.median(t), test) for test, t in per_test.items()), reverse=True)[:args.slowest]
        total = sum(statistics.median(t) for t in per_test.values())
        lines += [f"## Slowest tests (median over {len(serial)} run(s), {serial[0].mode})", "",
                  f"All tests together: {total:.1f} s of test time per run (setup, call and teardown; "
                  "collection and start-up not included).", "",
                  "| test | s |", "|---|---:|"]
        lines += [f"| `{test}` | {t:.2f} |" for t, test in slowest]
        lines.append("")
        folders = {}
        for test, t in per_test.items():
            folder = "/".join(test.split("::")[0].split("/")[:2])
            folders[folder] = folders.get(folder, 0) + statistics.median(t)
        lines += ["| folder | s of test time |", "|---|---:|"]
        lines += [f"| `{f}` | {t:.1f} |" for f, t in sorted(folders.items(), key=lambda kv: -kv[1])]
        lines.append("")
    seeds = [str(r.seed) for r in done if r.seed is not None]
    if seeds:
        lines += [f"Seeds (pytest-randomly), in run order: {' '.join(seeds)}", ""]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--serial", type=int, default=5, help="serial runs (default 5)")
    parser.add_argument("--parallel", type=int, default=5, help="runs with -n WORKERS (default 5)")
    parser.add_argument("--loaded", type=int, default=4, help="runs under CPU load, alternately -n and serial (default 4)")
    parser.add_argument("--quick", action="store_true", help="CI preset: 3 random-order runs with -n 2, nothing else")
    parser.add_argument("--full", action="store_true", help="the published figures: 50 serial, 50 -n 2, 20 loaded")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--busy", type=int, default=2, help="busy processes for the loaded runs (default 2)")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs pytest (default: this one)")
    parser.add_argument("--paths", nargs="+", default=["spec"], help="what to run (default: spec)")
    parser.add_argument("--seed", type=int, default=None, help="seed for the runs' seeds (default: random)")
    parser.add_argument("--run-timeout", type=float, default=600, help="kill a run after this many seconds (600)")
    parser.add_argument("--test-timeout", type=float, default=120, help="pytest-timeout for one test (120)")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "stress", help="logs, JUnit files, summary")
    parser.add_argument("--slowest", type=int, default=10, help="list this many slowest tests (10)")
    parser.add_argument("--publish", type=Path, default=None, help="also write the summary (Markdown) here")
    parser.add_argument("pytest_args", nargs="*", help="more pytest arguments, after --")
    args = parser.parse_args(argv)
    if args.quick:
        args.serial, args.parallel, args.loaded = 0, 3, 0
    if args.full:
        args.serial, args.parallel, args.loaded = 50, 50, 20
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    for old in list(args.out.glob("run-*.xml")) + list(args.out.glob("run-*.log")):
        old.unlink()

    seed = args.seed if args.seed is not None else random.randrange(2**31)
    rng = random.Random(seed)
    randomly = has_randomly(args.python)
    runs = plan(args, randomly, rng)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    started = datetime.datetime.now(datetime.timezone.utc)
    print(f"stress: {len(runs)} runs ({args.serial} serial, {args.parallel} with -n {args.workers}, "
          f"{args.loaded} under load) of {' '.join(args.paths)} with {args.python}; plan seed {seed}"
          + ("" if randomly else "; pytest-randomly is not installed: fixed order"), flush=True)
    # Ctrl-C, kill and a closed terminal all end up in the finally below. SIGINT
    # is set explicitly: a shell starts background jobs with it ignored.
    previous = {sig: signal.signal(sig, handler) for sig, handler in (
        (signal.SIGTERM, _on_sigterm), (signal.SIGHUP, _on_sigterm), (signal.SIGINT, signal.default_int_handler))}
    interrupted = False
    load = None
    try:
        for run in runs:
            if run.loaded and load is None:
                load = CpuLoad(args.busy).__enter__()
            if not run.loaded and load is not None:
                load.stop()
                load = None
            print(f"[{run.number:3d}/{len(runs)}] {run.mode:13s} seed {run.seed} ... ", end="", flush=True)
            execute(run, args.run_timeout, env)
            status = "ok" if run.ok else f"FAILED ({len(run.failures)} test(s)) {run.problem}".rstrip()
            print(f"{status} in {run.elapsed:.1f} s", flush=True)
            for test in run.failures:
                print(f"        failed: {test}", flush=True)
    except (KeyboardInterrupt, Interrupted) as exc:
        interrupted = True
        print(f"\nstress: interrupted ({str(exc) or 'Ctrl-C'}); stopping", flush=True)
    finally:
        if load is not None:
            load.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    # Paths relative to the project, so that the summary can be published as it is.
    text = summarise(runs, args, started, interrupted).replace(str(ROOT) + os.sep, "")
    (args.out / "summary.md").write_text(text, encoding="utf-8")
    (args.out / "summary.json").write_text(
        json.dumps({"plan_seed": seed, "runs": [r.as_dict() for r in runs if r.returncode is not None]}, indent=2) + "\n",
        encoding="utf-8")
    if args.publish:
        args.publish.parent.mkdir(parents=True, exist_ok=True)
        args.publish.write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"logs and JUnit files in {args.out}")
    done = [r for r in runs if r.returncode is not None]
    # A closing line CI can read: runs, not tests.
    print(f"stress: {sum(r.ok for r in done)} passed, {sum(not r.ok for r in done)} failed")
    if interrupted:
        return 130
    return 0 if all(r.ok for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
