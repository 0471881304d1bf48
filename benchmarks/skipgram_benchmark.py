"""Train the skip-gram engines side by side with the same settings; print and save speed, memory and quality.

Usage::

    # quality on the shipped Wikipedia + Lee corpus (20 epochs), NumPy against gensim with one worker
    python benchmarks/skipgram_benchmark.py --corpus shipped --engines numpy gensim-1 --seeds 0 1 2

    # speed on a synthetic Zipf corpus of text8's size (17M tokens, 71k types), one epoch
    python benchmarks/skipgram_benchmark.py --corpus zipf --epochs 1 --engines torch-cpu gensim-1 gensim-all

Engines: ``numpy`` (the reference), ``torch-cpu``, ``torch-cuda`` (skipped without a GPU),
``gensim-1`` (one worker), ``gensim-all`` (one worker per core, ``corpus_file`` input).
All share dimension 100, window 5, 5 negatives, sample 1e-3, min_count 5 and the given
epochs and batch size (gensim has no batches: it updates after every pair).

Measured per run, each in its own process:
* ``tokens_per_s`` — word2vec.c's definition: in-vocabulary corpus tokens before
  subsampling × epochs ÷ training wall time (vocabulary building excluded);
* ``peak_rss_mb`` — the process's peak resident memory, and ``peak_gpu_mb`` for CUDA;
* quality — WordSim353 and SimLex-999 Spearman, analogy accuracy (3CosAdd, 3CosMul);
  on the Zipf corpus these are meaningless and not computed.
Ratios are printed against the first engine listed. ``--out`` writes a JSON record
naming the machine, GPU, date and commit.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from lib.config import full_or_quick  # noqa: E402
from lib.training_data import TrainingSettings  # noqa: E402

ENGINES = ("numpy", "torch-cpu", "torch-cuda", "gensim-1", "gensim-all")
QUALITY_KEYS = ("wordsim353", "simlex999", "analogy_3cosadd", "analogy_3cosmul")


def load_corpus(name: str):
    from lib.corpus import load_shipped_corpus, zipf_corpus
    if name == "shipped":
        return load_shipped_corpus()
    return zipf_corpus(n_tokens=full_or_quick(17_005_207, 200_000), n_types=full_or_quick(71_290, 5_000))


def train(engine: str, sentences, settings: TrainingSettings):
    """Train one engine; returns (KeyedVectors, info dict with seconds, tokens, tokens_per_s)."""
    if engine.startswith("gensim"):
        from lib.gensim_baseline import train_gensim
        workers = 1 if engine == "gensim-1" else os.cpu_count()
        return train_gensim(sentences, settings, workers=workers, use_corpus_file=engine == "gensim-all")
    if engine == "numpy":
        from lib.skipgram_numpy import train_skipgram as trainer
        extra = {}
    else:
        from lib.skipgram_torch import train_skipgram_torch as trainer
        extra = {"device": engine.split("-")[1]}
    model = trainer(sentences, progress=False, **settings.__dict__, **extra)
    seconds = sum(h["seconds"] for h in model.history)
    info = {"seconds": seconds, "tokens": model.vocab.total,
            "tokens_per_s": model.vocab.total * settings.epochs / seconds}
    return model.keyed_vectors(), info


def run_one(engine: str, corpus: str, settings: TrainingSettings) -> dict:
    """Load the corpus, train, score; runs inside its own process so memory is its own."""
    sentences = load_corpus(corpus)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if engine == "torch-cuda":
        import torch
        torch.cuda.reset_peak_memory_stats()
    kv, info = train(engine, sentences, settings)
    row = {"engine": engine, "corpus": corpus, "seed": settings.seed,
           **{k: float(v) for k, v in info.items()},
           "rss_after_corpus_mb": rss_before,
           "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if engine == "torch-cuda":
        import torch
        row["peak_gpu_mb"] = torch.cuda.max_memory_allocated() / 2 ** 20
    if corpus == "shipped":
        from lib.evaluate import benchmark_scores
        row.update({k: float(v) for k, v in benchmark_scores(kv).items()})
    return row


def machine_record() -> dict:
    """What produced the numbers: machine, GPU, software versions, date and commit."""
    import gensim
    import torch
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "lib"], capture_output=True, text=True, cwd=ROOT).stdout
    return {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "commit": (commit or "unknown") + ("+uncommitted-lib-changes" if dirty.strip() else ""),
            "machine": platform.machine(), "processor": platform.processor() or "unknown",
            "cpus": os.cpu_count(), "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
            "python": platform.python_version(), "numpy": np.__version__, "torch": torch.__version__,
            "gensim": gensim.__version__}


def summarise(rows: list[dict], engines: list[str]) -> list[str]:
    """Mean over seeds per engine, with ratios and differences against the first engine."""
    lines, base = [], None
    for engine in engines:
        mine = [r for r in rows if r["engine"] == engine]
        if not mine:
            continue
        mean = {k: float(np.mean([r[k] for r in mine])) for k in mine[0] if isinstance(mine[0][k], float)}
        base = base or mean
        line = (f"{engine:>10}: {mean['tokens_per_s']:>11,.0f} tokens/s ({mean['tokens_per_s'] / base['tokens_per_s']:5.2f}x)"
                f"  peak RSS {mean['peak_rss_mb']:,.0f} MB")
        if "peak_gpu_mb" in mean:
            line += f"  peak GPU {mean['peak_gpu_mb']:,.0f} MB"
        if "wordsim353" in mean:
            line += "".join(f"  {k} {mean[k]:.3f} ({mean[k] - base[k]:+.3f})" for k in QUALITY_KEYS)
        lines.append(line)
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=["shipped", "zipf"], default="shipped")
    parser.add_argument("--engines", nargs="+", default=["numpy", "gensim-1"], choices=ENGINES)
    parser.add_argument("--epochs", type=int, default=full_or_quick(20, 1))
    parser.add_argument("--batch-size", type=int, default=TrainingSettings.batch_size)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--out", help="write the record as JSON to this path")
    parser.add_argument("--run-one", metavar="ENGINE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.run_one:   # child process: one engine, one seed; JSON on the last line of stdout
        settings = TrainingSettings(epochs=args.epochs, batch_size=args.batch_size, seed=args.seeds[0])
        print(json.dumps(run_one(args.run_one, args.corpus, settings)))
        return

    import torch
    rows = []
    for seed in args.seeds:
        for engine in args.engines:
            if engine == "torch-cuda" and not torch.cuda.is_available():
                print(f"{engine:>10}: skipped, no CUDA device")
                continue
            command = [sys.executable, os.path.abspath(__file__), "--run-one", engine, "--corpus", args.corpus,
                       "--epochs", str(args.epochs), "--batch-size", str(args.batch_size), "--seeds", str(seed)]
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                print(f"{engine:>10} seed {seed}: FAILED\n{done.stderr[-2000:]}")
                continue
            row = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(row)
            quality = "".join(f"  {k} {row[k]:.3f}" for k in QUALITY_KEYS if k in row)
            print(f"{engine:>10} seed {seed}: {row['tokens_per_s']:>11,.0f} tokens/s  "
                  f"peak RSS {row['peak_rss_mb']:,.0f} MB{quality}", flush=True)
    print(f"\n{args.corpus} corpus, {args.epochs} epochs, batch {args.batch_size}; "
          f"mean over seeds {args.seeds}, ratio/difference against {args.engines[0]}:")
    print("\n".join(summarise(rows, args.engines)))
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        record = {"machine": machine_record(), "corpus": args.corpus,
                  "settings": TrainingSettings(epochs=args.epochs, batch_size=args.batch_size).__dict__,
                  "seeds": args.seeds, "results": rows}
        with open(args.out, "w") as f:
            json.dump(record, f, indent=2)
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
