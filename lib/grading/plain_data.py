"""Plain data: the only kind of value that crosses from a student's code to the checks.

A check never looks at a student's object itself, only at a plain copy of it:

=====================  =====================================================
Student's value        Plain copy
=====================  =====================================================
``None``, ``bool``     itself
``int``, ``float``     an exact ``int`` or ``float`` (subclasses lose their methods)
``str``                an exact ``str`` (a subclass whose ``__eq__`` always says yes becomes an ordinary string)
NumPy scalar           the matching ``bool``, ``int``, ``float`` or ``complex``
``list``, ``tuple``    a ``list`` of plain copies (so ``[h, y]`` and ``(h, y)`` are the same answer)
``dict``               a ``dict`` with ``str`` keys and plain values
``numpy.ndarray``      an exact ``ndarray`` of a numeric or boolean dtype (string arrays become lists)
PyTorch tensor         the ``ndarray`` of its values
anything else          :class:`NotPlainData`, with a message saying what to return instead
=====================  =====================================================

:func:`encode` turns a plain value into bytes (JSON, arrays as base64 ``.npy``) and :func:`decode`
reads them back with ``allow_pickle=False`` and strict size limits, so the process that decides
points reads only data: nothing a submission sends can run code there.
"""
from __future__ import annotations

import base64
import io
import json
from typing import Any

import numpy as np

MAX_BYTES = 64 * 2**20
"""The largest encoded value :func:`decode` accepts (64 MiB)."""

MAX_DEPTH = 32
"""The deepest nesting of lists and dicts a plain value may have."""

_ARRAY_KEY = "__ndarray__"
_COMPLEX_KEY = "__complex__"
_NUMERIC_KINDS = "biufc"


class NotPlainData(TypeError):
    """A value that has no plain copy (an object of the student's own class, a generator, a file...)."""


def to_plain(value: Any, _depth: int = 0) -> Any:
    """The plain copy of ``value`` (see the module's table).

    Example: ``to_plain((np.float32(0.5), "cat"))`` → ``[0.5, 'cat']``.
    Raises :class:`NotPlainData` naming the type that cannot be copied.
    """
    if _depth > MAX_DEPTH:
        raise NotPlainData(f"nested more than {MAX_DEPTH} levels deep")
    if value is None or type(value) is bool:
        return value
    if isinstance(value, np.generic):
        if value.dtype.kind not in _NUMERIC_KINDS:
            return to_plain(value.item(), _depth + 1)
        return value.item()
    if isinstance(value, bool):                       # a NumPy bool already went above; nothing else subclasses bool
        return bool(value)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, complex):
        return complex(value.real, value.imag)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, (list, tuple)):
        items = list.__iter__(value) if isinstance(value, list) else tuple.__iter__(value)
        return [to_plain(item, _depth + 1) for item in items]
    if isinstance(value, dict):
        plain = {}
        for key, item in dict.items(value):
            if not isinstance(key, str):
                raise NotPlainData(f"a dict with a key of type {type(key).__name__}; use str keys")
            plain[str.__str__(key)] = to_plain(item, _depth + 1)
        return plain
    if isinstance(value, np.ndarray):
        return _plain_array(np.asarray(value))
    if type(value).__module__ == "torch" and type(value).__name__ in ("Tensor", "Parameter"):
        return _plain_array(value.detach().cpu().numpy())
    raise NotPlainData(f"an object of type {type(value).__name__}; return numbers, strings, lists, "
                       "dicts or NumPy arrays")


def _plain_array(array: np.ndarray) -> Any:
    array = np.array(array, subok=False, copy=True)
    if array.dtype.kind in _NUMERIC_KINDS:
        return array
    if array.dtype.kind in "US":
        return to_plain(array.tolist())
    if array.dtype.kind == "O":
        return [to_plain(item) for item in array.tolist()] if array.ndim else to_plain(array.item())
    raise NotPlainData(f"an array of dtype {array.dtype}; use a numeric or boolean dtype")


def encode(value: Any) -> bytes:
    """``to_plain(value)`` as UTF-8 JSON bytes; arrays travel as base64 ``.npy`` files.

    Example: ``decode(encode(np.eye(2)))`` → ``array([[1., 0.], [0., 1.]])``.
    """
    return json.dumps(_jsonable(to_plain(value)), allow_nan=True).encode("utf-8")


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        buffer = io.BytesIO()
        np.save(buffer, value, allow_pickle=False)
        return {_ARRAY_KEY: base64.b64encode(buffer.getvalue()).decode("ascii")}
    if isinstance(value, complex):
        return {_COMPLEX_KEY: [value.real, value.imag]}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        if _ARRAY_KEY in value or _COMPLEX_KEY in value:
            raise NotPlainData(f"a dict with the reserved key {_ARRAY_KEY!r} or {_COMPLEX_KEY!r}")
        return {key: _jsonable(item) for key, item in value.items()}
    return value


def decode(data: bytes, max_bytes: int = MAX_BYTES) -> Any:
    """The plain value that :func:`encode` wrote, read without running anything.

    Raises ``ValueError`` for data that is too large, is not such JSON, or holds a malformed array.
    """
    if not isinstance(data, (bytes, bytearray)):
        raise ValueError(f"expected bytes, got {type(data).__name__}")
    if len(data) > max_bytes:
        raise ValueError(f"{len(data):,} bytes is more than the {max_bytes:,} a value may take")
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise ValueError(f"not a plain value: {error}") from None
    return _from_json(parsed, 0)


def _from_json(value: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
    if value is None or type(value) in (bool, int, float, str):
        return value
    if type(value) is list:
        return [_from_json(item, depth + 1) for item in value]
    if type(value) is dict:
        if set(value) == {_ARRAY_KEY}:
            return _array_from(value[_ARRAY_KEY])
        if set(value) == {_COMPLEX_KEY}:
            real, imag = value[_COMPLEX_KEY]
            return complex(float(real), float(imag))
        return {str(key): _from_json(item, depth + 1) for key, item in value.items()}
    raise ValueError(f"not a plain value: {type(value).__name__}")


def _array_from(text: Any) -> np.ndarray:
    if not isinstance(text, str):
        raise ValueError("an array entry must be a base64 string")
    try:
        array = np.load(io.BytesIO(base64.b64decode(text, validate=True)), allow_pickle=False)
    except Exception as error:  # anything np.load refuses is a malformed answer, not a crash
        raise ValueError(f"a malformed array: {type(error).__name__}: {error}") from None
    if not isinstance(array, np.ndarray) or array.dtype.kind not in _NUMERIC_KINDS:
        raise ValueError("an array must have a numeric or boolean dtype")
    return array


def roundtrip(value: Any) -> Any:
    """``decode(encode(value))``: exactly what the grader's checks would receive for ``value``."""
    return decode(encode(value))
