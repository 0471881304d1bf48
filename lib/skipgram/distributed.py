"""Data-parallel skip-gram on ``torch.distributed``: N processes, each on its shard of every epoch's pairs.

Launched with ``torchrun``, the same command on one machine or many::

    torchrun --standalone --nproc_per_node 2 -m lib.skipgram.distributed --corpus shipped --epochs 5

Every process builds the same vocabulary and starts from the same weights (the seed).
Every process makes the same stream of chunks (:mod:`lib.skipgram.pair_stream`, same
generator) and trains on its shard of each chunk's shuffled pairs: process r takes pairs
r, r + N, r + 2N, … Each process updates its own copy of the two tables with the PyTorch
engine's step (:func:`lib.skipgram.torch_engine.sgd_step`); every ``sync_every`` steps,
and at the end of each epoch, the processes' changes since the last synchronisation are
summed (``all_reduce``) and applied by all (:func:`combine_tables`): with ``sync_every=1``
synchronous data-parallel SGD, with more the periodic synchronisation ("local SGD") of the
literature. ``combine="mean"`` averages the tables instead, as Spark MLlib's Word2Vec does
once per iteration. Between synchronisations the copies drift apart by the shards'
different updates; after each, they are equal.

The alternative, all-reducing the rows each step touched, moves B(2 + K) rows of d floats
per process per step instead of 2V rows every ``sync_every`` steps: cheaper when V is large
and steps few, dearer otherwise; chapter 15 compares the two.

gloo is the backend on CPUs, NCCL on GPUs (``--backend nccl``, one process per GPU).
"""
from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np
import torch
import torch.distributed as dist

from lib.skipgram.epoch_pairs import EpochPairs
from lib.skipgram.model import EpochRecord, SkipGramModel, init_weights
from lib.skipgram.pair_stream import CorpusChunks, stream_pairs
from lib.skipgram.settings import TrainingSettings, learning_rate
from lib.skipgram.torch_engine import sgd_step
from lib.text.vocabulary import NoiseSampler


def combine_tables(tables, at_last_sync, world: int, combine: str = "sum") -> int:
    """Make every process's ``tables`` equal by combining the processes' updates; returns the bytes reduced.

    ``combine="sum"``: each table becomes its value at the last synchronisation plus the *sum* of every
    process's change since then (``all_reduce`` of the changes), as if one process had taken all
    their steps from the same weights; with one step between synchronisations this is synchronous
    data-parallel SGD, whose summed batch is N × B pairs. ``combine="mean"``: each table becomes the
    mean of the processes' tables (model averaging, as Spark does once per iteration), which moves
    the weights by the mean change, 1/N of the sum. ``at_last_sync`` is updated in place.

    Example, two processes from [0., 0.] at the last sync, now at [1., 3.] and [3., 5.]:
    sum → both [4., 8.]; mean → both [2., 4.]. Returns 8 for one table of two float32.
    """
    if combine not in ("sum", "mean"):
        raise ValueError(f"combine must be 'sum' or 'mean', got {combine!r}")
    reduced = 0
    for table, before in zip(tables, at_last_sync):
        change = table - before
        dist.all_reduce(change, op=dist.ReduceOp.SUM)
        if combine == "mean":
            change.div_(world)
        table.copy_(before.add_(change))
        reduced += change.numel() * change.element_size()
    return reduced


def spread_across_ranks(table: torch.Tensor) -> float:
    """The largest difference between this process's ``table`` and any other's (all processes call it).

    Example: equal tables on every process → 0.0.
    """
    copies = [torch.empty_like(table) for _ in range(dist.get_world_size())]
    dist.all_gather(copies, table)
    return max(float((copy - table).abs().max()) for copy in copies)


def train_data_parallel(sentences, settings: TrainingSettings, sync_every: int = 32, check_in_step: bool = False,
                        combine: str = "sum"):
    """Train skip-gram on this process's shard of the pairs, averaging the tables with the others.

    Call from every process of an initialised process group (``torchrun`` sets it up; see the
    module docstring), with the same ``sentences`` and ``settings`` everywhere.

    Parameters
    ----------
    sentences : list of list of str — the whole corpus (each process takes its shard of the pairs).
    settings : TrainingSettings — as for :func:`lib.skipgram.torch_engine.train_torch`.
    sync_every : int — steps between averagings of the tables (and one at every epoch's end).
    check_in_step : bool — after each synchronisation, gather every process's tables and record the
        largest difference (costly; for tests).
    combine : ``"sum"`` or ``"mean"`` — how the processes' updates are combined (:func:`combine_tables`).

    Returns
    -------
    model : SkipGramModel — the synchronised tables (the same on every process).
    stats : dict — ``syncs`` (averagings), ``bytes_reduced`` (table bytes each process all-reduced,
        all epochs), ``steps`` (this process's SGD steps), ``max_spread`` (largest difference across
        processes right after an averaging, with ``check_in_step``; otherwise None).
    """
    rank, world = dist.get_rank(), dist.get_world_size()
    data = EpochPairs(sentences, settings)
    chunks = CorpusChunks(data.ids, data.sentence_of, settings.chunk_tokens, "cpu")
    W_in_np, W_out_np = init_weights(len(data.vocab), settings.dim, np.random.default_rng(settings.seed))
    W_in, W_out = torch.tensor(W_in_np), torch.tensor(W_out_np)
    keep = torch.from_numpy(data.keep).float()
    table = torch.from_numpy(NoiseSampler(data.vocab.noise_distribution(settings.ns_exponent)).table)
    pair_generator = torch.Generator().manual_seed(settings.seed)            # the same stream on every process
    noise_generator = torch.Generator().manual_seed(settings.seed + 1 + rank)
    model = SkipGramModel(data.vocab, W_in_np, W_out_np, settings, engine="torch-distributed")
    B, K, N = settings.batch_size, settings.negative, chunks.total_tokens
    stats = {"syncs": 0, "bytes_reduced": 0, "steps": 0, "max_spread": 0.0 if check_in_step else None}

    at_last_sync = (W_in.clone(), W_out.clone())

    def synchronise():
        stats["bytes_reduced"] += combine_tables((W_in, W_out), at_last_sync, world, combine)
        stats["syncs"] += 1
        if check_in_step:
            stats["max_spread"] = max(stats["max_spread"], spread_across_ranks(W_in), spread_across_ranks(W_out))

    with torch.no_grad():
        for epoch in range(settings.epochs):
            start, loss_sum, n_pairs, tokens_done = time.perf_counter(), 0.0, 0, 0
            for tokens, centers, contexts in stream_pairs(chunks, keep, settings.window, pair_generator):
                centers, contexts = centers[rank::world], contexts[rank::world]
                steps = -(-len(centers) // B)
                steps = _max_over_ranks(steps) if world > 1 else steps
                for step in range(steps):
                    c, o = centers[step * B:(step + 1) * B], contexts[step * B:(step + 1) * B]
                    lr = learning_rate(settings, epoch + (tokens_done + tokens * step / steps) / N)
                    if len(c):
                        noise = table[torch.randint(0, len(table), (len(c) * K,), generator=noise_generator)]
                        loss_sum += float(sgd_step(W_in, W_out, c, o, noise.view(len(c), K), lr))
                    stats["steps"] += 1
                    if stats["steps"] % sync_every == 0:
                        synchronise()
                n_pairs, tokens_done = n_pairs + len(centers), tokens_done + tokens
            synchronise()
            model.W_in, model.W_out = W_in.numpy().copy(), W_out.numpy().copy()
            seconds = time.perf_counter() - start
            model.history.append(EpochRecord(epoch=epoch + 1, loss=loss_sum / max(n_pairs, 1),
                                             alpha=learning_rate(settings, epoch + 1), pairs=n_pairs,
                                             seconds=seconds, tokens_per_s=N / seconds))
    return model, stats


def _max_over_ranks(value: int) -> int:
    """The largest ``value`` over the processes, so that every process takes the same number of steps."""
    t = torch.tensor([value])
    dist.all_reduce(t, op=dist.ReduceOp.MAX)
    return int(t)


def main(argv=None):
    """The ``torchrun`` entry point: train, score on process 0, write a JSON record there."""
    parser = argparse.ArgumentParser(prog="torchrun ... -m lib.skipgram.distributed", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="shipped", help="'shipped', or a text file of one sentence a line")
    parser.add_argument("--settings", default="{}", help="TrainingSettings fields as JSON, e.g. '{\"epochs\": 3}'")
    parser.add_argument("--sync-every", type=int, default=32)
    parser.add_argument("--check-in-step", action="store_true")
    parser.add_argument("--combine", choices=["sum", "mean"], default="sum")
    parser.add_argument("--backend", default="gloo")
    parser.add_argument("--out", help="JSON record (process 0 writes it); the vectors go beside it as .npz")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)   # one process per core
    dist.init_process_group(args.backend)
    if args.corpus == "shipped":
        from lib.text.corpus import load_shipped_corpus
        sentences = load_shipped_corpus()
    else:
        with open(args.corpus, encoding="utf-8") as f:
            sentences = [line.split() for line in f if line.strip()]
    settings = TrainingSettings(**json.loads(args.settings))
    start = time.perf_counter()
    model, stats = train_data_parallel(sentences, settings, args.sync_every, args.check_in_step, args.combine)
    seconds = time.perf_counter() - start
    if dist.get_rank() == 0:
        record = {"processes": dist.get_world_size(), "backend": args.backend, "sync_every": args.sync_every,
                  "combine": args.combine,
                  "seconds": seconds, "tokens_per_s": model.tokens * settings.epochs / seconds,
                  "bytes_reduced_per_epoch": stats["bytes_reduced"] / settings.epochs, **stats,
                  "losses": [r.loss for r in model.history], "settings": settings.__dict__}
        if args.corpus == "shipped":
            from lib.vectors.evaluation import benchmark_scores
            record.update({k: float(v) for k, v in benchmark_scores(model.keyed_vectors()).items()})
        if args.out:
            np.savez(os.path.splitext(args.out)[0] + ".npz", words=np.array(model.vocab.words),
                     counts=model.vocab.counts, W_in=model.W_in, W_out=model.W_out)
            with open(args.out, "w", encoding="utf-8") as f:
                json.dump(record, f, indent=2)
        print(json.dumps(record))
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
