"""Threads have no parent: a thread keeps running after the thread that started it has ended."""
import threading

from claimspec import SHORT, Claim, run_python

CLAIM = Claim(
    section="Threading in python",
    notes="Python has no parent-child relation between threads; the main thread may exit before the threads it started.",
    verdict="holds",
    extra={"only inherited": "the daemon flag is copied from the creating thread at construction"},
)


def test_a_grandchild_thread_keeps_running_after_its_creator_ended():
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


def test_a_thread_object_holds_no_reference_to_its_creator():
    t = threading.Thread(target=lambda: None)
    names = {n for n in dir(t) if not n.startswith("_")}
    assert not names & {"parent", "creator", "children", "ppid"}, names


def test_the_main_thread_can_end_while_the_threads_it_started_run_on():
    ran = run_python(
        """
        import threading

        main_code_over = threading.Event()
        threading._register_atexit(main_code_over.set)  # runs once the main code has ended

        def worker():
            main_code_over.wait(30)
            print("worker: main ended first:", not threading.main_thread().is_alive())

        threading.Thread(target=worker).start()
        """
    )
    ran.assert_ok()
    assert ran.stdout == "worker: main ended first: True\n", ran.describe()
