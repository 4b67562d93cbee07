"""Fixtures and the guard of the gevent claims.

Tests here run gevent unpatched in the test process; anything that monkey-patches runs in a
fresh interpreter (``claimspec.run_python``). Every test collected below this folder carries
``requires_module("gevent", why=NEEDS_GEVENT)`` (``pytest_itemcollected`` below), and the modules
import gevent only inside tests, so a runtime without gevent skips them with a reason (or fails
them where the run requires gevent) instead of failing to collect.
"""
import pytest

from claimspec import requires_module

NEEDS_GEVENT = "gevent is a third-party library; these claims are about it"


def pytest_itemcollected(item):
    # a conftest's item hooks see only the items below its folder; this runs before the plugin's
    # pytest_collection_modifyitems turns the guard into a skip (claimspec.plugin._apply_guards)
    item.add_marker(requires_module("gevent", why=NEEDS_GEVENT))


@pytest.fixture
def gevent_hub():
    """The gevent module, with a fresh hub for this test that is destroyed after it."""
    import gevent

    yield gevent
    gevent.get_hub().destroy(destroy_loop=True)
