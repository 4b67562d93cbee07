"""Helpers shared by the queue specs."""


def drain(q):
    """Every item left in ``q``, in the order its get_nowait() hands them out (``q`` ends empty)."""
    out = []
    while not q.empty():
        out.append(q.get_nowait())
    return out
