"""Specifications of lib.skipgram.network: the step-by-step network equals the NumPy trainer's maths.

Worked example (test_zero_output_weights_give_uniform_probabilities): with
W′ = 0 every score is 0, so each of the V = 8 words gets ŷ = 1/8 and the
loss is log 8 = 2.079; ∂L/∂z is 1/8 for every word except the context, which
gets 1/8 − 1 = −0.875.
"""
import numpy as np
import pytest
import torch

from lib.text.corpus import toy_tokens
from lib.measure.gradcheck import gradient_check
from lib.skipgram.network import (distinct_words, init_network, negative_sampling_step, stage_table, step,
                                  train_pairs)
from lib.skipgram.numpy_engine import negative_sampling_loss_and_grads, softmax_loss_and_grads

WORDS = distinct_words(toy_tokens())


def test_the_toy_sentence_has_nine_tokens_and_eight_words():
    assert len(toy_tokens()) == 9 and len(WORDS) == 8
    assert WORDS[:3] == ["the", "quick", "brown"]


def test_zero_output_weights_give_uniform_probabilities():
    W, _ = init_network(8, 4)
    rec = step(W, np.zeros((4, 8)), center=2, context=0)
    np.testing.assert_allclose(rec.y_hat, 1 / 8)
    assert rec.loss == pytest.approx(np.log(8))
    assert rec.dz[0] == pytest.approx(-0.875) and rec.dz[1] == pytest.approx(0.125)


def test_hidden_layer_is_the_row_of_W_and_only_that_row_moves():
    W, W_out = init_network(8, 4, seed=1)
    rec = step(W, W_out, center=2, context=3, lr=0.025)
    np.testing.assert_array_equal(rec.h, W[2])
    moved = np.flatnonzero(np.abs(rec.W_new - W).sum(axis=1))
    assert list(moved) == [2]
    assert np.all(np.abs(rec.W_out_new - W_out).sum(axis=0) > 0)     # every column of W′ moves
    assert rec.loss_after < rec.loss


def test_gradients_match_the_numpy_trainer_and_central_differences():
    W, W_out = init_network(8, 4, seed=2)
    rec = step(W, W_out, center=5, context=1)
    loss, grad_v, grad_U = softmax_loss_and_grads(W[5][None], W_out.T, np.array([1]))
    assert rec.loss == pytest.approx(loss[0])
    np.testing.assert_allclose(rec.dh, grad_v[0])
    np.testing.assert_allclose(rec.grad_W_out, grad_U.T)

    def f(Wo):
        r = step(W, Wo, 5, 1)
        return r.loss, r.grad_W_out
    assert gradient_check(f, W_out).passed

    def g(Win):
        r = step(Win, W_out, 5, 1)
        return r.loss, r.grad_W
    assert gradient_check(g, W).passed


def test_gradients_match_torch_autograd():
    W, W_out = init_network(8, 4, seed=3)
    rec = step(W, W_out, center=0, context=7)
    Wt, Wot = torch.tensor(W, requires_grad=True), torch.tensor(W_out, requires_grad=True)
    loss = torch.nn.functional.cross_entropy((Wt[0] @ Wot)[None], torch.tensor([7]))
    loss.backward()
    np.testing.assert_allclose(rec.grad_W, Wt.grad.numpy())
    np.testing.assert_allclose(rec.grad_W_out, Wot.grad.numpy())


def test_negative_sampling_gradients_are_the_slides_formulas():
    rng = np.random.default_rng(4)
    v_c, u_o, u_negs = rng.normal(size=4), rng.normal(size=4), rng.normal(size=(3, 4))
    ours = negative_sampling_step(v_c, u_o, u_negs)
    loss, g_v, g_o, g_neg = negative_sampling_loss_and_grads(v_c[None], u_o[None], u_negs[None])
    assert ours["loss"] == pytest.approx(loss[0])
    np.testing.assert_allclose(ours["grad_v_c"], g_v[0])
    np.testing.assert_allclose(ours["grad_u_o"], g_o[0])
    np.testing.assert_allclose(ours["grad_u_negs"], g_neg[0])
    sig = 1 / (1 + np.exp(-(u_o @ v_c)))
    np.testing.assert_allclose(ours["grad_u_o"], (sig - 1) * v_c)     # positive: (σ − 1) v
    assert negative_sampling_step(np.zeros(4), np.zeros(4), np.zeros((5, 4)))["loss"] == pytest.approx(6 * np.log(2))


def test_training_on_the_toy_sentence_lowers_the_loss():
    from lib.text.pairs import word_pairs
    index = {w: i for i, w in enumerate(WORDS)}
    pairs = [(index[a], index[b]) for a, b in word_pairs(toy_tokens(), 2)]
    W, W_out = init_network(8, 4)
    _, _, losses = train_pairs(W, W_out, pairs, lr=0.025, epochs=50)
    assert losses[-1] < losses[0] - 0.1


def test_stage_table_lists_the_stages_in_order():
    W, W_out = init_network(8, 4)
    names = [name for name, _, _ in stage_table(step(W, W_out, 2, 0), WORDS)]
    assert names[0] == "one-hot x" and names[1] == "hidden h" and names[-1] == "loss after"
