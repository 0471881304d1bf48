"""Peak memory and speed of the streaming PyTorch engine beside Gensim and the whole-epoch engine.

Usage::

    # the committed record: the 17M-token Zipf corpus, one epoch, two rounds in alternating order
    python benchmarks/streaming_benchmark.py --rounds 2 --out benchmarks/results/streaming/zipf_cpu2.json

    # Gensim and the streaming engine, beside the streaming engine of an earlier commit
    # (the whole-epoch engine takes half an hour a run on 2 cores)
    git archive COMMIT | tar -x -C /tmp/earlier
    python benchmarks/streaming_benchmark.py --rounds 2 --variants gensim-1 "torch streaming" \
        --earlier /tmp/earlier "torch streaming, COMMIT" --note "..." \
        --out benchmarks/results/streaming/zipf_cpu2.json

Each round runs Gensim with one worker, the PyTorch engine (one worker, step compiled) with
``chunk_tokens=None`` (a whole epoch's pairs at once) and with the default ``chunk_tokens``,
each in a process of its own; odd rounds run them in reverse order (lib/measure/side_by_side.py).
The record is saved after every run, so a measurement stopped early keeps the runs it finished.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from lib.measure.engine_benchmark import write_record  # noqa: E402
from lib.measure.side_by_side import alternating_runs, ratio_table  # noqa: E402
from lib.skipgram.settings import TrainingSettings  # noqa: E402

VARIANTS = [("gensim-1", "gensim-1", {}),
            ("torch whole epoch", "torch-cpu", {"chunk_tokens": None}),
            ("torch streaming", "torch-cpu", {"chunk_tokens": TrainingSettings.chunk_tokens})]

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="zipf", help="zipf (17M tokens), zipf:<tokens>, or shipped")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--variants", nargs="+", choices=[label for label, _, _ in VARIANTS],
                        default=[label for label, _, _ in VARIANTS], help="the variants to run (default: all)")
    parser.add_argument("--earlier", nargs=2, metavar=("FOLDER", "LABEL"),
                        help="also run the streaming engine of another copy of the course (e.g. an earlier "
                             "commit's files, with its own default chunk_tokens) under LABEL")
    parser.add_argument("--earlier-chunk-tokens", type=int, default=1_000_000,
                        help="chunk_tokens for --earlier (its default then; 1,000,000 before it became 100,000)")
    parser.add_argument("--note", help="a note saved with the record (e.g. why a variant was left out)")
    parser.add_argument("--out")
    args = parser.parse_args()
    def save(record):
        if args.out:
            write_record(record, args.out)
    def save_with_note(record):
        save({**record, "note": args.note} if args.note else record)
    variants = [variant for variant in VARIANTS if variant[0] in args.variants]
    if args.earlier:
        folder, label = args.earlier
        variants.append((label, "torch-cpu", {"chunk_tokens": args.earlier_chunk_tokens}, folder))
    record = alternating_runs(variants, args.corpus, TrainingSettings(epochs=1), rounds=args.rounds,
                              save=save_with_note)
    print(ratio_table(record, "gensim-1").to_string(float_format="{:,.3f}".format))
    if args.out:
        print(f"wrote {args.out}")
