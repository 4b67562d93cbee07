"""The notes' Lock code cell does not compile, and its "Recommended" try/finally, written in Python, releases twice.

The cell has three parts: a plain `acquire()` / critical section / `release()`; a "Recommended"
`try:` block that acquires and releases, with a `catch:` clause and a `finally:` that releases
again; and a "Best" `with lock:` whose body is only a comment. Python has no `catch` (SyntaxError),
and a block holding only a comment is an IndentationError, so the cell cannot run. With `except`
and a `pass` body it compiles, and then the `finally:` release repeats the one in `try:` and
raises RuntimeError. The valid pattern acquires before `try:` and releases only in `finally:`.
"""
import threading

import pytest

from claimspec import SHORT, Claim

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes=(
        "The code cell shows a Lock used three ways: acquire(), the critical section, release(); "
        "a 'Recommended' try block that acquires and releases, a `catch:` clause, and a "
        "`finally:` that releases the lock; and a 'Best' `with lock:` around the critical region."
    ),
    verdict="notes-wrong",
    truth=(
        "The cell does not compile: Python has no `catch` (the keyword is `except`), and a "
        "`with lock:` whose body is only a comment is an IndentationError. Written with `except` "
        "and a body, the 'Recommended' block releases the lock in `try` and again in `finally`, "
        "and the second release raises RuntimeError. The working form acquires before `try` and "
        "releases only in `finally`, which is what `with lock:` does. The plain "
        "acquire()/release() part runs. (The rule for a code cell, here and for every cell of "
        "the notes: it is judged as written; a cell that, run as written, fails to compile, "
        "raises or hangs is notes-wrong, whatever the parts of it that are right.)"
    ),
    line=1067,
)


def test_a_try_statement_with_a_catch_clause_does_not_compile():
    """A `try:` followed by `catch:` and `finally:` raises `SyntaxError` at compile time"""
    # Red if `catch` were a Python keyword.
    source = "try:\n    pass\ncatch:\n    pass\nfinally:\n    pass\n"
    with pytest.raises(SyntaxError):
        compile(source, "<the notes' pattern>", "exec")


def test_the_same_shape_written_with_except_compiles():
    """The same `try:` written with `except:` and `finally:` compiles"""
    # Red if the shape itself, not the `catch` keyword, were what fails, or if the compiled
    # statement ran its clauses wrongly (the except clause without an exception, or no finally).
    source = "try:\n    ran = ['try']\nexcept:\n    ran.append('except')\nfinally:\n    ran.append('finally')\n"
    names = {}
    exec(compile(source, "<the corrected keyword>", "exec"), names)
    assert names["ran"] == ["try", "finally"]


def test_a_with_block_holding_only_a_comment_does_not_compile():
    """A `with lock:` whose body is only a comment raises `IndentationError` at compile time"""
    # Red if a comment counted as a statement; with a statement added it compiles and runs its
    # body holding the lock (red too if that `with` did not hold it, or left it held).
    with pytest.raises(IndentationError):
        compile("with lock:\n    # the critical region\n", "<the notes' last lines>", "exec")
    names = {"lock": threading.Lock()}
    exec(compile("with lock:\n    held = lock.locked()\n", "<with a body>", "exec"), names)
    assert names["held"] is True
    assert not names["lock"].locked()


def test_the_plain_acquire_and_release_at_the_top_of_the_cell_runs():
    """A bare `acquire()` then `release()` on a `Lock` runs and leaves it free"""
    lock = threading.Lock()
    assert lock.acquire(timeout=SHORT)
    lock.release()
    assert not lock.locked()


def test_with_except_the_release_in_finally_repeats_the_one_in_try_and_raises():
    """Written with `except`, the `finally:` release repeats the one in `try:` and raises `RuntimeError`"""
    # Red if Lock.release() on a free lock passed silently.
    lock = threading.Lock()
    releases = []
    with pytest.raises(RuntimeError):
        try:
            lock.acquire()
            releases.append("try")
            lock.release()
        except Exception:
            releases.append("except")
        finally:
            releases.append("finally")
            lock.release()  # the lock is already free: this raises
    assert releases == ["try", "finally"]


def test_acquiring_before_try_and_releasing_only_in_finally_releases_exactly_once():
    """Acquiring before `try:` and releasing only in `finally:` leaves the `Lock` free and reusable"""
    lock = threading.Lock()
    assert lock.acquire(timeout=SHORT)
    try:
        assert lock.locked()
    finally:
        lock.release()
    assert not lock.locked()
    assert lock.acquire(blocking=False)
    lock.release()
