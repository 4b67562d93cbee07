"""Draw the speed claims' pictures from a pytest-benchmark JSON file, as SVG (no dependencies).

    .venv/bin/python -m pytest spec/speed -m speed -p no:randomly --benchmark-json results/default-speed/benchmarks.json
    .venv/bin/python tools/plot_speed.py results/default-speed/benchmarks.json results/default-speed

writes, into the output folder (default: the JSON file's folder):

- ``speed-gil.svg``: speed-up over sequential of each way of running 2 units of work
  (threads, multiprocessing processes, bare forked processes) for CPU-bound Python, C code
  that releases the GIL, and waits; with lines at 1x (no gain) and at the usable cores.
- ``speed-duty-cycle.svg``: wall time of 4 equal tasks run on threads, processes and
  gevent, at each measured duty cycle, against the ideal times.

Figures come from the interleaved side-by-side rounds saved in ``extra_info`` where a
claim test saved them, else from the per-variant benchmarks' medians.
"""
import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

COLOURS = {
    "sequential": "#888888",
    "threads": "#1f77b4",
    "processes": "#2ca02c",
    "forked": "#98df8a",
    "gevent": "#d62728",
}
WIDTH, HEIGHT = 760, 420
LEFT, RIGHT, TOP, BOTTOM = 70, 170, 50, 70


def load(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return data.get("benchmarks", []), data.get("machine_info", {})


def gil_figures(benchmarks):
    """{group: {variant: median wall seconds}} for the groups named 'GIL: ...'."""
    figures = {}
    for bench in benchmarks:
        info = bench.get("extra_info", {})
        for group, comparison in info.get("comparisons", {}).items():
            if group.startswith("GIL:"):
                for variant, stats in comparison["variants"].items():
                    figures.setdefault(group, {})[variant] = stats["median_wall"]
    for bench in benchmarks:  # per-variant benchmarks fill what the comparisons lack
        group, info = bench.get("group") or "", bench.get("extra_info", {})
        variant = info.get("variant")
        if group.startswith("GIL:") and variant and "duty_cycle" not in info:
            figures.setdefault(group, {}).setdefault(variant, bench["stats"]["median"])
    return {g: v for g, v in figures.items() if "sequential" in v}


def duty_figures(benchmarks):
    """({way: {duty: median wall seconds}}, task seconds, tasks)."""
    figures, span, tasks = {}, None, None
    for bench in benchmarks:
        info = bench.get("extra_info", {})
        if "duty_cycle" in info:
            figures.setdefault(info["variant"], {})[info["duty_cycle"]] = bench["stats"]["median"]
            span, tasks = info.get("task_seconds"), info.get("tasks")
    return figures, span, tasks


class Svg:
    def __init__(self, title, subtitle=""):
        self.parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        ]
        self.text(WIDTH / 2, 22, title, size=15, anchor="middle", weight="bold")
        if subtitle:
            self.text(WIDTH / 2, 38, subtitle, size=11, anchor="middle", fill="#555")

    def text(self, x, y, s, size=12, anchor="start", fill="black", weight="normal", rotate=None):
        turn = f' transform="rotate({rotate} {x:.1f} {y:.1f})"' if rotate else ""
        self.parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}" font-weight="{weight}"{turn}>{escape(str(s))}</text>'
        )

    def line(self, x1, y1, x2, y2, stroke="black", width=1, dash=None):
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" stroke-width="{width}"{dashed}/>'
        )

    def rect(self, x, y, w, h, fill):
        self.parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}"/>')

    def polyline(self, points, stroke, width=2, dash=None):
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        self.parts.append(f'<polyline points="{pts}" fill="none" stroke="{stroke}" stroke-width="{width}"{dashed}/>')
        for x, y in points:
            self.parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{stroke}"/>')

    def axes(self, ymax, ylabel, ticks=5, fmt="{:.1f}"):
        x0, y0, y1 = LEFT, HEIGHT - BOTTOM, TOP
        self.line(x0, y0, WIDTH - RIGHT, y0)
        self.line(x0, y0, x0, y1)
        for i in range(ticks + 1):
            value = ymax * i / ticks
            y = y0 - (y0 - y1) * i / ticks
            self.line(x0 - 4, y, x0, y)
            self.line(x0, y, WIDTH - RIGHT, y, stroke="#eeeeee")
            self.text(x0 - 8, y + 4, fmt.format(value), anchor="end", size=11)
        self.text(18, (y0 + y1) / 2, ylabel, anchor="middle", rotate=-90)

    def legend(self, entries):
        x, y = WIDTH - RIGHT + 15, TOP + 10
        for name, colour, dash in entries:
            if dash:
                self.line(x, y - 4, x + 18, y - 4, stroke=colour, width=2, dash=dash)
            else:
                self.rect(x, y - 10, 18, 10, colour)
            self.text(x + 24, y, name, size=11)
            y += 18

    def save(self, path):
        Path(path).write_text("\n".join(self.parts + ["</svg>"]) + "\n", encoding="utf-8")


def y_of(value, ymax):
    return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * min(value, ymax) / ymax


def plot_gil(figures, cores, subtitle, path):
    svg = Svg("Speed-up over sequential, 2 units of work", subtitle)
    order = ["threads", "processes", "forked"]
    ymax = max([cores + 0.5] + [v["sequential"] / t for v in figures.values() for n, t in v.items() if n in order] + [2.5])
    ymax = float(int(ymax + 0.999))
    svg.axes(ymax, "speed-up (x)")
    groups = list(figures)
    slot = (WIDTH - RIGHT - LEFT) / max(1, len(groups))
    bar = slot / (len(order) + 1.5)
    for gi, group in enumerate(groups):
        values = figures[group]
        x = LEFT + gi * slot + bar * 0.75
        for variant in order:
            if variant in values:
                speed_up = values["sequential"] / values[variant]
                top = y_of(speed_up, ymax)
                svg.rect(x, top, bar * 0.9, HEIGHT - BOTTOM - top, COLOURS[variant])
                svg.text(x + bar * 0.45, top - 4, f"{speed_up:.2f}", size=10, anchor="middle")
            x += bar
        label = group.split(":", 1)[-1].strip()
        for li, part in enumerate(_wrap(label, 30)):
            svg.text(LEFT + gi * slot + slot / 2, HEIGHT - BOTTOM + 16 + 13 * li, part, size=11, anchor="middle")
    svg.line(LEFT, y_of(1, ymax), WIDTH - RIGHT, y_of(1, ymax), stroke="#444", dash="4,3")
    svg.line(LEFT, y_of(cores, ymax), WIDTH - RIGHT, y_of(cores, ymax), stroke="#2ca02c", dash="6,3")
    svg.legend(
        [("2 threads", COLOURS["threads"], None), ("2 processes", COLOURS["processes"], None),
         ("2 bare forks", COLOURS["forked"], None), ("no gain (1x)", "#444", "4,3"),
         (f"usable cores ({cores}x)", "#2ca02c", "6,3")]
    )
    svg.save(path)


def plot_duty(figures, span, tasks, subtitle, path):
    svg = Svg(f"{tasks or '?'} equal tasks at each duty cycle: wall time", subtitle)
    duties = sorted({d for v in figures.values() for d in v})
    ymax_ms = max(t for v in figures.values() for t in v.values()) * 1000 * 1.15
    if span and tasks:
        ymax_ms = max(ymax_ms, span * tasks * 1000 * 1.05)
    svg.axes(ymax_ms, "wall time (ms)", fmt="{:.0f}")
    x_left, x_right = LEFT + 40, WIDTH - RIGHT - 40

    def x_of(duty):
        return x_left + (x_right - x_left) * duty

    for duty in duties:
        svg.line(x_of(duty), HEIGHT - BOTTOM, x_of(duty), HEIGHT - BOTTOM + 4)
        svg.text(x_of(duty), HEIGHT - BOTTOM + 18, f"{duty:.0%}", anchor="middle")
    svg.text((x_left + x_right) / 2, HEIGHT - 22, "duty cycle (share of each task spent computing)", anchor="middle")
    entries = []
    for way in ("threads", "processes", "gevent"):
        if way in figures:
            points = [(x_of(d), y_of(figures[way][d] * 1000, ymax_ms)) for d in duties if d in figures[way]]
            svg.polyline(points, COLOURS[way])
            entries.append((way, COLOURS[way], None))
    if span and tasks:
        # serial CPU (a GIL, or one greenlet at a time): max(tasks x duty, 1) task times
        serial = [(x_of(d), y_of(max(tasks * d, 1) * span * 1000, ymax_ms)) for d in duties]
        svg.polyline(serial, "#1f77b4", width=1, dash="3,3")
        parallel = [(x_of(d), y_of(max(tasks * d / 2, 1) * span * 1000, ymax_ms)) for d in duties]
        svg.polyline(parallel, "#2ca02c", width=1, dash="3,3")
        entries += [("ideal, serial CPU", "#1f77b4", "3,3"), ("ideal, 2 cores", "#2ca02c", "3,3")]
    svg.legend(entries)
    svg.save(path)


def _wrap(text, width):
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    source = Path(argv[0])
    target = Path(argv[1]) if len(argv) > 1 else source.parent
    target.mkdir(parents=True, exist_ok=True)
    benchmarks, machine = load(source)
    rt = machine.get("claimspec_runtime", {})
    cores = rt.get("usable_cores") or machine.get("cpu", {}).get("count") or 2
    subtitle = (
        f"{rt.get('implementation', machine.get('python_implementation', '?'))} "
        f"{rt.get('version', machine.get('python_version', '?'))}, GIL "
        f"{'on' if rt.get('gil_enabled', True) else 'off'}, {cores} usable cores; medians"
    )
    written = []
    gil = gil_figures(benchmarks)
    if gil:
        plot_gil(gil, cores, subtitle, target / "speed-gil.svg")
        written.append(target / "speed-gil.svg")
    duty, span, tasks = duty_figures(benchmarks)
    if duty:
        plot_duty(duty, span, tasks, subtitle, target / "speed-duty-cycle.svg")
        written.append(target / "speed-duty-cycle.svg")
    if not written:
        print(f"{source}: no GIL or duty-cycle benchmarks in it (run pytest spec/speed -m speed --benchmark-json ...)")
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
