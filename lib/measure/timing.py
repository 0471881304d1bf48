"""The timers every measurement of the course uses.

Wall time on a shared machine is noisy; the best of a few repeats is the
figure least disturbed by other work, and the one the course reports.
"""
from __future__ import annotations

import time


def best_time(fn, repeats: int = 5, warm_up: bool = True) -> float:
    """Best wall time of ``repeats`` calls of ``fn()``, in seconds (the least disturbed by other work).

    ``warm_up`` makes one untimed call first (caches filled, code compiled); leave it off when
    the first call is what is measured. Example: ``best_time(lambda: sum(range(1000)))`` → about 1e-5.
    """
    if warm_up:
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def timed(function, *args):
    """``(function(*args), seconds it took)``."""
    start = time.perf_counter()
    return function(*args), time.perf_counter() - start
