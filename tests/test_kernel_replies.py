"""The book build's waits for kernel messages survive a lost wake-up (_ext/kernel_replies.py).

The event loop learns of a ZeroMQ message from an edge on the socket's file
descriptor. To lose every edge on purpose, a test removes the socket's reader
from the loop once the wait has begun, then sends the message: only a wait that
looks at the socket again by itself can return it.
"""
from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from pathlib import Path
from queue import Empty

import pytest
import zmq
import zmq.asyncio
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.session import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))

import kernel_replies  # noqa: E402  (local Sphinx extension)


@contextlib.contextmanager
def connected_channel():
    """(channel, send): an asyncio channel as the build has, and a function that sends it a message."""
    context = zmq.asyncio.Context()
    receiver = context.socket(zmq.PAIR)
    port = receiver.bind_to_random_port("tcp://127.0.0.1")
    sender = zmq.Context.instance().socket(zmq.PAIR)
    sender.connect(f"tcp://127.0.0.1:{port}")
    session = Session(key=b"")
    try:
        yield AsyncZMQSocketChannel(receiver, session), lambda kind: session.send(sender, kind, {})
    finally:
        sender.close(linger=0)
        receiver.close(linger=0)
        context.term()


async def wait(timeout: float | None, send: str | None = "execute_reply", lose_edges: bool = True):
    """(message, or the Empty raised; seconds from the send to the return) of one sliced wait."""
    with connected_channel() as (channel, send_kind):
        waiting = asyncio.ensure_future(kernel_replies.get_msg_in_slices(channel, timeout))
        await asyncio.sleep(0.2)
        if lose_edges:
            asyncio.get_running_loop().remove_reader(channel.socket.FD)
        start = time.monotonic()
        if send:
            send_kind(send)
        try:
            result = await waiting
        except Empty as empty:
            result = empty
        return result, time.monotonic() - start


@pytest.mark.parametrize("timeout", [None, 600.0])
def test_a_message_whose_wake_up_is_lost_arrives_within_a_slice(timeout):
    found_before = kernel_replies.found_late
    message, seconds = asyncio.run(wait(timeout))
    assert message["msg_type"] == "execute_reply"
    assert seconds < kernel_replies.SLICE_S + 5   # not the 600 s (or forever) of an unsliced wait
    assert kernel_replies.found_late == found_before + 1   # counted as a lost wake-up


def test_a_message_that_woke_the_loop_is_not_counted_as_lost():
    found_before = kernel_replies.found_late
    message, _ = asyncio.run(wait(600.0, send="status", lose_edges=False))
    assert message["msg_type"] == "status"
    assert kernel_replies.found_late == found_before


def test_no_message_still_ends_at_the_callers_timeout():
    result, seconds = asyncio.run(wait(1.5, send=None))
    assert isinstance(result, Empty)
    assert 1.0 < seconds < 6.0


def test_the_extension_replaces_the_channels_wait_and_reports_after_the_build():
    class App:
        def connect(self, event, callback):
            self.handlers = {event: callback}
    original = AsyncZMQSocketChannel.get_msg
    try:
        app = App()
        metadata = kernel_replies.setup(app)
        assert AsyncZMQSocketChannel.get_msg is kernel_replies.get_msg_in_slices
        assert app.handlers == {"build-finished": kernel_replies.report}
        assert metadata["parallel_read_safe"]
    finally:
        AsyncZMQSocketChannel.get_msg = original
