"""Programs of the notes' GIL section, rebuilt with the same structure and output (not copied).

Shared by the modules of spec/gil and spec/speed. The prime benchmark's two functions are written
once, here, as functions (spec/speed times them in the test process and jits them with numba);
the child programs take their text (``PRIME_SOURCE``). Each program is the text of a child
program whose first argument is the number of primes.
"""
import inspect


def is_prime(number):
    "True if number has no divisor from 2 up to its square root"
    limit = int(number ** 0.5) + 1
    for divisor in range(2, limit):
        if number % divisor == 0:
            return False
    return True


def gen_prime(num):
    "Finds the first num primes, one candidate after another; returns the candidate after the last"
    candidate = 2
    while num:
        if is_prime(candidate):
            num -= 1
        candidate += 1
    return candidate


#: The two functions as source text, for child programs that must stand alone (a Python 2/3
#: program, a PyPy child, Cython's plain-Python module).
IS_PRIME_SOURCE = inspect.getsource(is_prime)
PRIME_SOURCE = IS_PRIME_SOURCE + "\n" + inspect.getsource(gen_prime)

# gen_prime.py's opening (Python 2 and 3 alike) and its timed run, shared by both prime programs.
_OPENING = '''
from __future__ import print_function
{imports}import sys
if sys.version_info[0] == 2:
    from __builtin__ import xrange as range

HOW_MANY = int(sys.argv[1])

'''

_TIMED_RUN = '''
from time import time

print("Generating %d prime numbers..." % HOW_MANY)
began = time()
gen_prime(HOW_MANY)
took = time() - began
print("gen_prime(%d) took %f seconds" % (HOW_MANY, took))
'''

#: gen_prime.py: Python 2/3 compatible prime benchmark; prints a heading and its timing only.
PRIME_PROGRAM = _OPENING.format(imports="") + PRIME_SOURCE + _TIMED_RUN

#: gen_prime_numba.py: the same with numba's jit, explicit signatures, and a print of every prime
#: (so its gen_prime, which returns nothing, is its own).
NUMBA_PRIME_PROGRAM = _OPENING.format(imports="from numba import jit, boolean, int32, void\n") + '''
@jit(boolean(int32))
''' + IS_PRIME_SOURCE + '''
@jit(void(int32))
def gen_prime(num):
    candidate = 2
    while num:
        if is_prime(candidate):
            print(candidate)
            num -= 1
        candidate += 1
''' + _TIMED_RUN

#: The numba program's definitions alone (everything before its timed run).
NUMBA_DEFINITIONS = NUMBA_PRIME_PROGRAM.split("from time import time")[0]

FIRST_TEN_PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
TIMING_LINE = r"gen_prime\(%d\) took \d+\.\d{6} seconds"
