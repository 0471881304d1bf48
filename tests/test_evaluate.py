"""Specifications of lib.vectors.evaluation on hand-made vectors whose answers are known."""
import numpy as np
import pytest

from lib.vectors.evaluation import (analogy_accuracy, benchmark_scores, nearest, read_analogies,
                                    read_word_pairs, solve_analogies, word_pair_spearman)
from lib.vectors.keyed import to_keyed_vectors


def analogy_space():
    """Words placed so that b − a + c lands exactly on d: king − man + woman = queen.

    Coordinates: (royalty, gender, noise).  man (0,0), woman (0,1), king (1,0), queen (1,1).
    """
    words = ["man", "woman", "king", "queen", "apple"]
    vectors = np.array([[0.1, 0.0, 1.0], [0.1, 1.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 1.0], [-1, -1, 0.2]])
    return to_keyed_vectors(words, vectors, counts=[5, 4, 3, 2, 1])


def test_keyed_vectors_hold_exactly_the_given_rows():
    kv = analogy_space()
    assert kv.index_to_key == ["man", "woman", "king", "queen", "apple"]
    assert kv["queen"] == pytest.approx([1.0, 1.0, 1.0])
    assert kv.get_vecattr("apple", "count") == 1


def test_keyed_vectors_reject_mismatched_shapes():
    with pytest.raises(ValueError, match="one row per word"):
        to_keyed_vectors(["a", "b"], np.zeros((3, 2)))


@pytest.mark.parametrize("method", ["3cosadd", "3cosmul"])
def test_king_minus_man_plus_woman_is_queen(method):
    kv = analogy_space()
    words = kv.index_to_key
    predicted = solve_analogies(kv, [("man", "king", "woman"), ("man", "king", "zebra")], method)
    assert words[predicted[0]] == "queen"
    assert predicted[1] == -1          # an unknown word makes the question unanswerable


def test_analogy_methods_must_be_known():
    with pytest.raises(ValueError, match="3cosadd"):
        solve_analogies(analogy_space(), [("man", "king", "woman")], "3cosfoo")


def test_bundled_datasets_have_their_published_sizes():
    assert len(read_word_pairs("wordsim353")) == 353
    assert len(read_word_pairs("simlex999")) == 999
    sections = read_analogies()
    assert len(sections) == 14 and sum(len(q) for q in sections.values()) == 19544


def test_random_vectors_score_near_zero_and_report_coverage():
    rng = np.random.default_rng(0)
    words = sorted({w for a, b, _ in read_word_pairs("wordsim353") for w in (a, b)})
    kv = to_keyed_vectors(words, rng.normal(size=(len(words), 20)))
    result = word_pair_spearman(kv, "wordsim353")
    assert result["oov"] == 0 and result["pairs"] == 353
    assert abs(result["spearman"]) < 0.15
    analogies = analogy_accuracy(kv)
    assert analogies.answered < 0.01 * analogies.total      # few analogy words are in WordSim353


def test_spearman_is_one_when_cosines_rank_pairs_like_humans(monkeypatch):
    """Pair i gets two unit vectors at angle arccos(score_i / 10): the cosines are the human
    scores scaled, so the rank correlation is exactly 1."""
    ratings = [("a", "b", 9.0), ("c", "d", 2.5), ("e", "f", 6.0), ("g", "h", 4.0)]
    monkeypatch.setattr("lib.vectors.evaluation.read_word_pairs", lambda name: ratings + [("a", "zebra", 5.0)])
    words, vectors = [], []
    for i, (w1, w2, score) in enumerate(ratings):
        angle = np.arccos(score / 10.0)
        first, second = np.zeros(8), np.zeros(8)
        first[2 * i] = 1.0
        second[2 * i], second[2 * i + 1] = np.cos(angle), np.sin(angle)
        words += [w1, w2]
        vectors += [first, second]
    result = word_pair_spearman(to_keyed_vectors(words, np.array(vectors)), "wordsim353")
    assert result == {"spearman": pytest.approx(1.0), "pairs": 4, "oov": pytest.approx(0.2)}


def test_nearest_excludes_the_word_and_explains_unknown_words():
    kv = analogy_space()
    assert nearest(kv, "king", 1)[0][0] == "queen"
    with pytest.raises(KeyError, match="not in the vocabulary"):
        nearest(kv, "zebra")


def test_benchmark_scores_has_every_key():
    assert set(benchmark_scores(analogy_space())) == {
        "wordsim353", "simlex999", "analogy_3cosadd", "analogy_3cosmul", "analogy_coverage"}
