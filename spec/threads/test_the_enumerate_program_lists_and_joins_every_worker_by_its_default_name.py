"""The notes' enumerate example runs as written: it lists MainThread and ten workers, whose default names carry the target ('Thread-1 (foo)') from 3.10 on, and joins the workers.

Its way of skipping the main thread, by name, holds only in part: a thread given the name
'MainThread' is skipped too and left unjoined, and the loop also joins daemon threads, which
holds it up for as long as a daemon runs.
"""
from claimspec import SETTLE, SHORT, Claim, run_python
from spec.threads.thread_probes import default_thread_name

CLAIM = Claim(
    section="Thread group",
    notes=(
        "The threading.enumerate() example starts ten threads that each print "
        "'foo[<thread name>]: counting i' ten times, prints 'Thread <name> running' for every "
        "enumerated thread, then joins every one not named 'MainThread' and prints "
        "'Thread <name> completed.'."
    ),
    verdict="partly",
    truth=(
        "the program runs as written (about ten seconds, with its sleeps) and prints those lines. "
        "The names are the default ones: 'Thread-1' ... 'Thread-10' up to 3.9 (PyPy 3.9 too), "
        "'Thread-1 (foo)' ... 'Thread-10 (foo)' from 3.10 on; the main thread is 'MainThread'. "
        "Skipping the main thread matters, since joining the current thread raises RuntimeError, "
        "but skipping it by name is right only in part: a name is only a label, so a thread "
        "given the name 'MainThread' is skipped too and never joined; and enumerate() lists "
        "daemon threads as well, so a daemon thread among them holds the joins up for as long as "
        "it runs (for ever, for a daemon that serves until the process exits). Testing identity, "
        "`t is threading.main_thread()` (or `t is threading.current_thread()`), and skipping "
        "`t.daemon`, joins exactly the workers."
    ),
    line=531,
)

# Our own program with the example's structure. Instead of sleeping, each worker counts, then
# waits on an event; the main thread starts the next worker once the previous one has counted,
# so the output is in a fixed order. The event is set after the listing, before the joins. Both
# waits are normally over at once: they are bounded by SHORT (argv[1]), reached only on failure.
_EXAMPLE = """
    import sys
    import threading

    SHORT = float(sys.argv[1])
    go = threading.Event()

    def foo(x, counted):
        th = threading.current_thread()
        for i in range(x):
            print("foo[{}]: counting {}".format(th.name, i))
        counted.set()
        go.wait(SHORT)

    for i in range(10):
        counted = threading.Event()
        threading.Thread(target=foo, args=(10, counted)).start()
        counted.wait(SHORT)

    for t in threading.enumerate():
        print("Thread {} running".format(t.name))
    go.set()
    for t in threading.enumerate():
        if t.name == "MainThread":
            continue
        t.join()
        print("Thread {} completed.".format(t.name))
"""


def test_the_workers_count_under_their_default_names_then_are_listed_and_joined():
    """Ten workers print 'foo[Thread-1 (foo)]: counting 0' from 3.10 on ('foo[Thread-1]' before), are listed, then joined

    A runtime whose default names differ from its version's rule, whose enumerate() missed a
    live worker or the main thread, or whose join loop skipped one, prints other lines.
    """
    # the watchdog at SHORT, not LONG: the program is normally over in well under a second, and
    # under a runtime whose thread bodies ran in forked children its ten SHORT waits added up (50 s)
    ran = run_python(_EXAMPLE, str(SHORT), timeout=SHORT)
    ran.assert_ok()
    workers = [default_thread_name(n, "foo") for n in range(1, 11)]
    counting = [f"foo[{name}]: counting {i}" for name in workers for i in range(10)]
    lines = ran.stdout.splitlines()
    assert lines[:100] == counting, ran.describe()
    assert sorted(lines[100:111]) == sorted(f"Thread {n} running" for n in ["MainThread"] + workers), ran.describe()
    assert sorted(lines[111:]) == sorted(f"Thread {n} completed." for n in workers), ran.describe()


# The notes' join loop, as a function, for the two programs below.
_NOTES_JOIN_LOOP = """
    def notes_join_loop():
        for t in threading.enumerate():
            if t.name == "MainThread":
                continue
            t.join()
            print("Thread {} completed.".format(t.name))
"""

_NAMED_MAIN_THREAD = """
    import sys
    import threading

    SHORT = float(sys.argv[1])
""" + _NOTES_JOIN_LOOP + """
    go, late = threading.Event(), threading.Event()
    impostor = threading.Thread(target=late.wait, args=(SHORT,), name="MainThread")
    worker = threading.Thread(target=go.wait, args=(SHORT,), name="worker")
    impostor.start()
    worker.start()
    go.set()  # the worker may end now; the impostor only once the loop is over
    notes_join_loop()
    print("impostor still running after the loop:", impostor.is_alive())
    late.set()
    impostor.join(SHORT)
    print("left:", [t.name for t in threading.enumerate() if t is not threading.main_thread()])
"""


def test_a_thread_given_the_name_mainthread_is_skipped_and_left_unjoined():
    """A worker given the name 'MainThread' is skipped by the notes' loop, which returns while it still runs"""
    # Red on a runtime that refused a second thread named 'MainThread', renamed it, or left it out
    # of enumerate(): the loop would then join it too, print its 'completed' line and return only
    # after it ended.
    ran = run_python(_NAMED_MAIN_THREAD, str(SHORT))
    ran.assert_ok()
    assert ran.stdout.splitlines() == [
        "Thread worker completed.",
        "impostor still running after the loop: True",
        "left: []",
    ], ran.describe()


_DAEMON_AMONG_THEM = """
    import sys
    import threading

    SETTLE = float(sys.argv[1])
""" + _NOTES_JOIN_LOOP + """
    never = threading.Event()
    # a daemon that serves for SETTLE, then ends on its own (nobody sets the event)
    server = threading.Thread(target=never.wait, args=(SETTLE,), name="server", daemon=True)
    server.start()
    notes_join_loop()
    print("daemon still running after the loop:", server.is_alive())
"""


def test_a_daemon_thread_among_them_holds_the_joins_up_for_as_long_as_it_runs():
    """A daemon thread in enumerate()'s list keeps the notes' join loop waiting until the daemon ends"""
    # The daemon ends only when its wait runs out, so the loop can be over before that only by
    # not waiting for it. Red on a runtime whose enumerate() left daemon threads out, or whose
    # join() returned at once for a daemon thread (checked by skipping daemons in the loop).
    ran = run_python(_DAEMON_AMONG_THEM, str(SETTLE))
    ran.assert_ok()
    assert ran.stdout.splitlines() == [
        "Thread server completed.",
        "daemon still running after the loop: False",
    ], ran.describe()
