"""Specifications of the PyTorch engine: it computes what the NumPy reference computes."""
import numpy as np
import pytest
import torch

from lib.text.corpus import load_shipped_corpus
from lib.vectors.evaluation import word_pair_spearman
from lib.vectors.keyed import to_keyed_vectors
from lib.skipgram.gensim_engine import train_gensim
from lib.skipgram.numpy_engine import init_weights, sgd_step_negative_sampling, train_skipgram
from lib.skipgram.torch_engine import compile_step, device_pairs, row_damping, sgd_step, train_skipgram_torch
from lib.skipgram.training import TrainingDivergedError

from conftest import small_corpus

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


def test_device_pairs_never_cross_sentences_and_follow_the_dynamic_window():
    n = 100_000
    ids = torch.arange(n) % 7
    sentence_of = torch.arange(n) // 10
    generator = torch.Generator().manual_seed(0)
    c, o = device_pairs(ids, sentence_of, torch.ones(7), window=3, generator=generator)
    # ids encode position mod 7, so the distance between center and context is recoverable
    distance = ((o - c) % 7).numpy()
    distance = np.minimum(distance, 7 - distance)
    fractions = np.bincount(distance, minlength=4)[1:4] / len(distance)
    # Distance k survives the dynamic window with weight (w − k + 1) = 3, 2, 1, and a 10-token
    # sentence has (10 − k) positions with a neighbour at distance k on a given side.
    weights = np.array([3 * 9, 2 * 8, 1 * 7])
    assert fractions == pytest.approx(weights / weights.sum(), abs=0.01)


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


def test_same_seed_same_vectors_on_the_cpu():
    kwargs = dict(dim=8, window=2, min_count=1, epochs=1, progress=False, device="cpu")
    a = train_skipgram_torch(small_corpus(), seed=3, **kwargs).W_in
    b = train_skipgram_torch(small_corpus(), seed=3, **kwargs).W_in
    assert np.array_equal(a, b)


def test_divergence_stops_with_a_clear_error_and_finite_weights():
    with pytest.raises(TrainingDivergedError, match="NaN or infinite") as info:
        train_skipgram_torch(small_corpus(), dim=8, min_count=1, epochs=2, alpha=1e30, progress=False,
                             device="cpu", damping=False)
    assert np.isfinite(info.value.model.W_in).all() and np.isfinite(info.value.model.W_out).all()


def topic_gap(kv):
    """Mean within-topic cosine minus mean across-topic cosine on the two-topic corpus."""
    animals, vehicles = ["cat", "dog", "horse", "cow"], ["car", "truck", "bus", "train"]
    within = np.mean([kv.similarity(a, b) for g in (animals, vehicles) for a in g for b in g if a != b])
    across = np.mean([kv.similarity(a, b) for a in animals for b in vehicles])
    return within - across


def test_all_three_engines_learn_the_same_structure_from_the_same_run():
    settings = dict(dim=10, window=2, negative=3, sample=0, min_count=1, epochs=3, seed=0)
    numpy_kv = train_skipgram(small_corpus(), batch_size=64, progress=False, **settings).keyed_vectors()
    torch_kv = train_skipgram_torch(small_corpus(), batch_size=64, progress=False, device="cpu",
                                    **settings).keyed_vectors()
    gensim_kv, _ = train_gensim(small_corpus(), **settings)
    for kv in (numpy_kv, torch_kv, gensim_kv):
        assert topic_gap(kv) > 0.5


def test_all_three_engines_raise_the_same_benchmark_scores_by_about_as_much():
    # 460k tokens of the shipped corpus, 5 epochs: the smallest run on which SimLex-999 moves too.
    corpus = load_shipped_corpus(max_tokens=400_000)
    settings = dict(dim=50, window=5, negative=5, sample=1e-3, min_count=5, epochs=5, seed=0)
    numpy_model = train_skipgram(corpus, progress=False, **settings)
    trained = {"numpy": numpy_model.keyed_vectors(),
               "torch": train_skipgram_torch(corpus, progress=False, device="cpu", **settings).keyed_vectors(),
               "gensim": train_gensim(corpus, **settings)[0]}
    vocab = numpy_model.vocab
    untrained = [to_keyed_vectors(vocab.words,
                                  init_weights(len(vocab), settings["dim"], np.random.default_rng(s))[0])
                 for s in range(5)]
    for dataset, gain in (("wordsim353", 0.15), ("simlex999", 0.08)):
        before = np.mean([word_pair_spearman(kv, dataset)["spearman"] for kv in untrained])
        after = {name: word_pair_spearman(kv, dataset)["spearman"] for name, kv in trained.items()}
        assert all(score > before + gain for score in after.values()), (dataset, before, after)
        assert max(after.values()) - min(after.values()) < 0.06, (dataset, after)


def test_divergence_in_the_first_epoch_keeps_the_initial_weights():
    with pytest.raises(TrainingDivergedError) as info:
        train_skipgram_torch(small_corpus(), dim=8, min_count=1, epochs=1, alpha=1e30, progress=False,
                             device="cpu", damping=False, seed=5, batch_size=4)
    vocab = info.value.model.vocab
    initial_in, _ = init_weights(len(vocab), 8, np.random.default_rng(5))
    assert np.array_equal(info.value.model.W_in, initial_in)


def test_two_workers_train_as_well_as_one():
    settings = dict(dim=10, window=2, negative=3, sample=0, min_count=1, epochs=3, seed=0, batch_size=16,
                    progress=False, device="cpu")
    one = train_skipgram_torch(small_corpus(), workers=1, **settings).keyed_vectors()
    two = train_skipgram_torch(small_corpus(), workers=2, **settings).keyed_vectors()
    assert topic_gap(two) > 0.5 and abs(topic_gap(two) - topic_gap(one)) < 0.15
    # two threads sharing one compiled step (built once, called from both at once)
    two_compiled = train_skipgram_torch(small_corpus(), workers=2, compile=True, **settings).keyed_vectors()
    assert topic_gap(two_compiled) > 0.5 and abs(topic_gap(two_compiled) - topic_gap(one)) < 0.15


def test_fewer_than_one_worker_is_refused():
    with pytest.raises(ValueError, match="workers"):
        train_skipgram_torch(small_corpus(), workers=0, progress=False, device="cpu")


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


def test_compiled_training_is_reproducible_and_learns_the_same_structure():
    settings = dict(dim=10, window=2, negative=3, sample=0, min_count=1, epochs=3, seed=0, batch_size=16,
                    progress=False, device="cpu")
    eager = train_skipgram_torch(small_corpus(), **settings)
    compiled = [train_skipgram_torch(small_corpus(), compile=True, **settings) for _ in range(2)]
    assert np.array_equal(compiled[0].W_in, compiled[1].W_in)
    assert compiled[0].W_in == pytest.approx(eager.W_in, abs=1e-4)
    assert topic_gap(compiled[0].keyed_vectors()) > 0.5
    # the compiler runs beside the first epoch's pair preparation, and that epoch's time includes it
    first_epoch = compiled[0].history[0]
    assert first_epoch["seconds"] >= first_epoch["compile_seconds"] > 0
    assert compiled[0].history[1]["compile_seconds"] == 0
    # "reduce-overhead" adds CUDA graphs on a GPU; on a CPU it compiles as the default mode does
    overhead_mode = train_skipgram_torch(small_corpus(), compile="reduce-overhead", **settings)
    assert overhead_mode.W_in == pytest.approx(eager.W_in, abs=1e-4)


def test_a_missing_compiler_is_named_with_the_fix(monkeypatch):
    def no_compiler(*args, **kwargs):
        raise OSError("gcc: command not found")
    monkeypatch.setattr(torch, "compile", lambda function, **kwargs: no_compiler)
    with pytest.raises(RuntimeError, match="C\\+\\+ compiler.*compile=False"):
        train_skipgram_torch(small_corpus(), min_count=1, progress=False, device="cpu", compile=True)
