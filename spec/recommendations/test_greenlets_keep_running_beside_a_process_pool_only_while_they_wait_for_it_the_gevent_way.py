"""Greenlets keep doing their I/O-like waits while CPU work runs in a `ProcessPoolExecutor` only if the greenlet that wants the result waits for it in a gevent-aware way; a plain `future.result()` stalls every greenlet until the work is done, unless `gevent.monkey.patch_all()` ran first.

Each run is a fresh interpreter (monkey-patching is process-wide and permanent). A ticker
greenlet loops on `gevent.sleep` (an I/O-like wait) and records a tick; a second greenlet submits
CPU work (trial division) to a one-worker `ProcessPoolExecutor` and waits for its result. In the
gevent-aware runs the work goes on until the ticker, running during the wait, opens a
`multiprocessing.Event`: the job's own answer proves the ticker ran while the CPU work ran. The
evidence is the order of events and their counts, never elapsed time.
"""
import json
import sys

import pytest

from claimspec import SHORT, Claim, requires_module, run_python, runtime, start_method_params
from claimspec.runtime import IS_CPYTHON

from spec.executors.pool_probes import pool_submit_broken_without_fork

pytestmark = requires_module(
    "gevent", why="the advice is about gevent's event loop"
)

CLAIM = Claim(
    section="Sync usage recommendations",
    notes="Offload CPU-intensive work to a process pool and I/O-intensive work to gevent's event loop.",
    verdict="opinion",
    truth="Advice, and it works only with care. Measured: greenlets keep running their "
    "I/O-like waits while the CPU work runs in a ProcessPoolExecutor if the greenlet that needs "
    "the result waits cooperatively: through gevent's thread pool "
    "(`gevent.get_hub().threadpool.spawn(future.result)`), by polling `future.done()` between "
    "`gevent.sleep` calls, or after `gevent.monkey.patch_all()` (which makes the executor's locks "
    "and its management thread gevent-aware, so a plain `future.result()` yields). Without "
    "patching, a plain `future.result()` blocks the OS thread and with it every greenlet until "
    "the work ends. This held under fork, spawn and forkserver, except that from CPython 3.14 a "
    "patched process cannot start forkserver workers at all: 3.14 added an authentication "
    "handshake with the forkserver, which fails on gevent's patched socket (the first submit "
    "raises BlockingIOError or ConnectionResetError; seen on 3.14.10 and 3.15.2). The advice stops holding where "
    "the I/O is not gevent-aware (unpatched blocking calls, C libraries doing their own I/O) or "
    "the CPU work is small enough that pickling it to another process costs more than it saves.",
    line=1702,
)

PROGRAM = r'''
import sys
WAY, PATCH, GATED, METHOD = sys.argv[1:5]
if PATCH == "patched":
    from gevent import monkey
    monkey.patch_all()
import json
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

import gevent

LIMIT = 10.0  # hang detection only: the program takes a second or two
GATE = None


def install_gate(gate):
    global GATE
    GATE = gate


def crunch(rounds, until_gate):
    """CPU work in the worker: rounds of trial division; gated, it goes on until the gate opens."""
    deadline = time.monotonic() + LIMIT
    done = 0
    while True:
        sum(1 for n in range(2, 20000) if all(n % d for d in range(2, int(n ** 0.5) + 1)))
        done += 1
        if until_gate:
            if GATE.is_set():
                return "gate seen"
            if time.monotonic() > deadline:
                return "gave up"
        elif done >= rounds:
            return "finished"


def main():
    context = multiprocessing.get_context(METHOD)
    gate = context.Event()
    events = []
    state = {"started": False, "waiting": False, "done": False}

    def ticker():  # the I/O-intensive side: waits, and notes each turn it gets
        ticks = 0
        while not state["done"]:
            events.append("tick")
            ticks += 1
            if state["waiting"]:
                gate.set()
            elif ticks >= 50 and not state["started"]:
                # gevent.sleep has not switched once (the other greenlet starts at the first
                # switch): stop, and open the gate so that no job waits for it
                events.append("never switched")
                gate.set()
                return
            gevent.sleep(0.001)

    def wait_for_cpu_work(pool):
        state["started"] = True
        future = pool.submit(crunch, 2, GATED == "gated")
        events.append("waiting")
        state["waiting"] = True
        if WAY == "result":
            outcome = future.result(timeout=LIMIT)
        elif WAY == "threadpool":
            outcome = gevent.get_hub().threadpool.spawn(future.result, LIMIT).get()
        elif WAY == "polling":
            while not future.done():
                gevent.sleep(0.001)
            outcome = future.result()
        events.append("result")
        state["done"] = True
        return outcome

    with ProcessPoolExecutor(1, mp_context=context, initializer=install_gate, initargs=(gate,)) as pool:
        pool.submit(abs, 0).result(timeout=LIMIT)  # the worker is up before the greenlets start
        greenlets = [gevent.spawn(ticker), gevent.spawn(wait_for_cpu_work, pool)]
        gevent.joinall(greenlets, timeout=LIMIT)
    waiting, result = events.index("waiting"), events.index("result")
    print(json.dumps({"job": greenlets[1].value, "ticks while waiting": events[waiting:result].count("tick")}))


if __name__ == "__main__":
    main()
'''


def run(way, patch, gated, method):
    # a short deadline: a hang detector, not a wait (on a runtime whose gevent.sleep blocked, the
    # ticker gives up after 50 turns in which the other greenlet never started, and the program
    # ends at once, with no ticks while waiting)
    ran = run_python(PROGRAM, way, patch, gated, method, timeout=SHORT * 3).assert_ok()
    return json.loads(ran.stdout)


@pytest.fixture(params=start_method_params())
def start_method(request):
    """A start method name, once per method this platform offers (ids fork/spawn/forkserver)."""
    if request.param != "fork" and pool_submit_broken_without_fork():
        request.node.add_marker(pytest.mark.xfail(strict=True, reason=(
            "this runtime's ProcessPoolExecutor.submit fails under spawn and forkserver "
            "(PyPy 3.9 7.3.10-7.3.11, pypy/pypy#3873)")))
    return request.param


def test_a_plain_future_result_in_a_greenlet_stalls_every_greenlet_until_the_work_ends():
    """Unpatched, a plain `future.result()` in a greenlet lets no other greenlet run until the CPU work ends"""
    # Red if future.result() yielded to gevent's hub without patching (ticks while waiting),
    # as it does after patch_all() (checked: the patched run of this program ticks ~25 times).
    facts = run("result", "unpatched", "fixed", "fork")
    assert facts == {"job": "finished", "ticks while waiting": 0}, facts


@pytest.mark.parametrize("way", ["threadpool", "polling"], ids=["through gevent's threadpool", "polling with gevent.sleep"])
def test_a_gevent_aware_wait_keeps_the_other_greenlets_running_during_the_cpu_work(way):
    """Waiting through gevent's threadpool or by polling with `gevent.sleep` lets greenlets run during the CPU work"""
    # Red if the wait blocked the thread: the ticker could never open the gate, the job would run
    # to its hang limit and report "gave up" (checked by swapping the wait for a plain result() in
    # a scratch copy with a 3 s limit: the job "gave up" with 0 ticks, or the wait timed out).
    facts = run(way, "unpatched", "gated", "fork")
    assert facts["job"] == "gate seen" and facts["ticks while waiting"] >= 1, facts


FORKSERVER_REFUSES_PATCHED = IS_CPYTHON and sys.version_info >= (3, 14)


def test_after_patch_all_a_plain_future_result_lets_the_other_greenlets_run(start_method):
    """After `gevent.monkey.patch_all()` a plain `future.result()` lets greenlets run during the CPU work"""
    # Red if patching left future.result() blocking the thread (checked with the patch_all() line
    # removed in a scratch copy with a 3 s limit: the wait timed out, the ticker never ran).
    if start_method == "forkserver" and FORKSERVER_REFUSES_PATCHED:
        pytest.skip("from CPython 3.14 a patched process cannot start forkserver workers: see the next test")
    facts = run("result", "patched", "gated", start_method)
    assert facts["job"] == "gate seen" and facts["ticks while waiting"] >= 1, facts


@pytest.mark.skipif(not FORKSERVER_REFUSES_PATCHED, reason="before CPython 3.14 the forkserver handshake had no "
                    "authentication step, and patched processes start forkserver workers (" + runtime.on_cpython(14) + ")")
def test_from_3_14_a_patched_process_cannot_start_forkserver_workers():
    """From CPython 3.14, after `patch_all()` the first submit to a forkserver pool fails in the handshake"""
    # Red the day the forkserver's authentication handshake works over gevent's patched socket
    # (the program would then run and print its facts, as it does under fork and spawn).
    ran = run_python(PROGRAM, "result", "patched", "gated", "forkserver")
    assert ran.returncode == 1 and ran.stdout == "", ran.describe()
    assert "connect_to_new_process" in ran.stderr and "answer_challenge" in ran.stderr, ran.describe()
    assert ("BlockingIOError" in ran.stderr or "ConnectionResetError" in ran.stderr), ran.describe()
