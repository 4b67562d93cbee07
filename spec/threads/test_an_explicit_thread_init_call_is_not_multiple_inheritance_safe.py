"""Calling Thread.__init__(self) by name skips the classes between in the MRO; super().__init__() is the cooperative form."""
import threading

from claimspec import SHORT, Claim

CLAIM = Claim(
    section="Method 2 of creating thread",
    notes=(
        "The example's constructor calls Thread.__init__(self) and a comment calls that form "
        "multiple-inheritance safe, with super().__init__() and super(CounterThread, self).__init__() "
        "shown as commented-out alternatives."
    ),
    verdict="notes-wrong",
    truth=(
        "it is the other way round: Thread.__init__(self) jumps straight to Thread and skips any "
        "class that comes between in a subclass's MRO, so a cooperative mixin's __init__ never runs; "
        "super().__init__() (the same as super(CounterThread, self).__init__() in Python 3) calls "
        "the next class in the MRO and is the multiple-inheritance-safe form."
    ),
    line=1045,
)


class Labelled(threading.Thread):
    """A cooperative mixin: sets its attribute, then passes on along the MRO."""

    def __init__(self, *args, **kwargs):
        self.label = "labelled"
        super().__init__(*args, **kwargs)


class ExplicitInit(threading.Thread):
    def __init__(self):
        threading.Thread.__init__(self)

    def run(self):
        pass


class CooperativeInit(threading.Thread):
    def __init__(self):
        super().__init__()

    def run(self):
        pass


class ExplicitAndLabelled(ExplicitInit, Labelled):
    pass


class CooperativeAndLabelled(CooperativeInit, Labelled):
    pass


def test_both_classes_put_the_mixin_between_themselves_and_thread_in_the_mro():
    """In both classes' MRO the mixin comes between the subclass and Thread"""
    for cls in (ExplicitAndLabelled, CooperativeAndLabelled):
        mro = cls.__mro__
        assert mro.index(Labelled) == 2 and mro.index(threading.Thread) == 3


def test_an_explicit_thread_init_call_skips_the_mixin_init():
    """Thread.__init__(self) skips the mixin's __init__: its attribute is never set"""
    t = ExplicitAndLabelled()
    assert not hasattr(t, "label"), "Labelled.__init__ ran although it was skipped"


def test_super_init_runs_the_mixin_init_and_the_thread_still_works():
    """super().__init__() runs the mixin's __init__, and the thread still starts and ends"""
    t = CooperativeAndLabelled()
    assert t.label == "labelled"
    t.start()
    t.join(SHORT)
    assert not t.is_alive()


def test_super_with_explicit_arguments_is_the_same_as_bare_super():
    """super(OldSpelling, self).__init__() runs the mixin's __init__ as bare super() does"""
    class OldSpelling(threading.Thread):
        def __init__(self):
            super(OldSpelling, self).__init__()

    class OldAndLabelled(OldSpelling, Labelled):
        pass

    assert OldAndLabelled().label == "labelled"
