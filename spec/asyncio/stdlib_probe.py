"""Where a module comes from, for the asyncio specs: the standard library, or installed on top of it."""
import importlib.util
import os
import sysconfig


def in_stdlib(module):
    """True when `module` is found under this interpreter's standard library and not in site-packages."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return False
    origin = os.path.realpath(spec.origin)
    paths = sysconfig.get_paths()
    stdlib = os.path.realpath(paths["stdlib"])
    site = {os.path.realpath(paths[k]) for k in ("purelib", "platlib")}
    return origin.startswith(stdlib + os.sep) and not any(origin.startswith(s + os.sep) for s in site)
