"""One and two processes of the data-parallel trainer (lib/skipgram/distributed.py) on the course corpus.

Usage::

    python benchmarks/distributed_benchmark.py --epochs 5 --out benchmarks/results/distributed/shipped_cpu2.json

Runs ``torchrun --standalone --nproc_per_node N -m lib.skipgram.distributed`` for N = 1, 2, 2, 1
(alternating order), each scored by the course's scorer, and saves every run with the machine record.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from lib.measure.engine_benchmark import machine_record, write_record  # noqa: E402
from lib.paths import REPO_ROOT  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--sync-every", type=int, default=32)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 2, 1])
    parser.add_argument("--out")
    args = parser.parse_args()
    runs = []
    torchrun = os.path.join(os.path.dirname(sys.executable), "torchrun")
    for n in args.processes:
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, "run.json")
            command = [torchrun, "--standalone", "--nproc_per_node", str(n), "-m", "lib.skipgram.distributed",
                       "--corpus", "shipped", "--settings", json.dumps({"epochs": args.epochs}),
                       "--sync-every", str(args.sync_every), "--out", out]
            done = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT)
            if done.returncode != 0:
                sys.exit(done.stderr[-3000:])
            with open(out, encoding="utf-8") as f:
                run = json.load(f)
        runs.append(run)
        print(f"{n} process(es): {run['seconds']:.1f} s, {run['tokens_per_s']:,.0f} tokens/s, "
              f"{run['bytes_reduced_per_epoch'] / 2 ** 20:,.0f} MiB all-reduced per epoch, "
              f"WordSim353 {run['wordsim353']:.3f}, SimLex-999 {run['simlex999']:.3f}, "
              f"analogies {run['analogy_3cosadd']:.3f}")
    record = {"machine": machine_record(), "corpus": "shipped", "settings": runs[0]["settings"],
              "sync_every": args.sync_every, "results": runs}
    if args.out:
        write_record(record, args.out)
        print(f"wrote {args.out}")
