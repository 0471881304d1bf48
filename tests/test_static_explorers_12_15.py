"""The explorers of chapters 11b–15 on the website: one precomputed output per grid combination,
each the same as Jupyter shows for that value.

Worked example (test_the_cost_explorer_grid_shows_where_a_batch_touches_every_row): with
V = 1,000, k = 5 and B = 1,024 a batch could touch B(k + 1) + B = 7,168 rows, more than the
2V = 2,000 the two tables hold, so it touches all 2,000.
"""
from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.sparse as sp  # noqa: E402

from lib.skipgram.huffman import huffman_tree  # noqa: E402
from lib.skipgram.network import init_network  # noqa: E402
from lib.text.vocabulary import Vocabulary  # noqa: E402
from lib.widgets.explorer import STATIC_ENV, grid_keys  # noqa: E402
from lib.widgets.huffman import huffman_path_explorer, huffman_path_view  # noqa: E402
from lib.widgets.network import network_stepper  # noqa: E402
from lib.widgets.objectives import WEIGHTING_GRID, ratio_explorer, weighting_explorer  # noqa: E402
from lib.widgets.scaling import cost_explorer  # noqa: E402


def outputs_of(page: str) -> dict[str, str]:
    """Each output's key → its HTML."""
    return dict(re.findall(r'data-key="([\d-]+)"[^>]*>(.*?)</div>', page, flags=re.S))


def static_equals_live(make, monkeypatch) -> dict[str, str]:
    """Render ``make()``'s website grid, check each output against the live explorer set to its values.

    Returns the outputs by key, for further checks.
    """
    monkeypatch.setenv(STATIC_ENV, "1")
    explorer = make()
    page = explorer._repr_mimebundle_()["text/html"]
    assert explorer._widget is None                     # no widget, so no widget state in the page
    outputs = outputs_of(page)
    grid = {name: control.values() for name, control in explorer.controls.items()}
    keys = grid_keys(grid)
    assert sorted(outputs) == sorted("-".join(map(str, key)) for key in keys)
    assert page.count("<img ") in (0, len(keys))                 # a figure in every output, or none
    monkeypatch.delenv(STATIC_ENV)
    live = make()
    live.widget
    for key in keys:
        for name, i in zip(grid, key):
            live.live[name].value = grid[name][i]
        assert outputs["-".join(map(str, key))].startswith(live.readout.value), dict(zip(grid, key))
    plt.close("all")
    return outputs


def test_the_weighting_explorer_grid_is_what_jupyter_shows(monkeypatch):
    outputs = static_equals_live(lambda: weighting_explorer(x_max=100, alpha=0.75), monkeypatch)
    assert len(outputs) == len(WEIGHTING_GRID["x_max"]) * len(WEIGHTING_GRID["alpha"]) == 12
    assert "f(x_max / 2) = 0.595" in outputs["1-2"]                 # x_max = 100, α = 0.75: (1/2)^0.75


def test_the_ratio_explorer_offers_partners_and_probe_sets(monkeypatch):
    vocab = Vocabulary(["ice", "steam", "water", "solid", "gas"], [5, 4, 3, 2, 1])
    X = sp.csr_matrix(np.array([[0, 1, 2, 4, 1], [1, 0, 2, 1, 4], [2, 2, 0, 1, 1],
                                [4, 1, 1, 0, 0], [1, 4, 1, 0, 0]], dtype=float))
    outputs = static_equals_live(lambda: ratio_explorer(X, vocab, "ice", "steam", ["solid", "gas"],
                                                        pairs=["water", "steam"],
                                                        probe_sets=[("gas only", ["gas"])]), monkeypatch)
    assert len(outputs) == 1 * 2 * 2                                 # i fixed, j ∈ {steam, water}, 2 probe sets
    assert all("<table" in html for html in outputs.values())
    assert "solid" in outputs["0-1-0"] and "solid" not in outputs["0-1-1"]


def test_the_network_stepper_slider_covers_every_stage(monkeypatch):
    W, W_out = init_network(8, 4)
    words = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog"]
    outputs = static_equals_live(lambda: network_stepper(W, W_out, words, "brown", "fox"), monkeypatch)
    assert len(outputs) == 9 and "stage 9 of 9: <b>loss after</b>" in outputs["8"]


def test_the_cost_explorer_grid_shows_where_a_batch_touches_every_row(monkeypatch):
    outputs = static_equals_live(lambda: cost_explorer(V=71_290), monkeypatch)
    assert len(outputs) == 3 * 2 * 2
    assert "V = 1,000, B = 1,024: a batch touches at most 2,000 rows" in outputs["0-0-0"]     # all of 2V
    assert "V = 63,096, B = 1,024: a batch touches at most 7,168 rows" in outputs["1-0-0"]


def test_bank_explorer_grid_encodes_each_offered_sentence(monkeypatch):
    from lib.models.contextual import BANK_SENTENCES, load_encoder, word_vectors
    from lib.widgets.contextual import BANK_CHOICES, bank_explorer
    encoder = load_encoder()
    sentences = BANK_SENTENCES["river"][:2] + BANK_SENTENCES["money"][:2]
    X = word_vectors(sentences, "bank", encoder)
    outputs = static_equals_live(lambda: bank_explorer(lambda s, w: word_vectors(s, w, encoder), X,
                                                       ["river", "river", "money", "money"]), monkeypatch)
    assert len(outputs) == 1 + len(BANK_CHOICES)
    assert "closer to <b>money</b>" in outputs[str(1 + 1)]           # "She asked the bank for a loan…"


@pytest.mark.parametrize("bad", ["", "nothing here"])
def test_a_sentence_without_the_word_says_so(bad):
    from lib.widgets.contextual import bank_view

    def vector_fn(sentences, word):
        raise ValueError(f"'{word}' does not occur in {sentences[0]!r}; type a sentence containing it")
    shown = bank_view(vector_fn, np.eye(2), ["a", "b"], "bank", bad)
    assert "does not occur" in shown.html and shown.figure is None


def zipf_vocabulary(V: int = 300):
    """Words w0, w1, … with Zipf counts 10,000 / rank, and one word that is not made of letters."""
    words = [f"w{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}" for i in range(V - 1)] + ["x1"]
    return words, (10_000 // np.arange(1, V + 1)).astype(np.int64)


def test_the_huffman_explorer_grid_runs_from_frequent_to_rare_words(monkeypatch):
    words, counts = zipf_vocabulary()
    tree = huffman_tree(counts)
    outputs = static_equals_live(lambda: huffman_path_explorer(tree, words, counts, "wba"), monkeypatch)
    offered = huffman_path_explorer(tree, words, counts, "wba").controls["word"].values()
    assert offered[0] == "wba" and offered[1] == words[0] and "x1" not in offered
    ranks = [words.index(w) for w in offered[1:]]
    assert ranks == sorted(ranks) and len(outputs) == len(offered)
    lengths = [int(re.search(r"sigmoids to predict it</td><td><code>(\d+)", outputs[str(k)]).group(1))
               for k in range(len(offered))]
    assert lengths == [int(tree.lengths[words.index(w)]) for w in offered]
    assert lengths[1] < lengths[-1]                     # the most frequent word is cheaper than the rarest


def test_the_huffman_explorer_names_a_word_outside_the_vocabulary():
    words, counts = zipf_vocabulary()
    view = huffman_path_view(huffman_tree(counts), words, counts, "  Queen ")
    assert view.figure is None and "queen is not among the 300 words" in view.html
