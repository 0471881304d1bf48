"""Figures and explorers of chapters 13 and 14 draw what they are given, in the course style."""
import matplotlib
import numpy as np

matplotlib.use("Agg")

from lib.models.attention import dot_product_spread  # noqa: E402
from lib.figures.style import BACKGROUND  # noqa: E402
from lib.figures.attention import (plot_attention_weights, plot_loss_curve, plot_masking_shares,
                                   plot_positional_encoding, plot_scaling_effect, plot_sense_vectors)
from lib.figures.network import (plot_evolution_curves, plot_step_probabilities, plot_snapshots, plot_stage,
                                 plot_weights_before_after)
from lib.skipgram.network import init_network, step  # noqa: E402
from lib.widgets.network import network_stepper, stage_labels  # noqa: E402

WORDS = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog"]


def test_attention_figures():
    fig, ax = plot_attention_weights(np.full((3, 3), 1 / 3), list("abc"), list("abc"))
    assert len(ax.texts) == 9 and fig.get_facecolor()[:3] == matplotlib.colors.to_rgb(BACKGROUND)
    fig, (left, right) = plot_scaling_effect(dot_product_spread([4, 16], n_samples=2000))
    assert len(left.lines) == 3 and len(right.lines) == 2
    fig, ax = plot_positional_encoding(np.zeros((10, 8)))
    assert ax.images[0].get_array().shape == (10, 8)
    shares = {"chosen": 0.15, "mask": 0.8, "random": 0.1, "kept": 0.1}
    fig, ax = plot_masking_shares(shares, shares)
    assert len(ax.patches) == 8
    fig, ax = plot_loss_curve([{"step": 1, "loss": 3.0}, {"step": 2, "loss": 2.0}], reference={"log V": 4.0})
    assert len(ax.lines) == 2
    X = np.random.default_rng(0).normal(size=(4, 6))
    fig, (left, right) = plot_sense_vectors(X, ["a", "a", "b", "b"], ["s1", "s2", "s3", "s4"])
    assert left.images[0].get_array().shape == (4, 4) and len(right.collections) == 2


def test_network_figures_and_stepper():
    W, W_out = init_network(8, 4)
    record = step(W, W_out, 2, 3)
    fig, axes = plot_weights_before_after(record, WORDS)
    assert len(axes) == 4 and len(axes[0].patches) == 1          # the moved row is outlined
    fig, ax = plot_step_probabilities(record, WORDS)
    assert len(ax.patches) == 16
    fig, ax = plot_stage("hidden h", "h = row of W", record.h)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["d1", "d2", "d3", "d4"]
    assert stage_labels("scores z", WORDS, 4) == WORDS and stage_labels("loss", WORDS, 4) == ["L"]
    widget = network_stepper(W, W_out, WORDS, "brown", "fox")
    box = widget.widget
    slider, (back, forward) = widget.live["stage"], box.children[1].children
    forward.click()
    assert slider.value == 1 and "hidden h" in widget.readout.value
    back.click()
    back.click()                                                 # stays at the first stage
    assert slider.value == 0 and "stage 1 of 9" in widget.readout.value
    history = [{"epoch": e, "loss": 3 - e / 10, "gap": e / 10, "purity": e / 20} for e in range(1, 12)]
    fig, axes = plot_evolution_curves(history)
    assert len(axes) == 3 and len(axes[0].lines) == 2            # the curve and the epoch-10 marker
    snaps = {0: np.eye(4, 5), 10: np.eye(4, 5) * 2}
    fig, axes = plot_snapshots(snaps, ["a", "b", "c", "d"], ["x", "x", "y", "y"])
    assert [ax.get_title() for ax in axes] == ["epoch 0", "epoch 10"]
