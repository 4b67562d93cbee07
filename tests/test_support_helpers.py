"""The support package's helpers do what spec modules rely on them for."""
import threading
import time

import pytest

from claimspec import (
    SETTLE, SHORT, WaitTimeout, best_of, blocks_until, bounded_exit, call_within, join_threads, run_python, shut_down,
    stays_blocked, wait_until,
)
from claimspec import expectations, runtime


def test_wait_until_returns_the_first_truthy_value_of_the_predicate():
    values = iter([0, None, "", "ready"])
    assert wait_until(lambda: next(values), timeout=SHORT) == "ready"


def test_wait_until_gives_up_after_its_timeout_with_the_message():
    started = time.monotonic()
    with pytest.raises(WaitTimeout, match="never true"):
        wait_until(lambda: False, timeout=0.05, message="never true")
    assert time.monotonic() - started < SHORT


def test_blocks_until_fails_a_call_that_does_not_block():
    with pytest.raises(AssertionError, match="returned at once instead of blocking"):
        blocks_until(lambda: "instant", lambda: None)


def test_blocks_until_returns_the_result_once_the_call_is_unblocked():
    gate = threading.Event()
    assert blocks_until(lambda: gate.wait(SHORT), gate.set) is True


def test_stays_blocked_re_raises_what_the_call_raised_when_it_did_not_block():
    def fails():
        raise KeyError("boom")

    with pytest.raises(AssertionError, match="raised KeyError"):
        stays_blocked(fails, settle=SETTLE)


def test_join_threads_returns_once_every_thread_has_ended():
    threads = [threading.Thread(target=lambda: None) for _ in range(3)]
    for t in threads:
        t.start()
    join_threads(threads, SHORT)
    assert not any(t.is_alive() for t in threads)


def test_join_threads_fails_naming_a_thread_still_running_after_the_timeout():
    release = threading.Event()
    stuck = threading.Thread(target=release.wait, args=(SHORT,), name="still-running")
    stuck.start()
    try:
        with pytest.raises(WaitTimeout, match="still-running"):
            join_threads([stuck], SETTLE)
    finally:
        release.set()
        stuck.join(SHORT)


def test_best_of_keeps_the_lowest_figure_and_stops_once_it_is_good_enough():
    figures = iter([9, 4, 1, 0])
    calls = []

    def measure():
        calls.append(1)
        return next(figures)

    assert best_of(measure, lambda best: best < 5) == 4
    assert len(calls) == 2
    assert best_of(iter([7, 9, 8]).__next__, lambda best: best < 5) == 7  # never good: three tries


def test_run_python_reports_exit_code_output_and_error_output_of_a_child():
    ran = run_python(
        """
        import sys
        print("to stdout")
        print("to stderr", file=sys.stderr)
        sys.exit(3)
        """
    )
    assert (ran.returncode, ran.stdout, ran.stderr) == (3, "to stdout\n", "to stderr\n")
    with pytest.raises(AssertionError, match="exit code 3"):
        ran.assert_ok()


def test_run_python_runs_the_code_as_the_main_script_of_a_file():
    ran = run_python("import __main__, os; print(__name__, os.path.basename(__main__.__file__))")
    assert ran.assert_ok().stdout == "__main__ child_program.py\n"


def test_the_watchdog_ends_a_child_that_hangs_and_the_child_has_no_extra_thread():
    ran = run_python(
        """
        import threading
        print(threading.active_count(), flush=True)
        threading.Event().wait()
        """,
        timeout=1,
    )
    assert ran.returncode != 0
    assert ran.stdout == "1\n"
    assert ran.elapsed < SHORT + 10


def test_expectation_tags_match_node_ids_by_glob_and_need_a_reason():
    entries = expectations.parse("# comment\n\nspec/a/test_x.py::* | differs on this runtime\n")
    assert expectations.match(entries, "spec/a/test_x.py::test_one") == "differs on this runtime"
    assert expectations.match(entries, "spec/a/test_y.py::test_one") is None
    with pytest.raises(ValueError, match="expected '<node id or glob> | <reason>'"):
        expectations.parse("spec/a/test_x.py::test_one\n")


def test_a_tagged_test_is_a_strict_expected_failure_on_the_runtime_it_names(project):
    body = project.VALID_CLAIM + "def test_differs():\n    assert False\ndef test_now_agrees():\n    assert True\n"
    project.spec("test_tagged", body)
    tag = expectations.runtime_tags()[0]
    project.pytester.mkdir("expectations")
    (project.pytester.path / "expectations" / f"{tag}.txt").write_text(
        "spec/test_tagged.py::* | this runtime is known to differ\n", encoding="utf-8"
    )
    result = project.run("spec")
    result.assert_outcomes(xfailed=1, failed=1)
    result.stdout.fnmatch_lines(["*XPASS(strict)*known difference on this runtime: this runtime is known to differ*"])


def test_call_within_gives_back_the_calls_value_or_re_raises_its_exception():
    assert call_within(lambda: "value") == "value"
    with pytest.raises(KeyError, match="boom"):
        call_within(lambda: {}["boom"])


def test_call_within_fails_a_call_still_blocked_after_its_timeout():
    release = threading.Event()
    try:
        with pytest.raises(WaitTimeout, match="still blocked"):
            call_within(lambda: release.wait(SHORT), timeout=SETTLE)
    finally:
        release.set()
    wait_until(lambda: not any(t.name == "spec-bounded-call" for t in threading.enumerate()))


def test_bounded_exit_shuts_the_executor_down_once_its_jobs_are_done():
    from concurrent.futures import ThreadPoolExecutor

    with bounded_exit(ThreadPoolExecutor(max_workers=2)) as pool:
        futures = [pool.submit(pow, 2, n) for n in range(4)]
    assert [f.result(timeout=0) for f in futures] == [1, 2, 4, 8]
    with pytest.raises(RuntimeError, match="shutdown"):
        pool.submit(abs, 1)


def test_shut_down_fails_when_a_job_keeps_the_executor_from_ending_within_the_timeout():
    from concurrent.futures import ThreadPoolExecutor

    release = threading.Event()
    pool = ThreadPoolExecutor(max_workers=1)
    pool.submit(release.wait, SHORT)
    try:
        with pytest.raises(WaitTimeout, match="still blocked"):
            shut_down(pool, timeout=SETTLE)
    finally:
        release.set()
    shut_down(pool, timeout=SHORT)


@pytest.mark.parametrize("platform, version, method", [
    ("linux", (3, 9), "fork"), ("linux", (3, 11), "fork"), ("linux", (3, 13), "fork"),
    ("linux", (3, 14), "forkserver"), ("linux", (3, 15), "forkserver"),
    ("darwin", (3, 11), "spawn"), ("win32", (3, 14), "spawn"),
])
def test_the_documented_default_start_method_follows_the_platform_and_language_version(platform, version, method):
    # PyPy 3.9 and 3.11 ship the 3.9 and 3.11 standard libraries: fork on Linux, as CPython's.
    assert runtime.documented_default_start_method(platform, version) == method


def test_the_documented_default_start_method_is_this_runtimes_default():
    # a spawn-default run (SPEC_START_METHOD) changes this process's default on purpose
    assert (runtime.forced_default_start_method() or runtime.documented_default_start_method()) == runtime.default_start_method()
