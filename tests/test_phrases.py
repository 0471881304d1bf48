"""Specifications of lib.text.phrases: the word2vec paper's phrase score, Gensim's Phrases, and passes.

Worked example (``test_score_formula``): "new york" seen 20 times, "new" 40 and "york" 25
times, discount δ = 5: score = (20 − 5) / (40 · 25) = 0.015; Gensim multiplies by the size of
its count table, so with 100,000 entries its score is 1,500.
"""
import numpy as np
import pytest
from gensim.models.phrases import original_scorer

from lib.text.phrases import joined_phrases, learn_phrases, phrase_passes, phrase_score


def test_score_formula():
    assert phrase_score(20, 40, 25, min_count=5) == pytest.approx(0.015)
    assert phrase_score(20, 40, 25, min_count=5, scale=100_000) == pytest.approx(1500.0)
    assert phrase_score(4, 4, 4, min_count=5) < 0                      # seen fewer than δ times: never joined


@pytest.mark.parametrize("counts", [(20, 40, 25), (7, 7, 9), (3, 100, 100), (500, 600, 700)])
def test_score_equals_gensims_original_scorer(counts):
    ab, a, b = counts
    assert phrase_score(ab, a, b, min_count=5, scale=12_345) == pytest.approx(
        original_scorer(worda_count=a, wordb_count=b, bigram_count=ab, len_vocab=12_345, min_count=5,
                        corpus_word_count=0))


def corpus():
    """'new york' always together, 'new' also alone before other words, 'big apple' together, the rest random."""
    rng = np.random.default_rng(0)
    filler = [f"w{i}" for i in range(30)]
    sentences = []
    for n in range(200):
        s = list(rng.choice(filler, size=8))
        s[2:2] = ["new", "york", "city"] if n % 2 == 0 else ["new", str(rng.choice(filler))]
        if n % 3 == 0:
            s += ["big", "apple"]
        sentences.append(s)
    return sentences


def test_pairs_that_always_occur_together_are_joined_and_random_ones_are_not():
    sentences = corpus()
    model = learn_phrases(sentences, threshold=2, min_count=5)
    table = joined_phrases(model, sentences)
    assert {"new_york", "big_apple"} <= set(table.index)
    assert not any(p.startswith("w") and p.split("_")[1].startswith("w") for p in table.index)
    row = table.loc["new_york"]
    assert (row.a, row.b, row.count_ab, row.joined) == ("new", "york", 100, 100)
    assert np.allclose(table["score"], table["by_hand"])
    joined = model[sentences[0]]
    assert "new_york" in joined and "new" not in joined


def test_a_second_pass_builds_three_word_phrases():
    sentences = corpus()
    text, tables = phrase_passes(sentences, thresholds=(2, 2), min_count=5)
    assert "new_york" in tables[0].index and "new_york_city" in tables[1].index
    assert tables[1].loc["new_york_city", ["a", "b"]].tolist() == ["new_york", "city"]
    assert sum(s.count("new_york_city") for s in text) == 100
    assert np.allclose(tables[1]["score"], tables[1]["by_hand"])


def test_the_table_counts_what_the_model_joins():
    sentences = corpus()
    model = learn_phrases(sentences, threshold=2)
    table = joined_phrases(model, sentences)
    tokens = [t for s in sentences for t in model[s]]
    for phrase, row in table.iterrows():
        assert tokens.count(phrase) == row.joined


@pytest.mark.parametrize("call, message", [
    (lambda: phrase_score(1, 2, 3, min_count=-1), "≥ 0"),
    (lambda: learn_phrases([["a", "b"]], threshold=0), "positive"),
    (lambda: learn_phrases("new york"), "one string"),
])
def test_bad_input_is_refused_with_the_fix(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
