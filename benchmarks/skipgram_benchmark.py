"""Train skip-gram engines side by side with the same settings and print speed and quality.

Usage::

    python benchmarks/skipgram_benchmark.py                       # NumPy and gensim (1 worker), 20 epochs
    python benchmarks/skipgram_benchmark.py --epochs 5 --seeds 0 1 2 --out benchmarks/results/run.json

Every engine trains on the shipped Wikipedia + Lee corpus with dimension 100,
window 5, 5 negatives, sample 1e-3, min_count 5 and the chosen epochs. Speed is
word2vec.c's tokens per second: in-vocabulary corpus tokens before
subsampling × epochs ÷ training wall time (vocabulary building excluded).
Quality: WordSim353 and SimLex-999 Spearman, analogy accuracy (3CosAdd,
3CosMul). The record written with ``--out`` names the machine, date and commit.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from lib.config import full_or_quick  # noqa: E402
from lib.corpus import load_shipped_corpus  # noqa: E402
from lib.evaluate import benchmark_scores  # noqa: E402
from lib.training_data import TrainingSettings  # noqa: E402


def run_numpy(sentences, settings):
    from lib.skipgram_numpy import train_skipgram
    model = train_skipgram(sentences, progress=False, **settings.__dict__)
    seconds = sum(h["seconds"] for h in model.history)
    tokens = model.vocab.total
    return model.keyed_vectors(), {"seconds": seconds, "tokens": tokens,
                                   "tokens_per_s": tokens * settings.epochs / seconds}


def run_gensim(workers):
    def run(sentences, settings):
        from lib.gensim_baseline import train_gensim
        return train_gensim(sentences, settings, workers=workers)
    return run


ENGINES = {"numpy": run_numpy, "gensim-1": run_gensim(1), "gensim-all": run_gensim(os.cpu_count())}


def machine_record() -> dict:
    """What produced the numbers: machine, software versions, date and commit."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                                cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip()
    except OSError:
        commit = "unknown"
    import gensim
    return {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "commit": commit or "unknown", "machine": platform.machine(), "processor": platform.processor(),
            "cpus": os.cpu_count(), "python": platform.python_version(), "numpy": np.__version__,
            "gensim": gensim.__version__}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", nargs="+", default=["numpy", "gensim-1"], choices=sorted(ENGINES))
    parser.add_argument("--epochs", type=int, default=full_or_quick(20, 1))
    parser.add_argument("--batch-size", type=int, default=TrainingSettings.batch_size)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--out", help="write the results as JSON to this path")
    args = parser.parse_args(argv)

    sentences = load_shipped_corpus()
    rows = []
    for seed in args.seeds:
        settings = TrainingSettings(epochs=args.epochs, batch_size=args.batch_size, seed=seed)
        for engine in args.engines:
            kv, info = ENGINES[engine](sentences, settings)
            row = {"engine": engine, "seed": seed, **{k: float(v) for k, v in info.items()},
                   **{k: float(v) for k, v in benchmark_scores(kv).items()}}
            rows.append(row)
            print(f"{engine:>10} seed {seed}: {row['tokens_per_s']:>9,.0f} tokens/s  "
                  f"WS353 {row['wordsim353']:.3f}  SimLex {row['simlex999']:.3f}  "
                  f"analogy 3CosAdd {row['analogy_3cosadd']:.3f} 3CosMul {row['analogy_3cosmul']:.3f}",
                  flush=True)

    print("\nmean over seeds, and ratio to the first engine listed:")
    base = None
    for engine in args.engines:
        mine = [r for r in rows if r["engine"] == engine]
        mean = {k: float(np.mean([r[k] for r in mine])) for k in
                ("tokens_per_s", "wordsim353", "simlex999", "analogy_3cosadd", "analogy_3cosmul")}
        base = base or mean
        print(f"{engine:>10}: {mean['tokens_per_s']:>9,.0f} tokens/s ({mean['tokens_per_s'] / base['tokens_per_s']:.2f}x)  "
              f"WS353 {mean['wordsim353']:.3f} ({mean['wordsim353'] - base['wordsim353']:+.3f})  "
              f"SimLex {mean['simlex999']:.3f} ({mean['simlex999'] - base['simlex999']:+.3f})  "
              f"3CosAdd {mean['analogy_3cosadd']:.3f}")
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        record = {"machine": machine_record(), "corpus": "shipped Wikipedia + Lee",
                  "settings": TrainingSettings(epochs=args.epochs, batch_size=args.batch_size).__dict__,
                  "results": rows}
        with open(args.out, "w") as f:
            json.dump(record, f, indent=2)
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
