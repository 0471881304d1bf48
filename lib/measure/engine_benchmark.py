"""The three skip-gram engines side by side: same settings, each in its own process, one record.

Engines (names used everywhere: the benchmark command, its JSON records, chapter 15):

* ``numpy`` — the reference, :func:`lib.skipgram.numpy_engine.train_numpy`;
* ``torch-cpu`` — :func:`lib.skipgram.torch_engine.train_torch` on the CPU, one worker on
  one thread (reproducible);
* ``torch-cpu-all`` — the same with one Hogwild worker per core, each on one thread;
* ``torch-cuda`` — on the GPU (skipped without one);

  the PyTorch engines train with their step compiled by ``torch.compile``
  (``compile=True``; the compile time counts in the training time) unless the
  benchmark is told ``--eager``;
* ``gensim-1``, ``gensim-all`` — gensim with one worker, and one per core with ``corpus_file`` input.

Measured per run:

* ``tokens_per_s`` — word2vec.c's definition: in-vocabulary corpus tokens before
  subsampling × epochs ÷ training wall time (vocabulary building excluded);
* ``peak_rss_mb`` — the process's peak resident memory; ``peak_gpu_mb`` for CUDA;
* quality on the shipped corpus — WordSim353 and SimLex-999 Spearman, analogy
  accuracy (3CosAdd, 3CosMul); on the Zipf corpus, which has no meaning to learn,
  none is computed.

A record (:func:`run_benchmark`, saved as JSON) names the machine, GPU, software,
date and commit that produced it; :func:`load_records` reads a folder of them.
"""
from __future__ import annotations

import dataclasses
import datetime
import glob
import json
import os
import platform
import resource
import subprocess
import sys

import numpy as np

from lib.config import full_or_quick
from lib.paths import BENCHMARK_RESULTS, REPO_ROOT
from lib.skipgram.settings import TrainingSettings

ENGINES = ("numpy", "torch-cpu", "torch-cpu-all", "torch-cuda", "gensim-1", "gensim-all")
QUALITY_KEYS = ("wordsim353", "simlex999", "analogy_3cosadd", "analogy_3cosmul")


def load_corpus(name: str):
    """``'shipped'``: the Wikipedia + Lee corpus; ``'zipf'``: a synthetic corpus of text8's size.

    Quick mode shrinks both (the Zipf corpus to 200,000 tokens of 5,000 types). ``'zipf:<tokens>'``:
    the synthetic corpus at another size, with text8's 71,290 word types, e.g. ``'zipf:2000000'``.
    """
    from lib.text.corpus import load_shipped_corpus, zipf_corpus
    if name == "shipped":
        return load_shipped_corpus()
    if name == "zipf":
        return zipf_corpus(n_tokens=full_or_quick(17_005_207, 200_000), n_types=full_or_quick(71_290, 5_000))
    if name.startswith("zipf:") and name[5:].isdigit():
        return zipf_corpus(n_tokens=int(name[5:]))
    raise ValueError(f"corpus must be 'shipped', 'zipf' or 'zipf:<tokens>' (e.g. 'zipf:2000000'), got {name!r}")


def train_engine(engine: str, sentences, settings: TrainingSettings, compile_torch: bool | str = True):
    """Train one engine of :data:`ENGINES` with ``settings``; returns its :class:`~lib.skipgram.model.SkipGramModel`.

    ``compile_torch`` compiles the step of the PyTorch engines (ignored by the others);
    a string is the ``torch.compile`` mode (:func:`lib.skipgram.torch_engine.compile_step`).
    Example: ``train_engine("gensim-1", corpus, TrainingSettings(epochs=1)).tokens_per_s``.
    """
    from lib.skipgram.training import train_skipgram
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {ENGINES}")
    cores = os.cpu_count() or 1
    if engine.startswith("gensim"):
        all_cores = engine == "gensim-all"
        return train_skipgram(sentences, settings, engine="gensim", workers=cores if all_cores else 1,
                              use_corpus_file=all_cores)
    if engine == "numpy":
        return train_skipgram(sentences, settings, progress=False)
    import torch
    if engine != "torch-cuda":
        # One thread per worker: parallel batches, not parallel pieces of small operations,
        # whose thread start-ups and spin-waits cost more than the arithmetic (chapter 15).
        torch.set_num_threads(1)
    return train_skipgram(sentences, settings, engine="torch", progress=False, device=engine.split("-")[1],
                          workers=cores if engine == "torch-cpu-all" else 1, compile=compile_torch)


def peak_rss_mb(pid: int | str = "self") -> float | None:
    """Peak resident memory in MiB of process ``pid`` (this process by default).

    Read from ``/proc/<pid>/status`` (VmHWM) where there is one: ``getrusage``'s figure
    also counts the memory of the parent that started this process, which would make
    every engine look as large as a notebook kernel that launched it. Without /proc:
    ``getrusage`` for this process, None for another one.
    """
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    if pid != "self":
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / (1024 if sys.platform == "darwin" else 1)


def run_one(engine: str, corpus: str, settings: TrainingSettings, compile_torch: bool | str = True) -> dict:
    """Load the corpus, train, score: one row of a record. Meant to run in a process of its own."""
    sentences = load_corpus(corpus)
    if engine == "torch-cuda":
        import torch
        torch.cuda.reset_peak_memory_stats()
    model = train_engine(engine, sentences, settings, compile_torch)
    row = {"engine": engine, "corpus": corpus, "seed": settings.seed, "seconds": model.seconds,
           "tokens": float(model.tokens), "tokens_per_s": model.tokens_per_s}
    if engine.startswith("torch"):
        row["compile_seconds"] = model.history[0].compile_seconds
    row["peak_rss_mb"] = peak_rss_mb()
    if engine == "torch-cuda":
        import torch
        row["peak_gpu_mb"] = torch.cuda.max_memory_allocated() / 2 ** 20
    if corpus == "shipped":
        from lib.vectors.evaluation import benchmark_scores
        row.update({k: float(v) for k, v in benchmark_scores(model.keyed_vectors()).items()})
    return row


def compile_arguments(compile_torch: bool | str) -> list[str]:
    """The benchmark command's options that ask for ``compile_torch`` (True is its default).

    Example: False → ``["--eager"]``; ``"reduce-overhead"`` → ``["--compile-mode", "reduce-overhead"]``.
    """
    if compile_torch is True:
        return []
    return ["--compile-mode", compile_torch] if compile_torch else ["--eager"]


def run_in_subprocess(engine: str, corpus: str, settings: TrainingSettings,
                      compile_torch: bool | str = True, source: str | None = None) -> dict:
    """:func:`run_one` in a fresh Python process, so that its peak memory is its own.

    ``source``: another copy of the course (e.g. an earlier commit's files) whose ``lib`` the child
    runs instead of this one's, so that two versions of an engine can be measured side by side.
    Raises RuntimeError with the child's last error lines if it fails.
    """
    command = [sys.executable, "-m", "lib.measure.engine_benchmark", "--run-one", engine, "--corpus", corpus,
               "--settings", json.dumps(dataclasses.asdict(settings))] + compile_arguments(compile_torch)
    root = os.path.abspath(source) if source else REPO_ROOT
    env = {**os.environ, "PYTHONPATH": root}   # the child imports lib from root
    done = subprocess.run(command, capture_output=True, text=True, cwd=root, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{engine} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cuda_available() -> bool:
    import torch
    return torch.cuda.is_available()


def write_record(record: dict, path: str) -> None:
    """Write a benchmark record to ``path`` as indented JSON, making its folder if needed.

    Example: ``write_record({"machine": machine_record(), "results": []}, "benchmarks/results/x/y.json")``.
    """
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(record, f, indent=2)


def machine_record() -> dict:
    """What produced the numbers: machine, GPU, software versions, date and commit.

    The commit is read with git; a copy of the code without its ``.git`` folder (a machine the
    code was copied to) takes it from the environment variable ``BENCHMARK_COMMIT``.
    """
    import gensim
    import torch
    git = ["git", "-C", REPO_ROOT]
    try:
        commit = subprocess.run(git + ["rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(git + ["status", "--porcelain", "lib"], capture_output=True, text=True).stdout
    except OSError:   # no git at all
        commit, dirty = "", ""
    if not commit and os.environ.get("BENCHMARK_COMMIT"):
        commit = os.environ["BENCHMARK_COMMIT"] + " (from BENCHMARK_COMMIT)"
    return {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "commit": (commit or "unknown") + ("+uncommitted-lib-changes" if dirty.strip() else ""),
            "machine": platform.machine(), "processor": platform.processor() or "unknown",
            "cpus": os.cpu_count(), "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
            "python": platform.python_version(), "numpy": np.__version__, "torch": torch.__version__,
            "gensim": gensim.__version__}


def run_benchmark(engines, corpus: str = "shipped", settings: TrainingSettings | None = None, seeds=(0,),
                  report=print, compile_torch: bool | str = True) -> dict:
    """Train every engine for every seed, one process each; returns the record.

    Parameters
    ----------
    engines : list of str — names from :data:`ENGINES`; ``torch-cuda`` is skipped without a GPU.
    corpus : ``'shipped'`` or ``'zipf'``
    settings : TrainingSettings — shared by all engines (its seed is replaced by each of ``seeds``).
    report : callable — receives one line per finished run (``print`` by default; None for silence).
    compile_torch : bool or a ``torch.compile`` mode — how the PyTorch engines' step is compiled.

    Returns
    -------
    dict with ``machine`` (:func:`machine_record`), ``corpus``, ``settings``, ``torch_compile``, ``seeds``,
    ``results`` (one dict per run: engine, seed, seconds, tokens, tokens_per_s, peak_rss_mb,
    quality keys on the shipped corpus) and ``skipped`` (engine names that could not run).
    """
    settings = settings or TrainingSettings()
    rows, skipped = [], []
    for seed in seeds:
        for engine in engines:
            if engine == "torch-cuda" and not cuda_available():
                skipped.append(engine)
                continue
            row = run_in_subprocess(engine, corpus, dataclasses.replace(settings, seed=seed), compile_torch)
            rows.append(row)
            if report:
                quality = "".join(f"  {k} {row[k]:.3f}" for k in QUALITY_KEYS if k in row)
                report(f"{engine:>13} seed {seed}: {row['tokens_per_s']:>11,.0f} tokens/s  "
                       f"peak RSS {row['peak_rss_mb']:,.0f} MB{quality}")
    return {"machine": machine_record(), "corpus": corpus, "settings": dataclasses.asdict(settings),
            "torch_compile": compile_torch, "seeds": list(seeds),
            "results": rows, "skipped": sorted(set(skipped))}


def summary_table(record: dict, baseline: str | None = None):
    """Mean over seeds per engine, with speed ratios and quality differences against ``baseline``.

    Returns a pandas DataFrame indexed by engine, in the record's order, with
    ``tokens_per_s``, ``speed_ratio``, ``peak_rss_mb`` (``peak_gpu_mb``) and, where
    measured, each quality key and its ``<key>_diff``. ``baseline`` defaults to the
    first engine. Example: gensim-all at 350k and torch-cpu at 175k tokens/s, baseline
    gensim-all → speed ratios 1.0 and 0.5.
    """
    import pandas as pd
    results = pd.DataFrame(record["results"])
    if results.empty:
        raise ValueError("the record holds no results")
    numeric = results.drop(columns=["corpus"], errors="ignore").groupby("engine", sort=False).mean(numeric_only=True)
    numeric = numeric.drop(columns=["seed"], errors="ignore")
    baseline = baseline or numeric.index[0]
    if baseline not in numeric.index:
        raise ValueError(f"baseline {baseline!r} is not in the record; it has {list(numeric.index)}")
    numeric.insert(1, "speed_ratio", numeric["tokens_per_s"] / numeric.loc[baseline, "tokens_per_s"])
    for key in QUALITY_KEYS:
        if key in numeric:
            numeric[f"{key}_diff"] = numeric[key] - numeric.loc[baseline, key]
    return numeric


def batch_size_table(records, engine: str, baseline: str = "gensim-all"):
    """One row per record: ``engine``'s quality against ``baseline``'s, by the record's batch size.

    Parameters
    ----------
    records : list of records (:func:`load_records`) on the shipped corpus, each holding both engines.
    engine, baseline : engine names.

    Returns
    -------
    pandas DataFrame indexed by ``batch_size`` (ascending), with ``seeds``, ``epochs`` and, for each
    quality key, ``engine``'s mean over seeds and its difference from ``baseline``'s (``<key>_diff``).
    Example: records at batch 1,024 and 131,072 → two rows, 1024 and 131072.
    """
    import pandas as pd
    rows = []
    for record in records:
        table = summary_table(record, baseline)
        if engine not in table.index:
            raise ValueError(f"{record.get('path', 'a record')} has no {engine!r} run")
        rows.append({"batch_size": record["settings"]["batch_size"], "seeds": len(record["seeds"]),
                     "epochs": record["settings"]["epochs"],
                     **{column: table.loc[engine, column] for column in table.columns
                        if column.split("_diff")[0] in QUALITY_KEYS}})
    return pd.DataFrame(rows).set_index("batch_size").sort_index()


def load_records(folder: str = BENCHMARK_RESULTS, gpu_only: bool = False) -> list[dict]:
    """Every JSON record in ``folder`` itself (sorted by file name; subfolders such as the
    chapter run times are not engine records), each with its ``path`` added.

    ``gpu_only=True`` keeps the records whose machine had a GPU. Example: the committed
    CPU records → ``[{'machine': {..., 'gpu': None}, 'corpus': 'shipped', ...}, ...]``.
    """
    records = []
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path, encoding="utf-8") as f:
            record = json.load(f)
        if not {"machine", "settings", "results"} <= set(record):
            raise ValueError(f"{path} is not a benchmark record: it lacks machine, settings or results")
        if not gpu_only or record["machine"].get("gpu"):
            records.append({**record, "path": os.path.relpath(path, REPO_ROOT)})
    return records


def main(argv=None):
    """The benchmark command; see ``benchmarks/skipgram_benchmark.py --help``."""
    import argparse
    parser = argparse.ArgumentParser(prog="benchmarks/skipgram_benchmark.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="shipped", help="shipped, zipf (text8-sized) or zipf:<tokens>")
    parser.add_argument("--engines", nargs="+", default=["numpy", "gensim-1"], choices=ENGINES)
    parser.add_argument("--epochs", type=int, default=full_or_quick(20, 1))
    parser.add_argument("--batch-size", type=int, default=TrainingSettings.batch_size)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--chunk-tokens", type=int, default=TrainingSettings.chunk_tokens,
                        help="corpus tokens the PyTorch engines turn into pairs at a time; 0: a whole epoch")
    parser.add_argument("--baseline", help="engine the ratios are taken against (default: the first)")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--eager", action="store_true", help="train the PyTorch engines without torch.compile")
    how.add_argument("--compile-mode", help="torch.compile mode for the PyTorch engines, e.g. reduce-overhead")
    parser.add_argument("--out", help="write the record as JSON to this path")
    parser.add_argument("--run-one", metavar="ENGINE", help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    compile_torch = False if args.eager else (args.compile_mode or True)
    if args.run_one:   # child process: JSON on the last line of stdout
        print(json.dumps(run_one(args.run_one, args.corpus, TrainingSettings(**json.loads(args.settings)),
                                 compile_torch=compile_torch)))
        return
    settings = TrainingSettings(epochs=args.epochs, batch_size=args.batch_size, chunk_tokens=args.chunk_tokens or None)
    record = run_benchmark(args.engines, args.corpus, settings, args.seeds, compile_torch=compile_torch)
    for engine in record["skipped"]:
        print(f"{engine:>13}: skipped, no CUDA device")
    if record["results"]:
        import pandas as pd
        table = summary_table(record, args.baseline)
        print(f"\n{args.corpus} corpus, {args.epochs} epochs, batch {args.batch_size}, "
              f"PyTorch {'eager' if args.eager else 'compiled ' + (args.compile_mode or '')}, mean over seeds "
              f"{args.seeds}; speed ratio and quality difference against {table.index[0] if not args.baseline else args.baseline}:")
        with pd.option_context("display.width", 200, "display.float_format", "{:,.3f}".format):
            print(table.drop(columns=["seconds", "tokens"]).to_string())
    if args.out:
        write_record(record, args.out)
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
