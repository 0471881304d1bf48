"""Specs of lib.models.contrastive: the InfoNCE loss and gradients against PyTorch, its limits in τ, and training.

Worked example (``test_info_nce_matches_torch_cross_entropy``): InfoNCE is a cross-entropy over
the batch whose right class for row i is i, with logits cos(h_i, h_j⁺)/τ; PyTorch's
F.cross_entropy on those logits, with autograd through F.normalize, is the reference.
"""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from lib.models.contrastive import (alignment_uniformity, bag_of_words, dropout_view, info_nce_loss_and_grads,
                                    train_linear_infonce)

RNG = np.random.default_rng(0)


@pytest.mark.parametrize("tau", [0.05, 0.1, 1.0])
def test_info_nce_matches_torch_cross_entropy(tau):
    Z1, Z2 = RNG.normal(size=(8, 5)), RNG.normal(size=(8, 5))
    loss, g1, g2 = info_nce_loss_and_grads(Z1, Z2, tau)
    a = torch.tensor(Z1, requires_grad=True)
    b = torch.tensor(Z2, requires_grad=True)
    ref = F.cross_entropy(F.normalize(a, dim=1) @ F.normalize(b, dim=1).T / tau, torch.arange(8))
    ref.backward()
    assert loss == pytest.approx(ref.item(), rel=1e-10)
    assert np.allclose(g1, a.grad.numpy()) and np.allclose(g2, b.grad.numpy())


def test_temperature_limits():
    Z = np.eye(6)
    assert info_nce_loss_and_grads(Z, Z, 0.01)[0] < 1e-6                 # sharp: the positive wins outright
    Z1, Z2 = RNG.normal(size=(6, 4)), RNG.normal(size=(6, 4))
    assert info_nce_loss_and_grads(Z1, Z2, 1e6)[0] == pytest.approx(np.log(6), abs=1e-4)
    with pytest.raises(ValueError):
        info_nce_loss_and_grads(Z1, Z2, 0.0)


def test_views_and_features():
    rng = np.random.default_rng(0)
    view = dropout_view([np.arange(100), np.array([7])], 0.5, rng)
    assert 30 < len(view[0]) < 70 and np.all(np.diff(view[0]) > 0) and view[1].tolist() == [7]
    X = bag_of_words([np.array([0, 0, 1])], 3)
    assert np.allclose(X[0], np.array([np.log(3), np.log(2), 0]) / np.hypot(np.log(3), np.log(2)))


def test_training_lowers_the_loss_and_aligns_views():
    rng = np.random.default_rng(1)
    docs = [rng.choice(200, size=40) + 0 for _ in range(80)]
    featurize = lambda views: bag_of_words(views, 200)   # noqa: E731
    W, losses = train_linear_infonce(featurize, docs, dim=16, tau=0.1, steps=60, batch_size=32, lr=0.02)
    assert W.shape == (200, 16) and np.mean(losses[-10:]) < np.mean(losses[:10])
    a, u = alignment_uniformity(np.eye(4), np.eye(4))
    assert a == 0 and u < 0
