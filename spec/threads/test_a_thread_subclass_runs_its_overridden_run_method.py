"""A Thread subclass only needs run(): start() calls it in the new thread; calling run() directly runs it in the caller."""
import threading

from claimspec import SHORT, Claim

CLAIM = Claim(
    section="Method 2 of creating thread",
    notes="Another way to make a thread is to subclass Thread and implement run().",
    verdict="holds",
)


class Recorder(threading.Thread):
    def __init__(self):
        super().__init__()
        self.ran_in = None

    def run(self):
        self.ran_in = (threading.current_thread(), threading.get_ident())


def test_start_calls_run_in_a_new_thread_that_is_the_subclass_object():
    t = Recorder()
    t.start()
    t.join(SHORT)
    assert not t.is_alive()
    current, ident = t.ran_in
    assert current is t
    assert ident == t.ident != threading.get_ident()


def test_calling_run_directly_runs_it_in_the_calling_thread():
    t = Recorder()
    t.run()
    assert t.ran_in == (threading.current_thread(), threading.get_ident())
    assert t.ident is None, "no thread was started"


def test_an_overridden_run_ignores_target_and_args():
    called = []

    class Own(threading.Thread):
        def run(self):
            called.append("run")

    t = Own(target=called.append, args=("target",))
    t.start()
    t.join(SHORT)
    assert called == ["run"]


def test_the_default_run_calls_target_with_args_and_kwargs():
    got = []
    t = threading.Thread(target=lambda *a, **k: got.append((a, k)), args=(1, 2), kwargs={"x": 3})
    t.start()
    t.join(SHORT)
    assert got == [((1, 2), {"x": 3})]
