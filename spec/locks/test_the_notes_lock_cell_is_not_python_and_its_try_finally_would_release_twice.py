"""The notes' "recommended" try/catch/finally lock pattern is a syntax error, and its closest valid form releases twice."""
import threading

import pytest

from claimspec import SHORT, Claim

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes=(
        "Recommended: acquire and release inside a try block, with a `catch:` clause for errors "
        "and a `finally:` clause that releases the lock again."
    ),
    verdict="notes-wrong",
    truth=(
        "Python has no `catch` (the keyword is `except`), so the snippet does not compile. "
        "Written with `except`, the normal path releases the lock in the try block and again in "
        "`finally`, and the second release raises RuntimeError. The valid pattern acquires before "
        "`try` and releases only in `finally` (which is what `with lock:` does)."
    ),
)


def test_a_try_statement_with_a_catch_clause_does_not_compile():
    source = "try:\n    pass\ncatch:\n    pass\nfinally:\n    pass\n"
    with pytest.raises(SyntaxError):
        compile(source, "<the notes' pattern>", "exec")


def test_the_same_shape_written_with_except_compiles():
    source = "try:\n    pass\nexcept:\n    pass\nfinally:\n    pass\n"
    code = compile(source, "<the corrected keyword>", "exec")
    assert code.co_filename == "<the corrected keyword>"


def test_with_except_the_release_in_finally_repeats_the_one_in_try_and_raises():
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
    lock = threading.Lock()
    assert lock.acquire(timeout=SHORT)
    try:
        assert lock.locked()
    finally:
        lock.release()
    assert not lock.locked()
    assert lock.acquire(blocking=False)
    lock.release()
