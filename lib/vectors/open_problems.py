"""Three open challenges of the "Future Directions" slide, made concrete on the course's own vectors.

* **Interpretability** — "what do dimensions mean?": the words at either end of one
  coordinate, and the fact that a rotation of the whole space keeps every cosine (so every
  score) while changing what each coordinate's extremes are.
* **Compositionality** — "combining embeddings": a mean of word vectors cannot see word
  order, so "dog bites man" and "man bites dog" get the same vector.
* **Robustness** — "adversarial examples": a one-letter typo, and whether it changes a
  sentence's nearest neighbour.

Simplified on purpose: one kind of perturbation (two adjacent letters swapped in the longest
word), nearest neighbours by cosine among a few hundred sentences.
"""
from __future__ import annotations

import numpy as np

ORDER_PAIRS = [("dog bites man", "man bites dog"),
               ("the cat chased the mouse", "the mouse chased the cat"),
               ("the police arrested the protesters", "the protesters arrested the police"),
               ("australia beat england at cricket", "england beat australia at cricket"),
               ("the government blamed the union", "the union blamed the government"),
               ("fire destroyed the house before the rain", "rain destroyed the house before the fire")]
"""Sentence pairs with the same words in an order that changes the meaning (written for the course)."""

PARAPHRASE_PAIRS = [("a dog bit a man", "a man was bitten by a dog"),
                    ("the cat chased the mouse", "the mouse was chased by the cat"),
                    ("the police arrested the protesters", "the protesters were arrested by the police")]
"""Sentence pairs with the same meaning in different words (written for the course)."""


def dimension_extremes(kv, dim: int, n: int = 8, vocabulary: int = 2000) -> dict:
    """The ``n`` words with the largest and the smallest value of coordinate ``dim``, among the most frequent words.

    Parameters
    ----------
    kv : gensim KeyedVectors (V × d), words sorted by frequency.
    dim : int — the coordinate, 0 ≤ dim < d.
    n : int
    vocabulary : int — only the most frequent this-many words are ranked (rare words have noisy vectors).

    Returns
    -------
    dict with ``top`` and ``bottom``: lists of n words. Example: a coordinate that is 1 for "cat" and −1 for
    "dog" → ``top[0] == "cat"``, ``bottom[0] == "dog"``.
    """
    if not 0 <= dim < kv.vector_size:
        raise ValueError(f"dim={dim}: the vectors have {kv.vector_size} coordinates (0 … {kv.vector_size - 1})")
    words = kv.index_to_key[:vocabulary]
    values = np.asarray(kv.vectors[:len(words), dim])
    order = np.argsort(-values, kind="stable")
    return {"top": [words[i] for i in order[:n]], "bottom": [words[i] for i in order[::-1][:n]]}


def rotated(kv, seed: int = 0):
    """The same vectors turned by a random rotation Q (d × d): every cosine and length unchanged.

    Example: ``rotated(kv).similarity("cat", "dog")`` equals ``kv.similarity("cat", "dog")`` to rounding error.
    """
    from lib.vectors.keyed import to_keyed_vectors
    from lib.vectors.procrustes import random_rotation
    Q = random_rotation(kv.vector_size, seed)
    return to_keyed_vectors(list(kv.index_to_key), np.asarray(kv.vectors, dtype=float) @ Q)


def pair_cosines(encode, pairs) -> np.ndarray:
    """Cosine of each pair of texts under ``encode`` (list of str → (n, d)), shape (len(pairs),).

    A text whose words are all unknown to a static model gets a zero vector and cosine 0.
    Example: any pair of identical texts → 1.0.
    """
    from lib.vectors.similarity import paired_cosines
    return paired_cosines(np.asarray(encode([a for a, _ in pairs])), np.asarray(encode([b for _, b in pairs])))


def typo(sentence: str) -> str:
    """Swap two adjacent letters in the middle of the sentence's longest word (a one-keystroke slip).

    Example: ``typo("Firefighters battled the blaze")`` → ``"Firefihgters battled the blaze"``.
    """
    words = sentence.split()
    if not words:
        raise ValueError("typo needs a non-empty sentence")
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) < 4:
        return sentence
    m = len(w) // 2
    words[i] = w[:m] + w[m + 1] + w[m] + w[m + 2:]
    return " ".join(words)


def neighbour_changes(encode, sentences, queries) -> dict:
    """How often a typo in a query changes its nearest neighbour among ``sentences``.

    Parameters
    ----------
    encode : callable, list of str → (n, d)
    sentences : list of str — the collection searched (the query itself excluded).
    queries : list of int — indices of the sentences used as queries.

    Returns
    -------
    dict with ``changed`` (share of queries whose top-1 neighbour differs after the typo),
    ``cosine`` (mean cosine between each query's vector before and after) and ``examples``
    (up to 3 tuples (query, perturbed query, neighbour before, neighbour after)).
    Example: an encoder that ignores letters → ``changed`` 0.0 and ``cosine`` 1.0.
    """
    from lib.vectors.similarity import normalize_rows, paired_cosines
    S = normalize_rows(np.asarray(encode(list(sentences)), dtype=float))
    clean = [sentences[q] for q in queries]
    noisy = [typo(s) for s in clean]
    Q0 = normalize_rows(np.asarray(encode(clean), dtype=float))
    Q1 = normalize_rows(np.asarray(encode(noisy), dtype=float))
    changed, examples = [], []
    for k, q in enumerate(queries):
        s0, s1 = S @ Q0[k], S @ Q1[k]
        s0[q] = s1[q] = -np.inf                                   # a sentence is not its own neighbour
        a, b = int(np.argmax(s0)), int(np.argmax(s1))
        changed.append(a != b)
        if a != b and len(examples) < 3:
            examples.append((clean[k], noisy[k], sentences[a], sentences[b]))
    return {"changed": float(np.mean(changed)), "cosine": float(np.mean(paired_cosines(Q0, Q1))),
            "examples": examples}
