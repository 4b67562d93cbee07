"""Helpers shared by the thread specs: default thread names by version, and a parked thread."""
import sys
import threading

from claimspec import SHORT


def default_thread_name(n, target=None):
    """The name threading gives the n-th unnamed Thread of a fresh interpreter.

    'Thread-N' up to 3.9; from 3.10 on (CPython and PyPy alike, they share the standard
    library's threading.py) a thread made with ``target=`` gets the target's ``__name__``
    appended: 'Thread-N (foo)'. A subclass that passes no target keeps 'Thread-N'.
    """
    if target is None or sys.version_info < (3, 10):
        return f"Thread-{n}"
    return f"Thread-{n} ({target})"


def parked_thread(daemon=None, name=None, timeout=SHORT * 2):
    """A Thread (not yet started) that waits on an Event; returns ``(thread, release)``."""
    release = threading.Event()
    thread = threading.Thread(target=release.wait, args=(timeout,), daemon=daemon, name=name)
    return thread, release
