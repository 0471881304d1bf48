"""Specifications of lib.vectors.open_problems: what a coordinate's extremes are, what a rotation keeps,
why a mean of word vectors cannot see word order, and what a typo does to a neighbour.

Worked example (test_a_mean_of_word_vectors_cannot_see_word_order): "dog bites man" and
"man bites dog" hold the same three words, so their means are the same vector and their
cosine is exactly 1, whatever the vectors are.
"""
import numpy as np
import pytest

from lib.vectors.keyed import to_keyed_vectors
from lib.vectors.open_problems import (ORDER_PAIRS, dimension_extremes, neighbour_changes, pair_cosines, rotated,
                                       typo)

WORDS = ["cat", "dog", "man", "bites", "car", "bus"]
KV = to_keyed_vectors(WORDS, np.array([[1.0, 0.2], [0.9, 0.1], [0.1, 0.5], [0.0, 1.0], [-1.0, 0.3], [-0.8, 0.2]]))


def test_dimension_extremes_are_the_largest_and_smallest_values():
    assert dimension_extremes(KV, 0, n=2) == {"top": ["cat", "dog"], "bottom": ["car", "bus"]}
    assert dimension_extremes(KV, 1, n=1, vocabulary=3)["top"] == ["man"]            # only the 3 most frequent
    with pytest.raises(ValueError, match="2 coordinates"):
        dimension_extremes(KV, 2)


def test_a_rotation_keeps_every_cosine_but_not_the_coordinates():
    turned = rotated(KV, seed=1)
    assert np.allclose([turned.similarity(a, b) for a in WORDS for b in WORDS],
                       [KV.similarity(a, b) for a in WORDS for b in WORDS])
    assert not np.allclose(turned.vectors, KV.vectors)


def test_a_mean_of_word_vectors_cannot_see_word_order():
    from lib.text.corpus import tokenize
    from lib.vectors.retrieval import average_vectors
    cos = pair_cosines(lambda texts: average_vectors([tokenize(t) for t in texts], KV), ORDER_PAIRS[:1])
    assert cos[0] == pytest.approx(1.0)
    one_hot = {"a": [1.0, 0.0], "b": [0.0, 1.0]}
    assert pair_cosines(lambda texts: np.array([one_hot[t] for t in texts]), [("a", "b")])[0] == 0.0


def test_typo_swaps_two_letters_of_the_longest_word():
    assert typo("Firefighters battled the blaze") == "Firefihgters battled the blaze"
    assert typo("a cat") == "a cat"                                                  # too short to swap inside
    with pytest.raises(ValueError, match="non-empty"):
        typo("")


def test_neighbour_changes_counts_queries_whose_nearest_sentence_moves():
    sentences = ["cats purr loudly", "dogs bark loudly", "cats purr softly", "buses run late"]
    blind = neighbour_changes(lambda texts: np.ones((len(texts), 3)), sentences, [0, 1])
    assert blind["changed"] == 0.0 and blind["cosine"] == pytest.approx(1.0)

    known = dict(zip(sentences, [[1, 0, 0], [0, 1, 0], [0.9, 0.1, 0], [0, 0, 1]]))

    def fragile(texts):                        # any misspelt text lands on the vector of "buses run late"
        return np.array([known.get(t, [0, 0, 1]) for t in texts], dtype=float)
    result = neighbour_changes(fragile, sentences, [0, 1])
    assert result["changed"] == 1.0 and result["cosine"] == pytest.approx(0.0)
    assert result["examples"][0] == ("cats purr loudly", "cats purr louldy", sentences[2], sentences[3])
