"""Running the embedding service as a separate process on this machine, as a deployment would.

:func:`start_service` launches uvicorn (``python -m uvicorn … --factory``) in a
subprocess on 127.0.0.1 at a free port, with the service's settings in
environment variables, waits until ``/health`` answers, and returns a handle
whose :meth:`Service.stop` ends that process. :func:`app_from_environment` is the
factory uvicorn calls: it loads the packaged encoder and the course's word
vectors and builds :func:`lib.serving.app.create_app`.
"""
from __future__ import annotations

import atexit
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass

from lib.paths import REPO_ROOT
from lib.serving.app import ServiceSettings, create_app

SETTINGS_VARIABLE = "EMBEDDING_SERVICE_SETTINGS"
"""Environment variable holding the service's settings as JSON."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now. Example: → 41873."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_from_environment():
    """The service with the packaged MiniLM encoder and the course's word vectors, settings from the environment."""
    from lib.models.contextual import load_encoder
    from lib.skipgram.course_vectors import course_embeddings
    settings = ServiceSettings(**json.loads(os.environ.get(SETTINGS_VARIABLE, "{}")))
    encoder = load_encoder()

    def encode_batch(texts):
        return encoder.encode(texts, batch_size=len(texts), normalize_embeddings=True, convert_to_numpy=True)
    encode_batch(["warm up"])
    return create_app(encode_batch, course_embeddings(progress=False), settings)


@dataclass
class Service:
    """A running service: its ``url``, ``settings`` and process; :meth:`stop` ends it."""

    url: str
    settings: ServiceSettings
    process: subprocess.Popen
    log_path: str

    def stop(self, timeout: float = 10.0) -> int:
        """Terminate the process (then kill it if it will not stop); returns its exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def start_service(settings: ServiceSettings | None = None, port: int | None = None, timeout: float = 300.0,
                  log_path: str | None = None) -> Service:
    """Start uvicorn serving :func:`app_from_environment` on 127.0.0.1; returns once ``/health`` answers.

    Parameters
    ----------
    settings : ServiceSettings, optional
    port : int, optional
        Default: :func:`free_port`.
    timeout : float
        Seconds to wait for the service to answer (loading the encoder takes a few).

    Returns
    -------
    Service
        Example: ``with start_service() as service: httpx.get(service.url + "/health")`` → 200.
    """
    import httpx
    settings = settings or ServiceSettings()
    port = port or free_port()
    log_path = log_path or os.path.join(os.environ.get("TMPDIR", "/tmp"), f"embedding-service-{port}.log")
    env = {**os.environ, SETTINGS_VARIABLE: json.dumps(asdict(settings)), "TOKENIZERS_PARALLELISM": "false"}
    root = REPO_ROOT
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    log = open(log_path, "w")
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "lib.serving.server:app_from_environment",
                                "--factory", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                               env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    service = Service(f"http://127.0.0.1:{port}", settings, process, log_path)
    atexit.register(service.stop)                            # never outlive the program that started it
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the service exited with code {process.returncode}; its log: {log_path}")
        try:
            if httpx.get(service.url + "/health", timeout=1.0).status_code == 200:
                return service
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    service.stop()
    raise TimeoutError(f"the service did not answer within {timeout:.0f} s; its log: {log_path}")
