"""Where the PyTorch engine's memory goes: resident memory after each stage of its start, in a fresh process.

A process's peak resident memory (``VmHWM``) says how much, not what for; ``tracemalloc``
does not see PyTorch's allocations. :func:`memory_stages` takes the engine's stages one
by one with its own public pieces — the corpus, PyTorch, the vocabulary and chunks, the
tables, the negatives' alias table, the compiled step, the first chunks' pairs — and reads
``VmRSS`` (resident now) and ``VmHWM`` (the peak so far) from ``/proc/self/status`` after each,
so that the difference between two rows is what that stage added. Linux sums each thread's
count of resident pages lazily, so a reading may be off by a fraction of a MiB.
"""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

from lib.measure.memory_limit import vm_kib
from lib.paths import REPO_ROOT
from lib.skipgram.settings import TrainingSettings


def resident_mb() -> tuple[float, float]:
    """This process's resident memory now and at its peak, in MiB: ``(VmRSS, VmHWM)`` (Linux only)."""
    return vm_kib("VmRSS") / 1024, vm_kib("VmHWM") / 1024


def _stages(corpus: str, settings: TrainingSettings, n_chunks: int, compile_step_too: bool) -> list[dict]:
    """The stages, in this process (see :func:`memory_stages`)."""
    rows = []

    def note(stage):
        rss, hwm = resident_mb()
        rows.append({"stage": stage, "rss_mb": rss, "hwm_mb": hwm})
    note("Python, NumPy")
    from lib.measure.engine_benchmark import load_corpus
    sentences = load_corpus(corpus)
    note("the corpus as sentences (Gensim holds it too)")
    import numpy as np
    import torch
    torch.set_num_threads(1)
    note("import torch")
    from lib.skipgram.alias_noise import AliasNoise
    from lib.skipgram.model import init_weights
    from lib.skipgram.pair_stream import SentenceChunks, stream_pairs
    from lib.skipgram.torch_engine import compile_step
    from lib.text.vocabulary import Vocabulary
    vocab = Vocabulary.from_sentences(sentences, settings.min_count)
    chunks = SentenceChunks(sentences, vocab, settings.chunk_tokens, "cpu")
    note("vocabulary and chunk bounds")
    W_in_np, W_out_np = init_weights(len(vocab), settings.dim, np.random.default_rng(settings.seed))
    W_in, W_out = torch.from_numpy(W_in_np), torch.from_numpy(W_out_np)
    W_out.fill_(0.0)   # training writes every row of W_out; its pages count once touched
    note("the two tables (V × d float32 each)")
    noise = AliasNoise(vocab.noise_distribution(settings.ns_exponent))
    keep = torch.from_numpy(vocab.keep_probabilities(settings.sample)).float()
    note("alias table and keep probabilities")
    if compile_step_too:
        compile_step(W_in, W_out, settings.batch_size, settings.negative)
        note("torch.compile: the compiler and the compiled step")
    generator = torch.Generator().manual_seed(settings.seed)
    held = []
    for k, (_, centers, contexts) in enumerate(stream_pairs(chunks, keep, settings.window, generator)):
        held = [centers, contexts, noise.draw(settings.batch_size * settings.negative, generator)]
        note(f"chunk {k + 1}'s pairs ready, chunk {k + 2}'s being made ({len(centers):,} pairs a chunk)")
        if k + 1 >= n_chunks:
            break
    del held
    return rows


def memory_stages(corpus: str = "zipf", settings: TrainingSettings | None = None, n_chunks: int = 3,
                  compile_step_too: bool = True) -> list[dict]:
    """Resident memory after each stage of the engine's start, measured in a fresh Python process.

    Parameters
    ----------
    corpus : a corpus name of :func:`lib.measure.engine_benchmark.load_corpus` (``'zipf'``: text8's size).
    settings : TrainingSettings — the engine's settings (``chunk_tokens`` sets the pairs held).
    n_chunks : int — chunks of pairs made before stopping (the pairs' share stops growing after two).
    compile_step_too : bool — include ``torch.compile`` (what the benchmarks' engine does).

    Returns
    -------
    list of dicts, one per stage in order: ``stage`` (what was just done), ``rss_mb`` (resident
    memory after it, MiB) and ``hwm_mb`` (the peak so far, which catches short-lived copies).
    Example: ``memory_stages("zipf:200000")[2]["stage"]`` → ``'import torch'``.
    Raises RuntimeError with the child's last error lines if the child fails.
    """
    settings = settings or TrainingSettings()
    command = [sys.executable, "-m", "lib.measure.memory_stages", corpus, json.dumps(dataclasses.asdict(settings)),
               str(n_chunks), "1" if compile_step_too else "0"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"measuring the memory stages failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def stages_table(rows):
    """:func:`memory_stages`' rows as a table: resident memory, what each stage added, and the peak so far.

    Returns a pandas DataFrame indexed by stage, with ``rss_mb``, ``added_mb`` (``rss_mb`` minus the
    previous stage's; the first stage's is its own) and ``hwm_mb``.
    Example: stages at 25 and 220 MiB → ``added_mb`` 25 and 195.
    """
    import pandas as pd
    table = pd.DataFrame(rows).set_index("stage")
    table.insert(1, "added_mb", table["rss_mb"].diff().fillna(table["rss_mb"]))
    return table


if __name__ == "__main__":
    corpus_name, settings_json, chunks_wanted, with_compile = sys.argv[1:5]
    print(json.dumps(_stages(corpus_name, TrainingSettings(**json.loads(settings_json)), int(chunks_wanted),
                             with_compile == "1")))
