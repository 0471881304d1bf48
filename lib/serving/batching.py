"""Micro-batching: concurrent requests wait a few milliseconds in a queue and are encoded together.

Slide "Deployment Patterns" (request batching in the embedding service) and
"Optimization Techniques" (batch size). A Transformer encodes 32 texts in far
less than 32 times the time of one, so a service gains throughput by grouping
the texts of requests that arrive close together. :class:`MicroBatcher` keeps
one worker: it takes the first waiting request, then collects more until it has
``max_batch`` texts or ``max_wait_ms`` has passed, encodes them in one call (in a
worker thread, so the event loop keeps accepting requests), and hands each
request its own rows. With ``enabled=False`` every request is encoded on its own,
one at a time: the same single model, without grouping.
"""
from __future__ import annotations

import asyncio
import time

import numpy as np


class MicroBatcher:
    """Group concurrent ``encode`` calls into batches for one ``encode_batch(texts) → (n, d)`` function.

    Parameters
    ----------
    encode_batch : callable
        list of str → array (n, d).
    max_batch : int
        Most texts encoded in one call.
    max_wait_ms : float
        How long the first request of a batch waits for company.
    enabled : bool
        False: no grouping (each request is its own batch).

    Example: inside a running event loop, ``await batcher.encode(["a", "b"])`` → array (2, d);
    ten such calls made at once are encoded in one or a few calls to ``encode_batch``.
    """

    def __init__(self, encode_batch, max_batch: int = 64, max_wait_ms: float = 5.0, enabled: bool = True):
        self.encode_batch, self.max_batch, self.max_wait = encode_batch, max_batch, max_wait_ms / 1000
        self.enabled = enabled
        self.batches = self.texts = 0          # encode calls made and texts encoded, for monitoring
        self._queue: asyncio.Queue | None = None
        self._worker: asyncio.Task | None = None
        self._lock: asyncio.Lock | None = None

    async def encode(self, texts: list[str]) -> np.ndarray:
        """Vectors (len(texts), d) of ``texts``, encoded alone or together with other waiting requests."""
        if not self.enabled:
            self._lock = self._lock or asyncio.Lock()
            async with self._lock:                            # one model: one encode at a time
                return await self._run(list(texts))
        if self._worker is None or self._worker.done():
            self._queue = asyncio.Queue()
            self._worker = asyncio.get_running_loop().create_task(self._work())
        future = asyncio.get_running_loop().create_future()
        await self._queue.put((list(texts), future))
        return await future

    async def _run(self, texts):
        self.batches += 1
        self.texts += len(texts)
        return await asyncio.to_thread(self.encode_batch, texts)

    async def _work(self):
        while True:
            group = [await self._queue.get()]
            size, deadline = len(group[0][0]), time.monotonic() + self.max_wait
            while size < self.max_batch:
                timeout = deadline - time.monotonic()
                if timeout <= 0:
                    break
                try:
                    item = await asyncio.wait_for(self._queue.get(), timeout)
                except asyncio.TimeoutError:
                    break
                group.append(item)
                size += len(item[0])
            texts = [t for item, _ in group for t in item]
            try:
                vectors = await self._run(texts)
            except Exception as error:                        # every waiting request learns of it
                for _, future in group:
                    future.set_exception(error)
                continue
            start = 0
            for item, future in group:
                future.set_result(vectors[start:start + len(item)])
                start += len(item)

    @property
    def mean_batch_size(self) -> float:
        """Texts per encode call so far; 0.0 before the first. Example: 40 texts in 5 calls → 8.0."""
        return self.texts / self.batches if self.batches else 0.0

    async def close(self) -> None:
        """Stop the worker task (at shutdown)."""
        if self._worker is not None:
            self._worker.cancel()
