"""pytest plugin of tools/sharpness.py (loaded with ``-p spec_breakage_plugin``).

- applies the breakage named by ``SPEC_BREAK`` in the pytest process that runs tests (an xdist
  worker, or pytest itself without xdist), after pytest is configured, so pytest's own machinery
  is built with the real runtime; then drops ``SPEC_BREAK_DEFER`` so that the children the tests
  start break at start-up;
- in the controlling process, writes every failed test phase (and every one that took over
  ``SLOW`` seconds, failed or not) with its node id, its duration and its time since the session
  started, as it happens, one JSON object a line, to ``SPEC_BREAK_LOG``.
"""
import json
import os
import time

import pytest

import spec_breakages

_T0 = time.monotonic()
_WORKER = False  # set in pytest_configure: this process is an xdist worker


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    global _WORKER
    worker = _WORKER = hasattr(config, "workerinput")
    distributing = bool(getattr(config.option, "numprocesses", None)) or getattr(config.option, "dist", "no") != "no"
    if worker or not distributing:
        os.environ.pop("SPEC_BREAK_DEFER", None)
        spec_breakages.apply_from_env(force=True)


#: a test phase that takes this long is logged (as "slow") even when it passes: what holds a
#: broken run back is usually a wait that runs out its timeout, test after test
SLOW = 1.0


def pytest_runtest_logreport(report):
    path = os.environ.get("SPEC_BREAK_LOG")
    if not path or not (report.failed or report.duration >= SLOW):
        return
    if _WORKER:
        return  # the controller logs it when the report arrives (asked of pytest's config, not of
        # PYTEST_XDIST_WORKER, which a run started from inside an xdist worker inherits)
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps({"nodeid": report.nodeid, "when": report.when, "failed": bool(report.failed),
                              "duration": round(report.duration, 2),
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
