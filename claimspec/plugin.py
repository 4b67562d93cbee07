"""The spec's pytest plugin.

- validates every spec module's ``CLAIM`` at collection;
- enforces the runtime guards of ``claimspec.runtime`` (skips with reasons);
- fails a test that leaks threads or child processes, or whose threads raise;
- provides the ``mp_context`` and ``claim_measurement`` fixtures;
- writes the claims report (``--claims-report DIR``): Markdown and JSON.
"""
import ast
import importlib
import json
import multiprocessing
import os
import threading
from pathlib import Path

import pytest

from . import report as _report
from . import expectations, runtime
from . import races as _races
from .claims import SECTIONS, Claim, validate
from .timeouts import SETTLE, SHORT
from .waiting import WaitTimeout, wait_until

_CLAIM_KEY = "claim"
_MEASURE_KEY = "measurement"
_RACE_KEY = "race"


def pytest_addoption(parser):
    group = parser.getgroup("claims", "claims of the notes")
    group.addoption(
        "--claims-report",
        metavar="DIR",
        default=None,
        help="write claims.md and claims.json to DIR: every claim, its verdict and "
        "the outcome of its tests on this runtime",
    )
    group.addoption(
        "--race-budget",
        metavar="SECONDS",
        type=float,
        default=None,
        help="seconds each race test runs its scenario (default %s; more gives tighter intervals)"
        % _races.DEFAULT_BUDGET,
    )
    parser.addini(
        "expectations_dir",
        default="expectations",
        help="folder (relative to rootdir) of known per-runtime differences, as tag files",
    )
    parser.addini(
        "claim_paths",
        type="args",
        default=["spec"],
        help="folders (relative to rootdir) whose test modules must declare a CLAIM",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    for name, what in runtime.GUARD_MARKERS.items():
        config.addinivalue_line("markers", f"{name}: skip unless {what}")
    config.addinivalue_line("markers", "speed: a speed claim, measured with pytest-benchmark (run with -m speed)")
    config.addinivalue_line("markers", "notebook: runs the notes' cells in a real Jupyter kernel (ipykernel; "
                            "tox -e notebook, or -m notebook)")
    # An exception that escapes a thread fails the test that started the thread.
    config.addinivalue_line("filterwarnings", "error::pytest.PytestUnhandledThreadExceptionWarning")
    config.addinivalue_line("filterwarnings", "error::pytest.PytestUnraisableExceptionWarning")
    target = config.getoption("claims_report")
    reading = _reading_document(config)
    if reading:
        # pytest-spec would print each test as it finishes, in execution order (random);
        # the spec's own document is printed once every test has run, in the notes' order.
        config.option.spec = False
        config.option.no_header = True
    if (target or reading) and not hasattr(config, "workerinput"):
        config.pluginmanager.register(ClaimsReporter(config, target, reading), "claims-reporter")


def _reading_document(config):
    """True when the run is read as a document (``--spec``)."""
    return bool(getattr(config.option, "spec", False)) and not getattr(config.option, "collectonly", False)


@pytest.hookimpl(hookwrapper=True)
def pytest_report_teststatus(report, config):
    """While the document is read, the terminal prints no per-test letters or words."""
    outcome = yield
    if getattr(config, "_claimspec_reading", False):
        category, _letter, _word = outcome.get_result()
        outcome.force_result((category, "", ""))


# --- claim metadata -------------------------------------------------------------


class ClaimModule(pytest.Module):
    """A spec module: must declare a valid CLAIM and hold at least one test."""

    def collect(self):
        module = self.obj
        if not hasattr(module, "CLAIM"):
            raise self.CollectError(
                f"{self.path.name} states no claim: define CLAIM = claimspec.Claim("
                "section=..., notes=..., verdict=...) at module level"
            )
        problems = validate(module.CLAIM)
        if problems:
            raise self.CollectError(f"{self.path.name} has an invalid CLAIM: " + "; ".join(problems))
        collected = list(super().collect())
        if not collected:
            raise self.CollectError(f"{self.path.name} states a claim but holds no test of it")
        return collected


def _is_claim_path(config, path):
    root = Path(str(config.rootpath))
    try:
        rel = Path(path).resolve().relative_to(root.resolve())
    except ValueError:
        return False
    first = rel.parts[0] if rel.parts else ""
    return first in config.getini("claim_paths")


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path, parent):
    if module_path.name.startswith("test") and _is_claim_path(parent.config, module_path):
        return ClaimModule.from_parent(parent, path=module_path)
    return None


def _claim_record(item):
    module = item.getparent(ClaimModule)
    if module is None:
        return None
    claim = module.obj.CLAIM
    data = claim.as_dict()
    data["module"] = module.nodeid
    data["title"] = _report.title_of(module.path.stem)
    doc = (module.obj.__doc__ or "").strip()
    data["doc"] = doc
    return data


_TEST_KEY = "test"


def _source_place(item):
    """Where a test stands in its module's source: its line, then its parameters' positions."""
    try:
        line = item.reportinfo()[1] or 0
    except Exception:  # pragma: no cover - an item type without source
        line = 0
    callspec = getattr(item, "callspec", None)
    indices = list(getattr(callspec, "indices", {}).values()) if callspec is not None else []
    return [line, *indices]


def _test_record(item):
    """What the document shows of one test: its docstring summary, its parameters, its place."""
    function = getattr(item, "function", None)
    doc = (getattr(function, "__doc__", None) or "").strip()
    summary = " ".join(doc.split("\n\n", 1)[0].split()) if doc else ""
    callspec = getattr(item, "callspec", None)
    params = callspec.id if callspec is not None else ""
    name = getattr(item, "originalname", None) or item.name
    return {"doc": summary, "name": name, "params": params, "index": _source_place(item)}


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    config = session.config
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and config.pluginmanager.has_plugin("claims-reporter"):
        mine = config.pluginmanager.get_plugin("claims-reporter")
        if mine.reading:
            config._claimspec_reading = True
            reporter.showfspath = False
            reporter._show_progress_info = False
            # the document says why each skipped test did not run; pytest's list of skips comes in
            # execution order (random), which would make two readings differ
            reporter.reportchars = "".join(c for c in getattr(reporter, "reportchars", "") if c not in "sS")
            reporter.write_line(f"running {len(session.items)} tests; the document follows when they have run")
            reporter.write_line("")


def pytest_collection_modifyitems(session, config, items):
    known = expectations.load(Path(str(config.rootpath)) / config.getini("expectations_dir"))
    for item in items:
        _apply_guards(item)
        reason = expectations.match(known, item.nodeid)
        if reason:
            item.add_marker(pytest.mark.xfail(reason=f"known difference on this runtime: {reason}", strict=True))
        record = _claim_record(item)
        if record is not None:
            item.user_properties.append((_CLAIM_KEY, json.dumps(record)))
            item.user_properties.append((_TEST_KEY, json.dumps(_test_record(item))))


# --- runtime guards -------------------------------------------------------------

_GUARDS = {m.split("(")[0] for m in runtime.GUARD_MARKERS}


_MISSING_REQUIRED = pytest.StashKey[str]()


def _apply_guards(item):
    """Turn a guard this runtime fails into a skip marker, reported at the test itself; a missing
    optional part that this run requires (``runtime.required``) fails the test at its set-up."""
    for marker in item.iter_markers():
        if marker.name in _GUARDS:
            outcome = runtime.guard_outcome(marker)
            if outcome:
                kind, reason = outcome
                if kind == "fail":
                    item.stash[_MISSING_REQUIRED] = reason
                else:
                    item.add_marker(pytest.mark.skip(reason=reason))
                return


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    missing = item.stash.get(_MISSING_REQUIRED, None)
    if missing:
        pytest.fail(missing, pytrace=False)


@pytest.fixture(params=runtime.start_method_params())
def mp_context(request):
    """A multiprocessing context, once per start method this platform offers."""
    return multiprocessing.get_context(request.param)


@pytest.fixture
def kernel():
    """A fresh ipykernel, started headless (``claimspec.notebook.Notebook``), shut down after the test.

    Use it with ``@claimspec.notebook.notebook_test``, which skips the test (saying what to install)
    where ipykernel or jupyter_client is missing."""
    from .notebook import Notebook

    with Notebook() as nb:
        yield nb


@pytest.fixture
def claim_measurement(request):
    """Record a measured figure with the test, so the claims report prints it.

    ``claim_measurement("speed-up of 2 threads", 1.02, "x")``; with ``interval=`` (a
    ``claimspec.stats.Interval``) its 95% bounds and number of rounds go with it, and ``kind="goal"``
    marks a figure that is recorded, never asserted (how near its physical limit a figure came).
    """

    def record(name, value, unit="", interval=None, kind=None):
        entry = {"name": name, "value": value, "unit": unit}
        if interval is not None:  # a claimspec.stats.Interval (or its as_dict()): 95% bounds and n
            got = interval.as_dict() if hasattr(interval, "as_dict") else dict(interval)
            entry["interval"] = [got["low"], got["high"]]
            entry["n"] = got["n"]
        if kind:  # "claim" (what the test judges), "goal" (how near its limit: recorded, never asserted)
            entry["kind"] = kind
        request.node.user_properties.append((_MEASURE_KEY, json.dumps(entry)))
        return value

    return record


@pytest.fixture
def race(request):
    """Run a race scenario for the run's budget, record its outcome table, and check its grades.

    ``race(scenario, {"no update lost": ACCEPTABLE, "some update lost": REQUIRED})`` returns the
    ``claimspec.races.RaceTable``; the claims report and the document show each outcome's count,
    the trials and the 95% interval. ``budget=`` scales the run's budget (``--race-budget``,
    default ``races.DEFAULT_BUDGET``) for a scenario whose trials are slow."""

    def run(scenario, grades, budget=1.0, min_trials=10, max_trials=100_000):
        base = request.config.getoption("race_budget") or _races.DEFAULT_BUDGET
        table = _races.run_race(scenario, grades, base * budget, min_trials, max_trials)
        request.node.user_properties.append((_RACE_KEY, json.dumps(table.as_dict())))
        table.check()
        return table

    return run


# --- leak checks ----------------------------------------------------------------


def _child_pids():
    """Live (non-zombie) child processes of this process, from /proc."""
    me = os.getpid()
    kids = set()
    try:
        entries = os.listdir("/proc")
    except OSError:  # not Linux: fall back to what multiprocessing knows
        return {p.pid for p in multiprocessing.active_children()}
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode("ascii", "replace")
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after ')'
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) >= 2 and fields[0] != "Z" and int(fields[1]) == me:
            kids.add(int(entry))
    return kids


def _helper_processes():
    """Long-lived helpers multiprocessing starts once per interpreter."""
    pids = set()
    # (module, its one helper object, the attribute holding the helper's pid)
    for module, helper, attribute in (("forkserver", "_forkserver", "_forkserver_pid"),
                                      ("resource_tracker", "_resource_tracker", "_pid")):
        try:
            pid = getattr(getattr(importlib.import_module(f"multiprocessing.{module}"), helper), attribute, None)
        except (ImportError, AttributeError):
            continue
        if pid:
            pids.add(pid)
    return pids


# multiprocessing starts these once per interpreter and keeps them until exit; a
# resource tracker is relaunched when the one it knows of dies, so they are
# recognised by what they run, not only by the pid multiprocessing records.
_HELPER_COMMANDS = ("from multiprocessing.resource_tracker import main", "from multiprocessing.forkserver import main")


def _is_multiprocessing_helper(pid):
    command = _command_line(pid)
    return any(marker in command for marker in _HELPER_COMMANDS)


def _command_line(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            words = f.read().split(b"\0")
    except OSError:
        return "?"
    return " ".join(w.decode("utf-8", "replace") for w in words if w)


def _kill(pid):
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (OSError, ChildProcessError):
        pass


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        item._spec_failed = True  # the leak check below gives a failed test's leftovers less time


#: How long the leak check waits for a test's threads and children to end: SHORT after a test
#: that passed (they are normally gone at once), SETTLE after one that failed. A failed test is
#: red already, and what it leaves behind is mostly blocked on the very thing that broke (an
#: Event nobody will set, a semaphore nobody may release): waiting SHORT for each of them, test
#: after test, would only make a broken runtime's run slow. What still runs is reported, and
#: child processes are killed, either way.
LEFTOVERS_AFTER_FAILURE = SETTLE


@pytest.fixture(autouse=True)
def _no_leaked_threads_or_processes(request):
    """Fail a test that leaves threads or child processes running after it."""
    threads_before = set(threading.enumerate())
    children_before = _child_pids()
    yield
    multiprocessing.active_children()  # reaps finished multiprocessing children

    def new_threads():
        return [t for t in threading.enumerate() if t not in threads_before and t.is_alive()]

    def new_children():
        fresh = _child_pids() - children_before - _helper_processes()
        return {pid for pid in fresh if not _is_multiprocessing_helper(pid)}

    problems = []
    try:
        wait_until(lambda: not new_threads() and not new_children(),
                   timeout=LEFTOVERS_AFTER_FAILURE if getattr(request.node, "_spec_failed", False) else SHORT)
    except WaitTimeout:
        threads = new_threads()
        if threads:
            problems.append("threads still running: " + ", ".join(repr(t) for t in threads))
        children = new_children()
        if children:
            described = ", ".join(f"{pid} ({_command_line(pid)[:160]})" for pid in sorted(children))
            problems.append("child processes still running (now killed): " + described)
            for pid in children:
                _kill(pid)
    if problems:
        pytest.fail(f"the test leaked {'; '.join(problems)}", pytrace=False)


# --- the claims report ----------------------------------------------------------


def _outcome(report):
    """(outcome, detail) for one phase's report, or None when it adds nothing."""
    if hasattr(report, "wasxfail"):
        if report.skipped:
            return "xfailed", report.wasxfail
        if report.passed and report.when == "call":
            return "xpassed", report.wasxfail
    if report.skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        if reason.startswith("Skipped: "):
            reason = reason[len("Skipped: ") :]
        return "skipped", reason
    if report.failed:
        crash = getattr(report.longrepr, "reprcrash", None)
        if crash is not None:
            message = crash.message
        else:
            text = getattr(report, "longreprtext", "") or str(report.longrepr)
            lines = [line for line in text.strip().splitlines() if line.strip()]
            message = lines[-1] if lines else "failed"
        phase = "" if report.when == "call" else f"error in {report.when}: "
        return "failed", phase + message.splitlines()[0] if message else phase + "failed"
    if report.when == "call" and report.passed:
        return "passed", ""
    return None


_RANK = {"failed": 4, "xpassed": 3, "skipped": 2, "xfailed": 1, "passed": 0}


class ClaimsReporter:
    """Gathers every claim test's outcome and writes the claims report at the end.

    Registered only on the process that reports (the xdist controller, or the
    single process of a serial run): test reports carry their claim in
    ``user_properties``, so this works the same with or without xdist.
    """

    def __init__(self, config, target, reading=False):
        self.config = config
        self.target = Path(target) if target else None
        self.reading = reading
        self.results = {}

    def pytest_runtest_logreport(self, report):
        props = dict(report.user_properties or ())
        claim = props.get(_CLAIM_KEY)
        if claim is None:
            return
        test = json.loads(props.get(_TEST_KEY, "{}"))
        entry = self.results.setdefault(
            report.nodeid,
            {"nodeid": report.nodeid, "claim": json.loads(claim), "outcome": None, "detail": "",
             "measurements": [], "outcomes": [], **test},
        )
        outcome = _outcome(report)
        if outcome is not None and (entry["outcome"] is None or _RANK[outcome[0]] > _RANK[entry["outcome"]]):
            entry["outcome"], entry["detail"] = outcome
        if report.when == "call":
            for key, value in report.user_properties:
                if key == _MEASURE_KEY:
                    entry["measurements"].append(json.loads(value))
                elif key == _RACE_KEY:
                    entry["outcomes"].append(json.loads(value))

    def pytest_sessionfinish(self, session):
        # a run of the notebook claims alone (-m notebook, as tox -e notebook runs it) is the notebook runtime
        mode = "notebook" if (self.config.getoption("markexpr", "") or "").strip() == "notebook" else "script"
        doc = _report.build(list(self.results.values()), {**runtime.describe(), "mode": mode}, SECTIONS)
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if self.reading and reporter is not None:
            # the document also states the speed claims this run left out (-m "not speed"), under
            # their sections, with the figures of the last speed run where one is saved
            root = Path(str(self.config.rootpath))
            speed = (_speed_claims_not_run(root, set(self.results), self.config.getini("claim_paths"))
                     if _run_covers(self.config, root / "spec" / "speed") else [])
            shown = _report.build(list(self.results.values()) + speed, doc["runtime"], SECTIONS) if speed else doc
            reporter.ensure_newline()
            for line in _report.render_text(shown).splitlines():
                reporter.write_line(line)
            reporter.summary_stats = lambda: _summary_without_duration(reporter)
        if self.target is not None:
            md, js = _report.write(doc, self.target)
            if reporter is not None:
                reporter.ensure_newline()
                reporter.write_line(f"claims report written to {md} and {js}")


#: Where README's speed command saves its claims report: the document quotes its figures.
SPEED_RESULTS = Path("results") / "default-speed" / "claims.json"
SPEED_COMMAND = ".venv/bin/python -m pytest spec/speed -m speed -p no:randomly --claims-report results/default-speed"


def _run_covers(config, folder):
    """Whether the run was asked for ``folder`` or a folder above it (``pytest spec``, or no
    arguments: the configured testpaths), not for some other part of the spec."""
    asked = [a.split("::")[0] for a in (config.args or [])] or list(config.getini("testpaths"))
    root = Path(str(config.rootpath))
    for arg in asked:
        where = (root / arg).resolve() if not Path(arg).is_absolute() else Path(arg).resolve()
        if where == folder.resolve() or where in folder.resolve().parents:
            return True
    return False


def _speed_claims_not_run(root, ran, claim_paths):
    """Entries, as the reporter makes them, for the tests of spec/speed that this run did not
    run (the default run deselects the marker ``speed``; a module's quick witnesses, unmarked, run): read from their modules' source (no
    import: the speed modules' work is not this run's), each "not checked here" with how to measure
    it, and with the outcome and figures of the last speed run when its report is saved."""
    folder = root / "spec" / "speed"
    if "spec" not in claim_paths or not folder.is_dir():
        return []
    last = {}
    saved = root / SPEED_RESULTS
    if saved.is_file():
        try:
            report = json.loads(saved.read_text(encoding="utf-8"))
            last = {t["nodeid"]: (t, report.get("runtime", {})) for g in report["sections"]
                    for c in g["claims"] for t in c["tests"]}
        except (ValueError, KeyError):
            last = {}
    entries = []
    for path in sorted(folder.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        claim = next((n.value for n in tree.body if isinstance(n, ast.Assign)
                      and any(getattr(t, "id", "") == "CLAIM" for t in n.targets)), None)
        if claim is None or not isinstance(claim, ast.Call):
            continue
        try:
            fields = {k.arg: ast.literal_eval(k.value) for k in claim.keywords}
        except ValueError:
            continue
        module = path.relative_to(root).as_posix()
        record = {**Claim(**fields).as_dict(), "module": module, "title": _report.title_of(path.stem),
                  "doc": (ast.get_docstring(tree) or "").strip()}
        for node in tree.body:
            if not (isinstance(node, ast.FunctionDef) and node.name.startswith("test_")):
                continue
            doc = ast.get_docstring(node) or ""
            nodeid = f"{module}::{node.name}"
            if any(n == nodeid or n.startswith(nodeid + "[") for n in ran):
                continue  # collected and run here (a quick witness, or a speed run): shown as run
            found = [(t, rt) for n, (t, rt) in last.items() if n == nodeid or n.startswith(nodeid + "[")]
            if found:
                where = found[0][1]
                run_on = f"{where.get('implementation', '')} {where.get('version', '')}".strip()
                outcomes = ", ".join(sorted({t['outcome'] for t, _ in found}))
                figures = "; ".join(f"{m['name']} = {_report.format_measurement(m)}"
                                    for t, _ in found for m in t.get("measurements", []) if m.get("interval"))
                detail = (f"a speed claim, measured only under -m speed; the last speed run ({SPEED_RESULTS.parent}, "
                          f"{run_on}): {outcomes}" + (f"; {figures}" if figures else ""))
            else:
                detail = f"a speed claim, measured only under -m speed: {SPEED_COMMAND}"
            entries.append({"nodeid": nodeid, "claim": record, "outcome": "skipped", "detail": detail,
                            "measurements": [], "doc": " ".join(doc.split("\n\n", 1)[0].split()),
                            "name": node.name, "params": "", "index": [node.lineno]})
    return entries


def _summary_without_duration(reporter):
    """pytest's closing line without the run's duration, so two readings print the same text."""
    parts, color = reporter.build_summary_stats_line()
    reporter.write_sep("=", ", ".join(text for text, _markup in parts), **{color: True})
