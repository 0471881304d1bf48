"""Measure approximate nearest-neighbour indexes at full size and record the result.

Usage::

    python benchmarks/ann_index.py                       # N = 100,000 stored vectors
    python benchmarks/ann_index.py --n-total 200000 --out /tmp/ann.json

Builds the collection of :func:`lib.vectors.ann_benchmark.run_study` (real MiniLM
passage vectors plus synthetic ones around them), measures every index setting of
:func:`lib.vectors.ann_benchmark.default_plan` on one thread, and writes the table,
the collection's statistics and the machine to ``benchmarks/results/ann_index/collection_100k_cpu.json``,
which chapters 8 and 9b read for the verdict on "90% quality at 10x speed".
"""
from __future__ import annotations

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def main(argv=None):
    from lib.measure.engine_benchmark import machine_record
    from lib.vectors.ann_benchmark import RECORD_PATH, run_study, save_record
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-total", type=int, default=100_000)
    parser.add_argument("--n-real", type=int, default=1_000)
    parser.add_argument("--n-queries", type=int, default=200)
    parser.add_argument("--out", default=RECORD_PATH)
    args = parser.parse_args(argv)
    study = run_study(args.n_total, args.n_real, args.n_queries)
    save_record(study, machine_record(), args.out)
    print(study["statistics"].round(3).to_string())
    print(study["table"].round(3).to_string())


if __name__ == "__main__":
    main()
