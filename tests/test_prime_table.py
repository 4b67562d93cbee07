"""tools/prime_table.py finds each interpreter once and renders the notes' benchmark as a table."""
import importlib.util
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_tool():
    spec = importlib.util.spec_from_file_location("prime_table", ROOT / "tools" / "prime_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


prime_table = load_tool()


def result(label, implementation, version, seconds, where="host", path="/x/python"):
    return {"label": label, "implementation": implementation, "version": version, "pypy": None,
            "free_threaded": False, "where": where, "path": path, "seconds": seconds,
            "median": sorted(seconds)[len(seconds) // 2], "min": min(seconds), "max": max(seconds)}


RESULTS = [
    result("CPython 3.15.2", "CPython", "3.15.2", [2.8, 2.7, 2.9], where="sid", path="/usr/bin/python3.15"),
    result("PyPy 3.9.16 (7.3.11)", "PyPy", "3.9.16", [0.45, 0.44, 0.46], path="/usr/bin/pypy3"),
    result("CPython 3.11.7", "CPython", "3.11.7", [4.3, 4.2, 4.4]),
]


def test_each_pypy_speed_up_over_each_cpython_is_the_ratio_of_their_medians():
    """speed_ups gives CPython's median seconds over PyPy's, for every pair"""
    # Red where the ratio is inverted (PyPy over CPython) or a pair is missing.
    ups = prime_table.speed_ups(RESULTS)
    assert set(ups) == {("PyPy 3.9.16 (7.3.11)", "CPython 3.15.2"), ("PyPy 3.9.16 (7.3.11)", "CPython 3.11.7")}
    assert abs(ups[("PyPy 3.9.16 (7.3.11)", "CPython 3.11.7")] - 4.3 / 0.45) < 1e-9


def test_the_table_lists_cpythons_by_version_then_pypys_with_the_notes_8_6_seconds_beside():
    """render_markdown lists CPythons oldest first, then PyPys, each with 8.6 s over its median"""
    # Red where versions sort as strings (3.15 before 3.9) or the notes' column divides the wrong way.
    text = prime_table.render_markdown(RESULTS, primes=100000, runs=3)
    rows = [line for line in text.splitlines() if line.startswith("| CPython ") or line.startswith("| PyPy ")]
    seconds_rows = rows[:3]
    assert [r.split("|")[1].strip() for r in seconds_rows] == ["CPython 3.11.7", "CPython 3.15.2",
                                                               "PyPy 3.9.16 (7.3.11)"]
    assert seconds_rows[0].split("|")[4].strip() == "4.30" and seconds_rows[0].split("|")[5].strip() == "4.20-4.40"
    assert seconds_rows[0].split("|")[6].strip() == f"{8.6 / 4.3:.2f}x"
    assert "| CPython 3.11.7 " in text and f"{4.3 / 0.45:.1f}x" in text


def test_every_row_of_a_rendered_table_has_as_many_cells_as_its_header():
    """markdown_table pads every row to the header's columns, with a rule line under the header"""
    # Red where a cell is left unpadded (the table no longer reads as one in a terminal).
    lines = prime_table.markdown_table(["a", "bb"], [["x", "1.0"], ["long value", "22.5"]], right=(1,)).splitlines()
    assert len({len(line) for line in lines}) == 1 and all(line.count("|") == 3 for line in lines)
    assert lines[1] == "|------------|-----:|"


def test_a_table_of_another_size_does_not_compare_itself_with_the_notes_run():
    """render_markdown for gen_prime(20000) leaves the notes' 8.6 s column empty and says why"""
    # Red where a quick run at another size is set against the notes' gen_prime(100000).
    text = prime_table.render_markdown(RESULTS, primes=20000, runs=1)
    assert "not comparable" in text and f"{8.6 / 4.3:.2f}x" not in text


def test_an_interpreter_reached_by_two_paths_is_found_once(tmp_path):
    """find_interpreters keeps one entry per real path: a python3.12 link beside its target counts once"""
    # Red where duplicates by real path are kept (the same interpreter measured twice).
    real = tmp_path / "versions" / "3.12.1" / "bin"
    real.mkdir(parents=True)
    target = real / "python"
    target.write_text("#!/bin/sh\n")
    target.chmod(0o755)
    on_path = tmp_path / "bin"
    on_path.mkdir()
    os.symlink(target, on_path / "python3.12")
    (on_path / "python3-config").write_text("")
    found = prime_table.find_interpreters(path=str(on_path), pyenv=str(tmp_path / "versions"), extra=(), sid=None)
    assert [f["path"] for f in found] == [str(on_path / "python3.12")]
