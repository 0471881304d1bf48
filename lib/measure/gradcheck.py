"""Numerical gradient checking by central differences.

For a function returning ``(loss, grad)`` we perturb each coordinate of x by
±h and compare ``(f(x + h) − f(x − h)) / 2h`` with the analytic gradient. The
relative error of coordinate i is ``|num − ana| / max(1, |num|, |ana|)``; the
check passes when every error is below ``tol``. If the function draws random
numbers (negative samples!), pass ``seed``: NumPy's global random state is reset
before every evaluation so each one sees the same draws.

The result is an object a program can test (``result.passed``), not a printout.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class GradCheckResult:
    """Outcome of :func:`gradient_check`.

    Attributes
    ----------
    passed : bool
    max_error : float — the largest relative error over all coordinates.
    worst_index : tuple — the coordinate with that error.
    first_failure : tuple or None — the first coordinate (in C order) over ``tol``.
    numeric, analytic : ndarray — the two gradients, shape of x.
    """

    passed: bool
    max_error: float
    worst_index: tuple
    first_failure: tuple | None
    numeric: np.ndarray
    analytic: np.ndarray

    def __bool__(self) -> bool:
        return self.passed

    def raise_if_failed(self) -> None:
        """Raise AssertionError naming the first failing coordinate, if any."""
        if not self.passed:
            i = self.first_failure
            raise AssertionError(
                f"gradient check failed at index {i}: numeric {self.numeric[i]:.6g}, "
                f"analytic {self.analytic[i]:.6g} (max relative error {self.max_error:.2e})")


def gradient_check(f, x: np.ndarray, h: float = 1e-4, tol: float = 1e-5,
                   seed: int | None = None) -> GradCheckResult:
    """Compare the analytic gradient of ``f`` at ``x`` with central differences.

    Parameters
    ----------
    f : callable
        ``f(x) -> (loss, grad)`` with a scalar loss and ``grad`` of x's shape.
    x : ndarray
        Point to check at; converted to float64 (float32 is too coarse for h = 1e-4).
    h : float
        Step of the central difference.
    tol : float
        Largest relative error allowed.
    seed : int, optional
        Reset ``np.random.seed(seed)`` before each evaluation.

    Returns
    -------
    GradCheckResult

    Example: ``gradient_check(lambda x: ((x**2).sum(), 2*x), np.ones(3)).passed`` → True.
    """
    x = np.array(x, dtype=np.float64)

    def evaluate(point):
        if seed is not None:
            np.random.seed(seed)
        loss, grad = f(point)
        return float(loss), np.asarray(grad, dtype=np.float64)

    _, analytic = evaluate(x)
    if analytic.shape != x.shape:
        raise ValueError(f"f returned a gradient of shape {analytic.shape} for x of shape {x.shape}")
    numeric = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        plus, _ = evaluate(x)
        x[i] = saved - h
        minus, _ = evaluate(x)
        x[i] = saved
        numeric[i] = (plus - minus) / (2 * h)
    errors = np.abs(numeric - analytic) / np.maximum(1.0, np.maximum(np.abs(numeric), np.abs(analytic)))
    worst = np.unravel_index(np.argmax(errors), errors.shape) if errors.size else ()
    failing = np.argwhere(errors > tol)
    return GradCheckResult(
        passed=bool(len(failing) == 0),
        max_error=float(errors.max()) if errors.size else 0.0,
        worst_index=tuple(int(j) for j in worst),
        first_failure=tuple(int(j) for j in failing[0]) if len(failing) else None,
        numeric=numeric, analytic=analytic)
