"""Behaviour of the explorers of chapters 7–8 (lib.widgets.dynamics), tested without a display.

Worked example (``test_temperature_view_sharpens_as_tau_falls``): similarities 0.8 and 0.5 at
τ = 1 give the positive e^0.8 / (e^0.8 + e^0.5) = 0.574, and at τ = 0.1 e^8 / (e^8 + e^5) = 0.953.
"""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from lib.widgets import dynamics as wd  # noqa: E402
from lib.widgets.explorer import STATIC_ENV  # noqa: E402
from tests.test_static_explorers import outputs_of  # noqa: E402

EPOCHS = [0, 1, 2, 3]
PROJECTIONS = np.random.default_rng(0).normal(size=(4, 3, 2))
WORDS, GROUPS = ["one", "two", "may"], ["numbers", "numbers", "months"]
TABLE = pd.DataFrame({"loss": [4.0, 3.0, 2.5, 2.25], "wordsim353": [0.0, 0.1, 0.2, 0.3],
                      "analogy": [0.0, 0.01, 0.02, 0.05]}, index=EPOCHS)


def test_temperature_view_sharpens_as_tau_falls():
    assert "p(positive) = 0.574" in wd.temperature_view([0.8, 0.5], ["positive", "negative"], 1.0).html
    sharp = wd.temperature_view([0.8, 0.5], ["positive", "negative"], 0.1)
    assert "p(positive) = 0.953" in sharp.html and "positive gets 0.95" in sharp.alt
    plt.close("all")


def test_epoch_view_names_the_epoch_and_its_scores():
    shown = wd.epoch_view(PROJECTIONS, EPOCHS, WORDS, GROUPS, 2, TABLE)
    assert "probe loss 2.500, WordSim353 ρ 0.200, analogy accuracy 2.0%" in shown.html
    assert "at epoch 2 of 3" in shown.alt and "(numbers, months)" in shown.alt
    with pytest.raises(ValueError, match="epoch 7 was not saved; choose one of"):
        wd.epoch_view(PROJECTIONS, EPOCHS, WORDS, GROUPS, 7)
    plt.close("all")


def test_the_website_offers_at_most_eight_epochs_from_first_to_last():
    assert wd.epoch_grid(EPOCHS) == EPOCHS
    assert wd.epoch_grid(range(31), most=4) == [0, 10, 20, 30]
    assert wd.epoch_grid(range(31))[0] == 0 and wd.epoch_grid(range(31))[-1] == 30 and len(wd.epoch_grid(range(31))) == 8


def test_explorers_respond_in_jupyter(monkeypatch):
    monkeypatch.delenv(STATIC_ENV, raising=False)
    box = wd.epoch_explorer(PROJECTIONS, EPOCHS, WORDS, GROUPS, TABLE)
    box.widget
    assert "probe loss 2.250" in box.readout.value                   # starts at the last epoch
    box.live["epoch"].value = 1
    assert "probe loss 3.000" in box.readout.value
    tau = wd.temperature_explorer([0.8, 0.5], ["positive", "negative"])
    tau.widget
    tau.live["tau"].value = 1.0
    assert "p(positive) = 0.574" in tau.readout.value
    plt.close("all")


def test_the_website_shows_what_jupyter_shows_for_each_grid_value(monkeypatch):
    monkeypatch.setenv(STATIC_ENV, "1")
    outputs = outputs_of(wd.epoch_explorer(PROJECTIONS, EPOCHS, WORDS, GROUPS, TABLE)._repr_mimebundle_()["text/html"])
    assert len(outputs) == len(EPOCHS)
    for i, epoch in enumerate(EPOCHS):
        assert outputs[str(i)].startswith(wd.epoch_view(PROJECTIONS, EPOCHS, WORDS, GROUPS, epoch, TABLE).html)
    sims, names = [0.8, 0.5, 0.1], ["positive", "near", "far"]
    outputs = outputs_of(wd.temperature_explorer(sims, names)._repr_mimebundle_()["text/html"])
    assert len(outputs) == len(wd.TEMPERATURE_GRID)
    for i, tau in enumerate(wd.TEMPERATURE_GRID):
        assert outputs[str(i)].startswith(wd.temperature_view(sims, names, tau).html), f"τ = {tau}"
    plt.close("all")
