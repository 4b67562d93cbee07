"""The notes' total() coroutine, driven by next(), send(10), next(), prints exactly their transcript; send(10) hands back the running total 10."""
from claimspec import Claim
from spec.coroutines.notes_total import total

CLAIM = Claim(
    section="Co-routine",
    notes=(
        "A generator that reads a value from a yield on the right of an assignment, adds it to a "
        "running total and yields the total back, prints five lines when driven as g = total(); "
        "next(g); g.send(10); next(g)."
    ),
    verdict="holds",
    line=99,
    extra={
        "as written": "both cells run as printed, the definition and then the driving calls",
        "why no Out[] line": "the notebook cell shows only its last expression; next(g) there returns "
        "None (it stops at the input yield again), so nothing is displayed, although send(10) returned 10"
    },
)

NOTES_TRANSCRIPT = (
    "In total...\n"
    "total(): waiting for input...\n"
    "total(): got 10\n"
    "total(): yielding out 10\n"
    "total(): waiting for input...\n"
)


def test_next_send_next_prints_the_notes_transcript_exactly(capsys):
    """g = total(); next(g); g.send(10); next(g) prints exactly the notes' five lines"""
    g = total()
    next(g)
    g.send(10)
    next(g)
    assert capsys.readouterr().out == NOTES_TRANSCRIPT


def test_each_call_returns_what_the_notebook_would_or_would_not_show(capsys):
    """next(g) returns None, g.send(10) returns 10, and the last next(g) returns None, which a notebook hides"""
    g = total()
    assert next(g) is None  # primed: stopped at the input yield
    assert g.send(10) == 10  # the output yield hands back the total
    assert next(g) is None  # the cell's last value: None, which a notebook does not display
    capsys.readouterr()


def test_the_total_keeps_running_across_more_rounds(capsys):
    """Over three rounds of send() and next(), total() hands back the running totals 10, 15 and 42"""
    g = total()
    next(g)
    outputs = []
    for value in (10, 5, 27):
        outputs.append(g.send(value))
        next(g)
    assert outputs == [10, 15, 42]
    assert capsys.readouterr().out.count("total(): got") == 3
