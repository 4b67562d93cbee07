# The spec's plugin (claim metadata, runtime guards, leak checks, claims report)
# lives in claimspec/plugin.py; loading it here makes it active for every run
# from the project root.
import os

pytest_plugins = ["claimspec.plugin"]


def pytest_configure(config):
    # SPEC_START_METHOD=spawn (tox -e spawn-default) makes spawn this process's default start
    # method before any test runs, standing in for macOS and Windows on Linux (see
    # claimspec.runtime.START_METHOD_VARIABLE)
    from claimspec.runtime import forced_default_start_method

    method = forced_default_start_method()
    if method:
        import multiprocessing

        multiprocessing.set_start_method(method, force=True)
