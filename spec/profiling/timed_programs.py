"""The two child programs the profiling claims time: one that computes, one that waits."""

BUSY_CPU = 0.3  # CPU seconds the busy program burns
BUSY = f"""
import time
while time.process_time() < {BUSY_CPU}:  # a fixed amount of CPU work
    pass
"""
SLEEP = 0.5
SLEEPING = f"""
import time
time.sleep({SLEEP})  # the program's work is a wait
"""
