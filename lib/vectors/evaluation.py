"""Scoring word vectors: word-pair similarity, analogies and nearest neighbours.

Every engine's output (NumPy, PyTorch, Gensim) is turned into a gensim
``KeyedVectors`` by :func:`to_keyed_vectors`, and every score comes from the
functions below, so engines are compared by the same code.

Conventions (the usual ones, as in gensim):

* word pairs whose words are missing from the vocabulary are skipped, and the
  fraction skipped is reported as ``oov``;
* an analogy ``a b c d`` (a : b :: c : d) is answered by the vocabulary word
  x ∉ {a, b, c} maximising 3CosAdd ``cos(x, b) − cos(x, a) + cos(x, c)`` or
  3CosMul ``cos'(x, b) · cos'(x, c) / (cos'(x, a) + ε)`` with cos' = (cos + 1)/2
  and ε = 0.001 (Levy & Goldberg, 2014), both scored by
  :func:`lib.vectors.analogies.question_scores`; questions with a word outside the
  searched vocabulary are skipped and reported as coverage.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lib.vectors.analogies import question_scores

DATASETS = {"wordsim353": "wordsim353.tsv", "simlex999": "simlex999.txt",
            "analogies": "questions-words.txt"}


def dataset_path(name: str) -> str:
    """Path of a bundled evaluation set: ``'wordsim353'``, ``'simlex999'`` or ``'analogies'``."""
    from lib.text.corpus import gensim_data_path
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {sorted(DATASETS)}")
    return gensim_data_path(DATASETS[name])


def read_word_pairs(name: str) -> list[tuple[str, str, float]]:
    """Human-rated word pairs ``(w1, w2, score)`` of WordSim353 or SimLex-999, lower-cased."""
    pairs = []
    with open(dataset_path(name), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            a, b, score = line.rstrip("\n").split("\t")[:3]
            pairs.append((a.lower(), b.lower(), float(score)))
    return pairs


def word_pair_spearman(kv, dataset: str = "wordsim353") -> dict:
    """Spearman correlation between human scores and cosine similarities.

    Returns
    -------
    dict
        ``spearman`` (float, nan if fewer than 3 pairs are covered), ``pairs``
        (pairs scored) and ``oov`` (fraction of pairs skipped for a missing word).
    """
    from scipy.stats import spearmanr
    pairs = read_word_pairs(dataset)
    covered = [(a, b, s) for a, b, s in pairs if a in kv.key_to_index and b in kv.key_to_index]
    if len(covered) < 3:
        return {"spearman": float("nan"), "pairs": len(covered), "oov": 1 - len(covered) / len(pairs)}
    human = [s for _, _, s in covered]
    model = [float(kv.similarity(a, b)) for a, b, _ in covered]
    return {"spearman": float(spearmanr(human, model).statistic), "pairs": len(covered),
            "oov": 1 - len(covered) / len(pairs)}


def read_analogies() -> dict[str, list[tuple[str, str, str, str]]]:
    """The Google analogy questions by section, lower-cased: ``{section: [(a, b, c, d), ...]}``."""
    sections: dict[str, list] = {}
    with open(dataset_path("analogies"), encoding="utf-8") as f:
        for line in f:
            if line.startswith(":"):
                current = sections.setdefault(line[1:].strip(), [])
            elif line.strip():
                current.append(tuple(line.lower().split()))
    return sections


@dataclass
class AnalogyResult:
    """Analogy accuracy overall and by section.

    ``accuracy`` is over answered questions; ``coverage`` the fraction answered.
    ``by_category`` maps a section to ``(correct, answered, total)``.
    """

    method: str
    accuracy: float
    correct: int
    answered: int
    total: int
    by_category: dict

    @property
    def coverage(self) -> float:
        return self.answered / self.total if self.total else 0.0

    def table(self):
        """The per-section results as a pandas DataFrame (semantic sections first, as in the file)."""
        import pandas as pd
        rows = [{"category": k, "correct": c, "answered": n, "total": t,
                 "accuracy": c / n if n else float("nan")} for k, (c, n, t) in self.by_category.items()]
        return pd.DataFrame(rows).set_index("category")


def solve_analogies(kv, questions, method: str = "3cosadd", restrict_vocab: int = 30_000,
                    chunk: int = 512) -> np.ndarray:
    """Answer analogies ``(a, b, c)`` → predicted word index in ``kv`` (−1 if not answerable).

    Parameters
    ----------
    questions : list of tuples (a, b, c[, d])
    method : ``'3cosadd'`` or ``'3cosmul'``
    restrict_vocab : int
        Search (and require the question words to be in) the most frequent this-many words.

    Returns
    -------
    ndarray of int, shape (Q,)
    """
    n = min(restrict_vocab, len(kv.index_to_key))
    E = kv.get_normed_vectors()[:n]                                       # (n, d) unit rows
    index = {w: i for i, w in enumerate(kv.index_to_key[:n])}
    answerable = [all(w in index for w in q[:3]) for q in questions]
    abc = np.array([[index[w] for w in q[:3]] for q, ok in zip(questions, answerable) if ok],
                   dtype=np.int64).reshape(-1, 3)
    predictions = np.full(len(questions), -1)
    answers = [score.argmax(axis=1) for _, score in question_scores(E, abc, method, chunk)]
    predictions[np.flatnonzero(answerable)] = np.concatenate(answers) if answers else []
    return predictions


def analogy_accuracy(kv, method: str = "3cosadd", restrict_vocab: int = 30_000) -> AnalogyResult:
    """Accuracy on the Google analogy set (``questions-words.txt``), overall and by section."""
    sections = read_analogies()
    questions = [q for qs in sections.values() for q in qs]
    predicted = solve_analogies(kv, questions, method, restrict_vocab)
    n = min(restrict_vocab, len(kv.index_to_key))
    words = kv.index_to_key
    in_range = {w for w in words[:n]}
    by_category, position = {}, 0
    for name, qs in sections.items():
        pred = predicted[position:position + len(qs)]
        position += len(qs)
        ok = [bool(p >= 0) and q[3] in in_range for p, q in zip(pred, qs)]
        correct = sum(1 for p, q, good in zip(pred, qs, ok) if good and words[p] == q[3])
        by_category[name] = (correct, sum(ok), len(qs))
    correct = sum(c for c, _, _ in by_category.values())
    answered = sum(a for _, a, _ in by_category.values())
    return AnalogyResult(method, correct / answered if answered else 0.0, correct, answered,
                         len(questions), by_category)


def nearest(kv, word: str, topn: int = 10) -> list[tuple[str, float]]:
    """The ``topn`` words with the highest cosine to ``word`` (excluding itself).

    Raises a KeyError that names the word and suggests a fix if it is out of vocabulary.
    """
    if word not in kv.key_to_index:
        raise KeyError(f"{word!r} is not in the vocabulary of {len(kv.index_to_key)} words; "
                       "check the spelling (vectors are lower-case) or train on a corpus that contains it")
    return [(w, float(s)) for w, s in kv.most_similar(word, topn=topn)]


def benchmark_scores(kv, restrict_vocab: int = 30_000) -> dict:
    """The course's standard scores for one set of vectors, as a flat dict.

    Keys: ``wordsim353``, ``simlex999`` (Spearman), ``analogy_3cosadd``,
    ``analogy_3cosmul`` (accuracy over answered questions), ``analogy_coverage``.
    """
    add = analogy_accuracy(kv, "3cosadd", restrict_vocab)
    mul = analogy_accuracy(kv, "3cosmul", restrict_vocab)
    return {"wordsim353": word_pair_spearman(kv, "wordsim353")["spearman"],
            "simlex999": word_pair_spearman(kv, "simlex999")["spearman"],
            "analogy_3cosadd": add.accuracy, "analogy_3cosmul": mul.accuracy,
            "analogy_coverage": add.coverage}
