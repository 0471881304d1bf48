"""Specifications of lib.text.windows: context positions, exact pair counts, and the slides' formula.

Worked example (``test_slide_formula_overcounts_by_w_times_w_plus_1``): for the
slides' 9-token sentence and w = 2 the formula gives 9 · min(4, 8) = 36, but the
first and last words have 2 contexts each and the second and second-to-last 3,
so the sentence has 36 − 2·(1 + 2) = 30 pairs, the slides' own number.
"""
import numpy as np
import pytest

from lib.text.corpus import toy_tokens
from lib.text.pairs import pair_count, window_pairs, word_pairs
from lib.text.windows import (context_positions, contexts_per_position, expected_dynamic_pair_count,
                              pair_count_closed_form, pair_count_table, slide_pair_formula)

GRID = [(n, w) for n in range(0, 31) for w in range(1, 36)]


def test_context_positions_of_the_slides_sentence():
    assert context_positions(9, 3, 1) == [2, 4]
    assert context_positions(9, 0, 2) == [1, 2]
    assert context_positions(9, 3, 5) == [0, 1, 2, 4, 5, 6, 7, 8]


@pytest.mark.parametrize("args", [(9, 9, 1), (9, -1, 1), (9, 3, 0)])
def test_context_positions_reject_bad_arguments(args):
    with pytest.raises(ValueError):
        context_positions(*args)


def test_per_position_counts_match_the_positions():
    for n, w in [(9, 2), (5, 10), (1, 3)]:
        assert contexts_per_position(n, w).tolist() == [len(context_positions(n, i, w)) for i in range(n)]


def test_closed_form_and_sum_equal_counted_pairs_everywhere():
    for n, w in GRID:
        counted = len(word_pairs(["x"] * n, w)) if n else 0
        assert pair_count_closed_form(n, w) == counted == pair_count(n, w), (n, w)
        assert int(contexts_per_position(n, w).sum()) == counted


@pytest.mark.parametrize("w, exact, formula", [(1, 16, 18), (2, 30, 36), (3, 42, 54), (5, 60, 72)])
def test_slides_numbers_hold_and_slides_formula_does_not(w, exact, formula):
    assert len(word_pairs(toy_tokens(), w)) == exact
    assert slide_pair_formula(9, w) == formula


def test_slide_formula_overcounts_by_w_times_w_plus_1():
    for n, w in GRID:
        if n and 2 * w <= n - 1:
            assert slide_pair_formula(n, w) - pair_count(n, w) == w * (w + 1)


def test_slide_formula_is_right_only_when_the_window_covers_the_sentence():
    for n, w in GRID:
        if n >= 2:
            assert (slide_pair_formula(n, w) == pair_count(n, w)) == (w >= n - 1), (n, w)


def test_expected_dynamic_count_matches_sampling():
    """Average over 4,000 sentences of 9 tokens laid end to end, each drawing its own reduced windows."""
    sentence_of = np.repeat(np.arange(4000), 9)
    for w in [1, 2, 5]:
        centers, _ = window_pairs(sentence_of, w, np.random.default_rng(w))
        assert len(centers) / 4000 == pytest.approx(expected_dynamic_pair_count(9, w), rel=0.02)
    assert expected_dynamic_pair_count(9, 1) == 16.0
    assert expected_dynamic_pair_count(9, 2) == pytest.approx(23.0)


def test_pair_count_table_has_one_row_per_window():
    table = pair_count_table(9, [1, 2, 3, 5], {1: 16, 2: 30, 3: 42, 5: 60})
    assert table.index.tolist() == [1, 2, 3, 5]
    assert table["counted pairs"].tolist() == table["slide's number"].tolist() == [16, 30, 42, 60]
    assert table["slide: n · min(2w, n−1)"].tolist() == [18, 36, 54, 72]
