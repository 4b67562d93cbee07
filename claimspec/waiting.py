"""Waiting on observable state, never on a sleep."""
import contextlib
import sys
import threading
import time

from .timeouts import SETTLE, SHORT, LONG


class WaitTimeout(AssertionError):
    """A bounded wait ran out: the state we waited for never came."""


def wait_until(predicate, timeout=SHORT, interval=0.001, message=None):
    """Poll ``predicate()`` until it returns something truthy, and return that.

    The poll is bounded: after ``timeout`` seconds it raises ``WaitTimeout``
    (an AssertionError, so the test fails with ``message``). The interval only
    spaces out the polls; nothing is synchronised by it.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            what = message or getattr(predicate, "__name__", "condition")
            raise WaitTimeout(f"still not true after {timeout:.1f} s: {what}")
        time.sleep(interval)


class _Call:
    """A call made in a helper thread, whose outcome we can inspect."""

    def __init__(self, call, name):
        self.started = threading.Event()
        self.finished = threading.Event()
        self.result = None
        self.error = None
        self._call = call
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    def _run(self):
        self.started.set()
        try:
            self.result = self._call()
        except BaseException as exc:  # handed back to the test thread
            self.error = exc
        finally:
            self.finished.set()

    def outcome(self):
        if self.error is not None:
            raise self.error
        return self.result


def start_call(call, name="spec-call"):
    """Start ``call()`` in a helper thread and wait until it has begun.

    Returns an object with ``started`` and ``finished`` events, ``thread``,
    and ``outcome()`` (the call's return value, or its exception re-raised).
    """
    pending = _Call(call, name)
    pending.thread.start()
    if not pending.started.wait(SHORT):
        raise WaitTimeout(f"helper thread {name!r} did not start within {SHORT:.1f} s")
    return pending


def stays_blocked(call, settle=SETTLE):
    """Start ``call()`` in a helper thread and check it is still blocked after ``settle``.

    Returns the pending call, so the test can unblock it and then ``finish`` it.
    The helper thread is a daemon, so a runtime that breaks the claim cannot
    hang the run, but the leak check still fails a test that leaves it running.
    """
    pending = start_call(call, name="spec-blocked-call")
    if pending.finished.wait(settle):
        raise AssertionError(
            "the call returned at once instead of blocking "
            f"(it returned {pending.result!r}, raised {pending.error!r})"
        )
    return pending


def finish(pending, timeout=LONG):
    """Wait (bounded) for a pending call to return; give back its outcome."""
    if not pending.finished.wait(timeout):
        raise WaitTimeout(f"the call was still blocked after {timeout:.1f} s")
    pending.thread.join(timeout)
    return pending.outcome()


def call_within(call, timeout=SHORT, name="spec-bounded-call"):
    """``call()``'s outcome (its value, or its exception re-raised), made in a helper thread and
    awaited at most ``timeout``: for calls that should return at once but would block for ever
    on a broken runtime (a put or get on a queue the spec builds, a lock taken by hand)."""
    return finish(start_call(call, name=name), timeout)


def shut_down(executor, timeout=LONG):
    """``executor.shutdown(wait=True)``, awaited at most ``timeout``: it waits for every job and
    worker (thread or process) without a bound, so it runs in a helper thread; a shutdown still
    waiting after ``timeout`` fails the test (the leak check then stops its workers)."""
    finish(start_call(executor.shutdown, name="spec-executor-shutdown"), timeout)


@contextlib.contextmanager
def bounded_exit(executor, timeout=LONG):
    """``with bounded_exit(ProcessPoolExecutor(...)) as pool:``, where a plain ``with`` would
    leave the block through an unbounded ``shutdown(wait=True)``: on the way out the executor is
    shut down by ``shut_down`` within ``timeout``, also when the block raised."""
    try:
        yield executor
    finally:
        shut_down(executor, timeout)


def join_threads(threads, timeout=LONG):
    """Join every thread within one shared ``timeout``; fail naming any still running."""
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    alive = [thread.name for thread in threads if thread.is_alive()]
    if alive:
        raise WaitTimeout(f"threads still running after {timeout:.1f} s: {', '.join(alive)}")


def best_of(measure, good_enough, tries=3):
    """The lowest of up to ``tries`` calls of ``measure()``, stopping once ``good_enough(best)``.

    For an upper bound on a duration: a loaded machine can slow a run down but
    never speed it up, so a retry may only lower the figure the test asserts on.
    """
    best = measure()
    for _ in range(tries - 1):
        if good_enough(best):
            break
        best = min(best, measure())
    return best


def blocks_until(call, unblock, settle=SETTLE, timeout=LONG):
    """Show that ``call()`` blocks until ``unblock()`` is called.

    The call runs in a helper thread. The test thread checks that it is still
    running after ``settle`` seconds (it is blocked), then calls ``unblock()``
    and checks that the call now returns within ``timeout``. Returns what the
    call returned (or re-raises what it raised). The test thread never blocks
    without a bound.
    """
    pending = stays_blocked(call, settle)
    unblock()
    return finish(pending, timeout)


@contextlib.contextmanager
def switch_interval(seconds):
    """Run the block with ``sys.setswitchinterval(seconds)``, and restore the old interval after.

    A short interval makes threads switch often, so races show up within a bounded number of
    tries; a long one keeps the running thread on the GIL."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(seconds)
    try:
        yield
    finally:
        sys.setswitchinterval(old)
