"""Partial credit: a question made of cases, each earning its points unless its block fails.

A check without cases is all-or-nothing. A check with cases goes on after a failed case, so one
wrong part (a softmax that overflows, a loop where none is allowed) costs only that part's points:

=============================  ===================================================================
``case(name, points, hidden)``  a ``with`` block: passes by finishing, fails by ``fail(...)``
``needs(*cases)``              fail the current case unless earlier ones passed
``recording()``                collect the cases of one check (``questions.run_check`` uses it)
=============================  ===================================================================

A hidden case's failure shows only "hidden case <name> failed": never its inputs or expected values.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from lib.grading.checks import CheckFailed, CheckTimeout, NotAnswered, fail


@dataclass
class Case:
    """One part of a question: its name, points and whether it is hidden; ``passed`` is set when it ends.

    ``reason`` is what a student sees: for a hidden case that failed only "hidden case <name> failed".
    """
    name: str
    points: float
    hidden: bool = False
    passed: bool | None = None
    reason: str = ""
    not_answered: bool = False

    def as_tuple(self) -> tuple:
        """``(name, points earned, max_points, hidden, reason)``, as :class:`CheckResult` stores it."""
        return (self.name, self.points if self.passed else 0, self.points, self.hidden, self.reason)


_RECORDERS: list[list[Case]] = []
"""One list per check being run (see :func:`recording`); :func:`case` adds to the innermost."""


@contextmanager
def recording() -> Iterator[list[Case]]:
    """Collect the cases of the check run inside the block (what ``questions.run_check`` uses)."""
    cases: list[Case] = []
    _RECORDERS.append(cases)
    try:
        yield cases
    finally:
        _RECORDERS.remove(cases)


@contextmanager
def case(name: str, points: float, hidden: bool = False) -> Iterator[Case]:
    """A part of a check that earns ``points`` unless its block fails; the check goes on either way.

    A question's score is the sum of its passed cases, capped at its points. Outside a check run
    by ``run_check`` the block runs as plain code and failures propagate. Example::

        with case("values", 1):
            if not close(call(softmax, [1.0, 2.0]), want): fail("...")
        with case("stability", 1, hidden=True):
            ...   # a failure shows only "hidden case stability failed"
    """
    record = Case(name, points, hidden)
    recorder = _RECORDERS[-1] if _RECORDERS else None
    if recorder is None:
        yield record
        record.passed = True
        return
    recorder.append(record)
    try:
        yield record
    except (CheckFailed, AssertionError, NotImplementedError) as error:
        record.passed = False
        record.not_answered = isinstance(error, (NotAnswered, NotImplementedError))
        record.reason = str(error) or "an assertion in the check failed"
    except Exception as error:  # a bug the student's answer triggered in the check
        record.passed = False
        record.reason = f"the check could not use your answer: {type(error).__name__}: {error}"
    except BaseException as error:  # the time limit (or exit()): this case and the rest of the check stop
        record.passed = False
        timed_out = isinstance(error, CheckTimeout)
        record.reason = "not finished in time" if timed_out else f"stopped by {type(error).__name__}"
        raise
    else:
        record.passed = True
    if hidden and not record.passed:
        record.reason = f"hidden case {name} failed"


def needs(*cases: Case) -> None:
    """Fail the current case unless every case in ``cases`` passed (e.g. "no loop" needs right values).

    Example: ``with case("no Python loop", 1): needs(values); ...`` gives a stub no point for having no loop.
    """
    for earlier in cases:
        if earlier.not_answered:
            raise NotAnswered(f"answer case {earlier.name!r} first")
        if not earlier.passed:
            fail(f"this part counts once case {earlier.name!r} passes")
