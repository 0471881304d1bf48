"""Specifications of lib.vectors.analogies, against the slides' example, gensim and lib.vectors.evaluation.

Worked example (``test_slide_example``): with the slides' vectors, king − man =
[0, 0, 0.8] and adding woman gives [0.5, 0.8, 0.9], exactly queen; 3CosAdd and
3CosMul both rank queen first, and the offsets king − man and queen − woman are
the same vector (relative gap 0, cosine 1).
"""
import numpy as np
import pytest

from lib.vectors.analogies import (EPSILON, SLIDE_VECTORS, analogy_scores, answer_rank, linear_substructure,
                                   mismatched_pairs, offset_cosines, offsets, question_ranks, question_scores,
                                   random_offsets, relation_pairs, solve, three_cos_scores)
from lib.vectors.evaluation import solve_analogies
from lib.vectors.keyed import to_keyed_vectors
from lib.vectors.similarity import normalize_rows


@pytest.fixture
def slide_kv():
    return to_keyed_vectors(list(SLIDE_VECTORS), np.array(list(SLIDE_VECTORS.values())))


@pytest.fixture
def random_kv():
    rng = np.random.default_rng(0)
    E = rng.normal(size=(60, 10)) * rng.uniform(0.3, 3.0, size=(60, 1))
    return to_keyed_vectors([f"w{i}" for i in range(60)], E)


def test_slide_example(slide_kv):
    man, king, woman, queen = (slide_kv.key_to_index[w] for w in ["man", "king", "woman", "queen"])
    for method in ["3cosadd", "3cosmul"]:
        assert int(np.argmax(analogy_scores(slide_kv.vectors, man, king, woman, method))) == queen
    assert answer_rank(slide_kv.vectors, man, king, woman, queen) == 1
    result = linear_substructure(SLIDE_VECTORS)
    assert result["r"] == pytest.approx([0.0, 0.0, 0.8])
    assert result["result"] == pytest.approx(SLIDE_VECTORS["queen"])
    assert result["relative_gap"] == pytest.approx(0.0) and result["cos_offsets"] == pytest.approx(1.0)
    assert result["cos_result_queen"] == 1.0


def test_linear_substructure_sees_a_broken_parallelogram():
    moved = dict(SLIDE_VECTORS, queen=[0.5, 0.8, 0.5])
    result = linear_substructure(moved)
    assert result["relative_gap"] == pytest.approx(0.5)
    assert result["cos_result_queen"] < 1


def test_3cosadd_ranks_like_gensim_most_similar(random_kv):
    rng = np.random.default_rng(1)
    for _ in range(20):
        a, b, c = (random_kv.index_to_key[i] for i in rng.choice(60, size=3, replace=False))
        ours = [w for w, _ in solve(random_kv, a, b, c, topn=5)]
        theirs = [w for w, _ in random_kv.most_similar(positive=[b, c], negative=[a], topn=5)]
        assert ours == theirs


@pytest.mark.parametrize("method", ["3cosadd", "3cosmul"])
def test_scores_agree_with_lib_evaluate(random_kv, method):
    rng = np.random.default_rng(2)
    questions = [tuple(random_kv.index_to_key[i] for i in rng.choice(60, size=3, replace=False)) for _ in range(30)]
    predicted = solve_analogies(random_kv, questions, method)
    for q, p in zip(questions, predicted):
        assert solve(random_kv, *q, topn=1, method=method)[0][0] == random_kv.index_to_key[p]


def test_question_ranks_match_answer_rank_and_skip_unknown_words(random_kv):
    rng = np.random.default_rng(3)
    E, words = random_kv.vectors, random_kv.index_to_key
    qs = [tuple(int(i) for i in rng.choice(60, size=4, replace=False)) for _ in range(40)]
    ranks = question_ranks(random_kv, [tuple(words[i] for i in q) for q in qs] + [("w1", "w2", "w3", "nope")])
    assert ranks[:-1].tolist() == [answer_rank(E, *q) for q in qs]
    assert ranks[-1] == 0
    mul = question_ranks(random_kv, [tuple(words[i] for i in q) for q in qs], "3cosmul")
    assert mul.tolist() == [answer_rank(E, *q, method="3cosmul") for q in qs]


def test_three_cos_scores_follow_the_formulas():
    cos_a, cos_b, cos_c = np.array([0.0, 0.5]), np.array([1.0, -0.5]), np.array([1.0, 0.25])
    assert three_cos_scores(cos_a, cos_b, cos_c).tolist() == [2.0, -0.75]
    shifted = [(c + 1) / 2 for c in (cos_a, cos_b, cos_c)]
    assert three_cos_scores(cos_a, cos_b, cos_c, "3cosmul") == pytest.approx(
        shifted[1] * shifted[2] / (shifted[0] + EPSILON))
    assert three_cos_scores(np.array([0.0]), np.array([1.0]), np.array([1.0]), "3cosmul") == pytest.approx([1 / 0.501])
    assert EPSILON == 0.001                                      # Levy & Goldberg (2014), cosines shifted to [0, 1]


@pytest.mark.parametrize("method", ["3cosadd", "3cosmul"])
def test_question_scores_in_chunks_equal_one_question_at_a_time(random_kv, method):
    rng = np.random.default_rng(5)
    abc = np.array([rng.choice(60, size=3, replace=False) for _ in range(7)])
    U = normalize_rows(random_kv.vectors)
    chunks = list(question_scores(U, abc, method, chunk=3))
    assert [start for start, _ in chunks] == [0, 3, 6]
    scores = np.vstack([score for _, score in chunks])
    for q, (a, b, c) in enumerate(abc):
        np.testing.assert_allclose(scores[q], analogy_scores(random_kv.vectors, a, b, c, method), rtol=1e-12)
    with pytest.raises(ValueError, match="method"):
        next(question_scores(U, abc, "3cosdiv"))


def test_the_best_answer_has_rank_one(random_kv):
    best = solve(random_kv, "w0", "w1", "w2", topn=1)[0][0]
    assert question_ranks(random_kv, [("w0", "w1", "w2", best)])[0] == 1


def test_unknown_method_and_word_are_refused(random_kv):
    with pytest.raises(ValueError, match="method"):
        analogy_scores(random_kv.vectors, 0, 1, 2, "3cosdiv")
    with pytest.raises(KeyError, match="zebra"):
        solve(random_kv, "w0", "zebra", "w1")


def test_relation_pairs_of_the_google_set(slide_kv):
    pairs = relation_pairs("capital-common-countries")
    assert pairs[:2] == [("athens", "greece"), ("baghdad", "iraq")]
    assert len(pairs) == len(set(pairs))
    assert relation_pairs("family", slide_kv) == [("king", "queen"), ("man", "woman")]   # only in-vocabulary pairs
    assert len(relation_pairs("capital-world", limit=5)) == 5


def test_mismatched_pairs_keep_the_words_but_no_pair():
    pairs = [(f"a{i}", f"b{i}") for i in range(8)]
    wrong = mismatched_pairs(pairs, np.random.default_rng(0))
    assert sorted(a for a, _ in wrong) == sorted(a for a, _ in pairs)
    assert sorted(b for _, b in wrong) == sorted(b for _, b in pairs)
    assert not set(wrong) & set(pairs)
    with pytest.raises(ValueError):
        mismatched_pairs(pairs[:1], np.random.default_rng(0))


def test_offset_cosines_example_and_offsets(slide_kv):
    assert offset_cosines(np.array([[1.0, 0.0], [2.0, 0.0], [0.0, 1.0]])).tolist() == pytest.approx([1, 0, 0])
    O = offsets(slide_kv, [("man", "king"), ("woman", "queen")])
    assert O.shape == (2, 3)
    U = slide_kv.get_normed_vectors()
    assert O[0] == pytest.approx(U[slide_kv.key_to_index["king"]] - U[slide_kv.key_to_index["man"]])


def test_random_offsets_join_different_words(random_kv):
    O = random_offsets(random_kv, 500, np.random.default_rng(4))
    assert O.shape == (500, 10) and np.linalg.norm(O, axis=1).min() > 0
    assert abs(offset_cosines(O).mean()) < 0.05
