"""The PyTorch engine's pairs as a stream: bounded chunks, the same specification, files read in pieces.

The specification of an epoch's pairs (:mod:`lib.skipgram.epoch_pairs`) is stated for a whole
corpus; no window crosses a sentence's end, so applying it chunk by chunk (chunks cut at
sentence ends) gives pairs with the same law. The tests hold the stream to NumPy's
realisation per distance, as ``tests/test_epoch_pairs.py`` does for a whole epoch, and check
the bound on the pairs held, the reproducibility, and training from a file under a memory cap.
"""
import numpy as np
import pytest
import torch

from lib.measure.memory_limit import train_file_under_limit, write_zipf_file
from lib.skipgram.pair_stream import CorpusChunks, FileChunks, SentenceChunks, chunk_bounds, stream_pairs
from lib.skipgram.settings import TrainingSettings
from lib.skipgram.torch_engine import train_torch
from lib.text.vocabulary import Vocabulary
from tests.test_epoch_pairs import WINDOW, assert_same_mean, corpus, distance_counts, numpy_epochs  # noqa: F401


def test_chunks_end_at_sentence_ends_and_cover_the_corpus():
    sentence_of = np.repeat([0, 1, 2], [3, 3, 2])
    assert chunk_bounds(sentence_of, 4).tolist() == [0, 6, 8]
    assert chunk_bounds(sentence_of, None).tolist() == [0, 8]
    assert chunk_bounds(np.zeros(10, int), 4).tolist() == [0, 10]   # one long sentence stays whole


def test_a_stream_holds_bounded_chunks_in_a_shuffled_reproducible_order(corpus):
    ids, sentence_of, keep = corpus
    chunks = CorpusChunks(np.arange(len(ids), dtype=np.int32), sentence_of, 2_000, "cpu")
    keep_at = torch.from_numpy(keep[ids]).float()

    def epoch(seed):
        return list(stream_pairs(chunks, keep_at, WINDOW, torch.Generator().manual_seed(seed)))
    first, again, other = epoch(0), epoch(0), epoch(1)
    assert len(first) == len(chunks) >= 5
    longest = max(chunks.tokens(k) for k in range(len(chunks)))
    assert all(len(c) <= 2 * WINDOW * longest for _, c, _ in first)
    assert sum(tokens for tokens, _, _ in first) == len(ids)
    assert all(torch.equal(a[1], b[1]) and torch.equal(a[2], b[2]) for a, b in zip(first, again))
    chunk_of = lambda stream: [int(np.searchsorted(chunks.bounds, int(c.min()), side="right")) - 1
                               for _, c, _ in stream]
    assert chunk_of(first) != chunk_of(other) and sorted(chunk_of(first)) == list(range(len(chunks)))


def test_streamed_pairs_follow_the_specification_per_distance(corpus):
    """Chunk by chunk, the pairs at each distance 1..w have the mean NumPy's whole-epoch realisation has."""
    ids, sentence_of, keep = corpus
    epochs = 300
    chunks = CorpusChunks(np.arange(len(ids), dtype=np.int32), sentence_of, 1_500, "cpu")
    keep_at, generator = torch.from_numpy(keep[ids]).float(), torch.Generator().manual_seed(0)
    counts = []
    for _ in range(epochs):
        c, o = (torch.cat(parts).numpy() for parts in zip(*[(c, o) for _, c, o in
                                                               stream_pairs(chunks, keep_at, WINDOW, generator)]))
        counts.append(distance_counts(c, o, WINDOW))
    np_counts, _ = numpy_epochs(ids, sentence_of, keep, epochs=epochs)
    assert_same_mean(np_counts, np.array(counts), "pairs per distance 1..w, streamed")


SMALL = TrainingSettings(dim=10, window=2, negative=3, sample=0, min_count=1, epochs=3, seed=0, batch_size=16)


def test_streaming_training_is_reproducible_and_learns_what_a_whole_epoch_learns(two_topics, topic_gap):
    tokens = sum(map(len, two_topics))
    small_chunks = TrainingSettings(**{**SMALL.__dict__, "chunk_tokens": tokens // 6})
    streamed = [train_torch(two_topics, small_chunks, progress=False, device="cpu") for _ in range(2)]
    whole = train_torch(two_topics, TrainingSettings(**{**SMALL.__dict__, "chunk_tokens": None}),
                        progress=False, device="cpu")
    assert np.array_equal(streamed[0].W_in, streamed[1].W_in)
    assert topic_gap(streamed[0].keyed_vectors()) > 0.5
    assert abs(topic_gap(streamed[0].keyed_vectors()) - topic_gap(whole.keyed_vectors())) < 0.15


def test_sentences_are_chunked_as_their_file_and_encoded_a_chunk_at_a_time(tmp_path):
    sentences = [["a", "b", "c"], ["a", "x", "b"], ["c", "c"], ["b", "a", "x", "a"], ["b"]]
    vocab = Vocabulary(["a", "b", "c"], np.array([5, 4, 3]))             # "x" is out of the vocabulary
    path = tmp_path / "corpus.txt"
    path.write_text("".join(" ".join(s) + "\n" for s in sentences), encoding="utf-8")
    in_memory, from_file = SentenceChunks(sentences, vocab, 4, "cpu"), FileChunks(str(path), 4, vocab=vocab)
    assert in_memory.bounds.tolist() == [0, 2, 3, 4, 5]   # sentences start at tokens 0, 3, 6, 8, 12
    assert len(in_memory) == len(from_file) == 4
    for k in range(4):
        assert in_memory.tokens(k) == from_file.tokens(k)
        assert all(torch.equal(a, b) for a, b in zip(in_memory.chunk(k), from_file.chunk(k)))
    ids, sentence_of = in_memory.chunk(0)
    assert ids.tolist() == [0, 1, 2, 0, 1] and sentence_of.tolist() == [0, 0, 0, 1, 1]
    assert [in_memory.tokens(k) for k in range(4)] == [5, 2, 3, 1] and in_memory.total_tokens == 11
    assert len(SentenceChunks(sentences, vocab, None, "cpu")) == 1


def test_a_corpus_file_trains_as_the_same_sentences_in_memory(two_topics, tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_text("".join(" ".join(s) + "\n" for s in two_topics), encoding="utf-8")
    settings = TrainingSettings(**{**SMALL.__dict__, "chunk_tokens": 50})
    from_file = FileChunks(str(path), 50, min_count=1)
    in_memory = train_torch(two_topics, settings, progress=False, device="cpu")
    assert len(from_file) > 2 and from_file.total_tokens == sum(map(len, two_topics))
    trained = train_torch(settings=settings, corpus_file=str(path), progress=False, device="cpu")
    assert trained.vocab.words == in_memory.vocab.words
    assert np.array_equal(trained.W_in, in_memory.W_in)
    with pytest.raises(ValueError, match="chunk_tokens"):
        FileChunks(str(path), None)
    with pytest.raises(ValueError, match="not both"):
        train_torch(two_topics, settings, corpus_file=str(path), progress=False, device="cpu")


def test_a_corpus_file_larger_than_the_memory_allowed_trains(tmp_path):
    """A 15 MB file, 8 MB of address space above what training its first two chunks needed: reading the file whole
    fails with MemoryError, training from it a chunk at a time succeeds."""
    path = str(tmp_path / "big.txt")
    size = write_zipf_file(path, n_tokens=4_000_000, n_types=1_000)
    settings = TrainingSettings(dim=4, window=1, negative=1, epochs=1, batch_size=65_536, chunk_tokens=200_000)
    run = train_file_under_limit(path, settings, headroom_mb=8)
    assert size / 2 ** 20 > 1.4 * run["headroom_mb"]
    assert run["loading_whole_file"] == "MemoryError"
    assert run["tokens"] == 4_000_000 and np.isfinite(run["loss"])
