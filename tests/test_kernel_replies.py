"""The book build's waits for kernel messages survive a lost wake-up (_ext/kernel_replies.py).

The event loop learns of a ZeroMQ message from an edge on the socket's file
descriptor. To lose every edge on purpose, a test removes the socket's reader
from the loop once the wait has begun, then sends the message: only a wait that
looks at the socket again by itself can return it.
"""
from __future__ import annotations

import asyncio
import contextlib
import shutil
import subprocess
import sys
import time
from pathlib import Path
from queue import Empty

import pytest
import zmq
import zmq.asyncio
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.session import Session
from sphinx.errors import ExtensionError

from lib.paths import REPO_ROOT

sys.path.insert(0, str(Path(REPO_ROOT) / "_ext"))

import kernel_replies  # noqa: E402  (local Sphinx extension)


class App:
    """The part of Sphinx's application that ``setup`` uses: a record of the handlers it connects."""

    def __init__(self):
        self.handlers = {}

    def connect(self, event, callback):
        self.handlers[event] = callback


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
    original = AsyncZMQSocketChannel.get_msg
    try:
        app = App()
        metadata = kernel_replies.setup(app)
        assert AsyncZMQSocketChannel.get_msg is kernel_replies.get_msg_in_slices
        assert app.handlers == {"build-finished": kernel_replies.report}
        assert metadata["parallel_read_safe"]
    finally:
        AsyncZMQSocketChannel.get_msg = original


# ---------------------------------------------------------------------------
# The extension runs only with the jupyter-client and pyzmq it was checked with
# ---------------------------------------------------------------------------

REQUIREMENTS = """# a comment
jupyter-book==1.0.4.post1
Jupyter_Client==8.10.0   # another spelling of the same name
pyzmq>=27
-e .
"""


def test_the_pins_are_read_from_the_requirements_file(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text(REQUIREMENTS)
    assert kernel_replies.pinned_versions(path) == {"jupyter-client": "8.10.0", "pyzmq": None}


def test_the_pinned_versions_installed_here_are_accepted():
    assert kernel_replies.refusals() == []


@pytest.fixture
def refused_setup():
    """Run ``setup`` expecting a refusal: → its message; the channel's wait must be left as it was."""
    original = AsyncZMQSocketChannel.__dict__["get_msg"]

    def run():
        app, before = App(), AsyncZMQSocketChannel.__dict__.get("get_msg")
        with pytest.raises(ExtensionError) as refusal:
            kernel_replies.setup(app)
        assert AsyncZMQSocketChannel.__dict__.get("get_msg") is before and app.handlers == {}
        message = str(refusal.value)
        assert "python -m pip install -r requirements.txt" in message   # the two ways out
        assert "remove kernel_replies from sphinx.local_extensions in _config.yml" in message
        return message
    yield run
    AsyncZMQSocketChannel.get_msg = original


@pytest.mark.parametrize("name", ["jupyter-client", "pyzmq"])
def test_another_installed_version_is_refused(name, monkeypatch, refused_setup):
    real = kernel_replies.installed_version
    monkeypatch.setattr(kernel_replies, "installed_version", lambda other: "1.2.3" if other == name else real(other))
    pinned = kernel_replies.pinned_versions()[name]
    assert f"{name} 1.2.3 is installed, but requirements.txt pins {name}=={pinned}." in refused_setup()


def test_a_package_that_is_not_installed_is_refused(monkeypatch, refused_setup):
    monkeypatch.setattr(kernel_replies, "installed_version", lambda name: None)
    message = refused_setup()
    assert "jupyter-client is not installed, but requirements.txt pins jupyter-client==" in message
    assert "pyzmq is not installed, but requirements.txt pins pyzmq==" in message


def test_the_pins_are_read_when_the_build_starts(tmp_path, monkeypatch, refused_setup):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("jupyter-client==8.9.0\npyzmq==27.3.0\n")
    monkeypatch.setattr(kernel_replies, "REQUIREMENTS", requirements)
    installed = kernel_replies.installed_version("jupyter-client")
    assert f"jupyter-client {installed} is installed, but requirements.txt pins jupyter-client==8.9.0." \
        in refused_setup()
    requirements.write_text("jupyter-client\npyzmq==27.3.0\n")
    assert "requirements.txt pins no version of jupyter-client" in refused_setup()


@pytest.mark.parametrize("attribute", ["get_msg", "_recv"])
def test_a_private_method_that_is_gone_is_refused(attribute, monkeypatch, refused_setup):
    # Without the asyncio channel's own method, the synchronous channel's would be inherited.
    monkeypatch.delattr(AsyncZMQSocketChannel, attribute)
    assert f"AsyncZMQSocketChannel.{attribute} is gone" in refused_setup()


def test_a_book_build_stops_at_once_and_says_why(tmp_path):
    """A one-page book with this extension, whose requirements.txt pins another jupyter-client."""
    (tmp_path / "_ext").mkdir()
    shutil.copy(kernel_replies.__file__, tmp_path / "_ext" / "kernel_replies.py")
    (tmp_path / "requirements.txt").write_text("jupyter-client==8.9.0\npyzmq==27.3.0\n")
    (tmp_path / "_config.yml").write_text("title: t\nsphinx:\n  local_extensions:\n    kernel_replies: _ext\n")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    (tmp_path / "intro.md").write_text("# Intro\n")
    jupyter_book = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]
    result = subprocess.run([*jupyter_book, "build", "."], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode != 0
    assert "requirements.txt pins jupyter-client==8.9.0" in result.stdout + result.stderr
    assert not (tmp_path / "_build" / "html" / "intro.html").exists()
