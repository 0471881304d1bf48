"""One specification of an epoch's training pairs, two realisations held to it.

:mod:`lib.skipgram.epoch_pairs` states the specification (subsample each token,
draw each kept token's window, pair kept tokens of a sentence within it) and
realises it in NumPy; :func:`lib.skipgram.torch_pairs.device_pairs` realises
it on a PyTorch device, in another order and from another random generator.

Worked example (``test_given_the_same_draws_both_realisations_make_the_same_pairs``):
a corpus of 3 sentences; we draw which tokens survive subsampling and each
survivor's window once, with NumPy, and hand the same draws to both
realisations. The NumPy one lists pairs center by center, the PyTorch one offset
by offset; sorted, the two lists are equal element for element.

Where the draws differ (each engine uses its own generator), the test draws many
epochs from each and compares, for every distance 1..w, the mean number of pairs,
and the share of tokens kept, within four standard errors of the difference.
"""
import numpy as np
import pytest
import torch

from lib.skipgram.epoch_pairs import draw_kept, draw_reach, make_epoch_pairs, pairs_from_draws
from lib.skipgram.torch_pairs import device_pairs, draw_kept_on_device, offset_pairs, reach_in_sentence
from lib.text.vocabulary import Vocabulary

WINDOW = 5
EPOCHS = 1000


def zipf_corpus(n_sentences=600, seed=0):
    """Sentences of 1 to 40 tokens over 300 word types with Zipf frequencies (so subsampling bites)."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, 301)
    words = [f"w{i}" for i in range(300)]
    return [list(rng.choice(words, size=rng.integers(1, 41), p=weights / weights.sum()))
            for _ in range(n_sentences)]


@pytest.fixture(scope="module")
def corpus():
    """Word ids, sentences and per-word keep probabilities of the Zipf corpus (sample = 1e-3)."""
    sentences = zipf_corpus()
    vocab = Vocabulary.from_sentences(sentences, min_count=1)
    ids, sentence_of = vocab.encode_corpus(sentences)
    return ids, sentence_of, vocab.keep_probabilities(1e-3)


def sorted_pairs(centers, contexts) -> np.ndarray:
    """The pairs as rows (center, context), sorted, so that two orders of the same pairs compare equal."""
    pairs = np.stack([np.asarray(centers, dtype=np.int64), np.asarray(contexts, dtype=np.int64)], axis=1)
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]


def distance_counts(centers, contexts, window) -> np.ndarray:
    """Pairs at each kept-token distance 1..w, from pairs of corpus positions.

    A center's contexts on one side are consecutive kept tokens, so the k-th nearest of them
    (by corpus position) is at distance k among the kept tokens. Returns shape (w,).
    """
    c, o = np.asarray(centers, dtype=np.int64), np.asarray(contexts, dtype=np.int64)
    side = np.sign(o - c)
    order = np.lexsort((np.abs(o - c), side, c))
    c, side = c[order], side[order]
    new_group = np.r_[True, (c[1:] != c[:-1]) | (side[1:] != side[:-1])]
    group_start = np.maximum.accumulate(np.where(new_group, np.arange(len(c)), 0))
    rank = np.arange(len(c)) - group_start + 1
    return np.bincount(rank, minlength=window + 1)[1:window + 1]


def numpy_epochs(ids, sentence_of, keep, epochs=EPOCHS):
    """Per epoch: pairs at each distance, and tokens kept — NumPy's realisation, positions as word ids."""
    positions, keep_at = np.arange(len(ids)), keep[ids]        # token i is "word" i with its word's p_keep
    counts, kept = [], []
    for epoch in range(epochs):
        rng = np.random.default_rng([0, epoch])
        c, o = map(np.concatenate, zip(*make_epoch_pairs(positions, sentence_of, keep_at, WINDOW, rng)))
        counts.append(distance_counts(c, o, WINDOW))
        kept.append(draw_kept(np.random.default_rng([1, epoch]), ids, keep).sum())
    return np.array(counts), np.array(kept)


def torch_epochs(ids, sentence_of, keep, epochs=EPOCHS):
    """The same, from the PyTorch realisation and PyTorch's generator."""
    generator = torch.Generator().manual_seed(0)
    positions = torch.arange(len(ids), dtype=torch.int32)
    sent = torch.from_numpy(sentence_of)
    keep_at, keep_t, ids_t = torch.from_numpy(keep[ids]).float(), torch.from_numpy(keep).float(), torch.from_numpy(ids)
    counts, kept = [], []
    for _ in range(epochs):
        c, o = device_pairs(positions, sent, keep_at, WINDOW, generator)
        counts.append(distance_counts(c.numpy(), o.numpy(), WINDOW))
        kept.append(int(draw_kept_on_device(ids_t, keep_t, generator).sum()))
    return np.array(counts), np.array(kept)


def assert_same_mean(a, b, what):
    """The means of two samples (rows = epochs) agree within four standard errors of their difference."""
    difference = a.mean(axis=0) - b.mean(axis=0)
    standard_error = np.sqrt(a.var(axis=0, ddof=1) / len(a) + b.var(axis=0, ddof=1) / len(b))
    z = np.abs(difference) / np.where(standard_error > 0, standard_error, np.inf)
    assert np.all(np.abs(difference) <= 4 * standard_error), f"{what}: NumPy {a.mean(axis=0)}, PyTorch {b.mean(axis=0)}, |z| = {z}"


def test_given_the_same_draws_both_realisations_make_the_same_pairs(corpus):
    ids, sentence_of, keep = corpus
    rng = np.random.default_rng(7)
    kept = draw_kept(rng, ids, keep)
    sent = sentence_of[kept]
    reach = draw_reach(rng, len(sent), WINDOW)
    positions = np.arange(len(sent))

    c, o = pairs_from_draws(sent, reach, WINDOW)
    left, right = reach_in_sentence(torch.from_numpy(sent), torch.from_numpy(reach).int())
    tc, to = offset_pairs(torch.from_numpy(positions).int(), left, right, WINDOW)

    assert len(c) > 10_000
    np.testing.assert_array_equal(sorted_pairs(c, o), sorted_pairs(tc.numpy(), to.numpy()))


def test_pairs_stay_in_their_sentence_and_inside_each_window(corpus):
    ids, sentence_of, keep = corpus
    rng = np.random.default_rng(3)
    sent = sentence_of[draw_kept(rng, ids, keep)]
    reach = draw_reach(rng, len(sent), WINDOW)
    c, o = pairs_from_draws(sent, reach, WINDOW)
    assert np.all(sent[c] == sent[o])
    assert np.all((np.abs(c - o) >= 1) & (np.abs(c - o) <= reach[c]))


def test_without_subsampling_both_follow_the_dynamic_window_formula(corpus):
    """Keep every token: distance d is paired with probability (w − d + 1) / w, on both sides."""
    ids, sentence_of, _ = corpus
    keep_all = np.ones(ids.max() + 1)
    lengths = np.bincount(sentence_of)
    d = np.arange(1, WINDOW + 1)
    expected = 2 * np.maximum(lengths[:, None] - d[None, :], 0).sum(axis=0) * (WINDOW - d + 1) / WINDOW
    for realisation in (numpy_epochs, torch_epochs):
        counts, kept = realisation(ids, sentence_of, keep_all, epochs=60)
        assert np.all(kept == len(ids))
        standard_error = counts.std(axis=0, ddof=1) / np.sqrt(len(counts))
        assert np.all(np.abs(counts.mean(axis=0) - expected) <= 4 * standard_error), realisation.__name__


def test_with_subsampling_both_give_the_same_pairs_per_distance_and_kept_rate(corpus):
    ids, sentence_of, keep = corpus
    np_counts, np_kept = numpy_epochs(ids, sentence_of, keep)
    t_counts, t_kept = torch_epochs(ids, sentence_of, keep)
    assert_same_mean(np_counts, t_counts, "pairs per distance 1..w")
    assert_same_mean(np_kept[:, None], t_kept[:, None], "tokens kept")
    expected_kept = keep[ids].sum()
    assert abs(np_kept.mean() - expected_kept) < 4 * np_kept.std(ddof=1) / np.sqrt(EPOCHS)
    assert 0.3 < expected_kept / len(ids) < 0.9          # subsampling really removes tokens here
