"""A Thread object runs once: to run the same function again, with other arguments, make a new Thread."""
import re
import threading

import pytest

from claimspec import SHORT, Claim

CLAIM = Claim(
    section="Thread group",
    notes=(
        "A comment in thread_join_better.py says its loop is 'starting same thread with different "
        "arguments'."
    ),
    verdict="partly",
    truth=(
        "the same function runs with different arguments, but not in the same thread: the loop "
        "builds a new Thread object on each turn, and must, since one Thread object can be started "
        "only once (a second start() raises RuntimeError, even after the thread has ended)."
    ),
    line=510,
)


def test_a_second_start_raises_even_after_the_thread_ended():
    """A second start() raises RuntimeError, even after the thread has ended"""
    t = threading.Thread(target=lambda: None)
    t.start()
    t.join(SHORT)
    assert not t.is_alive()
    with pytest.raises(RuntimeError, match=re.compile("only be started once", re.I)):
        t.start()


def test_a_second_start_raises_while_the_thread_still_runs():
    """A second start() raises RuntimeError while the thread still runs"""
    release = threading.Event()
    t = threading.Thread(target=release.wait, args=(SHORT,))
    t.start()
    try:
        with pytest.raises(RuntimeError):
            t.start()
    finally:
        release.set()
        t.join(SHORT)


def test_new_thread_objects_run_the_same_function_with_different_arguments():
    """New Thread objects run the same function with different arguments, each in its own thread"""
    results = {}

    def work(key, n):
        results[key] = (threading.current_thread().name, sum(range(n)))

    threads = [threading.Thread(target=work, args=(i, n)) for i, n in enumerate((5, 10, 15))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(SHORT)
    assert [results[i][1] for i in range(3)] == [10, 45, 105]
    assert len({name for name, _ in results.values()}) == 3, "each is its own Thread"
