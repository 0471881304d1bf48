"""Plain data: what a check receives is a copy a student's object cannot disguise."""
from __future__ import annotations

import base64
import io

import numpy as np
import pytest

from lib.grading.plain_data import NotPlainData, decode, encode, roundtrip, to_plain


class AlwaysEqual(str):
    """A string that claims to equal anything."""
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__

    def __str__(self):
        return "something else"


def test_a_string_subclass_becomes_an_ordinary_string_with_its_own_characters():
    plain = to_plain(AlwaysEqual("cat"))
    assert type(plain) is str and plain == "cat" and plain != "dog"


def test_lists_and_tuples_are_the_same_answer_and_scalars_lose_their_numpy_types():
    assert to_plain((np.float32(0.5), [np.int64(3), True])) == to_plain([0.5, (3, True)]) == [0.5, [3, True]]
    assert type(to_plain(np.int64(3))) is int and type(to_plain(np.bool_(False))) is bool


def test_arrays_come_back_as_exact_arrays_with_their_values_dtype_and_shape():
    array = np.arange(6, dtype=np.float32).reshape(2, 3)
    back = roundtrip({"a": array, "b": [1 + 2j, float("nan")]})
    assert type(back["a"]) is np.ndarray and back["a"].dtype == np.float32
    np.testing.assert_array_equal(back["a"], array)
    assert back["b"][0] == 1 + 2j and np.isnan(back["b"][1])


def test_objects_without_a_plain_copy_are_refused_with_what_to_return_instead():
    with pytest.raises(NotPlainData, match="return numbers, strings, lists, dicts or NumPy arrays"):
        to_plain(object())
    with pytest.raises(NotPlainData, match="str keys"):
        to_plain({1: "one"})


def test_decoding_never_unpickles_and_refuses_oversized_or_malformed_data():
    buffer = io.BytesIO()
    np.save(buffer, np.array([object()], dtype=object), allow_pickle=True)
    pickled = b'{"__ndarray__": "' + base64.b64encode(buffer.getvalue()) + b'"}'
    with pytest.raises(ValueError, match="malformed array"):
        decode(pickled)
    with pytest.raises(ValueError, match="more than"):
        decode(encode(list(range(1000))), max_bytes=100)
    with pytest.raises(ValueError, match="not a plain value"):
        decode(b"{not json")
