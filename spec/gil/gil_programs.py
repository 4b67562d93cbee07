"""Programs of the notes' GIL section, rebuilt with the same structure and output (not copied).

Shared by the modules of spec/gil; each is the text of a child program whose first argument is
the number of primes.
"""

#: gen_prime.py: Python 2/3 compatible prime benchmark; prints a heading and its timing only.
PRIME_PROGRAM = '''
from __future__ import print_function
import sys
if sys.version_info[0] == 2:
    from __builtin__ import xrange as range

HOW_MANY = int(sys.argv[1])

def is_prime(number):
    "True if number has no divisor from 2 up to its square root"
    limit = int(number ** 0.5) + 1
    for divisor in range(2, limit):
        if number % divisor == 0:
            return False
    return True

def gen_prime(num):
    "Finds the first num primes, one candidate after another"
    candidate = 2
    while num:
        if is_prime(candidate):
            num -= 1
        candidate += 1

from time import time

print("Generating %d prime numbers..." % HOW_MANY)
began = time()
gen_prime(HOW_MANY)
took = time() - began
print("gen_prime(%d) took %f seconds" % (HOW_MANY, took))
'''

#: gen_prime_numba.py: the same with numba's jit, explicit signatures, and a print of every prime.
NUMBA_PRIME_PROGRAM = '''
from __future__ import print_function
from numba import jit, boolean, int32, void
import sys
if sys.version_info[0] == 2:
    from __builtin__ import xrange as range

HOW_MANY = int(sys.argv[1])

@jit(boolean(int32))
def is_prime(number):
    limit = int(number ** 0.5) + 1
    for divisor in range(2, limit):
        if number % divisor == 0:
            return False
    return True

@jit(void(int32))
def gen_prime(num):
    candidate = 2
    while num:
        if is_prime(candidate):
            print(candidate)
            num -= 1
        candidate += 1

from time import time

print("Generating %d prime numbers..." % HOW_MANY)
began = time()
gen_prime(HOW_MANY)
took = time() - began
print("gen_prime(%d) took %f seconds" % (HOW_MANY, took))
'''

#: The numba program's definitions alone (everything before its timed run).
NUMBA_DEFINITIONS = NUMBA_PRIME_PROGRAM.split("from time import time")[0]

FIRST_TEN_PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
TIMING_LINE = r"gen_prime\(%d\) took \d+\.\d{6} seconds"
