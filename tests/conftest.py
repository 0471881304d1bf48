"""Helpers shared by the test modules, so that no test module imports another.

(The root ``conftest.py`` is the one that runs the notebooks as tests.)
"""
from __future__ import annotations

import numpy as np


def small_corpus() -> list[list[str]]:
    """Two 'topics' that never share a sentence: animals and vehicles.

    600 sentences of 12 words, alternating topics, drawn with a fixed seed:
    → ``[["cow", "horse", "horse", …], ["bus", "bus", "train", …], …]``, the same at every call.
    """
    rng = np.random.default_rng(0)
    animals, vehicles = ["cat", "dog", "horse", "cow"], ["car", "truck", "bus", "train"]
    return [list(rng.choice(topic, size=12)) for _ in range(300) for topic in (animals, vehicles)]
