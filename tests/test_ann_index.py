"""Specs of lib.vectors.ann_index, .collection and .ann_benchmark: indexes against exact search, the collection, the record."""
import numpy as np
import pandas as pd
import pytest

from lib.vectors.ann_benchmark import (RECORD_PATH, default_plan, load_record, recall_at_speed, save_record,
                                       speed_claim_verdict)
from lib.vectors.ann_index import build_index, recall_speed_table
from lib.vectors.collection import (calibrate_spread, collection_statistics, nearest_cosines, passage_texts,
                                    synthetic_like)
from lib.vectors.quantization import binarize, exact_search, hamming_search, recall_at_k
from lib.vectors.similarity import normalize_rows


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((50, 32))
    X = normalize_rows(centres[rng.integers(0, 50, 3000)] + 0.5 * rng.standard_normal((3000, 32))).astype(np.float32)
    Q = normalize_rows(centres[rng.integers(0, 50, 100)] + 0.5 * rng.standard_normal((100, 32))).astype(np.float32)
    return X, Q, exact_search(X, Q, 10)


def test_exact_index_finds_the_brute_force_neighbours(data):
    X, Q, truth = data
    index = build_index("exact", X)
    assert recall_at_k(index.search(Q, 10), truth) == 1.0
    assert index.nbytes == X.nbytes


def test_hnsw_recall_grows_with_ef_and_reaches_exact(data):
    X, Q, truth = data
    index = build_index("hnsw", X, M=8, ef_construction=100)
    low, high = (recall_at_k(index.search(Q, 10, ef=ef), truth) for ef in (10, 400))
    assert low < high and high >= 0.99


def test_ivf_scanning_every_cell_is_exact_and_one_cell_is_not():
    rng = np.random.default_rng(1)                                 # no clusters: cells cut through neighbourhoods
    X, Q = (normalize_rows(rng.standard_normal((n, 32))).astype(np.float32) for n in (3000, 100))
    truth = exact_search(X, Q, 10)
    index = build_index("ivf", X, nlist=32)
    assert recall_at_k(index.search(Q, 10, nprobe=32), truth) == 1.0
    assert recall_at_k(index.search(Q, 10, nprobe=1), truth) < 0.9


def test_product_quantisation_stores_m_bytes_per_vector_and_loses_some_recall(data):
    X, Q, truth = data
    index = build_index("pq", X, m=4)
    assert index.nbytes == len(X) * 4 + 32 * 256 * 4
    assert 0.1 < recall_at_k(index.search(Q, 10), truth) < 1.0


def test_the_course_codes_are_searched_by_the_course_code(data):
    X, Q, truth = data
    binary = build_index("binary", X)
    center = X.mean(axis=0)
    assert np.array_equal(binary.search(Q, 10), hamming_search(binarize(X, center), binarize(Q, center), 10))
    assert binary.nbytes == len(X) * 4                                 # 32 bits → 4 bytes a vector
    assert recall_at_k(build_index("int8", X).search(Q, 10), truth) > 0.9


def test_unknown_index_family_is_refused(data):
    with pytest.raises(ValueError, match="unknown index family 'lsh'"):
        build_index("lsh", data[0])


def test_recall_speed_table_measures_every_setting_against_exact(data):
    X, Q, _ = data
    table = recall_speed_table(X, Q, [("hnsw", {"M": 8}, [{"ef": 10}, {"ef": 50}]), ("int8", {}, [{}])], repeats=1)
    assert list(table["index"]) == ["exact", "hnsw", "hnsw", "int8"]
    assert table.loc[0, "speed-up"] == 1.0 and table.loc[0, "recall@10"] == 1.0
    assert table.loc[1, "setting"] == "M = 8, ef = 10" and (table["queries/s"] > 0).all()
    assert table.loc[3, "bytes / vector"] == pytest.approx(32 + 32 * 4 / len(X))


def test_default_plan_scales_the_number_of_ivf_cells_with_the_collection():
    nlist = {n: next(p for f, p, _ in default_plan(n) if f == "ivf")["nlist"] for n in (10_000, 100_000)}
    assert nlist == {10_000: 512, 100_000: 1024}


def test_passages_nearest_cosines_and_statistics():
    assert passage_texts([["a", "b", "c"], ["d", "e"]], words=2) == ["a b", "c d"]
    X = np.array([[1, 0], [0.8, 0.6], [0, 1]], np.float32)
    assert np.allclose(nearest_cosines(X), [0.8, 0.8, 0.6])
    stats = collection_statistics({"x": X})
    assert stats.loc["x", "vectors"] == 3


def test_synthetic_vectors_are_as_close_to_their_anchor_as_real_neighbours_are(data):
    X = data[0][:500]
    target = float(nearest_cosines(X).mean())
    spread = calibrate_spread(X, seed=0)
    S = synthetic_like(X, 2000, spread, seed=0)
    assert S.shape == (2000, 32) and np.allclose(np.linalg.norm(S, axis=1), 1, atol=1e-5)
    assert np.array_equal(S, synthetic_like(X, 2000, spread, seed=0))
    anchor_cos = (S @ X.T).max(axis=1)                               # at least the cosine to its own anchor
    assert abs(np.median(anchor_cos) - target) < 0.1
    assert calibrate_spread(X, target=0.95) < spread < calibrate_spread(X, target=0.3)


def test_the_speed_claim_holds_only_with_enough_recall_at_ten_times_the_speed():
    table = pd.DataFrame({"index": ["exact", "hnsw", "ivf"], "setting": ["—", "ef = 16", "nprobe = 1"],
                          "recall@10": [1.0, 0.93, 0.5], "speed-up": [1.0, 12.0, 80.0]})
    assert speed_claim_verdict(table)[0] == "holds" and "hnsw" in speed_claim_verdict(table)[1]
    assert speed_claim_verdict(table.drop(index=1)) == ("wrong", "best recall@10 at 10x the speed of exact search: "
                                                                 "0.500, ivf")
    assert speed_claim_verdict(table.iloc[[0]])[0] == "wrong"                     # nothing that fast


def test_recall_at_ten_times_the_speed_is_read_off_each_curve_in_log_speed():
    table = pd.DataFrame({"index": ["exact", "ivf", "ivf", "hnsw"],
                          "setting": ["—", "nlist = 8, nprobe = 1", "nlist = 8, nprobe = 4", "M = 4, ef = 10"],
                          "recall@10": [1.0, 0.8, 0.95, 0.99], "speed-up": [1.0, 100.0, 1.0, 5.0]})
    assert recall_at_speed(table) == {"ivf (nlist = 8)": pytest.approx(0.875)}      # halfway in log speed
    assert speed_claim_verdict(table)[0] == "wrong"
    assert recall_at_speed(table, speed=2.0)["hnsw (M = 4)"] == 0.99


def test_a_record_comes_back_as_it_was_saved(tmp_path):
    table = pd.DataFrame({"index": ["exact"], "setting": ["—"], "recall@10": [1.0], "speed-up": [1.0]})
    stats = pd.DataFrame({"vectors": [3]}, index=["real"])
    path = str(tmp_path / "ann.json")
    save_record({"table": table, "statistics": stats, "n_total": 3, "spread": 0.5}, {"cpus": 2}, path)
    back = load_record(path)
    assert back["n_total"] == 3 and back["machine"] == {"cpus": 2}
    pd.testing.assert_frame_equal(back["table"], table)
    assert back["statistics"].loc["real", "vectors"] == 3
    with pytest.raises(FileNotFoundError, match="benchmarks/ann_index.py"):
        load_record(str(tmp_path / "missing.json"))


def test_the_committed_record_is_a_full_size_study():
    record = load_record(RECORD_PATH)
    assert record["n_total"] >= 100_000
    table = record["table"]
    assert table.loc[0, "index"] == "exact" and {"hnsw", "ivf", "pq", "int8", "binary"} <= set(table["index"])
