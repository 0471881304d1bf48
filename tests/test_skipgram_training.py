"""One way to train skip-gram: three engines, one signature, one result, one set of checks.

Worked example (``test_every_engine_returns_the_same_kind_of_model[gensim]``): the
two-topic corpus (7,200 tokens, 8 words), ``TrainingSettings(dim=10, epochs=3, …)``
and ``engine="gensim"`` give a :class:`SkipGramModel` whose ``W_in`` is (8, 10),
whose ``settings`` are the ones passed, with three :class:`EpochRecord` s numbered
1, 2, 3, 7,200 tokens per epoch, and vectors that put cat nearer dog than truck —
exactly what the NumPy and PyTorch engines return for the same call.
"""
import dataclasses

import numpy as np
import pytest

from lib.skipgram.epoch_pairs import NoTrainingPairsError
from lib.skipgram.model import EpochRecord, SkipGramModel, init_weights
from lib.skipgram.settings import TrainingSettings, learning_rate
from lib.skipgram.training import ENGINES, train_skipgram
from lib.text.corpus import EmptyCorpusError, load_shipped_corpus
from lib.text.vocabulary import EmptyVocabularyError, Vocabulary
from lib.vectors.evaluation import word_pair_spearman
from lib.vectors.keyed import to_keyed_vectors

TINY = TrainingSettings(dim=10, window=2, negative=3, sample=0, min_count=1, epochs=3, seed=0, batch_size=64)
OPTIONS = {"numpy": {}, "torch": {"device": "cpu"}, "gensim": {}}
"""Each engine's options for these tests (the PyTorch engine stays on the CPU)."""


def train(engine, sentences, settings=TINY, **options):
    return train_skipgram(sentences, settings, engine=engine, progress=False, **OPTIONS[engine], **options)


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_returns_the_same_kind_of_model(engine, two_topics, topic_gap):
    seen = []
    model = train(engine, two_topics, callback=lambda m, record: seen.append((m, record)))
    assert isinstance(model, SkipGramModel) and model.engine == engine and model.settings == TINY
    assert model.W_in.shape == model.W_out.shape == (8, 10)
    assert [r.epoch for r in model.history] == [1, 2, 3] and all(isinstance(r, EpochRecord) for r in model.history)
    assert [r for _, r in seen] == model.history and all(m is model for m, _ in seen)
    assert model.tokens == 7_200 and model.seconds > 0 and model.tokens_per_s > 0
    assert set(model.keyed_vectors().index_to_key) == set(model.vocab.words)
    assert topic_gap(model.keyed_vectors()) > 0.5


@pytest.mark.parametrize("engine", ["numpy", "torch"])
def test_records_follow_the_one_learning_rate_schedule(engine, two_topics):
    model = train(engine, two_topics)
    assert [r.alpha for r in model.history] == [learning_rate(TINY, e) for e in (1, 2, 3)]
    assert all(r.pairs > 0 and 0 < r.loss < 10 for r in model.history)


def test_gensim_decays_its_learning_rate_the_same_way(two_topics):
    """Gensim sets the rate job by job (10,000 words): the last rate of an epoch lies within that epoch's span."""
    model = train("gensim", two_topics)
    for record in model.history:
        assert learning_rate(TINY, record.epoch) <= record.alpha <= learning_rate(TINY, record.epoch - 1)
        assert record.loss is None and record.pairs is None     # gensim reports neither


def test_all_three_engines_raise_the_same_benchmark_scores_by_about_as_much():
    # 460k tokens of the shipped corpus, 5 epochs: the smallest run on which SimLex-999 moves too.
    corpus = load_shipped_corpus(max_tokens=400_000)
    settings = TrainingSettings(dim=50, window=5, negative=5, sample=1e-3, min_count=5, epochs=5, seed=0)
    models = {engine: train(engine, corpus, settings) for engine in ENGINES}
    vocab = models["numpy"].vocab
    untrained = [to_keyed_vectors(vocab.words, init_weights(len(vocab), settings.dim, np.random.default_rng(s))[0])
                 for s in range(5)]
    for dataset, gain in (("wordsim353", 0.15), ("simlex999", 0.08)):
        before = np.mean([word_pair_spearman(kv, dataset)["spearman"] for kv in untrained])
        after = {name: word_pair_spearman(m.keyed_vectors(), dataset)["spearman"] for name, m in models.items()}
        assert all(score > before + gain for score in after.values()), (dataset, before, after)
        assert max(after.values()) - min(after.values()) < 0.06, (dataset, after)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_string_is_refused_with_what_to_pass(engine):
    with pytest.raises(TypeError, match="got one string.*Split it into words"):
        train(engine, "the cat sat on the mat")


@pytest.mark.parametrize("engine", ENGINES)
def test_one_tokenised_sentence_is_refused_with_the_fix(engine):
    with pytest.raises(TypeError, match=r"sentence 0 is a str.*wrap it in a list"):
        train(engine, ["the", "cat", "sat"])


@pytest.mark.parametrize("engine", ENGINES)
def test_an_empty_corpus_is_refused(engine):
    with pytest.raises(EmptyCorpusError, match="holds no tokens"):
        train(engine, [[], []])


@pytest.mark.parametrize("engine", ENGINES)
def test_a_min_count_that_leaves_no_vocabulary_is_refused(engine, two_topics):
    with pytest.raises(EmptyVocabularyError, match="min_count=100000 leaves no vocabulary.*Lower min_count"):
        train(engine, two_topics, dataclasses.replace(TINY, min_count=100_000))


@pytest.mark.parametrize("engine", ENGINES)
def test_a_corpus_without_pairs_is_one_error_from_every_engine(engine):
    with pytest.raises(NoTrainingPairsError, match="no training pairs.*lower min_count"):
        train(engine, [["cat"], ["dog"], ["cat"]])


def test_settings_are_built_by_keyword_and_copied_with_replace(two_topics):
    with pytest.raises(TypeError):
        TrainingSettings(100, 5)                                   # positional: refused
    with pytest.raises(TypeError, match="must be a TrainingSettings.*by keyword"):
        train("numpy", two_topics, {"dim": 10})
    assert dataclasses.replace(TINY, epochs=7) == TrainingSettings(**{**dataclasses.asdict(TINY), "epochs": 7})
    with pytest.raises(ValueError, match="window must be at least 1"):
        dataclasses.replace(TINY, window=0)


def test_an_unknown_engine_is_refused_with_the_choices(two_topics):
    with pytest.raises(ValueError, match="unknown engine 'jax'; choose one of numpy, torch, gensim"):
        train_skipgram(two_topics, TINY, engine="jax")


def test_gensim_trains_on_exactly_the_vocabulary_it_is_given(two_topics):
    vocab = Vocabulary(["cat", "dog", "car"], [900, 900, 900])
    model = train("gensim", two_topics, vocab=vocab)
    assert sorted(model.vocab.words) == ["car", "cat", "dog"] and model.W_in.shape == (3, 10)
    assert model.vocab.counts.tolist() == [900, 900, 900]
