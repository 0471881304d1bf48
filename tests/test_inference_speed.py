"""Specs of lib.measure.inference_speed: the encoder's shapes and padding mask, batch construction, quantisation."""
import warnings

import numpy as np
import pytest
import torch

from lib.measure.timing import best_time
from lib.measure.inference_speed import (make_batches, padding_fraction, parameter_bytes,
                                         quantize_model_int8, time_encoder, tiny_encoder)


def test_encoder_ignores_padding():
    m = tiny_encoder(vocab_size=50, dim=16, layers=1, heads=2)
    ids = torch.tensor([[5, 6, 7, 0, 0]])
    with torch.inference_mode():
        padded, plain = m(ids), m(ids[:, :3])
    assert padded.shape == (1, 16) and torch.allclose(padded, plain, atol=1e-5)


def test_batches_and_padding():
    lengths = [3, 10, 4, 9]
    full = make_batches(lengths, 2, "max", vocab_size=20)
    assert [b.shape for b in full] == [(2, 10), (2, 10)]
    dyn = make_batches(lengths, 2, "dynamic", vocab_size=20)
    assert [b.shape for b in dyn] == [(2, 10), (2, 9)]
    bucket = make_batches(lengths, 2, "bucket", vocab_size=20)
    assert [b.shape for b in bucket] == [(2, 4), (2, 10)]
    assert padding_fraction(bucket) < padding_fraction(dyn) < padding_fraction(full)
    assert sorted((b > 0).sum(1).tolist() for b in bucket) == [[3, 4], [9, 10]]
    assert padding_fraction([np.array([[5, 0]])]) == 0.5


def test_int8_quantisation_shrinks_and_stays_close():
    m = tiny_encoder(vocab_size=100, dim=32, layers=1, heads=2)
    q = quantize_model_int8(m)
    ids = torch.randint(1, 100, (4, 12))
    with torch.inference_mode():
        a, b = m(ids), q(ids)
    assert torch.nn.functional.cosine_similarity(a, b).min() > 0.95
    assert parameter_bytes(q) < parameter_bytes(m)
    assert time_encoder(m, [ids.numpy()], repeats=1) > 0 and best_time(lambda: None, 2, warm_up=False) >= 0


def _linear_stack():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(256, 1024), torch.nn.ReLU(), torch.nn.Linear(1024, 256))


def test_int8_layers_reproduce_pytorch_dynamic_quantisation():
    """Same codes and same outputs (to float rounding) as torch.ao's quantize_dynamic, while it still exists."""
    ao = pytest.importorskip("torch.ao.quantization")
    model = _linear_stack()
    x = torch.randn(40, 256) * 2 + 0.3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        old = ao.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        with torch.inference_mode():
            expected = old(x)
        old_codes = old[0].weight().int_repr()
    new = quantize_model_int8(model)
    with torch.inference_mode():
        got = new(x)
    assert torch.equal(new[0].codes, old_codes)
    assert torch.allclose(got, expected, rtol=0, atol=1e-5 * expected.abs().max().item())
    assert not torch.equal(got, model(x))                       # it did quantise


def test_int8_layers_raise_no_deprecation_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        q = quantize_model_int8(tiny_encoder(vocab_size=100, dim=32, layers=1, heads=2))
        with torch.inference_mode():
            q(torch.randint(1, 100, (2, 6)))
    assert [str(w.message) for w in caught] == []


def test_int8_layers_swap_only_plain_linear_layers():
    m = tiny_encoder(vocab_size=100, dim=32, layers=1, heads=2)
    q = quantize_model_int8(m)
    kinds = {type(mod).__name__ for mod in q.modules()}
    assert "Int8DynamicLinear" in kinds and "Linear" not in kinds
    assert type(q.blocks[0].attn.out_proj).__name__ == "NonDynamicallyQuantizableLinear"
    assert type(m.blocks[0].ff1) is torch.nn.Linear                # the original is left alone
