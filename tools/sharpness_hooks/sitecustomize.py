# Put first on PYTHONPATH by tools/sharpness.py: applies the breakage named by SPEC_BREAK in this
# interpreter at start-up (nothing when SPEC_BREAK is unset, or, for pytest processes, when
# SPEC_BREAK_DEFER is set: spec_breakage_plugin applies it there). Then it runs the next
# sitecustomize on the path, if any, as Python would have without this one.
import os as _os
import sys as _sys


def _chain():
    import importlib.machinery
    import importlib.util
    import os as _os
    import sys as _sys

    here = _os.path.dirname(_os.path.abspath(__file__))
    rest = [p for p in _sys.path if _os.path.abspath(p or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is not None and spec.origin and _os.path.abspath(spec.origin) != _os.path.abspath(__file__):
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)


if _os.environ.get("SPEC_BREAK"):
    import spec_breakages as _b
    _b.apply_from_env()
_chain()
del _os, _sys, _chain
