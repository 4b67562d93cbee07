"""Our own equivalent of the notes' total() coroutine, shared by the specs that drive it."""


def total(say=print):
    """One input yield and one output yield per round; ``say`` gets what the notes print."""
    say("In total...")
    running = 0
    while True:
        say("total(): waiting for input...")
        value = yield
        say("total(): got", value)
        running += value
        say("total(): yielding out", running)
        yield running


def values_received(said):
    """The inputs total() reported getting, from the calls its ``say`` recorded."""
    return [words[1] for words in said if words[0] == "total(): got"]
