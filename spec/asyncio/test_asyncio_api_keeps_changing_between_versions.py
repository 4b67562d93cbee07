"""asyncio's API is still changing from one Python version to the next: entry points are added, old forms removed, get_event_loop's behaviour changed in 3.10, 3.12 and 3.14, and 3.14 deprecates the policy system."""
import asyncio
import sys
import warnings

import pytest

from claimspec import Claim

CLAIM = Claim(
    section="Concurrency: asyncio",
    notes="asyncio is still undergoing changes.",
    verdict="holds",
    truth=(
        "Every recent version changed it: asyncio.to_thread (3.9), the loop= parameters removed "
        "(3.10), TaskGroup, Runner and timeout (3.11), eager tasks (3.12), Queue.shutdown (3.13); "
        "asyncio.get_event_loop() with no loop warns from 3.12 and raises RuntimeError from 3.14; "
        "3.14 deprecates the event loop policy system (get_event_loop_policy, set_event_loop_policy "
        "and the policy classes), to be removed in 3.16."
    ),
    changed_in={
        "3.13": ("asyncio.Queue.shutdown() added", "https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue.shutdown"),
        "3.14": ("the event loop policy system deprecated, for removal in 3.16", "https://github.com/python/cpython/issues/127949"),
    },
    line=1672,
    extra={"see also": "test_get_event_loop_outside_a_running_loop_depends_on_the_version"},
)

# (what, version it arrived in, how to look for it); from CPython's asyncio docs ("Added in").
ADDED = [
    ("asyncio.run", (3, 7), lambda: hasattr(asyncio, "run")),
    ("asyncio.to_thread", (3, 9), lambda: hasattr(asyncio, "to_thread")),
    ("asyncio.TaskGroup", (3, 11), lambda: hasattr(asyncio, "TaskGroup")),
    ("asyncio.Runner", (3, 11), lambda: hasattr(asyncio, "Runner")),
    ("asyncio.timeout", (3, 11), lambda: hasattr(asyncio, "timeout")),
    ("asyncio.eager_task_factory", (3, 12), lambda: hasattr(asyncio, "eager_task_factory")),
    ("asyncio.Queue.shutdown", (3, 13), lambda: hasattr(asyncio.Queue, "shutdown")),
]
# (what, version it was removed in, how to look for it)
REMOVED = [
    ("the @asyncio.coroutine decorator", (3, 11), lambda: hasattr(asyncio, "coroutine")),
]


@pytest.mark.parametrize("name, since, present", ADDED, ids=[a[0] for a in ADDED])
def test_an_api_exists_exactly_from_the_version_that_added_it(name, since, present):
    """Each of `asyncio.run` ... `asyncio.Queue.shutdown` exists exactly from the version that added it"""
    # Red on a version whose API differs from the docs' "Added in" (a backport, or a late arrival).
    assert present() == (sys.version_info >= since), f"{name}, added in {since}"


@pytest.mark.parametrize("name, until, present", REMOVED, ids=[r[0] for r in REMOVED])
def test_a_removed_api_is_gone_exactly_from_the_version_that_removed_it(name, until, present):
    """The `@asyncio.coroutine` decorator exists before 3.11 and is gone from 3.11"""
    # Red on a version that kept it past 3.10 or dropped it early.
    assert present() == (sys.version_info < until), f"{name}, removed in {until}"


def test_the_loop_argument_of_asyncio_sleep_is_gone_from_3_10():
    """`asyncio.sleep(..., loop=...)` raises `TypeError` from 3.10 and warns with `DeprecationWarning` before"""
    # Red on a version that still accepted loop= silently.
    async def sleep_with_loop():
        await asyncio.sleep(0.001, loop=asyncio.get_running_loop())

    if sys.version_info >= (3, 10):
        with pytest.raises(TypeError):
            asyncio.run(sleep_with_loop())
    else:
        with pytest.warns(DeprecationWarning):
            asyncio.run(sleep_with_loop())


def test_get_event_loop_policy_is_deprecated_from_3_14():
    """`asyncio.get_event_loop_policy()` warns with `DeprecationWarning` from 3.14 (removal in 3.16), not before"""
    # Red on a 3.14+ that does not warn, or an older version that does (asyncio's docs: deprecated in
    # 3.14, to be removed in 3.16; gh-127949). Checked with the version bound moved to (3, 11).
    if not hasattr(asyncio, "get_event_loop_policy"):  # removed: 3.16 and later
        assert sys.version_info >= (3, 16)
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.get_event_loop_policy()
    deprecations = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    if sys.version_info >= (3, 14):
        assert deprecations and "get_event_loop_policy" in str(deprecations[0].message), caught
    else:
        assert deprecations == [], [str(w.message) for w in deprecations]
