"""Specifications of lib.models.tiny_bert: seeded training that learns, vectors that depend on context.

Worked example (test_learns_a_pattern_it_can_only_get_from_context): the corpus
repeats "alpha beta gamma delta epsilon zeta …"; with 15 % of the words masked,
a masked word is fully determined by its neighbours, so a model that reads
context drives the MLM loss far below the uniform guess log V (here below half of it
after 200 steps).
"""
import numpy as np
import pytest
import torch

from lib.models.tiny_bert import (MASK, SPECIALS, UNK, TinyBert, encode_words, make_chunks, token_list,
                                  train_tiny_bert)

WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa".split()
CORPUS = [WORDS * 40 for _ in range(4)]


def test_helpers():
    assert token_list([["a", "a", "b"]], min_count=1) == SPECIALS + ["a", "b"]
    assert list(encode_words(["a", "zzz"], {"a": 3})) == [3, UNK]
    assert make_chunks([["a"] * 70], {"a": 3}, length=32).shape == (2, 32)


def test_forward_shapes_and_padding_mask():
    torch.manual_seed(0)
    model = TinyBert(V=20, d_model=16, heads=2, layers=1, max_len=8).eval()
    ids = torch.tensor([[3, 4, 5, 0, 0], [6, 7, 8, 9, 10]])
    assert model(ids).shape == (2, 5, 20)
    assert model.hidden(ids).shape == (2, 5, 16)
    changed = ids.clone()
    changed[0, 3:] = 0
    with torch.no_grad():   # padding positions do not affect the others
        a = model.hidden(ids)[0, :3]
        b = model.hidden(torch.tensor([[3, 4, 5, 0, 0]]))[0, :3]
    torch.testing.assert_close(a, b)


def test_training_is_seeded():
    a = train_tiny_bert(CORPUS, steps=6, batch_size=8, length=16, d_model=16, heads=2, layers=1,
                        progress=False, log_every=2)
    b = train_tiny_bert(CORPUS, steps=6, batch_size=8, length=16, d_model=16, heads=2, layers=1,
                        progress=False, log_every=2)
    assert [h["loss"] for h in a.history] == [h["loss"] for h in b.history]
    assert a.last_masking is not None and a.last_masking.shape == (8, 16)


def test_learns_a_pattern_it_can_only_get_from_context():
    result = train_tiny_bert(CORPUS, steps=200, batch_size=16, length=16, d_model=32, heads=2, layers=1,
                             min_count=1, lr=1e-2, progress=False, log_every=25)
    V = len(result.tokens)
    assert result.history[-1]["loss"] < 0.5 * np.log(V), result.history


def test_contextual_vectors_differ_by_context_and_refuse_missing_words():
    result = train_tiny_bert(CORPUS, steps=3, batch_size=4, length=16, d_model=16, heads=2, layers=1,
                             min_count=1, progress=False)
    a = result.contextual_vectors("alpha beta gamma", "beta")
    b = result.contextual_vectors("kappa beta iota", "beta")
    assert a.shape == (1, 16) and not np.allclose(a, b)
    assert result.contextual_vectors("beta alpha beta", "beta").shape == (2, 16)
    with pytest.raises(ValueError, match="does not occur"):
        result.contextual_vectors("alpha gamma", "beta")
    with pytest.raises(ValueError, match="vocabulary"):
        result.contextual_vectors("alpha unknownword", "unknownword")
    assert MASK == SPECIALS.index("[MASK]")
    guesses = result.fill_mask("alpha beta [MASK] delta", topn=3)
    assert len(guesses) == 3 and all(w not in SPECIALS for w, _ in guesses)
    assert guesses[0][1] >= guesses[1][1] >= guesses[2][1] > 0
