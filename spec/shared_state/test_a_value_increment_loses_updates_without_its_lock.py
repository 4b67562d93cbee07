"""`v.value += 1` on a shared Value from several processes loses updates unless it runs under `v.get_lock()`."""
from claimspec import LONG, Claim, wait_until
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
EACH = 20_000  # each worker goes on until every worker has made at least this many increments
ATTEMPTS = 5  # bounded: a lost update is normally seen on the first attempt


def _run_round(ctx, locked):
    """Run the workers side by side; give back (increments made, value reached)."""
    counter = ctx.Value("i", 0)
    done, stop = ctx.RawArray("l", PROCESSES), ctx.RawValue("i", 0)
    all_ready = ctx.Barrier(PROCESSES)
    workers = [
        ctx.Process(target=sharing.increment_until_stopped, args=(counter, i, done, stop, all_ready, locked, LONG))
        for i in range(PROCESSES)
    ]
    for w in workers:
        w.start()
    try:
        wait_until(lambda: min(done) >= EACH, timeout=LONG, message="every worker made its increments")
    finally:
        stop.value = 1
        exit_codes = targets.join_all(workers, LONG)
    assert exit_codes == [0] * PROCESSES
    return sum(done), counter.value


def test_unlocked_increments_from_two_processes_lose_updates(mp_context, claim_measurement):
    rounds = []
    for _ in range(ATTEMPTS):
        made, reached = _run_round(mp_context, locked=False)
        assert reached <= made
        rounds.append((made, reached))
        if reached < made:
            break
    claim_measurement("attempts until an update was lost", len(rounds))
    claim_measurement("share of updates lost in that attempt", 1 - reached / made)
    assert reached < made, f"no update was lost in {ATTEMPTS} attempts (made, reached): {rounds}"


def test_increments_under_get_lock_are_never_lost(mp_context):
    made, reached = _run_round(mp_context, locked=True)
    assert reached == made >= PROCESSES * EACH
