"""Phrases: joining word pairs that occur together far more often than chance ("new york" → ``new_york``).

Mikolov et al. (2013, "Distributed representations of words and phrases", section 4)
score each adjacent pair (a, b) by

    score(a, b) = (count(a b) − δ) / (count(a) · count(b)),

where the discount δ keeps pairs of rare words from scoring high on a handful of
occurrences, and join the pairs whose score passes a threshold. Run again on the
joined text ("2–4 passes with a decreasing threshold"), the same rule builds longer
phrases out of shorter ones: ``new_south`` + ``wales`` → ``new_south_wales``.

Gensim's ``Phrases(scoring="default")`` is this rule (``original_scorer``), with
δ = ``min_count`` and the score multiplied by the number of entries in its count
table (every distinct word and every distinct adjacent pair it has seen), so its
threshold is on that scale; word2vec's ``word2phrase`` tool multiplies by the number
of training words instead. :func:`phrase_score` is the formula with the scale as a parameter.

Simplified on purpose: no connector words (gensim's ``connector_words``, which let
"bank_of_america" join across "of"), and tokens are joined with ``_``.
"""
from __future__ import annotations

from collections import Counter

DELIMITER = "_"
"""What joins the words of a phrase into one token."""


def phrase_score(count_ab, count_a, count_b, min_count: float = 5, scale: float = 1.0):
    """The word2vec paper's phrase score ``(count(a b) − δ) / (count(a) · count(b)) · scale``.

    Parameters
    ----------
    count_ab : int or ndarray — how often b directly follows a.
    count_a, count_b : int or ndarray — the two words' counts.
    min_count : float — the discount δ (Gensim uses its ``min_count``).
    scale : float — 1 for the paper's score; Gensim's count-table size to match ``original_scorer``.

    Returns
    -------
    float or ndarray — negative when the pair is seen fewer than δ times.

    Example: ``phrase_score(20, 40, 25, min_count=5)`` → 15 / 1000 = 0.015;
    with ``scale=100_000`` → 1500.0.
    """
    if min_count < 0:
        raise ValueError(f"min_count (the discount δ) must be ≥ 0, got {min_count}")
    return (count_ab - min_count) / (count_a * count_b) * scale


def learn_phrases(sentences, threshold: float = 100.0, min_count: int = 5):
    """Gensim's ``Phrases`` with the word2vec paper's scoring (``scoring="default"``, ``original_scorer``).

    Parameters
    ----------
    sentences : list of list of str
    threshold : float — pairs scoring above it are joined (on Gensim's scale, see the module docstring).
    min_count : int — the discount δ; pairs seen at most this often are never joined.

    Returns
    -------
    gensim.models.phrases.Phrases — ``model[sentence]`` joins the detected pairs in one sentence.

    Example: ``learn_phrases([["new", "york"]] * 50, threshold=1, min_count=5)[["new", "york"]]`` → ``['new_york']``.
    """
    from gensim.models.phrases import Phrases
    from lib.text.corpus import as_sentences
    if threshold <= 0:
        raise ValueError(f"threshold must be positive, got {threshold}; a pair is joined when its score exceeds it")
    return Phrases(as_sentences(sentences), min_count=min_count, threshold=threshold,
                   scoring="default", delimiter=DELIMITER)


def joined_phrases(model, sentences):
    """The phrases ``model`` joins in ``sentences``, with how often, their counts and their scores.

    Parameters
    ----------
    model : gensim Phrases — from :func:`learn_phrases`.
    sentences : list of list of str — the text it is applied to (normally the text it learned from).

    Returns
    -------
    pandas.DataFrame, one row per phrase, most often joined first: ``a``, ``b`` (the two tokens
    joined, each possibly a phrase itself), ``joined`` (occurrences joined in ``sentences``),
    ``count_a``, ``count_b``, ``count_ab`` (the model's counts), ``score`` (Gensim's) and
    ``by_hand`` (:func:`phrase_score` with Gensim's δ and scale; equal to ``score``).

    Example: after ``learn_phrases([["new", "york"]] * 50, 1)`` → one row, ``new_york``, joined 50 times.
    """
    import pandas as pd
    found = Counter()
    for sentence in sentences:
        start = None
        for word in sentence:                    # gensim's left-to-right rule: a joined pair starts afresh
            if start is not None and model.score_candidate(start, word, [])[1] is not None:
                found[start, word] += 1
                start = None
            else:
                start = word
    rows = []
    for (a, b), joined in found.most_common():
        phrase = f"{a}{DELIMITER}{b}"
        counts = [model.vocab.get(t, 0) for t in (a, b, phrase)]
        rows.append({"phrase": phrase, "a": a, "b": b, "joined": joined, "count_a": counts[0],
                     "count_b": counts[1], "count_ab": counts[2], "score": model.score_candidate(a, b, [])[1],
                     "by_hand": phrase_score(counts[2], counts[0], counts[1], model.min_count, len(model.vocab))})
    columns = ["a", "b", "joined", "count_a", "count_b", "count_ab", "score", "by_hand"]
    return pd.DataFrame(rows, columns=["phrase", *columns]).set_index("phrase")


def phrase_passes(sentences, thresholds=(100.0, 50.0), min_count: int = 5):
    """Several passes of :func:`learn_phrases`, each on the previous pass's output, as in the word2vec paper.

    Parameters
    ----------
    sentences : list of list of str
    thresholds : sequence of float — one per pass (the paper lowers it from pass to pass).
    min_count : int — the discount δ of every pass.

    Returns
    -------
    joined : list of list of str — the text after the last pass.
    tables : list of pandas.DataFrame — :func:`joined_phrases` of each pass.

    Example: ``phrase_passes(corpus, (100, 50))`` → text with ``new_south_wales`` as one token, two tables.
    """
    tables = []
    for threshold in thresholds:
        model = learn_phrases(sentences, threshold, min_count)
        tables.append(joined_phrases(model, sentences))
        sentences = [model[sentence] for sentence in sentences]
    return sentences, tables
