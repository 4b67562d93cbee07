"""Deliberately broken runtimes for ``tools/sharpness.py``.

Each breakage negates one claim of the spec: it makes the runtime behave the way the claim says
it does not, so the claim's module (and maybe others) must go red. A breakage is chosen by the
environment variable ``SPEC_BREAK`` (one name); with it unset, nothing here does anything.

How a breakage reaches every Python process the spec starts:

- child interpreters (``claimspec.run_python``, multiprocessing spawn/forkserver children,
  subprocesses): ``sitecustomize.py`` in this folder, which ``tools/sharpness.py`` puts first on
  ``PYTHONPATH``, calls ``apply_from_env()``; ``claimspec/_watchdog/sitecustomize.py`` (found
  first in ``run_python`` children) calls it too when ``SPEC_BREAK`` is set;
- pytest and its xdist workers: ``SPEC_BREAK_DEFER`` is set for them, so the sitecustomize leaves
  them alone, and the pytest plugin ``spec_breakage_plugin`` applies the breakage once pytest is
  configured (its own logging, capture and xdist machinery already built), then drops
  ``SPEC_BREAK_DEFER`` so that the children the tests start are broken at start-up;
- fork children inherit the broken modules.

A breakage patches a module when it is imported (at once if it already is), so an interpreter
that never imports ``numba`` or ``asyncio`` pays nothing for them.
"""
import os
import sys

BREAKAGES = {}
_applied = False


class Breakage:
    def __init__(self, name, claim, what, modules, patch, quick=False):
        self.name, self.claim, self.what, self.modules, self.patch, self.quick = (
            name, claim, what, modules, patch, quick)


def breakage(name, claim, what, modules, quick=False):
    """Register ``patch(*modules)`` as breakage ``name``, negating the claim module ``claim``."""
    def register(patch):
        BREAKAGES[name] = Breakage(name, claim, what, tuple(modules), patch, quick)
        return patch
    return register


# --- applying -------------------------------------------------------------------------------

def apply_from_env(force=False):
    """Apply the breakage named by ``SPEC_BREAK``; nothing when it is unset.

    With ``SPEC_BREAK_DEFER`` set (a pytest process), only ``force=True`` (the plugin) applies it.
    """
    global _applied
    name = os.environ.get("SPEC_BREAK")
    if not name or _applied:
        return None
    if os.environ.get("SPEC_BREAK_DEFER") and not force:
        return None
    brk = BREAKAGES.get(name)
    if brk is None:
        raise SystemExit(f"SPEC_BREAK={name!r}: no such breakage (see tools/sharpness.py --list)")
    _applied = True
    _when_imported(brk.modules, brk.patch)
    return brk


_pending = []  # (module names, patch)


def _when_imported(names, patch):
    if all(n in sys.modules for n in names):
        patch(*(sys.modules[n] for n in names))
        return
    for n in names:
        if n in sys.modules or n in _STDLIB_EAGER:
            __import__(n)
    if all(n in sys.modules for n in names):
        patch(*(sys.modules[n] for n in names))
        return
    _pending.append((names, patch))
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())


# Standard-library modules cheap enough to import at once (the third-party ones, numba and
# gevent, are patched when the program imports them).
_STDLIB_EAGER = {"threading", "queue"}


def _run_pending():
    for entry in list(_pending):
        names, patch = entry
        if all(n in sys.modules and getattr(sys.modules[n], "__spec__", None) is not None
               and not getattr(sys.modules[n].__spec__, "_initializing", False) for n in names):
            _pending.remove(entry)
            patch(*(sys.modules[n] for n in names))


class _Loader:
    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, attr):
        return getattr(self._inner, attr)

    def create_module(self, spec):
        return self._inner.create_module(spec)

    def exec_module(self, module):
        self._inner.exec_module(module)
        module.__loader__ = self._inner
        if module.__spec__ is not None:
            module.__spec__.loader = self._inner
        sys.modules.setdefault(module.__name__, module)
        # the module is in sys.modules and executed: patch it now
        names_ready = [e for e in _pending if module.__name__ in e[0]]
        for entry in names_ready:
            names, patch = entry
            if all(n in sys.modules for n in names):
                _pending.remove(entry)
                patch(*(sys.modules[n] for n in names))


class _Finder:
    def find_spec(self, name, path=None, target=None):
        if not any(name in names for names, _ in _pending):
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Loader(spec.loader)
                return spec
        return None


def _called_from_library(depth=2):
    """True when the caller ``depth`` frames up is in the standard library, an installed package
    (pytest, xdist, execnet ...) or claimspec (the spec's own waiting helpers): breakages that would
    wreck the machinery under the spec rather than the claim they negate spare those callers."""
    global _STDLIB
    if _STDLIB is None:
        import sysconfig
        _STDLIB = sysconfig.get_paths()["stdlib"]
    filename = sys._getframe(depth).f_code.co_filename
    return ("site-packages" in filename or filename.startswith(_STDLIB) or filename.startswith("<frozen")
            or filename.startswith(_CLAIMSPEC))


_STDLIB = None
_CLAIMSPEC = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                          "claimspec", "")


def _program_gets(real, broken, name):
    """A factory that makes ``broken`` objects for the program (the spec, claimspec, a child's
    script) and ``real`` ones for the standard library and installed packages: an RLock made a
    plain Lock must break the program's RLocks, not the ones inside queue, concurrent.futures,
    multiprocessing, logging or hypothesis, which would only deadlock the machinery under the spec."""
    def make(*args, **kwargs):
        return (real if _called_from_library() else broken)(*args, **kwargs)
    # it takes the place of threading.<name>, and pickles by that name (multiprocessing.managers
    # registers threading.Lock and RLock, and a spawned manager gets them by name)
    make.__module__, make.__name__, make.__qualname__ = "threading", name, name
    return make


def _program_calls(cls, attr, broken):
    """Make ``cls.attr`` behave as ``broken`` when the program calls it, as it was when the
    standard library or an installed package does (see ``_program_gets``)."""
    real = getattr(cls, attr)

    def method(self, *args, **kwargs):
        if _called_from_library():
            return real(self, *args, **kwargs)
        return broken(self, *args, **kwargs)
    method.__name__ = attr
    setattr(cls, attr, method)
    return real


# --- the breakages ------------------------------------------------------------------------

@breakage("rlock-not-reentrant", "spec/locks/test_rlock_is_reentrant.py",
          "threading.RLock is threading.Lock", ["threading"], quick=True)
def _(threading):
    threading.RLock = _program_gets(threading.RLock, threading.Lock, "RLock")


@breakage("lock-reentrant", "spec/locks/test_lock_is_not_reentrant.py",
          "threading.Lock is threading.RLock", ["threading"])
def _(threading):
    threading.Lock = _program_gets(threading.Lock, threading.RLock, "Lock")


@breakage("with-lock-keeps-lock-on-error", "spec/locks/test_with_lock_releases_the_lock_even_when_the_block_raises.py",
          "leaving `with lock:` by an exception leaves the Lock held", ["threading"])
def _(threading):
    allocate = threading._allocate_lock

    class Lock:
        def __init__(self):
            self._lock = allocate()

        def acquire(self, blocking=True, timeout=-1):
            return self._lock.acquire(blocking, timeout)

        def release(self):
            self._lock.release()

        def locked(self):
            return self._lock.locked()

        __enter__ = acquire

        def __exit__(self, exc_type, exc, tb):
            if exc_type is None:
                self._lock.release()

        def _at_fork_reinit(self):
            self._lock._at_fork_reinit()

    threading.Lock = _program_gets(threading.Lock, Lock, "Lock")


@breakage("rlock-one-release", "spec/locks/test_rlock_must_be_released_as_many_times_as_it_was_acquired.py",
          "one RLock.release() frees it however often it was acquired", ["threading"])
def _(threading):
    real_rlock = threading.RLock

    class RLock:
        def __init__(self):
            self._r = real_rlock()
            self._depth = 0

        def acquire(self, blocking=True, timeout=-1):
            got = self._r.acquire(blocking, timeout)
            if got:
                self._depth += 1
            return got

        __enter__ = acquire

        def release(self):
            depth, self._depth = self._depth, 0
            for _ in range(max(depth, 1)):
                self._r.release()

        def __exit__(self, *exc):
            self.release()

        def _is_owned(self):
            return self._r._is_owned()

        def _release_save(self):
            self._depth = 0
            return self._r._release_save()

        def _acquire_restore(self, state):
            self._r._acquire_restore(state)
            self._depth = state[0] if isinstance(state, tuple) else 1

        def _at_fork_reinit(self):
            self._r._at_fork_reinit()
            self._depth = 0

    threading.RLock = _program_gets(real_rlock, RLock, "RLock")


@breakage("priorityqueue-fifo", "spec/queues/test_priorityqueue_returns_items_in_sorted_order.py",
          "PriorityQueue hands items out in insertion order", ["queue"], quick=True)
def _(queue):
    queue.PriorityQueue._get = queue.Queue._get
    queue.PriorityQueue._put = queue.Queue._put
    queue.PriorityQueue._init = queue.Queue._init


@breakage("lifoqueue-fifo", "spec/queues/test_lifoqueue_is_a_stack_that_blocks.py",
          "LifoQueue is first in, first out", ["queue"])
def _(queue):
    queue.LifoQueue._get = queue.Queue._get
    queue.LifoQueue._init = queue.Queue._init
    queue.LifoQueue._put = queue.Queue._put


@breakage("queue-ignores-maxsize",
          "spec/queues/test_queue_hands_items_to_the_consumer_in_fifo_order_and_bounds_the_producer.py",
          "Queue(maxsize) never fills: put() never blocks", ["queue"])
def _(queue):
    init = queue.Queue.__init__

    def __init__(self, maxsize=0):
        init(self, 0)
    queue.Queue.__init__ = __init__


@breakage("queue-get-timeout-returns-none",
          "spec/queues/test_queue_get_and_put_time_out_by_raising_empty_or_full.py",
          "Queue.get(timeout=...) returns None instead of raising Empty", ["queue"])
def _(queue):
    get = queue.Queue.get

    def patched(self, block=True, timeout=None):
        try:
            return get(self, block, timeout)
        except queue.Empty:
            if _called_from_library():  # execnet's own queues (xdist workers) must keep working
                raise
            return None
    queue.Queue.get = patched


@breakage("queue-join-ignores-task-done", "spec/queues/test_queue_join_waits_for_task_done_calls_not_for_gets.py",
          "Queue.join() returns once the queue is empty, task_done() or not", ["queue"])
def _(queue):
    def join(self):
        with self.all_tasks_done:
            while self._qsize():
                self.all_tasks_done.wait(0.01)
    queue.Queue.join = join


@breakage("event-wait-clears", "spec/events/test_an_event_is_a_flag_not_a_counter.py",
          "Event.wait() consumes the flag, like a counter", ["threading"])
def _(threading):
    wait = threading.Event.wait

    def patched(self, timeout=None):
        got = wait(self, timeout)
        if got:
            self.clear()
        return got
    _program_calls(threading.Event, "wait", patched)


@breakage("event-wait-true-on-timeout",
          "spec/events/test_event_wait_returns_the_flag_and_gives_up_after_its_timeout.py",
          "Event.wait(timeout) returns True when the timeout passes", ["threading"])
def _(threading):
    wait = threading.Event.wait

    def patched(self, timeout=None):
        wait(self, timeout)
        return True
    _program_calls(threading.Event, "wait", patched)


@breakage("semaphore-never-blocks", "spec/semaphores/test_semaphore_limits_how_many_threads_hold_it_at_once.py",
          "Semaphore(n).acquire() never blocks", ["threading"])
def _(threading):
    def acquire(self, blocking=True, timeout=None):
        return True
    _program_calls(threading.Semaphore, "acquire", acquire)
    _program_calls(threading.Semaphore, "__enter__", acquire)


@breakage("semaphore-zero-is-one", "spec/semaphores/test_semaphore_zero_makes_the_first_acquirer_wait_for_a_release.py",
          "Semaphore(0) starts at 1", ["threading"])
def _(threading):
    init = threading.Semaphore.__init__

    def __init__(self, value=1):
        # only the program's semaphores: ThreadPoolExecutor's idle Semaphore(0) would stop it
        # starting any worker, and every test that submits a job would wait LONG for its result
        init(self, value if value or _called_from_library() else 1)
    threading.Semaphore.__init__ = __init__


@breakage("boundedsemaphore-unbounded",
          "spec/semaphores/test_bounded_semaphore_refuses_a_release_above_its_initial_value.py",
          "BoundedSemaphore is a plain Semaphore", ["threading"])
def _(threading):
    threading.BoundedSemaphore = _program_gets(threading.BoundedSemaphore, threading.Semaphore, "BoundedSemaphore")


@breakage("barrier-releases-early", "spec/barriers/test_barrier_lets_no_thread_past_until_all_parties_arrive.py",
          "Barrier(n) lets threads through when n-1 arrive", ["threading"])
def _(threading):
    init = threading.Barrier.__init__

    def __init__(self, parties, action=None, timeout=None):
        init(self, parties - 1 if parties > 1 else parties, action, timeout)
    threading.Barrier.__init__ = __init__


@breakage("barrier-single-round", "spec/barriers/test_barrier_counts_its_parties_afresh_each_round.py",
          "a Barrier lets every thread through once its first round is done", ["threading"])
def _(threading):
    wait = threading.Barrier.wait

    def patched(self, timeout=None):
        if getattr(self, "_spec_broken_open", False):
            return 0
        index = wait(self, timeout)
        self._spec_broken_open = True
        return index
    threading.Barrier.wait = patched


@breakage("condition-notify-all-wakes-one",
          "spec/conditions/test_condition_notify_wakes_at_most_n_waiters_and_notify_all_wakes_every_one.py",
          "Condition.notify_all() wakes only one waiter", ["threading"], quick=True)
def _(threading):
    _program_calls(threading.Condition, "notify_all", lambda self: self.notify(1))


@breakage("condition-wait-for-ignores-predicate",
          "spec/conditions/test_condition_wait_for_waits_until_its_predicate_holds.py",
          "Condition.wait_for returns after the first wake-up, whatever the predicate says", ["threading"])
def _(threading):
    def wait_for(self, predicate, timeout=None):
        result = predicate()
        if not result:
            self.wait(timeout)
            result = predicate() or True
        return result
    _program_calls(threading.Condition, "wait_for", wait_for)


@breakage("condition-needs-no-lock", "spec/conditions/test_condition_methods_must_be_called_with_its_lock_held.py",
          "Condition.notify() and wait() work without holding the lock", ["threading"])
def _(threading):
    notify, wait = threading.Condition.notify, threading.Condition.wait

    def patched_notify(self, n=1):
        if not self._is_owned():
            return None
        return notify(self, n)

    def patched_wait(self, timeout=None):
        if not self._is_owned():
            with self:
                return wait(self, timeout)
        return wait(self, timeout)
    threading.Condition.notify = patched_notify
    threading.Condition.wait = patched_wait


@breakage("condition-default-lock-not-reentrant",
          "spec/conditions/test_condition_made_with_no_arguments_brings_its_own_reentrant_lock.py",
          "Condition() makes a plain Lock", ["threading"])
def _(threading):
    init = threading.Condition.__init__

    def __init__(self, lock=None):
        init(self, threading.Lock() if lock is None else lock)
    _program_calls(threading.Condition, "__init__", __init__)


@breakage("daemon-ignored", "spec/daemon/test_a_daemon_thread_does_not_keep_the_process_alive.py",
          "the daemon flag is ignored: every thread keeps the process alive", ["threading"])
# (not in --quick: caught at once, but its whole serial run took 3x the normal one on 2026-12-07,
# the daemon tests' exits waiting out SHORT one after another; docs/sharpness.md)
def _(threading):
    original = threading.Thread.daemon

    def setter(self, value):
        original.fset(self, value if _called_from_library() else False)

    def getter(self):
        return original.fget(self)
    threading.Thread.daemon = property(getter, setter)
    init = threading.Thread.__init__

    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self._daemonic = False
    _program_calls(threading.Thread, "__init__", __init__)


@breakage("daemon-not-inherited", "spec/daemon/test_the_daemon_flag_is_set_before_start_and_inherited.py",
          "a new thread is never a daemon unless told, whoever creates it", ["threading"])
def _(threading):
    init = threading.Thread.__init__

    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        if kwargs.get("daemon") is None:
            self._daemonic = False
    _program_calls(threading.Thread, "__init__", __init__)


@breakage("event-counts-sets", "spec/events/test_an_event_is_a_flag_not_a_counter.py",
          "an Event counts its set() calls: each clear() takes back one set(), so an Event set twice "
          "reads set (and lets waits through) until it is cleared twice", ["threading"], quick=True)
def _(threading):
    def set_(self):
        with self._cond:
            self._spec_sets = getattr(self, "_spec_sets", 0) + 1
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._spec_sets = max(0, getattr(self, "_spec_sets", 0) - 1)
            self._flag = self._spec_sets > 0
    _program_calls(threading.Event, "set", set_)
    _program_calls(threading.Event, "clear", clear)


@breakage("event-set-wakes-one", "spec/events/test_event_set_wakes_every_waiting_thread.py",
          "Event.set() wakes only one of the threads waiting on it (the others wait on until their "
          "timeout, then return False)", ["threading"])
def _(threading):
    def set_(self):
        with self._cond:
            self._flag = True
            self._cond.notify(1)
    _program_calls(threading.Event, "set", set_)


@breakage("semaphore-single-holder", "spec/semaphores/test_semaphore_limits_how_many_threads_hold_it_at_once.py",
          "Semaphore(n) and BoundedSemaphore(n) admit a single holder at a time, whatever n", ["threading"])
def _(threading):
    for cls in (threading.Semaphore, threading.BoundedSemaphore):
        init = cls.__init__

        def __init__(self, value=1, _init=init):
            _init(self, min(value, 1))
        # only the program's semaphores: concurrent.futures' and multiprocessing's keep their count
        _program_calls(cls, "__init__", __init__)


@breakage("semaphore-holder-only-release", "spec/semaphores/test_semaphore_has_no_owner_and_neither_has_lock.py",
          "a Semaphore may be released only by a thread that acquired it (others get RuntimeError, "
          "as from an RLock)", ["threading"])
def _(threading):
    real_acquire, real_release = threading.Semaphore.acquire, threading.Semaphore.release

    def holders(self):
        try:
            return self._spec_holders
        except AttributeError:
            self._spec_holders = {}
            return self._spec_holders

    def acquire(self, blocking=True, timeout=None):
        got = real_acquire(self, blocking, timeout)
        if got:
            me = threading.get_ident()
            held = holders(self)
            held[me] = held.get(me, 0) + 1
        return got

    def release(self, n=1):
        me = threading.get_ident()
        held = holders(self)
        if held.get(me, 0) < n:
            raise RuntimeError("cannot release un-acquired semaphore")
        held[me] -= n
        real_release(self, n)

    def __exit__(self, *exc):
        release(self)
    for attr, broken in (("acquire", acquire), ("__enter__", acquire), ("release", release), ("__exit__", __exit__)):
        _program_calls(threading.Semaphore, attr, broken)


@breakage("join-timeout-ignored", "spec/threads/test_join_with_a_timeout_returns_after_at_most_the_timeout.py",
          "Thread.join(timeout) ignores its timeout and waits until the thread ends", ["threading"])
def _(threading):
    real_join = threading.Thread.join
    _program_calls(threading.Thread, "join", lambda self, timeout=None: real_join(self))


def _forked_body_start(threading, chosen):
    """``Thread.start`` for the program's threads that ``chosen(thread)`` picks: the thread's body
    runs in a forked child process (a copy of the program: what it changes, sets or releases stays
    in the child), and the Thread the program holds is a real thread that waits for that child, so
    ``join()``, ``is_alive()`` and the exit follow the child. A child ends itself after
    ``_FORKED_BODY_LIMIT`` seconds whatever it waits on, so none outlives a run that leaks it."""
    start = threading.Thread.start

    def patched(self):
        if not chosen(self):
            return start(self)
        pid = os.fork()
        if pid == 0:  # the child: run the body, then leave without the parent's exit machinery
            code = 0
            try:
                # the child's own deadline: SIGALRM's default action ends it (not faulthandler's
                # watchdog, whose re-arming after a fork waits for a thread the child does not have)
                import signal
                signal.signal(signal.SIGALRM, signal.SIG_DFL)
                signal.setitimer(signal.ITIMER_REAL, _FORKED_BODY_LIMIT)
                type(self).run(self)
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 0
            except BaseException:
                import traceback
                traceback.print_exc()
                code = 1
            finally:
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except Exception:
                        pass
                os._exit(code)

        def wait_for_the_child():
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:  # reaped by someone else (the spec's leak check kills leftovers)
                pass
        self.run = wait_for_the_child
        return start(self)
    _program_calls(threading.Thread, "start", patched)


_FORKED_BODY_LIMIT = 120


@breakage("thread-body-in-forked-child", "spec/processes/test_threads_see_each_others_changes_to_shared_data.py",
          "every Thread the program starts runs its body in a forked child process (the program's Thread "
          "waits for that child)", ["threading"])
def _(threading):
    _forked_body_start(threading, lambda thread: True)


@breakage("cpu-threads-as-processes",
          "spec/concurrency/test_concurrent_tasks_overlap_in_time_by_taking_turns_or_by_running_at_once.py",
          "a CPU-bound Thread (a Python function as target, given only numbers as arguments, like "
          "count(n)) runs as a forked process, in parallel with the others and with its own copy of everything", ["threading"])
def _(threading):
    import numbers
    import types

    def cpu_bound(thread):
        target, args = getattr(thread, "_target", None), getattr(thread, "_args", ())
        return (isinstance(target, types.FunctionType) and not getattr(thread, "_kwargs", None) and len(args) > 0
                and all(isinstance(a, numbers.Number) and not isinstance(a, bool) for a in args))
    _forked_body_start(threading, cpu_bound)


@breakage("thread-start-twice-allowed", "spec/threads/test_a_thread_object_can_be_started_only_once.py",
          "a second Thread.start() is silently ignored", ["threading"])
def _(threading):
    start = threading.Thread.start

    def patched(self):
        if self._started.is_set():
            return None
        return start(self)
    threading.Thread.start = patched


@breakage("thread-subclass-run-ignored", "spec/threads/test_a_thread_subclass_runs_its_overridden_run_method.py",
          "a started Thread runs its target, never a subclass's run()", ["threading"])
def _(threading):
    start = threading.Thread.start

    def patched(self):
        if type(self).run is not threading.Thread.run and type(self).__module__ != "threading":
            self.run = lambda: threading.Thread.run(self)
        return start(self)
    # the program's subclasses only: concurrent.futures' and multiprocessing's own Thread
    # subclasses (a process pool's manager thread ...) keep their run()
    _program_calls(threading.Thread, "start", patched)


@breakage("enumerate-only-main", "spec/threads/test_enumerate_lists_the_main_thread_and_every_live_thread.py",
          "threading.enumerate() lists only the current thread", ["threading"])
def _(threading):
    threading.enumerate = _program_gets(threading.enumerate, lambda: [threading.current_thread()], "enumerate")


@breakage("executor-map-completion-order", "spec/executors/test_executor_map_yields_results_in_input_order.py",
          "Executor.map yields results in completion order", ["concurrent.futures"], quick=True)
def _(futures):
    def map(self, fn, *iterables, timeout=None, chunksize=1, **kwargs):
        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        def results():
            for f in futures.as_completed(fs, timeout=timeout):
                yield f.result()
        return results()
    futures.Executor.map = map
    futures.ThreadPoolExecutor.map = map


@breakage("future-result-swallows-exception",
          "spec/executors/test_a_futures_result_reraises_the_exception_raised_in_its_worker.py",
          "Future.result() returns None when the job raised", ["concurrent.futures"])
def _(futures):
    result = futures.Future.result

    def patched(self, timeout=None):
        try:
            return result(self, timeout)
        except futures.CancelledError:
            raise
        except futures.TimeoutError:
            raise
        except Exception:
            return None
    futures.Future.result = patched


@breakage("executor-exit-does-not-wait",
          "spec/executors/test_leaving_an_executor_with_block_waits_for_every_submitted_job.py",
          "leaving `with ThreadPoolExecutor()` does not wait for its jobs", ["concurrent.futures"])
def _(futures):
    def __exit__(self, *exc):
        self.shutdown(wait=False)
        return False
    futures.Executor.__exit__ = __exit__


@breakage("threadpool-eager-workers",
          "spec/executors/test_threadpoolexecutor_starts_workers_lazily_and_keeps_them_until_shutdown.py",
          "ThreadPoolExecutor starts all its workers when it is made", ["concurrent.futures"])
def _(futures):
    init = futures.ThreadPoolExecutor.__init__

    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        for _ in range(self._max_workers):
            self._adjust_thread_count()
    futures.ThreadPoolExecutor.__init__ = __init__


# --- process-local stand-ins for multiprocessing.Value and Array (module level: they pickle by name)

import threading as _threading  # noqa: E402


def typecode_to_type():
    from multiprocessing.sharedctypes import typecode_to_type  # not at patch time: a circular import
    return typecode_to_type


class LocalValue:
    def __init__(self, typecode_or_type, *args, lock=True, _obj=None):
        self._typecode = typecode_or_type
        type_ = typecode_to_type().get(typecode_or_type, typecode_or_type)
        self._obj = _obj if _obj is not None else type_(*args)
        self._lock = _threading.RLock()

    def __reduce__(self):
        return (LocalValue, (self._typecode, self._obj.value))

    value = property(lambda self: self._obj.value,
                     lambda self, v: setattr(self._obj, "value", v))
    get_obj = lambda self: self._obj
    get_lock = lambda self: self._lock
    acquire = lambda self, *a: self._lock.acquire(*a)
    release = lambda self: self._lock.release()
    __enter__ = lambda self: self._lock.__enter__()
    __exit__ = lambda self, *a: self._lock.__exit__(*a)


class LocalArray(LocalValue):
    def __init__(self, typecode_or_type, size_or_initializer, lock=True):
        self._typecode = typecode_or_type
        type_ = typecode_to_type().get(typecode_or_type, typecode_or_type)
        if isinstance(size_or_initializer, int):
            self._obj = (type_ * size_or_initializer)()
        else:
            init = list(size_or_initializer)
            self._obj = (type_ * len(init))(*init)
        self._lock = _threading.RLock()

    def __reduce__(self):
        return (LocalArray, (self._typecode, list(self._obj)))

    __len__ = lambda self: len(self._obj)
    __getitem__ = lambda self, i: self._obj[i]

    def __setitem__(self, i, v):
        self._obj[i] = v
    __bytes__ = lambda self: bytes(self._obj)
    __iter__ = lambda self: iter(self._obj)


@breakage("value-process-local",
          "spec/shared_state/test_a_multiprocessing_value_passed_to_children_is_shared_but_not_atomic.py",
          "multiprocessing.Value and Array are process-local copies (RawValue, RawArray stay shared)", ["multiprocessing.context"], quick=True)
def _(context):
    context.BaseContext.Value = lambda self, t, *args, lock=True: LocalValue(t, *args)
    context.BaseContext.Array = lambda self, t, init, *, lock=True: LocalArray(t, init)
    # RawValue and RawArray stay shared: the spec's workers use them as stop flags and progress
    # counters, and a process-local stop flag would only make the children spin until killed.
    import multiprocessing
    ctx = context._default_context
    for name in ("Value", "Array"):
        setattr(multiprocessing, name, getattr(ctx, name))


@breakage("managed-dict-plain", "spec/shared_state/test_a_managed_dict_is_shared_through_a_server_process_one_level_deep.py",
          "Manager().dict() and .list() are plain local containers", ["multiprocessing.managers"])
def _(managers):
    managers.SyncManager.dict = lambda self, *a, **k: dict(*a, **k)
    managers.SyncManager.list = lambda self, *a: list(*a)


@breakage("process-runs-in-a-thread", "spec/processes/test_processes_do_not_share_plain_python_data.py",
          "multiprocessing.Process runs its target in a thread of the parent", ["multiprocessing.context"])
def _(context):
    import os as _os
    import threading

    class ThreadPopen:
        method = "thread"

        def __init__(self, process_obj):
            self.returncode = None
            self.pid = _os.getpid()
            self._r, self._w = _os.pipe()
            self.sentinel = self._r

            def body():
                code = 0
                try:
                    process_obj.run()
                except SystemExit as e:
                    code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
                except BaseException:
                    import traceback
                    traceback.print_exc()
                    code = 1
                self.returncode = code
                _os.close(self._w)
            self._thread = threading.Thread(target=body, daemon=True)
            self._thread.start()

        def poll(self, flag=None):
            return self.returncode

        def wait(self, timeout=None):
            self._thread.join(timeout)
            return self.returncode

        def terminate(self):
            pass
        kill = terminate

        def close(self):
            try:
                _os.close(self._r)
            except OSError:
                pass

    for cls in (context.Process, getattr(context, "ForkProcess", None), getattr(context, "SpawnProcess", None),
                getattr(context, "ForkServerProcess", None)):
        if cls is not None:
            cls._Popen = staticmethod(lambda process_obj: ThreadPopen(process_obj))


@breakage("numba-jit-does-nothing",
          "spec/gil/test_the_numba_prime_program_compiles_at_definition_and_prints_every_prime.py",
          "numba.jit is an identity decorator", ["numba"])
def _(numba):
    def jit(*args, **kwargs):
        if len(args) == 1 and callable(args[0]) and not kwargs and not hasattr(args[0], "return_type"):
            return args[0]
        return lambda fn: fn
    numba.jit = numba.njit = jit


@breakage("gevent-sleep-blocks", "spec/gevent/test_gevent_sleep_zero_alternates_foo_and_bar.py",
          "gevent.sleep blocks the thread like time.sleep and never switches", ["gevent"])
def _(gevent):
    import time
    real_sleep = time.sleep if not getattr(time.sleep, "__module__", "").startswith("gevent") else None
    if real_sleep is None:
        from gevent import monkey
        real_sleep = monkey.get_original("time", "sleep")

    def sleep(seconds=0, ref=True):
        real_sleep(seconds)
    gevent.sleep = sleep
    import gevent.hub
    gevent.hub.sleep = sleep


@breakage("asyncio-gather-sequential", "spec/asyncio/test_gathered_coroutines_overlap_their_sleeps.py",
          "asyncio.gather awaits its coroutines one after the other", ["asyncio"])
def _(asyncio):
    async def gather(*aws, return_exceptions=False):
        results = []
        for aw in aws:
            try:
                results.append(await aw)
            except Exception as e:
                if not return_exceptions:
                    raise
                results.append(e)
        return results
    asyncio.gather = gather
    asyncio.tasks.gather = gather


@breakage("generator-send-skips-priming",
          "spec/coroutines/test_a_generator_must_be_primed_before_it_receives_a_value.py",
          "not applicable: generators cannot be patched from Python", [])
def _():
    pass
del BREAKAGES["generator-send-skips-priming"]


# --- race claims (issue 25): each makes a graded outcome of a race test come out wrong ----------

class _NoLock:
    """A lock that excludes nothing: acquire always succeeds at once, release does nothing."""

    def acquire(self, block=True, timeout=None):
        return True

    def release(self):
        pass

    def __enter__(self):
        return True

    def __exit__(self, *exc):
        return False


@breakage("value-get-lock-excludes-nothing",
          "spec/shared_state/test_a_multiprocessing_value_passed_to_children_is_shared_but_not_atomic.py",
          "a multiprocessing.Value's get_lock() gives a lock that excludes nothing", ["multiprocessing.sharedctypes"])
def _(sharedctypes):
    sharedctypes.SynchronizedBase.get_lock = lambda self: _NoLock()


def _patched_deque(collections, **methods):
    base = collections.deque
    patched = type("deque", (base,), dict(methods, __module__="collections"))
    collections.deque = patched
    return base


@breakage("deque-popleft-empty-returns-none",
          "spec/conditions/test_notes_synchronized_queue_pops_empty_and_overfills_under_contention.py",
          "popleft() on an empty deque subclass returns None instead of raising IndexError (plain deques, "
          "which multiprocessing's queues use, still raise)", ["collections"])
def _(collections):
    def popleft(self):
        try:
            return base.popleft(self)
        except IndexError:
            if type(self) is collections.deque:
                raise
            return None
    base = _patched_deque(collections, popleft=popleft)


@breakage("deque-repr-iterates-live-deque",
          "spec/semaphores/test_printing_the_queue_unguarded_while_threads_change_it_fails_on_pypy.py",
          "str() of a collections.deque walks the live deque and raises RuntimeError when another thread "
          "changes it meanwhile (PyPy's behaviour, on every runtime)", ["collections"])
def _(collections):
    def __repr__(self):
        size, items = len(self), []
        for item in base.__iter__(self):
            items.append(repr(item))
            if len(self) != size:
                raise RuntimeError("deque mutated during iteration")
        return "deque([" + ", ".join(items) + "])"
    base = _patched_deque(collections, __repr__=__repr__)
