"""Specifications of lib.text.vocabulary: counting, min_count, subsampling, the noise distribution."""
import numpy as np
import pytest

from lib.text.corpus import EmptyCorpusError
from lib.text.vocabulary import EmptyVocabularyError, NoiseSampler, UnknownWordError, Vocabulary


def test_words_are_sorted_by_count_then_alphabetically():
    v = Vocabulary.from_sentences([["b", "a", "c", "a", "b", "d"]], min_count=1)
    assert v.words == ["a", "b", "c", "d"]
    assert v.counts.tolist() == [2, 2, 1, 1]
    assert v.id("c") == 2 and "d" in v and "z" not in v


def test_min_count_drops_rare_words_and_encode_skips_them():
    v = Vocabulary.from_sentences([["a", "b", "a"]], min_count=2)
    assert v.words == ["a"]
    assert [e.tolist() for e in v.encode([["b", "a", "x", "a"]])] == [[0, 0]]


def test_encode_corpus_lays_sentences_end_to_end_and_numbers_them():
    ids, sentence_of = Vocabulary(["a", "b"], [1, 2]).encode_corpus([["a", "x", "b"], [], ["b"]])
    assert ids.tolist() == [0, 1, 1] and sentence_of.tolist() == [0, 0, 2]
    assert ids.dtype == sentence_of.dtype == np.int32


def test_min_count_that_leaves_nothing_names_the_fix():
    with pytest.raises(EmptyVocabularyError, match="Lower min_count"):
        Vocabulary.from_sentences([["a", "b"]], min_count=5)


def test_empty_corpus_is_refused():
    with pytest.raises(EmptyCorpusError):
        Vocabulary.from_sentences([])


def test_unknown_word_error_is_a_key_error_with_advice():
    v = Vocabulary(["cat"], [3])
    with pytest.raises(KeyError) as info:
        v.id("dog")
    assert isinstance(info.value, UnknownWordError)
    assert "'dog' is not in the vocabulary" in str(info.value)


def test_keep_probability_matches_word2vec_formula():
    """A word with relative frequency f = 0.04 and s = 1e-3 is kept with
    probability (sqrt(0.04 / 0.001) + 1) * 0.001 / 0.04 = (6.3246 + 1) / 40 = 0.1831."""
    v = Vocabulary(["the", "rare"], [4, 96])   # order does not matter for the formula
    keep = v.keep_probabilities(1e-3)
    assert keep[0] == pytest.approx((np.sqrt(0.04 / 1e-3) + 1) * 1e-3 / 0.04)
    assert np.all(keep <= 1.0)
    assert np.all(v.keep_probabilities(0) == 1.0)


def test_noise_distribution_is_unigram_to_the_three_quarters():
    v = Vocabulary(["a", "b"], [16, 1])
    assert v.noise_distribution(0.75) == pytest.approx([8 / 9, 1 / 9])
    assert v.noise_distribution(0.0) == pytest.approx([0.5, 0.5])


def test_sampler_reproduces_its_distribution_and_seed():
    p = np.array([0.5, 0.3, 0.15, 0.05])
    sampler = NoiseSampler(p, table_size=100_000)
    draws = sampler.sample(np.random.default_rng(0), 200_000)
    assert np.bincount(draws, minlength=4) / len(draws) == pytest.approx(p, abs=0.005)
    again = sampler.sample(np.random.default_rng(0), 200_000)
    assert np.array_equal(draws, again)


def test_sampler_rejects_a_non_distribution():
    with pytest.raises(ValueError, match="summing to 1"):
        NoiseSampler(np.array([0.5, 0.6]))
