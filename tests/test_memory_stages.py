"""Where the PyTorch engine's memory goes, stage by stage, measured in a fresh process."""
from lib.measure.memory_stages import memory_stages, resident_mb, stages_table
from lib.skipgram.settings import TrainingSettings


def test_each_stage_is_read_in_order_and_the_peak_does_not_fall():
    rows = memory_stages("zipf:40000", TrainingSettings(dim=8, chunk_tokens=10_000, epochs=1), n_chunks=2,
                         compile_step_too=False)
    stages = [row["stage"] for row in rows]
    assert stages[2] == "import torch" and stages[-1].startswith("chunk 2's pairs ready")
    # Linux sums each thread's count of resident pages lazily, so readings may be off by a fraction of a MiB
    peaks = [row["hwm_mb"] for row in rows]
    assert all(later >= earlier - 1 for earlier, later in zip(peaks, peaks[1:]))
    assert all(row["rss_mb"] <= row["hwm_mb"] + 1 for row in rows)
    assert rows[2]["rss_mb"] - rows[1]["rss_mb"] > 20       # PyTorch's libraries are resident once imported


def test_this_process_reads_its_own_resident_memory():
    rss, peak = resident_mb()
    assert 0 < rss <= peak


def test_the_table_shows_what_each_stage_added():
    table = stages_table([{"stage": "a", "rss_mb": 25.0, "hwm_mb": 30.0},
                          {"stage": "b", "rss_mb": 220.0, "hwm_mb": 220.0}])
    assert table["added_mb"].tolist() == [25.0, 195.0] and list(table.index) == ["a", "b"]
