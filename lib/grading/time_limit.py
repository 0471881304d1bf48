"""The time limit every check runs under, so a student's infinite loop costs only that question.

Simplified on purpose: the limit uses SIGALRM (Unix, main thread); elsewhere a watchdog thread
reports a runaway call as a timeout but cannot stop it.
"""
from __future__ import annotations

import signal
import threading
import time
from typing import Any, Callable


class CheckTimeout(BaseException):
    """A check ran past its time limit (a BaseException, so ``except Exception`` cannot swallow it)."""


def with_time_limit(seconds: float | None, fn: Callable, *args) -> Any:
    """Run ``fn(*args)``; raise :class:`CheckTimeout` if it takes longer than ``seconds``.

    Example: ``with_time_limit(0.1, time.sleep, 5)`` → raises CheckTimeout after 0.1 s.
    """
    if not seconds or seconds <= 0:
        return fn(*args)
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        def on_alarm(signum, frame):
            raise CheckTimeout(seconds)

        start = time.monotonic()
        previous_handler = signal.signal(signal.SIGALRM, on_alarm)
        previous_timer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return fn(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler)
            if previous_timer > 0:  # give an outer time limit back what is left of it
                left = previous_timer - (time.monotonic() - start)
                signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))
    box: dict[str, Any] = {}

    def target():
        try:
            box["value"] = fn(*args)
        except BaseException as error:  # handed back to the caller's thread below
            box["error"] = error

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise CheckTimeout(seconds)
    if "error" in box:
        raise box["error"]
    return box["value"]
