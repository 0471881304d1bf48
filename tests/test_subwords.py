"""Specifications of lib.text.subwords: FastText's n-grams, its hash, its buckets, and a word's vector.

Worked example (``test_ngrams_of_where``): "where" is wrapped as "<where>"; its 3-grams
are <wh, whe, her, ere, re>, and with n up to 6 the list ends with "<where" and "where>"
(14 n-grams); the whole "<where>" has 7 characters, one more than max_n, so it is not one of them.
"""
import numpy as np
import pytest
from gensim.models.fasttext import compute_ngrams, ft_hash_bytes, ft_ngram_hashes

from lib.text.subwords import (BUCKETS, bucket_collisions, char_ngrams, fnv1a_32, ngram_buckets, ngram_table,
                               subword_vector)

WORDS = ["where", "her", "a", "cat", "running", "goverment", "café", "naïve", "straße", "日本語", "ab"]


def test_ngrams_of_where():
    grams = char_ngrams("where")
    assert grams[:5] == ["<wh", "whe", "her", "ere", "re>"]
    assert grams[-2:] == ["<where", "where>"] and len(grams) == 14
    assert "<where>" not in grams


def test_boundary_markers_tell_a_word_from_the_same_letters_inside_another():
    assert "<her>" in char_ngrams("her")
    assert "her" in char_ngrams("where") and "<her>" not in char_ngrams("where")
    assert not any(g.startswith("<") for g in char_ngrams("where")[1:5])


def test_a_short_word_is_its_own_ngram():
    assert char_ngrams("a") == ["<a>"]
    assert char_ngrams("cat", 3, 4) == ["<ca", "cat", "at>", "<cat", "cat>"]


@pytest.mark.parametrize("word", WORDS)
def test_ngrams_equal_gensims(word):
    assert char_ngrams(word) == compute_ngrams(word, 3, 6)
    assert char_ngrams(word, 2, 4) == compute_ngrams(word, 2, 4)


def test_fnv1a_known_values():
    assert fnv1a_32(b"") == 2166136261
    assert fnv1a_32(b"a") == 0xE40C292C                                # the published FNV-1a test vector
    assert fnv1a_32(b"foobar") == 0xBF9CF968


@pytest.mark.parametrize("word", WORDS)
def test_hash_and_buckets_equal_gensims_fasttext(word):
    for g in char_ngrams(word):
        assert fnv1a_32(g.encode("utf-8")) == ft_hash_bytes(g.encode("utf-8")), g
    for buckets in (BUCKETS, 1000):
        assert sorted(ngram_buckets(word, buckets)) == sorted(ft_ngram_hashes(word, 3, 6, buckets))


def test_non_ascii_bytes_are_sign_extended_as_fasttext_does():
    plain = 2166136261
    for byte in "é".encode("utf-8"):
        plain = ((plain ^ byte) * 16777619) % 2**32                    # textbook FNV-1a, unsigned bytes
    assert fnv1a_32("é".encode("utf-8")) != plain
    assert fnv1a_32("é".encode("utf-8")) == ft_hash_bytes("é".encode("utf-8"))


def test_word_vector_is_the_average_or_sum_of_its_ngram_vectors():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(50, 4))
    rows = ngram_buckets("cat", 50)
    assert np.allclose(subword_vector("cat", Z), Z[rows].mean(axis=0))
    assert np.allclose(subword_vector("cat", Z, average=False), Z[rows].sum(axis=0))
    own = rng.normal(size=4)
    assert np.allclose(subword_vector("cat", Z, word_vector=own), (own + Z[rows].sum(axis=0)) / (len(rows) + 1))


def test_by_hand_vectors_equal_gensims_for_seen_and_unseen_words():
    from lib.skipgram import TrainingSettings
    from lib.skipgram.gensim_variants import train_fasttext
    corpus = [["the", "cat", "sat", "on", "the", "mat"], ["a", "dog", "sat", "on", "a", "log"]] * 30
    model = train_fasttext(corpus, TrainingSettings(dim=8, min_count=1, epochs=2), buckets=1000)
    wv = model.wv
    for word in ["cat", "mat", "dog"]:                                 # seen: own vector and n-grams
        own = wv.vectors_vocab[wv.key_to_index[word]]
        assert np.allclose(subword_vector(word, wv.vectors_ngrams, word_vector=own), wv[word], atol=1e-6)
    for word in ["cats", "matt", "doggo", "xyz"]:                      # never seen: n-grams alone
        assert word not in wv.key_to_index
        assert np.allclose(subword_vector(word, wv.vectors_ngrams), wv[word], atol=1e-6)


def test_table_and_collisions():
    table = ngram_table(["cat"], 3, 3, buckets=100)
    assert table["n-gram"].tolist() == ["<ca", "cat", "at>"]
    assert (table["bucket"] == table["FNV-1a"] % 100).all()
    assert bucket_collisions(["cat", "act"], 1) == {"ngrams": 12, "buckets_used": 1, "shared": 12}
    none_shared = bucket_collisions(["cat"], 2**32)
    assert none_shared["shared"] == 0 and none_shared["buckets_used"] == none_shared["ngrams"] == 6


@pytest.mark.parametrize("call, message", [
    (lambda: char_ngrams(""), "non-empty string"),
    (lambda: char_ngrams("cat", 4, 3), "min_n ≤ max_n"),
    (lambda: ngram_buckets("cat", 0), "at least 1"),
    (lambda: subword_vector("ab", np.ones((5, 2)), min_n=6, max_n=6), "lower min_n"),
])
def test_bad_input_is_refused_with_the_fix(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_fasttext_takes_the_course_settings_and_the_ngram_lengths():
    from lib.skipgram import TrainingSettings
    from lib.skipgram.gensim_variants import train_fasttext
    settings = TrainingSettings(dim=6, window=3, negative=4, min_count=1, epochs=1, seed=7)
    model = train_fasttext([["a", "b", "c", "d"]] * 20, settings, min_n=2, max_n=4, buckets=100)
    assert (model.wv.min_n, model.wv.max_n, model.wv.bucket, model.vector_size) == (2, 4, 100, 6)
    assert (model.window, model.negative, model.seed, model.sg, model.workers) == (3, 4, 7, 1, 1)
    again = train_fasttext([["a", "b", "c", "d"]] * 20, settings, min_n=2, max_n=4, buckets=100)
    assert np.array_equal(model.wv.vectors_ngrams, again.wv.vectors_ngrams)      # one worker: reproducible
