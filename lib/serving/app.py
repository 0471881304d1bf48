"""An embedding service: a FastAPI application that embeds texts and returns word vectors.

Slide "Deployment Patterns" ("Microservice Pattern": an embedding service with
request batching, a cache and model versioning). Endpoints:

* ``POST /embed`` ``{"texts": [...]}`` → one unit vector per text from the packaged
  all-MiniLM-L6-v2 encoder, and which of them came from the cache;
* ``POST /words`` ``{"words": [...]}`` → the course's word vectors;
* ``GET /stats`` → requests, errors, cache hits and misses, batches and their mean size;
* ``PUT /settings`` ``{"batching": bool, "cache_size": int}`` → switches batching and the cache
  (as an operator flips a flag), empties the cache and resets the counts;
* ``GET /health`` → ok (the only endpoint without a key).

Every response, errors included, carries ``model_version``. Every endpoint but
``/health`` needs the header ``X-API-Key``. Bad requests get a 4xx status and an
``error`` that names the problem and the fix: 401 (missing or wrong key), 404
(unknown word), 413 (too many texts), 422 (empty or malformed input).

Simplified on purpose: one process, one model, an in-memory cache, one key.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from lib.serving.batching import MicroBatcher
from lib.serving.cache import LRUCache


@dataclass
class ServiceSettings:
    """What the service is allowed and asked to do.

    ``api_key``: the key clients send as ``X-API-Key``; ``model_version``: returned in every response;
    ``max_texts``: most texts (or words) per request; ``max_chars``: longest text;
    ``cache_size``: LRU entries (0 = no cache); ``batching``: micro-batching on or off;
    ``max_batch``, ``max_wait_ms``: the batcher's limits.
    """

    api_key: str = "course-key"
    model_version: str = "all-MiniLM-L6-v2"
    max_texts: int = 64
    max_chars: int = 2_000
    cache_size: int = 10_000
    batching: bool = True
    max_batch: int = 64
    max_wait_ms: float = 5.0


class ServiceError(Exception):
    """A request the service refuses: HTTP ``status`` and a message that says what to change."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _check_texts(texts, settings: ServiceSettings, what: str = "texts") -> list[str]:
    """The texts of a request, or a ServiceError naming what is wrong with them."""
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise ServiceError(422, f'"{what}" must be a list of strings, e.g. {{"{what}": ["a sentence"]}}')
    if not texts:
        raise ServiceError(422, f'"{what}" is empty: send at least one')
    if len(texts) > settings.max_texts:
        raise ServiceError(413, f"{len(texts)} {what} in one request; the limit is {settings.max_texts}: "
                                f"split them into several requests")
    for i, text in enumerate(texts):
        if not text.strip():
            raise ServiceError(422, f"{what[:-1]} {i} is empty or blank: send text with at least one visible character")
        if len(text) > settings.max_chars:
            raise ServiceError(413, f"{what[:-1]} {i} has {len(text):,} characters; the limit is "
                                    f"{settings.max_chars:,}: shorten it or split it")
    return texts


def create_app(encode_batch, word_vectors=None, settings: ServiceSettings | None = None):
    """The FastAPI application around an encoder function and a table of word vectors.

    Parameters
    ----------
    encode_batch : callable
        list of n str → array (n, d) of unit vectors (e.g. the packaged MiniLM, d = 384).
    word_vectors : gensim KeyedVectors, optional
        Served by ``/words``; None disables that endpoint (404 for every word).
    settings : ServiceSettings, optional

    Returns
    -------
    fastapi.FastAPI
        Its ``state`` holds ``cache`` (:class:`LRUCache`), ``batcher`` (:class:`MicroBatcher`),
        ``counts`` and ``settings``. Example: ``create_app(encoder.encode)`` served by uvicorn;
        ``POST /embed {"texts": ["a cat"]}`` → ``{"model_version": …, "vectors": [[…384 numbers…]], "cached": [false]}``.
    """
    import contextlib
    settings = settings or ServiceSettings()

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        await app.state.batcher.close()

    app = FastAPI(title="Embedding service", version=settings.model_version, lifespan=lifespan)
    app.state.settings = settings
    app.state.cache = LRUCache(settings.cache_size)
    app.state.batcher = MicroBatcher(encode_batch, settings.max_batch, settings.max_wait_ms, settings.batching)
    app.state.counts = {"requests": 0, "errors": 0}

    def reply(body: dict, status: int = 200):
        return JSONResponse({"model_version": settings.model_version, **body}, status_code=status)

    @app.exception_handler(ServiceError)
    async def refused(request: Request, error: ServiceError):
        app.state.counts["errors"] += 1
        return reply({"error": error.message}, error.status)

    @app.exception_handler(Exception)
    async def failed(request: Request, error: Exception):
        app.state.counts["errors"] += 1
        return reply({"error": f"internal error: {type(error).__name__}"}, 500)

    async def body_of(request: Request, field: str):
        if request.headers.get("x-api-key") is None:
            raise ServiceError(401, "missing API key: send it in the X-API-Key header")
        if request.headers.get("x-api-key") != settings.api_key:
            raise ServiceError(401, "wrong API key: check the X-API-Key header")
        try:
            body = await request.json()
        except ValueError:
            raise ServiceError(422, f'the body is not JSON: send {{"{field}": [...]}}') from None
        if not isinstance(body, dict) or field not in body:
            raise ServiceError(422, f'the body has no "{field}" field: send {{"{field}": [...]}}')
        return _check_texts(body[field], settings, field)

    @app.middleware("http")
    async def count(request: Request, call_next):
        app.state.counts["requests"] += 1
        return await call_next(request)

    @app.get("/health")
    async def health():
        return reply({"status": "ok"})

    @app.post("/embed")
    async def embed(request: Request):
        texts = await body_of(request, "texts")
        cache = app.state.cache
        found = [cache.get(t) for t in texts]
        missing = sorted({t for t, v in zip(texts, found) if v is None})
        if missing:
            fresh = dict(zip(missing, await app.state.batcher.encode(missing)))
            for t in missing:
                cache.put(t, fresh[t])
            found = [fresh[t] if v is None else v for t, v in zip(texts, found)]
        return reply({"dimension": int(len(found[0])), "cached": [t not in missing for t in texts],
                      "vectors": np.asarray(found, dtype=np.float32).tolist()})

    @app.post("/words")
    async def words(request: Request):
        asked = await body_of(request, "words")
        known = word_vectors.key_to_index if word_vectors is not None else {}
        unknown = [w for w in asked if w not in known]
        if unknown:
            raise ServiceError(404, f"unknown word{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown[:5]))}: "
                                    f"not among the {len(known):,} words of the vocabulary (lower-case words "
                                    f"seen at least min_count times)")
        return reply({"dimension": int(word_vectors.vector_size),
                      "vectors": np.asarray([word_vectors[w] for w in asked], dtype=np.float32).tolist()})

    def check_key(request: Request):
        if request.headers.get("x-api-key") != settings.api_key:
            raise ServiceError(401, "missing or wrong API key: send it in the X-API-Key header")

    @app.put("/settings")
    async def switch(request: Request):
        check_key(request)
        try:
            body = await request.json()
        except ValueError:
            body = None
        allowed = {"batching": bool, "cache_size": int}
        if not isinstance(body, dict) or not body or any(k not in allowed or type(v) is not allowed[k]
                                                         for k, v in body.items()):
            raise ServiceError(422, 'send {"batching": true|false, "cache_size": <entries, 0 = none>} (either or both)')
        if body.get("cache_size", 0) < 0:
            raise ServiceError(422, "cache_size must be 0 or more")
        settings.batching = body.get("batching", settings.batching)
        settings.cache_size = body.get("cache_size", settings.cache_size)
        await app.state.batcher.close()
        app.state.cache = LRUCache(settings.cache_size)
        app.state.batcher = MicroBatcher(encode_batch, settings.max_batch, settings.max_wait_ms, settings.batching)
        app.state.counts.update(requests=0, errors=0)
        return reply({"batching": settings.batching, "cache_size": settings.cache_size})

    @app.get("/stats")
    async def stats(request: Request):
        check_key(request)
        cache, batcher = app.state.cache, app.state.batcher
        return reply({**app.state.counts, "cache_hits": cache.hits, "cache_misses": cache.misses,
                      "cache_hit_ratio": cache.hit_ratio, "cache_entries": len(cache),
                      "batches": batcher.batches, "mean_batch_size": batcher.mean_batch_size,
                      "batching": settings.batching, "cache_size": settings.cache_size})

    return app
