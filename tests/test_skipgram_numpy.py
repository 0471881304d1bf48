"""Specifications of the NumPy skip-gram: losses, gradients, the trainer."""
import numpy as np
import pytest

from lib.measure.gradcheck import gradient_check
from lib.skipgram.numpy_engine import (log_sigmoid, negative_sampling_loss_and_grads, scatter_add_rows,
                                       sigmoid, softmax_loss_and_grads, train_numpy)
from lib.skipgram.settings import TrainingSettings
from lib.skipgram.training import TrainingDivergedError


RNG = np.random.default_rng(0)
B, V, K, D = 3, 7, 4, 5
V_C, U, U_O, U_NEG = (RNG.normal(size=s) for s in [(B, D), (V, D), (B, D), (B, K, D)])
O = np.array([1, 4, 6])


def test_sigmoid_and_log_sigmoid_are_stable():
    x = np.array([-1000.0, 0.0, 1000.0])
    assert sigmoid(x) == pytest.approx([0.0, 0.5, 1.0])
    assert np.all(np.isfinite(log_sigmoid(x)))
    assert log_sigmoid(np.array([0.0]))[0] == pytest.approx(-np.log(2))


def test_softmax_loss_is_minus_log_probability():
    loss, _, _ = softmax_loss_and_grads(V_C, U, O)
    scores = V_C @ U.T
    probs = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    assert loss == pytest.approx(-np.log(probs[np.arange(B), O]))


def test_softmax_loss_at_zero_output_vectors_is_log_V():
    loss, _, _ = softmax_loss_and_grads(V_C, np.zeros((V, D)), O)
    assert loss == pytest.approx(np.full(B, np.log(V)))


def test_softmax_gradients_pass_the_gradient_check():
    check_vc = gradient_check(lambda x: (softmax_loss_and_grads(x, U, O)[0].sum(),
                                         softmax_loss_and_grads(x, U, O)[1]), V_C)
    check_U = gradient_check(lambda x: (softmax_loss_and_grads(V_C, x, O)[0].sum(),
                                        softmax_loss_and_grads(V_C, x, O)[2]), U)
    assert check_vc.passed and check_U.passed


@pytest.mark.parametrize("which", [0, 1, 2])
def test_negative_sampling_gradients_pass_the_gradient_check(which):
    args = [V_C, U_O, U_NEG]

    def f(x):
        parts = list(args)
        parts[which] = x
        loss, *grads = negative_sampling_loss_and_grads(*parts)
        return loss.sum(), grads[which]
    assert gradient_check(f, args[which]).passed


def test_negative_sampling_loss_at_zero_vectors_is_k_plus_1_ln_2():
    loss, *_ = negative_sampling_loss_and_grads(np.zeros((B, D)), U_O, U_NEG)
    assert loss == pytest.approx(np.full(B, (K + 1) * np.log(2)))


def test_scatter_add_rows_sums_repeated_rows_like_add_at():
    W = np.zeros((V, D))
    rows = np.array([[1, 2], [1, 1], [6, 2]])
    coeffs = RNG.normal(size=(3, 2))
    vectors = RNG.normal(size=(3, D))
    expected = np.zeros((V, D))
    np.add.at(expected, rows.ravel(), (coeffs[:, :, None] * vectors[:, None, :]).reshape(-1, D))
    scatter_add_rows(W, rows, coeffs, vectors)
    assert W == pytest.approx(expected)


def test_training_separates_words_that_never_share_a_context(two_topics):
    settings = TrainingSettings(dim=10, window=2, negative=3, sample=0, min_count=1, epochs=3, batch_size=64)
    model = train_numpy(two_topics, settings, progress=False)
    kv = model.keyed_vectors()
    assert kv.similarity("cat", "dog") > kv.similarity("cat", "truck") + 0.5
    assert model.history[-1].loss < model.history[0].loss


def test_same_seed_same_vectors_other_seed_other_vectors(two_topics):
    def trained(seed):
        return train_numpy(two_topics, TrainingSettings(dim=8, window=2, min_count=1, epochs=1, seed=seed),
                           progress=False).W_in
    a, b, c = trained(5), trained(5), trained(6)
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_divergence_stops_training_and_keeps_finite_weights(two_topics):
    with pytest.raises(TrainingDivergedError, match="NaN or infinite") as info:
        train_numpy(two_topics, TrainingSettings(dim=8, min_count=1, epochs=3, alpha=1e30), progress=False)
    assert "Lower alpha" in str(info.value)
    weights = info.value.model
    assert np.isfinite(weights.W_in).all() and np.isfinite(weights.W_out).all()


def test_unknown_word_lookup_explains_itself(two_topics):
    model = train_numpy(two_topics, TrainingSettings(dim=4, min_count=1, epochs=1), progress=False)
    with pytest.raises(KeyError, match="not in the vocabulary"):
        model.vector("zebra")


def test_scatter_add_rows_refuses_an_overflowing_update_and_leaves_W_unchanged():
    W = np.ones((2, 2), dtype=np.float32)
    with pytest.raises(FloatingPointError):
        scatter_add_rows(W, np.array([[0]]), np.array([[1e38]], dtype=np.float32),
                         np.array([[10.0, 10.0]], dtype=np.float32))
    assert np.array_equal(W, np.ones((2, 2)))


def test_full_softmax_trainer_also_learns_the_topics(two_topics):
    settings = TrainingSettings(dim=10, window=2, sample=0, min_count=1, epochs=3, batch_size=64, alpha=0.1)
    kv = train_numpy(two_topics, settings, objective="softmax", progress=False).keyed_vectors()
    assert kv.similarity("cat", "dog") > kv.similarity("cat", "truck") + 0.5


def test_unknown_objective_is_refused(two_topics):
    with pytest.raises(ValueError, match="objective"):
        train_numpy(two_topics, objective="cbow", progress=False)
