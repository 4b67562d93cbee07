"""Work loads and side-by-side timing for the speed claims (spec/speed).

Importable as ``spec.speed.speedwork`` so that process workers can find the
work functions under any start method. Nothing here asserts anything: the
claim modules do, from the figures measured here.
"""
import hashlib
import inspect
import multiprocessing
import os
import select
import signal
import statistics
import threading
import time

from claimspec.runtime import usable_cores
from claimspec.timeouts import LONG
from claimspec.waiting import join_threads
from spec.gil.gil_programs import PRIME_SOURCE, gen_prime, is_prime  # noqa: F401 - the prime work, re-exported

# A measured speed-up may exceed its physical limit (the usable cores, the number of
# overlapping waits) by this factor before it counts as a measurement error: timer
# resolution, and a sequential baseline that other jobs slowed more than its partner.
LIMIT_TOLERANCE = 1.05

# A lone CPU-bound process on a machine with a free core gets all of it (CPU seconds per wall
# second near 1). Below this share the machine was oversubscribed: other jobs took part of the
# core, and then a process with several threads gets several shares of the CPU (its GIL passes to
# whichever thread the kernel runs), which looks like a speed-up no core count allows.
LONE_SHARE = 0.8

# Starting the workers (forking, making interpreters) costs at most this share of the work:
# the work is sized so that start-up does not decide the figure.
STARTUP_SHARE = 0.05

# How long the helpers below wait for a worker (thread, process, fork, interpreter; threads
# through claimspec.waiting.join_threads) before they
# give up and raise: reached only when a worker hangs, since the work is sized in seconds.
WORKER_TIMEOUT = LONG


def wait_for_pids(pids, timeout=None):
    """The wait statuses of the child ``pids``, within ``timeout`` (WORKER_TIMEOUT) in all.
    Waits on a pidfd where the platform has one (it wakes the moment the child exits, as a
    blocking waitpid does), else polls waitpid(WNOHANG) every 0.5 ms; a child still running at
    the deadline is killed and reaped, and RuntimeError raised."""
    timeout = WORKER_TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + timeout
    statuses = []
    for pid in pids:
        status = None
        fd = None
        if hasattr(os, "pidfd_open"):
            try:
                fd = os.pidfd_open(pid)
            except OSError:
                fd = None
        try:
            while status is None:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
                status = None
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    for other in pids[len(statuses):]:
                        try:
                            os.kill(other, signal.SIGKILL)
                            os.waitpid(other, 0)  # killed: reaped at once
                        except (ProcessLookupError, ChildProcessError):
                            pass
                    raise RuntimeError(f"forked workers still running after {timeout:g} s: killed")
                if fd is not None:
                    select.select([fd], [], [], remaining)
                else:
                    time.sleep(min(0.0005, remaining))
        finally:
            if fd is not None:
                os.close(fd)
        statuses.append(status)
    return statuses


def duty_limit(tasks, duty, cores):
    """The physical limit of the speed-up of ``tasks`` equal tasks run at once over the same
    tasks in sequence, each computing ``duty`` of its time and waiting the rest: each task
    still takes its own time, and their CPU parts (tasks x duty task times) need the cores."""
    return min(tasks, cores / duty) if duty else tasks


# --- the work -------------------------------------------------------------------


# The notes' prime benchmark, is_prime and gen_prime (and PRIME_SOURCE, their text for child
# programs that must stand alone: a PyPy child, a program run under cProfile), is written once,
# with the GIL section's programs (spec/gil/gil_programs.py), and imported above.


def burn(iterations):
    """Pure-Python CPU work: holds the GIL all the way through."""
    total = 0
    for i in range(iterations):
        total += i * i % 7
    return total


def digest(buffer, times):
    """Hash ``buffer`` ``times`` times: C code that releases the GIL for large buffers."""
    last = None
    for _ in range(times):
        last = hashlib.sha256(buffer).hexdigest()
    return last


def duty_task(duty, cpu_iterations, wait_seconds, slices, sleep=time.sleep):
    """One task of a fixed amount of work: ``slices`` times, burn CPU then wait.

    ``cpu_iterations`` and ``wait_seconds`` are the whole task's; ``duty`` is
    only carried for the record.
    """
    per_slice = cpu_iterations // slices
    wait = wait_seconds / slices
    for _ in range(slices):
        if per_slice:
            burn(per_slice)
        if wait:
            sleep(wait)
    return duty


def calibrate_burn(seconds, probe=200_000):
    """How many ``burn`` iterations take ``seconds`` of CPU time on one core. Timed by
    CPU time, so that other jobs taking the CPU away do not shrink the work."""
    burn(probe // 10)  # warm up (PyPy's JIT, caches)
    best = None
    for _ in range(3):
        started = time.process_time()
        burn(probe)
        took = time.process_time() - started
        best = took if best is None else min(best, took)
    return max(1, int(probe * seconds / best))


# Calibration may grow a unit of work up to this many times its first size, to bring the workers'
# start-up under STARTUP_SHARE of the work (aiming at half of it, so that noise does not undo it).
MAX_UNIT_SCALE = 4


class StartupCalibration:
    """A unit of work sized for its workers' start-up: ``unit`` (burn iterations), ``scale`` (over
    the first size), ``startup`` (median wall seconds to start and join the workers with no work),
    ``work`` (wall seconds of the workers doing one unit each, at the first size) and ``share``
    (start-up over the work at the final size)."""

    def __init__(self, unit, scale, startup, work):
        self.unit, self.scale, self.startup, self.work = unit, scale, startup, work
        self.share = startup / (work * scale)

    def __str__(self):
        return (f"start-up {self.startup * 1000:.1f} ms against {self.work * self.scale * 1000:.0f} ms of work "
                f"({self.share:.1%}), unit grown {self.scale:.2f}x")


def calibrate_startup(unit, run, times=5, max_scale=MAX_UNIT_SCALE):
    """Size the work so that starting the workers does not decide a parallel figure: ``run(n)``
    starts the workers, each doing ``burn(n)``, and joins them. Their start-up (``run(0)``, median
    of ``times``) is compared with one run of the work; a unit whose start-up share is above half
    of ``STARTUP_SHARE`` grows until it is not, up to ``max_scale`` times."""
    run(0)  # warm up: the first start pays for imports and caches
    startup = statistics.median(timed(lambda: run(0)).wall for _ in range(times))
    work = timed(lambda: run(unit)).wall
    scale = min(max_scale, max(1.0, startup / (work * STARTUP_SHARE / 2)))
    return StartupCalibration(int(unit * scale), scale, startup, work)


# --- ways of running N calls ------------------------------------------------------


def in_sequence(fn, calls):
    """The calls one after the other; returns their results in order."""
    return [fn(*args) for args in calls]


def in_threads(fn, calls):
    """Each call in a thread of its own; returns their results in call order."""
    results = [None] * len(calls)

    def run(index, args):
        results[index] = fn(*args)

    threads = [threading.Thread(target=run, args=(i, args), name=f"speed-worker-{i}") for i, args in enumerate(calls)]
    for t in threads:
        t.start()
    join_threads(threads, WORKER_TIMEOUT)
    return results


class Expecting:
    """``fn`` that fails (an exception, so a process exits non-zero) unless it returns
    ``expected``: lets a benchmark check the work a worker process did."""

    def __init__(self, fn, expected):
        self.fn, self.expected = fn, expected

    def __call__(self, *args):
        got = self.fn(*args)
        if got != self.expected:
            raise AssertionError(f"{getattr(self.fn, '__name__', self.fn)}{args} returned {got!r}, not {self.expected!r}")
        return got


def process_context():
    """fork where the platform has it (cheapest start, so start-up cost does not mask
    the parallel speed-up), else the platform's default."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def in_processes(fn, calls, context=None):
    context = context or process_context()
    procs = [context.Process(target=fn, args=args, name=f"speed-worker-{i}") for i, args in enumerate(calls)]
    for p in procs:
        p.start()
    deadline = time.monotonic() + WORKER_TIMEOUT
    for p in procs:
        p.join(max(0.0, deadline - time.monotonic()))
    hung = [p for p in procs if p.is_alive()]
    for p in hung:
        p.kill()
        p.join(WORKER_TIMEOUT)
    if hung:
        raise RuntimeError(f"worker processes still running after {WORKER_TIMEOUT:.0f} s: {[p.name for p in hung]}, killed")
    codes = [p.exitcode for p in procs]
    if any(codes):
        raise RuntimeError(f"worker processes failed with exit codes {codes}")
    return codes


def in_forks(fn, calls):
    """Each call in a bare ``os.fork()`` child: the machine's own capacity for parallel
    work, measured without multiprocessing (so a broken multiprocessing cannot fake it)."""
    if not hasattr(os, "fork"):
        return in_processes(fn, calls, multiprocessing.get_context())
    pids = []
    for args in calls:
        pid = os.fork()
        if pid == 0:  # the child: do the work and leave at once, running no cleanup
            code = 0
            try:
                fn(*args)
            except BaseException:
                code = 1
            os._exit(code)
        pids.append(pid)
    codes = wait_for_pids(pids)
    if any(codes):
        raise RuntimeError(f"forked workers failed with wait statuses {codes}")
    return codes


def in_interpreters(fn, calls):
    """Each call in an interpreter of its own (``concurrent.interpreters``, CPython 3.14+), made,
    run and closed by a thread of this process of its own (so the interpreters start in parallel,
    as processes do); returns their results in call order. Only ``fn``'s source and the call's
    arguments cross into each interpreter; its result comes back through a queue."""
    from concurrent import interpreters

    source = inspect.getsource(fn)
    got = [None] * len(calls)

    def run(index, args):
        interp = interpreters.create()
        results = interpreters.create_queue()
        try:
            interp.exec(source)
            interp.prepare_main(results=results, args=tuple(args))
            interp.exec(f"results.put({fn.__name__}(*args))")
            # taken before the interpreter closes: an item outlives its interpreter only as UNBOUND
            got[index] = results.get(timeout=60)
        finally:
            interp.close()

    threads = [threading.Thread(target=run, args=(i, args), name=f"speed-interpreter-{i}")
               for i, args in enumerate(calls)]
    for t in threads:
        t.start()
    join_threads(threads, WORKER_TIMEOUT)
    return got


# --- measuring ------------------------------------------------------------------


def cpu_seconds():
    """CPU time used so far by this process (all its threads) and its reaped children."""
    t = os.times()  # children's times: clock ticks (10 ms); our own: the precise clock
    return time.process_time() + t.children_user + t.children_system


class Sample:
    """One timed call: wall seconds, CPU seconds (ours + children), and an optional
    ``inner`` time the call measured itself (a child's own timer)."""

    __slots__ = ("wall", "cpu", "inner")

    def __init__(self, wall, cpu, inner=None):
        self.wall, self.cpu, self.inner = wall, cpu, inner

    def get(self, key):
        return getattr(self, key)

    def as_dict(self):
        return {"wall": self.wall, "cpu": self.cpu, "inner": self.inner}


def timed(fn):
    """Call ``fn()`` and return a Sample; a float returned by ``fn`` is its inner time."""
    cpu0 = cpu_seconds()
    started = time.perf_counter()
    result = fn()
    wall = time.perf_counter() - started
    cpu = cpu_seconds() - cpu0
    inner = float(result) if isinstance(result, float) else None
    return Sample(wall, cpu, inner)


class SideBySide:
    """Samples of several variants measured in interleaved rounds."""

    def __init__(self, group, samples):
        self.group = group
        self.samples = samples  # {variant: [Sample, ...]}, same length each

    @property
    def rounds(self):
        return min(len(s) for s in self.samples.values())

    def median(self, variant, key="wall"):
        return statistics.median(s.get(key) for s in self.samples[variant])

    def ratios(self, slow, fast, key="wall"):
        """Per-round ratios slow/fast (paired: the two ran back to back)."""
        return [a.get(key) / b.get(key) for a, b in zip(self.samples[slow], self.samples[fast])]

    def ratio(self, slow, fast, key="wall"):
        """How many times faster ``fast`` is than ``slow``: median of the paired ratios."""
        return statistics.median(self.ratios(slow, fast, key))

    def interval(self, slow, fast, key="wall"):
        """The paired ratios slow/fast as a geometric mean with its 95% interval
        (``claimspec.stats.ratio_interval``)."""
        # imported here: child programs (a PyPy child) import this module without pytest, which claimspec needs
        from claimspec.stats import ratio_interval

        return ratio_interval(self.ratios(slow, fast, key))

    def extend(self, more):
        """Add the rounds ``more`` ({variant: [Sample]}) measured after these."""
        for name, samples in more.items():
            self.samples[name].extend(samples)

    def spread(self, slow, fast, key="wall"):
        r = self.ratios(slow, fast, key)
        return min(r), max(r)

    def parallelism(self, variant):
        """Median CPU seconds per wall second: above 1 only if more than one core was busy."""
        return statistics.median(s.cpu / s.wall for s in self.samples[variant])

    def summary(self, slow, fast, key="wall"):
        lo, hi = self.spread(slow, fast, key)
        return (
            f"{self.group}: {slow}/{fast} = {self.ratio(slow, fast, key):.2f}x "
            f"(spread {lo:.2f}-{hi:.2f} over {self.rounds} rounds, by {key} time; "
            f"medians {slow} {self.median(slow, key) * 1000:.1f} ms, {fast} {self.median(fast, key) * 1000:.1f} ms)"
        )

    def as_dict(self):
        return {
            name: {
                "median_wall": self.median(name),
                "median_cpu": self.median(name, "cpu"),
                "parallelism": self.parallelism(name),
                "samples": [s.as_dict() for s in samples],
            }
            for name, samples in self.samples.items()
        }


def lone_share(result, capacity):
    """CPU seconds per wall second of the capacity probe's lone process (``capacity[0]``, CPU-bound
    work in this process) in ``result``'s rounds: near 1 when it had a core to itself; None without
    a probe."""
    if not capacity or capacity[0] not in result.samples:
        return None
    return result.parallelism(capacity[0])


class Gate:
    """The decision on a speed claim from the rounds measured so far (see the ``side_by_side.gate`` fixture method in
    spec/speed/conftest.py, which measures and adds rounds; this only decides).

    ``decision``: "holds", "fails", "busy" (a result that needs a free second core, which the
    bare-fork probe did not show) or "undecided" (the interval straddles the threshold).
    """

    def __init__(self, result, slow, fast, above, below, capacity, needed, busy_skips=None, key="wall", cores=None):
        self.result, self.slow, self.fast, self.above, self.below = result, slow, fast, above, below
        self.key = key
        self.interval = result.interval(slow, fast, key)
        self.capacity = result.interval(*capacity) if capacity and all(c in result.samples for c in capacity) else None
        self.needed = needed
        cores = cores or min(2, usable_cores())
        busy = self.capacity is not None and self.capacity.estimate < needed
        # Two bare forks faster than the cores allow: the load changed between the rounds' parts
        # (a baseline slowed by other jobs), so no ratio of these rounds can be trusted.
        self.disturbed = self.capacity is not None and self.capacity.estimate > cores * LIMIT_TOLERANCE
        # The probe's lone process (CPU-bound, in this process) got less than LONE_SHARE of a core.
        self.share = lone_share(result, capacity)
        self.oversubscribed = self.share is not None and self.share < LONE_SHARE
        iv = self.interval
        # By default: a speed-up that came shows an "above" claim whatever the load, and one that did
        # not may be the load's doing. A "below" claim needs the free core both ways: no speed-up
        # shows it only if the machine had the core to give one, and on an oversubscribed machine
        # two threads get two shares of the CPU time, which looks like a speed-up (PyPy's two GIL
        # threads: 1.56x beside bare forks' 1.46x at a load of 12 on 2 cores).
        busy_skips = busy_skips or ("fail" if above is not None else "both")
        if above is not None:
            claim_side, other_side = iv.above(above), iv.below(above)
        else:
            claim_side, other_side = iv.below(below), iv.above(below)
        if claim_side:
            self.decision = "busy" if busy and busy_skips in ("pass", "both") else "holds"
        elif other_side:
            against = (busy and busy_skips in ("fail", "both")) or self.disturbed or self.oversubscribed
            self.decision = "busy" if against else "fails"
        else:
            self.decision = "undecided"
        self.history = ""

    @property
    def decided(self):
        return self.decision in ("holds", "fails")

    @property
    def holds(self):
        return self.decision == "holds"

    def explain(self):
        want = f"above {self.above:g}x" if self.above is not None else f"below {self.below:g}x"
        got = (f"{self.slow}/{self.fast} ({self.key} time) = {self.interval.estimate:.2f}x, 95% interval "
               f"{self.interval.low:.2f}-{self.interval.high:.2f}x over {self.interval.n} paired rounds, "
               f"claimed {want}")
        if self.capacity is not None:
            got += f"; 2 bare forked processes {self.capacity.estimate:.2f}x in the same rounds"
            if self.disturbed:
                got += " (more than the cores can give: the load changed during the rounds)"
        if self.oversubscribed:
            got += f"; one process alone got {self.share:.2f} of a core (the machine was oversubscribed)"
        return f"{got}: {self.decision}"

    def __str__(self):
        return self.explain() + ("\n" + self.history if self.history else "")


# How long a gate may spend on its rounds before it adds no more (a loaded machine makes each
# round slower): then an undecided claim is a skip that says so, within pytest's per-test timeout.
GATE_BUDGET = 60.0


def rounds_left(started, rounds_done, more, budget=None):
    """How many of ``more`` further rounds fit in what is left of ``budget`` seconds (by default
    GATE_BUDGET) since ``started`` (time.monotonic()), at the mean time per round of the
    ``rounds_done`` so far."""
    budget = GATE_BUDGET if budget is None else budget
    spent = time.monotonic() - started
    per_round = spent / max(rounds_done, 1)
    return max(0, min(more, int((budget - spent) / per_round) if per_round > 0 else more))


def interleave(variants, rounds, warmup=1, start=0):
    """Run every variant once per round, alternating the order (A B, B A, ...) so that a
    drift in the machine's load falls on both alike; ``start`` is the number of rounds already
    run (a continuation keeps the alternation). Returns {variant: [Sample]}."""
    names = list(variants)
    for _ in range(warmup):
        for name in names:
            variants[name]()
    samples = {name: [] for name in names}
    for i in range(start, start + rounds):
        for name in names if i % 2 == 0 else reversed(names):
            samples[name].append(timed(variants[name]))
    return samples
