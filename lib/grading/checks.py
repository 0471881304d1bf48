"""Helpers for writing exercise checks: fail with a reason, call student code safely, limit its time.

A check function receives the student's object and uses these helpers so
that every way an answer can go wrong ends as a sentence the student can
act on ("one_hot('dog', [...]) returned a vector of length 4, expected 5"),
never as a traceback from inside the grading code.

A check sees only plain data (:mod:`lib.grading.plain_data`): :func:`call` returns the plain
copy of what the student's function returned, so a tuple arrives as a list, a tensor as an
array, and a ``str`` subclass as an ordinary ``str``, in the notebook exactly as in the grader.
A question with separable parts earns partial credit through :func:`case` blocks.

Every check also runs under a time limit (:func:`with_time_limit`, from :mod:`lib.grading.time_limit`),
so a student's infinite loop costs only that question.

Simplified on purpose: messages show at most a short repr of arguments and
results (a long array is summarised by its shape).
"""
from __future__ import annotations

import inspect
from typing import Any, Callable

import numpy as np

from lib.grading.plain_data import NotPlainData, to_plain
from lib.grading.time_limit import CheckTimeout, with_time_limit  # noqa: F401  (checks import them from here)


class CheckFailed(Exception):
    """The answer is wrong; the message is the reason shown to the student."""


class NotAnswered(CheckFailed):
    """The answer is still the stub (``raise NotImplementedError`` or ``...``)."""


class StudentCodeError(Exception):
    """The student's code raised where it ran (in the grader: another, sandboxed process).

    ``type_name`` and ``message`` are the original exception's; ``str(error)`` is
    ``"TypeError: unsupported operand"``, the way :func:`call` reports it.
    """

    def __init__(self, type_name: str, message: str):
        super().__init__(f"{type_name}: {message}")
        self.type_name, self.message = type_name, message


def fail(reason: str):
    """Fail the current check with ``reason``.

    Example: ``fail("expected 5 entries")`` → raises ``CheckFailed("expected 5 entries")``.
    """
    raise CheckFailed(reason)


def short_repr(value: Any, limit: int = 60) -> str:
    """A one-line, truncated repr of an argument or result for messages.

    Example: ``short_repr(np.zeros((100, 3)))`` → ``'<array of shape (100, 3)>'``.
    """
    if isinstance(value, np.ndarray):
        text = repr(value.tolist()) if value.size <= 8 else f"<array of shape {value.shape}>"
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_call(fn: Callable, args: tuple, kwargs: dict | None = None) -> str:
    """The call as the student would write it.

    Example: ``describe_call(one_hot, ("dog", ["cat"]))`` → ``"one_hot('dog', ['cat'])"``.
    """
    parts = [short_repr(a) for a in args] + [f"{k}={short_repr(v)}" for k, v in (kwargs or {}).items()]
    return f"{getattr(fn, '__name__', 'function')}({', '.join(parts)})"


def call(fn: Callable, *args, **kwargs) -> Any:
    """Call the student's function and return the plain copy of its result; its errors become failures.

    Pass only plain data (numbers, str, lists, dicts, arrays) as arguments: in the grader ``fn``
    runs in another process. Example: a stub ``def f(x): raise NotImplementedError`` →
    ``call(f, 1)`` raises ``NotAnswered("`f` still raises NotImplementedError: …")``;
    ``def f(x): return (x, 2 * x)`` → ``call(f, 1)`` returns ``[1, 2]``.
    """
    label = describe_call(fn, args, kwargs)
    if not callable(fn):
        fail(f"expected a function, got {type(fn).__name__} {short_repr(fn)}")
    try:
        result = fn(*args, **kwargs)
    except NotImplementedError:
        raise NotAnswered(f"`{getattr(fn, '__name__', 'function')}` still raises "
                          "NotImplementedError: replace the stub with your code") from None
    except CheckFailed:  # already a reason (in the grader: a stub reported from the other process)
        raise
    except Exception as error:  # the student's bug (a StudentCodeError reads the same), reported as the reason
        fail(f"{label} raised {error}" if isinstance(error, StudentCodeError)
             else f"{label} raised {type(error).__name__}: {error}")
    if result is None:
        fail(f"{label} returned None: is a `return` statement missing?")
    try:
        return to_plain(result)
    except NotPlainData as error:
        fail(f"{label} returned {error}")


def source_of(fn: Callable) -> str | None:
    """The source text of the student's function, or None where it cannot be found.

    A function that runs in another process carries its source as ``__grading_source__`` (text
    read there, only ever parsed here, never run); a local one is read with :mod:`inspect`.
    Example: ``ast.parse(source_of(f))`` to look for loops in ``f``.
    """
    if hasattr(fn, "__grading_source__"):
        source = fn.__grading_source__
        return source if isinstance(source, str) else None
    try:
        return inspect.getsource(fn)
    except (TypeError, OSError):
        return None


def raises(fn: Callable, *args, **kwargs) -> Exception | None:
    """Call ``fn`` expecting an exception; return it, or None if the call returned normally.

    Example: ``raises(int, "x")`` → ``ValueError("invalid literal …")``; ``raises(int, "1")`` → None.
    """
    if not callable(fn):
        fail(f"the answer is {type(fn).__name__}, not a function; define it with `def`")
    try:
        fn(*args, **kwargs)
    except NotImplementedError:
        name = getattr(fn, "__name__", "function")
        raise NotAnswered(f"`{name}` still raises NotImplementedError") from None
    except CheckFailed:
        raise
    except Exception as error:
        return error
    return None


def as_array(value: Any, label: str) -> np.ndarray:
    """``value`` as a float array, or a failure saying what ``label`` returned instead.

    Example: ``as_array([0, 1], "one_hot('dog', vocab)")`` → ``array([0., 1.])``.
    """
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        fail(f"{label} returned {type(value).__name__} {short_repr(value)}, expected an array of numbers")


def as_number(value: Any, label: str, verb: str = "returned") -> float:
    """``value`` as a Python float; arrays with a shape and non-numbers fail.

    Example: ``as_number(np.float64(0.5), "f(1)")`` → 0.5; ``as_number(np.array([0.5]), "f(1)")`` fails
    with "f(1) returned an array of shape (1,); …" (``verb="is"`` words it for a value).
    """
    if isinstance(value, np.ndarray) and value.ndim > 0:
        fail(f"{label} {verb} an array of shape {value.shape}; "
             "it should be a single number, e.g. float(...)")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number, np.ndarray)):
        fail(f"{label} {verb} {type(value).__name__} {short_repr(value)}, expected a number")
    return float(value)


def close(value: Any, expected: Any, rtol: float = 1e-6, atol: float | None = None,
          equal_nan: bool = False) -> bool:
    """True when ``value`` has the shape of ``expected`` and agrees with it entry by entry.

    Parameters
    ----------
    value, expected : number or array-like
        Converted to float arrays. Different shapes are never close: a number is not close to
        an array holding that number, and nothing is broadcast.
    rtol, atol : float
        An entry agrees when ``|value − expected| ≤ atol + rtol · |expected|`` (NumPy's
        ``allclose``). ``atol`` defaults to ``rtol``, so ``close(x, y, 1e-9)`` allows a
        difference of about 1e-9 near zero and a relative difference of 1e-9 elsewhere;
        ``atol=0`` makes the test purely relative.
    equal_nan : bool
        Whether NaN in ``value`` agrees with NaN in the same place of ``expected``.

    Returns
    -------
    bool

    Examples
    --------
    ``close(0.1 + 0.2, 0.3)`` → True; ``close([1.0, 2.0], [1.0, 2.1])`` → False;
    ``close(5.0, [5.0])`` → False (the shapes differ); ``close(1e-9, 0.0, atol=0)`` → False;
    ``close([np.nan, 1.0], [np.nan, 1.0], equal_nan=True)`` → True.
    """
    value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
    atol = rtol if atol is None else atol
    return value.shape == expected.shape and bool(
        np.allclose(value, expected, rtol=rtol, atol=atol, equal_nan=equal_nan))


def pair(result: Any, label: str, names: list[str]) -> list:
    """The parts of a result that should hold ``len(names)`` things; a list and a tuple are the same answer.

    Example: ``pair(call(forward, W, W_out, 2), "forward(W, W_out, 2)", ["h", "y_hat"])`` → ``[h, y_hat]``;
    a single array fails with "forward(W, W_out, 2) returned an array of shape (8,); return (h, y_hat)".
    """
    if not isinstance(result, (list, tuple)) or len(result) != len(names):
        what = (f"{len(result)} things" if isinstance(result, (list, tuple)) else
                f"an array of shape {np.shape(result)}" if isinstance(result, np.ndarray) else
                f"{type(result).__name__} {short_repr(result)}")
        fail(f"{label} returned {what}; return ({', '.join(names)})")
    return list(result)


def tolerance_text(rtol: float = 0.0, atol: float = 0.0) -> str:
    """The tolerance ``|value − expected| ≤ atol + rtol·|expected|`` in words.

    Example: ``tolerance_text(rtol=1e-6)`` → ``'1e-06 relative'``; ``tolerance_text(atol=5e-5)`` → ``'5e-05'``.
    """
    parts = ([f"{atol:.2g}"] if atol else []) + ([f"{rtol:.2g} relative"] if rtol else [])
    return " + ".join(parts) or "0 (exact)"


def how_close(value: float, expected: float, rtol: float = 0.0, atol: float = 0.0) -> str:
    """How far a number is from the expected one, and the tolerance, for a failure message.

    Example: ``how_close(0.1235, 0.12345, rtol=1e-6)`` →
    ``'0.1235 is 5e-05 from the expected value; the tolerance is 1e-06 relative'``.
    """
    return (f"{value:.6g} is {abs(value - expected):.2g} from the expected value; "
            f"the tolerance is {tolerance_text(rtol, atol)}")


def __getattr__(name: str):
    """``Case``, ``case``, ``needs`` and ``recording`` live in :mod:`lib.grading.cases` (partial credit);
    checks import them from here, ``from lib.grading.checks import case``, like every other helper."""
    if name in ("Case", "case", "needs", "recording"):
        from lib.grading import cases
        return getattr(cases, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
