"""Spark MLlib's Word2Vec with 1, 2, 4 partitions beside Gensim and the PyTorch engine, on the course corpus.

Usage (needs the Spark extra: ``bash scripts/setup.sh --spark``)::

    python benchmarks/spark_benchmark.py --epochs 5 --seeds 0 1 2 --out benchmarks/results/spark/shipped_cpu2.json

For each seed, in this order: Spark (``local[2]``) with each number of partitions, Gensim's
skip-gram with the hierarchical softmax and no subsampling (``gensim-hs``, the closest to
Spark's algorithm), Gensim with the course's usual settings (``gensim-ns``: negative sampling,
subsampling 10⁻³), and the PyTorch engine (``torch-cpu``, one worker, uncompiled step, in a
process of its own). Every run is scored by :func:`lib.vectors.evaluation.benchmark_scores`.
The record is written after every run, with the machine, date, commit and the load average
(the machine may be shared; its wall times are only as good as its load).
"""
import argparse
import dataclasses
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from lib.measure.engine_benchmark import machine_record, run_in_subprocess, write_record  # noqa: E402
from lib.models.spark_word2vec import MASTER, spark_session, train_spark_word2vec  # noqa: E402
from lib.skipgram.gensim_engine import train_gensim  # noqa: E402
from lib.skipgram.settings import TrainingSettings  # noqa: E402
from lib.text.corpus import load_shipped_corpus  # noqa: E402
from lib.vectors.evaluation import benchmark_scores  # noqa: E402


def gensim_row(engine, sentences, settings):
    """One Gensim run: ``gensim-hs`` (hierarchical softmax, no subsampling) or ``gensim-ns``."""
    if engine == "gensim-hs":
        model = train_gensim(sentences, dataclasses.replace(settings, sample=0.0), objective="hierarchical_softmax")
    else:
        model = train_gensim(sentences, settings)
    return {"seconds": model.seconds, "tokens_per_s": model.tokens_per_s, **benchmark_scores(model.keyed_vectors())}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--partitions", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--engines", nargs="*", default=["gensim-hs", "gensim-ns", "torch-cpu"],
                        choices=["gensim-hs", "gensim-ns", "torch-cpu"])
    parser.add_argument("--out")
    args = parser.parse_args()
    settings = TrainingSettings(epochs=args.epochs)
    sentences = load_shipped_corpus()
    start = time.perf_counter()
    spark = spark_session()
    record = {"machine": {**machine_record(), "spark": spark.version, "java": spark.sparkContext._jvm.System
                          .getProperty("java.version"), "load_average_start": os.getloadavg()},
              "corpus": "shipped", "settings": dataclasses.asdict(settings), "master": MASTER,
              "spark_start_seconds": time.perf_counter() - start, "seeds": args.seeds,
              "note": "gensim-hs: sg=1, hs=1, negative=0, sample=0; gensim-ns: the course's settings; "
                      "torch-cpu: one worker, uncompiled step; Spark's seconds time fit() in a started session",
              "results": []}
    for seed in args.seeds:
        seeded = dataclasses.replace(settings, seed=seed)
        runs = [("spark", p) for p in args.partitions] + [(engine, None) for engine in args.engines]
        for engine, partitions in runs:
            if engine == "spark":
                run = train_spark_word2vec(sentences, seeded, partitions=partitions)
                row = {"seconds": run.seconds, "tokens_per_s": run.tokens_per_s, **benchmark_scores(run.kv)}
            elif engine == "torch-cpu":
                row = run_in_subprocess("torch-cpu", "shipped", seeded, compile_torch=False)
            else:
                row = gensim_row(engine, sentences, seeded)
            row = {**{k: v for k, v in row.items() if k not in ("engine", "corpus", "seed")},
                   "engine": engine, "partitions": partitions, "seed": seed}
            record["results"].append(row)
            print(f"{engine:>9} {partitions or '':>2} seed {seed}: {row['seconds']:6.1f} s  "
                  f"WordSim353 {row['wordsim353']:.3f}  SimLex-999 {row['simlex999']:.3f}  "
                  f"analogies {row['analogy_3cosadd']:.3f}", flush=True)
            record["machine"]["load_average_end"] = os.getloadavg()
            if args.out:
                write_record(record, args.out)
    if args.out:
        print(f"wrote {args.out}")
