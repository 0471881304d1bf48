"""Specifications of lib.text.corpus: tokenisation, the toy sentence and the shipped corpora."""
import pytest

from lib.text.corpus import (EmptyCorpusError, MAX_SENTENCE_LENGTH, check_not_empty, chunk, count_tokens,
                             load_lee, load_wikipedia, read_text_file, tokenize, toy_tokens, truncate)


def test_tokenize_lowercases_and_keeps_only_letter_runs():
    assert tokenize("The cat's 9 lives!") == ["the", "cat", "s", "lives"]
    assert tokenize("") == []
    assert tokenize("Café über") == ["café", "über"]


def test_toy_sentence_has_nine_tokens():
    assert toy_tokens() == ["the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog"]


def test_chunk_and_truncate_keep_order():
    assert chunk(list("abcde"), 2) == [["a", "b"], ["c", "d"], ["e"]]
    assert truncate([["a", "b"], ["c", "d"]], 3) == [["a", "b"], ["c"]]
    assert truncate([["a"]], None) == [["a"]]


def test_empty_corpus_is_refused_with_a_fix():
    with pytest.raises(EmptyCorpusError, match="empty"):
        check_not_empty([[], []])


def test_empty_text_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("123 456\n\n")
    with pytest.raises(EmptyCorpusError, match="empty.txt"):
        read_text_file(str(path))


def test_shipped_corpora_load_with_expected_sizes():
    wiki, lee = load_wikipedia(max_tokens=10**9), load_lee(max_tokens=10**9)
    assert 400_000 < count_tokens(wiki) < 500_000
    assert 55_000 < count_tokens(lee) < 65_000
    assert max(len(s) for s in wiki) <= MAX_SENTENCE_LENGTH


def test_max_tokens_limits_the_corpus():
    assert count_tokens(load_wikipedia(max_tokens=1000)) == 1000


def test_zipf_corpus_has_the_requested_size_and_a_zipfian_head():
    from collections import Counter
    from lib.text.corpus import zipf_corpus
    sentences = zipf_corpus(n_tokens=50_000, n_types=1000, sentence_length=1000, seed=0)
    assert len(sentences) == 50 and count_tokens(sentences) == 50_000
    counts = Counter(w for s in sentences for w in s)
    assert counts["w1"] / counts["w2"] == pytest.approx(2.0, rel=0.1)   # P(r) ∝ 1/r
    assert zipf_corpus(100, 10, seed=1) == zipf_corpus(100, 10, seed=1)
