"""Specifications of lib.models.mlm: BERT's 80/10/10 masking and the slide's loss formulas, against PyTorch.

Worked example (test_nsp_loss_is_binary_cross_entropy): P(IsNext) = 0.9 for a
true pair (y = 1) costs −log 0.9 = 0.105; P = 0.9 for a random pair (y = 0)
costs −log 0.1 = 2.303; their mean is 1.204, exactly PyTorch's BCE.
"""
import numpy as np
import pytest
import torch

from lib.models.mlm import IGNORE, masking_shares, mlm_loss, mlm_mask, nsp_loss
from lib.softmax import log_softmax


def test_masking_proportions_are_15_and_80_10_10():
    rng = np.random.default_rng(0)
    ids = rng.integers(3, 1003, size=(400, 500))
    inputs, labels, action = mlm_mask(ids, mask_id=2, n_random=1000, rng=rng, random_low=3)
    shares = masking_shares(action)
    assert shares["chosen"] == pytest.approx(0.15, abs=0.005)
    assert shares["mask"] == pytest.approx(0.8, abs=0.01)
    assert shares["random"] == pytest.approx(0.1, abs=0.01)
    assert shares["kept"] == pytest.approx(0.1, abs=0.01)
    assert np.all(inputs[action == 1] == 2)
    assert np.all(inputs[action == 3] == ids[action == 3])
    assert np.all((inputs[action == 2] >= 3) & (inputs[action == 2] < 1003))
    assert np.all(inputs[action == 0] == ids[action == 0])
    np.testing.assert_array_equal(labels[action > 0], ids[action > 0])
    assert np.all(labels[action == 0] == IGNORE)


def test_masking_is_seeded_and_respects_protected_positions():
    ids = np.arange(10, 60).reshape(5, 10)
    protected = np.zeros_like(ids, dtype=bool)
    protected[:, 0] = True
    a = mlm_mask(ids, 2, 50, np.random.default_rng(3), mask_prob=0.9, protected=protected)
    b = mlm_mask(ids, 2, 50, np.random.default_rng(3), mask_prob=0.9, protected=protected)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert np.all(a[2][:, 0] == 0) and a[2][:, 1:].any()


def test_mlm_loss_matches_torch_cross_entropy_with_ignore_index():
    rng = np.random.default_rng(1)
    logits = rng.normal(size=(12, 30))
    labels = np.full(12, IGNORE)
    labels[[1, 4, 9]] = [5, 0, 29]
    expected = torch.nn.functional.cross_entropy(torch.tensor(logits), torch.tensor(labels)).item()
    assert mlm_loss(logits, labels) == pytest.approx(expected)
    assert mlm_loss(logits, labels, reduction="sum") == pytest.approx(3 * expected)
    assert mlm_loss(np.zeros((1, 4)), np.array([2])) == pytest.approx(np.log(4))
    np.testing.assert_allclose(log_softmax(logits), torch.log_softmax(torch.tensor(logits), -1).numpy())


def test_nsp_loss_is_binary_cross_entropy():
    p, y = np.array([0.9, 0.9]), np.array([1, 0])
    assert nsp_loss(p, y) == pytest.approx((-np.log(0.9) - np.log(0.1)) / 2)
    assert nsp_loss(p, y) == pytest.approx(1.204, abs=1e-3)
    expected = torch.nn.functional.binary_cross_entropy(torch.tensor(p), torch.tensor(y, dtype=torch.float64))
    assert nsp_loss(p, y) == pytest.approx(expected.item())
