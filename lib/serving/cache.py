"""A least-recently-used cache of text → vector, with the counts a monitor reads.

Slide "Optimization Techniques" ("LRU cache for common queries") and
"Deployment Patterns" (cache hit ratio among the metrics to watch). When the
cache is full, the entry used longest ago is dropped. Hits and misses are
counted so that the service can report its hit ratio.
"""
from __future__ import annotations

from collections import OrderedDict


class LRUCache:
    """At most ``capacity`` entries; ``get`` counts a hit or a miss, ``put`` evicts the least recently used.

    Parameters
    ----------
    capacity : int
        Entries kept; 0 disables the cache (every ``get`` misses, ``put`` stores nothing).

    Example::

        cache = LRUCache(2); cache.put("a", 1); cache.put("b", 2); cache.get("a"); cache.put("c", 3)
        "b" in cache   # → False: "b" was the least recently used
    """

    def __init__(self, capacity: int):
        if capacity < 0:
            raise ValueError(f"cache capacity must be 0 or more, got {capacity}")
        self.capacity = capacity
        self._items: OrderedDict = OrderedDict()
        self.hits = self.misses = 0

    def get(self, key):
        """The stored value, or None (a miss)."""
        if key in self._items:
            self._items.move_to_end(key)
            self.hits += 1
            return self._items[key]
        self.misses += 1
        return None

    def put(self, key, value) -> None:
        """Store ``value``; drop the least recently used entry if over capacity."""
        if self.capacity == 0:
            return
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def __contains__(self, key) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    @property
    def hit_ratio(self) -> float:
        """hits / (hits + misses); 0.0 before any lookup. Example: 3 hits, 1 miss → 0.75."""
        total = self.hits + self.misses
        return self.hits / total if total else 0.0
