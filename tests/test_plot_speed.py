"""tools/plot_speed.py draws the speed pictures from paired rounds, and refuses a figure above its limit."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "plot_speed.py"

RUNTIME = {"implementation": "CPython", "version": "3.11.7", "gil_enabled": True,
           "free_threaded_build": False, "usable_cores": 2}


def rounds(*walls):
    """The samples the side_by_side fixture saves for one variant, one per round."""
    return {"median_wall": sorted(walls)[len(walls) // 2], "median_cpu": 0.0, "parallelism": 1.0,
            "samples": [{"wall": w, "cpu": w, "inner": None} for w in walls]}


def claim_test(name, group, variants, limits=None, **info):
    """One claim test's benchmark, as pytest-benchmark writes it with side_by_side's extra_info."""
    comparison = {"attempts": 1, "variants": variants, **info}
    if limits:
        comparison["limits"] = limits
    return {
        "group": f"{group} (interleaved rounds)", "name": name, "fullname": f"spec/speed/x.py::{name}",
        "params": None, "param": None,
        "extra_info": {"runtime": RUNTIME, "comparisons": {group: comparison}, "ratios": {}},
        "options": {}, "stats": {"min": 0.1, "max": 0.2, "mean": 0.15, "median": 0.15, "rounds": 3, "data": []},
    }


def benchmarks(processes_walls=(0.07, 0.075, 0.072)):
    """A small benchmarks JSON: CPU-bound processes, overlapping waits, and the duty cycles."""
    duty = {}
    for percent, seq, threads, procs in ((10, 0.24, 0.07, 0.09), (50, 0.24, 0.13, 0.10), (100, 0.24, 0.25, 0.13)):
        duty[f"sequential at {percent}%"] = rounds(seq, seq * 1.01, seq * 0.99)
        duty[f"threads at {percent}%"] = rounds(threads, threads * 1.02, threads * 0.98)
        duty[f"processes at {percent}%"] = rounds(procs, procs * 1.03, procs * 0.99)
    return {
        "machine_info": {"python_implementation": "CPython", "python_version": "3.11.7", "claimspec_runtime": RUNTIME},
        "benchmarks": [
            claim_test("test_processes", "GIL: CPU-bound pure Python, 2 units of work",
                       {"sequential": rounds(0.12, 0.121, 0.119), "threads": rounds(0.13, 0.128, 0.131),
                        "processes": rounds(*processes_walls)},
                       limits={"threads": 2, "processes": 2}),
            claim_test("test_waits", "GIL: I/O-bound (4 waits of 100 ms)",
                       {"sequential": rounds(0.4, 0.401, 0.402), "threads": rounds(0.101, 0.1, 0.102)},
                       limits={"threads": 4}, waits=4),
            claim_test("test_duty", "duty cycle: 4 tasks of 60 ms, 4 slices each", duty, tasks=4, task_seconds=0.06),
        ],
        "datetime": "2025-01-01T00:00:00", "version": "5.1.0",
    }


def run_tool(tmp_path, data):
    source = tmp_path / "benchmarks.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "pictures"
    done = subprocess.run([sys.executable, str(TOOL), str(source), str(out)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    return done, out


def test_it_writes_both_pictures_as_png_and_svg(tmp_path):
    """Paired rounds within their limits give speed-gil and speed-duty-cycle, each as PNG and SVG"""
    done, out = run_tool(tmp_path, benchmarks())
    assert done.returncode == 0, done.stderr
    for stem in ("speed-gil", "speed-duty-cycle"):
        png, svg = out / f"{stem}.png", out / f"{stem}.svg"
        assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), stem
        assert "<svg" in svg.read_text(encoding="utf-8"), stem


def test_a_figure_above_its_physical_limit_makes_it_exit_non_zero_naming_the_figure(tmp_path):
    """2 processes 2.45x faster than sequential on 2 cores: it exits non-zero, names the figure, draws nothing"""
    done, out = run_tool(tmp_path, benchmarks(processes_walls=(0.049, 0.05, 0.048)))
    assert done.returncode != 0
    assert "GIL: CPU-bound pure Python, 2 units of work: processes over sequential" in done.stderr
    assert "2.45x" in done.stderr and "physical limit of 2x" in done.stderr
    assert not list(out.glob("*.png")) and not list(out.glob("*.svg"))


def test_a_figure_within_the_tolerance_of_its_limit_is_drawn(tmp_path):
    """A figure 4% above its limit (within the 5% measuring tolerance) is drawn"""
    done, out = run_tool(tmp_path, benchmarks(processes_walls=(0.0577, 0.0577, 0.0577)))  # 0.12/0.0577 = 2.08x
    assert done.returncode == 0, done.stderr
    assert (out / "speed-gil.png").exists()


def test_a_duty_cycle_figure_above_its_limit_is_refused(tmp_path):
    """Processes at 100% duty 2.4x faster than the tasks in sequence on 2 cores: refused, named"""
    data = benchmarks()
    duty = data["benchmarks"][2]["extra_info"]["comparisons"]["duty cycle: 4 tasks of 60 ms, 4 slices each"]
    duty["variants"]["processes at 100%"] = rounds(0.1, 0.1, 0.1)
    done, _ = run_tool(tmp_path, data)
    assert done.returncode != 0
    assert "processes at 100% over sequential at 100%" in done.stderr


def test_medians_of_different_tests_are_not_set_against_each_other(tmp_path):
    """A test with processes but no sequential run gives no figure, whatever another test's sequential median"""
    data = benchmarks()
    lone = claim_test("test_lone", "GIL: CPU-bound pure Python, 2 units of work", {"processes": rounds(0.01, 0.01, 0.01)})
    data["benchmarks"].append(lone)  # 0.12 / 0.01 would be 12x if medians were mixed
    done, _ = run_tool(tmp_path, data)
    assert done.returncode == 0, done.stderr


def test_its_tolerance_is_the_speed_claims_tolerance():
    """The tool's measuring tolerance is `LIMIT_TOLERANCE` of spec/speed/speedwork.py"""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import plot_speed
    finally:
        sys.path.remove(str(ROOT / "tools"))
    from spec.speed.speedwork import LIMIT_TOLERANCE

    assert plot_speed.TOLERANCE == LIMIT_TOLERANCE == pytest.approx(1.05)
