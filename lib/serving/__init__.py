"""Serving embeddings: an HTTP service with a cache and request batching, and a load generator to measure it.

========================  =====================================================================
``cache``                 A least-recently-used cache of text → vector, with hit counts
``batching``              Micro-batching: concurrent requests encoded together
``app``                   The FastAPI service: /embed, /words, /stats, API key, errors
``server``                The service in its own uvicorn process on 127.0.0.1
``load``                  Concurrent clients and the monitoring metrics they measure
========================  =====================================================================

Example: ``from lib.serving import start_service, run_load``.
"""
import lazy_loader

# Each name is imported from its module on first use, so importing this package stays cheap.
__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submodules=["app", "batching", "cache", "load", "server"],
    submod_attrs={
        "app": ["ServiceSettings", "ServiceError", "create_app"],
        "batching": ["MicroBatcher"],
        "cache": ["LRUCache"],
        "load": ["request_texts", "percentile_ms", "summarize", "run_load", "CONFIGURATIONS", "load_matrix"],
        "server": ["SETTINGS_VARIABLE", "free_port", "app_from_environment", "Service", "start_service"],
    },
)
