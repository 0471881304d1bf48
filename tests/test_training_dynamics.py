"""Specs of lib.measure.training_dynamics: initial losses, probe gradients, recorder rows and the fitted forms.

Worked example (``test_probe_at_initialisation``): word2vec starts with W_out = 0, so every
score u·v is 0 and every σ(s) = ½. The loss of a pair is then −log ½ − 5·log ½ = 6 ln 2
≈ 4.159 for k = 5 negatives, the gradient w.r.t. v_c (a sum of multiples of u = 0) vanishes,
and the gradient w.r.t. each of the six u vectors is ±½ v_c: the per-pair norm is √(6/4)·‖v_c‖.
"""
import numpy as np
import pytest

from lib.skipgram.model import init_weights
from lib.skipgram.numpy_engine import negative_sampling_loss_and_grads
from lib.skipgram.settings import TrainingSettings
from lib.measure.training_dynamics import (Probe, epochs_to_fraction, group_separation, fit_exponential,
                                           fit_exponential_floor, fit_log_phase,
                                           initial_loss_negative_sampling, initial_loss_softmax,
                                           probe_loss_and_gradients, train_with_dynamics)
from lib.text.vocabulary import Vocabulary

RNG = np.random.default_rng(0)


def small_probe(V=30, B=40, K=5):
    rng = np.random.default_rng(1)
    return Probe(rng.integers(0, V, B), rng.integers(0, V, B), rng.integers(0, V, (B, K)))


def test_initial_losses():
    assert initial_loss_negative_sampling(5) == pytest.approx(6 * np.log(2)) == pytest.approx(4.1589, abs=1e-4)
    assert initial_loss_softmax(10_000) == pytest.approx(9.2103, abs=1e-4)


def test_probe_at_initialisation():
    W_in, W_out = init_weights(30, 16, np.random.default_rng(0))
    probe = small_probe()
    out = probe_loss_and_gradients(W_in, W_out, probe)
    assert out["loss"] == pytest.approx(6 * np.log(2))
    assert out["grad_v_pair"] == 0.0
    expected = np.sqrt(6 / 4) * np.linalg.norm(W_in[probe.centers], axis=1).mean()
    assert out["grad_norm_pair"] == pytest.approx(expected)


def test_probe_matches_reference_gradients_and_mean_gradient_by_finite_differences():
    V, d = 12, 4
    W_in, W_out = RNG.normal(size=(V, d)), RNG.normal(size=(V, d))
    probe = small_probe(V, B=25)
    out = probe_loss_and_gradients(W_in, W_out, probe)
    loss, gv, gu, gn = negative_sampling_loss_and_grads(W_in[probe.centers], W_out[probe.contexts],
                                                        W_out[probe.negatives])
    per_pair = np.sqrt((gv ** 2).sum(1) + (gu ** 2).sum(1) + (gn ** 2).sum((1, 2)))
    assert out["loss"] == pytest.approx(loss.mean())
    assert out["grad_norm_pair"] == pytest.approx(per_pair.mean())
    # the mean loss's full gradient, by central differences over every weight
    h, grads = 1e-6, []
    for W in (W_in, W_out):
        G = np.zeros_like(W)
        for idx in np.ndindex(W.shape):
            saved = W[idx]
            W[idx] = saved + h
            plus = probe_loss_and_gradients(W_in, W_out, probe)["loss"]
            W[idx] = saved - h
            minus = probe_loss_and_gradients(W_in, W_out, probe)["loss"]
            W[idx] = saved
            G[idx] = (plus - minus) / (2 * h)
        grads.append(G)
    numeric = np.sqrt(sum((G ** 2).sum() for G in grads))
    assert out["grad_norm_mean"] == pytest.approx(numeric, rel=1e-5)


def test_gradient_variance_is_the_spread_of_one_pairs_full_gradient_about_the_mean():
    V, d = 12, 4
    W_in, W_out = RNG.normal(size=(V, d)), RNG.normal(size=(V, d))
    probe = small_probe(V, B=25)
    _, gv, gu, gn = negative_sampling_loss_and_grads(W_in[probe.centers], W_out[probe.contexts],
                                                     W_out[probe.negatives])
    dense = np.zeros((len(probe.centers), 2, V, d))            # each pair's gradient over W_in and W_out
    for b in range(len(probe.centers)):
        dense[b, 0, probe.centers[b]] += gv[b]
        dense[b, 1, probe.contexts[b]] += gu[b]
        np.add.at(dense[b, 1], probe.negatives[b], gn[b])
    spread = ((dense - dense.mean(0)) ** 2).sum((1, 2, 3)).mean()
    assert probe_loss_and_gradients(W_in, W_out, probe)["grad_var_pair"] == pytest.approx(spread, rel=1e-9)


def test_fits_recover_their_parameters():
    t = np.arange(0, 21.0)
    e = fit_exponential(t, 9.0 * np.exp(-0.1 * t))
    assert (e["L0"], e["alpha"], e["rmse"]) == pytest.approx((9.0, 0.1, 0.0), abs=1e-9)
    f = fit_exponential_floor(t, 2 + 2 * np.exp(-0.5 * t))
    assert (f["L0"], f["L_inf"], f["alpha"]) == pytest.approx((4.0, 2.0, 0.5), rel=1e-4)
    t2 = np.arange(20, 61.0)
    g = fit_log_phase(t2, 3.0 * (1 - 0.05 * np.log(t2 / 20)))
    assert (g["L_t0"], g["beta"]) == pytest.approx((3.0, 0.05), rel=1e-9)


def test_epochs_to_fraction():
    assert epochs_to_fraction([0, 0.5, 0.95, 1.0]) == 2
    assert epochs_to_fraction([0, 0.5, 0.89, 1.0]) == 3
    assert epochs_to_fraction([5.0, 3.0, 2.2, 2.0], baseline=5.0) == 2   # a falling loss


def test_train_with_dynamics_records_epoch_zero_to_the_end():
    sentences = [["the", "cat", "sat", "on", "the", "mat"] * 5, ["a", "dog", "sat", "on", "a", "log"] * 5] * 10
    vocab = Vocabulary.from_sentences(sentences, min_count=1)
    model, rec = train_with_dynamics(sentences, TrainingSettings(epochs=3, dim=8, min_count=1),
                                     ["cat", "dog", "unicorn"], probe_pairs=200, evaluate=False, progress=False,
                                     vocab=vocab)
    table = rec.table()
    assert list(table.index) == [0, 1, 2, 3]
    assert table.loc[0, "loss"] == pytest.approx(6 * np.log(2))
    assert table.loc[3, "loss"] < table.loc[0, "loss"]
    assert np.isnan(table.loc[0, "train_loss"]) and table.loc[3, "train_loss"] == model.history[-1].loss
    assert set(rec.snapshots) == {0, 1, 2, 3} and rec.snapshots[3].shape == (2, 8)
    assert np.allclose(rec.snapshots[3], model.W_in[[vocab.index["cat"], vocab.index["dog"]]])


def test_group_separation():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=8), rng.normal(size=8)
    V = np.vstack([a + 0.01 * rng.normal(size=(5, 8)), b + 0.01 * rng.normal(size=(5, 8))])
    assert group_separation(V, ["x"] * 5 + ["y"] * 5) > 1.5
    assert abs(group_separation(rng.normal(size=(200, 50)), rng.integers(0, 4, 200))) < 0.05
