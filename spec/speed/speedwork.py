"""Work loads and side-by-side timing for the speed claims (spec/speed).

Importable as ``spec.speed.speedwork`` so that process workers can find the
work functions under any start method. Nothing here asserts anything: the
claim modules do, from the figures measured here.
"""
import hashlib
import inspect
import multiprocessing
import os
import statistics
import threading
import time

# A measured speed-up may exceed its physical limit (the usable cores, the number of
# overlapping waits) by this factor before it counts as a measurement error: timer
# resolution, and a sequential baseline that other jobs slowed more than its partner.
LIMIT_TOLERANCE = 1.05

# Reaching the limit: when the machine shows it has the capacity, a parallel figure must reach
# this fraction of its physical limit (2 workers on 2 cores: at least 1.8x over one).
LIMIT_FLOOR = 0.9
# The machine shows the capacity when two bare forked processes reach this fraction of the
# limit of the cores two units of work can use (1.8x on 2 cores): two cores free right now. (Not
# higher: forking the pytest process, large with numba loaded, costs the probe a few percent
# itself - on a quiet machine here it gets 1.8-1.9x.)
FREE_CORES_SHOWN = 0.9
# Starting the workers (forking, making interpreters) costs at most this share of the work:
# the work is sized so that start-up does not decide the figure.
STARTUP_SHARE = 0.05


def shows_free_cores(result, cores, alone="sequential", together="forked"):
    """Whether this measurement's bare-fork probe showed ``cores`` free cores (see
    ``FREE_CORES_SHOWN``): only then does a parallel figure below its floor mean anything."""
    return result.ratio(alone, together) >= FREE_CORES_SHOWN * cores


def reaches_floor(result, slow, fast, limit, key="wall"):
    """Whether the speed-up slow/fast in ``result`` reaches ``LIMIT_FLOOR`` of ``limit``."""
    return result.ratio(slow, fast, key) >= LIMIT_FLOOR * limit


def duty_limit(tasks, duty, cores):
    """The physical limit of the speed-up of ``tasks`` equal tasks run at once over the same
    tasks in sequence, each computing ``duty`` of its time and waiting the rest: each task
    still takes its own time, and their CPU parts (tasks x duty task times) need the cores."""
    return min(tasks, cores / duty) if duty else tasks


# --- the work -------------------------------------------------------------------


def is_prime(number):
    """The notes' primality test, rebuilt: trial division up to the square root."""
    limit = int(number ** 0.5) + 1
    for i in range(2, limit):
        if number % i == 0:
            return False
    return True


def gen_prime(num):
    """The notes' prime benchmark: find the first ``num`` primes; returns the last candidate."""
    i = 2
    while num:
        if is_prime(i):
            num -= 1
        i += 1
    return i


# The same two functions as source text, for child programs that must stand alone
# (a PyPy child, a program run under cProfile).
PRIME_SOURCE = inspect.getsource(is_prime) + "\n\n" + inspect.getsource(gen_prime)


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
    for t in threads:
        t.join()
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
    for p in procs:
        p.join()
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
    codes = [os.waitpid(pid, 0)[1] for pid in pids]
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
    for t in threads:
        t.join()
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


def interleave(variants, rounds, warmup=1):
    """Run every variant once per round, alternating the order (A B, B A, ...) so that a
    drift in the machine's load falls on both alike. Returns {variant: [Sample]}."""
    names = list(variants)
    for _ in range(warmup):
        for name in names:
            variants[name]()
    samples = {name: [] for name in names}
    for i in range(rounds):
        for name in names if i % 2 == 0 else reversed(names):
            samples[name].append(timed(variants[name]))
    return samples
