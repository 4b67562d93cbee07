"""Fixtures for the gevent claims.

Tests here run gevent unpatched in the test process; anything that monkey-patches runs in a
fresh interpreter (``claimspec.run_python``). Modules guard themselves with
``requires_module("gevent", why=...)`` and import gevent only inside tests, so a runtime without
gevent skips them with a reason instead of failing to collect.
"""
import pytest


@pytest.fixture
def gevent_hub():
    """The gevent module, with a fresh hub for this test that is destroyed after it."""
    import gevent

    yield gevent
    gevent.get_hub().destroy(destroy_loop=True)
