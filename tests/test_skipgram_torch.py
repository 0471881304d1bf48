"""Specifications of the PyTorch engine: it computes what the NumPy reference computes."""
import numpy as np
import pytest
import torch

from lib.skipgram.model import init_weights
from lib.skipgram.numpy_engine import sgd_step_negative_sampling
from lib.skipgram.settings import TrainingSettings
from lib.skipgram.torch_engine import compile_step, row_damping, sgd_step, train_torch
from lib.skipgram.torch_pairs import device_pairs
from lib.skipgram.training import TrainingDivergedError

V, D, B, K = 12, 6, 16, 3


def batch(seed=0):
    rng = np.random.default_rng(seed)
    W_in = rng.normal(scale=0.5, size=(V, D)).astype(np.float32)
    W_out = rng.normal(scale=0.5, size=(V, D)).astype(np.float32)
    centers, contexts = rng.integers(0, V, B), rng.integers(0, V, B)
    negatives = rng.integers(0, V, (B, K))
    return W_in, W_out, centers, contexts, negatives


def test_one_batch_matches_the_numpy_reference_exactly():
    """Same weights, same pairs, same negatives → same loss and same updated weights (repeated rows included)."""
    W_in, W_out, c, o, neg = batch()
    W_in_np, W_out_np = W_in.copy(), W_out.copy()
    loss_np = sgd_step_negative_sampling(W_in_np, W_out_np, c, o, neg, lr=0.05)
    W_in_t, W_out_t = torch.from_numpy(W_in.copy()), torch.from_numpy(W_out.copy())
    loss_t = sgd_step(W_in_t, W_out_t, torch.from_numpy(c), torch.from_numpy(o), torch.from_numpy(neg),
                      lr=0.05, damping=False)
    assert float(loss_t) == pytest.approx(loss_np.sum(), rel=1e-5)
    assert W_in_t.numpy() == pytest.approx(W_in_np, abs=1e-5)
    assert W_out_t.numpy() == pytest.approx(W_out_np, abs=1e-5)


def test_hand_written_update_equals_autograd():
    """The update is −lr × the gradient that autograd finds for the summed loss."""
    W_in, W_out, c, o, neg = batch(1)
    leaf_in = torch.tensor(W_in, dtype=torch.float64, requires_grad=True)
    leaf_out = torch.tensor(W_out, dtype=torch.float64, requires_grad=True)
    c_t, o_t, n_t = map(torch.from_numpy, (c, o, neg))
    v = leaf_in[c_t]
    s_pos = (leaf_out[o_t] * v).sum(1)
    s_neg = torch.einsum("bkd,bd->bk", leaf_out[n_t], v)
    loss = -torch.nn.functional.logsigmoid(s_pos).sum() - torch.nn.functional.logsigmoid(-s_neg).sum()
    loss.backward()
    W_in_t, W_out_t = torch.tensor(W_in, dtype=torch.float64), torch.tensor(W_out, dtype=torch.float64)
    sgd_step(W_in_t, W_out_t, c_t, o_t, n_t, lr=1.0, damping=False)
    assert (W_in_t - torch.tensor(W_in, dtype=torch.float64)).numpy() == pytest.approx(-leaf_in.grad.numpy())
    assert (W_out_t - torch.tensor(W_out, dtype=torch.float64)).numpy() == pytest.approx(-leaf_out.grad.numpy())


def test_damped_update_keeps_rare_rows_near_sgd_and_bounds_busy_ones():
    """Row 0 is hit once with curvature 0.01; row 1 eight times with curvature 1 each.
    With lr = 1 and unit steps: row 0 moves 1 / 1.01, row 1 moves 8 / (1 + 8) instead of 8."""
    W = torch.zeros(3, 1)
    rows = torch.tensor([0] + [1] * 8)
    curvature = torch.tensor([0.01] + [1.0] * 8)
    W.index_add_(0, rows, row_damping(rows, curvature, n_rows=3, lr=1.0)[:, None])
    assert W[:, 0].tolist() == pytest.approx([1 / 1.01, 8 / 9, 0.0])


def test_damping_changes_a_small_batch_step_only_slightly():
    W_in, W_out, c, o, neg = batch(2)
    plain = [torch.from_numpy(W_in.copy()), torch.from_numpy(W_out.copy())]
    damped = [torch.from_numpy(W_in.copy()), torch.from_numpy(W_out.copy())]
    args = [torch.from_numpy(x) for x in (c, o, neg)]
    sgd_step(*plain, *args, lr=0.01, damping=False)
    sgd_step(*damped, *args, lr=0.01, damping=True)
    change = (plain[1] - torch.from_numpy(W_out)).norm()
    assert (plain[1] - damped[1]).norm() < 0.05 * change


def test_shuffled_pairs_are_the_same_pairs_in_a_new_order():
    ids, sentence_of = torch.arange(5_000, dtype=torch.int32) % 97, torch.arange(5_000) // 13
    keep = torch.full((97,), 0.8)

    def pairs(shuffle, threads=1):
        generator = torch.Generator().manual_seed(0)
        return device_pairs(ids, sentence_of, keep, 4, generator, threads=threads, shuffle=shuffle)
    (c, o), (sc, so) = pairs(False), pairs(True)
    as_numbers = lambda c, o: (c.long() * 97 + o.long()).sort().values
    assert not torch.equal(c, sc)
    assert torch.equal(as_numbers(c, o), as_numbers(sc, so))
    for shuffle in (False, True):   # threads change where the work runs, not the result
        assert all(torch.equal(a, b) for a, b in zip(pairs(shuffle), pairs(shuffle, threads=3)))


TINY = TrainingSettings(dim=10, window=2, negative=3, sample=0, min_count=1, epochs=3, seed=0, batch_size=16)
"""Settings under which every engine separates the two topics in a second or two."""


def test_same_seed_same_vectors_on_the_cpu(two_topics):
    settings = TrainingSettings(dim=8, window=2, min_count=1, epochs=1, seed=3)
    a, b = (train_torch(two_topics, settings, progress=False, device="cpu").W_in for _ in range(2))
    assert np.array_equal(a, b)


def test_each_epoch_hands_the_callback_its_own_tables(two_topics):
    """The engine trains the model's arrays in place on the CPU; between epochs the model holds copies, so
    tables kept by a callback stay as they were."""
    kept = []
    model = train_torch(two_topics, TrainingSettings(dim=8, window=2, min_count=1, epochs=3, seed=3),
                        progress=False, device="cpu", callback=lambda m, record: kept.append(m.W_in))
    assert len(kept) == 3 and kept[-1] is model.W_in
    assert not np.array_equal(kept[0], kept[1]) and not np.array_equal(kept[1], kept[2])


def test_divergence_stops_with_a_clear_error_and_finite_weights(two_topics):
    with pytest.raises(TrainingDivergedError, match="NaN or infinite") as info:
        train_torch(two_topics, TrainingSettings(dim=8, min_count=1, epochs=2, alpha=1e30), progress=False,
                    device="cpu", damping=False)
    assert np.isfinite(info.value.model.W_in).all() and np.isfinite(info.value.model.W_out).all()


def test_divergence_in_the_first_epoch_keeps_the_initial_weights(two_topics):
    with pytest.raises(TrainingDivergedError) as info:
        train_torch(two_topics, TrainingSettings(dim=8, min_count=1, epochs=1, alpha=1e30, seed=5, batch_size=4),
                    progress=False, device="cpu", damping=False)
    vocab = info.value.model.vocab
    initial_in, _ = init_weights(len(vocab), 8, np.random.default_rng(5))
    assert np.array_equal(info.value.model.W_in, initial_in)


def test_two_workers_train_as_well_as_one(two_topics, topic_gap):
    one = train_torch(two_topics, TINY, workers=1, progress=False, device="cpu").keyed_vectors()
    two = train_torch(two_topics, TINY, workers=2, progress=False, device="cpu").keyed_vectors()
    assert topic_gap(two) > 0.5 and abs(topic_gap(two) - topic_gap(one)) < 0.15
    # two threads sharing one compiled step (built once, called from both at once)
    two_compiled = train_torch(two_topics, TINY, workers=2, compile=True, progress=False, device="cpu")
    assert topic_gap(two_compiled.keyed_vectors()) > 0.5
    assert abs(topic_gap(two_compiled.keyed_vectors()) - topic_gap(one)) < 0.15


def test_fewer_than_one_worker_is_refused(two_topics):
    with pytest.raises(ValueError, match="workers"):
        train_torch(two_topics, workers=0, progress=False, device="cpu")


def test_compiled_step_makes_the_same_update_as_the_eager_one():
    """torch.compile changes how the step runs, not what it computes: float32 rounding apart."""
    W_in, W_out, c, o, neg = batch(2)
    tables = [(torch.from_numpy(W_in.copy()), torch.from_numpy(W_out.copy())) for _ in range(2)]
    ids = [torch.from_numpy(x).int() for x in (c, o, neg)]
    step = compile_step(*tables[1], batch_size=B, negative=K)
    assert np.array_equal(tables[1][0].numpy(), W_in), "compiling must leave the tables as they are"
    with torch.no_grad():
        eager_loss = sgd_step(*tables[0], *ids, lr=0.05)
        compiled_loss = step(*tables[1], *ids, torch.tensor(0.05, dtype=torch.float64), True)
    assert float(compiled_loss) == pytest.approx(float(eager_loss), rel=1e-5)
    for eager, compiled in zip(*tables):
        assert compiled.numpy() == pytest.approx(eager.numpy(), abs=1e-6)
        assert not np.array_equal(compiled.numpy(), W_in) and not np.array_equal(compiled.numpy(), W_out)


def test_compiled_training_is_reproducible_and_learns_the_same_structure(two_topics, topic_gap):
    eager = train_torch(two_topics, TINY, progress=False, device="cpu")
    compiled = [train_torch(two_topics, TINY, compile=True, progress=False, device="cpu") for _ in range(2)]
    assert np.array_equal(compiled[0].W_in, compiled[1].W_in)
    assert compiled[0].W_in == pytest.approx(eager.W_in, abs=1e-4)
    assert topic_gap(compiled[0].keyed_vectors()) > 0.5
    # the compiler runs beside the first epoch's pair preparation, and that epoch's time includes it
    first_epoch = compiled[0].history[0]
    assert first_epoch.seconds >= first_epoch.compile_seconds > 0
    assert compiled[0].history[1].compile_seconds == 0
    # "reduce-overhead" adds CUDA graphs on a GPU; on a CPU it compiles as the default mode does
    overhead_mode = train_torch(two_topics, TINY, compile="reduce-overhead", progress=False, device="cpu")
    assert overhead_mode.W_in == pytest.approx(eager.W_in, abs=1e-4)


def test_a_missing_compiler_is_named_with_the_fix(two_topics, monkeypatch):
    def no_compiler(*args, **kwargs):
        raise OSError("gcc: command not found")
    monkeypatch.setattr(torch, "compile", lambda function, **kwargs: no_compiler)
    with pytest.raises(RuntimeError, match="C\\+\\+ compiler.*compile=False"):
        train_torch(two_topics, TrainingSettings(min_count=1), progress=False, device="cpu", compile=True)
