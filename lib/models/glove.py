"""GloVe in NumPy: the weighted least-squares objective, its gradients, and AdaGrad training.

Notation (slides, "GloVe: Global Vectors Mathematical Framework"; Pennington,
Socher & Manning, 2014, *GloVe: Global Vectors for Word Representation*, EMNLP):

* ``W`` — word vectors w_i, shape (V, d);   ``b`` — word biases b_i, shape (V,)
* ``C`` — context vectors w̃_j, shape (V, d); ``c`` — context biases b̃_j, shape (V,)
* J = Σ_{i,j: X_ij > 0} f(X_ij) (w_iᵀw̃_j + b_i + b̃_j − log X_ij)²
* f(x) = (x / x_max)^α for x < x_max, else 1   (x_max = 100, α = 3/4)
* the final embedding is w_i + w̃_i.

The sum runs over the non-zero entries only: f(0) = 0 and log 0 is undefined,
so an empty cell contributes nothing, and training costs O(nnz) per epoch
rather than O(V²).

Simplified on purpose: the paper's reference code updates one entry at a time
(in parallel threads); here a shuffled mini-batch of entries is computed at once,
each row's gradients in the batch are summed, and AdaGrad scales the step of
every coordinate by the root of its accumulated squared gradients. The
accumulators start at 1 and vectors at U(−0.5/d, 0.5/d), as in the reference code.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from lib.config import SEED

X_MAX = 100.0
"""GloVe's cut-off x_max: pairs seen this often get full weight."""

ALPHA = 0.75
"""GloVe's exponent α of the weighting function (found best in the paper, as for word2vec's 3/4)."""


def weighting(x, x_max: float = X_MAX, alpha: float = ALPHA) -> np.ndarray:
    """f(x) = (x / x_max)^α below x_max and 1 from x_max on; f(0) = 0.

    Example: ``weighting(np.array([0, 10, 100, 500]))`` → ``[0, 0.1778, 1, 1]``.
    """
    x = np.asarray(x, dtype=np.float64)
    return np.where(x < x_max, (np.maximum(x, 0.0) / x_max) ** alpha, 1.0)


# ----------------------------------------------------------------------------
# Objective and gradients
# ----------------------------------------------------------------------------

def glove_loss_and_grads(W, C, b, c, rows, cols, x, x_max: float = X_MAX, alpha: float = ALPHA):
    """The slide's J over a set of non-zero entries, and its gradients.

    Parameters
    ----------
    W, C : ndarray, shape (V, d)
        Word vectors w_i and context vectors w̃_j.
    b, c : ndarray, shape (V,)
        Word biases b_i and context biases b̃_j.
    rows, cols : ndarray of int, shape (n,)
        The entries (i, j) summed over.
    x : ndarray, shape (n,)
        X_ij of each entry (all > 0).

    Returns
    -------
    loss : float
        J = Σ_n f(x_n) e_n² with e_n = w_iᵀw̃_j + b_i + b̃_j − log x_n.
    grads : tuple (dW, dC, db, dc), shapes (V, d), (V, d), (V,), (V,)
        ∂J/∂w_i = Σ_j 2 f e w̃_j,  ∂J/∂w̃_j = Σ_i 2 f e w_i,  ∂J/∂b_i = Σ_j 2 f e,  ∂J/∂b̃_j = Σ_i 2 f e.
    """
    x = np.asarray(x, dtype=np.float64)
    if np.any(x <= 0):
        raise ValueError("every X_ij must be positive: J sums over the non-zero entries only")
    fx = weighting(x, x_max, alpha)
    err = np.einsum("nd,nd->n", W[rows], C[cols]) + b[rows] + c[cols] - np.log(x)   # e_n
    g = 2.0 * fx * err                                                                # ∂J/∂e_n
    dW, dC = np.zeros_like(W, dtype=np.float64), np.zeros_like(C, dtype=np.float64)
    np.add.at(dW, rows, g[:, None] * C[cols])
    np.add.at(dC, cols, g[:, None] * W[rows])
    db = np.bincount(rows, weights=g, minlength=len(b))
    dc = np.bincount(cols, weights=g, minlength=len(c))
    return float(np.sum(fx * err ** 2)), (dW, dC, db, dc)


def sum_rows(rows: np.ndarray, values: np.ndarray):
    """Sum the ``values`` that share a row id: returns (unique rows (U,), summed values (U, m)).

    Done as one sparse (U × n) @ (n × m) product. Example: rows ``[2, 0, 2]``,
    values ``[[1], [5], [3]]`` → ``([0, 2], [[5], [4]])``.
    """
    from scipy.sparse import csr_matrix
    unique, inverse = np.unique(rows, return_inverse=True)
    S = csr_matrix((np.ones(len(rows), values.dtype), inverse, np.arange(len(rows) + 1)),
                   shape=(len(rows), len(unique)))
    return unique, np.asarray(S.T @ values)


def adagrad_step(P, G, rows, grad, lr: float) -> None:
    """In place, for the given rows: G += grad², P −= lr · grad / √G (AdaGrad, per coordinate).

    Example: P = [[0.]], G = [[1.]], grad = [[3.]], lr = 0.1 → G = [[10.]], P = [[−0.0949]].
    """
    G[rows] += grad ** 2
    P[rows] -= lr * grad / np.sqrt(G[rows])


# ----------------------------------------------------------------------------
# The model and its trainer
# ----------------------------------------------------------------------------

@dataclass
class GloVeModel:
    """Trained GloVe parameters.

    Attributes
    ----------
    words : list of str, length V
    W, C : ndarray, shape (V, d) — word vectors w_i and context vectors w̃_i.
    b, c : ndarray, shape (V,) — biases b_i and b̃_i.
    history : list of dict — per epoch: ``epoch``, ``loss`` (J over all non-zero entries,
        summed during the epoch), ``seconds``.
    """

    words: list
    W: np.ndarray
    C: np.ndarray
    b: np.ndarray
    c: np.ndarray
    history: list = field(default_factory=list)

    def vectors(self, combine: str = "sum") -> np.ndarray:
        """The embedding matrix, shape (V, d): ``'sum'`` (w + w̃, the slide's e_i), ``'word'`` or ``'context'``."""
        options = {"sum": lambda: self.W + self.C, "word": lambda: self.W, "context": lambda: self.C}
        if combine not in options:
            raise ValueError(f"combine must be one of {sorted(options)}, got {combine!r}")
        return options[combine]()

    def keyed_vectors(self, combine: str = "sum", counts=None):
        """The chosen embedding as a gensim ``KeyedVectors`` (see :func:`lib.vectors.keyed.to_keyed_vectors`)."""
        from lib.vectors.keyed import to_keyed_vectors
        return to_keyed_vectors(self.words, self.vectors(combine), counts=counts)


def init_parameters(V: int, dim: int, rng: np.random.Generator, dtype=np.float32):
    """[w_i | b_i] and [w̃_j | b̃_j] side by side, shape (V, d + 1) each, entries ~ U(−0.5/d, 0.5/d).

    Keeping each bias beside its vector lets one gather and one row sum serve both.
    Example: ``init_parameters(3, 2, rng)[0].shape`` → (3, 3).
    """
    Wb = ((rng.random((V, dim + 1)) - 0.5) / dim).astype(dtype)
    Cc = ((rng.random((V, dim + 1)) - 0.5) / dim).astype(dtype)
    return Wb, Cc


def train_glove(X, words, dim: int = 100, epochs: int = 25, x_max: float = X_MAX, alpha: float = ALPHA,
                lr: float = 0.5, batch_size: int = 4096, seed: int = SEED, progress: bool = True,
                callback=None, dtype=np.float32) -> GloVeModel:
    """Fit GloVe to a co-occurrence matrix with mini-batch AdaGrad.

    Parameters
    ----------
    X : scipy sparse matrix, shape (V, V)
        Co-occurrence counts (e.g. :func:`lib.text.cooccurrence.corpus_cooccurrence`).
    words : list of str, length V
    dim : int
        Embedding dimension d.
    epochs : int
        Passes over the non-zero entries, each in a fresh random order.
    x_max, alpha : float
        Weighting function f (the slide's 100 and 0.75).
    lr : float
        AdaGrad's base step η. The reference code uses 0.05 with one update per cell;
        here a word takes one step per batch however many of its cells the batch holds,
        so a larger base step is needed.
    batch_size : int
        Entries per update.
    seed : int
        Seeds the initialisation and the order of entries: same seed, same vectors.
    callback : callable, optional
        ``callback(model, epoch_record)`` after each epoch.
    dtype : NumPy float type
        Of the parameters (float32, like the reference code, halves memory traffic).

    Returns
    -------
    GloVeModel
    """
    from tqdm.auto import tqdm
    coo = X.tocoo()
    keep = coo.data > 0
    rows, cols, x = coo.row[keep].astype(np.int64), coo.col[keep].astype(np.int64), coo.data[keep]
    log_x, fx = np.log(x), weighting(x, x_max, alpha)
    V = X.shape[0]
    if len(words) != V:
        raise ValueError(f"X has {V} rows but {len(words)} words were given")
    rng = np.random.default_rng(seed)
    Wb, Cc = init_parameters(V, dim, rng, dtype)
    G_W, G_C = np.ones_like(Wb), np.ones_like(Cc)                        # AdaGrad accumulators start at 1
    model = GloVeModel(list(words), Wb[:, :dim], Cc[:, :dim], Wb[:, dim], Cc[:, dim])
    n = len(x)
    with tqdm(total=n * epochs, unit="entry", unit_scale=True, disable=not progress, desc="GloVe") as bar:
        for epoch in range(epochs):
            start, loss = time.perf_counter(), 0.0
            order = rng.permutation(n)
            for s in range(0, n, batch_size):
                idx = order[s:s + batch_size]
                i, j = rows[idx], cols[idx]
                a, z = Wb[i], Cc[j]                                          # (B, d + 1) each
                err = np.einsum("nd,nd->n", a[:, :dim], z[:, :dim]) + a[:, dim] + z[:, dim] - log_x[idx]
                loss += float(np.sum(fx[idx] * err ** 2))                    # J over this batch
                g = (2.0 * fx[idx] * err).astype(dtype)[:, None]             # ∂J/∂e, shape (B, 1)
                # ∂J/∂[w_i | b_i] = g [w̃_j | 1] and ∂J/∂[w̃_j | b̃_j] = g [w_i | 1], summed per row:
                # a frequent word appears many times in one batch.
                z[:, dim], a[:, dim] = 1.0, 1.0
                ui, grad_i = sum_rows(i, g * z)
                uj, grad_j = sum_rows(j, g * a)
                adagrad_step(Wb, G_W, ui, grad_i, lr)
                adagrad_step(Cc, G_C, uj, grad_j, lr)
                bar.update(len(idx))
            if not np.isfinite(loss):
                raise FloatingPointError(f"GloVe's loss became {loss} in epoch {epoch + 1}; lower lr")
            record = {"epoch": epoch + 1, "loss": loss, "seconds": time.perf_counter() - start}
            model.history.append(record)
            if callback is not None:
                callback(model, record)
    return model


def course_glove(epochs: int = 15, dim: int = 100, progress: bool = False):
    """GloVe vectors (w + w̃) of the shipped corpus (window 10, 1/d weighting, min_count 5), cached on disk.

    Trained once per corpus size and setting (seconds in quick mode, about a minute at full size),
    then loaded from :func:`lib.paths.cache_dir`. Returns gensim ``KeyedVectors`` with word counts.
    Example: ``course_glove().vector_size`` → 100.
    """
    import os

    from lib.paths import cache_dir
    from lib.text.cooccurrence import corpus_cooccurrence
    from lib.text.corpus import count_tokens, load_shipped_corpus
    from lib.text.vocabulary import Vocabulary
    from lib.vectors.keyed import to_keyed_vectors
    corpus = load_shipped_corpus()
    path = os.path.join(cache_dir(), f"course_glove_{count_tokens(corpus)}tok_dim{dim}_epochs{epochs}_seed{SEED}.npz")
    if not os.path.exists(path):
        vocab = Vocabulary.from_sentences(corpus, min_count=5)
        model = train_glove(corpus_cooccurrence(corpus, vocab, window=10), vocab.words, dim=dim, epochs=epochs,
                            lr=0.5, seed=SEED, progress=progress)
        partial = f"{path}.{os.getpid()}.tmp.npz"
        np.savez(partial, words=np.array(model.words), vectors=model.vectors(), counts=vocab.counts)
        os.replace(partial, path)
    with np.load(path) as data:
        return to_keyed_vectors(data["words"].tolist(), data["vectors"], counts=data["counts"])
