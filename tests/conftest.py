"""Fixtures shared by the test modules."""
import numpy as np
import pytest


@pytest.fixture(scope="session")
def two_topics():
    """600 sentences of 12 words on two topics that never share a sentence: animals and vehicles.

    Any skip-gram engine trained on it should put cat near dog and far from truck.
    """
    rng = np.random.default_rng(0)
    animals, vehicles = ["cat", "dog", "horse", "cow"], ["car", "truck", "bus", "train"]
    return [list(rng.choice(topic, size=12)) for _ in range(300) for topic in (animals, vehicles)]
