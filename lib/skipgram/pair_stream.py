"""An epoch's pairs as a stream: the corpus cut into chunks, chunks visited in a shuffled order.

The PyTorch engine used to make a whole epoch's pairs, shuffle them, then train:
on a corpus of 17M tokens that is about 79M pairs, 2 GB with their shuffle. Here
the corpus is cut, at sentence ends, into chunks of about
``TrainingSettings.chunk_tokens`` tokens. Each epoch visits the chunks in an
order drawn from the epoch's generator, and turns one chunk at a time into pairs
(:func:`lib.skipgram.torch_pairs.device_pairs`: the same specification,
:mod:`lib.skipgram.epoch_pairs`, applied chunk by chunk, since no window crosses a
sentence's end), shuffled within the chunk. While the engine trains on one
chunk, the next one's pairs are made on a thread of their own, so at most two
chunks' pairs are held at once: at most ``2 · 2w · chunk_tokens`` pairs.

The corpus itself may be sentences in memory, encoded to word ids one chunk at a
time (:class:`SentenceChunks`, what the engine uses), word ids in memory
(:class:`CorpusChunks`), or a text file, one sentence a line, read one chunk at a
time (:class:`FileChunks`, as Gensim's ``corpus_file``); with sentences or a file,
the engine holds nothing of the corpus's size beyond what it was given.
"""
from __future__ import annotations

import ctypes
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import torch

from lib.skipgram.torch_pairs import device_pairs
from lib.text.vocabulary import EmptyVocabularyError, Vocabulary


def chunk_bounds(sentence_of: np.ndarray, chunk_tokens: int | None) -> np.ndarray:
    """Where the chunks start and end: token positions, each a sentence's start (or the end).

    Parameters
    ----------
    sentence_of : int array, shape (N,) — the sentence of each token, non-decreasing.
    chunk_tokens : int or None — a new chunk starts at the first sentence start at or after every
        multiple of ``chunk_tokens``; None keeps the corpus as one chunk.

    Returns
    -------
    int64 array, shape (n_chunks + 1,) — chunk k is tokens ``bounds[k]:bounds[k + 1]``.
    Example: sentences of 3, 3 and 2 tokens, chunk_tokens 4 → ``[0, 6, 8]``.
    """
    sentence_of = np.asarray(sentence_of)
    n = len(sentence_of)
    if chunk_tokens is None or n == 0:
        return np.array([0, n], dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, sentence_of[1:] != sentence_of[:-1]])
    first_after = np.searchsorted(starts, np.arange(0, n, chunk_tokens))   # per multiple of chunk_tokens
    cuts = np.unique(starts[first_after[first_after < len(starts)]])
    return np.r_[cuts, n].astype(np.int64)


class CorpusChunks:
    """A corpus held as word ids (on the training device), served chunk by chunk without copies.

    Parameters
    ----------
    ids, sentence_of : int32 arrays, shape (N,) — :meth:`Vocabulary.encode_corpus`'s output.
    chunk_tokens : int or None — :func:`chunk_bounds`.
    device : torch.device

    Example: ``CorpusChunks(ids, sentence_of, 1_000_000, "cpu").chunk(0)`` → the first
    million tokens' (ids, sentence_of) tensors, ending at a sentence's end.
    """

    def __init__(self, ids, sentence_of, chunk_tokens: int | None, device):
        self.bounds = chunk_bounds(sentence_of, chunk_tokens)
        self.ids = torch.from_numpy(np.asarray(ids)).to(device)
        self.sentence_of = torch.from_numpy(np.asarray(sentence_of)).to(device)
        self.total_tokens = len(ids)

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def tokens(self, k: int) -> int:
        """Tokens of chunk ``k``."""
        return int(self.bounds[k + 1] - self.bounds[k])

    def chunk(self, k: int):
        """Chunk ``k``'s (ids, sentence_of) tensors, shape (n_k,): views, not copies."""
        a, b = self.bounds[k], self.bounds[k + 1]
        return self.ids[a:b], self.sentence_of[a:b]


class SentenceChunks:
    """A corpus held as the caller's sentences, turned into word ids one chunk at a time.

    Nothing of the corpus's size is made: each chunk's sentences are encoded when the chunk is
    needed (a few tenths of a second per million tokens, on the thread that makes the next chunk's
    pairs while the engine trains), so memory holds the sentences it was given and a chunk's ids.
    Chunks are cut as :class:`FileChunks` cuts a file of the same sentences, one a line: a chunk
    starts at the first sentence at or after every multiple of ``chunk_tokens`` tokens, counted
    before out-of-vocabulary words are dropped.

    Parameters
    ----------
    sentences : list of list of str
    vocab : Vocabulary
    chunk_tokens : int or None — None keeps the corpus as one chunk.
    device : torch.device

    Example: 10 sentences of 100 in-vocabulary words, chunk_tokens 300 → 4 chunks of 300, 300,
    300 and 100 tokens; ``chunk(0)`` → the first three sentences' (ids, sentence_of) tensors.
    """

    def __init__(self, sentences, vocab: Vocabulary, chunk_tokens: int | None, device="cpu"):
        self.sentences, self.vocab, self.device = sentences, vocab, torch.device(device)
        lengths = np.fromiter(map(len, sentences), dtype=np.int64, count=len(sentences))
        starts = np.cumsum(lengths) - lengths                           # each sentence's first token
        if chunk_tokens is None or len(sentences) == 0:
            cuts = np.zeros(1, dtype=np.int64)
        else:
            cuts = np.unique(np.searchsorted(starts, np.arange(0, max(int(lengths.sum()), 1), chunk_tokens)))
        self.bounds = np.r_[cuts[cuts < len(sentences)], len(sentences)].astype(np.int64)
        index = vocab.index
        done = np.r_[0, np.cumsum([sum(w in index for w in s) for s in sentences], dtype=np.int64)]
        self._tokens = (done[self.bounds[1:]] - done[self.bounds[:-1]]).tolist()   # in-vocabulary, per chunk
        self.total_tokens = int(sum(self._tokens))

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def tokens(self, k: int) -> int:
        """In-vocabulary tokens of chunk ``k``."""
        return self._tokens[k]

    def chunk(self, k: int):
        """Chunk ``k``'s sentences as word ids: its (ids, sentence_of) int32 tensors, shape (n_k,)."""
        ids, sentence_of = self.vocab.encode_corpus(self.sentences[self.bounds[k]:self.bounds[k + 1]])
        return torch.from_numpy(ids).to(self.device), torch.from_numpy(sentence_of).to(self.device)


class FileChunks:
    """A corpus in a text file (one sentence a line, words split by whitespace), read chunk by chunk.

    Opening the file reads it once, line by line, to count the words (the vocabulary, unless one is
    given) and to note the byte offset where each chunk starts; training then reads one chunk at a
    time. Memory never holds more than a chunk of the corpus.

    Parameters
    ----------
    path : str — the corpus file (UTF-8).
    chunk_tokens : int — a chunk starts at the first line at or after every multiple of
        ``chunk_tokens`` tokens, as in :func:`chunk_bounds` (tokens counted before out-of-vocabulary
        words are dropped); a file cannot be held whole, so None is refused.
    min_count : int — the vocabulary's threshold, when ``vocab`` is not given.
    vocab : Vocabulary, optional
    device : torch.device

    Example: a file of 10 lines of 100 words, chunk_tokens 300 → 4 chunks of 3, 3, 3 and 1 lines.
    With no out-of-vocabulary word its chunks are :class:`CorpusChunks`' chunks of the same sentences.
    """

    def __init__(self, path: str, chunk_tokens: int, min_count: int = 5, vocab: Vocabulary | None = None,
                 device="cpu"):
        if chunk_tokens is None:
            raise ValueError("a corpus file is read a chunk at a time: give chunk_tokens a number, "
                             "e.g. TrainingSettings(chunk_tokens=1_000_000)")
        self.path, self.device = path, torch.device(device)
        counter, offsets, tokens, next_cut, offset = Counter(), [0], 0, chunk_tokens, 0
        with open(path, "rb") as f:
            for line in f:   # a chunk starts at the first line at or after each multiple of chunk_tokens
                if tokens >= next_cut:
                    offsets.append(offset)
                    next_cut = (tokens // chunk_tokens + 1) * chunk_tokens
                words = line.decode("utf-8").split()
                if vocab is None:
                    counter.update(words)
                offset += len(line)
                tokens += len(words)
        if offsets[-1] != offset:
            offsets.append(offset)
        self.offsets = offsets
        self.vocab = vocab or vocabulary_from_counts(counter, min_count, path)
        self.total_tokens = 0
        self._tokens = []
        for k in range(len(self)):
            n = len(self._encoded(k)[0])
            self._tokens.append(n)
            self.total_tokens += n

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def tokens(self, k: int) -> int:
        """In-vocabulary tokens of chunk ``k``."""
        return self._tokens[k]

    def _encoded(self, k: int):
        with open(self.path, "rb") as f:
            f.seek(self.offsets[k])
            text = f.read(self.offsets[k + 1] - self.offsets[k]).decode("utf-8")
        return self.vocab.encode_corpus(line.split() for line in text.splitlines())

    def chunk(self, k: int):
        """Chunk ``k`` read from the file: its (ids, sentence_of) tensors, shape (n_k,)."""
        ids, sentence_of = self._encoded(k)
        return torch.from_numpy(ids).to(self.device), torch.from_numpy(sentence_of).to(self.device)


def vocabulary_from_counts(counter: Counter, min_count: int, source: str = "the corpus") -> Vocabulary:
    """:meth:`Vocabulary.from_sentences`'s rule (count ≥ ``min_count``, most frequent first, ties
    alphabetical) applied to counts already made. Example: ``Counter(a=2, b=1)``, 2 → words ``['a']``."""
    kept = sorted(((w, c) for w, c in counter.items() if c >= min_count), key=lambda wc: (-wc[1], wc[0]))
    if not kept:
        raise EmptyVocabularyError(f"min_count={min_count} leaves no vocabulary in {source} "
                                   f"({len(counter)} word types). Lower min_count or use a larger corpus.")
    words, counts = zip(*kept)
    return Vocabulary(list(words), np.array(counts))


def stream_pairs(chunks, keep: torch.Tensor, window: int, generator: torch.Generator, shuffle: bool = True,
                 threads: int = 1):
    """Yield one epoch's pairs chunk by chunk: ``(tokens, centers, contexts)``, the next chunk made meanwhile.

    Parameters
    ----------
    chunks : :class:`SentenceChunks`, :class:`CorpusChunks` or :class:`FileChunks`
    keep : float tensor, shape (V,) — subsampling keep probabilities.
    window : int — w.
    generator : torch.Generator — the epoch's draws, in order: the chunks' order, then each chunk's
        subsampling, windows and permutation (:func:`device_pairs`). It is used on one thread only,
        so the same seed gives the same stream.
    shuffle : bool — visit the chunks in a random order and shuffle each chunk's pairs.
    threads : int — CPU threads for each chunk's offsets (:func:`device_pairs`).

    Yields
    ------
    tokens : int — the chunk's corpus tokens (before subsampling), for the learning-rate schedule.
    centers, contexts : int32 tensors, shape (P_k,) — the chunk's pairs.
    """
    order = torch.randperm(len(chunks), generator=generator).tolist() if shuffle else range(len(chunks))

    def make(k):
        ids, sentence_of = chunks.chunk(k)
        return (chunks.tokens(k), *device_pairs(ids, sentence_of, keep, window, generator, threads, shuffle))

    with ThreadPoolExecutor(1) as maker:
        coming = maker.submit(make, order[0]) if len(order) else None
        for i in range(len(order)):
            ready = coming.result()
            coming = maker.submit(make, order[i + 1]) if i + 1 < len(order) else None
            yield ready
            del ready
            return_freed_memory()   # the chunk is done with: its arrays are freed


def return_freed_memory() -> None:
    """Hand memory freed by finished chunks back to the operating system (glibc's ``malloc_trim``; elsewhere nothing).

    glibc's allocator keeps freed blocks in its heaps for later use. A chunk's arrays are made on
    one thread and freed on another, and what one chunk frees does not always fit the next chunk's
    requests, so without a trim the engine's resident memory creeps up chunk after chunk
    (by tens of MB over the 170 chunks of a 17M-token epoch). Trimming takes well under a millisecond.
    Example: ``return_freed_memory()`` → None, with the process's resident memory no larger than before.
    """
    global _malloc_trim
    if _malloc_trim is None:
        try:
            _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):   # not glibc: its allocator manages without
            _malloc_trim = False
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim = None
