"""Specs of lib.skipgram.matryoshka: the nested loss reduces to skip-gram's, its gradients pass central differences.

Worked example (``test_single_full_prefix_is_plain_negative_sampling``): with M = {d} the
nested loss has one term, the ordinary negative-sampling loss on all d dimensions, so loss
and gradients must equal lib.skipgram.numpy_engine's exactly.
"""
import numpy as np
import pytest

from lib.measure.gradcheck import gradient_check
from lib.skipgram.matryoshka import matryoshka_loss_and_grads, prefix_weights, train_matryoshka
from lib.skipgram.settings import TrainingSettings
from lib.skipgram.numpy_engine import negative_sampling_loss_and_grads

RNG = np.random.default_rng(0)


def test_prefix_weights():
    assert prefix_weights([2, 4], 4).tolist() == [2, 2, 1, 1]
    assert prefix_weights([1, 3], 3, [0.5, 2]).tolist() == [2.5, 2, 2]
    with pytest.raises(ValueError):
        prefix_weights([5], 4)


def test_single_full_prefix_is_plain_negative_sampling():
    v, u = RNG.normal(size=(7, 6)), RNG.normal(size=(7, 4, 6))
    loss, gv, gu = matryoshka_loss_and_grads(v, u, [6])
    ref = negative_sampling_loss_and_grads(v, u[:, 0], u[:, 1:])
    assert np.allclose(loss, ref[0]) and np.allclose(gv, ref[1])
    assert np.allclose(gu[:, 0], ref[2]) and np.allclose(gu[:, 1:], ref[3])


def test_loss_is_the_weighted_sum_of_prefix_losses():
    v, u = RNG.normal(size=(5, 8)), RNG.normal(size=(5, 3, 8))
    loss, _, _ = matryoshka_loss_and_grads(v, u, [2, 4, 8], [0.5, 1.0, 2.0])
    parts = [negative_sampling_loss_and_grads(v[:, :m], u[:, 0, :m], u[:, 1:, :m])[0] for m in (2, 4, 8)]
    assert np.allclose(loss, 0.5 * parts[0] + parts[1] + 2 * parts[2])


@pytest.mark.parametrize("which", ["v", "u"])
def test_gradients_pass_central_differences(which):
    v, u = RNG.normal(size=(3, 6)), RNG.normal(size=(3, 3, 6))
    prefixes, weights = [1, 3, 6], [1.0, 0.5, 2.0]

    def f(x):
        vv, uu = (x, u) if which == "v" else (v, x)
        loss, gv, gu = matryoshka_loss_and_grads(vv, uu, prefixes, weights)
        return loss.sum(), gv if which == "v" else gu

    result = gradient_check(f, v if which == "v" else u)
    result.raise_if_failed()


def test_trainer_lowers_the_loss_and_is_seeded():
    s = [["a", "b", "c", "d", "a", "b", "e", "f"] * 20] * 10
    settings = TrainingSettings(dim=8, min_count=1, epochs=3, sample=0, batch_size=16)
    m1, m2 = (train_matryoshka(s, settings, prefixes=[2, 4, 8], progress=False) for _ in range(2))
    assert m1.history[-1].loss < m1.history[0].loss
    assert np.array_equal(m1.W_in, m2.W_in) and m1.W_in.shape == (6, 8)
