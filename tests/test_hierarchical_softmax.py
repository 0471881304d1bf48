"""Specifications of the hierarchical softmax: the Huffman tree, path probabilities, gradients, training."""
import heapq
import itertools

import numpy as np
import pytest

from lib.measure.gradcheck import gradient_check
from lib.skipgram.hierarchical_softmax import (all_word_probabilities, hs_loss_and_grads, hs_output_step,
                                               node_damping, path_log_probability)
from lib.skipgram.huffman import huffman_tree, is_prefix_free, weighted_code_length
from lib.skipgram.numpy_engine import train_numpy
from lib.skipgram.settings import TrainingSettings

RNG = np.random.default_rng(0)
COUNTS = np.array([50, 30, 20, 9, 8, 7, 5, 3, 2, 1])
TREE = huffman_tree(COUNTS)
D = 4
NODES = RNG.normal(scale=0.7, size=(len(COUNTS) - 1, D))


def reference_huffman_cost(counts) -> int:
    """Σ count · length of an optimal prefix code: the sum of all merged weights (heapq Huffman)."""
    heap = [int(c) for c in counts]
    heapq.heapify(heap)
    cost = 0
    while len(heap) > 1:
        merged = heapq.heappop(heap) + heapq.heappop(heap)
        cost += merged
        heapq.heappush(heap, merged)
    return cost


def batch_for(words, tree=TREE, nodes=NODES):
    """The (nodes, codes, mask) arrays of some words' paths, shapes (B, L, d), (B, L), (B, L)."""
    words = np.asarray(words)
    return nodes[tree.points[words]], tree.codes[words], tree.mask[words]


# ----------------------------------------------------------------------------- the tree

def test_codes_follow_word2vec_on_a_small_example():
    tree = huffman_tree([5, 2, 1, 1])
    assert [tree.code(w) for w in range(4)] == ["1", "01", "001", "000"]
    assert tree.path(3).tolist() == [2, 1, 0]                  # rows: the root (V − 2 = 2) first
    assert tree.root == 6


def test_codes_are_prefix_free_and_the_tree_is_full():
    codes = [TREE.code(w) for w in range(len(COUNTS))]
    assert is_prefix_free(codes) and len(set(codes)) == len(codes)
    assert np.sum(2.0 ** -TREE.lengths) == pytest.approx(1.0)   # Kraft equality: every inner node has 2 children


def test_is_prefix_free_detects_a_prefix():
    assert not is_prefix_free(["0", "01", "11"])


@pytest.mark.parametrize("seed", range(5))
def test_code_lengths_are_optimal(seed):
    counts = np.random.default_rng(seed).integers(1, 1000, size=int(np.random.default_rng(seed).integers(2, 60)))
    tree = huffman_tree(counts)
    assert weighted_code_length(counts, tree.lengths) == reference_huffman_cost(counts)


def test_optimal_against_every_code_length_assignment_on_tiny_vocabularies():
    """Brute force over all length vectors satisfying Kraft for V = 4: none beats Huffman."""
    counts = np.array([7, 4, 2, 1])
    best = min(weighted_code_length(counts, lengths) for lengths in itertools.product(range(1, 4), repeat=4)
               if np.sum(2.0 ** -np.array(lengths)) <= 1)
    assert weighted_code_length(counts, huffman_tree(counts).lengths) == best


def test_frequent_words_get_codes_no_longer_than_rare_ones():
    order = np.argsort(-COUNTS, kind="stable")
    assert np.all(np.diff(TREE.lengths[order]) >= 0)


def test_counts_in_any_order_give_the_same_lengths_per_word():
    permutation = np.random.default_rng(1).permutation(len(COUNTS))
    shuffled = huffman_tree(COUNTS[permutation])
    assert np.array_equal(shuffled.lengths, TREE.lengths[permutation])


def test_mean_code_length_is_below_log2_V_for_zipfian_counts():
    counts = (1e6 / np.arange(1, 5001)).astype(int) + 1
    tree = huffman_tree(counts)
    entropy = -np.sum((p := counts / counts.sum()) * np.log2(p))
    assert entropy <= tree.mean_code_length() < entropy + 1 < np.log2(len(counts))


def test_children_and_points_describe_the_same_tree():
    V = len(COUNTS)
    for w in range(V):
        node = TREE.root
        for row, bit in zip(TREE.path(w), TREE.codes[w, :TREE.lengths[w]]):
            assert node - V == row
            node = TREE.children[row, bit]
        assert node == w


@pytest.mark.parametrize("counts", [[3], [], [[1, 2]]])
def test_fewer_than_two_words_are_refused(counts):
    with pytest.raises(ValueError, match="at least two words"):
        huffman_tree(counts)


# ----------------------------------------------------------------------------- probabilities and gradients

def test_probabilities_over_the_whole_vocabulary_sum_to_one():
    h = RNG.normal(size=(6, D))
    p = all_word_probabilities(h, NODES, TREE)
    assert p.shape == (6, len(COUNTS)) and np.all(p > 0)
    assert p.sum(axis=1) == pytest.approx(np.ones(6), abs=1e-12)


def test_zero_node_vectors_give_each_word_two_to_the_minus_its_length():
    p = all_word_probabilities(RNG.normal(size=D), np.zeros_like(NODES), TREE)
    assert p == pytest.approx(2.0 ** -TREE.lengths)


def test_loss_is_minus_the_log_of_the_path_probability():
    h, words = RNG.normal(size=(3, D)), np.array([0, 4, 9])
    loss, _, _ = hs_loss_and_grads(h, *batch_for(words))
    p = all_word_probabilities(h, NODES, TREE)
    assert loss == pytest.approx(-np.log(p[np.arange(3), words]))
    assert -path_log_probability(h, *batch_for(words)) == pytest.approx(loss)


@pytest.mark.parametrize("which", ["h", "nodes"])
def test_gradients_pass_the_gradient_check(which):
    h, words = RNG.normal(size=(3, D)), np.array([1, 5, 9])
    nodes, codes, mask = batch_for(words)

    def f(x):
        if which == "h":
            loss, grad, _ = hs_loss_and_grads(x, nodes, codes, mask)
        else:
            loss, _, grad = hs_loss_and_grads(h, x, codes, mask)
        return loss.sum(), grad
    result = gradient_check(f, h if which == "h" else nodes)
    assert result.passed, result.max_error


def test_padding_entries_get_no_gradient():
    _, _, grad_nodes = hs_loss_and_grads(RNG.normal(size=(1, D)), *batch_for([0]))
    assert np.all(grad_nodes[0, TREE.lengths[0]:] == 0)


def test_damping_divides_by_one_plus_the_summed_curvature():
    factors = node_damping(np.array([[0, 1], [0, 2]]), np.array([[0.5, 1.0], [0.5, 0.0]]), 1.0)
    assert factors == pytest.approx(np.array([[0.5, 0.5], [0.5, 1.0]]))


def test_an_undamped_step_is_plain_sgd_on_the_path_nodes():
    W = NODES.copy()
    h, targets, lr = RNG.normal(size=(2, D)), np.array([2, 7]), 0.1
    loss, grad_h = hs_output_step(W, h, targets, TREE, lr, damping=False)
    want_loss, want_grad_h, grad_nodes = hs_loss_and_grads(h, *batch_for(targets))
    expected = NODES.copy()
    np.add.at(expected, TREE.points[targets], -lr * grad_nodes)
    assert loss == pytest.approx(want_loss) and grad_h == pytest.approx(want_grad_h)
    assert W == pytest.approx(expected)


# ----------------------------------------------------------------------------- training

CORPUS = [["the", "cat", "sat", "on", "the", "mat"], ["the", "dog", "sat", "on", "the", "rug"]] * 30
SETTINGS = TrainingSettings(dim=8, epochs=3, min_count=1, sample=0, batch_size=16, alpha=0.05)


def test_skipgram_with_the_hierarchical_softmax_learns_and_keeps_v_minus_one_node_vectors():
    model = train_numpy(CORPUS, SETTINGS, progress=False, objective="hierarchical_softmax")
    assert model.W_out.shape == (len(model.vocab) - 1, 8)
    losses = [r.loss for r in model.history]
    assert losses[-1] < losses[0]


def test_same_seed_same_numbers():
    a, b = (train_numpy(CORPUS, SETTINGS, progress=False, objective="hierarchical_softmax") for _ in range(2))
    assert np.array_equal(a.W_in, b.W_in) and np.array_equal(a.W_out, b.W_out)


# ----------------------------------------------------------------------------- cost and figure

def test_a_step_touches_the_nodes_on_the_batchs_paths_only():
    from lib.measure.cost_model import rows_touched
    touched = rows_touched("hierarchical_softmax", 5000, batch=64)
    assert 0 < touched < 64 * 20 < 5000 - 1


def test_the_tree_figure_marks_the_words_path_and_refuses_unknown_words():
    import matplotlib
    matplotlib.use("Agg")
    from lib.figures.huffman import plot_huffman_tree, tree_layout
    words = [f"w{i}" for i in range(len(COUNTS))]
    layout = tree_layout(TREE, levels=2)
    assert layout[TREE.root] == (0.5, 0) and {x for x, depth in layout.values() if depth == 1} == {0.25, 0.75}
    fig, ax = plot_huffman_tree(TREE, words, "w9", levels=3)
    assert TREE.code(9) in ax.get_title() and ax.get_ylabel()
    with pytest.raises(KeyError, match="pick a word"):
        plot_huffman_tree(TREE, words, "nope")
