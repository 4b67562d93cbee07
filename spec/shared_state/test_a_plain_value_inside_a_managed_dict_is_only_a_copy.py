"""Only the managed container is shared: a plain list stored in a managed dict comes back as a copy, a nested managed list is shared."""
from claimspec import LONG, Claim
from spec.processes import process_targets as targets
from spec.shared_state import sharing_targets as sharing

CLAIM = Claim(
    section="Data sharing between process: dict or list",
    notes="A Manager gives a dict or list that can be shared between processes (the notes stop there).",
    verdict="notes-wrong",
    truth=(
        "Only partly: the sharing is one level deep. Reading d[key] returns a pickled copy of a "
        "plain value stored there, so appending to it in place changes nothing, in the parent or "
        "in a child; reassign d[key] instead, or store a managed list/dict (nested proxies, "
        "Python 3.6+), whose changes every process sees. The same under every start method."
    ),
)


def test_appending_to_a_plain_list_inside_a_managed_dict_changes_nothing(mp_context):
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
    ctx = mp_context
    with ctx.Manager() as manager:
        d = manager.dict(items=manager.list())
        d["items"].append("from the parent")
        child = ctx.Process(target=sharing.append_to_stored_list, args=(d, "items", "from a child"))
        assert targets.run_to_end([child], LONG) == [0]
        assert list(d["items"]) == ["from the parent", "from a child"]
