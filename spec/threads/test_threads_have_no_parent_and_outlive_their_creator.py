"""Threads have no parent: a thread outlives the thread that started it, but the main OS thread stays, waiting, until the non-daemon threads end."""
import os
import sys
import threading

import pytest

from claimspec import SHORT, Claim, run_python, wait_until
from claimspec.timeouts import BRIEF
from claimspec.notebook import notebook_test

CLAIM = Claim(
    section="Threading in python",
    notes=(
        "Python has no concept of parent and child threads: the main thread can exit before the "
        "threads it has spawned."
    ),
    verdict="partly",
    truth=(
        "there is no parent-child relation: a Thread object keeps no reference to its creator, and "
        "a thread started by another (non-main) thread runs on after that thread, and its OS "
        "thread, are gone. The main thread is different: when its code ends, threading reports it "
        "no longer alive, but its OS thread does not exit: it waits inside the interpreter's "
        "shutdown to join every non-daemon thread, and only then finalises and ends the process. "
        "(Only the daemon flag is taken from the creating thread, at construction.) In a notebook a "
        "thread started by a cell outlives the cell, and what it prints once its cell has ended "
        "shows in the cell running at the time with ipykernel 7 (seen: 7.4), in the cell that started "
        "it with ipykernel 6 (seen: 6.31); in a script it goes to the same stdout either way."
    ),
    line=307,
)

needs_proc = pytest.mark.skipif(
    not os.path.isdir("/proc/self/task"), reason="needs Linux /proc to see OS threads"
)


def test_a_grandchild_thread_keeps_running_after_its_creator_ended():
    """A thread keeps running after the (non-main) thread that started it has ended"""
    release = threading.Event()
    made = []

    def creator():
        child = threading.Thread(target=release.wait, args=(SHORT * 2,), name="grandchild")
        child.start()
        made.append(child)

    parent = threading.Thread(target=creator, name="creator")
    parent.start()
    parent.join(SHORT)
    try:
        assert not parent.is_alive()
        (child,) = made
        assert child.is_alive(), "the thread ended with its creator"
        assert child in threading.enumerate()
    finally:
        release.set()
        for t in made:
            t.join(SHORT)


@needs_proc
def test_the_os_thread_of_a_finished_creator_is_gone_while_its_child_runs_on():
    """The OS thread of a finished creator is gone from /proc/self/task while the thread it started runs on

    A runtime that kept a creator's OS thread alive until its children ended (a parent that
    waits) would keep its task listed, and the bounded wait would go red.
    """
    release = threading.Event()
    made = []

    def creator():
        child = threading.Thread(target=release.wait, args=(SHORT * 2,))
        child.start()
        made.append(child)

    parent = threading.Thread(target=creator)
    parent.start()
    parent.join(SHORT)
    try:
        task = f"/proc/self/task/{parent.native_id}"
        wait_until(lambda: not os.path.exists(task), timeout=SHORT, message="the creator's OS thread exits")
        assert made[0].is_alive()
    finally:
        release.set()
        for t in made:
            t.join(SHORT)


def test_a_thread_object_holds_no_reference_to_its_creator():
    """A Thread object has no parent, creator or children attribute"""
    t = threading.Thread(target=lambda: None)
    names = {n for n in dir(t) if not n.startswith("_")}
    assert not names & {"parent", "creator", "children", "ppid"}, names


# The worker waits until the main code has ended (threading._register_atexit runs its callbacks
# once the main thread is marked stopped, before the non-daemon threads are joined).
_MAIN_ENDS_FIRST = """
    import os
    import threading

    main_code_over = threading.Event()
    threading._register_atexit(main_code_over.set)

    def worker():
        main_code_over.wait(30)
        print("worker: main thread alive:", threading.main_thread().is_alive())
        {check_os_thread}

    threading.Thread(target=worker).start()
"""


def test_the_main_code_can_end_while_the_threads_it_started_run_on():
    """The main code can end while the threads it started run on: main_thread().is_alive() turns False"""
    ran = run_python(_MAIN_ENDS_FIRST.format(check_os_thread=""), timeout=BRIEF)
    ran.assert_ok()
    assert ran.stdout == "worker: main thread alive: False\n", ran.describe()


@needs_proc
def test_the_main_os_thread_does_not_exit_but_waits_for_the_non_daemon_threads():
    """After the main code ends the main OS thread is still there, waiting, not exited (Linux /proc state)

    Its task (id = the process id) is listed with a state other than Z (exited); a runtime whose
    main thread really exited first (pthread_exit) would show it as Z, and this test would go red.
    """
    ran = run_python(_MAIN_ENDS_FIRST.format(check_os_thread=(
        'state = open(f"/proc/self/task/{os.getpid()}/stat").read().rsplit(")", 1)[1].split()[0]\n'
        '        print("worker: main OS thread exited:", state in ("Z", "X"))'
    )), timeout=BRIEF)
    ran.assert_ok()
    assert ran.stdout == (
        "worker: main thread alive: False\n"
        "worker: main OS thread exited: False\n"
    ), ran.describe()


LATE_PRINT_CELL = """
import threading
go = threading.Event()

def late():
    go.wait({limit})
    print("from the thread, after its cell")

worker = threading.Thread(target=late)
worker.start()
print("cell ends; worker alive:", worker.is_alive())
"""


@notebook_test
def test_in_a_notebook_a_thread_print_after_its_cell_ended_shows_in_the_starting_or_the_running_cell(kernel):
    """In a notebook a thread outlives its cell; its later print shows in the cell running then (ipykernel 7) or in its own cell (ipykernel 6)"""
    # Red on a kernel that stopped a cell's threads when it ended, dropped their later output, or
    # routed it against its own mechanism (checked red with ipykernel 7.4 made to copy the
    # starting cell's context into each thread: the print left the running cell).
    own_cell = kernel.threads_print_into_their_own_cell()
    first = kernel.run(LATE_PRINT_CELL.format(limit=SHORT))
    assert first.error is None and first.stdout == "cell ends; worker alive: True\n", first.describe()
    second = kernel.run(f"go.set()\nworker.join({SHORT})\nprint('joined:', not worker.is_alive())")
    assert second.error is None, second.describe()
    if own_cell:
        kernel.collect(lambda nb: "from the thread" in nb.late_stdout(first))
        assert kernel.late_stdout(first) == "from the thread, after its cell\n", kernel.late
        assert second.stdout == "joined: True\n", second.describe()
    else:
        assert second.stdout == "from the thread, after its cell\njoined: True\n", second.describe()
        assert kernel.late_stdout(first) == "", kernel.late
