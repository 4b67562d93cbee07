"""Functions that the spec's child processes run (spec/shared_state).

A plain module, importable by name, so spawn and forkserver children unpickle
these without importing pytest or the test modules. Every wait is bounded by a
timeout the test passes in.
"""


def increment_until_stopped(counter, slot, done, stop, all_ready, locked, timeout):
    """Add 1 to a shared Value until told to stop, with or without its lock.

    ``all_ready`` is a Barrier (every worker has started before any counts);
    ``done[slot]`` (a RawArray) always holds how many increments this worker
    has completed; ``stop`` (a RawValue) ends the loop.
    """
    all_ready.wait(timeout)
    n = 0
    if locked:
        while not stop.value:
            with counter.get_lock():
                counter.value += 1
            n += 1
            done[slot] = n
    else:
        while not stop.value:
            counter.value += 1  # a read, then a write: each locked on its own
            n += 1
            done[slot] = n


def set_item(arr, index, value, written):
    arr[index] = value
    written.set()


def report_items_after(arr, written, report, timeout):
    report.put(("reader before", list(arr)))
    report.put(("writer signalled", written.wait(timeout)))
    report.put(("reader after", list(arr)))


def shift_down_by_32(arr, done):
    """The notes' foo: subtract 32 from every element."""
    for i, v in enumerate(arr):
        arr[i] = v - 32
    done.set()


def spaces_to_newlines(arr, after, timeout):
    """The notes' bar: put a newline wherever an element equals 32 (a space)."""
    if after is not None and not after.wait(timeout):
        raise RuntimeError("the other child never finished")
    for i, v in enumerate(arr):
        if v == 32:
            arr[i] = b"\n"


def upper_case_chars(arr, done):
    """What the notes meant foo to do, on an Array of typecode 'c' (items are 1-byte bytes)."""
    for i, v in enumerate(arr):
        if b"a" <= v <= b"z":
            arr[i] = bytes([v[0] - 32])
    done.set()


def space_chars_to_newlines(arr, after, timeout):
    if not after.wait(timeout):
        raise RuntimeError("the other child never finished")
    for i, v in enumerate(arr):
        if v == b" ":
            arr[i] = b"\n"


def update_person(d, written, report):
    """The notes' foo on a managed dict: report it, then add two keys."""
    report.put(("foo saw", dict(d)))
    d["name"] = "Smith"
    d["country"] = "India"
    written.set()


def read_and_drop_role(d, written, report, timeout):
    """The notes' bar, given the dict as its argument: report it, then delete a key."""
    if not written.wait(timeout):
        raise RuntimeError("foo never wrote")
    report.put(("bar saw", dict(d)))
    del d["role"]


def append_to_stored_list(d, key, item):
    d[key].append(item)


def append_to_list(shared_list, item):
    shared_list.append(item)


def increment_in_rounds(counter, done, slot, start, end, stop, each, locked, timeout):
    """One race trial per round: wait at ``start`` (a Barrier shared with the parent), add 1 to
    the shared Value (under its lock or not) until every worker has made ``each`` increments this
    round (``done``, a RawArray, counts them: the workers' increments overlap in time), then wait
    at ``end``; ends when the parent sets ``stop`` (a RawValue) before a round's start."""
    import threading

    while True:
        try:
            start.wait(timeout)
        except threading.BrokenBarrierError:
            return  # the parent gave up on a round (its test failed)
        if stop.value:
            return
        n = 0
        while min(done) < each:
            if locked:
                for _ in range(100):
                    with counter.get_lock():
                        counter.value += 1
            else:
                for _ in range(100):
                    counter.value += 1  # a read, then a write: each locked on its own
            n += 100
            done[slot] = n
        end.wait(timeout)


def read_then_write_after(counter, both_read, timeout):
    """The witness of a lost update: read the Value, wait until the other process has read it too,
    then write what was read plus one."""
    seen = counter.value
    both_read.wait(timeout)
    counter.value = seen + 1
