"""The matrix's HTML page, loaded in a real browser (Debian's chromium, headless, through Playwright).

It must render with no console error, list every claim under the notes' sections, and its filters
(by verdict, by outcome on a runtime) must show exactly the claims that match. Broken pages this
catches: a script error (console error, filters dead), a claim left out, a filter that hides the
wrong claims or counts wrong, a page that loads anything from the network.

Where chromium or Playwright is missing the browser tests skip and say what to install, unless the
run requires the browser (SPEC_REQUIRE_OPTIONAL=all, which CI sets, or the older
SPEC_REQUIRE_BROWSER=1: claimspec.runtime.required), which turns a missing browser into a failure.
"""
import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from claimspec import page, results, runtime
from tests.results_fixtures import BASE, HISTORY_MODULES, five_runs

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = BASE


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("page")
    five_runs(folder / "results")
    model = results.load([folder / "results"])
    return page.write(model, folder / "out" / "spec.html")


def test_the_page_holds_every_claim_in_the_notes_order_with_no_external_asset(built):
    """Each claim appears once, sections in the notes' order, claims by `line`; nothing is fetched"""
    # Broken: claims sorted by module name (test_one would precede test_two), or a CDN script or style.
    text = built.read_text(encoding="utf-8")
    order = [text.index(f"Statement of {name}") for name in ("test_two", "test_one", "test_four", "test_three", "test_five")]
    assert order == sorted(order)
    for c in CLAIMS:
        assert text.count(f'data-module="{c["module"]}"') == 1
    assert "<script src" not in text and "<link" not in text and 'src="//' not in text


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
    assert tab.locator("article.claim").count() == len(CLAIMS) + 1  # test_six, on two runtimes
    assert errors == [] and requests == []


def test_every_claim_is_listed_with_its_verdict_and_evidence_per_runtime(loaded):
    """Every claim shows its statement, verdict and one evidence row per test, a cell per runtime"""
    # Broken: a claim missing from the page, or a runtime's failing test not shown as FAIL.
    tab, _, _ = loaded
    assert visible_modules(tab) == sorted([c["module"] for c in CLAIMS] + ["spec/c/test_six.py"])
    mutex = tab.locator('article[data-module="spec/b/test_three.py"]')
    assert mutex.locator(".verdict").inner_text() == "notes-wrong"
    assert mutex.locator("table.evidence tr").count() == 1 + 2
    assert mutex.locator("th[data-run]").all_inner_texts() == ["py312", "py313", "py313t", "py314", "notebook"]
    assert mutex.locator("td.k-FAIL").count() == 1  # the failing test on py313t
    assert tab.locator("#shown-count").inner_text() == str(len(CLAIMS) + 1)


def test_the_verdict_filter_shows_only_the_claims_with_the_chosen_verdicts(loaded):
    """Unticking every verdict but `partly` leaves the `partly` claims and counts them"""
    # Broken: a verdict filter that hides nothing, or a count that does not follow it.
    tab, _, _ = loaded
    for verdict in ("holds", "notes-wrong", "runtime-dependent", "opinion"):
        tab.uncheck(f'input.verdict-filter[value="{verdict}"]')
    partly = sorted(c["module"] for c in CLAIMS if c["verdict"] == "partly")
    assert "spec/a/test_two.py" in partly and "spec/b/test_three.py" not in partly
    assert visible_modules(tab) == partly
    assert tab.locator("#shown-count").inner_text() == str(len(partly))
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
    assert len(visible_modules(tab)) == len(CLAIMS) + 1


# --- the page's questions -------------------------------------------------------------------------


def choose(tab, view):
    tab.check(f'input[name="view"][value="{view}"]')


def visible_rows(tab, module):
    return tab.eval_on_selector_all(f'article[data-module="{module}"] tr.test:not([hidden])',
                                    "rows => rows.map(r => r.querySelector('.source').title)")


def test_differs_shows_only_the_claims_whose_outcome_is_not_the_same_everywhere(loaded):
    """*What differs*: the five claims with an outcome that is not the same on every runtime, no other"""
    # Broken: a claim counted as differing because a runtime did not run it (the notebook runs one
    # claim: treating its absence as an outcome would list them all), or a differing claim left out.
    tab, _, _ = loaded
    choose(tab, "differs")
    assert visible_modules(tab) == sorted(["spec/a/test_two.py", "spec/b/test_three.py", "spec/b/test_four.py",
                                           "spec/c/test_six.py", HISTORY_MODULES[0]])
    assert tab.locator("#shown-count").inner_text() == "5"


def test_sole_dissenter_names_the_one_runtime_that_differs(loaded):
    """*Sole dissenter*: py313t alone on the Mutex and GIL claims, py314 alone on the managed dict; the
    claim that two runtimes skip is not one, nor one that only two runtimes ran"""
    # Broken: a dissenter found where two runtimes differ (test_two), or the wrong runtime named.
    tab, _, _ = loaded
    choose(tab, "sole")
    assert visible_modules(tab) == sorted(["spec/b/test_three.py", "spec/b/test_four.py", HISTORY_MODULES[0]])
    named = dict(tab.eval_on_selector_all("article.claim:not([hidden])",
                                          "els => els.map(e => [e.dataset.module, e.querySelector('.dissenter').textContent])"))
    assert named == {"spec/b/test_three.py": "py313t", "spec/b/test_four.py": "py313t", HISTORY_MODULES[0]: "py314"}


def test_compare_shows_every_test_whose_outcome_or_figure_differs_side_by_side(loaded):
    """*Compare* 3.12 and 3.14: the managed-dict test, test_two's and test_six's skips and test_one's figure, in the two columns only"""
    # Broken: a compare that looks at outcomes only (the figure row would be missing), that keeps the
    # equal rows, or that leaves the other runtimes' columns shown.
    tab, _, _ = loaded
    choose(tab, "compare")
    tab.select_option("#compare-a", "py312")
    tab.select_option("#compare-b", "py314")
    assert visible_modules(tab) == sorted(["spec/a/test_one.py", "spec/a/test_two.py", "spec/c/test_six.py",
                                           HISTORY_MODULES[0]])
    assert visible_rows(tab, "spec/a/test_one.py") == ["spec/a/test_one.py::test_0"]  # test_1 is the same on both
    one = tab.locator('article[data-module="spec/a/test_one.py"]')
    assert one.locator("th[data-run]:not([hidden])").all_inner_texts() == ["py312", "py314"]
    cells = one.locator("tr.test:not([hidden]) td.cell:not([hidden])").all_inner_texts()
    assert "1.25x" in cells[0] and "1.75x" in cells[1]


def test_history_marks_each_change_per_cpython_version_and_links_what_changed_it(loaded):
    """*History*: each claim's outcome on 3.12, 3.13, 3.14 in order; the managed dict's change at 3.14 is
    marked and linked to the docs; at least five linked changes in all"""
    # Broken: versions out of order, a change not marked (or one marked where nothing changed), a
    # history without its links, or the free-threaded run taken as a CPython version of its own.
    tab, _, _ = loaded
    choose(tab, "history")
    assert set(HISTORY_MODULES) <= set(visible_modules(tab))
    managed = tab.locator(f'article[data-module="{HISTORY_MODULES[0]}"] ol.history li')
    assert managed.evaluate_all("els => els.map(e => e.dataset.version)") == ["3.12", "3.13", "3.14"]
    assert managed.evaluate_all("els => els.map(e => e.className)") == ["", "", "changed"]
    link = tab.locator(f'article[data-module="{HISTORY_MODULES[0]}"] ol.history li.changed a')
    assert "forkserver" in link.inner_text() and link.get_attribute("href").startswith("https://docs.python.org/")
    links = tab.eval_on_selector_all("article.claim:not([hidden]) ol.history a",
                                     "els => els.map(a => a.href)")
    assert len(links) >= 5 and all(u.startswith("https://") for u in links)
    loop = tab.locator(f'article[data-module="{HISTORY_MODULES[1]}"] ol.history li')
    assert loop.evaluate_all("els => els.map(e => e.className)") == ["", "", ""]  # its tests pass on each version
    assert "RuntimeError" in loop.nth(2).inner_text()


def test_every_test_links_to_its_source_file_and_line(loaded, built):
    """Each evidence row links to its test's file and line; for the real spec modules the line holds the test"""
    # Broken: a link to the module without the line, an off-by-one line (pytest's lines count from 0),
    # or a link that does not resolve to the file from where the page is.
    tab, _, _ = loaded
    hrefs = tab.eval_on_selector_all("tr.test a.source", "els => els.map(a => [a.title, a.href])")
    assert len(hrefs) == sum(len(c["tests"]) for c in CLAIMS) + 2  # test_six's, and the notebook's test
    for nodeid, href in hrefs:
        url = urlparse(href)
        path, line = Path(unquote(url.path)), int(url.fragment[1:])
        assert url.fragment.startswith("L") and path.as_posix().endswith(nodeid.split("::")[0])
        if nodeid.split("::")[0] in HISTORY_MODULES:
            source = path.read_text(encoding="utf-8").splitlines()
            name = nodeid.split("::")[1]
            assert f"def {name}(" in source[line - 1] or source[line - 1].lstrip().startswith("@"), (nodeid, line)


def test_a_shared_url_restores_the_view(browser, loaded):
    """The view and filters go into the URL; the URL opened in a new tab shows the same claims, rows and columns"""
    # Broken: filters not written to the URL (the new tab shows every claim), or not read back on load.
    tab, _, _ = loaded
    choose(tab, "compare")
    tab.select_option("#compare-a", "py312")
    tab.select_option("#compare-b", "py314")
    tab.uncheck('input.verdict-filter[value="holds"]')
    url = tab.url
    assert "view=compare" in url and "hide=holds" in url
    shown = visible_modules(tab)
    assert shown == sorted(["spec/a/test_two.py", HISTORY_MODULES[0]])  # test_one and test_six hold: hidden
    other = browser.new_context()
    try:
        fresh = other.new_page()
        fresh.goto(url)
        assert visible_modules(fresh) == shown
        assert fresh.locator('input[name="view"][value="compare"]').is_checked()
        assert fresh.locator('article[data-module="spec/a/test_two.py"] th[data-run]:not([hidden])').all_inner_texts() \
            == ["py312", "py314"]
        assert not fresh.locator('input.verdict-filter[value="holds"]').is_checked()
    finally:
        other.close()


def test_race_outcomes_and_notebook_facts_show_under_their_claim(loaded):
    """A race test's outcome counts and intervals show in its cells; the notebook's test has its own column"""
    # Broken: race outcome tables dropped by the model, or the notebook run merged into a script column.
    tab, _, _ = loaded
    five = tab.locator('article[data-module="spec/b/test_five.py"]')
    races = five.locator('td.cell[data-run="py312"] li.race').all_inner_texts()
    assert races == ["no update lost: 588 of 1000 (56%-62%; acceptable)", "some update lost: 412 of 1000 (38%-44%; required)"]
    nb = five.locator("tr.test", has_text="In a notebook the cell shows it")
    assert nb.locator('td[data-run="notebook"]').inner_text().startswith("✓")
    assert nb.locator('td[data-run="py312"]').inner_text() == "-"
    assert "notebook" in tab.locator('tr.runtime[data-run="notebook"]').inner_text()
