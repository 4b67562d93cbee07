"""A child starts from a copy of the parent taken at fork time (fork) or from a fresh import (spawn, forkserver)."""
import pickle

import pytest

from claimspec import LONG, SHORT, Claim, requires_start_method
from spec.processes import process_targets as targets

CLAIM = Claim(
    section="Process vs Thread",
    notes="Each process has its own copy of the data, made copy-on-write.",
    verdict="runtime-dependent",
    depends_on=(
        "the start method. Copy-on-write describes fork only: the child is a copy of the parent at "
        "the moment of fork, globals as the parent had them and arguments inherited as objects. "
        "Under spawn and forkserver the child is a new interpreter that imports the modules again "
        "(globals as the module defines them) and unpickles its arguments, so an argument must be "
        "picklable. Linux defaults to fork up to 3.13 and to forkserver from 3.14; macOS and "
        "Windows default to spawn."
    ),
)


def test_a_child_sees_a_global_as_the_parent_set_it_under_fork_and_as_imported_otherwise(mp_context):
    report = mp_context.Queue()
    before = targets.GLOBAL
    targets.GLOBAL = "changed in the parent before start"
    try:
        child = mp_context.Process(target=targets.report_global, args=(report,))
        assert targets.run_to_end([child], LONG) == [0]
    finally:
        targets.GLOBAL = before
    seen = targets.drain(report, 1, SHORT)["child sees"]
    if mp_context.get_start_method() == "fork":
        assert seen == "changed in the parent before start"
    else:
        assert seen == "as the module defines it"


def _not_picklable():
    return "called in the child"


_not_picklable.__qualname__ = "a name pickle cannot look up"


@requires_start_method("fork")
def test_under_fork_an_argument_is_inherited_and_need_not_be_picklable():
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        pickle.dumps(_not_picklable)
    report = ctx.Queue()
    child = ctx.Process(target=targets.call_it, args=(_not_picklable, report))
    assert targets.run_to_end([child], LONG) == [0]
    assert targets.drain(report, 1, SHORT) == {"called": "called in the child"}


@pytest.mark.parametrize(
    "start_method",
    [pytest.param(m, id=m, marks=requires_start_method(m)) for m in ("spawn", "forkserver")],
)
def test_under_spawn_and_forkserver_an_argument_that_cannot_be_pickled_stops_start(start_method):
    import multiprocessing

    ctx = multiprocessing.get_context(start_method)
    report = ctx.Queue()
    child = ctx.Process(target=targets.call_it, args=(_not_picklable, report))
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        child.start()
    assert child.exitcode is None and not child.is_alive()
