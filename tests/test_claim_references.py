"""Every spec path and test name that a claim's text mentions exists.

A claim's `notes`, `truth`, `depends_on` (and the strings of its `extra`) point readers to other
evidence: "see spec/threads/test_each_thread_is_its_own_os_thread.py", "judged in
test_queue_join_waits_for_task_done_calls_not_for_gets". A rename that misses one leaves the
reader a pointer to nothing, so each is checked here against the spec as it is: a `spec/...`
path must be a file or folder of the project, and a `test_...` name a spec module's stem or a
test function defined in a spec module.
"""
import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"
TEXT_FIELDS = ("notes", "truth", "depends_on")

PATH = re.compile(r"\bspec/[\w./-]*[\w/]")
TEST_NAME = re.compile(r"\btest_\w+")


def claim_texts(path):
    """The claim's text fields of one spec module, as {field: text}: its CLAIM, imported as
    collection imports it (some texts are built from the module's constants)."""
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    claim = importlib.import_module(name).CLAIM
    texts = {field: getattr(claim, field) for field in TEXT_FIELDS if getattr(claim, field)}
    for key, value in (claim.extra or {}).items():
        if isinstance(value, str):
            texts[f"extra[{key}]"] = value
    return texts


def spec_modules():
    return sorted(SPEC.rglob("test_*.py"))


def known_test_names():
    """Every spec module's stem and every test function (or class) defined in a spec module."""
    names = set()
    for path in spec_modules():
        names.add(path.stem)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name.startswith(("test_", "Test")):
                names.add(node.name)
    return names


def references(text):
    """The spec paths and test names a text mentions (a path's own stem counts as the path)."""
    paths = [m.group(0).rstrip(".") for m in PATH.finditer(text)]
    in_paths = {Path(p).stem for p in paths}
    names = [n for n in TEST_NAME.findall(text) if n not in in_paths]
    return paths, names


def dangling(path, known, texts=None):
    problems = []
    for field, text in (claim_texts(path) if texts is None else texts).items():
        paths, names = references(text)
        problems += [f"{field}: {p} (no such file or folder)" for p in paths if not (ROOT / p).exists()]
        problems += [f"{field}: {n} (no such spec module or test)" for n in names if n not in known]
    return problems


def test_every_path_and_test_name_in_a_claims_text_exists():
    known = known_test_names()
    found = {str(p.relative_to(ROOT)): dangling(p, known) for p in spec_modules()}
    found = {module: problems for module, problems in found.items() if problems}
    assert not found, "\n".join(f"{m}:\n  " + "\n  ".join(ps) for m, ps in found.items())


def test_the_check_finds_a_path_and_a_test_name_that_do_not_exist():
    # Red if the check passed dangling references: a renamed module and a misspelt test.
    texts = {
        "truth": "see spec/threads/test_each_thread_is_its_own_os_thread.py and "
                 "spec/gil/test_the_numba_prime_program_compiles_at_import_and_prints_every_prime.py, "
                 "judged in test_no_such_test and in test_threads_alive_together_report_distinct_native_ids.",
        "extra[also]": "spec/nowhere/",
    }
    assert dangling(None, known_test_names(), texts) == [
        "truth: spec/gil/test_the_numba_prime_program_compiles_at_import_and_prints_every_prime.py (no such file or folder)",
        "truth: test_no_such_test (no such spec module or test)",
        "extra[also]: spec/nowhere/ (no such file or folder)",
    ]


def test_every_spec_module_states_its_claim_texts_here():
    # Red if claim_texts read nothing (the check above would then pass vacuously).
    texts = claim_texts(SPEC / "gil" / "test_python_threads_are_preemptively_scheduled_os_threads.py")
    assert "spec/threads/test_each_thread_is_its_own_os_thread.py" in texts["truth"]


@pytest.mark.parametrize("text, expected", [
    ("see spec/locks/test_rlock_is_reentrant.py.", (["spec/locks/test_rlock_is_reentrant.py"], [])),
    ("in test_a_b and test_c_d (spec/speed)", (["spec/speed"], ["test_a_b", "test_c_d"])),
])
def test_references_are_read_from_the_text(text, expected):
    assert references(text) == expected
