"""Concurrency is time sharing: two tasks interleaved on one thread both make progress before either finishes, yet at no instant do two of their steps run at once."""
import threading
import time

from claimspec import Claim
from spec.generators.notes_programs import round_robin

CLAIM = Claim(
    section="Parellelism vs Concurrency",
    notes="Concurrency is execution by time sharing, as opposed to parallel execution.",
    verdict="holds",
)


def task(name, steps, record):
    for step in range(steps):
        started = time.monotonic()
        sum(range(2000))  # a little work per step
        record.append((name, step, threading.get_ident(), started, time.monotonic()))
        yield


def run_interleaved(record):
    round_robin([task("a", 20, record), task("b", 20, record)])


def test_both_tasks_progress_before_either_finishes():
    record = []
    run_interleaved(record)
    order = [name for name, *_ in record]
    assert order == ["a", "b"] * 20
    first_finish = min(max(i for i, name in enumerate(order) if name == who) for who in "ab")
    assert {"a", "b"} <= set(order[: first_finish + 1])


def test_all_steps_run_on_one_thread_and_never_at_the_same_instant():
    record = []
    run_interleaved(record)
    assert {ident for *_, ident, _, _ in record} == {threading.get_ident()}
    for earlier, later in zip(record, record[1:]):
        assert earlier[4] <= later[3], f"{earlier[:2]} still ran when {later[:2]} started"
