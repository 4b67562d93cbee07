"""Named timeout tiers, in one place.

Every blocking call in the spec takes its timeout from here, never from a
bare number. The tiers scale together with the environment variable
``SPEC_TIMEOUT_FACTOR`` (default 1): on a slow or loaded machine, set it to 2
or 3 and every tier grows by that factor.

- ``SETTLE``: how long we watch something that should *stay* blocked before we
  believe it is blocked. Short, because every blocking claim pays it once.
- ``SHORT``: waits that are normally instant (a thread starting, an event that
  was just set). Generous, because it is only ever reached on failure.
- ``LONG``: hang detection for work that takes real time (a child
  interpreter, a process pool starting up).
- ``BRIEF``: the watchdog of a child program that is over in a fraction of a second, its
  interpreter's start-up included (a few threads, no pool, no sleeps; 0.25 s median, 0.34 s at
  most in 40 runs three at a time at a load average of 10 on 2 cores). A runtime that breaks such
  a program's exit (a daemon flag ignored, thread bodies that never end) makes every one of them
  wait its watchdog out, test after test: at SHORT they added up to minutes.
"""
import os


def _factor():
    raw = os.environ.get("SPEC_TIMEOUT_FACTOR", "1")
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"SPEC_TIMEOUT_FACTOR must be a number, not {raw!r}") from None
    if value <= 0:
        raise ValueError(f"SPEC_TIMEOUT_FACTOR must be positive, not {raw!r}")
    return value


FACTOR = _factor()
SETTLE = 0.1 * FACTOR
SHORT = 5.0 * FACTOR
LONG = 60.0 * FACTOR
BRIEF = SETTLE * 20
