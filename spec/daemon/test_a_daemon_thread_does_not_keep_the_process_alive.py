"""A daemon thread does not keep the process alive: the process exits once the main thread and every non-daemon thread are done, and a still-running daemon thread is stopped with it."""
from claimspec import Claim, run_python
from claimspec.timeouts import BRIEF

CLAIM = Claim(
    section="Background daemon threads",
    notes="A daemon thread exits (terminates) when no other threads are active.",
    verdict="partly",
    truth=(
        "right that a daemon thread never holds the process, but it does not exit on its own when the "
        "others end: what ends it is the process exiting, which happens once the main thread's code and "
        "every non-daemon thread are done; other daemon threads still running do not count, and the "
        "daemon thread is stopped wherever it is, without running its remaining code. While the main "
        "thread lives (a Jupyter kernel, a server, a REPL) a daemon thread runs on after every other "
        "thread has ended."
    ),
    line=992,
    extra={"how it ends": "it is not told: the interpreter exits and the thread simply stops running"},
)

# Our rendering of the notes' situation: two counting workers (a, b), the main
# thread's code, and an endless monitor. Events fix the order.
_EXAMPLE = """
    import threading

    never = threading.Event()
    main_code_over = threading.Event()
    threading._register_atexit(main_code_over.set)  # runs once the main code has ended
    first_tick = threading.Event()
    monitor_ticks = []

    def monitor():
        while True:
            monitor_ticks.append(1)
            first_tick.set()
            never.wait(0.001)

    def a():
        print("a: ends")

    def b():
        main_code_over.wait(30)
        print("b: main code ended; monitor still running:", m.is_alive())
        print("b: ends, the last non-daemon thread")

    m = threading.Thread(target=monitor, name="MonitorThread", daemon=True)
    m.start()
    assert first_tick.wait(30)
    ta = threading.Thread(target=a)
    ta.start()
    ta.join(30)
    threading.Thread(target=b).start()
    print("main: code ends")
"""


def test_the_process_exits_after_the_last_non_daemon_thread_while_the_monitor_runs_on():
    """The process exits with code 0 after its last non-daemon thread, while the endless daemon monitor runs

    Red on a runtime that joined daemon threads at exit (the watchdog would end the child)."""
    ran = run_python(_EXAMPLE, timeout=BRIEF)
    ran.assert_ok()
    assert ran.stdout == (
        "a: ends\n"
        "main: code ends\n"
        "b: main code ended; monitor still running: True\n"
        "b: ends, the last non-daemon thread\n"
    ), ran.describe()


def test_other_daemon_threads_still_running_do_not_keep_each_other_alive():
    """Two daemon threads blocked forever do not delay the exit: other active daemon threads do not count

    Red on a runtime where a daemon thread waited while any other thread was active (checked by making
    one of them non-daemon: the child is then ended by the watchdog)."""
    ran = run_python(
        """
        import threading

        never = threading.Event()
        for name in ("monitor-1", "monitor-2"):
            threading.Thread(target=never.wait, name=name, daemon=True).start()
        print("main: ends with", threading.active_count() - 1, "daemon threads running")
        """,
        timeout=BRIEF,  # the watchdog would end a child that waited for the daemon threads
    )
    ran.assert_ok()
    assert ran.stdout == "main: ends with 2 daemon threads running\n", ran.describe()


def test_a_daemon_monitor_runs_on_while_the_main_thread_lives_after_the_workers_end():
    """While the main thread lives, as in a Jupyter kernel, a daemon monitor keeps ticking after every worker ended

    Red on a runtime that stopped daemon threads when the non-daemon workers (not the process) ended."""
    ran = run_python(
        """
        import threading

        ticks = []
        tick = threading.Condition()
        never = threading.Event()

        def monitor():
            while True:
                with tick:
                    ticks.append(1)
                    tick.notify_all()
                never.wait(0.001)

        def worker():
            pass

        threading.Thread(target=monitor, daemon=True).start()
        workers = [threading.Thread(target=worker) for _ in range(2)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(30)
        alive = [t.name for t in threading.enumerate() if not t.daemon and t is not threading.main_thread()]
        with tick:
            seen = len(ticks)
            assert tick.wait_for(lambda: len(ticks) >= seen + 3, 30)
        print("non-daemon threads left besides main:", alive)
        print("monitor ticked 3 more times after the workers ended")
        """,
        timeout=BRIEF,
    )
    ran.assert_ok()
    assert ran.stdout == (
        "non-daemon threads left besides main: []\n"
        "monitor ticked 3 more times after the workers ended\n"
    ), ran.describe()
