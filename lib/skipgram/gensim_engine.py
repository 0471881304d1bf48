"""Gensim's skip-gram as the baseline, with the course's settings and the course's model.

Gensim's ``Word2Vec`` implements word2vec.c's algorithm in optimised C with
one thread per worker. We call it with ``sg=1`` (skip-gram), ``hs=0`` and
``negative=k`` (negative sampling), and the same settings as the NumPy and
PyTorch engines, and hand its vectors back as the same
:class:`~lib.skipgram.model.SkipGramModel`. The same call trains gensim's CBOW
(``architecture="cbow"``: ``sg=0`` with ``cbow_mean=1``, the context vectors averaged)
and its hierarchical softmax (``objective="hierarchical_softmax"``: ``hs=1, negative=0``),
the baselines of :mod:`lib.skipgram.cbow` and :mod:`lib.skipgram.hierarchical_softmax`.

What Gensim does not report: a loss per training pair (its running loss is a
float32 sum over pairs it does not count) and the number of pairs, so those
fields of its epoch records are None. Its learning rate falls linearly with
the words processed, as :func:`lib.skipgram.settings.learning_rate` does with pairs.
"""
from __future__ import annotations

import os
import tempfile
import time

import numpy as np

from lib.skipgram.epoch_pairs import NoTrainingPairsError
from lib.skipgram.model import EpochRecord, SkipGramModel
from lib.skipgram.settings import TrainingSettings
from lib.skipgram.training import progress_bar, training_input
from lib.text.vocabulary import Vocabulary


def train_gensim(sentences, settings: TrainingSettings | None = None, *, progress: bool = False, vocab=None,
                 callback=None, workers: int = 1, use_corpus_file: bool = False, architecture: str = "skipgram",
                 objective: str = "negative_sampling", initial_vectors=None) -> SkipGramModel:
    """Train gensim's skip-gram (or CBOW) with negative sampling (or the hierarchical softmax).

    Parameters
    ----------
    sentences, settings, progress, vocab, callback
        As for :func:`lib.skipgram.numpy_engine.train_numpy`; ``settings.batch_size`` has no
        gensim equivalent (gensim updates after every pair). With ``vocab``, gensim trains
        on exactly those words, with those counts.
    workers : int
        Worker threads.
    use_corpus_file : bool
        Write the corpus to a temporary file and pass ``corpus_file=``, which lets
        gensim scale across cores (the iterable path is limited by Python's GIL).
    architecture : ``"skipgram"`` (``sg=1``) or ``"cbow"`` (``sg=0``, ``cbow_mean=1``)
    objective : ``"negative_sampling"`` (``hs=0, negative=k``) or ``"hierarchical_softmax"``
        (``hs=1, negative=0``; ``settings.negative`` is then not used)
    initial_vectors : ndarray, shape (V, d), optional
        Input vectors to start from, row i for word i of ``vocab`` (which it requires), instead
        of gensim's own draw from U(−1/d, 1/d), twice word2vec.c's range. Given
        :func:`~lib.skipgram.model.init_weights`'s draw, gensim starts where the NumPy engines do.

    Returns
    -------
    SkipGramModel
        ``W_in`` is gensim's ``wv.vectors``, ``W_out`` its ``syn1neg`` (``syn1``, the V − 1 inner
        nodes' vectors, with the hierarchical softmax); each epoch's ``seconds``
        runs from the end of the previous epoch (the first from the start of training), so
        they add up to the training time, vocabulary building excluded.
    """
    from gensim.models import Word2Vec
    from gensim.models.callbacks import CallbackAny2Vec
    from gensim.utils import RULE_KEEP
    if architecture not in ("skipgram", "cbow"):
        raise ValueError(f"architecture must be 'skipgram' or 'cbow', got {architecture!r}")
    if objective not in ("negative_sampling", "hierarchical_softmax"):
        raise ValueError(f"objective must be 'negative_sampling' or 'hierarchical_softmax', got {objective!r}")
    sentences, s = training_input(sentences, settings)
    hs = objective == "hierarchical_softmax"
    gensim_model = Word2Vec(vector_size=s.dim, window=s.window, negative=0 if hs else s.negative, sample=s.sample,
                            min_count=s.min_count, alpha=s.alpha, min_alpha=s.min_alpha, ns_exponent=s.ns_exponent,
                            sg=int(architecture == "skipgram"), cbow_mean=1, hs=int(hs), seed=s.seed,
                            workers=workers)
    with tempfile.TemporaryDirectory() as tmp:
        if use_corpus_file:
            path = os.path.join(tmp, "corpus.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(" ".join(sentence) + "\n" for sentence in sentences)
            source = dict(corpus_file=path)
        else:
            source = dict(corpus_iterable=sentences)
        if vocab is not None:
            gensim_model.build_vocab_from_freq(dict(zip(vocab.words, vocab.counts.tolist())),
                                               corpus_count=len(sentences), trim_rule=lambda *_: RULE_KEEP)
            gensim_model.corpus_total_words = sum(len(sentence) for sentence in sentences)
        else:
            gensim_model.build_vocab(**source)
        wv = gensim_model.wv
        if len(wv) == 0:
            Vocabulary.from_sentences(sentences, s.min_count)     # raises EmptyVocabularyError, naming the fix
        if not any(sum(word in wv.key_to_index for word in sentence) >= 2 for sentence in sentences):
            raise NoTrainingPairsError()
        if initial_vectors is not None:
            if vocab is None:
                raise ValueError("initial_vectors needs vocab=, the Vocabulary whose word i its row i belongs to")
            if np.shape(initial_vectors) != wv.vectors.shape:
                raise ValueError(f"initial_vectors must have one row of {s.dim} numbers per word of the vocab "
                                 f"passed with them: expected {wv.vectors.shape}, got {np.shape(initial_vectors)}")
            wv.vectors[:] = np.asarray(initial_vectors)[[vocab.index[word] for word in wv.index_to_key]]
        model = SkipGramModel(Vocabulary(list(wv.index_to_key), [wv.get_vecattr(w, "count") for w in wv.index_to_key]),
                              wv.vectors, gensim_model.syn1[:-1] if hs else gensim_model.syn1neg, s,
                              engine="gensim", architecture=architecture)

        class EpochRecorder(CallbackAny2Vec):
            """Times each epoch, records it, and passes it on to ``callback``."""

            def __init__(self, bar):
                self.bar, self.last = bar, time.perf_counter()

            def on_epoch_end(self, _):
                now = time.perf_counter()
                seconds, self.last = now - self.last, now
                record = EpochRecord(epoch=len(model.history) + 1, loss=None,
                                     alpha=gensim_model.min_alpha_yet_reached, pairs=None, seconds=seconds,
                                     tokens_per_s=model.tokens / seconds)
                model.history.append(record)
                self.bar.update(model.tokens)
                if callback is not None:
                    callback(model, record)

        size = dict(total_words=gensim_model.corpus_total_words) if use_corpus_file else \
            dict(total_examples=gensim_model.corpus_count)
        with progress_bar(model.tokens, s.epochs, progress) as bar:
            gensim_model.train(epochs=s.epochs, callbacks=[EpochRecorder(bar)], **source, **size)
    return model
