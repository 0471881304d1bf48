"""Specifications of lib.models.attention: NumPy attention equals PyTorch's, and √d_k does what the slide says.

Worked example (test_single_query_by_hand): one query q = [1, 0] and keys
k_1 = [1, 0], k_2 = [0, 1] with d_k = 2 give scores [1, 0], scaled [0.707, 0],
weights softmax = [0.670, 0.330]; with values [10] and [20] the output is
0.670·10 + 0.330·20 = 13.30.
"""
import numpy as np
import pytest
import torch

from lib.models.attention import (dot_product_spread, merge_heads, multi_head_attention,
                                  scaled_dot_product_attention, softmax_jacobian, split_heads, weights_from_torch)
from lib.softmax import softmax


def test_single_query_by_hand():
    out, A = scaled_dot_product_attention([[1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]], [[10.0], [20.0]])
    w = np.exp(1 / np.sqrt(2)) / (np.exp(1 / np.sqrt(2)) + 1)
    assert A == pytest.approx(np.array([[w, 1 - w]]))
    assert out[0, 0] == pytest.approx(10 * w + 20 * (1 - w))
    assert out[0, 0] == pytest.approx(13.30, abs=0.01)


@pytest.mark.parametrize("n, m, d_k, d_v", [(5, 7, 8, 3), (1, 1, 4, 4), (6, 6, 16, 16)])
def test_matches_torch_scaled_dot_product_attention(n, m, d_k, d_v):
    rng = np.random.default_rng(n * m)
    Q, K, V = rng.normal(size=(n, d_k)), rng.normal(size=(m, d_k)), rng.normal(size=(m, d_v))
    ours, A = scaled_dot_product_attention(Q, K, V)
    theirs = torch.nn.functional.scaled_dot_product_attention(*(torch.tensor(a) for a in (Q, K, V)))
    np.testing.assert_allclose(ours, theirs.numpy(), atol=1e-12)
    np.testing.assert_allclose(A.sum(axis=1), 1.0)


def test_boolean_mask_matches_torch_and_zeroes_masked_keys():
    rng = np.random.default_rng(1)
    Q, K, V = rng.normal(size=(4, 8)), rng.normal(size=(4, 8)), rng.normal(size=(4, 2))
    causal = np.tril(np.ones((4, 4), dtype=bool))
    ours, A = scaled_dot_product_attention(Q, K, V, mask=causal)
    theirs = torch.nn.functional.scaled_dot_product_attention(
        *(torch.tensor(a) for a in (Q, K, V)), attn_mask=torch.tensor(causal))
    np.testing.assert_allclose(ours, theirs.numpy(), atol=1e-12)
    assert np.all(A[~causal] == 0)


def test_without_scaling_differs_from_torch():
    rng = np.random.default_rng(2)
    Q, K, V = rng.normal(size=(3, 64)), rng.normal(size=(3, 64)), rng.normal(size=(3, 2))
    unscaled, _ = scaled_dot_product_attention(Q, K, V, scale=False)
    theirs = torch.nn.functional.scaled_dot_product_attention(*(torch.tensor(a) for a in (Q, K, V)))
    assert not np.allclose(unscaled, theirs.numpy(), atol=1e-3)


def test_split_and_merge_heads_are_inverse():
    X = np.arange(24.0).reshape(3, 8)
    assert split_heads(X, 4).shape == (4, 3, 2)
    np.testing.assert_array_equal(merge_heads(split_heads(X, 4)), X)
    with pytest.raises(ValueError, match="divisible"):
        split_heads(X, 3)


@pytest.mark.parametrize("heads, bias, self_attention", [(1, True, True), (2, True, True), (4, False, False)])
def test_multi_head_matches_torch_multiheadattention(heads, bias, self_attention):
    torch.manual_seed(heads)
    d_model, n, m = 8, 5, 6
    mha = torch.nn.MultiheadAttention(d_model, heads, bias=bias, batch_first=True).double()
    with torch.no_grad():                      # non-zero biases, so a misplaced bias shows
        for p in mha.parameters():
            p.normal_(0, 0.5)
    rng = np.random.default_rng(heads)
    q = rng.normal(size=(n, d_model))
    kv = q if self_attention else rng.normal(size=(m, d_model))
    theirs, their_A = mha(*(torch.tensor(a)[None] for a in (q, kv, kv)), average_attn_weights=False)
    ours, A = multi_head_attention(q, kv, kv, weights_from_torch(mha), heads)
    np.testing.assert_allclose(ours, theirs[0].detach().numpy(), atol=1e-10)
    np.testing.assert_allclose(A, their_A[0].detach().numpy(), atol=1e-10)


def test_softmax_is_stable_and_its_jacobian_matches_central_differences():
    assert softmax(np.array([1000.0, 1000.0])) == pytest.approx([0.5, 0.5])
    s = np.array([0.3, -1.2, 2.0])
    J = softmax_jacobian(softmax(s))
    h = 1e-6
    numeric = np.stack([(softmax(s + h * e) - softmax(s - h * e)) / (2 * h) for e in np.eye(3)], axis=1)
    np.testing.assert_allclose(J, numeric, atol=1e-8)


def test_dot_product_variance_grows_like_d_k_and_scaling_removes_it():
    rows = dot_product_spread([4, 64, 512], n_samples=20_000)
    for row in rows:
        assert row["var_raw"] == pytest.approx(row["d_k"], rel=0.1)
        assert row["var_scaled"] == pytest.approx(1.0, rel=0.1)
    big = rows[-1]
    assert big["max_weight_raw"] > 0.9 > big["max_weight_scaled"]      # unscaled softmax saturates
    assert big["grad_raw"] < big["grad_scaled"] / 3                    # and its gradient shrinks
