"""Specifications of the split benchmarks: analogy kinds, rare and frequent word pairs, the variants' table."""
import numpy as np
import pytest

from lib.vectors.breakdown import analogy_kinds, frequency_threshold, rarer_count, spearman_by_frequency
from lib.vectors.evaluation import AnalogyResult, read_word_pairs
from lib.vectors.keyed import to_keyed_vectors


def test_gram_sections_are_syntactic_the_others_semantic():
    result = AnalogyResult("3cosadd", 0.0, 4, 14, 28, {"capital-world": (3, 10, 20),
                                                      "gram1-adjective-to-adverb": (1, 4, 8)})
    kinds = analogy_kinds(result)
    assert kinds["semantic"] == {"accuracy": 0.3, "correct": 3, "answered": 10, "total": 20}
    assert kinds["syntactic"]["accuracy"] == 0.25


def test_a_kind_with_no_answered_question_has_no_accuracy():
    kinds = analogy_kinds(AnalogyResult("3cosadd", 0.0, 0, 0, 5, {"family": (0, 0, 5)}))
    assert np.isnan(kinds["semantic"]["accuracy"]) and np.isnan(kinds["syntactic"]["accuracy"])


@pytest.fixture(scope="module")
def wordsim_vectors():
    """Vectors for every WordSim353 word: similar to the human score, counts rising with word order."""
    pairs = read_word_pairs("wordsim353")
    words = sorted({w for a, b, _ in pairs for w in (a, b)})
    rng = np.random.default_rng(0)
    counts = np.arange(1, len(words) + 1) * 3
    return to_keyed_vectors(words, rng.normal(size=(len(words), 20)), counts=counts), dict(zip(words, counts))


def test_rarer_count_reads_a_mapping_or_keyed_vectors(wordsim_vectors):
    kv, counts = wordsim_vectors
    a, b = list(counts)[:2]
    assert rarer_count(counts, a, b) == rarer_count(kv, a, b) == min(counts[a], counts[b])


def test_the_median_threshold_splits_the_pairs_in_halves(wordsim_vectors):
    kv, counts = wordsim_vectors
    threshold = frequency_threshold(counts, "wordsim353")
    assert threshold == frequency_threshold(kv, "wordsim353")
    split = spearman_by_frequency(kv, "wordsim353", threshold)
    assert abs(split["rare"]["pairs"] - split["frequent"]["pairs"]) <= 0.1 * len(read_word_pairs("wordsim353"))
    assert split["rare"]["pairs"] + split["frequent"]["pairs"] == len(read_word_pairs("wordsim353"))


def test_a_threshold_below_every_count_leaves_no_rare_pair(wordsim_vectors):
    kv, _ = wordsim_vectors
    split = spearman_by_frequency(kv, "wordsim353", threshold=0)
    assert split["rare"]["pairs"] == 0 and np.isnan(split["rare"]["spearman"])
    assert split["frequent"]["pairs"] == len(read_word_pairs("wordsim353"))


def test_unknown_variant_is_refused_with_the_choices():
    from lib.measure.architectures import train_variant
    with pytest.raises(ValueError, match="CBOW NS, NumPy"):
        train_variant("CBOW, PyTorch", [["a", "b"]], None)


def test_compare_variants_trains_and_scores_each_variant_and_seed():
    from lib.measure.architectures import compare_variants, mean_over_seeds
    from lib.skipgram.settings import TrainingSettings
    corpus = [["king", "queen", "man", "woman", "king", "man"]] * 40
    settings = TrainingSettings(dim=8, epochs=1, min_count=1, sample=0, batch_size=16)
    runs = compare_variants(corpus, settings, ["CBOW NS, NumPy", "skip-gram HS, Gensim"], [0, 1], progress=False)
    assert list(runs["variant"]) == ["CBOW NS, NumPy", "skip-gram HS, Gensim"] * 2
    assert list(runs["seed"]) == [0, 0, 1, 1] and (runs["tokens_per_s"] > 0).all()
    means, half = mean_over_seeds(runs, ["tokens_per_s"])
    assert list(means.index) == ["CBOW NS, NumPy", "skip-gram HS, Gensim"]


def test_gensim_starts_from_the_vectors_it_is_given():
    from lib.skipgram.gensim_engine import train_gensim
    from lib.skipgram.settings import TrainingSettings
    from lib.text.vocabulary import Vocabulary
    corpus = [["king", "queen", "man", "woman", "king", "man"]] * 40
    vocab = Vocabulary.from_sentences(corpus, 1)
    start = np.random.default_rng(0).uniform(-1, 1, (len(vocab), 8)).astype(np.float32)
    frozen = TrainingSettings(dim=8, epochs=1, min_count=1, sample=0, alpha=1e-12, min_alpha=1e-12)
    model = train_gensim(corpus, frozen, vocab=vocab, architecture="cbow", initial_vectors=start)
    rows = [vocab.index[w] for w in model.vocab.words]
    np.testing.assert_allclose(model.W_in, start[rows], atol=1e-9)
    with pytest.raises(ValueError, match=r"expected \(4, 8\), got \(3, 8\)"):
        train_gensim(corpus, frozen, vocab=vocab, initial_vectors=start[:3])
    with pytest.raises(ValueError, match="needs vocab="):
        train_gensim(corpus, frozen, initial_vectors=start)


def test_gensim_variants_start_where_the_numpy_engines_start():
    from lib.measure.architectures import train_variant
    from lib.skipgram.model import init_weights
    from lib.skipgram.settings import TrainingSettings
    corpus = [["king", "queen", "man", "woman", "king", "man"]] * 40
    frozen = TrainingSettings(dim=8, epochs=1, min_count=1, sample=0, alpha=1e-12, min_alpha=1e-12, seed=3)
    model = train_variant("CBOW NS, Gensim", corpus, frozen)
    numpy_start, _ = init_weights(4, 8, np.random.default_rng(3))
    numpy_vocab = train_variant("CBOW NS, NumPy", corpus, frozen).vocab
    rows = [numpy_vocab.index[w] for w in model.vocab.words]
    np.testing.assert_allclose(model.W_in, numpy_start[rows], atol=1e-9)
