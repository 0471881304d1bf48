"""Training dynamics: what skip-gram looks like epoch by epoch, and the curves the slides fit to it.

Slides: "Rapid Learning: Gradient Dynamics", "Space Formation", "Fine-Tuning",
"Convergence". We train with :func:`lib.skipgram.numpy_engine.train_numpy` and, after
every epoch (its ``callback``), record on a *fixed* probe of training pairs:

* the probe loss J (same pairs, same negatives every epoch, so no SGD noise);
* gradient norms of J, per pair and for the probe's mean loss;
* WordSim353, SimLex-999 and analogy accuracy (:mod:`lib.vectors.evaluation`);
* a snapshot of chosen words' vectors, for pictures of the space forming.

Epoch 0 is the initialisation, rebuilt with :func:`lib.skipgram.model.init_weights`
and the trainer's seed, so it is exactly the state training starts from.

Simplified on purpose: the probe is a few thousand pairs from epoch 0's windows;
gradients are those of negative sampling (the trainer's default objective).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lib.skipgram.epoch_pairs import EpochPairs
from lib.skipgram.model import EpochRecord, init_weights
from lib.skipgram.numpy_engine import negative_sampling_score_grads, train_numpy
from lib.skipgram.settings import TrainingSettings
from lib.vectors.similarity import normalize_rows


def initial_loss_negative_sampling(k: int) -> float:
    """Loss at initialisation with ``W_out = 0``: every score is 0, so J = (k + 1) ln 2.

    Example: ``initial_loss_negative_sampling(5)`` → 4.1589 (= 6 ln 2).
    """
    return (k + 1) * np.log(2.0)


def initial_loss_softmax(V: int) -> float:
    """Full-softmax loss at initialisation with ``W_out = 0``: P(o | c) = 1/V, so −log P = ln V.

    Example: ``initial_loss_softmax(10_000)`` → 9.2103, the slides' "9.21".
    """
    return float(np.log(V))


# ----------------------------------------------------------------------------
# The probe: fixed pairs and negatives, and the loss and gradient norms on them
# ----------------------------------------------------------------------------

@dataclass
class Probe:
    """A fixed sample of B training pairs with K negatives each (arrays of word ids).

    Attributes: ``centers`` (B,), ``contexts`` (B,), ``negatives`` (B, K).
    """

    centers: np.ndarray
    contexts: np.ndarray
    negatives: np.ndarray


def make_probe(sentences, vocab, settings: TrainingSettings, n_pairs: int = 4000) -> Probe:
    """Draw ``n_pairs`` pairs from epoch 0's windows under ``settings``, and their negatives, once.

    Example: ``make_probe(sentences, model.vocab, TrainingSettings(), 100).negatives.shape`` → ``(100, 5)``.
    """
    data = EpochPairs(sentences, settings, vocab=vocab)
    centers, contexts = map(np.concatenate, zip(*data.epoch_pairs(0)))
    rng = np.random.default_rng([settings.seed, 7])
    pick = rng.choice(len(centers), size=min(n_pairs, len(centers)), replace=False)
    return Probe(centers[pick], contexts[pick], data.sampler.sample(rng, (len(pick), settings.negative)))


def probe_loss_and_gradients(W_in: np.ndarray, W_out: np.ndarray, probe: Probe) -> dict:
    """Negative-sampling loss on the probe and the norms of its gradient.

    Parameters
    ----------
    W_in, W_out : ndarray, shape (V, d) — v_w and u_w.
    probe : Probe

    Returns
    -------
    dict
        ``loss``: mean J over the B pairs; ``grad_norm_pair``: mean over pairs of
        ‖∇J_b‖, the gradient of one pair's loss w.r.t. everything it touches (v_c,
        u_o and the K negatives' u); ``grad_norm_mean``: ‖∇ (1/B) Σ_b J_b‖ over
        all of W_in and W_out (rows shared by several pairs add up first);
        ``grad_var_pair``: E_b ‖∇J_b − ∇J̄‖², the variance of one pair's gradient (word2vec's
        SGD step uses one pair) about the mean gradient ∇J̄ = (1/B) Σ_b ∇J_b;
        ``grad_v_pair``: mean ‖∂J_b/∂v_c‖.

    Example: at initialisation (W_out = 0) → ``loss`` = (K+1) ln 2 and ``grad_v_pair`` = 0.
    """
    outputs = np.concatenate([probe.contexts[:, None], probe.negatives], axis=1)   # (B, 1+K)
    v_c = W_in[probe.centers].astype(np.float64)                                   # (B, d)
    u = W_out[outputs].astype(np.float64)                                          # (B, 1+K, d)
    loss, g = negative_sampling_score_grads(v_c, u)                                # g = ∂J/∂s
    grad_v = np.einsum("bk,bkd->bd", g, u)                                         # (B, d)
    grad_u = g[:, :, None] * v_c[:, None, :]                                       # (B, 1+K, d)
    per_pair = np.sqrt((grad_v ** 2).sum(1) + (grad_u ** 2).sum((1, 2)))
    B = len(loss)
    total = 0.0
    for ids, grads in [(probe.centers, grad_v), (outputs.ravel(), grad_u.reshape(-1, v_c.shape[1]))]:
        unique, inverse = np.unique(ids, return_inverse=True)
        summed = np.zeros((len(unique), v_c.shape[1]))
        np.add.at(summed, inverse, grads)                                          # rows shared by pairs add up
        total += float((summed ** 2).sum())
    return {"loss": float(loss.mean()), "grad_norm_pair": float(per_pair.mean()),
            "grad_norm_mean": np.sqrt(total) / B,
            "grad_var_pair": float(_pair_gradient_sq_norms(grad_v, grad_u, outputs).mean() - total / B ** 2),
            "grad_v_pair": float(np.linalg.norm(grad_v, axis=1).mean())}


def _pair_gradient_sq_norms(grad_v: np.ndarray, grad_u: np.ndarray, outputs: np.ndarray) -> np.ndarray:
    """‖∇J_b‖² of each pair's whole gradient, shape (B,), with the gradients of a row that occurs twice
    among the pair's outputs (a negative drawn twice, or equal to the context) added before squaring.

    grad_v: (B, d); grad_u: (B, 1+K, d); outputs: (B, 1+K) row ids of W_out.
    """
    same_row = outputs[:, :, None] == outputs[:, None, :]                     # (B, 1+K, 1+K)
    gram = np.einsum("bjd,bld->bjl", grad_u, grad_u)
    return (grad_v ** 2).sum(1) + (gram * same_row).sum((1, 2))


# ----------------------------------------------------------------------------
# Recording a training run
# ----------------------------------------------------------------------------

@dataclass
class DynamicsRecorder:
    """Collects one row of measurements per epoch (epoch 0 = initialisation) and word snapshots.

    Use ``recorder.callback`` as a training callback (:func:`lib.skipgram.numpy_engine.train_numpy`). ``rows`` is a list
    of dicts; ``snapshots`` maps epoch → array (n_words, d) of the ``words``' vectors.
    """

    probe: Probe
    words: list = field(default_factory=list)
    evaluate: bool = True
    rows: list = field(default_factory=list)
    snapshots: dict = field(default_factory=dict)

    def measure(self, epoch: int, vocab, W_in, W_out, record: EpochRecord | None = None) -> dict:
        """Measure the state after ``epoch`` epochs and append it to ``rows``."""
        from lib.vectors.evaluation import analogy_accuracy, word_pair_spearman
        from lib.vectors.keyed import to_keyed_vectors
        row = {"epoch": epoch, **probe_loss_and_gradients(W_in, W_out, self.probe)}
        row["train_loss"] = record.loss if record else np.nan           # running mean during the epoch
        row["alpha"] = record.alpha if record else np.nan
        row["mean_norm"] = float(np.linalg.norm(W_in, axis=1).mean())
        if self.evaluate:
            kv = to_keyed_vectors(vocab.words, W_in)
            row["wordsim353"] = word_pair_spearman(kv, "wordsim353")["spearman"]
            row["simlex999"] = word_pair_spearman(kv, "simlex999")["spearman"]
            row["analogy"] = analogy_accuracy(kv).accuracy
        present = [vocab.index[w] for w in self.words if w in vocab.index]
        self.snapshots[epoch] = W_in[present].astype(np.float64).copy()
        self.rows.append(row)
        return row

    def callback(self, model, record: EpochRecord) -> None:
        """Training callback: measure after each epoch."""
        self.measure(record.epoch, model.vocab, model.W_in, model.W_out, record)

    def table(self):
        """The rows as a pandas DataFrame indexed by epoch."""
        import pandas as pd
        return pd.DataFrame(self.rows).set_index("epoch")


def train_with_dynamics(sentences, settings: TrainingSettings | None = None, words=(), *, probe_pairs: int = 4000,
                        evaluate: bool = True, progress: bool = True, vocab=None):
    """Train skip-gram (the NumPy engine) with ``settings`` and record its dynamics from epoch 0 to the end.

    Parameters
    ----------
    sentences : list of list of str
    settings : TrainingSettings, optional
    words : iterable of str — words whose vectors are kept every epoch (those missing are skipped).
    probe_pairs : int — pairs of the fixed probe the loss and gradients are measured on.
    evaluate : bool — also score WordSim353, SimLex-999 and analogies every epoch.
    progress : bool
    vocab : Vocabulary, optional — built with ``settings.min_count`` if omitted.

    Returns ``(model, recorder)``; ``recorder.table()`` has one row per epoch 0..epochs.
    Example: ``train_with_dynamics(s, TrainingSettings(epochs=2), ["king"])[1].table().index`` → ``[0, 1, 2]``.
    """
    from lib.text.vocabulary import Vocabulary
    settings = settings or TrainingSettings()
    vocab = vocab or Vocabulary.from_sentences(sentences, settings.min_count)
    probe = make_probe(sentences, vocab, settings, probe_pairs)
    recorder = DynamicsRecorder(probe, [w for w in words if w in vocab], evaluate)
    W_in, W_out = init_weights(len(vocab), settings.dim, np.random.default_rng(settings.seed))   # the trainer's start
    recorder.measure(0, vocab, W_in, W_out)
    model = train_numpy(sentences, settings, vocab=vocab, progress=progress, callback=recorder.callback)
    return model, recorder


# ----------------------------------------------------------------------------
# The slides' fitted forms
# ----------------------------------------------------------------------------

def fit_exponential(t, L) -> dict:
    """Least-squares fit of L(t) = L0 · e^(−α t) (a straight line in log L).

    Returns ``L0``, ``alpha`` and ``rmse`` (of L, not log L).
    Example: ``fit_exponential([0, 1, 2], 9 * np.exp(-0.1 * np.arange(3)))`` → L0 = 9, α = 0.1.
    """
    t, L = np.asarray(t, float), np.asarray(L, float)
    slope, intercept = np.polyfit(t, np.log(L), 1)
    L0, alpha = float(np.exp(intercept)), float(-slope)
    return {"L0": L0, "alpha": alpha, "rmse": float(np.sqrt(np.mean((L0 * np.exp(-alpha * t) - L) ** 2)))}


def fit_exponential_floor(t, L) -> dict:
    """Fit L(t) = L_inf + (L0 − L_inf) · e^(−α t): exponential decay towards a floor.

    Returns ``L0``, ``L_inf``, ``alpha``, ``rmse``.
    Example: data made with L0 = 4, L_inf = 2, α = 0.5 → those three numbers back.
    """
    from scipy.optimize import curve_fit
    t, L = np.asarray(t, float), np.asarray(L, float)

    def model(t, L0, L_inf, alpha):
        return L_inf + (L0 - L_inf) * np.exp(-alpha * t)

    (L0, L_inf, alpha), _ = curve_fit(model, t, L, p0=(L[0], L[-1], 0.3), maxfev=20_000)
    return {"L0": float(L0), "L_inf": float(L_inf), "alpha": float(alpha),
            "rmse": float(np.sqrt(np.mean((model(t, L0, L_inf, alpha) - L) ** 2)))}


def fit_log_phase(t, L, t0: float = 20.0) -> dict:
    """Fit the slides' fine-tuning form L(t) = L_t0 · (1 − β log(t / t0)), for t ≥ t0.

    Linear in log(t/t0): intercept L_t0, slope −L_t0·β. Returns ``L_t0``, ``beta``, ``rmse``.
    Example: data made with L_t0 = 3, β = 0.05, t0 = 20 → those numbers back.
    """
    t, L = np.asarray(t, float), np.asarray(L, float)
    slope, intercept = np.polyfit(np.log(t / t0), L, 1)
    beta = -slope / intercept
    fitted = intercept * (1 - beta * np.log(t / t0))
    return {"L_t0": float(intercept), "beta": float(beta), "rmse": float(np.sqrt(np.mean((fitted - L) ** 2)))}


def epochs_to_fraction(values, fraction: float = 0.9, baseline: float = 0.0) -> int:
    """First index (epoch) at which ``values`` reach ``fraction`` of the way from ``baseline`` to the last value.

    Example: ``epochs_to_fraction([0, 0.5, 0.95, 1.0])`` → 2.
    """
    v = np.asarray(values, float)
    target = baseline + fraction * (v[-1] - baseline)
    reached = np.flatnonzero(v >= target) if v[-1] >= baseline else np.flatnonzero(v <= target)
    return int(reached[0])


def group_separation(V, groups) -> float:
    """Mean cosine within groups minus mean cosine between groups, after centring the rows of V (n, d).

    Centring removes the direction all word vectors share, which otherwise lifts every cosine alike.
    Example: two tight, distant clusters → close to 1 − (−1) = 2; a random cloud → about 0.
    """
    V = np.asarray(V, float) - np.mean(V, axis=0)
    Vn = normalize_rows(V)
    groups = np.asarray(groups)
    C, same = Vn @ Vn.T, np.equal.outer(groups, groups)
    off = ~np.eye(len(V), dtype=bool)
    return float(C[same & off].mean() - C[~same].mean())
