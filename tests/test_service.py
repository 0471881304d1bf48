"""Specs of lib.serving: the embedding service's answers and refusals, its cache, its batching, and the load metrics.

The service runs in-process through httpx's ASGI transport (no port, no subprocess);
chapter 9c starts the same application under uvicorn in its own process.
"""
import asyncio

import httpx
import numpy as np
import pytest

from lib.serving import LRUCache, MicroBatcher, ServiceSettings, create_app, request_texts, summarize

KEY = {"X-API-Key": "course-key"}


class CountingEncoder:
    """A deterministic stand-in for MiniLM: each text's vector depends on the text only; batch sizes are recorded."""

    def __init__(self, dim=8):
        self.dim, self.batch_sizes = dim, []

    def __call__(self, texts):
        self.batch_sizes.append(len(texts))
        out = np.array([np.random.default_rng(abs(hash(t)) % 2**32).standard_normal(self.dim) for t in texts])
        return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


class TinyVectors:
    """The part of gensim's KeyedVectors the service uses."""

    key_to_index = {"cat": 0, "dog": 1}
    vector_size = 3

    def __getitem__(self, word):
        return np.eye(3, dtype=np.float32)[self.key_to_index[word]]


def call(app, requests):
    """Send (method, path, json, headers) requests concurrently to the app; their responses, in order."""
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            return await asyncio.gather(*(client.request(m, p, json=j, headers=h) for m, p, j, h in requests))
    return asyncio.run(go())


def service(**settings):
    encoder = CountingEncoder()
    return create_app(encoder, TinyVectors(), ServiceSettings(**settings)), encoder


def test_embed_returns_unit_vectors_and_the_model_version():
    app, _ = service(model_version="minilm-v1")
    [r] = call(app, [("POST", "/embed", {"texts": ["a cat", "a dog"]}, KEY)])
    body = r.json()
    assert r.status_code == 200 and body["model_version"] == "minilm-v1" and body["dimension"] == 8
    assert np.allclose(np.linalg.norm(body["vectors"], axis=1), 1, atol=1e-6)
    assert body["cached"] == [False, False]


def test_every_bad_request_gets_a_4xx_that_says_what_to_fix_and_the_service_keeps_serving():
    app, _ = service(max_texts=4, model_version="v7")
    bad = [("POST", "/embed", {"texts": [""]}, KEY, 422, "empty"),
           ("POST", "/embed", {"texts": ["   "]}, KEY, 422, "blank"),
           ("POST", "/embed", {"texts": []}, KEY, 422, "at least one"),
           ("POST", "/embed", {"texts": ["x"] * 5}, KEY, 413, "limit is 4"),
           ("POST", "/embed", {"texts": "a string"}, KEY, 422, "list of strings"),
           ("POST", "/embed", {"text": ["x"]}, KEY, 422, 'no "texts" field'),
           ("POST", "/embed", {"texts": ["x"]}, {"X-API-Key": "wrong"}, 401, "wrong API key"),
           ("POST", "/embed", {"texts": ["x"]}, {}, 401, "missing API key"),
           ("POST", "/words", {"words": ["cat", "zebra"]}, KEY, 404, "'zebra'"),
           ("GET", "/stats", None, {}, 401, "API key")]
    responses = call(app, [(m, p, j, h) for m, p, j, h, _, _ in bad])
    for (_, path, body, _, status, phrase), r in zip(bad, responses):
        assert r.status_code == status, (path, body, r.json())
        assert phrase in r.json()["error"] and r.json()["model_version"] == "v7"
    [ok, words] = call(app, [("POST", "/embed", {"texts": ["still here"]}, KEY),
                             ("POST", "/words", {"words": ["dog", "cat"]}, KEY)])
    assert ok.status_code == 200 and words.status_code == 200
    assert words.json()["vectors"] == [[0, 1, 0], [1, 0, 0]]
    [stats] = call(app, [("GET", "/stats", None, KEY)])
    assert stats.json()["errors"] == len(bad)


def test_the_cache_answers_repeated_texts_without_encoding_them_again():
    app, encoder = service(cache_size=100, batching=False)
    first, second = call(app, [("POST", "/embed", {"texts": ["a", "b"]}, KEY)]) + \
        call(app, [("POST", "/embed", {"texts": ["b", "a", "c"]}, KEY)])
    assert second.json()["cached"] == [True, True, False]
    assert second.json()["vectors"][:2] == first.json()["vectors"][::-1]
    assert sum(encoder.batch_sizes) == 3                       # a, b, then only c
    [stats] = call(app, [("GET", "/stats", None, KEY)])
    assert stats.json()["cache_hits"] == 2 and stats.json()["cache_misses"] == 3


def test_without_a_cache_every_text_is_encoded():
    app, encoder = service(cache_size=0, batching=False)
    call(app, [("POST", "/embed", {"texts": ["a"]}, KEY)])
    [r] = call(app, [("POST", "/embed", {"texts": ["a"]}, KEY)])
    assert r.json()["cached"] == [False] and encoder.batch_sizes == [1, 1]


def test_batching_groups_concurrent_requests_and_gives_each_its_own_vectors():
    texts = [f"text {i}" for i in range(20)]
    requests = [("POST", "/embed", {"texts": [t]}, KEY) for t in texts]
    batched_app, batched = service(cache_size=0, batching=True, max_wait_ms=50)
    alone_app, alone = service(cache_size=0, batching=False)
    together, apart = call(batched_app, requests), call(alone_app, requests)
    assert len(batched.batch_sizes) < len(texts) and max(batched.batch_sizes) > 1
    assert alone.batch_sizes == [1] * len(texts)
    for a, b in zip(together, apart):
        assert a.json()["vectors"] == b.json()["vectors"]


def test_batched_minilm_vectors_equal_the_vectors_of_texts_encoded_alone():
    from lib.models.contextual import load_encoder
    encoder = load_encoder()

    def encode(texts):
        return encoder.encode(texts, batch_size=len(texts), normalize_embeddings=True, convert_to_numpy=True)
    texts = ["a cat sat on the mat", "the central bank raised interest rates again", "hello"]
    requests = [("POST", "/embed", {"texts": [t]}, KEY) for t in texts]
    app = create_app(encode, None, ServiceSettings(cache_size=0, batching=True, max_wait_ms=200))
    together = np.array([r.json()["vectors"][0] for r in call(app, requests)])
    assert app.state.batcher.batches < len(texts)                  # some were padded and encoded together
    assert np.allclose(together, encode(texts[:1]).tolist() + encode(texts[1:2]).tolist() + encode(texts[2:]).tolist(),
                       atol=1e-5)


def test_micro_batcher_caps_batches_and_passes_errors_to_every_waiting_request():
    sizes = []

    def encode(texts):
        sizes.append(len(texts))
        if "boom" in texts:
            raise RuntimeError("encoder failed")
        return np.zeros((len(texts), 2))

    async def go():
        batcher = MicroBatcher(encode, max_batch=4, max_wait_ms=50)
        out = await asyncio.gather(*(batcher.encode([str(i)]) for i in range(10)))
        failed = await asyncio.gather(batcher.encode(["boom"]), batcher.encode(["x"]), return_exceptions=True)
        await batcher.close()
        return out, failed
    out, failed = asyncio.run(go())
    assert all(o.shape == (1, 2) for o in out) and max(sizes[:-1]) <= 4 and sum(sizes[:-1]) == 10
    assert all(isinstance(f, RuntimeError) for f in failed)


def test_lru_cache_drops_the_least_recently_used_and_counts_hits():
    cache = LRUCache(2)
    cache.put("a", 1), cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert "b" not in cache and "a" in cache and len(cache) == 2
    assert cache.get("b") is None and (cache.hits, cache.misses) == (1, 1) and cache.hit_ratio == 0.5
    with pytest.raises(ValueError, match="capacity"):
        LRUCache(-1)


def test_load_metrics_and_zipf_texts():
    m = summarize([0.01, 0.02, 0.03, 0.04], [200, 200, 500, 0], [True, False, False], seconds=2.0)
    assert m["p50 ms"] == pytest.approx(25.0) and m["error rate"] == 0.5
    assert m["requests/s"] == 2.0 and m["texts/s"] == 1.0 and m["cache hit ratio"] == pytest.approx(1 / 3)
    texts = request_texts([f"t{i}" for i in range(100)], 2000, exponent=1.0, seed=0)
    uniform = request_texts([f"t{i}" for i in range(100)], 2000, exponent=0.0, seed=0)
    assert texts.count("t0") > 5 * uniform.count("t0")


def test_settings_switch_batching_and_the_cache_and_reset_the_counts():
    app, encoder = service(cache_size=10, batching=True)
    call(app, [("POST", "/embed", {"texts": ["a"]}, KEY)])
    [switched, refused, unkeyed] = call(app, [("PUT", "/settings", {"batching": False, "cache_size": 0}, KEY),
                                              ("PUT", "/settings", {"batching": "yes"}, KEY),
                                              ("PUT", "/settings", {"batching": True}, {})])
    assert switched.json() == {"model_version": "all-MiniLM-L6-v2", "batching": False, "cache_size": 0}
    assert refused.status_code == 422 and "true|false" in refused.json()["error"]
    assert unkeyed.status_code == 401
    [again] = call(app, [("POST", "/embed", {"texts": ["a"]}, KEY)])
    assert again.json()["cached"] == [False] and not app.state.batcher.enabled


@pytest.fixture
def live_service():
    """The app with the stand-in encoder, served by uvicorn on a free port in a background thread."""
    import threading
    import time

    import uvicorn

    from lib.serving import free_port
    app, encoder = service(cache_size=100, batching=True, max_wait_ms=20)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", encoder
    server.should_exit = True
    thread.join(10)


def test_load_generator_measures_a_live_service(live_service):
    from lib.serving import load_matrix, run_load
    url, encoder = live_service
    texts = request_texts([f"text {i}" for i in range(30)], 120, exponent=1.0, seed=0)
    metrics = run_load(url, texts, concurrency=8, api_key="course-key")
    assert metrics["requests"] == 120 and metrics["error rate"] == 0.0 and metrics["concurrency"] == 8
    assert 0.3 < metrics["cache hit ratio"] < 1.0 and metrics["p50 ms"] <= metrics["p95 ms"] <= metrics["p99 ms"]
    assert run_load(url, texts[:10], concurrency=2, api_key="wrong")["error rate"] == 1.0
    table = load_matrix(url, "course-key", [f"t{i}" for i in range(50)], [1, 8], 40,
                        {"plain": {"batching": False, "cache_size": 0}, "batched": {"batching": True, "cache_size": 0}})
    assert list(table["configuration"]) == ["plain", "plain", "batched", "batched"]
    assert (table["cache hit ratio"] == 0).all() and (table["error rate"] == 0).all()
    assert table["mean batch size"].tolist()[:2] == [1.0, 1.0] and table["mean batch size"].iloc[3] > 1
