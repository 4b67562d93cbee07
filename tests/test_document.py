"""The spec read as a document (``pytest spec --spec``): the notes' order, verdicts, exact words.

Each test names what a broken document would look like: claims in execution order (random),
a lower-cased or word-split test description, a missing verdict or truth, a skip with no reason.
"""
import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimspec import LONG
from claimspec.report import MARKS

ROOT = Path(__file__).resolve().parent.parent

# pytest-randomly stays on: the document must not depend on the order the tests ran in.
INI = """
[pytest]
claim_paths = spec
addopts = -p claimspec.plugin -p no:cacheprovider
"""

LATER_SECTION = '''
"""An RLock lets its owner acquire it again."""
from claimspec import Claim
CLAIM = Claim(section="ThreadSync: Mutex", notes="RLock is reentrant", verdict="holds", line=1070)

def test_b_second():
    """The owner's second `RLock.acquire()` returns True at once"""

def test_a_first():
    """Python 3.10 and 3.12 agree: `RuntimeError` on a foreign release"""
'''

EARLY_SECTION_SECOND = '''
"""Generators are lazy, but only in part."""
import pytest
from claimspec import Claim, requires_cores
CLAIM = Claim(section="Generators", notes="a generator computes values as asked", verdict="partly",
              truth="it runs up to the first yield only when next() is called", line=60)

@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_runs_per_start_method(start):
    """`multiprocessing.Value` is shared under each start method"""

@requires_cores(4096)
def test_needs_a_big_machine():
    """On a machine with 4096 cores this would run"""

def test_without_docstring_falls_back_to_its_name():
    assert True
'''

EARLY_SECTION_FIRST = '''
"""Calling a generator function runs none of its body."""
from claimspec import Claim
CLAIM = Claim(section="Generators", notes="calling it starts nothing", verdict="notes-wrong",
              truth="what is true instead", line=45)

def test_nothing_runs():
    """`gen()` returns a generator object before any `print` runs"""
'''


def read(root, seed):
    args = [sys.executable, "-m", "pytest", "spec", "--spec", "-p", "randomly", "-p", "no:xdist",
            f"--randomly-seed={seed}"]
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="80")
    proc = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=LONG)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def readings(tmp_path_factory):
    root = tmp_path_factory.mktemp("document")
    (root / "pytest.ini").write_text(INI, encoding="utf-8")
    (root / "spec").mkdir()
    for name, body in (
        ("test_a_later_section", LATER_SECTION),
        ("test_b_second_claim_of_generators", EARLY_SECTION_SECOND),
        ("test_z_first_claim_of_generators", EARLY_SECTION_FIRST),
    ):
        (root / "spec" / f"{name}.py").write_text(body, encoding="utf-8")
    return read(root, 1), read(root, 2)


def test_two_readings_with_different_random_orders_print_the_same_text(readings):
    """Two runs with different `--randomly-seed` values print the same document, byte for byte"""
    # Broken: printing tests as they finish (pytest-spec's way) or the run's duration.
    first, second = readings
    assert first == second
    # pytest's own list of skips comes in execution order: the document gives the reasons instead
    assert "SKIPPED [" not in first


def test_sections_come_in_the_notes_order_and_claims_by_their_line_in_the_notes(readings):
    """Sections in the notes' order; within one, claims by `line`; tests in source order"""
    # Broken: alphabetical module order (the z module would come after the b one) or random order.
    text = readings[0]
    order = [text.index(s) for s in (
        "2. Generators", "Calling a generator function runs none of its body",
        "Generators are lazy, but only in part", "12. ThreadSync: Mutex",
        "The owner's second", "Python 3.10 and 3.12 agree",
    )]
    assert order == sorted(order)


def test_each_claim_shows_what_the_notes_say_the_verdict_and_what_is_true(readings):
    """Each claim prints `The notes:`, `Verdict:` and `What is true:` under its heading"""
    # Broken: a document that lists test names only (pytest-spec's own), without the claim's metadata.
    text = readings[0]
    assert "The notes: a generator computes values as asked" in text
    assert "Verdict: partly:" in text
    assert "What is true: it runs up to the first yield only when next() is called" in text
    assert "Verdict: notes-wrong:" in text and "What is true: what is true instead" in text


def test_test_descriptions_keep_identifiers_case_versions_and_punctuation(readings):
    """Docstrings print as written: `RLock.acquire()`, `RuntimeError`, 3.10, `multiprocessing.Value`"""
    # Broken: pytest-spec's default rendering of names ("rlock acquire", "3 10", "runtimeerror").
    text = readings[0]
    for exact in ("`RLock.acquire()` returns True", "3.10 and 3.12", "`RuntimeError`",
                  "`multiprocessing.Value` is shared under each start method [fork]",
                  "`multiprocessing.Value` is shared under each start method [spawn]"):
        assert exact in text
    assert "Without docstring falls back to its name" in text


def test_a_test_that_does_not_run_here_states_its_fact_and_why(readings):
    """A skipped test prints its sentence, the » mark and `not checked here:` with the reason"""
    # Broken: skipped tests left out of the document, or shown with no reason.
    text = readings[0]
    line = next(l for l in text.splitlines() if "4096 cores" in l)
    assert line.strip().startswith(MARKS["skipped"][0])
    assert "(not checked here: needs 4096 usable cores" in text


def test_the_legend_explains_every_mark_and_every_verdict(readings):
    """The legend at the top explains each mark the document uses, and each verdict"""
    # Broken: a mark or a verdict (such as the new `partly`) that the legend does not explain.
    text = readings[0]
    head = text[: text.index("2. Generators")]
    for mark, meaning in MARKS.values():
        assert f"{mark}  {meaning[:40]}" in " ".join(head.split()).replace(f"{mark} ", f"{mark}  ")
    for verdict in ("holds", "partly", "notes-wrong", "runtime-dependent", "opinion"):
        assert f"  {verdict}: " in head


# --- the real spec's words ---------------------------------------------------------

SPLIT_VERSION = re.compile(r"\b[23] 1?\d\b")
#: identifiers that name-rendering lower-cased in earlier readings
IDENTIFIERS = ("RuntimeError", "cProfile", "RLock", "os._exit", "sys.exit", "TypeError", "BrokenBarrierError",
               "StopIteration", "PicklingError", "ProcessPoolExecutor", "ThreadPoolExecutor")


def spec_tests():
    for path in sorted((ROOT / "spec").rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
                yield path.relative_to(ROOT), node.name, ast.get_docstring(node)


def test_every_spec_test_has_a_one_line_docstring_in_exact_words():
    """Every test under spec/ has a docstring summary, so the document never falls back to a name"""
    # Broken: a new spec test without a docstring (its description would be its lower-cased name).
    missing = [f"{path}::{name}" for path, name, doc in spec_tests() if not (doc or "").strip()]
    assert not missing, f"{len(missing)} tests have no docstring: " + ", ".join(missing[:20])


def test_no_test_description_splits_a_version_or_lower_cases_an_identifier():
    """No description says "3 10" for 3.10, or "runtimeerror" / "cprofile" for the identifier"""
    # Broken: a docstring written from the test's name, as pytest-spec renders names.
    bad = []
    for path, name, doc in spec_tests():
        summary = (doc or "").strip().split("\n\n")[0]
        if SPLIT_VERSION.search(summary):
            bad.append(f"{path}::{name}: split version in {summary!r}")
        prose = re.sub(r"`[^`]*`", "", summary)  # code in backticks may name a variable `rlock`
        for ident in IDENTIFIERS:
            lowered = re.compile(r"(?<![\w.])" + re.escape(ident.lower()) + r"(?![\w])")
            if lowered.search(prose) and ident.lower() != ident:
                bad.append(f"{path}::{name}: {ident!r} lower-cased in {summary!r}")
    assert not bad, "\n".join(bad)


def test_every_claim_says_where_in_the_notes_it_is_made():
    """Every spec module's `CLAIM` gives `line=`, the place the document orders claims by"""
    # Broken: a new claim module without line= (it would sort after every claim of its section).
    missing = []
    for path in sorted((ROOT / "spec").rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Claim"]
        if calls and not any(k.arg == "line" for k in calls[0].keywords):
            missing.append(str(path.relative_to(ROOT)))
    assert not missing, "CLAIM without line=: " + ", ".join(missing)
