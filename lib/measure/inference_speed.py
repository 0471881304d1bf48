"""Measuring encoder inference: batch size, padding, and reduced precision, on a small Transformer.

Slide "Optimization Techniques" (optimal batch size 32–64, dynamic padding,
sequence bucketing, FP16, INT8). Sentence encoders are Transformers, so we
time a small, randomly initialised one (:func:`tiny_encoder`; speed does not
depend on what the weights have learned) on token-id batches:

* throughput (sequences per second) against batch size;
* padding every batch to the longest sequence in the *whole* set, to the
  longest in the batch (dynamic padding), and with batches of similar
  lengths (bucketing: sort by length first);
* float32 against int8 linear layers whose inputs are quantised on the fly
  (the arithmetic of PyTorch's dynamic quantisation, in plain tensor
  operations) and against bfloat16.

Simplified on purpose: CPU only, one thread count, best of a few repeats;
the numbers describe this machine, not a GPU server.
"""
from __future__ import annotations

import numpy as np

from lib.measure.timing import best_time


def tiny_encoder(vocab_size: int = 10_000, dim: int = 256, layers: int = 4, heads: int = 4, seed: int = 0):
    """A Transformer encoder with mean pooling: token ids (B, L) and a padding mask → vectors (B, dim).

    Example: ``tiny_encoder()(torch.zeros(2, 8, dtype=torch.long)).shape`` → ``(2, 256)``.
    """
    import torch
    from torch import nn
    torch.manual_seed(seed)

    class Block(nn.Module):                       # post-norm Transformer layer, written out so that
        def __init__(self):                       # dynamic int8 quantisation can swap its nn.Linear layers
            super().__init__()
            self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
            self.ff1, self.ff2 = nn.Linear(dim, 4 * dim), nn.Linear(4 * dim, dim)
            self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)

        def forward(self, h, pad):
            h = self.norm1(h + self.attn(h, h, h, key_padding_mask=pad, need_weights=False)[0])
            return self.norm2(h + self.ff2(torch.relu(self.ff1(h))))

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.embed = nn.Embedding(vocab_size, dim, padding_idx=0)
            self.blocks = nn.ModuleList(Block() for _ in range(layers))

        def forward(self, ids):
            pad = ids == 0
            h = self.embed(ids)
            for block in self.blocks:
                h = block(h, pad)
            keep = (~pad).unsqueeze(-1).to(h.dtype)
            return (h * keep).sum(1) / keep.sum(1).clamp(min=1)    # mean over real tokens

    return Encoder().eval()


def make_batches(lengths, batch_size: int, padding: str = "dynamic", vocab_size: int = 10_000, seed: int = 0):
    """Token-id batches (list of int64 arrays (b, L)) for sequences of the given lengths.

    ``padding``: ``"max"`` pads every batch to the longest sequence overall; ``"dynamic"`` to the
    longest in its batch; ``"bucket"`` sorts by length first, then pads dynamically.
    Example: lengths [3, 10], batch 1, ``"max"`` → two (1, 10) arrays.
    """
    rng = np.random.default_rng(seed)
    lengths = np.asarray(lengths)
    order = np.argsort(lengths, kind="stable") if padding == "bucket" else np.arange(len(lengths))
    longest = lengths.max()
    batches = []
    for start in range(0, len(order), batch_size):
        chunk = lengths[order[start:start + batch_size]]
        L = longest if padding == "max" else chunk.max()
        ids = np.zeros((len(chunk), L), np.int64)
        for i, n in enumerate(chunk):
            ids[i, :n] = rng.integers(1, vocab_size, size=n)
        batches.append(ids)
    return batches


def padding_fraction(batches) -> float:
    """Share of the computed positions that are padding. Example: one batch [[5, 0]] → 0.5."""
    return float(sum((b == 0).sum() for b in batches) / sum(b.size for b in batches))


def time_encoder(model, batches, repeats: int = 3, dtype=None) -> float:
    """Best-of-``repeats`` seconds to encode all ``batches`` (no gradients); ``dtype`` e.g. torch.bfloat16."""
    import torch
    tensors = [torch.from_numpy(b) for b in batches]
    with torch.inference_mode(), torch.autocast("cpu", dtype=dtype, enabled=dtype is not None):
        def encode_all():
            for t in tensors:
                model(t)
        model(tensors[0][:1])                                          # warm-up on one row
        return best_time(encode_all, repeats, warm_up=False)


def _int8_linear_class():
    """The ``Int8DynamicLinear`` module class, built on first use so that importing this module never loads torch."""
    import torch
    from torch import nn

    class Int8DynamicLinear(nn.Module):
        """A linear layer with int8 weights whose inputs are quantised on the fly: y ≈ x Wᵀ + b.

        Weights: one symmetric scale s_W = max|W| / 127.5, codes round(W / s_W) in [-128, 127].
        Inputs, per call: an affine uint8 code with range [0, 127] (min and max of the batch, 0
        included), scale s_x and zero point z. Output: s_x · s_W · Σ (q_x − z) q_W + b, the integer
        sum computed exactly. This is the arithmetic of PyTorch's former dynamic quantisation
        (``torch.ao.quantization.quantize_dynamic``, fbgemm, reduced range), in plain tensor operations.
        """

        def __init__(self, weight, bias):
            super().__init__()
            weight = weight.detach().float()
            scale = weight.abs().max() / 127.5
            scale = torch.where(scale > 0, scale, torch.ones_like(scale))
            self.register_buffer("codes", torch.clamp(torch.round(weight * (1 / scale)), -128, 127).to(torch.int8))
            self.register_buffer("scale", scale.reshape(()))
            self.register_buffer("bias", None if bias is None else bias.detach().float().clone())
            exact32 = weight.shape[1] * 127 * 128 < 2 ** 24         # every partial sum an exact float32 integer
            self.accumulate = torch.float32 if exact32 else torch.float64

        def forward(self, x):
            lo = torch.clamp(x.min(), max=0.0).double()
            hi = torch.clamp(x.max(), min=0.0).double()
            scale = (hi - lo) / 127
            scale = torch.where(scale > 0, scale, torch.full_like(scale, 0.1))
            from_min, from_max = -lo / scale, 127 - hi / scale           # the two candidate zero points
            zero = torch.where(-lo.abs() / scale < 127 - hi.abs() / scale, from_min, from_max)
            zero = torch.clamp(torch.round(zero), 0, 127)
            scale32 = scale.float()
            q = torch.clamp(torch.round(x * (1 / scale32)) + zero.float(), 0, 127) - zero.float()
            acc = q.to(self.accumulate) @ self.codes.to(self.accumulate).T
            y = (acc * (scale32.double() * self.scale.double()).to(self.accumulate)).float()
            return y if self.bias is None else y + self.bias

    return Int8DynamicLinear


def quantize_model_int8(model):
    """A copy of ``model`` whose ``nn.Linear`` layers hold int8 weights and quantise their inputs on the fly.

    Only layers of type exactly ``nn.Linear`` change (attention's output projection, a subclass,
    stays float32, as in PyTorch's dynamic quantisation). Uses plain tensor operations, no
    deprecated quantised tensor types. Not to be confused with
    :func:`lib.vectors.quantization.quantize_int8`, which turns a matrix of vectors into int8 codes.
    Example: ``quantize_model_int8(tiny_encoder())`` → the same encoder with ``Int8DynamicLinear`` layers.
    """
    import copy

    from torch import nn
    cls = _int8_linear_class()
    model = copy.deepcopy(model)
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if type(child) is nn.Linear:
                setattr(parent, name, cls(child.weight, child.bias))
    return model


def parameter_bytes(model) -> int:
    """Bytes of a model's parameters and buffers, int8-packed weights included (via its state dict)."""
    import io

    import torch
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getbuffer().nbytes
