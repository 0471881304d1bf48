"""Fine-tuning the packaged sentence encoder for a domain: the slide's recipe, as a plain training loop.

Slide "Fine-tuning for Your Domain". The recipe: prepare pairs from the domain data
(:mod:`lib.models.domain_pairs`); copy the pre-trained model M into M′; freeze the
bottom layers; for each epoch and batch, embed, compute a contrastive loss and update
the trainable parameters; evaluate on validation after every epoch; keep the best
checkpoint. The contrastive loss is sentence-transformers' MultipleNegativesRankingLoss:
for a batch of pairs (a_i, p_i), a softmax over cos(a_i, p_j)·20 whose right answer is
j = i, so the other positives are the negatives (InfoNCE with in-batch negatives).

Three ways to choose what trains (:func:`prepare_encoder`):

``frozen``  the embeddings and the bottom ``frozen_layers`` Transformer layers are fixed;
``full``    every parameter trains;
``lora``    the pre-trained weights are fixed and each attention query and value matrix
            W (d × d) gets a trainable low-rank update (α/r)·B A, with A (r × d) and
            B (d × r), via ``peft`` (Hu et al., 2021): 2·d·r parameters per matrix.

Simplified on purpose: CPU only, AdamW at a constant learning rate, the whole model
state copied in memory as the checkpoint.
"""
from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field

import numpy as np

from lib.config import SEED
from lib.models.domain_pairs import document_batches, pair_retrieval

METHODS = ("frozen", "full", "lora")
"""What trains: the top layers only, every parameter, or a LoRA adapter."""


def lora_parameter_count(d_in: int, d_out: int, r: int) -> int:
    """Trainable parameters of one LoRA update B A of a (d_out × d_in) weight: A is (r × d_in), B (d_out × r).

    Example: ``lora_parameter_count(384, 384, 8)`` → 6144.
    """
    return r * (d_in + d_out)


def trainable_parameters(model) -> tuple[int, int]:
    """``(trainable, total)`` parameter counts of a torch module. Example: a frozen model → ``(0, total)``."""
    params = list(model.parameters())
    return sum(p.numel() for p in params if p.requires_grad), sum(p.numel() for p in params)


def prepare_encoder(method: str, encoder=None, frozen_layers: int = 4, lora_rank: int = 8,
                    lora_alpha: int = 16, seed: int = SEED):
    """A copy M′ of the encoder with only the parameters that ``method`` trains left trainable.

    Parameters
    ----------
    method : ``'frozen'``, ``'full'`` or ``'lora'`` (see :data:`METHODS`)
    encoder : SentenceTransformer, optional
        Defaults to the packaged all-MiniLM-L6-v2 (:func:`lib.models.contextual.load_encoder`); never modified.
    frozen_layers : int
        For ``'frozen'``: how many of the bottom Transformer layers (of 6) are fixed, besides the embeddings.
    lora_rank, lora_alpha : int
        For ``'lora'``: rank r and scale α of the adapters on the attention query and value matrices.
    seed : int
        Seeds the adapters' random initialisation.

    Returns
    -------
    SentenceTransformer. Example: ``trainable_parameters(prepare_encoder("lora"))[0]`` → 73,728 (6 layers · 2 · 6,144).
    """
    import torch
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {METHODS}")
    if encoder is None:
        from lib.models.contextual import load_encoder
        encoder = load_encoder()
    model = copy.deepcopy(encoder)
    bert = model[0].auto_model
    layers = bert.encoder.layer
    if method == "frozen":
        if not 0 <= frozen_layers <= len(layers):
            raise ValueError(f"frozen_layers={frozen_layers}: the encoder has {len(layers)} layers")
        for module in [bert.embeddings, *layers[:frozen_layers]]:
            for p in module.parameters():
                p.requires_grad_(False)
    elif method == "lora":
        from peft import LoraConfig, get_peft_model
        torch.manual_seed(seed)
        config = LoraConfig(r=lora_rank, lora_alpha=lora_alpha, lora_dropout=0.0,
                            target_modules=["query", "value"])
        model[0].auto_model = get_peft_model(bert, config)
    return model


@dataclass
class FinetuneRun:
    """One fine-tuning run: validation (and training) scores before and after every epoch, and the kept epoch.

    ``history`` holds one dict per epoch (epoch 0 = before training) with ``loss``, ``train``
    (score on training pairs), ``validation`` and ``seconds`` (training time of that epoch);
    ``best_epoch`` is the epoch whose checkpoint was kept (0: the pre-trained model was best).
    """

    method: str
    trainable: int
    total: int
    metric: str
    history: list = field(default_factory=list)
    best_epoch: int = 0

    @property
    def best_score(self) -> float:
        """Validation score of the kept checkpoint. Example: history 0.70, 0.75, 0.72 → 0.75."""
        return self.history[self.best_epoch]["validation"]

    @property
    def train_seconds(self) -> float:
        """Seconds spent training, summed over the epochs (evaluation not included)."""
        return float(sum(h["seconds"] for h in self.history))

    def table(self):
        """The history as a pandas DataFrame indexed by epoch, with a ``kept`` column marking the checkpoint."""
        import pandas as pd
        frame = pd.DataFrame(self.history).set_index("epoch")
        frame["kept"] = frame.index == self.best_epoch
        return frame


def encode_function(model, batch_size: int = 64):
    """``texts → (n, 384) array`` with the model in evaluation mode and no gradients.

    Example: ``encode_function(load_encoder())(["a fire", "a loan"]).shape`` → ``(2, 384)``.
    """
    import torch

    def encode(texts):
        model.eval()
        with torch.inference_mode():
            return model.encode(list(texts), batch_size=batch_size, convert_to_numpy=True, show_progress_bar=False)
    return encode


def finetune(model, train_pairs, val_pairs, epochs: int, batch_size: int = 16, lr: float = 2e-5,
             method: str = "", train_probe=None, metric: str = "MRR", max_seq_length: int = 64,
             seed: int = SEED) -> FinetuneRun:
    """Train ``model`` in place with MultipleNegativesRankingLoss; evaluate after each epoch; keep the best.

    Parameters
    ----------
    model : SentenceTransformer
        From :func:`prepare_encoder`; its trainable parameters are updated.
    train_pairs, val_pairs : list of Pair
        From different documents (:func:`lib.models.domain_pairs.split_by_document`).
    epochs : int
        Passes N over the training pairs.
    batch_size : int
        Pairs per batch; a batch never holds two pairs of one document.
    lr : float
        AdamW's learning rate.
    train_probe : list of Pair, optional
        Training pairs scored after each epoch as the ``train`` column (default: up to 64 of ``train_pairs``).
    metric : str
        The :func:`lib.models.domain_pairs.pair_retrieval` score that decides the kept checkpoint.
    max_seq_length : int
        Word pieces kept per sentence.
    seed : int
        Seeds torch (dropout, adapters) and the batch order.

    Returns
    -------
    FinetuneRun; afterwards ``model`` holds the kept checkpoint. Example: 2 epochs → history of epochs 0, 1, 2.
    """
    import torch
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss
    if epochs < 1:
        raise ValueError(f"epochs={epochs}: train for at least one epoch")
    torch.manual_seed(seed)
    model.max_seq_length = max_seq_length
    params = [p for p in model.parameters() if p.requires_grad]
    if not params:
        raise ValueError("the model has no trainable parameters; build it with prepare_encoder")
    probe = list(train_probe) if train_probe is not None else list(train_pairs[:64])
    encode = encode_function(model)
    loss_fn = MultipleNegativesRankingLoss(model)
    optimizer = torch.optim.AdamW(params, lr=lr)
    trainable, total = trainable_parameters(model)
    run = FinetuneRun(method, trainable, total, metric)

    def evaluate(epoch, loss, seconds):
        run.history.append({"epoch": epoch, "loss": loss, "train": pair_retrieval(encode, probe)[metric],
                            "validation": pair_retrieval(encode, val_pairs)[metric], "seconds": seconds})

    evaluate(0, float("nan"), 0.0)
    best_state = copy.deepcopy(model.state_dict())
    for epoch in range(1, epochs + 1):
        model.train()
        start, losses_seen = time.perf_counter(), []
        for batch in document_batches(train_pairs, batch_size, seed + epoch):
            features = [model.preprocess([p.anchor for p in batch]), model.preprocess([p.positive for p in batch])]
            loss = loss_fn(features, None)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses_seen.append(loss.item())
        evaluate(epoch, float(np.mean(losses_seen)), time.perf_counter() - start)
        if run.history[-1]["validation"] > run.best_score:              # improved: save checkpoint
            run.best_epoch = epoch
            best_state = copy.deepcopy(model.state_dict())
    model.load_state_dict(best_state)
    model.eval()
    return run
