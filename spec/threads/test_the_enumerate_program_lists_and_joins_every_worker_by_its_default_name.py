"""The notes' enumerate example runs as written: it lists MainThread and ten workers, whose default names carry the target ('Thread-1 (foo)') from 3.10 on, and joins the workers."""
from claimspec import Claim, run_python
from spec.threads.thread_probes import default_thread_name

CLAIM = Claim(
    section="Thread group",
    notes=(
        "The threading.enumerate() example starts ten threads that each print "
        "'foo[<thread name>]: counting i' ten times, prints 'Thread <name> running' for every "
        "enumerated thread, then joins every one not named 'MainThread' and prints "
        "'Thread <name> completed.'."
    ),
    verdict="holds",
    truth=(
        "it runs as written (about ten seconds, with its sleeps) and prints those lines. The "
        "names are the default ones: 'Thread-1' ... 'Thread-10' up to 3.9 (PyPy 3.9 too), "
        "'Thread-1 (foo)' ... 'Thread-10 (foo)' from 3.10 on; the main thread is 'MainThread'. "
        "Skipping it by name matters: joining the current thread raises RuntimeError."
    ),
    line=531,
)

# Our own program with the example's structure. Instead of sleeping, each worker counts, then
# waits on an event; the main thread starts the next worker once the previous one has counted,
# so the output is in a fixed order. The event is set after the listing, before the joins.
_EXAMPLE = """
    import threading

    go = threading.Event()

    def foo(x, counted):
        th = threading.current_thread()
        for i in range(x):
            print("foo[{}]: counting {}".format(th.name, i))
        counted.set()
        go.wait(30)

    for i in range(10):
        counted = threading.Event()
        threading.Thread(target=foo, args=(10, counted)).start()
        counted.wait(30)

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
    ran = run_python(_EXAMPLE)
    ran.assert_ok()
    workers = [default_thread_name(n, "foo") for n in range(1, 11)]
    counting = [f"foo[{name}]: counting {i}" for name in workers for i in range(10)]
    lines = ran.stdout.splitlines()
    assert lines[:100] == counting, ran.describe()
    assert sorted(lines[100:111]) == sorted(f"Thread {n} running" for n in ["MainThread"] + workers), ran.describe()
    assert sorted(lines[111:]) == sorted(f"Thread {n} completed." for n in workers), ran.describe()
