"""Specifications of lib.models.contextual and lib.widgets.contextual: the pretrained encoder loads offline
and its vectors of "bank" separate the two senses.

Worked example (test_sense_separation_by_hand): vectors [1, 0], [1, 0.1] (sense a)
and [0, 1], [0.1, 1] (sense b): cosines within a sense are 0.995, across senses
0 or 0.1, so the gap is large and each vector is nearest its own centroid.
"""
import os

import numpy as np
import pytest

from lib.models.contextual import (BANK_SENTENCES, load_encoder, sense_separation, word_piece_positions,
                                   word_vectors)
from lib.vectors.projections import pca_basis
from lib.widgets.contextual import bank_explorer, place_word


def test_sense_separation_by_hand():
    X = np.array([[1, 0], [1, 0.1], [0, 1], [0.1, 1]])
    result = sense_separation(X, ["a", "a", "b", "b"])
    assert result["within"] == pytest.approx(1 / np.sqrt(1.01))
    assert result["between"] == pytest.approx(np.mean([0, 0.1 / np.sqrt(1.01), 0.1 / np.sqrt(1.01), 0.2 / 1.01]))
    assert result["nearest_centroid_accuracy"] == 1.0


def test_place_word_and_pca_basis():
    reference = np.array([[1.0, 0, 0], [1, 0.2, 0], [0, 1, 0], [0, 1, 0.2]])
    labels = ["river", "river", "money", "money"]
    placement = place_word(reference[:2].mean(axis=0), reference, labels)
    assert placement["nearest"] == "river" and placement["cosines"]["river"] == pytest.approx(1.0)
    mean, components = pca_basis(reference)
    assert components.shape == (2, 3)
    np.testing.assert_allclose(placement["reference_xy"], (reference - mean) @ components.T)


def test_word_piece_positions_finds_every_occurrence():
    class Tok:
        def tokenize(self, word):
            return ["em", "##bank", "##ment"] if word == "embankment" else [word]
    pieces = ["[CLS]", "the", "em", "##bank", "##ment", "and", "the", "bank", "[SEP]"]
    assert word_piece_positions(pieces, "embankment", Tok()) == [[2, 3, 4]]
    assert word_piece_positions(pieces, "the", Tok()) == [[1], [6]]
    assert word_piece_positions(pieces, "river", Tok()) == []


@pytest.fixture(scope="module")
def encoder():
    return load_encoder()


def test_encoder_loads_offline(encoder):
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert encoder.get_embedding_dimension() == 384
    assert load_encoder() is encoder                       # cached


def test_bank_vectors_separate_the_two_senses(encoder):
    sentences = BANK_SENTENCES["river"] + BANK_SENTENCES["money"]
    senses = ["river"] * len(BANK_SENTENCES["river"]) + ["money"] * len(BANK_SENTENCES["money"])
    X = word_vectors(sentences, "bank", encoder)
    assert X.shape == (len(sentences), 384)
    result = sense_separation(X, senses)
    assert result["gap"] > 0.05 and result["nearest_centroid_accuracy"] == 1.0
    same_word_twice = word_vectors(["The bank was closed.", "The bank was closed."], "bank", encoder)
    np.testing.assert_allclose(same_word_twice[0], same_word_twice[1], atol=1e-5)
    with pytest.raises(ValueError, match="does not occur"):
        word_vectors(["No such word here."], "bank", encoder)


def test_explorer_builds_and_reports(encoder):
    sentences = BANK_SENTENCES["river"][:2] + BANK_SENTENCES["money"][:2]
    X = word_vectors(sentences, "bank", encoder)
    widget = bank_explorer(lambda s, w: word_vectors(s, w, encoder), X, ["river", "river", "money", "money"],
                           sentence="He paid the money into the bank.")
    widget.widget
    assert "money" in widget.readout.value
    widget.live["sentence"].value = "A sentence without the word."
    assert "does not occur" in widget.readout.value
