"""asyncio's API is still changing from one Python version to the next: entry points are added, old forms removed, and get_event_loop's behaviour has changed several times."""
import asyncio
import sys

import pytest

from claimspec import Claim

CLAIM = Claim(
    section="Concurrency: asyncio",
    notes="asyncio is still undergoing changes.",
    verdict="holds",
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
    assert present() == (sys.version_info >= since), f"{name}, added in {since}"


@pytest.mark.parametrize("name, until, present", REMOVED, ids=[r[0] for r in REMOVED])
def test_a_removed_api_is_gone_exactly_from_the_version_that_removed_it(name, until, present):
    assert present() == (sys.version_info < until), f"{name}, removed in {until}"


def test_the_loop_argument_of_asyncio_sleep_is_gone_from_3_10():
    async def sleep_with_loop():
        await asyncio.sleep(0.001, loop=asyncio.get_running_loop())

    if sys.version_info >= (3, 10):
        with pytest.raises(TypeError):
            asyncio.run(sleep_with_loop())
    else:
        with pytest.warns(DeprecationWarning):
            asyncio.run(sleep_with_loop())
