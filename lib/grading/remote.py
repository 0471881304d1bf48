"""Answers that stay in the student's sandboxed kernel: plain data across, functions called from afar.

Both sides of the crossing live here. In the kernel, :func:`describe_answer` and
:func:`call_answer` (run by a line the grader sends) read their arguments from a file the grader
wrote and write back an encoded plain value (:mod:`lib.grading.plain_data`). In the grader,
:class:`RemoteSession` turns what comes back into what a check receives:

==========================  =====================================================================
In the notebook             What the check receives in the grader
==========================  =====================================================================
not defined                 ``MISSING``
``...`` / ``None``          ``Ellipsis`` / ``None``
a function (or callable)    a :class:`RemoteFunction`: calling it runs the student's function in
                            the kernel and returns the plain copy of its result
a value                     its plain copy (decoded with size limits, never unpickled)
anything else               a :class:`NotPlainAnswer` saying what it was
==========================  =====================================================================

The kernel may lie (a student can replace these functions there): whatever it writes back is
only ever read as the student's answer, and checked in the grader like any answer.
Example: ``RemoteSession(kernel).answer("one_hot", 5.0)("dog", ["cat", "dog"])`` → ``array([0., 1.])``.
"""
from __future__ import annotations

import inspect
import os
from typing import Any

from lib.grading.checks import CheckTimeout, NotAnswered, StudentCodeError
from lib.grading.plain_data import NotPlainData, decode, encode, to_plain

MAX_RESULT_BYTES = 32 * 2**20
"""The largest encoded answer or result the grader reads back."""

MAX_SOURCE_CHARS = 100_000
"""Source text kept of a student's function (for checks that look for loops)."""


# ----------------------------------------------------------------------------- in the kernel

def _write(path: str, payload: dict):
    try:
        data = encode(payload)
    except NotPlainData as error:
        data = encode({"status": "unplain", "message": str(error)})
    with open(path, "wb") as f:
        f.write(data)


def describe_answer(namespace: dict, name: str, out: str):
    """In the kernel: write what ``namespace[name]`` is to ``out`` (its plain copy if it is a value)."""
    if name not in namespace:
        return _write(out, {"kind": "missing"})
    obj = namespace[name]
    if obj is Ellipsis or obj is None:
        return _write(out, {"kind": "ellipsis" if obj is Ellipsis else "none"})
    if callable(obj):
        try:
            source = inspect.getsource(obj)[:MAX_SOURCE_CHARS]
        except (TypeError, OSError):
            source = None
        return _write(out, {"kind": "callable", "name": str(getattr(obj, "__name__", name)), "source": source})
    try:
        return _write(out, {"kind": "value", "value": to_plain(obj)})
    except NotPlainData as error:
        return _write(out, {"kind": "unplain", "type": type(obj).__name__, "message": str(error)})


def call_answer(namespace: dict, name: str, args_file: str, out: str):
    """In the kernel: call ``namespace[name]`` with the arguments in ``args_file``; write the outcome to ``out``."""
    with open(args_file, "rb") as f:
        arguments = decode(f.read())
    try:
        result = namespace[name](*arguments["args"], **arguments["kwargs"])
    except NotImplementedError:
        return _write(out, {"status": "stub"})
    except BaseException as error:   # SystemExit and an interrupt included: the call is over either way
        return _write(out, {"status": "raised", "type": type(error).__name__, "message": str(error)[:2000]})
    try:
        return _write(out, {"status": "returned", "value": to_plain(result)})
    except NotPlainData as error:
        return _write(out, {"status": "unplain", "message": str(error)})


# ----------------------------------------------------------------------------- in the grader

class NotPlainAnswer:
    """Stands for an answer that has no plain copy (an object of the student's own class, a module...)."""

    def __init__(self, type_name: str, message: str):
        self.type_name, self.message = type_name, message

    def __repr__(self) -> str:
        return f"<{self.type_name} object: {self.message}>"


class RemoteFunction:
    """The student's function as a check sees it in the grader: calls run it in the sandboxed kernel.

    ``__call__`` takes and returns plain data; raises :class:`StudentCodeError` when the student's
    code raised, :class:`CheckTimeout` past ``timeout`` seconds, and :class:`NotAnswered` (which is
    also a ``NotImplementedError``) for a stub.
    """

    def __init__(self, session: "RemoteSession", answer: str, name: str, source: str | None, timeout: float):
        self._session, self._answer, self._timeout = session, answer, timeout
        self.__name__ = self.__qualname__ = name
        self.__grading_source__ = source

    def __call__(self, *args, **kwargs):
        return self._session.call(self._answer, args, kwargs, self._timeout)

    def __repr__(self) -> str:
        return f"<function {self.__name__} in the sandboxed kernel>"


class StubCalled(NotAnswered, NotImplementedError):
    """The student's function still raises NotImplementedError (caught like either)."""


class RemoteSession:
    """The grader's end of the crossing for one submission's kernel (a :class:`SandboxedKernel`)."""

    def __init__(self, kernel):
        self.kernel, self.count = kernel, 0

    def _exchange(self, line: str, out: str, seconds: float) -> dict:
        outcome = self.kernel.run(line, seconds)
        if outcome.status == "timeout":
            raise CheckTimeout(seconds)
        if outcome.status == "dead":
            raise StudentCodeError("KernelDied", "the notebook's kernel stopped (it exited, crashed or hit a "
                                                 "limit), so nothing more can be asked of it")
        data = self.kernel.read_outbox(out, MAX_RESULT_BYTES)
        try:
            os.unlink(self.kernel.box.outbox / out)
        except OSError:
            pass
        if data is None:
            raise StudentCodeError("NoResult", f"the kernel wrote back no result ({outcome.error or 'no error'})")
        try:
            reply = decode(data, MAX_RESULT_BYTES)
        except ValueError as error:
            raise StudentCodeError("MalformedResult", str(error)[:200]) from None
        if not isinstance(reply, dict):
            raise StudentCodeError("MalformedResult", "the kernel wrote back something other than a record")
        return reply

    def _paths(self) -> tuple[str, str]:
        self.count += 1
        return f"a{self.count}.json", f"r{self.count}.json"

    def answer(self, name: str, seconds: float) -> Any:
        """What the check of an answer named ``name`` receives (see the module's table)."""
        from lib.grading.questions import MISSING
        _, out = self._paths()
        line = (f"__import__('lib.grading.remote', fromlist=['_']).describe_answer("
                f"globals(), {name!r}, {str(self.kernel.box.outbox / out)!r})")
        reply = self._exchange(line, out, seconds)
        kind = reply.get("kind")
        if kind == "missing":
            return MISSING
        if kind in ("ellipsis", "none"):
            return Ellipsis if kind == "ellipsis" else None
        if kind == "value" and "value" in reply:
            return reply["value"]
        if kind == "callable":
            source = reply.get("source")
            return RemoteFunction(self, name, str(reply.get("name", name))[:100],
                                  source if isinstance(source, str) else None, seconds)
        if kind == "unplain":
            return NotPlainAnswer(str(reply.get("type", "?"))[:100], str(reply.get("message", ""))[:300])
        raise StudentCodeError("MalformedResult", f"the kernel described `{name}` as {str(kind)[:40]!r}")

    def call(self, name: str, args: tuple, kwargs: dict, seconds: float) -> Any:
        """Call the student's ``name`` in the kernel with plain ``args`` and ``kwargs``; its plain result."""
        args_name, out = self._paths()
        args_path = self.kernel.box.inbox / args_name   # the kernel can read this folder, not write it
        args_path.write_bytes(encode({"args": list(args), "kwargs": dict(kwargs)}))
        args_path.chmod(0o644)
        line = (f"__import__('lib.grading.remote', fromlist=['_']).call_answer("
                f"globals(), {name!r}, {str(args_path)!r}, {str(self.kernel.box.outbox / out)!r})")
        try:
            reply = self._exchange(line, out, seconds)
        finally:
            args_path.unlink(missing_ok=True)
        status = reply.get("status")
        if status == "returned" and "value" in reply:
            return reply["value"]
        if status == "stub":
            raise StubCalled(f"`{name}` still raises NotImplementedError: replace the stub with your code")
        if status == "raised":
            raise StudentCodeError(str(reply.get("type", "Exception"))[:100], str(reply.get("message", ""))[:500])
        if status == "unplain":
            raise StudentCodeError("NotPlainData", str(reply.get("message", ""))[:300])
        raise StudentCodeError("MalformedResult", f"the kernel answered a call with {str(status)[:40]!r}")
