"""Specifications of CBOW: its loss and gradients, its windows (skip-gram's pairs, grouped), its trainer."""
import numpy as np
import pytest

from lib.measure.gradcheck import gradient_check
from lib.skipgram.cbow import (cbow_loss_and_grads, context_mean, sgd_step_cbow, train_cbow, window_batches,
                               windows_from_pairs)
from lib.skipgram.epoch_pairs import EpochPairs
from lib.skipgram.gensim_engine import train_gensim
from lib.skipgram.huffman import huffman_tree
from lib.skipgram.numpy_engine import negative_sampling_loss_and_grads
from lib.skipgram.settings import TrainingSettings
from lib.skipgram.training import TrainingDivergedError
from lib.text.corpus import load_shipped_corpus

RNG = np.random.default_rng(0)
B, C, K, D = 3, 4, 2, 5
V_CONTEXT, U_O, U_NEG = RNG.normal(size=(B, C, D)), RNG.normal(size=(B, D)), RNG.normal(size=(B, K, D))
MASK = np.array([[True, True, False, False], [True, True, True, True], [True, False, False, False]])


def test_the_context_mean_ignores_padding():
    h = context_mean(V_CONTEXT, MASK)
    assert h[0] == pytest.approx(V_CONTEXT[0, :2].mean(axis=0))
    assert h[2] == pytest.approx(V_CONTEXT[2, 0])


def test_loss_is_skipgrams_negative_sampling_loss_of_the_mean():
    loss, *_ = cbow_loss_and_grads(V_CONTEXT, MASK, U_O, U_NEG)
    want, *_ = negative_sampling_loss_and_grads(context_mean(V_CONTEXT, MASK), U_O, U_NEG)
    assert loss == pytest.approx(want)


def test_loss_at_zero_output_vectors_is_k_plus_1_ln_2():
    loss, *_ = cbow_loss_and_grads(V_CONTEXT, MASK, np.zeros((B, D)), np.zeros((B, K, D)))
    assert loss == pytest.approx(np.full(B, (K + 1) * np.log(2)))


@pytest.mark.parametrize("which", [0, 1, 2])
def test_gradients_pass_the_gradient_check(which):
    args = [V_CONTEXT, U_O, U_NEG]

    def f(x):
        parts = list(args)
        parts[which] = x
        loss, *grads = cbow_loss_and_grads(parts[0], MASK, parts[1], parts[2])
        return loss.sum(), grads[which]
    result = gradient_check(f, args[which])
    assert result.passed, result.max_error


def test_each_context_vector_gets_one_nth_of_the_gradient_of_the_mean_and_padding_none():
    _, grad_context, *_ = cbow_loss_and_grads(V_CONTEXT, MASK, U_O, U_NEG)
    _, grad_h, _, _ = negative_sampling_loss_and_grads(context_mean(V_CONTEXT, MASK), U_O, U_NEG)
    assert np.all(grad_context[~MASK] == 0)
    for b, n in enumerate(MASK.sum(axis=1)):
        assert grad_context[b, :n] == pytest.approx(np.tile(grad_h[b] / n, (n, 1)))


def test_windows_group_the_pairs_by_center():
    centers, contexts, mask = windows_from_pairs(np.array([7, 8, 9]), np.array([0, 1, 1, 2]),
                                                 np.array([1, 0, 2, 1]), window=1)
    assert centers.tolist() == [7, 8, 9]
    assert contexts.tolist() == [[8, 0], [7, 9], [8, 0]]
    assert mask.tolist() == [[True, False], [True, True], [True, False]]


def test_a_window_of_two_equal_neighbours_stays_two_windows():
    """Grouping is by position, not by word: 'a a' gives two windows, each with one context."""
    centers, contexts, mask = windows_from_pairs(np.array([3, 3]), np.array([0, 1]), np.array([1, 0]), window=2)
    assert centers.tolist() == [3, 3] and mask.sum(axis=1).tolist() == [1, 1]


def test_cbow_reads_exactly_skipgrams_pairs():
    """Same settings and seed: unrolling the CBOW windows of an epoch gives the skip-gram pairs of that epoch."""
    sentences = load_shipped_corpus(max_tokens=20_000)
    data = EpochPairs(sentences, TrainingSettings(seed=3, window=4))
    pairs = [np.stack(p, axis=1) for p in data.epoch_pairs(1)]
    unrolled = []
    for block in data.epoch_positions(1):
        centers, contexts, mask = windows_from_pairs(*block, window=4)
        unrolled.append(np.stack([np.repeat(centers, mask.sum(axis=1)), contexts[mask]], axis=1))
    assert np.array_equal(np.concatenate(pairs), np.concatenate(unrolled))


def test_word2vec_update_moves_each_context_by_the_whole_gradient_of_h():
    W_in, W_out = RNG.normal(size=(6, D)), RNG.normal(size=(6, D))
    centers, contexts = np.array([0]), np.array([[1, 2]])
    mask, negatives = np.ones((1, 2), bool), np.array([[3, 4]])
    moved = {}
    for update in ("word2vec", "gradient"):
        A, Bo = W_in.copy(), W_out.copy()
        sgd_step_cbow(A, Bo, centers, contexts, mask, 0.1, negatives=negatives, input_update=update)
        moved[update] = A[1] - W_in[1]
    _, grad_context, _, _ = cbow_loss_and_grads(W_in[contexts], mask, W_out[centers], W_out[negatives])
    assert moved["gradient"] == pytest.approx(-0.1 * grad_context[0, 0])
    assert moved["word2vec"] == pytest.approx(2 * moved["gradient"])


def _mask(sizes, slots=10):
    return np.arange(slots)[None, :] < np.array(sizes)[:, None]


def test_a_batch_holds_the_windows_of_about_batch_size_pairs():
    assert window_batches(_mask([2, 3, 1, 4]), 5).tolist() == [0, 2, 4]
    assert window_batches(_mask([2, 3, 1, 4]), 100).tolist() == [0, 4]


def test_every_window_lands_in_exactly_one_nonempty_batch_even_when_larger_than_the_batch():
    sizes = RNG.integers(1, 11, size=200)
    for batch_size in (1, 4, 10, 64):
        bounds = window_batches(_mask(sizes), batch_size)
        assert bounds[0] == 0 and bounds[-1] == len(sizes) and np.all(np.diff(bounds) >= 1)
        pairs = np.add.reduceat(sizes, bounds[:-1])
        assert np.all(pairs < batch_size + 10)                      # fewer than B + 2w pairs
        assert pairs[:-1].sum() + pairs[-1] == sizes.sum()
    assert window_batches(_mask([]), 5).tolist() == [0]


CORPUS = [["the", "cat", "sat", "on", "the", "mat"], ["the", "dog", "sat", "on", "the", "rug"]] * 30
SETTINGS = TrainingSettings(dim=8, epochs=3, min_count=1, sample=0, batch_size=16, alpha=0.05)


@pytest.mark.parametrize("objective", ["negative_sampling", "hierarchical_softmax"])
def test_training_lowers_the_loss_and_returns_a_cbow_model(objective):
    model = train_cbow(CORPUS, SETTINGS, progress=False, objective=objective)
    assert model.architecture == "cbow" and model.engine == "numpy"
    rows = len(model.vocab) - (objective == "hierarchical_softmax")
    assert model.W_out.shape == (rows, 8)
    assert model.history[-1].loss < model.history[0].loss
    assert model.keyed_vectors().vector_size == 8


def test_same_seed_same_numbers_other_seed_other_numbers():
    a, b = (train_cbow(CORPUS, SETTINGS, progress=False) for _ in range(2))
    c = train_cbow(CORPUS, TrainingSettings(**{**SETTINGS.__dict__, "seed": 1}), progress=False)
    assert np.array_equal(a.W_in, b.W_in) and np.array_equal(a.W_out, b.W_out)
    assert not np.array_equal(a.W_in, c.W_in)


def test_hierarchical_softmax_uses_the_tree_of_the_counts():
    model = train_cbow(CORPUS, SETTINGS, progress=False, objective="hierarchical_softmax")
    tree = huffman_tree(model.vocab.counts)
    assert tree.lengths[model.vocab.id("the")] <= tree.lengths[model.vocab.id("rug")]


@pytest.mark.parametrize("option, value", [("objective", "softmax"), ("input_update", "sum")])
def test_unknown_options_are_refused_naming_the_choices(option, value):
    with pytest.raises(ValueError, match=option):
        train_cbow(CORPUS, SETTINGS, progress=False, **{option: value})


@pytest.mark.parametrize("architecture, objective", [("cbow", "negative_sampling"), ("cbow", "hierarchical_softmax"),
                                                     ("skipgram", "hierarchical_softmax")])
def test_gensim_baselines_return_the_course_model(architecture, objective):
    model = train_gensim(CORPUS, SETTINGS, architecture=architecture, objective=objective)
    assert model.architecture == architecture and model.engine == "gensim"
    assert model.W_out.shape == (len(model.vocab) - (objective == "hierarchical_softmax"), 8)
    assert np.any(model.W_out != 0)                  # the output table gensim trained, not an unused one


def test_gensim_refuses_an_unknown_architecture():
    with pytest.raises(ValueError, match="architecture"):
        train_gensim(CORPUS, SETTINGS, architecture="glove")


def test_divergence_stops_training_and_keeps_finite_weights():
    with pytest.raises(TrainingDivergedError, match="NaN or infinite") as info:
        train_cbow(CORPUS, TrainingSettings(dim=8, min_count=1, epochs=3, alpha=1e30), progress=False)
    named = int(str(info.value).split("in epoch ")[1].split()[0])
    assert len(info.value.model.history) == named - 1                # the epochs finished before it
    assert np.isfinite(info.value.model.W_in).all() and np.isfinite(info.value.model.W_out).all()


def test_each_epoch_is_recorded_and_passed_to_the_callback():
    seen = []
    model = train_cbow(CORPUS, SETTINGS, progress=False, callback=lambda m, record: seen.append(record))
    assert seen == model.history and [r.epoch for r in seen] == [1, 2, 3]
    assert all(r.pairs == len(CORPUS) * 6 for r in seen)            # windows: one per center (sample=0)
    assert seen[-1].alpha == pytest.approx(SETTINGS.min_alpha)     # the schedule's end


def test_a_step_reads_about_batch_size_pairs_whatever_the_window(monkeypatch):
    """batch_size counts pairs, as for skip-gram: a step takes more windows when windows are small."""
    import lib.skipgram.cbow as cbow
    real, seen = cbow.sgd_step_cbow, []

    def counting(W_in, W_out, centers, contexts, mask, *args, **kwargs):
        seen.append((len(centers), int(mask.sum())))
        return real(W_in, W_out, centers, contexts, mask, *args, **kwargs)
    monkeypatch.setattr(cbow, "sgd_step_cbow", counting)
    windows_per_step = {}
    for window in (1, 5):
        seen.clear()
        train_cbow(CORPUS, TrainingSettings(dim=8, epochs=1, min_count=1, sample=0, batch_size=32, window=window),
                   progress=False)
        assert all(32 - 2 * window < pairs < 32 + 2 * window for _, pairs in seen[:-1])
        windows_per_step[window] = np.mean([n for n, _ in seen[:-1]])
    assert windows_per_step[1] > 2 * windows_per_step[5]
