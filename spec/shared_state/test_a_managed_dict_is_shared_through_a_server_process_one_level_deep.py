"""A managed dict or list lives in a server process and is shared through proxies, one level deep: a plain list stored in it comes back as a copy."""
import multiprocessing
import os

from claimspec import LONG, SHORT, Claim
from spec.processes import process_targets as targets
from spec.shared_state import sharing_targets as sharing

CLAIM = Claim(
    section="Data sharing between process: dict or list",
    notes=(
        "To share a dict or a list between processes, use multiprocessing's Manager: it gives a "
        "managed data structure that can be shared between processes."
    ),
    verdict="partly",
    truth=(
        "Right under fork, spawn and forkserver alike: the Manager starts a server process that "
        "owns the real dict or list; every process, the parent included, holds a proxy that "
        "forwards each operation to it, so a change one process makes is seen by the others. "
        "What the notes miss: the sharing is one level deep. Reading d[key] gives a pickled copy "
        "of a plain value stored there, so appending to it in place changes nothing, in the parent "
        "or in a child; reassign d[key], or store a managed list or dict (nested proxies), whose "
        "changes every process sees. dict(proxy) is a plain, unshared snapshot; print(proxy) shows "
        "the contents (str is forwarded) while repr(proxy) names the proxy."
    ),
    line=1629,
)

PERSON = {"name": "Jones", "role": "Developer", "place": "Hyderabad"}


def test_changes_by_one_child_are_seen_by_a_sibling_and_the_parent(mp_context):
    """Keys a child adds to a managed dict are seen by a sibling, whose deletion the parent then sees"""
    # Red with a plain dict in place of the managed one (each child would change its own copy).
    ctx = mp_context
    with ctx.Manager() as manager:
        d = manager.dict()
        d.update(PERSON)
        written, report = ctx.Event(), ctx.Queue()
        foo = ctx.Process(target=sharing.update_person, args=(d, written, report))
        bar = ctx.Process(target=sharing.read_and_drop_role, args=(d, written, report, LONG))
        assert targets.run_to_end([foo, bar], LONG) == [0, 0]
        seen = targets.drain(report, 2, SHORT)
        final = dict(d)
    assert seen["foo saw"] == PERSON
    assert seen["bar saw"] == {**PERSON, "name": "Smith", "country": "India"}
    assert final == {"name": "Smith", "place": "Hyderabad", "country": "India"}


def test_a_managed_list_is_shared_the_same_way(mp_context):
    """Items two children append to a managed list are all in the parent's list"""
    # Red with a plain list in place of the managed one.
    ctx = mp_context
    with ctx.Manager() as manager:
        shared = manager.list([1])
        children = [ctx.Process(target=sharing.append_to_list, args=(shared, n)) for n in (2, 3)]
        assert targets.run_to_end(children, LONG) == [0, 0]
        assert sorted(shared) == [1, 2, 3]


def test_the_data_lives_in_a_server_process_and_the_parent_holds_a_proxy(mp_context):
    """A Manager starts one server process; the parent holds a `DictProxy`, and `dict()` of it is a snapshot"""
    # Red if the Manager kept the dict in the parent, or dict(proxy) stayed live.
    before = set(multiprocessing.active_children())
    with mp_context.Manager() as manager:
        servers = set(multiprocessing.active_children()) - before
        assert len(servers) == 1
        (server,) = servers
        assert server.pid != os.getpid() and server.is_alive()
        d = manager.dict(PERSON)
        assert not isinstance(d, dict)
        snapshot = dict(d)
        d["country"] = "India"
        assert type(snapshot) is dict and "country" not in snapshot
        assert str(d) == str({**PERSON, "country": "India"})  # what print(d) shows
        assert repr(d).startswith("<DictProxy object, typeid 'dict' at ")
    server.join(LONG)
    assert not server.is_alive(), "the manager's server outlived the with block"


def test_appending_to_a_plain_list_inside_a_managed_dict_changes_nothing(mp_context):
    """Appending to a plain list read from a managed dict changes nothing, in the parent or in a child"""
    # Red if d[key] returned a proxy to the stored list instead of a copy.
    ctx = mp_context
    with ctx.Manager() as manager:
        d = manager.dict(items=[])
        d["items"].append("from the parent")
        child = ctx.Process(target=sharing.append_to_stored_list, args=(d, "items", "from a child"))
        assert targets.run_to_end([child], LONG) == [0]
        assert d["items"] == []
        d["items"] = d["items"] + ["reassigned"]
        assert d["items"] == ["reassigned"]


def test_a_managed_list_nested_in_a_managed_dict_is_shared(mp_context):
    """A managed list stored in a managed dict is shared: the parent's and a child's appends both land"""
    # Red if nested proxies were copied on the way in (the plain-list behaviour).
    ctx = mp_context
    with ctx.Manager() as manager:
        d = manager.dict(items=manager.list())
        d["items"].append("from the parent")
        child = ctx.Process(target=sharing.append_to_stored_list, args=(d, "items", "from a child"))
        assert targets.run_to_end([child], LONG) == [0]
        assert list(d["items"]) == ["from the parent", "from a child"]
