"""Set-ups shared by the Barrier specs: threads already waiting at a barrier, and parties run to the end."""
import threading

from claimspec import SHORT, join_threads, start_call, wait_until


def waiting_at(barrier, count, name="waiter"):
    """Start ``count`` helper calls of ``barrier.wait()`` and return them once all of them wait."""
    pending = [start_call(barrier.wait, name=f"{name}-{i}") for i in range(count)]
    wait_until(lambda: barrier.n_waiting == count, message=f"{count} thread(s) wait at the barrier")
    return pending


def run_parties(target, count):
    """Run ``target`` in ``count`` threads and join them all within SHORT."""
    threads = [threading.Thread(target=target, name=f"party-{i}") for i in range(count)]
    for t in threads:
        t.start()
    join_threads(threads, SHORT)
