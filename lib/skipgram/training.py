"""One way to train skip-gram, whichever engine does the work.

Every engine is a function of the same form,
``train_<engine>(sentences, settings, *, progress, vocab, callback, **engine_options)``,
returning a :class:`lib.skipgram.model.SkipGramModel`:

* ``numpy`` — :func:`lib.skipgram.numpy_engine.train_numpy`, the reference; option ``objective``;
* ``torch`` — :func:`lib.skipgram.torch_engine.train_torch`, the fast engine; options ``device``,
  ``damping``, ``shuffle``, ``workers``, ``compile``;
* ``gensim`` — :func:`lib.skipgram.gensim_engine.train_gensim`, the baseline; options ``workers``,
  ``use_corpus_file``.

:func:`train_skipgram` picks one by name. This module also holds what they all
share: the checks of what they are given (:func:`training_input`), the progress
bar, the error raised when the loss stops being finite (:func:`step_diverges`), and
the NumPy trainers' end of an epoch (:func:`end_epoch`).

Speed is reported with word2vec.c's definition: in-vocabulary corpus tokens
*before* subsampling, times epochs, divided by training wall time.
"""
from __future__ import annotations

import contextlib
import importlib
import time

import numpy as np

from lib.skipgram.model import EpochRecord
from lib.skipgram.settings import TrainingSettings, learning_rate
from lib.text.corpus import as_sentences

ENGINES = {"numpy": "lib.skipgram.numpy_engine:train_numpy",
           "torch": "lib.skipgram.torch_engine:train_torch",
           "gensim": "lib.skipgram.gensim_engine:train_gensim"}
"""Each engine's name and the function that trains with it (imported only when used)."""


class TrainingDivergedError(FloatingPointError):
    """The loss became NaN or infinite; ``.model`` holds the weights' last finite values."""

    model = None


def train_skipgram(sentences, settings: TrainingSettings | None = None, *, engine: str = "numpy", **options):
    """Train skip-gram with negative sampling on ``sentences`` with one of the three engines.

    Parameters
    ----------
    sentences : list of list of str
        The corpus: sentences, each a list of words.
    settings : TrainingSettings, optional
        The hyperparameters; word2vec's defaults if omitted.
    engine : ``"numpy"``, ``"torch"`` or ``"gensim"``
        The reference, the fast engine, or the baseline (see the table above).
    **options
        ``progress``, ``vocab``, ``callback``, and the engine's own options.

    Returns
    -------
    SkipGramModel

    Example: ``train_skipgram(corpus, TrainingSettings(epochs=3), engine="torch").keyed_vectors()``.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    module, function = ENGINES[engine].split(":")
    return getattr(importlib.import_module(module), function)(sentences, settings, **options)


def training_input(sentences, settings: TrainingSettings | None):
    """The checks every engine runs on what it is given, before any work: returns ``(sentences, settings)``.

    ``sentences`` must be a list of sentences of words (:func:`lib.text.corpus.as_sentences`,
    which names the problem and the fix otherwise); ``settings`` a :class:`TrainingSettings`
    or None (word2vec's defaults).

    Example: ``training_input("the cat sat", None)`` raises TypeError ("… got one string …").
    """
    if settings is None:
        settings = TrainingSettings()
    elif not isinstance(settings, TrainingSettings):
        raise TypeError(f"settings must be a TrainingSettings, got a {type(settings).__name__}; build one by "
                        "keyword, e.g. TrainingSettings(dim=50, epochs=10)")
    return as_sentences(sentences), settings


@contextlib.contextmanager
def diverged_keeps(model):
    """Attach ``model`` to a :class:`TrainingDivergedError` raised inside the block, so nothing is lost."""
    try:
        yield
    except TrainingDivergedError as error:
        error.model = model
        raise


def check_finite(loss, epoch: int, settings: TrainingSettings) -> None:
    """Raise :class:`TrainingDivergedError` if any loss value is NaN or infinite.

    Called before a batch's update is applied, so the weights stay finite.
    Example: ``check_finite(np.array([1.0, np.nan]), 0, settings)`` raises, naming epoch 1.
    """
    if not np.all(np.isfinite(loss)):
        raise TrainingDivergedError(
            f"the loss became NaN or infinite in epoch {epoch + 1} (alpha={settings.alpha}, "
            f"batch_size={settings.batch_size}). Training stopped; the weights hold their last "
            "finite values. Lower alpha or batch_size and train again.")


@contextlib.contextmanager
def step_diverges(epoch: int, settings: TrainingSettings):
    """Turn a FloatingPointError raised by an SGD step into :class:`TrainingDivergedError` naming the epoch.

    The NumPy steps raise FloatingPointError before they change any weight (a non-finite loss,
    or an update that would overflow), so the weights keep their last finite values.
    Example: ``with step_diverges(0, settings): raise FloatingPointError`` raises TrainingDivergedError.
    """
    try:
        yield
    except TrainingDivergedError:
        raise
    except FloatingPointError:
        check_finite(np.array([np.inf]), epoch, settings)


def end_epoch(model, epoch: int, start: float, loss_sum: float, examples: int, tokens: int,
              callback=None) -> EpochRecord:
    """Close one epoch of a NumPy trainer: record it in ``model.history`` and call ``callback(model, record)``.

    Parameters
    ----------
    model : SkipGramModel — its ``settings`` give the learning rate at the epoch's end.
    epoch : int — 0 for the first epoch.
    start : float — ``time.perf_counter()`` when the epoch began.
    loss_sum : float — the loss summed over the epoch's training examples.
    examples : int — the epoch's training examples: pairs (skip-gram) or windows (CBOW).
    tokens : int — in-vocabulary corpus tokens per epoch, for word2vec's speed.
    callback : callable, optional

    Returns
    -------
    EpochRecord — mean loss per example, ``alpha`` after ``epoch + 1`` epochs, ``tokens / seconds``.

    Example: epoch 0, loss_sum 60.0 over 20 pairs → a record with ``epoch=1, loss=3.0, pairs=20``.
    """
    seconds = time.perf_counter() - start
    record = EpochRecord(epoch=epoch + 1, loss=loss_sum / examples, alpha=learning_rate(model.settings, epoch + 1),
                         pairs=examples, seconds=seconds, tokens_per_s=tokens / seconds)
    model.history.append(record)
    if callback is not None:
        callback(model, record)
    return record


@contextlib.contextmanager
def progress_bar(tokens_per_epoch: int, epochs: int, enabled: bool = True):
    """A tqdm bar counting corpus tokens over all epochs; its rate is word2vec's tokens/s."""
    from tqdm.auto import tqdm
    with tqdm(total=tokens_per_epoch * epochs, unit="tok", unit_scale=True, disable=not enabled, desc="training",
              bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_fmt}]") as bar:
        yield bar
