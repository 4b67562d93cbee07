"""Install a requirements file less some packages, and make sure they are absent.

    python tools/install_without.py -r requirements.txt gevent numba

Used by `tox -e minimal` to show that the spec runs without its optional parts:
the named packages are left out (and uninstalled if already there), every other
requirement line is installed as written, environment markers included.
"""
import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def kept_lines(text, without):
    dropped = {canonical(n) for n in without}
    kept, left_out = [], []
    for line in text.splitlines():
        match = _NAME.match(line.split("#", 1)[0])
        if match and canonical(match.group(1)) in dropped:
            left_out.append(line.strip())
        else:
            kept.append(line)
    return kept, left_out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-r", "--requirement", required=True, type=Path)
    parser.add_argument("without", nargs="+", help="distribution names to leave out")
    args = parser.parse_args(argv)
    kept, left_out = kept_lines(args.requirement.read_text(encoding="utf-8"), args.without)
    for line in left_out:
        print(f"install_without: leaving out {line!r}")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(kept) + "\n")
    pip = [sys.executable, "-m", "pip"]
    subprocess.run(pip + ["install", "-q", "--prefer-binary", "-r", f.name], check=True)
    Path(f.name).unlink()
    # Uninstall them if present (an environment reused from a full install).
    subprocess.run(pip + ["uninstall", "-q", "-y"] + list(args.without), check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import importlib.util

    importlib.invalidate_caches()
    present = [n for n in args.without if importlib.util.find_spec(n) is not None]
    if present:
        sys.exit(f"install_without: still importable: {', '.join(present)}")
    print(f"install_without: installed {args.requirement} without {', '.join(args.without)}")


if __name__ == "__main__":
    main()
