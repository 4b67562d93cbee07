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
