"""Approximate nearest-neighbour indexes from maintained libraries, measured against exact search.

Slides "Efficiency Revolution" ("90% quality at 10x speed") and "Deployment
Patterns" (a vector database behind the service). Brute force scores every
one of the N stored vectors for every query; an index looks at a few of them.
Each index here is built over unit vectors X (N, d) and searched by inner
product (= cosine):

* ``exact``: FAISS ``IndexFlatIP``, brute force with BLAS: the reference and the speed baseline;
* ``hnsw``: hnswlib's hierarchical navigable small-world graph (Malkov & Yashunin, 2018):
  ``M`` links per node, ``ef_construction`` candidates while building, ``ef`` while searching;
* ``ivf``: FAISS ``IndexIVFFlat`` (Jégou et al., 2011): k-means cuts the space into ``nlist``
  cells; a query scans the ``nprobe`` nearest cells;
* ``pq``: FAISS ``IndexPQ``, product quantisation with ``m`` sub-vectors of 8 bits, brute force
  over the codes; ``ivfpq`` combines the two;
* ``int8`` and ``binary``: the course's own codes (:mod:`lib.vectors.quantization`), brute force in NumPy.

Measured by :func:`measure`: recall@k of the exact top k, queries per CPU-second (all queries as one
batch, one thread, best of a few repeats), bytes per stored vector and build seconds.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from lib.vectors.quantization import recall_at_k

FAMILIES = ("exact", "hnsw", "ivf", "pq", "ivfpq", "int8", "binary")
"""The index kinds :func:`build_index` knows."""


@dataclass
class AnnIndex:
    """A built index: ``search(Q, k, **query_params)`` → ids (n_queries, k); its size and build time."""

    family: str
    params: dict
    nbytes: int
    build_seconds: float
    _search: object = field(repr=False)

    def search(self, queries, k: int = 10, **query_params) -> np.ndarray:
        """The ids (n_queries, k) of the k stored vectors with the highest inner product to each query."""
        return self._search(np.ascontiguousarray(queries, dtype=np.float32), k, **query_params)


def _faiss_search(index):
    def search(Q, k, nprobe=None):
        if nprobe is not None:
            index.nprobe = nprobe
        return index.search(Q, k)[1]
    return search


def build_index(family: str, X, seed: int = 0, threads: int = 1, **params) -> AnnIndex:
    """Build an index of the given ``family`` over X (N, d) (unit rows), with its build parameters.

    Parameters
    ----------
    family : str
        One of :data:`FAMILIES`.
    X : array (N, d)
        The stored vectors, unit length.
    params
        ``hnsw``: ``M``, ``ef_construction``; ``ivf``: ``nlist``; ``pq``: ``m`` (and k-means iterations
        ``niter``, 25 by default); ``ivfpq``: ``nlist``, ``m``.

    Returns
    -------
    AnnIndex
        Example: ``build_index("hnsw", X, M=16, ef_construction=100).search(Q, 10, ef=64)`` → ids (n_queries, 10).
    """
    import faiss
    if family not in FAMILIES:
        raise ValueError(f"unknown index family {family!r}; choose one of {FAMILIES}")
    X = np.ascontiguousarray(X, dtype=np.float32)
    N, d = X.shape
    faiss.omp_set_num_threads(threads)
    start = time.perf_counter()
    if family == "exact":
        index = faiss.IndexFlatIP(d)
        index.add(X)
        search, nbytes = _faiss_search(index), X.nbytes
    elif family == "hnsw":
        import hnswlib
        index = hnswlib.Index(space="ip", dim=d)
        index.init_index(max_elements=N, M=params.get("M", 16), ef_construction=params.get("ef_construction", 100),
                         random_seed=seed)
        index.add_items(X, num_threads=threads)
        index.set_num_threads(1)

        def search(Q, k, ef=50):
            index.set_ef(max(ef, k))
            return index.knn_query(Q, k)[0].astype(np.int64)
        nbytes = index.index_file_size()
    elif family in ("ivf", "ivfpq"):
        quantizer = faiss.IndexFlatIP(d)
        if family == "ivf":
            index = faiss.IndexIVFFlat(quantizer, d, params["nlist"], faiss.METRIC_INNER_PRODUCT)
        else:
            index = faiss.IndexIVFPQ(quantizer, d, params["nlist"], params["m"], 8, faiss.METRIC_INNER_PRODUCT)
        index.cp.seed = seed
        index.train(X)
        index.add(X)
        search = _faiss_search(index)
        code = X.shape[1] * 4 if family == "ivf" else params["m"]
        nbytes = N * (code + 8) + params["nlist"] * d * 4        # codes, ids, centroids
    elif family == "pq":
        index = faiss.IndexPQ(d, params["m"], 8, faiss.METRIC_INNER_PRODUCT)
        index.pq.cp.seed = seed
        index.pq.cp.niter = params.get("niter", 25)
        index.pq.cp.min_points_per_centroid = min(39, N // 256)    # small collections: train quietly on what there is
        index.train(X)
        index.add(X)
        search, nbytes = _faiss_search(index), N * params["m"] + d * 256 * 4
    elif family == "int8":
        from lib.vectors.quantization import Int8Codes, int8_search, quantize_int8
        codes = quantize_int8(X, per_dimension=False)

        def search(Q, k):
            q = np.clip(np.rint(Q / codes.scale), -127, 127).astype(np.int8)
            return int8_search(codes, Int8Codes(q, codes.scale), k)
        nbytes = codes.nbytes
    else:
        from lib.vectors.quantization import binarize, hamming_search
        center = X.mean(axis=0)
        codes = binarize(X, center=center)

        def search(Q, k):
            return hamming_search(codes, binarize(Q, center=center), k)
        nbytes = codes.nbytes
    return AnnIndex(family, dict(params), int(nbytes), time.perf_counter() - start, search)


def queries_per_second(index: AnnIndex, queries, k: int = 10, repeats: int = 3, **query_params) -> float:
    """Queries per CPU-second, best of ``repeats``, for searching all ``queries`` (n_queries, d) as one batch.

    Timed with this process's CPU clock, every library held to one thread: on a machine shared with other
    programs, wall-clock time measures the sharing as much as the search. Example: 200 queries in 0.5 CPU-s → 400.0.
    """
    from threadpoolctl import threadpool_limits
    best = np.inf
    with threadpool_limits(1):
        for _ in range(repeats):
            start = time.process_time()
            index.search(queries, k, **query_params)
            best = min(best, time.process_time() - start)
    return len(queries) / max(best, 1e-9)


def measure(index: AnnIndex, queries, truth, k: int = 10, repeats: int = 3, **query_params) -> dict:
    """One row of a recall–speed table for a built index and one query setting.

    Parameters
    ----------
    index : AnnIndex
    queries : array (n_queries, d)
    truth : array (n_queries, k)
        The exact top-k ids.
    query_params
        ``ef`` (hnsw) or ``nprobe`` (ivf, ivfpq).

    Returns
    -------
    dict
        index, setting, recall@k, queries/s, build s, bytes.
        Example: an exact index gives ``{"index": "exact", "setting": "—", "recall@10": 1.0, …}``.
    """
    found = index.search(queries, k, **query_params)
    setting = ", ".join(f"{key} = {value}" for key, value in {**index.params, **query_params}.items())
    return {"index": index.family, "setting": setting or "—", f"recall@{k}": recall_at_k(found, truth),
            "queries/s": queries_per_second(index, queries, k, repeats, **query_params),
            "build s": index.build_seconds, "bytes": index.nbytes}


def recall_speed_table(X, queries, plan, k: int = 10, repeats: int = 3, seed: int = 0):
    """Build and measure every setting of ``plan``, exact search first.

    Parameters
    ----------
    X : array (N, d)
        Stored unit vectors.
    queries : array (n_queries, d)
    plan : list of (family, build_params, [query_params, …])
        Each index is built once and searched with each of its query settings.

    Returns
    -------
    pandas.DataFrame
        One row per setting: index, setting, recall@k, queries/s, build s, bytes / vector, speed-up
        (queries/s over exact search's). Example plan ``[("hnsw", {"M": 16}, [{"ef": 16}, {"ef": 64}])]``
        → three rows: exact, then HNSW at ef = 16 and 64.
    """
    import pandas as pd
    exact = build_index("exact", X)
    truth = exact.search(queries, k)
    rows = [measure(exact, queries, truth, k, repeats)]
    for family, build_params, query_settings in plan:
        index = build_index(family, X, seed=seed, **build_params)
        rows += [measure(index, queries, truth, k, repeats, **q) for q in (query_settings or [{}])]
    table = pd.DataFrame(rows)
    table["bytes / vector"] = table.pop("bytes") / len(X)
    table["speed-up"] = table["queries/s"] / table.loc[0, "queries/s"]
    return table
