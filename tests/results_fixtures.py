"""Claims reports for the model's tests: runs of CPython 3.12, 3.13, 3.14, 3.13t and a notebook, as
the plugin writes them (claims.json), some claims with real ``changed_in`` taken from the spec."""
import ast
import copy
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RUNTIME = {"implementation": "CPython", "version": "3.13.0", "gil_enabled": True, "free_threaded_build": False,
           "usable_cores": 2, "start_methods": ["fork", "spawn", "forkserver"], "default_start_method": "fork",
           "executable": "/x/python", "platform": "Linux-6.1-x86_64-with-glibc2.36"}

#: spec modules whose CLAIM's changed_in the history view shows (read from their source, not copied)
HISTORY_MODULES = (
    "spec/shared_state/test_the_notes_managed_dict_program_works_only_under_fork.py",
    "spec/asyncio/test_get_event_loop_outside_a_running_loop_depends_on_the_version.py",
    "spec/threads/test_this_runtime_says_whether_it_has_a_gil.py",
    "spec/gil/test_one_process_can_run_several_interpreters.py",
    "spec/asyncio/test_asyncio_api_keeps_changing_between_versions.py",
)


def claim(module, section, verdict, line, outcomes, **extra):
    tests = [{"nodeid": f"{module}::test_{i}", "outcome": o, "detail": "why" if o != "passed" else "",
              "measurements": [], "doc": f"Evidence {i} of `{Path(module).stem}`", "name": f"test_{i}",
              "params": "", "index": [i]} for i, o in enumerate(outcomes)]
    return {"module": module, "section": section, "verdict": verdict, "line": line, "notes": f"notes of {module}",
            "truth": extra.get("truth", ""), "depends_on": extra.get("depends_on", ""),
            "title": Path(module).stem, "statement": f"Statement of {Path(module).stem}", "doc": "", "tests": tests}


def real_claim(module, outcome="passed"):
    """A spec module's CLAIM (read from its source) with its first test, at its real line."""
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    call = next(n.value for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "CLAIM")
    fields = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_"))
    lineno = min([fn.lineno] + [d.lineno for d in fn.decorator_list])
    test = {"nodeid": f"{module}::{fn.name}", "outcome": outcome, "detail": "" if outcome == "passed" else "why",
            "measurements": [], "doc": ast.get_docstring(fn) or "", "name": fn.name, "params": "",
            "index": [lineno - 1]}
    changed = {v: list(e) for v, e in fields.get("changed_in", {}).items()}
    return {"module": module, "section": fields["section"], "verdict": fields["verdict"], "line": fields.get("line", 0),
            "notes": fields["notes"], "truth": fields.get("truth", ""), "depends_on": fields.get("depends_on", ""),
            "changed_in": changed, "title": Path(module).stem, "statement": f"Statement of {Path(module).stem}",
            "doc": "", "tests": [test]}


RACE = {"trials": 1000, "outcomes": [
    {"name": "no update lost", "count": 588, "low": 0.557, "high": 0.618, "grade": "acceptable"},
    {"name": "some update lost", "count": 412, "low": 0.382, "high": 0.443, "grade": "required"}]}

BASE = [
    claim("spec/a/test_one.py", "Generators", "holds", 50, ["passed", "passed"]),
    claim("spec/a/test_two.py", "Generators", "partly", 45, ["passed"], truth="what they miss"),
    claim("spec/b/test_three.py", "ThreadSync: Mutex", "notes-wrong", 1070, ["passed", "skipped"], truth="instead"),
    claim("spec/b/test_four.py", "GIL", "runtime-dependent", 320, ["skipped"], depends_on="the GIL"),
    claim("spec/b/test_five.py", "Sync usage recommendations", "opinion", 1700, ["passed"], truth="measured"),
] + [real_claim(m) for m in HISTORY_MODULES]
BASE[0]["tests"][0]["measurements"] = [{"name": "speed-up", "value": 1.25, "unit": "x", "interval": [1.1, 1.4], "n": 9}]
BASE[4]["tests"][0]["outcomes"] = [RACE]


def report(folder, name, claims, **runtime):
    target = Path(folder) / name
    target.mkdir(parents=True)
    sections = {}
    for c in claims:
        sections.setdefault(c["section"], []).append(c)
    doc = {"runtime": {**RUNTIME, **runtime}, "totals": {"claims": len(claims), "tests": 0, "tests_by_outcome": {}},
           "sections": [{"section": s, "claims": cs} for s, cs in sections.items()]}
    (target / "claims.json").write_text(json.dumps(doc), encoding="utf-8")
    return target


def by_module(claims):
    return {c["module"]: c for c in claims}


def five_runs(folder):
    """py312, py313, py314 (forkserver default: the managed-dict program fails), py313t (the Mutex
    claim's second test fails: the sole dissenter; the GIL claim passes) and a notebook run; one
    claim (test_six) only py312 and py314 ran, with different outcomes."""
    folder = Path(folder)
    runs = {}
    for name, version, changes in (("py312", "3.12.1", {}), ("py313", "3.13.0", {}), ("py314", "3.14.0", {})):
        claims = copy.deepcopy(BASE)
        m = by_module(claims)
        if name == "py314":
            m[HISTORY_MODULES[0]]["tests"][0]["outcome"] = "xfailed"
            m["spec/a/test_two.py"]["tests"][0]["outcome"] = "skipped"
            m["spec/a/test_one.py"]["tests"][0]["measurements"][0]["value"] = 1.75
        if name in ("py312", "py314"):  # a claim only two runtimes ran, differently: no sole dissenter there
            claims.append(claim("spec/c/test_six.py", "Generators", "holds", 70,
                                ["passed" if name == "py312" else "skipped"]))
        runs[name] = report(folder, name, claims, version=version,
                            default_start_method="forkserver" if name == "py314" else "fork")
    ft = copy.deepcopy(BASE)
    m = by_module(ft)
    m["spec/b/test_three.py"]["tests"][1]["outcome"] = "failed"
    m["spec/b/test_four.py"]["tests"][0]["outcome"] = "passed"
    m["spec/a/test_two.py"]["tests"][0]["outcome"] = "skipped"
    runs["py313t"] = report(folder, "py313t", ft, gil_enabled=False, free_threaded_build=True)
    nb = [claim("spec/b/test_five.py", "Sync usage recommendations", "opinion", 1700, ["passed"], truth="measured")]
    nb[0]["tests"][0].update(nodeid="spec/b/test_five.py::test_in_a_notebook", doc="In a notebook the cell shows it",
                             name="test_in_a_notebook", index=[30])
    runs["notebook"] = report(folder, "notebook", nb)
    return runs
