"""A load generator for the embedding service: many concurrent clients, and the metrics a monitor shows.

Slide "Deployment Patterns" (monitoring: latency p50/p95/p99, throughput, error
rate, cache hit ratio). :func:`run_load` sends requests from ``concurrency``
asynchronous httpx clients at once (each sends its next request as soon as its
previous one is answered: a closed loop) and summarises what came back
(:func:`summarize`). :func:`request_texts` draws the texts of the requests with
Zipf popularity, as in real query logs where a few queries come back often.
"""
from __future__ import annotations

import asyncio
import threading
import time

import numpy as np


def request_texts(pool, n: int, exponent: float = 1.0, seed: int = 0) -> list[str]:
    """``n`` texts drawn from ``pool`` with probability ∝ 1 / rank^exponent (0 = uniform).

    Example: ``request_texts(["a", "b", "c"], 5, exponent=0)`` → five of "a", "b", "c" drawn uniformly.
    """
    ranks = np.arange(1, len(pool) + 1, dtype=np.float64)
    p = ranks ** -exponent
    picks = np.random.default_rng(seed).choice(len(pool), size=n, p=p / p.sum())
    return [pool[i] for i in picks]


def percentile_ms(latencies, q: float) -> float:
    """The q-th percentile (0–100) of latencies given in seconds, in milliseconds; nan if none.

    Example: ``percentile_ms([0.01, 0.02, 0.03], 50)`` → 20.0.
    """
    return float(np.percentile(np.asarray(latencies) * 1000, q)) if len(latencies) else float("nan")


def summarize(latencies, statuses, cached_flags, seconds: float, texts_per_request: int = 1) -> dict:
    """The monitoring metrics of one load run.

    Parameters
    ----------
    latencies : list of float
        Seconds per request (all requests, failed ones included).
    statuses : list of int
        HTTP status per request (0 for a request that got no answer).
    cached_flags : list of bool
        For every text of every successful request, whether the service answered it from its cache.
    seconds : float
        Wall time of the whole run.

    Returns
    -------
    dict
        requests, p50/p95/p99 ms, requests/s, texts/s, error rate, cache hit ratio.
        Example: 100 requests of which 2 got 5xx → ``"error rate": 0.02``.
    """
    ok = [s for s in statuses if 200 <= s < 300]
    return {"requests": len(statuses), "p50 ms": percentile_ms(latencies, 50),
            "p95 ms": percentile_ms(latencies, 95), "p99 ms": percentile_ms(latencies, 99),
            "requests/s": len(statuses) / seconds, "texts/s": len(ok) * texts_per_request / seconds,
            "error rate": 1 - len(ok) / len(statuses) if statuses else float("nan"),
            "cache hit ratio": float(np.mean(cached_flags)) if len(cached_flags) else 0.0}


async def _load(url, payloads, concurrency, api_key, endpoint, timeout):
    import httpx
    results = [None] * len(payloads)
    next_index = iter(range(len(payloads)))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=url, headers={"X-API-Key": api_key}, timeout=timeout,
                                 limits=limits) as client:
        async def client_loop():
            for i in next_index:                             # the clients share one iterator of requests
                start = time.perf_counter()
                try:
                    response = await client.post(endpoint, json=payloads[i])
                    status = response.status_code
                    cached = response.json().get("cached", []) if status == 200 else []
                except httpx.HTTPError:
                    status, cached = 0, []
                results[i] = (time.perf_counter() - start, status, cached)
        start = time.perf_counter()
        await asyncio.gather(*(client_loop() for _ in range(concurrency)))
        seconds = time.perf_counter() - start
    return results, seconds


def run_load(url: str, texts, concurrency: int, api_key: str, texts_per_request: int = 1,
             endpoint: str = "/embed", timeout: float = 60.0) -> dict:
    """Send ``texts`` to ``url`` in requests of ``texts_per_request``, from ``concurrency`` clients at once.

    Runs its own event loop in a helper thread, so it works from scripts and notebooks alike.
    Returns :func:`summarize`'s metrics plus ``"concurrency"``.
    Example: ``run_load(service.url, texts, 8, "course-key")["p95 ms"]`` → e.g. 120.0.
    """
    texts = list(texts)
    payloads = [{"texts": texts[i:i + texts_per_request]} for i in range(0, len(texts), texts_per_request)]
    box = {}

    def target():
        try:
            box["out"] = asyncio.run(_load(url, payloads, concurrency, api_key, endpoint, timeout))
        except BaseException as error:                      # re-raised in the caller's thread
            box["error"] = error
    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    results, seconds = box["out"]
    latencies, statuses, cached = zip(*results)
    flags = [flag for per_request in cached for flag in per_request]
    return {"concurrency": concurrency, **summarize(latencies, statuses, flags, seconds, texts_per_request)}


CONFIGURATIONS = {"no batching, no cache": {"batching": False, "cache_size": 0},
                  "batching, no cache": {"batching": True, "cache_size": 0},
                  "no batching, cache": {"batching": False, "cache_size": 10_000},
                  "batching + cache": {"batching": True, "cache_size": 10_000}}
"""The four service configurations compared: micro-batching off/on × LRU cache off/on."""


def load_matrix(url: str, api_key: str, pool, concurrencies, n_requests: int,
                configurations: dict | None = None, exponent: float = 1.0, seed: int = 0):
    """Every configuration × concurrency: switch the service (``PUT /settings``, which empties its cache), then load it.

    Parameters
    ----------
    pool : list of str
        Texts the requests draw from, with Zipf popularity (:func:`request_texts`), one text a request.
    concurrencies : list of int
    n_requests : int
        Requests per run.
    configurations : dict, optional
        name → settings body; default :data:`CONFIGURATIONS`.

    Returns
    -------
    pandas.DataFrame
        One row per run: configuration, concurrency, :func:`summarize`'s metrics and the service's mean batch size.
        Example: 4 configurations × concurrencies [1, 16] → 8 rows.
    """
    import httpx
    import pandas as pd
    rows = []
    headers = {"X-API-Key": api_key}
    for name, body in (configurations or CONFIGURATIONS).items():
        for c in concurrencies:
            httpx.put(url + "/settings", json=body, headers=headers, timeout=30).raise_for_status()
            texts = request_texts(pool, n_requests, exponent, seed=seed + c)
            metrics = run_load(url, texts, c, api_key)
            stats = httpx.get(url + "/stats", headers=headers, timeout=30).json()
            rows.append({"configuration": name, **metrics, "mean batch size": stats["mean_batch_size"]})
    return pd.DataFrame(rows)
