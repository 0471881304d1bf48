"""A Jupyter kernel inside a sandbox, driven from the grader: run cells under time limits, keep capped output.

The kernel's command line (``python -m ipykernel_launcher -f CONNECTION``) is wrapped by
:func:`lib.grading.sandbox.kernel_command`; the grader talks to it over Unix sockets in the
sandbox's folder (ZeroMQ ``ipc`` transport, so the kernel needs no network), refuses any message
larger than ``Limits.message_bytes``, and keeps at most ``Limits.output_bytes`` of output text.
A cell that overruns its time is interrupted (an ``interrupt_request``); a kernel that ignores the
interrupt, dies, or overruns the notebook's total time is killed with its whole sandbox.

Example::

    with SandboxedKernel(Path("alice.md"), "bwrap", Limits(), slot=0) as kernel:
        outcome = kernel.run("print(1 + 1)", seconds=10)   # CellOutcome(status="ok", text="2\\n", …)
"""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import zmq
from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.connect import write_connection_file

from lib.grading.sandbox import Limits, SandboxDir, kernel_command, kernel_env, sandbox_uid, set_limits, sweep

GRACE_SECONDS = 5.0
"""How long a kernel may take to answer an interrupt before the sandbox is killed."""

START_SECONDS = 60.0
"""How long a kernel may take to start."""


@dataclass
class CellOutcome:
    """What running one cell did: ``status`` is ok, error, timeout (interrupted) or dead (kernel gone)."""
    status: str
    error: str = ""
    text: str = ""


@dataclass
class KernelLog:
    """What a human should know about a submission's run: limits hit, output cut."""
    truncated: bool = False
    limits_hit: list[str] = field(default_factory=list)
    output_bytes: int = 0


class SandboxedKernel:
    """One submission's kernel in its sandbox; use as a context manager so that the sandbox always goes."""

    def __init__(self, submission: Path, isolation: str, limits: Limits, slot: int = 0, hide: list[str] = ()):
        self.isolation, self.limits = isolation, limits
        self.uid = sandbox_uid(slot) if isolation in ("bwrap", "user") else None
        self.box = SandboxDir(submission, self.uid)
        self.hide, self.log = list(hide), KernelLog()
        self.process: subprocess.Popen | None = None
        self.client: BlockingKernelClient | None = None
        self._monitor = None
        self.context = zmq.Context()
        self.context.setsockopt(zmq.MAXMSGSIZE, limits.message_bytes)   # a larger message drops, unread
        self.context.setsockopt(zmq.RCVHWM, 64)                         # and few may wait in line
        self.context.setsockopt(zmq.LINGER, 0)
        self.dead = False

    # ------------------------------------------------------------------ life
    def __enter__(self) -> "SandboxedKernel":
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self):
        """Write the connection file, launch the wrapped kernel and wait until it answers."""
        connection = str(self.box.inbox / "kernel.json")
        write_connection_file(connection, transport="ipc", ip=str(self.box.ipc / "k"),
                              key=secrets.token_hex(32).encode())
        os.chmod(connection, 0o644)
        command = kernel_command(self.isolation, self.box, self.limits, self.uid,
                                 [sys.executable, "-m", "ipykernel_launcher", "-f", connection], self.hide)
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=kernel_env(self.box, self.isolation), cwd=self.box.work, start_new_session=True,
            close_fds=True, preexec_fn=set_limits(self.limits, self.isolation))
        self.client = BlockingKernelClient(context=self.context)
        self.client.load_connection_file(connection)
        self.client.start_channels()
        self._monitor = self.client.iopub_channel.socket.get_monitor_socket(zmq.EVENT_DISCONNECTED)
        deadline = time.monotonic() + START_SECONDS
        while True:   # wait_for_ready, but giving up as soon as the sandbox exits
            if self.process.poll() is not None:
                raise RuntimeError(f"the sandboxed kernel exited at start (status {self.process.returncode})")
            try:
                self.client.wait_for_ready(timeout=min(2.0, max(0.1, deadline - time.monotonic())))
                return
            except RuntimeError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the sandboxed kernel did not start within {START_SECONDS:g} s") from None

    def close(self):
        """Kill the sandbox with every process in it and delete its folder."""
        if self.client is not None:
            if self._monitor is not None:
                self._monitor.close(linger=0)
            self.client.stop_channels()
        if self.process is not None:
            sweep(self.isolation, self.process, self.uid)
        self.context.destroy(linger=0)
        self.box.remove()
        self.dead = True

    def alive(self) -> bool:
        return not self.dead and self.process is not None and self.process.poll() is None

    def kill(self, why: str):
        """Kill the sandbox now and remember ``why`` among the limits hit."""
        self.log.limits_hit.append(why)
        if self.process is not None:
            sweep(self.isolation, self.process, self.uid)
        self.dead = True

    # ------------------------------------------------------------------ cells
    def run(self, code: str, seconds: float) -> CellOutcome:
        """Run ``code``; interrupt it after ``seconds``, and kill the sandbox if the interrupt is ignored."""
        if not self.alive():
            return CellOutcome("dead", "the kernel is no longer running")
        msg_id = self.client.execute(code, store_history=False, allow_stdin=False)
        try:
            outcome = self._wait(msg_id, seconds)
        except BaseException:   # the grader's own time limit on a check: stop the kernel's work, then go on
            self.interrupt(msg_id)
            raise
        if outcome.status == "timeout":
            self.interrupt(msg_id)
        return outcome

    def interrupt(self, msg_id: str):
        """Ask the kernel to interrupt ``msg_id`` and wait for its reply; kill the sandbox if none comes."""
        if not self.alive():
            return
        self.client.control_channel.send(self.client.session.msg("interrupt_request", {}))
        if self._wait(msg_id, GRACE_SECONDS).status in ("timeout", "dead"):
            self.kill("ignored an interrupt")

    def _wait(self, msg_id: str, seconds: float) -> CellOutcome:
        deadline, outcome, reply_at, idle = time.monotonic() + seconds, None, 0.0, False
        texts: list[str] = []
        poller = zmq.Poller()
        poller.register(self.client.shell_channel.socket, zmq.POLLIN)
        poller.register(self.client.iopub_channel.socket, zmq.POLLIN)
        while True:
            now = time.monotonic()
            if outcome is not None and (idle or now - reply_at > 0.5):   # the reply came, and its outputs
                break
            if now > deadline:
                return CellOutcome("timeout", text="".join(texts))
            if self.process.poll() is not None:
                self.dead = True
                return CellOutcome("dead", "the kernel died", "".join(texts))
            poller.poll(timeout=50)
            if self._monitor.poll(0) and self.process.poll() is None:   # a message over the size limit
                self._monitor.recv_multipart()
                self.log.truncated = True
            for _ in range(1000):   # a kernel sending without pause cannot keep the deadline from being checked
                if not self.client.iopub_channel.msg_ready():
                    break
                msg = self._read(self.client.iopub_channel)
                if msg is None or msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
                    idle = True
                self._keep(msg, texts)
            for _ in range(100):
                if not self.client.shell_channel.msg_ready():
                    break
                msg = self._read(self.client.shell_channel)
                if msg and msg.get("parent_header", {}).get("msg_id") == msg_id and outcome is None:
                    content = msg.get("content", {})
                    ok = content.get("status") == "ok"
                    outcome = CellOutcome("ok" if ok else "error", "" if ok else str(content.get("ename"))[:80])
                    reply_at = time.monotonic()
        outcome.text = "".join(texts)
        return outcome

    def _read(self, channel) -> dict | None:
        try:
            msg = channel.get_msg(timeout=0)
        except Exception:   # a message that does not parse or is not signed: ignored
            return None
        ok = isinstance(msg.get("parent_header"), dict) and isinstance(msg.get("content"), dict)
        return msg if ok else None

    def _keep(self, msg: dict, texts: list[str]):
        """Keep an output's text while the submission's output budget lasts."""
        content, kind = msg.get("content", {}), msg.get("msg_type")
        if kind == "stream":
            text = str(content.get("text", ""))
        elif kind in ("execute_result", "display_data"):
            text = str(content.get("data", {}).get("text/plain", "")) + "\n"
        elif kind == "error":
            text = f"{content.get('ename')}: {content.get('evalue')}\n"
        else:
            return
        room = self.limits.output_bytes - self.log.output_bytes
        self.log.output_bytes += len(text)
        if len(text) > room:
            self.log.truncated = True
            text = text[:max(room, 0)]
        texts.append(text)

    # ------------------------------------------------------------------ files the kernel writes back
    def read_outbox(self, name: str, max_bytes: int) -> bytes | None:
        """The bytes of ``outbox/name`` if the kernel wrote it as a plain file of at most ``max_bytes``."""
        path = self.box.outbox / name
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not (info.st_mode & 0o170000 == 0o100000) or info.st_size > max_bytes:
                return None
            with os.fdopen(fd, "rb", closefd=False) as f:
                return f.read(max_bytes + 1)[: max_bytes + 1]
        finally:
            os.close(fd)
