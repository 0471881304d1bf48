"""Side-by-side measurements in alternating order, and the communication cost model of data parallelism."""
import os

import pytest

from lib.measure.communication import sync_cost
from lib.measure.engine_benchmark import load_records
from lib.measure.side_by_side import ratio_table, round_order
from lib.paths import BENCHMARK_RESULTS


def test_odd_rounds_run_the_variants_in_reverse_order():
    assert round_order(3, 0) == [0, 1, 2] and round_order(3, 1) == [2, 1, 0] and round_order(3, 2) == [0, 1, 2]


def test_ratios_are_taken_against_the_baseline_of_the_same_round():
    """Round 1 ran on a machine twice as slow: within a round the ratio is the same, 0.5."""
    rows = [{"label": "base", "round": 0, "tokens_per_s": 200.0, "peak_rss_mb": 100.0},
            {"label": "new", "round": 0, "tokens_per_s": 100.0, "peak_rss_mb": 300.0},
            {"label": "base", "round": 1, "tokens_per_s": 100.0, "peak_rss_mb": 100.0},
            {"label": "new", "round": 1, "tokens_per_s": 50.0, "peak_rss_mb": 300.0}]
    table = ratio_table({"results": rows}, "base")
    assert table.loc["new", "speed_ratio"] == 0.5 and table.loc["new", "memory_ratio"] == 3.0
    assert table.loc["base", "speed_ratio"] == 1.0
    with pytest.raises(ValueError, match="baseline"):
        ratio_table({"results": rows}, "gensim")


def test_table_synchronisation_cost_falls_with_the_steps_between_and_rows_grow_with_processes():
    every_step = sync_cost(V=1_000, d=10, B=100, K=5, processes=2, sync_every=1)
    assert every_step["tables_bytes"] == 2 * 1_000 * 10 * 4
    assert every_step["tables_bytes_per_step"] == every_step["tables_bytes"]       # 2(N−1)/N = 1 for N = 2
    assert sync_cost(V=1_000, d=10, B=100, K=5, processes=2, sync_every=10)["tables_bytes_per_step"] == 8_000
    assert every_step["rows_bytes_per_step"] == 100 * 7 * (4 * 10 + 8)
    assert sync_cost(V=1_000, d=10, B=100, K=5, processes=1, sync_every=1)["rows_bytes_per_step"] == 0
    assert every_step["flops_per_step"] == 6 * 100 * 6 * 10


@pytest.mark.parametrize("folder", ["streaming", "distributed"])
def test_the_committed_records_name_machine_date_and_commit(folder):
    records = load_records(os.path.join(BENCHMARK_RESULTS, folder))
    assert records, f"no record in benchmarks/results/{folder}"
    for record in records:
        assert record["machine"]["date"] and record["machine"]["cpus"] and len(record["machine"]["commit"]) >= 40
        assert record["results"]
