"""threading.enumerate() is a snapshot of the live threads, the main thread included; joining all but the current one waits for the rest."""
import sys
import threading

import pytest

from claimspec import SHORT, Claim, run_python
from claimspec import runtime

CLAIM = Claim(
    section="Thread group",
    notes=(
        "threading.enumerate() gives the list of active threads; the example starts ten threads, "
        "prints every enumerated thread as running, then joins each one except the one named "
        "'MainThread' and prints it completed."
    ),
    verdict="holds",
    extra={
        "default names": "'Thread-N' up to Python 3.9 (and PyPy 3.9); 'Thread-N (target)' from 3.10",
        "why skip the main thread": "joining the current thread raises RuntimeError",
    },
)

# Our own version of the example: the ten workers wait on an event instead of sleeping.
_EXAMPLE = """
    import threading

    go = threading.Event()

    def foo(x):
        go.wait(30)

    for i in range(10):
        threading.Thread(target=foo, args=(10,)).start()

    for t in threading.enumerate():
        print("Thread {} running".format(t.name))
    go.set()
    for t in threading.enumerate():
        if t.name == "MainThread":
            continue
        t.join()
        print("Thread {} completed.".format(t.name))
"""


def _default_name(n, target="foo"):
    if runtime.IS_PYPY or sys.version_info < (3, 10):
        return f"Thread-{n}"
    return f"Thread-{n} ({target})"


def test_the_example_lists_the_main_thread_and_ten_workers_then_joins_the_workers():
    ran = run_python(_EXAMPLE)
    ran.assert_ok()
    lines = ran.stdout.splitlines()
    workers = [_default_name(n) for n in range(1, 11)]
    running = [line for line in lines if line.endswith(" running")]
    completed = [line for line in lines if line.endswith(" completed.")]
    assert len(running) + len(completed) == len(lines) == 21, ran.describe()
    assert sorted(running) == sorted(f"Thread {name} running" for name in ["MainThread"] + workers), ran.describe()
    assert sorted(completed) == sorted(f"Thread {name} completed." for name in workers), ran.describe()


def test_the_main_thread_is_named_mainthread():
    assert threading.main_thread().name == "MainThread"


def test_joining_the_current_thread_raises_so_the_loop_must_skip_it():
    with pytest.raises(RuntimeError):
        threading.current_thread().join(SHORT)


def test_enumerate_is_a_snapshot_that_misses_threads_started_after_it():
    release = threading.Event()
    snapshot = threading.enumerate()
    late = threading.Thread(target=release.wait, args=(SHORT,))
    late.start()
    try:
        assert late not in snapshot
        assert late in threading.enumerate()
    finally:
        release.set()
        late.join(SHORT)

