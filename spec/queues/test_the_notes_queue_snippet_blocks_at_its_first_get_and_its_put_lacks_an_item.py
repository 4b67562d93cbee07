"""The notes' Queue snippets do not run on Python 3: a Python 2 module name and print statement, a put() without an item, and a first get() that waits forever."""
import importlib
import queue

import pytest

from claimspec import Claim, finish, stays_blocked

CLAIM = Claim(
    section="Inbuilt- Queue",
    notes=(
        "The notes show Queue usage with a snippet (a bare get(), then put(), then timed get, "
        "join and task_done) and a producer/consumer example importing `from Queue import Queue` "
        "and printing with `print \"Count: \", ...`."
    ),
    verdict="notes-wrong",
    truth=(
        "On Python 3 the module is `queue` (importing `Queue` raises ModuleNotFoundError), the print "
        "statement is a SyntaxError, put() needs the item (TypeError without it), and the snippet's "
        "first line, get() on an empty queue with no timeout, blocks forever."
    ),
)


def test_the_python_2_module_name_queue_with_a_capital_does_not_exist():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("Queue")
    assert importlib.import_module("queue").Queue is queue.Queue


def test_the_print_statement_of_the_example_is_a_syntax_error():
    with pytest.raises(SyntaxError, match="Missing parentheses in call to 'print'"):
        compile('print "Count: ", 1\n', "<notes example>", "exec")


def test_put_without_an_item_is_a_type_error():
    with pytest.raises(TypeError):
        queue.Queue().put()


def test_the_snippets_first_get_on_an_empty_queue_never_returns_by_itself():
    q = queue.Queue()
    pending = stays_blocked(q.get)  # no timeout, nothing put: it would wait forever
    q.put("unblock")
    assert finish(pending) == "unblock"
