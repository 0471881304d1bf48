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
"""
from __future__ import annotations

import time
from queue import Empty

from jupyter_client.channels import AsyncZMQSocketChannel
from sphinx.util import logging

SLICE_S = 1.0
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


def setup(app):
    AsyncZMQSocketChannel.get_msg = get_msg_in_slices
    app.connect("build-finished", report)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
