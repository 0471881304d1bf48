"""High-dimensional geometry: ball volumes, thin shells and the concentration of distances.

Three facts the slides build on, each as a function that can be evaluated
for any dimension d:

* the volume of the unit ball, ``V_d = π^{d/2} / Γ(d/2 + 1)`` (peaks near d = 5,
  then falls to 0);
* the share of a ball's volume inside radius r < 1, ``r^d`` (almost nothing in
  high dimensions: the volume lives near the surface);
* distance concentration: the distances from a query to n random points all
  come close to their mean, with a relative spread that shrinks like
  ``sqrt(log n / d)``.

For the last one the constant can be worked out. With query and points drawn
from N(0, I_d), a squared distance D² given the query has mean ≈ 2d and
variance ≈ 6d, so D ≈ sqrt(2d) + 0.87·Z with Z standard normal: the relative
spread is ``sqrt(3 / (8d))``, and the range of n such distances is about the
expected range of n standard normals, ``E[R_n] ≈ 2 sqrt(2 ln n)``, times 0.87.
Hence ``(max − min) / mean ≈ E[R_n] · sqrt(3 / (8d)) → sqrt(3 ln n / d)``.

Simplified on purpose: Gaussian data only; log-space arithmetic (``math.lgamma``)
keeps the volumes finite in thousands of dimensions.
"""
from __future__ import annotations

import math

import numpy as np

from lib.vectors.similarity import normalize_rows


def _lgamma(x) -> np.ndarray:
    """Natural log of the Gamma function, element-wise (math.lgamma; keeps scipy out of the import).

    Example: ``_lgamma([1, 5])`` → ``[0.0, log(24)]``.
    """
    x = np.asarray(x, dtype=float)
    return np.vectorize(math.lgamma, otypes=[float])(x) if x.ndim else np.float64(math.lgamma(float(x)))


# --------------------------------------------------------------------------- volumes and shells

def log_unit_ball_volume(d):
    """Natural log of ``V_d = π^{d/2} / Γ(d/2 + 1)``, for scalar or array ``d`` (real d allowed).

    Example: ``log_unit_ball_volume(2)`` → log(π) = 1.1447.
    """
    d = np.asarray(d, dtype=float)
    return d / 2 * np.log(np.pi) - _lgamma(d / 2 + 1)


def unit_ball_volume(d):
    """Volume of the unit ball in d dimensions, ``π^{d/2} / Γ(d/2 + 1)``.

    Example: ``unit_ball_volume(3)`` → 4π/3 = 4.18879; ``unit_ball_volume(5)`` → 5.26379.
    """
    return np.exp(log_unit_ball_volume(d))


def volume_peak() -> dict:
    """Where V_d peaks: over the integers, and over real d (where ψ(d/2 + 1) = ln π).

    The real maximiser is found by golden-section search on log V_d, which is
    concave in d. Returns ``{"integer_d": 5, "integer_volume": 5.2638,
    "real_d": 5.2569, "real_volume": 5.2778}`` (rounded here).
    Example: ``volume_peak()["integer_d"]`` → 5.
    """
    ds = np.arange(1, 51)
    best = int(ds[np.argmax(unit_ball_volume(ds))])
    lo, hi, ratio = 1.0, 20.0, (np.sqrt(5) - 1) / 2
    for _ in range(200):
        a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
        if log_unit_ball_volume(a) < log_unit_ball_volume(b):
            lo = a
        else:
            hi = b
    real = (lo + hi) / 2
    return {"integer_d": best, "integer_volume": float(unit_ball_volume(best)),
            "real_d": float(real), "real_volume": float(unit_ball_volume(real))}


def log10_factorial(n):
    """log10(n!) through the Gamma function, exact for large n. Example: ``log10_factorial(50)`` → 64.483."""
    return _lgamma(np.asarray(n, dtype=float) + 1) / np.log(10)


def stirling(n):
    """Stirling's approximation ``sqrt(2πn) (n/e)^n``. Example: ``stirling(10)`` → 3,598,696 (10! = 3,628,800)."""
    n = np.asarray(n, dtype=float)
    return np.sqrt(2 * np.pi * n) * (n / np.e) ** n


def inner_fraction(d, r: float = 0.9):
    """Share of the unit ball's volume inside radius r: ``r^d``.

    Example: ``inner_fraction(10)`` → 0.3487; ``inner_fraction(100)`` → 2.66e-05.
    """
    return np.asarray(r, dtype=float) ** np.asarray(d, dtype=float)


def radius_holding(d, fraction: float):
    """Radius r whose inner ball holds ``fraction`` of the unit ball's volume: ``fraction^(1/d)``.

    Example: ``radius_holding(768, 1e-8)`` → 0.9763 (so 1 − 10⁻⁸ of the volume is within 2.4 % of the surface).
    """
    return float(fraction) ** (1 / np.asarray(d, dtype=float))


def sample_in_ball(n: int, d: int, rng: np.random.Generator) -> np.ndarray:
    """n points drawn uniformly from the unit ball in d dimensions, shape (n, d).

    A Gaussian direction times a radius ``U^{1/d}`` (U uniform on [0, 1]).
    Example: ``np.linalg.norm(sample_in_ball(5, 3, rng), axis=1).max()`` → a number below 1.
    """
    g = rng.normal(size=(n, d))
    directions = normalize_rows(g)
    return directions * rng.random(n)[:, None] ** (1 / d)


# --------------------------------------------------------------------------- distance concentration

def query_distances(n: int, d: int, rng: np.random.Generator) -> np.ndarray:
    """Euclidean distances from one query to n points, all drawn from N(0, I_d), shape (n,).

    Example: ``query_distances(1000, 100, rng).mean()`` → about sqrt(2 · 100) = 14.1.
    """
    query = rng.normal(size=d)
    points = rng.normal(size=(n, d))
    return np.linalg.norm(points - query, axis=1)


def spread(distances) -> dict:
    """How concentrated a set of distances is.

    Returns
    -------
    dict
        ``range_over_mean`` (max − min)/mean, ``max_over_min``, ``std_over_mean``,
        ``min_over_mean`` (how close the nearest point is, relative to a typical one),
        ``within_10pct`` (share within ±10 % of the mean) and ``max_deviation``
        (largest |D − mean| / mean).

    Example: distances [9, 10, 11] → range_over_mean 0.2, max_over_min 1.222, min_over_mean 0.9.
    """
    D = np.asarray(distances, dtype=float)
    mean = D.mean()
    return {"range_over_mean": float((D.max() - D.min()) / mean),
            "max_over_min": float(D.max() / D.min()),
            "std_over_mean": float(D.std() / mean),
            "min_over_mean": float(D.min() / mean),
            "within_10pct": float(np.mean(np.abs(D - mean) <= 0.1 * mean)),
            "max_deviation": float(np.abs(D - mean).max() / mean)}


def slide_ratio_formula(d):
    """The slides' "ratio ≈ sqrt(1 + 2/d)". Example: ``slide_ratio_formula(100)`` → 1.00995 (tends to 1)."""
    return np.sqrt(1 + 2 / np.asarray(d, dtype=float))


def squared_distance_moment_ratio(n_pairs: int, d: int, rng: np.random.Generator) -> float:
    """``sqrt(E[D⁴]) / E[D²]`` over ``n_pairs`` independent pairs of N(0, I_d) points.

    E[D²] = 2d and Var(D²) = 8d, so the exact value is ``sqrt(1 + 2/d)``: the one
    reading under which the slide's formula is right (it measures the relative
    spread of *squared* distances, and tends to 1, not 0).
    Example: ``squared_distance_moment_ratio(200_000, 10, rng)`` → about 1.095.
    """
    D2 = np.sum((rng.normal(size=(n_pairs, d)) - rng.normal(size=(n_pairs, d))) ** 2, axis=1)
    return float(np.sqrt(np.mean(D2 ** 2)) / np.mean(D2))


def expected_normal_range(n: int) -> float:
    """Expected range (max − min) of n independent standard normal numbers.

    ``E[R_n] = ∫ (1 − Φ(x)^n − (1 − Φ(x))^n) dx``; grows like ``2 sqrt(2 ln n)``.
    Example: ``expected_normal_range(2)`` → 2/sqrt(π) = 1.1284; ``expected_normal_range(1000)`` → 6.483.
    """
    from scipy import integrate, stats
    if n < 2:
        return 0.0
    f = lambda x: 1 - stats.norm.cdf(x) ** n - stats.norm.sf(x) ** n  # noqa: E731
    value, _ = integrate.quad(f, -12, 12, limit=200)
    return float(value)


def predicted_range_over_mean(n: int, d) -> np.ndarray:
    """Large-d prediction of (max − min)/mean for n Gaussian points and a Gaussian query.

    ``E[R_n] · sqrt(3 / (8d))`` (module docstring). Example: ``predicted_range_over_mean(1000, 100)`` → 0.397.
    """
    return expected_normal_range(n) * np.sqrt(3 / (8 * np.asarray(d, dtype=float)))


def concentration_curve(dims, n: int, trials: int, rng: np.random.Generator):
    """Measured spread of query distances per dimension, averaged over ``trials`` queries, as a DataFrame.

    Columns: the :func:`spread` entries, ``predicted`` (:func:`predicted_range_over_mean`)
    and ``slide sqrt(1+2/d)``. Example: ``concentration_curve([2, 100], 1000, 5, rng)`` → 2 rows.
    """
    import pandas as pd
    rows = []
    for d in dims:
        stats_ = [spread(query_distances(n, d, rng)) for _ in range(trials)]
        row = {k: float(np.mean([s[k] for s in stats_])) for k in stats_[0]}
        row.update({"d": d, "predicted": float(predicted_range_over_mean(n, d)),
                    "slide sqrt(1+2/d)": float(slide_ratio_formula(d))})
        rows.append(row)
    return pd.DataFrame(rows).set_index("d")


def data_concentration(X, n_queries: int, rng: np.random.Generator) -> dict:
    """:func:`spread` of the distances from ``n_queries`` random rows of X (n, d) to all other rows, averaged.

    Example: trained word vectors versus Gaussian points of the same shape.
    """
    X = np.asarray(X, dtype=float)
    picks = rng.choice(len(X), size=n_queries, replace=False)
    stats_ = []
    for q in picks:
        D = np.linalg.norm(np.delete(X, q, axis=0) - X[q], axis=1)
        stats_.append(spread(D))
    return {k: float(np.mean([s[k] for s in stats_])) for k in stats_[0]}
