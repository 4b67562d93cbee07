"""pytest plugin of tools/sharpness.py (loaded with ``-p spec_breakage_plugin``).

- applies the breakage named by ``SPEC_BREAK`` in the pytest process that runs tests (an xdist
  worker, or pytest itself without xdist), after pytest is configured, so pytest's own machinery
  is built with the real runtime; then drops ``SPEC_BREAK_DEFER`` so that the children the tests
  start break at start-up;
- in the controlling process, writes every failed test's node id and its time since the session
  started, as it happens, one JSON object a line, to ``SPEC_BREAK_LOG``.
"""
import json
import os
import time

import pytest

import spec_breakages

_T0 = time.monotonic()


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    worker = hasattr(config, "workerinput")
    distributing = bool(getattr(config.option, "numprocesses", None)) or getattr(config.option, "dist", "no") != "no"
    if worker or not distributing:
        os.environ.pop("SPEC_BREAK_DEFER", None)
        spec_breakages.apply_from_env(force=True)


def pytest_runtest_logreport(report):
    path = os.environ.get("SPEC_BREAK_LOG")
    if not path or not report.failed:
        return
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return  # the controller logs it when the report arrives
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps({"nodeid": report.nodeid, "when": report.when,
                              "at": round(time.monotonic() - _T0, 2)}) + "\n")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    """The broken claim's own module first (after any shuffling, in every xdist worker alike), so
    that the first failures of a broken run name the claim the breakage negates."""
    chosen = spec_breakages.BREAKAGES.get(os.environ.get("SPEC_BREAK", ""))
    if chosen is None:
        return
    own = [item for item in items if item.nodeid.split("::")[0] == chosen.claim]
    if own:
        rest = [item for item in items if item.nodeid.split("::")[0] != chosen.claim]
        items[:] = own + rest
