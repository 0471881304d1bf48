"""Let the book build notice every kernel reply, even one whose wake-up was lost.

The build executes each notebook page with nbclient, which waits for the
kernel's messages on ZeroMQ sockets driven by an asyncio event loop. The loop
learns that a message has arrived from the socket's file descriptor, and
ZeroMQ signals that descriptor on an edge, once. A lost edge leaves a build
waiting forever, the kernel idle and the reply unread in the socket. Seen in
this book's builds on a 2-core machine (pyzmq 27.3.0, jupyter_client 8.10.0,
nbclient 0.11.0): stacks read with py-spy showed the kernel idle in its event
loop and the build in nbclient waiting for an ``execute_reply``, while the
build's shell socket reported a message ready (``zmq.EVENTS`` = POLLIN |
POLLOUT). Reading that option, which makes ZeroMQ look at the socket again,
released the build, which then went on.

This extension makes every wait for a kernel message a series of waits of at
most :data:`SLICE_S` seconds. Each ends, when it times out, with a real
``zmq_poll`` of the socket, which sees a message whether or not its edge woke
the loop. A lost wake-up then costs at most one slice instead of the whole
build; nothing changes when no edge is lost, and the caller's timeout is kept.
The build's log says how many messages only a slice's closing poll found.

The replaced method, ``AsyncZMQSocketChannel.get_msg``, and the private
``_recv`` it calls belong to jupyter-client, not to its public interface; this
extension was written and tested against the versions of jupyter-client and
pyzmq pinned in ``requirements.txt``. With any other version installed, or with
either method gone, :func:`setup` refuses to start the build and says how to
fix it: install the pinned versions, or remove ``kernel_replies`` from
``sphinx.local_extensions`` in ``_config.yml``.
"""
from __future__ import annotations

import importlib.metadata
import inspect
import time
from pathlib import Path
from queue import Empty

from jupyter_client.channels import AsyncZMQSocketChannel
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version
from sphinx.errors import ExtensionError
from sphinx.util import logging

SLICE_S = 1.0
REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements.txt"
"""The course's pins, read each time the extension is set up (no second copy of them here)."""
CHECKED = ("jupyter-client", "pyzmq")
"""The distributions whose internals this extension relies on, at the versions pinned in ``requirements.txt``."""
RELIED_ON = ("get_msg", "_recv")
"""The coroutine methods of ``AsyncZMQSocketChannel`` that :func:`get_msg_in_slices` replaces or calls."""
FIX = ("Install the pinned versions (python -m pip install -r requirements.txt), or remove "
       "kernel_replies from sphinx.local_extensions in _config.yml (the build may then stall "
       "on a lost ZeroMQ wake-up).")
found_late = 0   # messages that a slice's closing poll found (a wake-up lost, or an arrival just then)


async def get_msg_in_slices(self, timeout: float | None = None) -> dict:
    """A message from the channel's socket, waiting at most ``timeout`` seconds (None: no limit).

    Same contract as ``AsyncZMQSocketChannel.get_msg``: the deserialized message
    (a dict), or ``queue.Empty`` once ``timeout`` has passed without one.
    """
    global found_late
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        left = SLICE_S if deadline is None else min(SLICE_S, max(0.0, deadline - time.monotonic()))
        start = time.monotonic()
        if await self.socket.poll(int(left * 1000)):
            found_late += left > 0 and time.monotonic() - start >= left
            return await self._recv()
        if deadline is not None and time.monotonic() >= deadline:
            raise Empty


def report(app, exception) -> None:
    logging.getLogger(__name__).info(f"kernel_replies: {found_late} kernel message(s) found only "
                                     "by the closing poll of a slice (lost wake-ups)")


def pinned_versions(requirements: Path | None = None, names=CHECKED) -> dict[str, str | None]:
    """The version that ``requirements`` (:data:`REQUIREMENTS` by default) pins with ``==`` for each of
    ``names``, None where it pins none.

    Example: a file with the lines ``jupyter-client==8.10.0`` and ``pyzmq>=27``
    → ``{"jupyter-client": "8.10.0", "pyzmq": None}``.
    """
    pins: dict[str, str | None] = {canonicalize_name(name): None for name in names}
    for line in Path(requirements or REQUIREMENTS).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        specifiers = list(requirement.specifier)
        name = canonicalize_name(requirement.name)
        if name in pins and len(specifiers) == 1 and specifiers[0].operator == "==":
            pins[name] = specifiers[0].version
    return {name: pins[canonicalize_name(name)] for name in names}


def installed_version(name: str) -> str | None:
    """The installed version of the distribution ``name``, None when it is not installed."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def refusals() -> list[str]:
    """Why this extension must not run here, one sentence per reason; empty when it may.

    Example: jupyter-client 8.11.0 installed where ``requirements.txt`` pins
    8.10.0 → ``["jupyter-client 8.11.0 is installed, but requirements.txt pins jupyter-client==8.10.0."]``.
    """
    reasons = []
    for name, pinned in pinned_versions().items():
        installed = installed_version(name)
        if pinned is None:
            reasons.append(f"requirements.txt pins no version of {name} (it must pin {name}==<version>).")
        elif installed is None:
            reasons.append(f"{name} is not installed, but requirements.txt pins {name}=={pinned}.")
        elif Version(installed) != Version(pinned):
            reasons.append(f"{name} {installed} is installed, but requirements.txt pins {name}=={pinned}.")
    for attribute in RELIED_ON:
        # The synchronous channel's method of the same name, inherited, would not do.
        if not inspect.iscoroutinefunction(getattr(AsyncZMQSocketChannel, attribute, None)):
            reasons.append(f"jupyter_client.channels.AsyncZMQSocketChannel.{attribute} is gone "
                           "(or no longer a coroutine).")
    return reasons


def setup(app):
    reasons = refusals()
    if reasons:
        raise ExtensionError(
            "kernel_replies replaces a private method of jupyter-client, checked only with the versions "
            "that requirements.txt pins, and cannot run here: " + " ".join(reasons) + " " + FIX)
    AsyncZMQSocketChannel.get_msg = get_msg_in_slices
    app.connect("build-finished", report)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
