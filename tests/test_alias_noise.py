"""Negatives drawn by the alias method follow the noise distribution itself, from two arrays of V entries."""
import numpy as np
import pytest
import torch
from scipy.stats import chisquare

from lib.skipgram.alias_noise import FRACTION_BITS, AliasNoise, alias_table


def zipf_noise(n_words: int) -> np.ndarray:
    """P_n ∝ count^0.75 for Zipfian counts: a few heavy words and a long tail, like a real vocabulary."""
    p = (1.0 / np.arange(1, n_words + 1)) ** 0.75
    return p / p.sum()


def test_the_table_splits_two_words_as_the_docstring_says():
    accept, alias = alias_table([0.75, 0.25])
    assert accept.tolist() == [1.0, 0.5] and alias.tolist() == [0, 0]


@pytest.mark.parametrize("n_words", [1, 7, 1_000])
def test_every_word_gets_exactly_its_probability_from_the_slots(n_words):
    p = zipf_noise(n_words)
    accept, alias = alias_table(p)
    assert ((accept >= 0) & (accept <= 1)).all()
    share = accept + np.bincount(alias, weights=1 - accept, minlength=n_words)   # own part + aliased parts
    np.testing.assert_allclose(share / n_words, p, rtol=1e-9, atol=1e-15)


def test_draws_follow_the_noise_distribution():
    p = zipf_noise(50)
    noise = AliasNoise(p, "cpu")
    ids = noise.draw(2_000_000, torch.Generator().manual_seed(0))
    assert ids.dtype == torch.int32 and int(ids.min()) >= 0 and int(ids.max()) < 50
    counts = np.bincount(ids.numpy(), minlength=50)
    assert chisquare(counts, p * counts.sum()).pvalue > 1e-4
    # the same test tells a nearby wrong distribution apart: the exponent 1 instead of 0.75
    wrong = (1.0 / np.arange(1, 51)) / (1.0 / np.arange(1, 51)).sum()
    assert chisquare(counts, wrong * counts.sum()).pvalue < 1e-10


def test_the_same_generator_seed_draws_the_same_words_and_probabilities_keep_20_bits():
    noise = AliasNoise(zipf_noise(1_000), "cpu")
    a, b = (noise.draw(1_000, torch.Generator().manual_seed(3)) for _ in range(2))
    assert torch.equal(a, b)
    assert int(noise.threshold.max()) <= 2 ** FRACTION_BITS


def test_a_distribution_that_does_not_sum_to_one_is_refused():
    with pytest.raises(ValueError, match="summing to 1"):
        alias_table([0.5, 0.2])
