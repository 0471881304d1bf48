"""Where the streaming PyTorch engine's memory goes: resident memory after each stage, as a committed record.

Usage::

    python benchmarks/memory_stages.py --out benchmarks/results/streaming/memory_stages_zipf.json

Runs :func:`lib.measure.memory_stages.memory_stages` on the 17M-token Zipf corpus with the default
settings (step compiled, as in the side-by-side comparison) in a fresh process. Memory figures
do not depend on the machine's load, so one run suffices.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from lib.measure.engine_benchmark import machine_record, write_record  # noqa: E402
from lib.measure.memory_stages import memory_stages  # noqa: E402
from lib.skipgram.settings import TrainingSettings  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="zipf", help="zipf (17M tokens), zipf:<tokens>, or shipped")
    parser.add_argument("--chunks", type=int, default=3)
    parser.add_argument("--out")
    args = parser.parse_args()
    settings = TrainingSettings(epochs=1)
    rows = memory_stages(args.corpus, settings, n_chunks=args.chunks)
    record = {"machine": machine_record(), "corpus": args.corpus, "settings": settings.__dict__,
              "kind": "memory stages", "results": rows}
    for row in rows:
        print(f"{row['stage']:<75} RSS {row['rss_mb']:7.0f} MiB   peak {row['hwm_mb']:7.0f} MiB")
    if args.out:
        write_record(record, args.out)
        print(f"wrote {args.out}")
