"""Vector arithmetic on embeddings: analogies on a plain matrix, answer ranks, and relation offsets.

An analogy a : b :: c : ? ("man is to king as woman is to ?") is answered by
the word x, other than a, b and c, whose unit vector scores highest under

* 3CosAdd  ``cos(x, b) − cos(x, a) + cos(x, c)``, the same as ranking by the
  cosine between x and ``b̂ − â + ĉ`` (the slides' "king − man + woman");
* 3CosMul  ``cos'(x, b) · cos'(x, c) / (cos'(x, a) + ε)`` with
  ``cos' = (cos + 1)/2`` and ε = 0.001 (Levy & Goldberg, 2014).

:mod:`lib.vectors.evaluation` applies these to the whole analogy set through gensim;
here they work on any (V, d) matrix, so small hand-made examples and trained
vectors go through the same code. A relation such as capital→country is
*consistent* if its offset vectors ``b − a`` all point the same way:
:func:`offset_cosines` measures that.

Simplified on purpose: every search is exhaustive (one matrix product per question).
"""
from __future__ import annotations

import numpy as np

from lib.vectors.similarity import cosine_similarity, normalize_rows

SLIDE_VECTORS = {"king": [0.5, 0.2, 0.9], "man": [0.5, 0.2, 0.1],
                 "woman": [0.5, 0.8, 0.1], "queen": [0.5, 0.8, 0.9]}
"""The slides' 3-D example ("Vector Relationships in 3D Space"), word → vector of shape (3,)."""

EPSILON = 1e-3
"""ε of 3CosMul, as in Levy & Goldberg (2014), on cosines shifted to [0, 1]."""

METHODS = ("3cosadd", "3cosmul")
"""The two ways of scoring an answer: :func:`three_cos_scores` computes either."""


def three_cos_scores(cos_a, cos_b, cos_c, method: str = "3cosadd") -> np.ndarray:
    """3CosAdd or 3CosMul of every candidate x, from its cosines with the question words a, b and c.

    Parameters
    ----------
    cos_a, cos_b, cos_c : ndarray, all of one shape — (V,) for one question, (q, V) for q questions
        cos(x, a), cos(x, b) and cos(x, c) for every candidate x.
    method : ``"3cosadd"`` or ``"3cosmul"``.

    Returns
    -------
    ndarray, the same shape — higher is better:

    * 3CosAdd ``cos_b − cos_a + cos_c``;
    * 3CosMul ``cos'_b · cos'_c / (cos'_a + ε)`` with ``cos' = (cos + 1)/2`` and ε = :data:`EPSILON`.

    Example: ``three_cos_scores(np.array([0.0]), np.array([1.0]), np.array([1.0]), "3cosmul")``
    → ``[1.996]`` (= 1 · 1 / (0.5 + 0.001)); with ``"3cosadd"`` → ``[2.0]``.
    """
    if method == "3cosadd":
        return cos_b - cos_a + cos_c
    if method == "3cosmul":
        return (cos_b + 1) / 2 * (cos_c + 1) / 2 / ((cos_a + 1) / 2 + EPSILON)
    raise ValueError(f"method must be '3cosadd' or '3cosmul', got {method!r}")


def question_scores(U, abc, method: str = "3cosadd", chunk: int = 256):
    """Score every row of ``U`` as the answer to many questions, ``chunk`` questions at a time.

    Parameters
    ----------
    U : ndarray, shape (V, d) — unit rows (dot products are cosines).
    abc : ndarray of int, shape (Q, 3) — row indices of each question's a, b and c.
    method : ``"3cosadd"`` or ``"3cosmul"``.
    chunk : int — questions per matrix product; bounds the memory at 3 · chunk · V scores.

    Yields
    ------
    start : int — index of the chunk's first question in ``abc``.
    score : ndarray, shape (q, V) — :func:`three_cos_scores` of questions ``start … start + q − 1``;
        each question's a, b and c get −inf, so they are never the answer.

    Example: ``next(question_scores(U, np.array([[0, 1, 2]])))[1].argmax()`` → the best answer to question 0.
    """
    if method not in METHODS:
        raise ValueError(f"method must be '3cosadd' or '3cosmul', got {method!r}")
    abc = np.asarray(abc, dtype=np.int64).reshape(-1, 3)
    for start in range(0, len(abc), chunk):
        part = abc[start:start + chunk]
        cos = [U[part[:, j]] @ U.T for j in range(3)]                    # 3 × (q, V)
        score = three_cos_scores(*cos, method)
        np.put_along_axis(score, part, -np.inf, axis=1)                 # never answer a, b or c
        yield start, score


def analogy_scores(E, a: int, b: int, c: int, method: str = "3cosadd") -> np.ndarray:
    """Score of every vocabulary word as the answer to a : b :: c : ?, shape (V,).

    Parameters
    ----------
    E : ndarray, shape (V, d) — word vectors (any lengths; rows are normalised here).
    a, b, c : int — row indices of the question words (e.g. man, king, woman).
    method : ``"3cosadd"`` or ``"3cosmul"``.

    Returns
    -------
    ndarray, shape (V,) — higher is better; a, b and c themselves get −inf.

    Example: the slide's four vectors, a = man, b = king, c = woman → queen scores highest.
    """
    U = normalize_rows(np.asarray(E, dtype=float))
    score = three_cos_scores(U @ U[a], U @ U[b], U @ U[c], method)
    score[[a, b, c]] = -np.inf
    return score


def answer_rank(E, a: int, b: int, c: int, d: int, method: str = "3cosadd") -> int:
    """Rank (1 = best) of the expected answer ``d`` among all words other than a, b and c.

    Example: if "queen" is the second-best answer to man : king :: woman : ? → 2.
    """
    score = analogy_scores(E, a, b, c, method)
    return int(np.sum(score > score[d]) + 1)


def solve(kv, a: str, b: str, c: str, topn: int = 10, method: str = "3cosadd") -> list[tuple[str, float]]:
    """The ``topn`` best answers to ``a : b :: c : ?`` in a gensim ``KeyedVectors``, with their scores.

    Raises a KeyError naming any question word missing from the vocabulary.
    Example: ``solve(kv, "man", "king", "woman", 3)`` → ``[("queen", 0.71), …]`` on good vectors.
    """
    missing = [w for w in (a, b, c) if w not in kv.key_to_index]
    if missing:
        raise KeyError(f"not in the vocabulary of {len(kv):,} words: {', '.join(missing)}")
    i = [kv.key_to_index[w] for w in (a, b, c)]
    score = analogy_scores(kv.vectors, *i, method=method)
    best = np.argsort(-score)[:topn]
    return [(kv.index_to_key[k], float(score[k])) for k in best]


def question_ranks(kv, questions, method: str = "3cosadd", chunk: int = 256) -> np.ndarray:
    """Rank (1 = correct) of the expected answer d of each question ``(a, b, c, d)``, shape (Q,).

    Questions with a word outside ``kv`` get rank 0 (not answerable). Same
    scores as :func:`analogy_scores`, computed for ``chunk`` questions at a time.
    Example: ``question_ranks(kv, [("man", "king", "woman", "queen")])`` → ``[1]`` on good vectors.
    """
    index = kv.key_to_index
    U = kv.get_normed_vectors()
    ranks = np.zeros(len(questions), dtype=np.int64)
    ok = np.flatnonzero([all(w in index for w in q[:4]) for q in questions])
    ids = np.array([[index[w] for w in questions[k][:4]] for k in ok], dtype=np.int64).reshape(-1, 4)
    for start, score in question_scores(U, ids[:, :3], method, chunk):
        target = np.take_along_axis(score, ids[start:start + chunk, 3:], axis=1)   # (q, 1)
        ranks[ok[start:start + chunk]] = np.sum(score > target, axis=1) + 1
    return ranks


def relation_pairs(section: str, kv=None, limit: int | None = None) -> list[tuple[str, str]]:
    """The distinct word pairs (a, b) of one section of the Google analogy set, in file order.

    Each question ``a b c d`` contributes the pairs (a, b) and (c, d). With
    ``kv``, pairs with a word outside its vocabulary are dropped.
    Example: ``relation_pairs("capital-common-countries")[:2]`` → ``[("athens", "greece"), ("baghdad", "iraq")]``.
    """
    from lib.vectors.evaluation import read_analogies
    seen: dict[tuple[str, str], None] = {}
    for a, b, c, d in read_analogies()[section]:
        seen.setdefault((a, b))
        seen.setdefault((c, d))
    pairs = [p for p in seen if kv is None or (p[0] in kv.key_to_index and p[1] in kv.key_to_index)]
    return pairs[:limit]


def mismatched_pairs(pairs, rng: np.random.Generator) -> list[tuple[str, str]]:
    """The same words re-paired wrongly: each a with the b of another pair (a random derangement).

    The baseline that separates "the relation is a direction" from "the two
    word classes sit in two places": mismatched capital→country offsets still
    point from the capitals to the countries.
    Example: ``[("paris", "france"), ("rome", "italy")]`` → ``[("paris", "italy"), ("rome", "france")]``.
    """
    if len(pairs) < 2:
        raise ValueError("need at least two pairs to mismatch them")
    n = len(pairs)
    shift = rng.permutation(n)
    while np.any(shift == np.arange(n)):          # redraw until nobody keeps its own partner
        shift = rng.permutation(n)
    return [(pairs[i][0], pairs[shift[i]][1]) for i in range(n)]


def offsets(kv, pairs) -> np.ndarray:
    """Offset vectors ``b − a`` of unit-normalised vectors for each pair (a, b), shape (P, d).

    Example: ``offsets(kv, [("man", "king")])`` → one row, the "royalty" direction.
    """
    U = kv.get_normed_vectors()
    ia = [kv.key_to_index[a] for a, _ in pairs]
    ib = [kv.key_to_index[b] for _, b in pairs]
    return U[ib] - U[ia]


def offset_cosines(O) -> np.ndarray:
    """Cosines between every two different offset vectors (rows of ``O``, shape (P, d)), shape (P(P−1)/2,).

    A perfectly consistent relation gives all ones; unrelated directions in
    d dimensions give values near 0. Example: offsets [1, 0], [2, 0], [0, 1] → [1, 0, 0].
    """
    U = normalize_rows(np.asarray(O, dtype=float))
    C = U @ U.T
    return C[np.triu_indices(len(U), k=1)]


def random_offsets(kv, n: int, rng: np.random.Generator, vocab_limit: int | None = None) -> np.ndarray:
    """Offsets ``b − a`` between ``n`` random pairs of distinct words (unit vectors), shape (n, d).

    The baseline for :func:`offset_cosines`: how aligned are offsets that express
    no relation at all? Example: ``random_offsets(kv, 50, rng)`` → (50, 100).
    """
    V = min(vocab_limit or len(kv), len(kv))
    U = kv.get_normed_vectors()[:V]
    a = rng.integers(0, V, size=n)
    b = (a + rng.integers(1, V, size=n)) % V        # never the same word
    return U[b] - U[a]


def linear_substructure(vectors: dict) -> dict:
    """The slides' derivation, equations (1)–(4), evaluated on the vectors of king, man, woman, queen.

    With r = king − man: (1) king = man + r holds by definition; (2) assumes
    queen = woman + r; then (3)–(4) give queen = king − man + woman. Returns
    ``r``, ``r_queen`` (queen − woman), their cosine, the gap ‖(queen − woman) − r‖
    relative to ‖r‖, and the cosine between king − man + woman and queen.

    Example: the slide's 3-D vectors → gap 0.0 and both cosines 1.0.
    """
    v = {k: np.asarray(vectors[k], dtype=float) for k in ("king", "man", "woman", "queen")}
    r = v["king"] - v["man"]
    r_queen = v["queen"] - v["woman"]
    result = v["king"] - v["man"] + v["woman"]
    return {"r": r, "r_queen": r_queen, "cos_offsets": cosine_similarity(r, r_queen),
            "relative_gap": float(np.linalg.norm(r_queen - r) / np.linalg.norm(r)),
            "result": result, "cos_result_queen": cosine_similarity(result, v["queen"])}
