"""A Thread subclass only needs run(): start() calls it in the new thread; calling run() directly runs it in the caller."""
import threading

from claimspec import SHORT, Claim

CLAIM = Claim(
    section="Method 2 of creating thread",
    notes="We can also create a thread from a subclass of Thread: we just need to implement run().",
    verdict="holds",
    truth=(
        "a Thread subclass that defines run() makes a thread: start() calls run() in the new "
        "thread, whose current_thread() is the subclass object; the overridden run() replaces the "
        "default one, which calls target(*args, **kwargs). Calling run() directly runs it in the caller."
    ),
    line=1034,
)


class Recorder(threading.Thread):
    def __init__(self):
        super().__init__()
        self.ran_in = None

    def run(self):
        self.ran_in = (threading.current_thread(), threading.get_ident())


def test_start_calls_run_in_a_new_thread_that_is_the_subclass_object():
    """start() calls run() in a new thread, whose current_thread() is the subclass object"""
    t = Recorder()
    t.start()
    t.join(SHORT)
    assert not t.is_alive()
    current, ident = t.ran_in
    assert current is t
    assert ident == t.ident != threading.get_ident()


def test_calling_run_directly_runs_it_in_the_calling_thread():
    """Calling run() directly runs it in the calling thread and starts no thread"""
    t = Recorder()
    t.run()
    assert t.ran_in == (threading.current_thread(), threading.get_ident())
    assert t.ident is None, "no thread was started"


def test_an_overridden_run_ignores_target_and_args():
    """An overridden run() ignores the target and args given to the constructor"""
    called = []

    class Own(threading.Thread):
        def run(self):
            called.append("run")

    t = Own(target=called.append, args=("target",))
    t.start()
    t.join(SHORT)
    assert called == ["run"]


def test_the_default_run_calls_target_with_args_and_kwargs():
    """The default run() calls target(*args, **kwargs)"""
    got = []
    t = threading.Thread(target=lambda *a, **k: got.append((a, k)), args=(1, 2), kwargs={"x": 3})
    t.start()
    t.join(SHORT)
    assert got == [((1, 2), {"x": 3})]
