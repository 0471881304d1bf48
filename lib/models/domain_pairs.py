"""Domain data for fine-tuning a sentence encoder: sentence pairs from the same document, split by document.

Slide "Fine-tuning for Your Domain", step 1 of the recipe: "Prepare pairs from D".
The domain is the Lee corpus (``lee_background.cor``, 300 Australian news articles,
shipped with gensim). Two sentences of the same article form a *positive* pair:
they are about the same event. No labels are needed; the other pairs of a batch
serve as negatives (in-batch negatives, as in SimCSE and MultipleNegativesRankingLoss).

Honest validation needs a split **by document**: if two sentences of one article
could land one in training and one in validation, the validation pairs would test
memory of that article, not generalisation to new ones.

Simplified on purpose: sentences are split at ., ! or ? followed by a capital letter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from lib.config import SEED

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")


@dataclass(frozen=True)
class Pair:
    """Two sentences of one document: ``anchor``, ``positive`` and the document's index ``doc``."""

    anchor: str
    positive: str
    doc: int


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, split at ., ! or ? followed by white space and a capital letter or digit.

    Example: ``split_sentences("Fires burn. Rain helps.")`` → ``["Fires burn.", "Rain helps."]``.
    """
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def lee_documents(min_sentences: int = 2) -> list[list[str]]:
    """The Lee corpus as raw text, one list of sentences per article (articles with ≥ ``min_sentences``).

    Returns
    -------
    list of list of str
        About 300 articles of about 9 sentences each. Example: ``lee_documents()[0][0]`` →
        ``"Hundreds of people have been forced to vacate their homes …"``.
    """
    from lib.text.corpus import LEE_FILE, gensim_data_path
    with open(gensim_data_path(LEE_FILE), encoding="latin-1") as f:
        docs = [split_sentences(line) for line in f if line.strip()]
    return [d for d in docs if len(d) >= min_sentences]


def split_by_document(n_docs: int, validation: float = 0.2, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Shuffle document indices 0..n_docs−1 and cut them into training and validation documents.

    Parameters
    ----------
    n_docs : int
    validation : float
        Share of documents held out, strictly between 0 and 1.
    seed : int

    Returns
    -------
    (train, val) : two sorted int arrays that share no document and together hold all n_docs.
        Example: ``split_by_document(10, 0.2)`` → 8 training and 2 validation indices.
    """
    if not 0 < validation < 1:
        raise ValueError(f"validation={validation}: give the held-out share of documents, between 0 and 1")
    order = np.random.default_rng(seed).permutation(n_docs)
    n_val = max(1, int(round(validation * n_docs)))
    if n_val >= n_docs:
        raise ValueError(f"{n_docs} documents cannot be split into training and validation; use more documents")
    return np.sort(order[n_val:]), np.sort(order[:n_val])


def sentence_pairs(documents, doc_ids, per_document: int | None = None, seed: int = SEED) -> list[Pair]:
    """Positive pairs: two different sentences of the same document, for each document in ``doc_ids``.

    Parameters
    ----------
    documents : list of list of str
        Sentences per document (:func:`lee_documents`).
    doc_ids : sequence of int
        The documents to draw from (one side of :func:`split_by_document`).
    per_document : int, optional
        At most this many pairs per document (default: every unordered pair of its sentences).
    seed : int

    Returns
    -------
    list of Pair, ordered by round: first the first pair of every document, then the second, …
        Example: one document of 3 sentences, ``per_document=None`` → 3 pairs.
    """
    rng = np.random.default_rng(seed)
    per_doc = []
    for d in doc_ids:
        sents = documents[int(d)]
        n = len(sents)
        combos = [(i, j) for i in range(n) for j in range(i + 1, n)]
        order = rng.permutation(len(combos))[:per_document]
        per_doc.append([Pair(sents[combos[k][0]], sents[combos[k][1]], int(d)) for k in order])
    rounds = max((len(p) for p in per_doc), default=0)
    return [p[r] for r in range(rounds) for p in per_doc if r < len(p)]


def document_batches(pairs, batch_size: int, seed: int = SEED) -> list[list[Pair]]:
    """Shuffle pairs into batches in which no two pairs come from the same document.

    With in-batch negatives, a second pair of the same article would be a "negative" that is
    really a positive. Example: 6 pairs of 3 documents, batch_size 3 → 2 batches of 3 documents each.
    """
    if batch_size < 2:
        raise ValueError(f"batch_size={batch_size}: in-batch negatives need at least 2 pairs per batch")
    rng = np.random.default_rng(seed)
    pending = [pairs[i] for i in rng.permutation(len(pairs))]
    batches = []
    while pending:
        batch, seen, rest = [], set(), []
        for p in pending:
            if len(batch) < batch_size and p.doc not in seen:
                batch.append(p)
                seen.add(p.doc)
            else:
                rest.append(p)
        if len(batch) < 2:            # the leftovers all come from one document: no negatives possible
            break
        batches.append(batch)
        pending = rest
    return batches


def pair_retrieval(encode, pairs, ks=(1, 5)) -> dict:
    """How often each anchor finds its own positive among the positives of other documents.

    The pairs are taken round by round, one pair per document in a round (as
    :func:`sentence_pairs` orders them), so every other candidate comes from another
    document; recall@k and MRR are averaged over all anchors.

    Parameters
    ----------
    encode : callable, list of str → ndarray (n, d)
    pairs : list of Pair

    Returns
    -------
    dict with ``recall@k`` for each k, ``MRR`` and ``queries``. Example: a perfect encoder → MRR 1.0.
    """
    from lib.vectors.retrieval import dense_scores, rank_of_relevant
    rounds: list[list[Pair]] = []
    for p in pairs:
        slot = next((r for r in rounds if all(q.doc != p.doc for q in r)), None)
        if slot is None:
            rounds.append([p])
        else:
            slot.append(p)
    ranks = []
    for r in rounds:
        if len(r) < 2:
            continue
        A = np.asarray(encode([p.anchor for p in r]))
        P = np.asarray(encode([p.positive for p in r]))
        ranks.append(rank_of_relevant(dense_scores(A, P), np.arange(len(r))))
    if not ranks:
        raise ValueError("pair_retrieval needs pairs from at least two documents")
    ranks = np.concatenate(ranks)
    out = {f"recall@{k}": float(np.mean(ranks <= k)) for k in ks}
    out.update(MRR=float(np.mean(1.0 / ranks)), queries=int(len(ranks)))
    return out
