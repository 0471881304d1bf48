"""Exercise 6 checks: ball volumes, thin shells, distance concentration and the Johnson–Lindenstrauss bound.

Slides: "Volume of Unit Sphere Across Dimensions", "Why Volume Goes to Zero",
"The Shell Phenomenon", "Distance Concentration: The Mathematical Reality"
and "Optimal Dimensions". Expected values come from :mod:`lib.vectors.geometry` and
:mod:`lib.vectors.random_projection` (the Gamma function underneath); each check
recognises the usual wrong answers (Γ(d + 1) for Γ(d/2 + 1), the shell for the
core, squared distances, log10 for ln, …) and says so.

Notebook use::

    from lib.grading.exercises import ex06
    ex06.check("q1")
    ex06.check_all(globals())
"""
from __future__ import annotations

import math

import numpy as np

from lib.grading.checks import as_number, call, close, fail
from lib.grading.questions import Exercise
from lib.vectors.geometry import inner_fraction as ref_inner
from lib.vectors.geometry import unit_ball_volume as ref_volume
from lib.vectors.geometry import volume_peak
from lib.vectors.random_projection import jl_min_dimension

exercise = Exercise("ex06", "High-dimensional geometry", notebook="06_high_dimensional_geometry")
check = exercise.check
check_all = exercise.check_all


@exercise.question("q1", points=2, answer="unit_ball_volume")
def check_volume(unit_ball_volume):
    """unit_ball_volume(d): π^{d/2} / Γ(d/2 + 1), for odd and even d up to 200."""
    for d in [1, 2, 3, 4, 5, 6, 7, 10, 11, 20, 51, 100, 200]:
        label = f"unit_ball_volume({d})"
        got = as_number(call(unit_ball_volume, d), label)
        want = float(ref_volume(d))
        if close(got, want, atol=0):
            continue
        if close(got, np.pi ** d / math.gamma(d + 1), atol=0):
            fail(f"{label} returned {got:.6g} = π^d / d!; the formula halves both: π^(d/2) / Γ(d/2 + 1)")
        if close(got, np.pi ** (d / 2) / math.gamma(d / 2), atol=0):
            fail(f"{label} returned {got:.6g}: the denominator is Γ(d/2 + 1), not Γ(d/2)")
        if close(got, np.pi ** (d / 2) / math.factorial(d // 2), atol=0):
            fail(f"{label} returned {got:.6g}: (d // 2)! is only Γ(d/2 + 1) for even d; "
                 "use the Gamma function (math.gamma) for odd d")
        fail(f"{label} returned {got:.6g}, expected {want:.6g}")
    return "right for d = 1 (2), 2 (π), 3 (4π/3), odd and even d, and d = 200 (about 5.6e-105)"


@exercise.question("q2", points=1, answer="inner_fraction")
def check_inner(inner_fraction):
    """inner_fraction(d, r): the share of the unit ball's volume inside radius r, r^d."""
    for d, r in [(10, 0.9), (50, 0.9), (100, 0.9), (1000, 0.9), (768, 0.99), (3, 0.5), (2, 0.1)]:
        label = f"inner_fraction({d}, {r})"
        got = as_number(call(inner_fraction, d, r), label)
        want = float(ref_inner(d, r))
        if close(got, want, atol=0):
            continue
        if close(got, 1 - want, atol=0):
            fail(f"{label} returned {got:.6g}, the share in the outer shell; the question asks for the "
                 f"share *inside* radius r (expected {want:.6g})")
        if close(got, (1 - r) ** d, atol=0):
            fail(f"{label} returned {got:.6g} = (1 − r)^d; the inner ball has radius r, so its share is r^d")
        fail(f"{label} returned {got:.6g}, expected {want:.6g}")
    return "right for the slides' d = 10, 50, 100, 1000 and for 768 dimensions at r = 0.99"


def _distances_case(seed: int, n: int, d: int):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.normal(size=d)


@exercise.question("q3", points=2, answer="concentration_ratio")
def check_ratio(concentration_ratio):
    """concentration_ratio(points, query): (max − min) / mean of the Euclidean distances from query to each row."""
    cases = [(np.array([[3.0, 4.0], [0.0, 1.0], [6.0, 8.0]]), np.zeros(2))] + \
            [_distances_case(s, n, d) for s, (n, d) in enumerate([(50, 2), (200, 10), (500, 100), (300, 1000)])]
    for points, query in cases:
        label = f"concentration_ratio(points of shape {points.shape}, query)"
        got = as_number(call(concentration_ratio, points.copy(), query.copy()), label)
        D = np.linalg.norm(points - query, axis=1)
        want = (D.max() - D.min()) / D.mean()
        if close(got, want, atol=0):
            continue
        D2 = D ** 2
        if close(got, (D2.max() - D2.min()) / D2.mean(), atol=0):
            fail(f"{label} returned {got:.4g}: that uses squared distances; take the square root first "
                 f"(expected {want:.4g})")
        if close(got, D.std() / D.mean(), atol=0):
            fail(f"{label} returned {got:.4g}, std / mean; the slides' ratio is (max − min) / mean")
        if close(got, D.max() / D.min(), atol=0):
            fail(f"{label} returned {got:.4g}, max / min; the slides' ratio is (max − min) / mean")
        N = np.linalg.norm(points, axis=1)
        if close(got, (N.max() - N.min()) / N.mean(), atol=0):
            fail(f"{label} returned {got:.4g}: those are distances from the origin; measure from the query")
        fail(f"{label} returned {got:.4g}, expected {want:.4g}")
    return "right on a 3-point example (distances 5, 1, 10 → 1.6875) and on Gaussian points in 2 to 1,000 dimensions"


@exercise.question("q4", points=1, answer="jl_dimension")
def check_jl(jl_dimension):
    """jl_dimension(n, eps): the smallest integer k ≥ 4 ln n / (ε²/2 − ε³/3)."""
    for n, eps in [(10_000, 0.1), (10_000, 0.5), (1_000_000, 0.2), (100, 0.3), (50_000, 0.25)]:
        label = f"jl_dimension({n}, {eps})"
        got = as_number(call(jl_dimension, n, eps), label)
        want = jl_min_dimension(n, eps)
        if got == want:
            continue
        exact = 4 * np.log(n) / (eps ** 2 / 2 - eps ** 3 / 3)
        if close(got, exact, atol=0):
            fail(f"{label} returned {got:.6g}: a dimension is a whole number; round up (expected {want})")
        if got == math.floor(exact):
            fail(f"{label} returned {got:g}: rounding down breaks the bound; round up (expected {want})")
        for base, name in [(np.log10(n), "log10"), (np.log2(n), "log2")]:
            if abs(got - 4 * base / (eps ** 2 / 2 - eps ** 3 / 3)) <= 1:
                fail(f"{label} returned {got:g}: the bound uses the natural logarithm ln n, not {name}")
        if abs(got - 4 * np.log(n) / (eps ** 2 / 2)) <= 1:
            fail(f"{label} returned {got:g}: the denominator is ε²/2 − ε³/3; the ε³ term is missing")
        fail(f"{label} returned {got:g}, expected {want}")
    return "right, e.g. 7,895 dimensions for n = 10,000 and ε = 0.1"


@exercise.question("q5", points=1, answer="peak_dimension")
def check_peak(peak_dimension):
    """peak_dimension: the integer dimension d at which the unit ball's volume is largest."""
    got = as_number(peak_dimension, "peak_dimension", verb="is")
    want = volume_peak()["integer_d"]
    if got == want:
        return f"right: V_{want} ≈ {volume_peak()['integer_volume']:.4f} is the largest, as the slide says"
    if abs(got - volume_peak()["real_d"]) < 0.01:
        fail(f"peak_dimension is {got:g}, the maximiser over real d; the question asks for an integer dimension")
    fail(f"peak_dimension is {got:g}; compare unit_ball_volume(d) for d = 1, 2, …, 20 and take the largest")


# ----------------------------------------------------------------------------- typical wrong answers

def _ratio(points, query, kind):
    D = np.linalg.norm(points - query, axis=1)
    return {"squared": ((D ** 2).max() - (D ** 2).min()) / (D ** 2).mean(), "std": D.std() / D.mean(),
            "max/min": D.max() / D.min()}[kind]


WRONG_ANSWERS = {
    "q1": [("π^d / d!", lambda d: np.pi ** d / math.gamma(d + 1)),
           ("Γ(d/2) in the denominator", lambda d: np.pi ** (d / 2) / math.gamma(d / 2)),
           ("(d // 2)! for odd d", lambda d: np.pi ** (d / 2) / math.factorial(d // 2))],
    "q2": [("the outer shell, 1 − r^d", lambda d, r: 1 - r ** d),
           ("(1 − r)^d", lambda d, r: (1 - r) ** d)],
    "q3": [("squared distances", lambda p, q: _ratio(p, q, "squared")),
           ("std / mean", lambda p, q: _ratio(p, q, "std")),
           ("max / min", lambda p, q: _ratio(p, q, "max/min")),
           ("distances from the origin",
            lambda p, q: np.ptp(np.linalg.norm(p, axis=1)) / np.linalg.norm(p, axis=1).mean())],
    "q4": [("not rounded", lambda n, e: 4 * np.log(n) / (e ** 2 / 2 - e ** 3 / 3)),
           ("log10", lambda n, e: math.ceil(4 * np.log10(n) / (e ** 2 / 2 - e ** 3 / 3))),
           ("ε³ term missing", lambda n, e: math.ceil(4 * np.log(n) / (e ** 2 / 2)))],
    "q5": [("the real maximiser", 5.2569), ("six", 6)],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns)."""
