"""Our own equivalents of the notes' generator programs, shared by the specs that run them: the
printing, list and generator Fibonacci versions, and the deque round-robin scheduler."""
from collections import deque


def round_robin(tasks, on_step=lambda tasks: None):
    """Step the generators in turn: next() on the first, then rotate it to the back, or drop it
    once it raises StopIteration; ``on_step(queue)`` sees the deque after each step."""
    tasks = deque(tasks)
    while tasks:
        try:
            next(tasks[0])
        except StopIteration:
            tasks.popleft()
        else:
            tasks.rotate(-1)
        on_step(tasks)


def fib_printing(n):
    """Print the first ``n`` Fibonacci numbers, one per line; return nothing."""
    a, b = 0, 1
    for _ in range(n):
        print(a)
        a, b = b, a + b


def fib_list(n, pause=lambda: None):
    """The first ``n`` Fibonacci numbers, all computed before the list is returned."""
    series = [0, 1]
    for _ in range(n - 2):
        series.append(series[-1] + series[-2])
        pause()
    return series


def fib_gen(n, pause=lambda: None):
    """The first ``n`` Fibonacci numbers, each handed out before the next is computed."""
    a, b = 0, 1
    for _ in range(n):
        yield a
        a, b = b, a + b
        pause()
