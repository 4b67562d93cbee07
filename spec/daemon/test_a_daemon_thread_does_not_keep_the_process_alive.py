"""The process exits once no non-daemon thread is left, taking any still-running daemon thread (such as an endless monitor) with it."""
import threading

from claimspec import SHORT, Claim, run_python

CLAIM = Claim(
    section="Background daemon threads",
    notes=(
        "A daemon thread ends when no other (non-daemon) thread is active, which makes it useful "
        "for monitor threads: the example's endless monitor stops when the counting threads are done."
    ),
    verdict="holds",
    extra={"how it ends": "it is not told: the interpreter exits and the thread simply stops running"},
)

# Our rendering of the notes' example: two counting workers (a, b), the main
# thread counting too, and an endless monitor. Events fix the order.
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
    ran = run_python(_EXAMPLE)
    ran.assert_ok()
    assert ran.stdout == (
        "a: ends\n"
        "main: code ends\n"
        "b: main code ended; monitor still running: True\n"
        "b: ends, the last non-daemon thread\n"
    ), ran.describe()


def test_a_daemon_thread_blocked_forever_does_not_delay_the_exit():
    ran = run_python(
        """
        import threading

        never = threading.Event()
        threading.Thread(target=never.wait, daemon=True).start()
        print("main: ends")
        """,
        timeout=SHORT * 2,  # the watchdog would end a child that waited for the daemon thread
    )
    ran.assert_ok()
    assert ran.stdout == "main: ends\n", ran.describe()


def test_the_daemon_flag_is_what_makes_the_difference():
    t = threading.Thread(target=lambda: None, daemon=True)
    assert t.daemon is True
    assert threading.Thread(target=lambda: None).daemon is False
