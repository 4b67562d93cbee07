# Loaded at start-up by every child interpreter the spec runs (this folder is
# put first on PYTHONPATH by claimspec.fresh). It arms a watchdog that ends the
# child, with a traceback of every thread, if it outlives SPEC_WATCHDOG seconds,
# so a runtime that breaks a claim by hanging fails fast. The watchdog is a C
# level timer: it adds no Python thread, so threading.enumerate() and
# active_count() in the child see only the child's own threads.
import os as _os

_limit = _os.environ.get("SPEC_WATCHDOG")
if _limit:
    try:
        import faulthandler as _fh

        _fh.dump_traceback_later(float(_limit), exit=True)
    except (ImportError, AttributeError, NotImplementedError, RuntimeError):
        import signal as _signal

        _signal.setitimer(_signal.ITIMER_REAL, float(_limit))
del _os, _limit

# tools/sharpness.py runs the spec on deliberately broken runtimes. Its breakages are applied by
# its own sitecustomize, which this one shadows in these children: so when (and only when)
# SPEC_BREAK names a breakage, apply it here too. Nothing happens when SPEC_BREAK is unset.
import os as _os

if _os.environ.get("SPEC_BREAK"):
    try:
        import spec_breakages as _breakages
    except ImportError:
        pass
    else:
        _breakages.apply_from_env()
        del _breakages
del _os
