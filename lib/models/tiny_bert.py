"""A tiny BERT-like encoder, trained with the masked-language-model objective on the CPU.

What it keeps from BERT (Devlin et al., 2018): token embeddings plus sinusoidal
positions (:mod:`lib.models.positional`), a stack of Transformer encoder layers with
multi-head self-attention (every position sees both sides), the 80/10/10
masking of :mod:`lib.models.mlm`, and the output layer P(x_i | x_\\M) = softmax(W_o h_i + b_o).

What it drops on purpose: next-sentence prediction (RoBERTa, Liu et al. 2019,
trained without it and did better), sub-word tokens (words outside the
vocabulary become ``[UNK]``), and size — a few hundred thousand parameters
instead of 110 million, a few minutes of CPU instead of days of TPU.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from lib.config import SEED
from lib.models.mlm import IGNORE, mlm_mask
from lib.models.positional import sinusoidal_encoding
from lib.text.corpus import tokenize
from lib.text.vocabulary import Vocabulary

SPECIALS = ["[PAD]", "[UNK]", "[MASK]"]
"""Special tokens, ids 0, 1, 2; ordinary words follow from id 3."""
PAD, UNK, MASK = 0, 1, 2


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------

def token_list(sentences, max_words: int = 5000, min_count: int = 3) -> list[str]:
    """Specials first, then the ``max_words`` most frequent words seen ``min_count`` times.

    Example: a corpus of "a a a b" with min_count 1 → ``["[PAD]", "[UNK]", "[MASK]", "a", "b"]``.
    """
    vocab = Vocabulary.from_sentences(sentences, min_count=min_count, max_size=max_words)
    return SPECIALS + list(vocab.words)


def encode_words(words, index: dict) -> np.ndarray:
    """Word strings → ids, unknown words → ``[UNK]``; shape (n,).

    Example: ``encode_words(["the", "zzz"], {"the": 3})`` → ``[3, 1]``.
    """
    return np.array([index.get(w, UNK) for w in words], dtype=np.int64)


def make_chunks(sentences, index: dict, length: int = 32) -> np.ndarray:
    """Cut every document into consecutive chunks of ``length`` tokens (the rest is dropped).

    Returns shape (n_chunks, length). Example: one 70-token document, length 32 → 2 chunks.
    """
    chunks = []
    for sentence in sentences:
        ids = encode_words(sentence, index)
        for start in range(0, len(ids) - length + 1, length):
            chunks.append(ids[start:start + length])
    return np.stack(chunks) if chunks else np.zeros((0, length), dtype=np.int64)


# ----------------------------------------------------------------------------
# The model
# ----------------------------------------------------------------------------

class TinyBert(nn.Module):
    """Token embedding + sinusoidal positions → L encoder layers → W_o h + b_o.

    Parameters
    ----------
    V : int — vocabulary size (specials included).
    d_model : int — width d of every hidden vector h_i.
    heads : int — attention heads per layer (d_model / heads = d_k).
    layers : int — encoder layers L.
    max_len : int — longest sequence the position table covers.
    """

    def __init__(self, V: int, d_model: int = 64, heads: int = 4, layers: int = 2, max_len: int = 128,
                 dropout: float = 0.0):
        super().__init__()
        self.embed = nn.Embedding(V, d_model, padding_idx=PAD)
        nn.init.normal_(self.embed.weight, std=d_model ** -0.5)   # × √d below: entries of size 1, like PE
        with torch.no_grad():
            self.embed.weight[PAD].zero_()
        self.register_buffer("positions", torch.tensor(sinusoidal_encoding(max_len, d_model), dtype=torch.float32))
        layer = nn.TransformerEncoderLayer(d_model, heads, dim_feedforward=4 * d_model, dropout=dropout,
                                           batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(d_model)
        self.out = nn.Linear(d_model, V)                       # W_o, b_o

    def hidden(self, ids: torch.Tensor) -> torch.Tensor:
        """Final hidden states h_i, shape (B, n, d_model), for token ids of shape (B, n)."""
        x = self.embed(ids) * self.embed.embedding_dim ** 0.5 + self.positions[: ids.shape[1]]
        return self.norm(self.encoder(x, src_key_padding_mask=ids == PAD))

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """Logits W_o h_i + b_o, shape (B, n, V)."""
        return self.out(self.hidden(ids))


@dataclass
class TinyBertResult:
    """A trained tiny BERT with its vocabulary and training record.

    Attributes: ``model`` (TinyBert, in eval mode), ``tokens`` (list of str, index = id),
    ``index`` (dict word → id), ``history`` (list of dict: ``step``, ``loss`` = mean MLM loss
    over the last logging interval, ``seconds``), ``last_masking`` (the last batch's
    ``action`` array from :func:`lib.models.mlm.mlm_mask`).
    """

    model: TinyBert
    tokens: list
    index: dict
    history: list = field(default_factory=list)
    last_masking: np.ndarray | None = None

    def contextual_vectors(self, sentence: str, word: str) -> np.ndarray:
        """Hidden vectors h_i of every occurrence of ``word`` in ``sentence``, shape (n_occurrences, d).

        Raises ValueError if the word does not occur or is not in the vocabulary.
        Example: ``result.contextual_vectors("the bank of the river", "bank").shape`` → ``(1, 64)``.
        """
        words = tokenize(sentence)
        where = [i for i, w in enumerate(words) if w == word]
        if not where:
            raise ValueError(f"{word!r} does not occur in {sentence!r}")
        if word not in self.index:
            raise ValueError(f"{word!r} is not in the model's vocabulary")
        ids = torch.tensor(encode_words(words, self.index))[None]
        with torch.no_grad():
            return self.model.hidden(ids)[0, where].numpy().astype(float)

    def fill_mask(self, sentence: str, topn: int = 5) -> list[tuple[str, float]]:
        """The model's top guesses for the first ``[MASK]`` in ``sentence`` (written ``[MASK]`` or ``mask``).

        Example: ``fill_mask("the prime [MASK] said")`` → ``[("minister", 0.6…), …]``.
        """
        words = [w if w != "mask" else "[MASK]" for w in tokenize(sentence.replace("[MASK]", " mask "))]
        ids = encode_words(words, self.index)
        ids[[i for i, w in enumerate(words) if w == "[MASK]"]] = MASK
        position = int(np.flatnonzero(ids == MASK)[0])
        with torch.no_grad():
            probs = torch.softmax(self.model(torch.tensor(ids)[None])[0, position], dim=-1)
        probs[: len(SPECIALS)] = 0
        top = torch.topk(probs, topn)
        return [(self.tokens[i], float(p)) for p, i in zip(top.values, top.indices)]


# ----------------------------------------------------------------------------
# Training
# ----------------------------------------------------------------------------

def train_tiny_bert(sentences, steps: int = 300, batch_size: int = 32, length: int = 32, d_model: int = 64,
                    heads: int = 4, layers: int = 2, max_words: int = 5000, min_count: int = 3, lr: float = 2e-3,
                    seed: int = SEED, progress: bool = True, log_every: int = 25) -> TinyBertResult:
    """Train :class:`TinyBert` with the MLM loss (mean −log P(x_i | x_\\M) over the chosen tokens).

    Parameters
    ----------
    sentences : list of list of str — the corpus (documents of tokens).
    steps : int — optimiser steps (each one a batch of ``batch_size`` chunks of ``length`` tokens).
    d_model, heads, layers : int — model size.
    max_words, min_count : int — at most this many words besides the specials, each seen min_count times.
    lr : float — AdamW learning rate, warmed up over the first 10 % of steps, then decayed linearly.
    seed : int — seeds the weights, the batches and the masking: same seed, same model.
    progress : bool — show a progress bar.

    Returns
    -------
    TinyBertResult
    """
    from tqdm.auto import tqdm

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    tokens = token_list(sentences, max_words, min_count)
    index = {w: i for i, w in enumerate(tokens)}
    data = make_chunks(sentences, index, length)
    model = TinyBert(len(tokens), d_model, heads, layers, max_len=length)
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / (steps - warmup + 1))))
    result = TinyBertResult(model, tokens, index)
    model.train()
    start, running = time.perf_counter(), []
    for step in tqdm(range(1, steps + 1), desc="tiny BERT (MLM)", disable=not progress, mininterval=1.0):
        batch = data[rng.integers(0, len(data), size=batch_size)]
        inputs, labels, action = mlm_mask(batch, MASK, len(tokens) - len(SPECIALS), rng,
                                          random_low=len(SPECIALS))
        inputs, labels = torch.tensor(inputs), torch.tensor(labels)
        chosen = labels != IGNORE
        h = model.hidden(inputs)[chosen]                       # only the chosen positions are predicted
        loss = nn.functional.cross_entropy(model.out(h), labels[chosen])
        optimiser.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)      # keeps early steps stable
        optimiser.step()
        schedule.step()
        running.append(loss.item())
        if step % log_every == 0 or step == steps:
            result.history.append({"step": step, "loss": float(np.mean(running)),
                                   "seconds": time.perf_counter() - start})
            running = []
        result.last_masking = action
    model.eval()
    return result
