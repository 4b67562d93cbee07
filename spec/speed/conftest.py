"""Fixtures for the speed claims.

Run them (serially: pytest-benchmark disables itself under xdist) with

    .venv/bin/python -m pytest spec/speed -m speed -p no:randomly --benchmark-json results/speed/benchmarks.json
    .venv/bin/python tools/plot_speed.py results/speed/benchmarks.json results/speed

Each claim module holds two kinds of test:

- ``benchmark_variant``: one pytest-benchmark benchmark per variant (sequential,
  threads, processes ...), all variants of a claim in one ``group``; the JSON
  carries the runtime (implementation, version, GIL, usable cores) in each
  benchmark's ``extra_info`` and in ``machine_info``. These are the record.
- ``side_by_side``: the claim itself, asserted from the variants measured in
  interleaved rounds (A B, B A, ...) in the same test, judged on the median of
  the paired ratios, with a band the claim's wording supports. The benchmark
  fixture drives those rounds, so they are saved in the JSON too, and the ratios
  go to the claims report through ``claim_measurement``.

A speed-up has a physical limit (the usable cores for parallel CPU work, the number
of waits for overlapping waits): every claim about a parallel speed-up checks its
figure against it with ``side_by_side.within_limit`` (or the ``physical_limit``
fixture), which records the figure as a fraction of the limit and fails above the
limit times ``LIMIT_TOLERANCE``: a figure beyond what the machine can give is a
measurement error, not a result. tools/plot_speed.py refuses to draw one.
"""
import statistics
from pathlib import Path

import pytest

from claimspec import runtime

from spec.speed.speedwork import (
    FREE_CORES_SHOWN, LIMIT_FLOOR, LIMIT_TOLERANCE, STARTUP_SHARE, SideBySide, interleave, timed)


def pytest_collection_modifyitems(config, items):
    # pytest-benchmark writes --benchmark-json at the end of the run, into an existing folder
    # only: make it now rather than lose a whole run's figures.
    target = config.getoption("benchmark_json", default=None)
    if target:
        # older pytest-benchmark (as on PyPy 3.9) opens the file itself: the option is then a file object
        path = target if isinstance(target, (str, Path)) else getattr(target, "name", str(target))
        Path(path).parent.mkdir(parents=True, exist_ok=True)


@pytest.hookimpl(optionalhook=True)
def pytest_benchmark_update_machine_info(config, machine_info):
    machine_info["claimspec_runtime"] = runtime.describe()


def _runtime_info():
    info = runtime.describe()
    return {k: info[k] for k in ("implementation", "version", "gil_enabled", "free_threaded_build", "usable_cores")}


@pytest.fixture
def benchmark_variant(benchmark):
    """``benchmark_variant(group, variant, fn, rounds=2, **extra_info)``: one benchmark of one
    variant (few rounds: the claim tests measure more, side by side)."""

    def run(group, variant, fn, rounds=2, warmup=0, **extra):
        benchmark.group = group
        benchmark.extra_info.update(variant=variant, runtime=_runtime_info(), **extra)
        return benchmark.pedantic(fn, rounds=rounds, warmup_rounds=warmup, iterations=1)

    return run


class _SideBySideRunner:
    def __init__(self, benchmark, claim_measurement):
        self._benchmark = benchmark
        self._measure = claim_measurement
        self.attempts = []
        self._benchmarked = False

    def __call__(self, group, variants, rounds=5, warmup=1, attempts=1, until=None, prefer=None, best=None,
                 limits=None, **info):
        """Measure ``variants`` ({name: callable}) in ``rounds`` interleaved rounds.

        ``until(result)``: for claims that something *can* happen (a parallel
        speed-up on a machine other jobs share), up to ``attempts`` measurements
        are made until it holds, and that one is returned; failing that, the last
        attempt for which ``prefer(result)`` holds (the machine could have shown
        it) - with ``best(result)``, the preferred attempt where it is highest - else the last.
        ``history()`` shows every attempt.

        ``limits`` ({variant: the physical limit of its speed-up over its baseline}) and
        ``info`` (the work's shape: ``tasks=4`` ...) are saved with the rounds, for
        tools/plot_speed.py.
        """
        names = list(variants)
        self.attempts = []
        if self._benchmarked:  # the fixture times one thing per test: later comparisons go untimed
            first = interleave(variants, rounds, warmup)
        else:
            first = self._first_attempt(group, variants, names, rounds, warmup)
            self._benchmarked = True
        result = SideBySide(group, first)
        self.attempts.append(result)
        while until is not None and not until(result) and len(self.attempts) < attempts:
            result = SideBySide(group, interleave(variants, rounds, warmup=0))
            self.attempts.append(result)
        if until is not None and not until(result) and prefer is not None:
            # none showed the claim: judge the last attempt that could have shown it
            # (``prefer``: the machine had a second core free), if any
            preferred = [r for r in self.attempts if prefer(r)]
            if preferred:
                result = max(preferred, key=best) if best is not None else preferred[-1]
        self._benchmark.extra_info.setdefault("runtime", _runtime_info())
        saved = {"attempts": len(self.attempts), "variants": result.as_dict()}
        if limits:
            saved["limits"] = dict(limits)
        saved.update(info)
        self._benchmark.extra_info.setdefault("comparisons", {})[group] = saved
        return result

    def _first_attempt(self, group, variants, names, rounds, warmup):
        bench = self._benchmark
        if bench.disabled:  # --benchmark-disable, or xdist: pedantic would call it once
            return bench.pedantic(interleave, args=(variants, rounds, warmup))
        for _ in range(warmup):
            for name in names:
                variants[name]()
        samples = {name: [] for name in names}
        state = {"round": 0}

        def one_round():
            order = names if state["round"] % 2 == 0 else names[::-1]
            state["round"] += 1
            for name in order:
                samples[name].append(timed(variants[name]))

        bench.group = f"{group} (interleaved rounds)"
        bench.pedantic(one_round, rounds=rounds, iterations=1)
        return samples

    def require_capacity(self, result, alone="sequential", together="forked", needed=1.5):
        """Skip unless the machine gave two bare forked processes a parallel speed-up of
        ``needed`` in this measurement: with no second core free (other jobs, a CPU
        quota) no parallel claim can be told apart from its opposite."""
        capacity = result.ratio(alone, together)
        self.record_value("machine capacity: speed-up of 2 bare forked processes", capacity, "x")
        if capacity < needed:
            print(self.history())
            self.skip_busy(f"2 bare forked processes ran only {capacity:.2f}x faster than one (needed {needed}x) "
                           f"in {len(self.attempts)} attempt(s)")
        return capacity

    def skip_busy(self, why):
        """Skip: the machine is too busy to tell parallel from serial (``why`` says how it showed).
        The figures stay in the benchmark JSON, marked, and tools/plot_speed.py leaves them out."""
        self._benchmark.extra_info["skipped"] = why
        pytest.skip(f"the machine is too busy to tell parallel from serial: {why}")

    def record(self, result, slow, fast, name, key="wall"):
        """Print the ratio slow/fast with its spread and put it in the claims report."""
        ratio = result.ratio(slow, fast, key)
        lo, hi = result.spread(slow, fast, key)
        print(result.summary(slow, fast, key))
        self._measure(name, round(ratio, 3), "x")
        self._measure(f"{name}, spread over {result.rounds} rounds", f"{lo:.2f}-{hi:.2f}", "x")
        self._benchmark.extra_info.setdefault("ratios", {})[name] = {
            "median": ratio, "min": lo, "max": hi, "slow": slow, "fast": fast, "key": key, "rounds": result.rounds,
        }
        return ratio

    def within_limit(self, name, figure, limit):
        """Record ``figure`` (a speed-up) as a fraction of its physical ``limit`` and fail
        above the limit (beyond ``LIMIT_TOLERANCE``): a measurement error. The limit is
        saved with the ratio of the same ``name``, if one was recorded."""
        saved = self._benchmark.extra_info.get("ratios", {}).get(name)
        if saved is not None:
            saved["limit"] = limit
        check_limit(self.record_value, name, figure, limit, self.history())
        return figure

    def near_limit(self, result, name, figure, limit, alone="sequential", together="forked", floor=LIMIT_FLOOR):
        """Fail unless ``figure`` reaches ``floor`` (by default ``LIMIT_FLOOR``, 90%) of its ``limit`` -
        judged only when this measurement's bare-fork probe (``together`` over ``alone``) showed the
        free cores (``FREE_CORES_SHOWN`` of two cores' speed-up); otherwise say so in the record.
        Returns whether it was judged."""
        cores = min(2, runtime.usable_cores())
        capacity = result.ratio(alone, together)
        if capacity < FREE_CORES_SHOWN * cores:
            self.record_value(f"{name}: not judged against {floor:.0%} of its limit, as 2 bare "
                              f"forked processes got only", capacity, "x")
            self._benchmark.extra_info.setdefault("floors", {})[name] = {"judged": False, "capacity": capacity}
            return False
        self._benchmark.extra_info.setdefault("floors", {})[name] = {
            "judged": True, "capacity": capacity, "floor": floor * limit}
        assert figure >= floor * limit, (
            f"{name} = {figure:.2f}x, below {floor:.0%} of its limit of {limit:g}x, though 2 bare forked "
            f"processes got {capacity:.2f}x in the same rounds: the machine had the cores\n{self.history()}")
        return True

    def startup_share(self, name, empty, work_seconds, times=3):
        """Time ``empty()`` (the same workers started with no work) and fail unless it is under
        ``STARTUP_SHARE`` of ``work_seconds``: the work is sized so start-up does not decide it."""
        took = statistics.median(timed(empty).wall for _ in range(times))
        share = self.record_value(f"start-up share of {name}", took / work_seconds)
        assert share < STARTUP_SHARE, (
            f"starting {name} takes {took * 1000:.1f} ms, {share:.1%} of the {work_seconds * 1000:.0f} ms "
            f"the work takes (at most {STARTUP_SHARE:.0%}): the work is too small to show the parallel speed-up")
        return share

    def record_within_limit(self, result, slow, fast, name, limit, key="wall"):
        """``record`` the speed-up slow/fast, then check it ``within_limit``."""
        return self.within_limit(name, self.record(result, slow, fast, name, key), limit)

    def record_value(self, name, value, unit=""):
        print(f"{name} = {value:.3g}{unit}" if isinstance(value, float) else f"{name} = {value}{unit}")
        self._measure(name, round(value, 4) if isinstance(value, float) else value, unit)
        self._benchmark.extra_info.setdefault("figures", {})[name] = value
        return value

    def history(self):
        return "\n".join(
            f"attempt {i + 1}: " + "; ".join(
                f"{n} median {r.median(n) * 1000:.1f} ms wall, {r.parallelism(n):.2f} cpu/wall" for n in r.samples
            )
            for i, r in enumerate(self.attempts)
        )


def check_limit(measure, name, figure, limit, history=""):
    """The shared rule: record ``figure`` as a fraction of its physical ``limit`` (through
    ``measure(name, value, unit)``) and fail when it is above ``limit * LIMIT_TOLERANCE``."""
    measure(f"{name}: fraction of its limit ({limit:g}x)", round(figure / limit, 3), "")
    assert figure <= limit * LIMIT_TOLERANCE, (
        f"{name} = {figure:.2f}x is above its physical limit of {limit:g}x (by more than the "
        f"{LIMIT_TOLERANCE - 1:.0%} measuring tolerance): a measurement error, not a result\n{history}"
    )
    return figure


@pytest.fixture
def physical_limit(claim_measurement):
    """``physical_limit(name, figure, limit)``: ``check_limit`` for a test that measures without
    ``side_by_side`` (a figure reported by a child interpreter)."""

    def check(name, figure, limit, history=""):
        return check_limit(claim_measurement, name, figure, limit, history)

    return check


@pytest.fixture
def side_by_side(benchmark, claim_measurement):
    """Interleaved side-by-side measurement of a claim's variants (see the module doc)."""
    return _SideBySideRunner(benchmark, claim_measurement)
