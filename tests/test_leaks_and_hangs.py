"""A test that leaks threads or processes, lets a thread die with an exception, or hangs, fails."""

HEADER = (
    "import threading, subprocess, sys\n"
    "from claimspec import Claim\n"
    'CLAIM = Claim(section="Threading in python", notes="n", verdict="holds")\n'
)


def test_a_test_that_leaves_a_thread_running_fails_in_teardown(project):
    project.spec(
        "test_leaky_thread",
        HEADER
        + "stop = threading.Event()\n"
        "def test_leaves_a_thread():\n"
        "    threading.Thread(target=stop.wait, name='left-behind', daemon=True).start()\n"
        "def test_cleans_up_afterwards():\n"
        "    stop.set()\n",
    )
    result = project.run_subprocess("spec", "-p", "no:randomly", "-o", "addopts=-p claimspec.plugin")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*the test leaked threads still running: <Thread(left-behind*"])


def test_a_test_that_leaves_a_child_process_running_fails_and_the_child_is_killed(project):
    project.spec(
        "test_leaky_child",
        HEADER
        + "def test_leaves_a_child():\n"
        "    subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n",
    )
    result = project.run_subprocess("spec", "-p", "no:randomly")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*the test leaked child processes still running (now killed):*"])


def test_an_exception_that_escapes_a_thread_fails_the_test(project):
    project.spec(
        "test_thread_raises",
        HEADER
        + "def test_thread_dies_with_an_error():\n"
        "    def boom():\n"
        "        raise ValueError('raised inside the thread')\n"
        "    t = threading.Thread(target=boom)\n"
        "    t.start(); t.join(5)\n",
    )
    result = project.run_subprocess("spec", "-p", "no:randomly")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) == 0
    assert outcomes.get("failed", 0) + outcomes.get("errors", 0) >= 1
    result.stdout.fnmatch_lines(["*ValueError: raised inside the thread*"])


def test_a_hanging_test_is_stopped_by_the_timeout_and_reported(project):
    project.spec(
        "test_hangs",
        HEADER
        + "def test_waits_forever():\n"
        "    threading.Event().wait()\n"
        "def test_after_the_hang_runs_too():\n"
        "    pass\n",
    )
    result = project.run_subprocess("spec", "-p", "no:randomly", "--timeout", "3", timeout=60)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*Timeout*3*"])
