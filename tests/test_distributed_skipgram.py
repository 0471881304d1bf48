"""Data-parallel skip-gram on torch.distributed: two processes launched by torchrun, gloo on the CPU.

Each process trains on its shard of every epoch's pairs and the processes' updates are summed every few
steps (:mod:`lib.skipgram.distributed`). Specifications: after every synchronisation the two processes
hold equal tables; two processes learn what one learns at equal epochs; the bytes each process
all-reduces are the tables' size per synchronisation.
"""
import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from lib.paths import REPO_ROOT
from lib.skipgram.model import SkipGramModel
from lib.text.vocabulary import Vocabulary

SETTINGS = {"dim": 10, "window": 2, "negative": 3, "sample": 0, "min_count": 1, "epochs": 3, "batch_size": 16}


def torchrun(processes: int, corpus: str, out: str) -> dict:
    """Run the distributed trainer with ``processes`` processes; returns process 0's record."""
    launcher = shutil.which("torchrun") or pytest.skip("torchrun is not installed")
    command = [launcher, "--standalone", "--nproc_per_node", str(processes), "-m", "lib.skipgram.distributed",
               "--corpus", corpus, "--settings", json.dumps(SETTINGS), "--sync-every", "8", "--check-in-step",
               "--out", out]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    with open(out, encoding="utf-8") as f:
        return json.load(f)


def vectors(out: str):
    saved = np.load(out.replace(".json", ".npz"))
    vocab = Vocabulary(list(saved["words"]), saved["counts"])
    return SkipGramModel(vocab, saved["W_in"], saved["W_out"]).keyed_vectors()


@pytest.fixture(scope="module")
def runs(two_topics, tmp_path_factory):
    folder = tmp_path_factory.mktemp("distributed")
    corpus = folder / "two_topics.txt"
    corpus.write_text("".join(" ".join(s) + "\n" for s in two_topics), encoding="utf-8")
    return {n: (torchrun(n, str(corpus), str(folder / f"run{n}.json")), str(folder / f"run{n}.json"))
            for n in (1, 2)}


def test_two_processes_hold_equal_tables_after_every_synchronisation(runs):
    record, _ = runs[2]
    assert record["processes"] == 2 and record["syncs"] > 3 * SETTINGS["epochs"]
    assert record["max_spread"] == 0.0


def test_two_processes_learn_what_one_learns_at_equal_epochs(runs, topic_gap):
    one, two = (topic_gap(vectors(runs[n][1])) for n in (1, 2))
    assert one > 0.5 and two > 0.5 and abs(one - two) < 0.15
    assert abs(runs[2][0]["losses"][-1] - runs[1][0]["losses"][-1]) < 0.05 * runs[1][0]["losses"][-1]


def test_each_synchronisation_reduces_both_tables(runs):
    record, out = runs[2]
    table_bytes = 2 * len(np.load(out.replace(".json", ".npz"))["words"]) * SETTINGS["dim"] * 4
    assert record["bytes_reduced"] == record["syncs"] * table_bytes
    assert record["steps"] < runs[1][0]["steps"] / 1.9     # each process takes about half the steps
