"""The matrix's HTML page, loaded in a real browser (Debian's chromium, headless, through Playwright).

It must render with no console error, list every claim under the notes' sections, and its filters
(by verdict, by outcome on a runtime) must show exactly the claims that match. Broken pages this
catches: a script error (console error, filters dead), a claim left out, a filter that hides the
wrong claims or counts wrong, a page that loads anything from the network.

Where chromium or Playwright is missing the browser tests skip and say what to install, unless the
run requires the browser (SPEC_REQUIRE_OPTIONAL=all, which CI sets, or the older
SPEC_REQUIRE_BROWSER=1: claimspec.runtime.required), which turns a missing browser into a failure.
"""
import copy
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from claimspec import runtime

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import matrix  # noqa: E402
import page  # noqa: E402

RUNTIME = {"implementation": "CPython", "version": "3.13.0", "gil_enabled": True, "free_threaded_build": False,
           "usable_cores": 2, "start_methods": ["fork", "spawn", "forkserver"], "default_start_method": "fork",
           "executable": "/x/python", "platform": "linux"}


def claim(module, section, verdict, line, outcomes, **extra):
    tests = [{"nodeid": f"{module}::test_{i}", "outcome": o, "detail": "why" if o != "passed" else "",
              "measurements": [], "doc": f"Evidence {i} of `{Path(module).stem}`", "name": f"test_{i}",
              "params": "", "index": [i]} for i, o in enumerate(outcomes)]
    return {"module": module, "section": section, "verdict": verdict, "line": line, "notes": f"notes of {module}",
            "truth": extra.get("truth", ""), "depends_on": extra.get("depends_on", ""),
            "title": Path(module).stem, "statement": f"Statement of {Path(module).stem}", "doc": "", "tests": tests}


CLAIMS = [
    claim("spec/a/test_one.py", "Generators", "holds", 50, ["passed", "passed"]),
    claim("spec/a/test_two.py", "Generators", "partly", 45, ["passed"], truth="what they miss"),
    claim("spec/b/test_three.py", "ThreadSync: Mutex", "notes-wrong", 1070, ["passed", "skipped"], truth="instead"),
    claim("spec/b/test_four.py", "GIL", "runtime-dependent", 320, ["skipped"], depends_on="the GIL"),
    claim("spec/b/test_five.py", "Sync usage recommendations", "opinion", 1700, ["passed"], truth="measured"),
]


def report(folder, name, claims, **runtime):
    target = folder / name
    target.mkdir(parents=True)
    sections = {}
    for c in claims:
        sections.setdefault(c["section"], []).append(c)
    doc = {"runtime": {**RUNTIME, **runtime}, "totals": {"claims": len(claims), "tests": 0, "tests_by_outcome": {}},
           "sections": [{"section": s, "claims": cs} for s, cs in sections.items()]}
    (target / "claims.json").write_text(json.dumps(doc), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("page")
    first = report(folder, "py313", CLAIMS)
    # the second runtime: the Mutex claim's second test fails there, the GIL claim passes
    other = copy.deepcopy(CLAIMS)
    other[2]["tests"][1]["outcome"] = "failed"
    other[3]["tests"][0]["outcome"] = "passed"
    second = report(folder, "py313t", other, gil_enabled=False, free_threaded_build=True)
    runtimes = matrix.find_reports([first, second], set())
    html = page.write(runtimes, folder / "spec.html")
    return html


def test_the_page_holds_every_claim_in_the_notes_order_with_no_external_asset(built):
    """Each claim appears once, sections in the notes' order, claims by `line`; nothing is fetched"""
    # Broken: claims sorted by module name (test_one would precede test_two), or a CDN script or style.
    text = built.read_text(encoding="utf-8")
    order = [text.index(f"Statement of {name}") for name in ("test_two", "test_one", "test_four", "test_three", "test_five")]
    assert order == sorted(order)
    for c in CLAIMS:
        assert text.count(f'data-module="{c["module"]}"') == 1
    for remote in ("http://", "https://", "<link", "src=\"//"):
        assert remote not in text


def chromium():
    return os.environ.get("SPEC_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        runtime.lacking("browser", "needs Playwright (pip install playwright): the page is checked in a real browser")
    executable = chromium()
    if not executable:
        runtime.lacking("browser", "needs a chromium browser (Debian: apt-get install chromium) to load the page")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def loaded(browser, built):
    context = browser.new_context()
    tab = context.new_page()
    errors, requests = [], []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    tab.goto(built.as_uri())
    yield tab, errors, requests
    context.close()


def visible_modules(tab):
    return sorted(tab.eval_on_selector_all("article.claim:not([hidden])", "els => els.map(e => e.dataset.module)"))


def test_the_page_renders_in_chromium_without_console_errors_or_requests(loaded):
    """The page loads in headless chromium with no console error and no network request"""
    # Broken: a script error (checked: an undefined call in the script turns this red), or a remote asset.
    tab, errors, requests = loaded
    assert tab.title().startswith("The Python Concurrency Spec")
    assert tab.locator("article.claim").count() == len(CLAIMS)
    assert errors == [] and requests == []


def test_every_claim_is_listed_with_its_verdict_and_evidence_per_runtime(loaded):
    """Every claim shows its statement, verdict and one evidence row per test, a cell per runtime"""
    # Broken: a claim missing from the page, or a runtime's failing test not shown as FAIL.
    tab, _, _ = loaded
    assert visible_modules(tab) == sorted(c["module"] for c in CLAIMS)
    mutex = tab.locator('article[data-module="spec/b/test_three.py"]')
    assert mutex.locator(".verdict").inner_text() == "notes-wrong"
    assert mutex.locator("table.evidence tr").count() == 1 + 2
    assert mutex.locator("td.k-FAIL").count() == 1  # the failing test on the second runtime
    assert tab.locator("#shown-count").inner_text() == str(len(CLAIMS))


def test_the_verdict_filter_shows_only_the_claims_with_the_chosen_verdicts(loaded):
    """Unticking every verdict but `partly` leaves the one `partly` claim and counts 1"""
    # Broken: a verdict filter that hides nothing, or a count that does not follow it.
    tab, _, _ = loaded
    for verdict in ("holds", "notes-wrong", "runtime-dependent", "opinion"):
        tab.uncheck(f'input.verdict-filter[value="{verdict}"]')
    assert visible_modules(tab) == ["spec/a/test_two.py"]
    assert tab.locator("#shown-count").inner_text() == "1"
    # a section with no claim shown is hidden too
    assert tab.locator('section[data-section="ThreadSync: Mutex"]').is_hidden()


def test_the_outcome_filter_shows_the_claims_with_that_outcome_on_the_chosen_runtime(loaded):
    """`FAIL` on py313t shows the Mutex claim; `skip` on py313 shows only the GIL claim"""
    # Broken: an outcome filter that ignores the runtime (checked: comparing with !== turns this red).
    tab, _, _ = loaded
    tab.select_option("#outcome-filter", "FAIL")
    tab.select_option("#runtime-filter", "py313t")
    assert visible_modules(tab) == ["spec/b/test_three.py"]
    tab.select_option("#runtime-filter", "py313")
    assert visible_modules(tab) == []
    tab.select_option("#outcome-filter", "skip")
    assert visible_modules(tab) == ["spec/b/test_four.py"]
    tab.select_option("#outcome-filter", "")
    assert len(visible_modules(tab)) == len(CLAIMS)
