"""Draw the speed claims' pictures from a pytest-benchmark JSON file, with matplotlib (PNG and SVG).

    .venv/bin/python -m pytest spec/speed -m speed -p no:randomly --benchmark-json results/default-speed/benchmarks.json
    .venv/bin/python tools/plot_speed.py results/default-speed/benchmarks.json results/default-speed

writes, into the output folder (default: the JSON file's folder):

- ``speed-gil.png`` and ``.svg``: speed-up over sequential of each way of running the work
  (threads, multiprocessing processes, bare forked processes, interpreters) for CPU-bound
  Python, C code that releases the GIL, and waits;
- ``speed-duty-cycle.png`` and ``.svg``: speed-up of 4 equal tasks run on threads, processes
  and gevent over the same tasks in sequence, at each measured duty cycle.

Every figure is paired: a median of per-round ratios between two variants measured in the
same interleaved rounds of one claim test (its ``extra_info["comparisons"]``, which the
``side_by_side`` fixture saves), with the spread over the rounds (min-max) as an error bar.
Medians of different tests are never set against each other. Each picture shows the
physical limit of each figure: the usable cores for parallel CPU work, the number of waits
for overlapping waits (as the test saved it in ``limits``, else worked out from the group).
A figure above its limit by more than the measuring tolerance is a measurement error: the
tool then draws nothing, names the figure and exits with 3.
"""
import json
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: files only
import matplotlib.pyplot as plt  # noqa: E402

# The same tolerance as the speed claims' (spec/speed/speedwork.py LIMIT_TOLERANCE;
# tests/test_plot_speed.py checks that they agree).
TOLERANCE = 1.05
BEYOND_LIMIT = 3  # exit status when a figure is above its limit

COLOURS = {
    "threads": "#1f77b4",
    "processes": "#2ca02c",
    "forked": "#98df8a",
    "interpreters": "#9467bd",
    "gevent": "#d62728",
}
GIL_ORDER = ["threads", "processes", "forked", "interpreters"]
DUTY_WAYS = ["threads", "processes", "gevent"]
PICTURES = ("speed-gil", "speed-duty-cycle")


@dataclass
class Figure:
    """A paired speed-up: ``baseline`` time over ``variant`` time, round by round, in one test."""

    group: str
    variant: str
    baseline: str
    median: float
    low: float
    high: float
    rounds: int
    limit: float
    test: str
    claimed: bool = False  # the test recorded this very ratio (extra_info["ratios"])

    @property
    def label(self):
        return f"{self.group}: {self.variant} over {self.baseline}"

    def beyond_limit(self):
        return self.median > self.limit * TOLERANCE


class BeyondLimit(Exception):
    """Figures above their physical limit: measurement errors, not to be drawn."""

    def __init__(self, figures):
        self.figures = figures
        super().__init__("; ".join(
            f"{f.label} = {f.median:.2f}x (test {f.test}) is above its physical limit of {f.limit:g}x"
            for f in figures
        ))


def load(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return data.get("benchmarks", []), data.get("machine_info", {})


def paired(variants, baseline, variant, key="wall"):
    """(median, min, max, rounds) of the per-round ratios baseline/variant: the two ran back to
    back in each round. None if the rounds do not give a ratio."""
    ratios = [
        a[key] / b[key]
        for a, b in zip(variants[baseline].get("samples", []), variants[variant].get("samples", []))
        if a.get(key) and b.get(key)
    ]
    if not ratios:
        return None
    return statistics.median(ratios), min(ratios), max(ratios), len(ratios)


def _recorded(info):
    """The (slow, fast) pairs a test recorded as ratios of its own."""
    return {(r.get("slow"), r.get("fast")) for r in info.get("ratios", {}).values() if isinstance(r, dict)}


def _number(pattern, text):
    found = re.search(pattern, text)
    return int(found.group(1)) if found else None


def gil_limit(group, comparison, variant, cores):
    """The limit a test saved, else: the number of waits for overlapping waits, the usable
    cores (no more than the units of work) for parallel work."""
    saved = comparison.get("limits", {}).get(variant)
    if saved:
        return float(saved)
    waits = comparison.get("waits") or _number(r"(\d+) waits", group)
    if waits:
        return float(waits)
    units = _number(r"(\d+) units of work", group)
    return float(min(units, cores) if units else cores)


def _choose(chosen, figure):
    """Keep one figure per (group, variant): the one whose test claimed it, else the first."""
    key = (figure.group, figure.variant)
    if key not in chosen or (figure.claimed and not chosen[key].claimed):
        chosen[key] = figure


def _comparisons(benchmarks):
    """(benchmark, its recorded pairs, group, comparison) for each comparison of each benchmark
    whose test did not skip (a skipped test had no free core: its figures show load)."""
    for bench in benchmarks:
        info = bench.get("extra_info", {})
        if info.get("skipped"):
            continue
        recorded = _recorded(info)
        for group, comparison in info.get("comparisons", {}).items():
            yield bench, recorded, group, comparison


def gil_figures(benchmarks, cores):
    """{(group, variant): Figure} for the comparisons named 'GIL: ...' that have a sequential run."""
    chosen = {}
    for bench, recorded, group, comparison in _comparisons(benchmarks):
        variants = comparison.get("variants", {})
        if not group.startswith("GIL:") or "sequential" not in variants:
            continue
        for variant in variants:
            # "one interpreter" and the like are baselines of their own kind, not ways to draw
            if variant == "sequential" or variant.startswith(("probe", "one ")):
                continue
            got = paired(variants, "sequential", variant)
            if got:
                _choose(chosen, Figure(
                    group, variant, "sequential", *got, limit=gil_limit(group, comparison, variant, cores),
                    test=bench.get("name", "?"), claimed=("sequential", variant) in recorded,
                ))
    return chosen


DUTY_VARIANT = re.compile(r"^(?P<way>\w+) at (?P<percent>\d+)%$")


def duty_figures(benchmarks, cores):
    """({(group, way, duty): Figure}, tasks) for comparisons named 'duty cycle: ...': each way
    at each duty cycle over the same tasks in sequence at that duty cycle."""
    chosen, tasks = {}, None
    for bench, recorded, group, comparison in _comparisons(benchmarks):
        if not group.startswith("duty cycle"):
            continue
        variants = comparison.get("variants", {})
        tasks = comparison.get("tasks") or _number(r"(\d+) tasks", group) or tasks
        for name in variants:
            match = DUTY_VARIANT.match(name)
            if not match or match["way"] == "sequential":
                continue
            duty = int(match["percent"]) / 100
            baseline = f"sequential at {match['percent']}%"
            if baseline not in variants:
                continue
            got = paired(variants, baseline, name)
            if not got:
                continue
            limit = comparison.get("limits", {}).get(name)
            if not limit:
                n = tasks or 4
                limit = min(n, cores / duty) if duty else n
            figure = Figure(group, name, baseline, *got, limit=float(limit), test=bench.get("name", "?"),
                            claimed=(baseline, name) in recorded)
            key = (group, match["way"], duty)
            if key not in chosen or (figure.claimed and not chosen[key].claimed):
                chosen[key] = figure
    return chosen, tasks


def check(figures):
    """Raise BeyondLimit naming every figure above its physical limit."""
    beyond = [f for f in figures if f.beyond_limit()]
    if beyond:
        raise BeyondLimit(beyond)


def _wrap(text, width):
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + ([line] if line else []))


def _save(fig, target, stem):
    written = []
    for suffix in (".png", ".svg"):
        path = target / f"{stem}{suffix}"
        fig.savefig(path, dpi=120 if suffix == ".png" else None, bbox_inches="tight")
        written.append(path)
    plt.close(fig)
    return written


def plot_gil(figures, subtitle, target):
    groups = list(dict.fromkeys(group for group, _ in figures))
    fig, ax = plt.subplots(figsize=(10, 5.2))
    width = 0.8 / max(1, max(sum(1 for g, _ in figures if g == group) for group in groups))
    seen = set()
    for gi, group in enumerate(groups):
        present = [v for v in GIL_ORDER if (group, v) in figures]
        present += sorted(v for g, v in figures if g == group and v not in GIL_ORDER)
        left = gi - width * len(present) / 2
        for vi, variant in enumerate(present):
            f = figures[(group, variant)]
            x = left + width * (vi + 0.5)
            ax.bar(x, f.median, width * 0.9, color=COLOURS.get(variant, "#7f7f7f"),
                   label=None if variant in seen else variant)
            seen.add(variant)
            ax.errorbar(x, f.median, yerr=[[f.median - f.low], [f.high - f.median]], fmt="none",
                        ecolor="black", capsize=3, linewidth=1)
            ax.annotate(f"{f.median:.2f}", (x, f.high), textcoords="offset points", xytext=(0, 3),
                        ha="center", fontsize=8)
        # the physical limit of this group's figures (all alike within a group)
        limit = max(figures[(group, v)].limit for v in present)
        ax.hlines(limit, gi - 0.45, gi + 0.45, colors="#444444", linestyles="--", linewidth=1.5,
                  label=None if "limit" in seen else "physical limit")
        seen.add("limit")
        ax.annotate(f"limit {limit:g}x", (gi + 0.45, limit), textcoords="offset points", xytext=(0, 3),
                    ha="right", fontsize=8, color="#444444")
    ax.axhline(1, color="#999999", linestyle=":", linewidth=1, label="no gain (1x)")
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels([_wrap(g.split(":", 1)[-1].strip(), 28) for g in groups], fontsize=9)
    ax.set_ylabel("speed-up over sequential (x)")
    top = max([f.high for f in figures.values()] + [f.limit for f in figures.values()])
    ax.set_ylim(0, top * 1.15)
    ax.set_title("Speed-up over sequential, paired rounds (median, min-max)\n" + subtitle, fontsize=11)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=9)
    return _save(fig, target, "speed-gil")


def plot_duty(figures, tasks, cores, subtitle, target):
    duties = sorted({duty for _, _, duty in figures})
    fig, ax = plt.subplots(figsize=(9, 5.2))
    ways = [w for w in DUTY_WAYS if any(way == w for _, way, _ in figures)]
    ways += sorted({way for _, way, _ in figures} - set(ways))
    step = 0.04
    for wi, way in enumerate(ways):
        points = sorted((duty, f) for (_, w, duty), f in figures.items() if w == way)
        xs = [duties.index(d) + (wi - (len(ways) - 1) / 2) * step for d, _ in points]
        ys = [f.median for _, f in points]
        errs = [[f.median - f.low for _, f in points], [f.high - f.median for _, f in points]]
        ax.errorbar(xs, ys, yerr=errs, marker="o", capsize=3, color=COLOURS.get(way, "#7f7f7f"), label=way)
    xs = range(len(duties))
    limits = [max(f.limit for (_, _, d), f in figures.items() if d == duty) for duty in duties]
    ax.plot(xs, limits, color="#444444", linestyle="--", linewidth=1.5,
            label=f"physical limit: min({tasks or '?'} tasks, {cores} cores / duty)")
    if tasks:
        serial = [min(tasks, 1 / d) for d in duties]
        ax.plot(xs, serial, color="#1f77b4", linestyle=":", linewidth=1,
                label="one task computing at a time (a GIL, greenlets)")
    ax.axhline(1, color="#999999", linestyle=":", linewidth=1, label="no gain (1x)")
    ax.set_xticks(list(xs))
    ax.set_xticklabels([f"{d:.0%}" for d in duties])
    ax.set_xlabel("duty cycle (share of each task spent computing)")
    ax.set_ylabel("speed-up over the tasks in sequence (x)")
    top = max([f.high for f in figures.values()] + limits)
    ax.set_ylim(0, top * 1.15)
    ax.set_title(f"{tasks or '?'} equal tasks at each duty cycle, paired rounds (median, min-max)\n{subtitle}",
                 fontsize=11)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=9)
    return _save(fig, target, "speed-duty-cycle")


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    source = Path(argv[0])
    target = Path(argv[1]) if len(argv) > 1 else source.parent
    benchmarks, machine = load(source)
    rt = machine.get("claimspec_runtime", {})
    cores = rt.get("usable_cores") or machine.get("cpu", {}).get("count") or 2
    subtitle = (
        f"{rt.get('implementation', machine.get('python_implementation', '?'))} "
        f"{rt.get('version', machine.get('python_version', '?'))}, GIL "
        f"{'on' if rt.get('gil_enabled', True) else 'off'}, {cores} usable cores"
    )
    gil = gil_figures(benchmarks, cores)
    duty, tasks = duty_figures(benchmarks, cores)
    try:  # every figure is checked before anything is drawn
        check(list(gil.values()) + list(duty.values()))
    except BeyondLimit as error:
        for f in error.figures:
            print(
                f"{source}: refusing to draw {f.label!r} = {f.median:.2f}x (spread {f.low:.2f}-{f.high:.2f} "
                f"over {f.rounds} rounds, test {f.test}): above its physical limit of {f.limit:g}x by more "
                f"than {TOLERANCE - 1:.0%}, a measurement error",
                file=sys.stderr,
            )
        return BEYOND_LIMIT
    if not gil and not duty:
        print(f"{source}: no paired GIL or duty-cycle rounds in it (run pytest spec/speed -m speed --benchmark-json ...)",
              file=sys.stderr)
        return 1
    target.mkdir(parents=True, exist_ok=True)
    written = []
    if gil:
        written += plot_gil(gil, subtitle, target)
    if duty:
        written += plot_duty(duty, tasks, cores, subtitle, target)
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
