"""Known differences per runtime, kept as data outside the spec modules.

In the manner of ruby/spec's tag files: ``expectations/<tag>.txt`` lists the
tests a runtime is known to fail, one per line, as ``<node id or glob> | <why>``.
Such a test becomes a *strict* xfail: while the runtime still differs it is
reported as an expected difference, and the day the runtime changes, the
xpass fails the run so the tag is removed. Blank lines and ``#`` comments are
ignored. Prefer asserting each runtime's true behaviour in the spec itself;
tags are for the rest.

The tags that apply to a runtime, from general to specific:
``pypy`` / ``cpython``, ``pypy-3.9`` / ``cpython-3.13``, and ``free-threaded``
when the GIL is off.
"""
import fnmatch
import sys

from . import runtime


def runtime_tags():
    impl = runtime.IMPLEMENTATION.lower()
    tags = [impl, f"{impl}-{sys.version_info[0]}.{sys.version_info[1]}"]
    if not runtime.gil_enabled():
        tags.append("free-threaded")
    return tags


def parse(text, source="<tags>"):
    entries = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        pattern, sep, reason = line.partition("|")
        if not sep or not pattern.strip() or not reason.strip():
            raise ValueError(f"{source}:{number}: expected '<node id or glob> | <reason>', got {raw!r}")
        entries.append((pattern.strip(), reason.strip()))
    return entries


def load(folder, tags=None):
    entries = []
    for tag in tags or runtime_tags():
        path = folder / f"{tag}.txt"
        if path.is_file():
            entries += parse(path.read_text(encoding="utf-8"), str(path))
    return entries


def match(entries, nodeid):
    for pattern, reason in entries:
        if fnmatch.fnmatchcase(nodeid, pattern):
            return reason
    return None
