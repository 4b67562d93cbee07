"""`v.value += 1` on a shared Value from several processes loses updates unless it runs under `v.get_lock()`."""
from claimspec import LONG, SHORT, Claim
from spec.processes import process_targets as targets
from spec.shared_state import sharing_targets as sharing

CLAIM = Claim(
    section="Data sharing between process: Value",
    notes=(
        "A Value is how processes share a number; the notes' example has a single writer and does "
        "not say what happens when several processes update the same Value."
    ),
    verdict="notes-wrong",
    truth=(
        "Shared is not atomic. A Value's lock guards each read and each write separately, so "
        "`v.value += 1` (a read, then a write) from two processes loses updates; "
        "`with v.get_lock(): v.value += 1` never does. The same under every start method."
    ),
)

PROCESSES = 2
TIMES = 10_000  # increments per process and attempt
ATTEMPTS = 8  # bounded: a lost update is normally seen on the first attempt


def _run_round(ctx, locked):
    counter = ctx.Value("i", 0)
    all_ready = ctx.Barrier(PROCESSES)
    workers = [
        ctx.Process(target=sharing.increment, args=(counter, TIMES, all_ready, locked, SHORT))
        for _ in range(PROCESSES)
    ]
    assert targets.run_to_end(workers, LONG) == [0] * PROCESSES
    return counter.value


def test_unlocked_increments_from_two_processes_lose_updates(mp_context, claim_measurement):
    totals = []
    for _ in range(ATTEMPTS):
        totals.append(_run_round(mp_context, locked=False))
        if totals[-1] < PROCESSES * TIMES:
            break
    assert all(t <= PROCESSES * TIMES for t in totals)
    claim_measurement("attempts until an update was lost", len(totals))
    claim_measurement("updates lost in that attempt", PROCESSES * TIMES - totals[-1])
    assert totals[-1] < PROCESSES * TIMES, (
        f"no update was lost in {ATTEMPTS} attempts of {PROCESSES} x {TIMES} increments: {totals}"
    )


def test_increments_under_get_lock_are_never_lost(mp_context):
    for _ in range(2):
        assert _run_round(mp_context, locked=True) == PROCESSES * TIMES
