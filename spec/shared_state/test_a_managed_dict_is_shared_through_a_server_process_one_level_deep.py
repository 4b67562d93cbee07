"""A Manager's dict and list live in a server process; processes share them through proxies."""
import multiprocessing
import os

from claimspec import LONG, SHORT, Claim
from spec.processes import process_targets as targets
from spec.shared_state import sharing_targets as sharing

CLAIM = Claim(
    section="Data sharing between process: dict or list",
    notes=(
        "To share a dict or a list between processes, take a managed one from "
        "multiprocessing.Manager: changes one process makes are seen by the others."
    ),
    verdict="holds",
    truth=(
        "Holds under fork, spawn and forkserver alike. The Manager starts a server process that "
        "owns the real dict; every process, the parent included, holds a proxy that forwards each "
        "operation to it. dict(proxy) is a plain, unshared snapshot; print(proxy) shows the "
        "contents (str is forwarded) while repr(proxy) names the proxy."
    ),
)

PERSON = {"name": "Jones", "role": "Developer", "place": "Hyderabad"}


def test_the_notes_program_shows_every_change_in_the_sibling_and_the_parent(mp_context):
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
    ctx = mp_context
    with ctx.Manager() as manager:
        shared = manager.list([1])
        children = [ctx.Process(target=sharing.append_to_list, args=(shared, n)) for n in (2, 3)]
        assert targets.run_to_end(children, LONG) == [0, 0]
        assert sorted(shared) == [1, 2, 3]


def test_the_data_lives_in_a_server_process_and_the_parent_holds_a_proxy(mp_context):
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
