"""Cython compiles plain Python source, such as the notes' is_prime, into a C extension module that gives the same results, but compiling alone does not release the GIL: only C-typed code inside `with nogil` lets other threads run meanwhile.

One child interpreter compiles two modules into its own temporary folder (Cython writes the C,
the C compiler named by `sysconfig` builds it, so no setuptools is needed), then watches, with
`sys.setswitchinterval` shrunk, whether a second thread that counts in a list can run while a
call is in progress. The call reads the count when it starts and when it ends; nothing is timed.
"""
import json

import pytest

from claimspec import Claim, requires_c_compiler, requires_free_threading, requires_module, run_python
from spec.gil.gil_programs import IS_PRIME_SOURCE

pytestmark = [
    requires_module("Cython", why="Cython is the compiler the notes point to"),
    # Cython writes C; the C compiler sysconfig names builds it against Python.h
    requires_c_compiler,
]

CLAIM = Claim(
    section="GIL",
    notes="Listed after PyPy among the ways to get more speed than CPython's threads give: Cython, "
    "with a link to cython.org and nothing else.",
    verdict="opinion",
    truth="A pointer, not a statement. What can be checked: Cython compiles ordinary Python source "
    "(no Cython syntax) into a C extension module whose functions give the same results. "
    "Compiling alone does not lift the GIL: a compiled function of plain Python keeps the GIL for "
    "the whole call (no other thread runs until it returns, which is worse for threads than "
    "interpreted code, which the interpreter switches away from every switch interval), and so "
    "does C-typed code. Threads only run alongside C code that the programmer puts in a "
    "`with nogil:` block, and such code may not touch Python objects. On a free-threaded build "
    "(3.13t, 3.14t), importing a Cython module not marked `freethreading_compatible` switches the "
    "GIL back on for the whole process (Cython's free-threading guide). Whether compiling makes "
    "code faster, and by how much, is a speed question for spec/speed; the advice stops holding "
    "where the time goes to I/O or to calls back into Python objects.",
    line=324,
)

# spin_and_watch stops as soon as it sees the other thread's count move, else after its rounds.
ROUNDS_INTERPRETED = 10**9  # reached only if no switch ever comes (a failure)
ROUNDS_COMPILED = 2_000_000  # always run to the end: a few switch intervals long
TRIES = 5
SPIN_WITH_GIL = 2 * 10**7  # C iterations the GIL-holding wait always runs to the end
CAP_WITHOUT_GIL = 3 * 10**9  # reached only if the nogil wait never sees the other thread (a failure)

# Ordinary Python source, no Cython syntax at all: the notes' is_prime (as gil_programs writes it),
# and a loop in its style.
PLAIN = IS_PRIME_SOURCE + """
def spin_and_watch(box, rounds):
    before = box[0]
    total = 0
    for i in range(rounds):
        total += i % 7
        if box[0] != before:
            break
    return before, box[0]
"""

# C-typed code: a C loop that waits for a flag which only another thread raises.
TYPED = r'''
# cython: language_level=3
cdef extern from *:
    """
    static volatile int spec_flag = 0;
    static void spec_raise_flag(void) { spec_flag = 1; }
    static int spec_wait_for_flag(long long cap) {
        long long i;
        for (i = 0; i < cap; i++) { if (spec_flag) return 1; }
        return 0;
    }
    """
    int spec_flag
    void spec_raise_flag()
    int spec_wait_for_flag(long long cap) nogil

def raise_flag():
    spec_raise_flag()

def wait_holding_the_gil(box, long long cap):
    global spec_flag
    spec_flag = 0
    before = box[0]
    seen = spec_wait_for_flag(cap)
    return before, box[0], seen

def wait_with_nogil(box, long long cap):
    global spec_flag
    cdef int seen
    spec_flag = 0
    before = box[0]
    with nogil:
        seen = spec_wait_for_flag(cap)
    return before, box[0], seen
'''

PROGRAM = r'''
import importlib.machinery
import importlib.util
import json
import subprocess
import sys
import sysconfig
import threading
import types
import warnings
from pathlib import Path

HERE = Path.cwd()
ROUNDS_INTERPRETED, ROUNDS_COMPILED, TRIES, SPIN_WITH_GIL, CAP_WITHOUT_GIL = (
    int(arg) for arg in sys.argv[1:6])

PLAIN = __PLAIN__
TYPED = __TYPED__

GIL_AT_START = getattr(sys, "_is_gil_enabled", lambda: True)()
IMPORT_WARNINGS = []


def build(name, suffix, source):
    """Cython turns the source into C; the C compiler sysconfig names starts building the
    extension (``load`` waits for it, so two extensions compile at once)."""
    from Cython.Compiler.Main import compile as cython_compile

    src = HERE / (name + suffix)
    src.write_text(source)
    assert cython_compile(str(src), language_level=3).num_errors == 0
    target = HERE / (name + sysconfig.get_config_var("EXT_SUFFIX"))
    cc = (sysconfig.get_config_var("CC") or "cc").split()
    return name, target, subprocess.Popen(cc + ["-shared", "-fPIC", "-O1", "-I", sysconfig.get_paths()["include"],
                                                str(HERE / (name + ".c")), "-o", str(target)])


def load(built):
    name, target, compiler = built
    assert compiler.wait(120) == 0, f"the C compiler failed on {name}"
    spec = importlib.util.spec_from_file_location(name, target)
    with warnings.catch_warnings(record=True) as caught:  # an extension is made in module_from_spec
        warnings.simplefilter("always")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    IMPORT_WARNINGS.extend(str(w.message) for w in caught)
    return module


def count_in_the_background(box, also=None):
    """Start a thread that adds 1 to box[0] (and calls `also`) until the returned stop is called."""
    stop = threading.Event()
    started = threading.Event()

    def counter():
        started.set()
        while not stop.is_set():
            box[0] += 1
            if also:
                also()

    thread = threading.Thread(target=counter)
    thread.start()
    assert started.wait(60)

    def finish():
        stop.set()
        thread.join(60)
    return finish


def calls_during_which_the_count_moved(spin, rounds):
    box = [0]
    finish = count_in_the_background(box)
    try:
        moved = 0
        for _ in range(TRIES):
            before, after = spin(box, rounds)
            moved += after != before
    finally:
        finish()
    return moved


def typed_wait(wait, cap):
    box = [0]
    finish = count_in_the_background(box, also=typed.raise_flag)
    try:
        before, after, seen = wait(box, cap)
    finally:
        finish()
    return {"count moved": after != before, "flag seen": bool(seen)}


building = [build("plain_compiled", ".py", PLAIN), build("typed_compiled", ".pyx", TYPED)]
compiled, typed = (load(built) for built in building)
interpreted = types.ModuleType("plain_interpreted")
exec(PLAIN, interpreted.__dict__)

sys.setswitchinterval(1e-4)
print(json.dumps({
    "loaded by ExtensionFileLoader": isinstance(compiled.__loader__, importlib.machinery.ExtensionFileLoader),
    "is_prime is a Python function": isinstance(compiled.is_prime, types.FunctionType),
    "compiled primes": [n for n in range(2, 1000) if compiled.is_prime(n)],
    "interpreted primes": [n for n in range(2, 1000) if interpreted.is_prime(n)],
    "interpreted calls the count moved in": calls_during_which_the_count_moved(
        interpreted.spin_and_watch, ROUNDS_INTERPRETED),
    "compiled calls the count moved in": calls_during_which_the_count_moved(
        compiled.spin_and_watch, ROUNDS_COMPILED),
    "typed wait holding the GIL": typed_wait(typed.wait_holding_the_gil, SPIN_WITH_GIL),
    "typed wait in with nogil": typed_wait(typed.wait_with_nogil, CAP_WITHOUT_GIL),
    "GIL at start": GIL_AT_START,
    "GIL after the imports": getattr(sys, "_is_gil_enabled", lambda: True)(),
    "import warnings": IMPORT_WARNINGS,
}))
'''


@pytest.fixture(scope="module")
def facts():
    program = PROGRAM.replace("__PLAIN__", repr(PLAIN)).replace("__TYPED__", repr(TYPED))
    ran = run_python(
        program, str(ROUNDS_INTERPRETED), str(ROUNDS_COMPILED), str(TRIES), str(SPIN_WITH_GIL),
        str(CAP_WITHOUT_GIL),
    ).assert_ok()
    return json.loads(ran.stdout)


def test_cython_compiles_plain_python_source_into_an_extension_module(facts):
    """Cython compiles a plain Python `is_prime` into a C extension loaded by `ExtensionFileLoader`"""
    # Red if the build step silently fell back to the .py source (checked by loading the .py file
    # in a scratch copy: SourceFileLoader, and is_prime a plain Python function).
    assert facts["loaded by ExtensionFileLoader"] is True, facts
    assert facts["is_prime is a Python function"] is False, facts


def test_the_compiled_is_prime_finds_the_same_primes_as_the_interpreted_one(facts):
    """The compiled `is_prime` finds the same 168 primes from 2 to 999 as the same source interpreted"""
    # Red on a compiler that changes the meaning of the source (checked with a scratch copy whose
    # compiled source stops range() one divisor early: 186 "primes", 4 among them).
    assert facts["compiled primes"] == facts["interpreted primes"], facts
    assert len(facts["compiled primes"]) == 168 and facts["compiled primes"][:5] == [2, 3, 5, 7, 11]


def test_interpreted_the_loop_lets_another_thread_run_during_the_call(facts):
    """Interpreted, a long Python loop lets another thread count during the call (in at least 1 of 5 calls)"""
    # The control for the next test. Red on a runtime that never switches threads inside a running
    # function (checked by handing the compiled function to this probe in a scratch copy: 0 of 5).
    assert facts["interpreted calls the count moved in"] >= 1, facts


def test_compiled_the_same_loop_keeps_the_gil_until_it_returns(facts):
    """Compiled by Cython, the same loop keeps the GIL: another thread never counts during the call (5 of 5)"""
    # Red if compiling released the GIL or let the interpreter switch threads inside compiled code
    # (checked by loading the .py source instead of the extension in a scratch copy: 5 of 5 moved).
    assert facts["compiled calls the count moved in"] == 0, facts


def test_c_typed_code_outside_with_nogil_keeps_the_gil_too(facts):
    """C-typed Cython code outside `with nogil` keeps the GIL: another thread never runs during the call"""
    # Red if C code ran without the GIL by default (checked with `with nogil:` added around the
    # wait in a scratch copy: the flag was seen and the count moved).
    assert facts["typed wait holding the GIL"] == {"count moved": False, "flag seen": False}, facts


def test_c_typed_code_inside_with_nogil_lets_another_thread_run_meanwhile(facts):
    """C-typed code inside `with nogil` lets another thread run Python while it is still in its C loop"""
    # Red if `with nogil` kept the GIL (checked by removing `with nogil:` in a scratch copy: the
    # wait ran to its cap, flag not seen). The C loop ends only when the other thread raises the flag.
    assert facts["typed wait in with nogil"] == {"count moved": True, "flag seen": True}, facts


@requires_free_threading
def test_on_a_free_threaded_build_importing_a_cython_module_turns_the_gil_back_on(facts):
    """On a free-threaded build, importing a Cython module not marked `freethreading_compatible` turns the GIL on"""
    # From Cython's free-threading guide (Cython 3.1+); CPython warns with a RuntimeWarning.
    # Red if the GIL stayed off after the import; not run here (no free-threaded build on this machine).
    assert facts["GIL at start"] is False and facts["GIL after the imports"] is True, facts
    assert any("GIL" in message for message in facts["import warnings"]), facts
