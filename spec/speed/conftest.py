"""Fixtures for the speed claims.

Run them (serially: pytest-benchmark disables itself under xdist) with

    .venv/bin/python -m pytest spec/speed -m speed -p no:randomly --benchmark-json results/speed/benchmarks.json
    .venv/bin/python tools/plot_speed.py results/speed/benchmarks.json results/speed

Each claim module holds two kinds of test:

- ``benchmark_variant``: one pytest-benchmark benchmark per variant (sequential,
  threads, processes ...), all variants of a claim in one ``group``; the JSON
  carries the runtime (implementation, version, GIL, usable cores) in each
  benchmark's ``extra_info`` and in ``machine_info``. These are the record.
- ``side_by_side.gate``: the claim itself, a ratio of two variants measured in
  interleaved rounds (A B, B A, ...) in the same test, decided on the paired ratios'
  95% interval against a threshold with a margin from the runtime that breaks the claim
  (threads without the GIL above 1.3x, where the GIL gives about 1x). Rounds are added
  only while the interval straddles the threshold. A bare-fork probe in the same
  rounds shows whether the machine had a second core: a result that needs one and did
  not get it is a skip that says so, never a failure; so is a result against the claim
  while the probe got more than the cores can give (the load changed during the rounds).
  A gate adds rounds only within ``speedwork.GATE_BUDGET`` seconds: still undecided then,
  it skips saying the machine was slow. A result against the claim, or a figure above its
  physical limit, while the probe's lone process got under ``LONE_SHARE`` of a core (the
  machine oversubscribed) is a skip too. The benchmark fixture drives the
  first rounds, so they are saved in the JSON too, and the figures go to the claims
  report through ``claim_measurement``, each with its interval.

A speed-up has a physical limit (the usable cores for parallel CPU work, the number of
waits for overlapping waits). How near it a figure comes is a goal (``side_by_side.goal``,
or ``gate(limit=...)``): its fraction of the limit, and of the bare forks' speed-up in the
same rounds, recorded with their intervals in the JSON and the claims report, never
asserted. Only a figure whose whole interval lies above the limit times ``LIMIT_TOLERANCE``
fails (``physical_limit`` applies the rule to a figure a child reports): a figure beyond
what the machine can give is a measurement error, not a result. tools/plot_speed.py
refuses to draw one.

Self-checks of the measurement's design calibrate it instead of failing: work whose
workers' start-up is over half of ``STARTUP_SHARE`` grows (speedwork.calibrate_startup).
"""
import time
from pathlib import Path

import pytest

from claimspec import runtime

from claimspec.stats import ratio_interval

from spec.speed import speedwork
from spec.speed.speedwork import LIMIT_TOLERANCE, LONE_SHARE, lone_share, Gate, SideBySide, interleave, rounds_left, timed

# A gate's rounds: a first measurement of GATE_ROUNDS interleaved rounds, then GATE_MORE at a time
# while the 95% interval straddles the claim's threshold, up to GATE_MAX_ROUNDS.
GATE_ROUNDS = 5
GATE_MORE = 3
GATE_MAX_ROUNDS = 14


#: The tests of spec/speed that run in the default run too: a claim's quick witness, which times
#: nothing against a limit (so the default document shows the claim checked).
QUICK_WITNESS_PREFIX = "test_quick_witness_"


def pytest_itemcollected(item):
    # Every other test below this folder is a speed test, run only under -m speed (pytest.ini's
    # addopts deselect the marker): the marker is given here once, not module by module. A conftest's
    # item hooks see only the items below its folder, and run before -m selects.
    name = getattr(item, "originalname", None) or item.name
    if not name.startswith(QUICK_WITNESS_PREFIX):
        item.add_marker(pytest.mark.speed)


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

    def __call__(self, group, variants, rounds=5, warmup=1, limits=None, **info):
        """Measure ``variants`` ({name: callable}) in ``rounds`` interleaved rounds; returns a
        ``SideBySide``. The first call of a test is timed by the benchmark fixture, so its rounds
        are saved in the benchmark JSON. ``limits`` ({variant: the physical limit of its speed-up
        over its baseline}) and ``info`` (the work's shape: ``tasks=4`` ...) are saved with the
        rounds, for tools/plot_speed.py. ``gate()`` judges a claim on such rounds."""
        names = list(variants)
        self.attempts = []
        if self._benchmarked:  # the fixture times one thing per test: later comparisons go untimed
            first = interleave(variants, rounds, warmup)
        else:
            first = self._first_attempt(group, variants, names, rounds, warmup)
            self._benchmarked = True
        result = SideBySide(group, first)
        self.attempts.append(result)
        self._benchmark.extra_info.setdefault("runtime", _runtime_info())
        self._save(group, result, limits, info)
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

    def gate(self, group, variants, slow, fast, name, above=None, below=None, limit=None,
             capacity=("sequential", "forked"), needed=None, rounds=GATE_ROUNDS, more=GATE_MORE,
             max_rounds=GATE_MAX_ROUNDS, warmup=1, limits=None, busy_skips=None, key="wall", **info):
        """Judge a speed claim, "``fast`` is more than ``above`` times faster than ``slow``" (or
        less than ``below`` times), on paired rounds with a 95% interval, so that a noisy machine
        cannot flip it.

        ``variants`` run in ``rounds`` interleaved rounds (A B, B A, ...); the paired ratios
        slow/fast (by ``key``: wall, cpu or a child's own "inner" time) give a geometric mean and its
        95% interval (``claimspec.stats``). The claim is
        decided when the whole interval lies on one side of its threshold; while it straddles it,
        ``more`` rounds are added, up to ``max_rounds``.

        ``capacity`` names the bare-fork probe measured in the same rounds (one unit alone, two
        bare forked processes together): when it shows less than ``needed`` (by default 75% of
        two cores' speed-up), the machine had no second core to give, and a result that needs one
        (a speed-up that did not come; no speed-up where parallel threads would also have shown
        none) is a skip that says so, never a failure (``busy_skips``: "fail", "pass" or "both" says
        which outcome needs the free core; by default "fail" for ``above`` and "pass" for ``below``).
        Still undecided after ``max_rounds``: a skip
        with the interval. Returns a ``Gate``: ``holds`` (assert it), ``interval``, ``result``.

        ``limit`` (the figure's physical limit) makes the figure's nearness to it a goal: its
        fraction of the limit and of the same rounds' bare-fork capacity are recorded with their
        intervals, never asserted. A figure whose whole interval lies above the limit (beyond
        ``LIMIT_TOLERANCE``) is a measurement error and fails.
        """
        if (above is None) == (below is None):
            raise TypeError("gate() takes one of above= or below=")
        cores = min(2, runtime.usable_cores())
        if needed is None:
            needed = 0.75 * cores
        started = time.monotonic()
        result = self(group, variants, rounds=rounds, warmup=warmup, limits=limits, **info)
        out_of_time = False
        while True:
            gate = Gate(result, slow, fast, above, below, capacity, needed, busy_skips, key, cores=cores)
            if gate.decided or result.rounds >= max_rounds:
                break
            extra = rounds_left(started, result.rounds + warmup, min(more, max_rounds - result.rounds))
            if not extra:
                out_of_time = True
                break
            result.extend(interleave(variants, extra, warmup=0, start=result.rounds))
        self._save(group, result, limits, info)
        self.record_interval(name, gate.interval, kind="claim")
        saved = self._benchmark.extra_info.setdefault("ratios", {}).setdefault(name, {})
        saved.update(median=result.ratio(slow, fast, key), min=min(result.ratios(slow, fast, key)),
                     max=max(result.ratios(slow, fast, key)), slow=slow, fast=fast, key=key, rounds=result.rounds,
                     interval=gate.interval.as_dict(), threshold={"above": above} if above is not None else {"below": below},
                     decision=gate.decision)
        if gate.capacity is not None:
            self.record_interval("machine capacity: speed-up of 2 bare forked processes", gate.capacity)
        print(gate.explain())
        if limit is not None:
            self.goal(result, name, slow, fast, limit, capacity)
        if gate.decision == "busy":
            print(self.history())
            if gate.disturbed:
                self.skip_busy(f"{gate.explain()}; 2 bare forked processes got {gate.capacity.estimate:.2f}x, more "
                               f"than {cores} cores can give")
            self.skip_busy(f"{gate.explain()}; 2 bare forked processes got only {gate.capacity.estimate:.2f}x "
                           f"(needed {needed:.2f}x)")
        if gate.decision == "undecided":
            print(self.history())
            self._benchmark.extra_info["skipped"] = gate.explain()
            slow_machine = (f"; no time for more rounds within {speedwork.GATE_BUDGET:.0f} s: the machine was slow"
                            if out_of_time else "")
            pytest.skip(f"undecided on this machine: {gate.explain()} - too noisy to tell after {result.rounds} "
                        f"rounds{slow_machine} (a runtime that breaks the claim is decided: it lands far from the "
                        f"threshold)")
        gate.history = self.history()
        return gate

    def goal(self, result, name, slow, fast, limit, capacity=("sequential", "forked")):
        """Record how near the figure slow/fast comes to its physical ``limit``, with 95% intervals:
        its fraction of the limit, and of the bare-fork probe's speed-up in the same rounds (the
        machine's capacity right then). A goal: recorded, never asserted - except that a figure
        whose whole interval lies above the limit (beyond ``LIMIT_TOLERANCE``) is a measurement
        error and fails."""
        figure = result.interval(slow, fast)
        fraction = figure.scaled(1 / limit)
        self.record_interval(f"{name}: fraction of its limit ({limit:g}x)", fraction, unit="", kind="goal")
        goals = self._benchmark.extra_info.setdefault("goals", {})
        goal = goals[name] = {"limit": limit, "figure": figure.as_dict(), "of_limit": fraction.as_dict()}
        saved = self._benchmark.extra_info.get("ratios", {}).get(name)
        if saved is not None:
            saved["limit"] = limit
        alone, together = capacity or (None, None)
        if together in result.samples and alone in result.samples and together != fast:
            # per round: (slow/fast) / (alone/together); with alone == slow, together/fast
            pairs = [(a.wall / b.wall) / (c.wall / d.wall) for a, b, c, d in zip(
                result.samples[slow], result.samples[fast], result.samples[alone], result.samples[together])]
            over = ratio_interval(pairs)
            self.record_interval(f"{name}: fraction of 2 bare forked processes' speed-up in the same rounds",
                                 over, unit="", kind="goal")
            goal["of_capacity"] = over.as_dict()
        share = lone_share(result, capacity)
        if figure.low > limit * LIMIT_TOLERANCE and share is not None and share < LONE_SHARE:
            self.skip_busy(f"{name} = {figure.estimate:.2f}x is above its physical limit of {limit:g}x, while one "
                           f"process alone got {share:.2f} of a core: the machine was oversubscribed (several "
                           f"threads then get several shares of the CPU)")
        assert figure.low <= limit * LIMIT_TOLERANCE, (
            f"{name} = {figure.estimate:.2f}x (95% interval {figure.low:.2f}-{figure.high:.2f}x) is above its "
            f"physical limit of {limit:g}x (by more than the "
            f"{LIMIT_TOLERANCE - 1:.0%} measuring tolerance, over the whole interval): a measurement error, "
            f"not a result\n{self.history()}")
        return goal

    def record_interval(self, name, interval, unit="x", kind=None):
        print(f"{name} = {interval}{unit}")
        self._measure(name, round(interval.estimate, 4), unit, interval=interval, kind=kind)
        self._benchmark.extra_info.setdefault("figures", {})[name] = interval.estimate
        self._benchmark.extra_info.setdefault("intervals", {})[name] = interval.as_dict()
        return interval

    def _save(self, group, result, limits, info):
        saved = {"attempts": len(self.attempts), "rounds": result.rounds, "variants": result.as_dict()}
        if limits:
            saved["limits"] = dict(limits)
        saved.update(info)
        self._benchmark.extra_info.setdefault("comparisons", {})[group] = saved

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
            f"measurement {i + 1} ({r.rounds} rounds): " + "; ".join(
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
