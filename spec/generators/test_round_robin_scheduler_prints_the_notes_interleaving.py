"""The notes' deque round-robin scheduler interleaves foo and bar one step at a time, drops bar when it finishes, and prints exactly the notes' transcript."""
from claimspec import Claim, run_python
from spec.generators.notes_programs import round_robin

CLAIM = Claim(
    section="concurrent execution using generators",
    notes=(
        "The program two_functions.py keeps generators foo (10 counts) and bar (5 counts) in a deque, "
        "calls next() on the first, then rotates it to the back (or drops it on StopIteration), and "
        "prints foo and bar counting in turn up to 4, then foo alone from 5 to 9."
    ),
    verdict="holds",
    line=129,
    extra={
        "as written": "the cell runs as printed; its time.sleep(0.5) after each of the 15 counts makes it "
        "take about 7.5 s, the sum of all the sleeps (test_round_robin_generators_take_the_sum_of_their_sleeps)",
    },
)

NOTES_TRANSCRIPT = (
    "".join(f"foo: counting {i}\nbar: counting {i}\n" for i in range(5))
    + "".join(f"foo: counting {i}\n" for i in range(5, 10))
)


def counter(name, count, pause=lambda: None):
    for i in range(count):
        print(f"{name}: counting", i)
        yield
        pause()


def test_the_scheduler_prints_the_notes_transcript_exactly(capsys):
    """The deque round-robin over foo and bar prints exactly the notes' 15 lines

    Red on a runtime whose next() ran a generator to its end (checked: foo's 10 lines would come
    first), or whose deque.rotate(-1) did not move the first task to the back.
    """
    round_robin([counter("foo", 10), counter("bar", 5)])
    assert capsys.readouterr().out == NOTES_TRANSCRIPT


def test_a_finished_task_is_dropped_and_only_foo_is_scheduled_after_it(capsys):
    """bar leaves the deque at the StopIteration of its sixth next(), and from then on only foo is stepped"""
    foo, bar = counter("foo", 10), counter("bar", 5)
    names = {id(foo): "foo", id(bar): "bar"}
    queue_after_each_step = []
    round_robin([foo, bar], lambda tasks: queue_after_each_step.append([names[id(t)] for t in tasks]))
    capsys.readouterr()
    # 5 rounds of foo+bar, then bar's sixth next() raises StopIteration and it leaves the deque.
    assert queue_after_each_step[:10] == [["bar", "foo"], ["foo", "bar"]] * 5
    assert queue_after_each_step[10] == ["bar", "foo"]  # foo's 6th step
    assert queue_after_each_step[11] == ["foo"]  # bar's 6th next() finished it: dropped
    assert all(queue == ["foo"] for queue in queue_after_each_step[11:-1])
    assert queue_after_each_step[-1] == []  # foo's 11th next() ends it too
    assert len(queue_after_each_step) == 15 + 2  # 15 steps that print, 2 that finish a task


def test_the_notes_program_prints_the_transcript_in_a_fresh_interpreter():
    """Our program shaped like two_functions.py, run as a script, prints exactly the notes' transcript"""
    ran = run_python(
        """
        from collections import deque
        from time import sleep

        def foo():
            for i in range(10):
                print("foo: counting", i)
                yield
                sleep(0.005)  # the notes sleep 0.5 s; the output does not depend on it

        def bar():
            for i in range(5):
                print("bar: counting", i)
                yield
                sleep(0.005)

        if __name__ == "__main__":
            tasks = deque([foo(), bar()])
            while tasks:
                t = tasks[0]
                try:
                    next(t)
                except StopIteration:
                    tasks.popleft()
                else:
                    tasks.rotate(-1)
        """
    ).assert_ok()
    assert ran.stdout == NOTES_TRANSCRIPT
