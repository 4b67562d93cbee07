"""Fixtures for the executor claims: process pools once per start method.

PyPy 3.9 (7.3.10 and 7.3.11) ships a concurrent.futures whose
ProcessPoolExecutor.submit calls ``_adjust_process_count``, a method it renamed
to ``_adjust_process_count_cpython``: every submit under spawn or forkserver
raises AttributeError (pypy/pypy#3873, #3910, #4922). We detect the missing
method rather than the version, and run those tests as strict xfails, so the
day the runtime is fixed the xpass shows it.
"""
import multiprocessing

import pytest

from claimspec import start_method_params
from spec.executors.pool_probes import pool_submit_broken_without_fork

POOL_SUBMIT_BROKEN_WITHOUT_FORK = pool_submit_broken_without_fork()
POOL_BUG = (
    "this runtime's ProcessPoolExecutor.submit calls a missing _adjust_process_count under "
    "spawn and forkserver (PyPy 3.9 7.3.10-7.3.11, pypy/pypy#3873), raising AttributeError"
)


@pytest.fixture(params=start_method_params())
def pool_start_method(request):
    """A start method name, once per method this platform offers (ids fork/spawn/forkserver)."""
    method = request.param
    if method != "fork" and POOL_SUBMIT_BROKEN_WITHOUT_FORK:
        request.node.add_marker(pytest.mark.xfail(strict=True, reason=POOL_BUG))
    return method


@pytest.fixture
def pool_context(pool_start_method):
    """A multiprocessing context to pass as ProcessPoolExecutor(mp_context=...)."""
    return multiprocessing.get_context(pool_start_method)
