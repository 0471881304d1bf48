"""The softmax and its logarithm: scores in, probabilities out.

    softmax(x)_i = exp(x_i) / Σ_j exp(x_j),    log_softmax(x)_i = x_i − log Σ_j exp(x_j)

Every part of the course that turns scores into probabilities uses these two:
the skip-gram output layer (:mod:`lib.skipgram.network`, :mod:`lib.skipgram.objective`),
attention weights (:mod:`lib.models.attention`), BERT's output layer
(:mod:`lib.models.mlm`) and the InfoNCE loss (:mod:`lib.models.contrastive`).

Both subtract the largest score first. That changes nothing mathematically
(the factor exp(−max) cancels) but keeps ``exp`` from overflowing:
``np.exp(1000.0)`` is ``inf`` and ``inf / inf`` is ``nan``, whereas after the
shift the largest exponent is 0.

Floating-point inputs keep their precision (float32 stays float32); integers
and lists become float64.
"""
from __future__ import annotations

import numpy as np


def _as_float(x) -> np.ndarray:
    """``x`` as a floating-point array, keeping float32/float64. Example: ``[1, 2]`` → ``array([1., 2.])``."""
    x = np.asarray(x)
    return x if np.issubdtype(x.dtype, np.floating) else x.astype(float)


def softmax(x, axis: int = -1) -> np.ndarray:
    """Softmax along ``axis``, shifted by the maximum so large scores do not overflow.

    Parameters
    ----------
    x : array_like, any shape, e.g. (V,) for one row of scores or (n, m) for n rows
        Scores (logits). ``-inf`` entries get probability 0, as long as every
        slice along ``axis`` has at least one finite score.
    axis : int
        The axis that sums to 1; the default, the last one, makes each row a distribution.

    Returns
    -------
    ndarray, same shape as ``x``
        Probabilities: non-negative, summing to 1 along ``axis``.

    Example: ``softmax(np.array([0.0, np.log(3.0)]))`` → ``[0.25, 0.75]``;
    ``softmax([1000.0, 1000.0])`` → ``[0.5, 0.5]`` (no overflow).
    """
    x = _as_float(x)
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(x, axis: int = -1) -> np.ndarray:
    """log softmax along ``axis``, computed stably as ``(x − max) − log Σ exp(x − max)``.

    More accurate than ``np.log(softmax(x))`` for very unlikely entries, whose
    probability would underflow to 0 (and its log to ``-inf``).

    Parameters
    ----------
    x : array_like, any shape, e.g. (n, V): one row of scores per position
    axis : int
        The axis the probabilities run over (default: the last).

    Returns
    -------
    ndarray, same shape as ``x``
        Log-probabilities; ``np.exp`` of them sums to 1 along ``axis``.

    Example: ``log_softmax(np.zeros(4))`` → ``[-1.386, -1.386, -1.386, -1.386]`` (= −log 4);
    ``log_softmax([0.0, 1000.0])`` → ``[-1000, 0]``.
    """
    z = _as_float(x)
    z = z - z.max(axis=axis, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))
