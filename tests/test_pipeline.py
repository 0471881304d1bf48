"""Specs of lib.vectors.pipeline: cleaning, the tokenizer travelling with the model, version checks, metrics.

Worked example (``test_normalised_vectors_rank_the_same_by_l2_dot_and_cosine``): for unit rows,
‖q − x‖² = ‖q‖² − 2 q·x + ‖x‖² = 2 − 2 cos(q, x), so sorting by smallest distance, largest dot
product and largest cosine gives one order; without normalisation the three orders differ.
"""
import numpy as np
import pytest
from gensim.models import KeyedVectors

from lib.vectors.pipeline import (EmbeddingModel, SearchPipeline, VectorIndex, VersionMismatchError,
                                  clean_text, memory_actual_bytes, memory_formula_bytes, similarity_scores,
                                  whitespace_tokenize)
from lib.vectors.similarity import normalize_rows


@pytest.fixture
def kv():
    rng = np.random.default_rng(0)
    words = ["cat", "dog", "sat", "mat", "stock", "market", "price", "fell"]
    k = KeyedVectors(8)
    k.add_vectors(words, rng.normal(size=(8, 8)))
    return k


def test_clean_text():
    assert clean_text("<p>Caf&eacute;\u00a0ﬁne</p>") == "Café fine"
    assert clean_text("a   b\n\tc", max_chars=3) == "a b"
    assert whitespace_tokenize("The cat's lives!") == ["The", "cat's", "lives!"]


def test_model_tokenises_with_its_own_tokenizer_and_truncates(kv):
    m = EmbeddingModel(kv, max_tokens=2)
    assert m.tokens("<b>The CAT</b> sat!") == ["the", "cat"]
    assert m.oov_rate([["cat", "Cat"]]) == 0.5
    assert np.allclose(m.embed(["Cat, dog."])[0], (kv["cat"] + kv["dog"]) / 2)
    assert not m.embed(["zzz"]).any()


def test_version_depends_on_vectors_and_tokenizer(kv):
    a, b = EmbeddingModel(kv), EmbeddingModel(kv)
    assert a.version == b.version
    assert EmbeddingModel(kv, tokenizer="whitespace").version != a.version
    kv2 = KeyedVectors(8)
    kv2.add_vectors(list(kv.index_to_key), kv.vectors + 1e-3)
    assert EmbeddingModel(kv2).version != a.version


def test_pipeline_finds_documents_and_refuses_other_versions(kv):
    docs = ["the cat sat on the mat", "stock market price fell", "dog"]
    pipe = SearchPipeline(EmbeddingModel(kv), cache_size=8).add(docs)
    assert pipe.query(["cat sat mat", "market price"], k=1)[:, 0].tolist() == [0, 1]
    pipe.query(["cat sat mat"], k=1)
    assert pipe.cache_info().hits == 1
    with pytest.raises(VersionMismatchError, match="not comparable"):
        pipe.index.search(np.ones((1, 8)), "another", k=1)
    quantised = SearchPipeline(EmbeddingModel(kv), quantize=True).add(docs)
    assert quantised.index.nbytes < pipe.index.nbytes
    assert quantised.query(["cat sat mat"], k=1)[0, 0] == 0


def test_normalised_vectors_rank_the_same_by_l2_dot_and_cosine():
    rng = np.random.default_rng(1)
    Q, D = rng.normal(size=(5, 6)), rng.normal(size=(40, 6)) * rng.uniform(0.1, 5, size=(40, 1))
    orders = {m: np.argsort(-similarity_scores(normalize_rows(Q), normalize_rows(D), m), axis=1)
              for m in ("cosine", "dot", "l2")}
    assert np.array_equal(orders["cosine"], orders["dot"]) and np.array_equal(orders["cosine"], orders["l2"])
    raw = {m: np.argsort(-similarity_scores(Q, D, m), axis=1) for m in ("cosine", "dot", "l2")}
    assert not np.array_equal(raw["cosine"], raw["l2"]) and not np.array_equal(raw["cosine"], raw["dot"])
    with pytest.raises(ValueError):
        similarity_scores(Q, D, "manhattan")


def test_memory_formulas():
    assert memory_formula_bytes(10_000, 100, 4, 32) == 128_000_000
    assert memory_actual_bytes(10_000, 100, 4, 32, 20) == {"table": 4_000_000, "activations": 256_000,
                                                          "total": 4_256_000}


def test_index_build_normalises():
    idx = VectorIndex.build(np.array([[3.0, 4.0]]), "v1")
    assert np.allclose(idx.vectors, [[0.6, 0.8]])
