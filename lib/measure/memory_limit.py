"""A corpus larger than the memory allowed: training from a file under an address-space limit.

:func:`write_zipf_file` writes a synthetic corpus (:func:`lib.text.corpus.zipf_corpus`'s
distribution) to a text file, one sentence a line. :func:`train_file_under_limit` then
trains the PyTorch engine on it in a fresh process whose address space is capped
(``RLIMIT_AS``, what ``prlimit --as`` sets): the cap is what the engine's process
reached training on a small file, the large file's first two chunks (its libraries,
tables, noise draws, threads, a chunk's pairs and a full batch), plus ``headroom_mb``. A headroom smaller than the file means the corpus cannot be held:
the process trains from the file a chunk at a time, then tries to read the file whole,
which must fail with MemoryError: the cap bites.
"""
from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys

import numpy as np

from lib.paths import REPO_ROOT
from lib.skipgram.settings import TrainingSettings


def write_zipf_file(path: str, n_tokens: int, n_types: int = 1_000, sentence_length: int = 1_000,
                    seed: int = 0) -> int:
    """Write ``n_tokens`` Zipf-distributed words ``w1 … w<n_types>`` to ``path``, ``sentence_length`` a line.

    Written a million tokens at a time, so that writing a large file needs little memory.
    Returns the file's size in bytes. Example: ``write_zipf_file(p, 2_000, sentence_length=1_000)``
    → 2 lines, about 11 kB.
    """
    rng = np.random.default_rng(seed)
    p = 1.0 / np.arange(1, n_types + 1)
    p /= p.sum()
    names = np.array([f"w{r + 1}" for r in range(n_types)], dtype=object)
    step = max(sentence_length, 1_000_000 // sentence_length * sentence_length)
    with open(path, "w", encoding="utf-8") as f:
        for start in range(0, n_tokens, step):
            ids = rng.choice(n_types, size=min(step, n_tokens - start), p=p)
            f.writelines(" ".join(names[ids[i:i + sentence_length]]) + "\n"
                         for i in range(0, len(ids), sentence_length))
    return os.path.getsize(path)


def vm_kib(field: str = "VmPeak") -> int:
    """A field of ``/proc/self/status`` in KiB: ``VmPeak`` (the address space's peak), ``VmSize``, ``VmHWM``…"""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise OSError(f"/proc/self/status has no {field}: this needs Linux")


def _child(path: str, warmup_path: str, settings: TrainingSettings, headroom_mb: float) -> dict:
    """In the capped process: warm up on the small file, cap the address space, train, then try to load."""
    import resource

    import torch

    from lib.skipgram.torch_engine import train_torch
    torch.set_num_threads(1)
    for _ in range(2):   # the second run starts where the first left the heap
        train_torch(settings=settings, corpus_file=warmup_path, progress=False, device="cpu")
    limit = (vm_kib("VmPeak") + int(headroom_mb * 1024)) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    model = train_torch(settings=settings, corpus_file=path, progress=False, device="cpu")
    peak_rss_mb = vm_kib("VmHWM") / 1024
    try:   # after training: a failed attempt can leave the heap fragmented
        with open(path, encoding="utf-8") as f:
            whole = [line.split() for line in f]
        loaded = f"read whole ({sum(map(len, whole)):,} tokens)"
        del whole
    except MemoryError:
        loaded = "MemoryError"
    return {"limit_mb": limit / 2 ** 20, "headroom_mb": headroom_mb, "file_mb": os.path.getsize(path) / 2 ** 20,
            "loading_whole_file": loaded, "tokens": float(model.tokens), "seconds": model.seconds,
            "tokens_per_s": model.tokens_per_s, "loss": model.history[-1].loss, "vocabulary": len(model.vocab),
            "peak_rss_mb": peak_rss_mb}


def train_file_under_limit(path: str, settings: TrainingSettings, headroom_mb: float = 16.0) -> dict:
    """Train the PyTorch engine from the file ``path`` in a process capped at its warm-up peak + ``headroom_mb``.

    Parameters
    ----------
    path : str — a corpus file, one sentence a line (e.g. :func:`write_zipf_file`).
    settings : TrainingSettings — ``chunk_tokens`` sets how much of the file is read at a time.
    headroom_mb : float — address space allowed above what training on a small file (the file's
        first two chunks) reached; pick it smaller than the file.

    Returns
    -------
    dict with ``limit_mb``, ``headroom_mb``, ``file_mb``, ``loading_whole_file`` ("MemoryError" when the
    file could not be read whole under the cap), ``tokens``, ``seconds``, ``tokens_per_s``, ``loss``
    (last epoch's mean per pair), ``vocabulary`` and ``peak_rss_mb``.
    Raises RuntimeError with the child's last error lines if training fails.
    Example: a 15 MB file, 8 MB of headroom → ``loading_whole_file`` "MemoryError", training done.
    """
    warmup_path, tokens = path + ".warmup", 0
    with open(path, encoding="utf-8") as f, open(warmup_path, "w", encoding="utf-8") as out:
        for line in f:   # the file's first two chunks: a small file that trains as the large one does
            if tokens >= 2 * settings.chunk_tokens:
                break
            out.write(line)
            tokens += len(line.split())
    command = [sys.executable, "-m", "lib.measure.memory_limit", path, warmup_path,
               json.dumps(dataclasses.asdict(settings)), str(headroom_mb)]
    # No per-thread malloc arenas, and a fixed mmap threshold: blocks of 128 KiB or more are mapped and
    # unmapped on their own, so the heap cannot creep up chunk after chunk past the warm-up's peak.
    env = {**os.environ, "MALLOC_ARENA_MAX": "1", "MALLOC_MMAP_THRESHOLD_": "131072", "OMP_NUM_THREADS": "1"}
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT, env=env)
    finally:
        os.remove(warmup_path)
    if done.returncode != 0:
        raise RuntimeError(f"training under the memory limit failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    corpus, warmup, settings_json, headroom = sys.argv[1:5]
    print(json.dumps(_child(corpus, warmup, TrainingSettings(**json.loads(settings_json)), float(headroom))))
