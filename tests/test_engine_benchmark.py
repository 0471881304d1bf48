"""Specifications of the side-by-side engine benchmark and its records."""
import dataclasses
import json
import os
import subprocess
import sys

import pytest

from lib.paths import BENCHMARK_RESULTS
from lib.measure.engine_benchmark import (ENGINES, batch_size_table, compile_arguments, load_records,
                                          summary_table, train_engine)
from lib.skipgram.settings import TrainingSettings
from lib.paths import REPO_ROOT

ROOT = REPO_ROOT


def record(rows, gpu=None):
    return {"machine": {"gpu": gpu, "date": "2026-01-01T00:00:00+00:00", "commit": "abc"},
            "corpus": "shipped", "settings": dataclasses.asdict(TrainingSettings()), "seeds": [0, 1], "results": rows}


def test_summary_averages_seeds_and_takes_ratios_against_the_baseline():
    rows = [{"engine": "gensim-all", "seed": 0, "tokens_per_s": 300.0, "peak_rss_mb": 100.0, "wordsim353": 0.50},
            {"engine": "gensim-all", "seed": 1, "tokens_per_s": 500.0, "peak_rss_mb": 100.0, "wordsim353": 0.52},
            {"engine": "torch-cpu", "seed": 0, "tokens_per_s": 200.0, "peak_rss_mb": 400.0, "wordsim353": 0.47}]
    table = summary_table(record(rows))
    assert list(table.index) == ["gensim-all", "torch-cpu"]
    assert table.loc["gensim-all", "tokens_per_s"] == 400.0
    assert table.loc["torch-cpu", "speed_ratio"] == pytest.approx(0.5)
    assert table.loc["torch-cpu", "wordsim353_diff"] == pytest.approx(-0.04)
    assert summary_table(record(rows), baseline="torch-cpu").loc["gensim-all", "speed_ratio"] == 2.0


def test_summary_refuses_an_empty_record_and_an_unknown_baseline():
    with pytest.raises(ValueError, match="no results"):
        summary_table(record([]))
    with pytest.raises(ValueError, match="baseline 'numpy'"):
        summary_table(record([{"engine": "gensim-1", "seed": 0, "tokens_per_s": 1.0}]), baseline="numpy")


def test_batch_size_table_has_one_row_per_record_in_batch_order():
    def at(batch, torch_score):
        rec = record([{"engine": "gensim-all", "seed": 0, "tokens_per_s": 1.0, "wordsim353": 0.50},
                      {"engine": "torch-cpu", "seed": 0, "tokens_per_s": 1.0, "wordsim353": torch_score}])
        rec["settings"] = {**rec["settings"], "batch_size": batch}
        return rec
    table = batch_size_table([at(131_072, 0.44), at(1024, 0.49)], "torch-cpu")
    assert list(table.index) == [1024, 131_072]
    assert table["wordsim353_diff"].tolist() == pytest.approx([-0.01, -0.06])
    with pytest.raises(ValueError, match="no 'torch-cuda' run"):
        batch_size_table([at(1024, 0.5)], "torch-cuda")


def test_load_records_reads_a_folder_and_keeps_gpu_records_apart(tmp_path):
    rows = [{"engine": "torch-cuda", "seed": 0, "tokens_per_s": 9e6, "peak_rss_mb": 1.0}]
    (tmp_path / "gpu.json").write_text(json.dumps(record(rows, gpu="NVIDIA H100 80GB HBM3")))
    (tmp_path / "cpu.json").write_text(json.dumps(record(rows)))
    assert [r["path"].endswith("cpu.json") for r in load_records(tmp_path)] == [True, False]
    assert [r["machine"]["gpu"] for r in load_records(tmp_path, gpu_only=True)] == ["NVIDIA H100 80GB HBM3"]
    (tmp_path / "notes.json").write_text("{}")
    with pytest.raises(ValueError, match="notes.json is not a benchmark record"):
        load_records(tmp_path)


def test_the_committed_records_name_machine_date_and_commit():
    records = load_records() + load_records(os.path.join(BENCHMARK_RESULTS, "batch_quality"))
    assert records, "benchmarks/results/ holds no record"
    for rec in records:
        assert {"date", "commit", "cpus", "gpu", "torch", "gensim"} <= set(rec["machine"])
        assert all(row["tokens_per_s"] > 0 for row in rec["results"])


def test_unknown_engine_is_refused_with_the_list_of_engines():
    with pytest.raises(ValueError, match="unknown engine 'jax'.*numpy"):
        train_engine("jax", [["a", "b"]], TrainingSettings())
    assert ENGINES[0] == "numpy"


def test_benchmark_command_trains_each_engine_in_its_own_process_and_writes_a_record(tmp_path):
    out = tmp_path / "record.json"
    command = [sys.executable, "benchmarks/skipgram_benchmark.py", "--corpus", "zipf", "--epochs", "1",
               "--engines", "gensim-1", "torch-cpu", "torch-cuda", "--out", str(out)]
    env = {**os.environ, "EMBEDDINGS_QUICK": "1", "CUDA_VISIBLE_DEVICES": ""}
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "torch-cuda: skipped, no CUDA device" in done.stdout and "speed_ratio" in done.stdout
    saved = json.loads(out.read_text())
    assert [row["engine"] for row in saved["results"]] == ["gensim-1", "torch-cpu"]
    assert saved["skipped"] == ["torch-cuda"] and saved["settings"]["batch_size"] == 1024
    assert saved["torch_compile"] is True and saved["results"][1]["compile_seconds"] > 0
    assert all(row["tokens_per_s"] > 0 and row["peak_rss_mb"] > 0 for row in saved["results"])
    assert saved["machine"]["commit"] and saved["machine"]["date"].startswith("20")


def test_the_gpu_script_stops_at_once_on_a_machine_without_cuda(tmp_path):
    env = {**os.environ, "CUDA_VISIBLE_DEVICES": "", "PYTHON": sys.executable}
    done = subprocess.run(["bash", "benchmarks/gpu_benchmark.sh", str(tmp_path)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 1 and "PyTorch sees no CUDA device" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_copy_without_git_takes_its_commit_from_the_environment(tmp_path, monkeypatch):
    from lib.measure import engine_benchmark
    monkeypatch.setattr(engine_benchmark, "REPO_ROOT", str(tmp_path))   # no .git there
    monkeypatch.setenv("BENCHMARK_COMMIT", "0123abc")
    assert engine_benchmark.machine_record()["commit"] == "0123abc (from BENCHMARK_COMMIT)"


def test_the_child_process_is_asked_for_the_same_compilation():
    assert compile_arguments(True) == []
    assert compile_arguments(False) == ["--eager"]
    assert compile_arguments("reduce-overhead") == ["--compile-mode", "reduce-overhead"]
