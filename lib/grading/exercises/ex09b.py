"""Exercise 9b checks: latency percentiles, LoRA's parameter count, a split by document, the kept checkpoint.

Slides: "Choosing the Right Embedding Model" (latency) and "Fine-tuning for Your Domain"
(adapters, validation on held-out data, "if improved then save checkpoint").
Expected values come from :mod:`lib.measure.model_choice` and :mod:`lib.models.finetuning`.

Notebook use::

    from lib.grading.exercises import ex09b
    ex09b.check("q1")
    ex09b.check_all(globals())
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import as_number, call, close, fail, pair, short_repr
from lib.grading.questions import Exercise
from lib.measure.model_choice import percentiles_ms
from lib.models.finetuning import lora_parameter_count

exercise = Exercise("ex09b", "Choosing and fine-tuning: percentiles, LoRA, an honest split",
                    notebook="09b_choosing_finetuning")
check = exercise.check
check_all = exercise.check_all

TIMINGS = [0.004, 0.005, 0.0045, 0.006, 0.0042, 0.0048, 0.0051, 0.030, 0.0047, 0.0049,
           0.0052, 0.0046, 0.0044, 0.0050, 0.0053, 0.0043, 0.0041, 0.0055, 0.0056, 0.0120]
"""Twenty encode times in seconds, two of them slow (a shared machine)."""


@exercise.question("q1", points=1, answer="latency_percentiles")
def check_percentiles(latency_percentiles):
    """latency_percentiles(seconds) → {"p50": …, "p95": …} in milliseconds (NumPy's linear interpolation)."""
    for timings in [TIMINGS, TIMINGS[:7], [0.002]]:
        label = f"latency_percentiles({short_repr(timings)})"
        got = call(latency_percentiles, list(timings))
        if not isinstance(got, dict) or not {"p50", "p95"} <= set(got):
            fail(f"{label} returned {short_repr(got)}; return a dict with keys 'p50' and 'p95'")
        want = percentiles_ms(timings)
        p50, p95 = as_number(got["p50"], f"{label}['p50']"), as_number(got["p95"], f"{label}['p95']")
        if close(p50, want["p50"]) and close(p95, want["p95"]):
            continue
        if close(p50, want["p50"] / 1000) and close(p95, want["p95"] / 1000):
            fail(f"{label} is in seconds; the slide and the table speak of milliseconds: multiply by 1000")
        if close(p50, 1000 * np.mean(timings)):
            fail(f"{label}['p50'] = {p50:.3f} is the mean; the p50 is the median, which one slow call barely moves")
        if close(p95, 1000 * max(timings)):
            fail(f"{label}['p95'] = {p95:.3f} is the maximum; the p95 is the value 95 % of the calls stay under")
        fail(f"{label} returned p50 {p50:.4f}, p95 {p95:.4f}; expected {want['p50']:.4f}, {want['p95']:.4f}")
    return "median and 95th percentile, in milliseconds"


@exercise.question("q2", points=1, answer="lora_trainable")
def check_lora(lora_trainable):
    """lora_trainable(d_in, d_out, r, n_matrices): parameters of rank-r LoRA updates of n_matrices weights."""
    for args in [(384, 384, 8, 12), (768, 768, 16, 24), (100, 50, 1, 1)]:
        label = f"lora_trainable{args}"
        got = as_number(call(lora_trainable, *args), label)
        d_in, d_out, r, n = args
        want = n * lora_parameter_count(d_in, d_out, r)
        if got == want:
            continue
        if got == lora_parameter_count(d_in, d_out, r):
            fail(f"{label} returned {got:,.0f}, the count of one matrix; multiply by the number of matrices")
        if got == n * d_in * d_out:
            fail(f"{label} returned {got:,.0f} = the full matrices; LoRA trains only A (r × d_in) and B (d_out × r)")
        if got == n * r * d_in * d_out:
            fail(f"{label} returned {got:,.0f} = r·d_in·d_out per matrix; the update B A has r·(d_in + d_out) entries")
        fail(f"{label} returned {got:,.0f}, expected {want:,}")
    return "r·(d_in + d_out) per adapted matrix"


PAIRS = [(f"sentence {d}.{i}", f"sentence {d}.{i + 1}", d) for d in range(20) for i in range(1 + d % 3)]
"""Pairs (anchor, positive, document) from 20 documents with 1 to 3 pairs each."""


@exercise.question("q3", points=2, answer="split_pairs")
def check_split(split_pairs):
    """split_pairs(pairs, validation, seed) → (train, val): whole documents on each side, a share of documents held out."""
    for validation, seed in [(0.2, 0), (0.25, 1), (0.5, 2)]:
        label = f"split_pairs(pairs, validation={validation}, seed={seed})"
        result = call(split_pairs, list(PAIRS), validation, seed)
        train, val = [list(map(tuple, side)) for side in pair(result, label, ["train", "val"])]
        if sorted(train + val) != sorted(PAIRS):
            fail(f"{label}: train and val together must hold every pair exactly once")
        shared = {p[2] for p in train} & {p[2] for p in val}
        if shared:
            fail(f"{label}: document {min(shared)} has pairs in both train and val; split the documents, "
                 "not the pairs, or validation rewards remembering an article")
        n_val = len({p[2] for p in val})
        if n_val != round(validation * 20):
            fail(f"{label} held out {n_val} of 20 documents; expected {round(validation * 20)} (a share of documents)")
    val_docs = [sorted({p[2] for p in call(split_pairs, list(PAIRS), 0.2, s)[1]}) for s in range(4)]
    if len({tuple(v) for v in val_docs}) == 1:
        fail("split_pairs holds out the same documents for every seed; shuffle the documents with the seed")
    return "whole documents on each side, the right share held out, shuffled by the seed"


@exercise.question("q4", points=1, answer="kept_epoch")
def check_kept(kept_epoch):
    """kept_epoch(val_scores): the epoch whose checkpoint the recipe keeps (index 0 = the pretrained model)."""
    for scores in [[0.60, 0.64, 0.66, 0.63], [0.70, 0.65, 0.62], [0.5, 0.6, 0.6, 0.55], [0.4, 0.5, 0.7]]:
        label = f"kept_epoch({scores})"
        got = call(kept_epoch, list(scores))
        want = int(np.argmax(scores))
        if got == want:
            continue
        if got == len(scores) - 1:
            fail(f"{label} returned the last epoch; the recipe saves a checkpoint only when validation improved")
        if got == int(np.argmin(scores)):
            fail(f"{label} returned the lowest score's epoch; these are scores (higher is better), not losses")
        if scores == [0.5, 0.6, 0.6, 0.55] and got == 2:
            fail(f"{label} returned 2; epoch 2 only ties epoch 1, and 'if improved' needs a strictly higher score")
        fail(f"{label} returned {short_repr(got)}, expected {want}")
    return "the first epoch with the best validation score (0 if training never beat the pretrained model)"


# ----------------------------------------------------------------------------- typical wrong answers

def _split_random_pairs(pairs, validation, seed):
    order = np.random.default_rng(seed).permutation(len(pairs))
    n_val = round(validation * len(pairs))
    return [pairs[i] for i in order[n_val:]], [pairs[i] for i in order[:n_val]]


def _split_first_documents(pairs, validation, seed):
    n_val = round(validation * len({p[2] for p in pairs}))
    return [p for p in pairs if p[2] >= n_val], [p for p in pairs if p[2] < n_val]


WRONG_ANSWERS = {
    "q1": [("seconds", lambda s: {"p50": float(np.median(s)), "p95": float(np.percentile(s, 95))}),
           ("mean and max", lambda s: {"p50": 1000 * float(np.mean(s)), "p95": 1000 * float(np.max(s))})],
    "q2": [("full matrices", lambda d_in, d_out, r, n: n * d_in * d_out),
           ("one matrix", lambda d_in, d_out, r, n: r * (d_in + d_out))],
    "q3": [("pairs split at random", _split_random_pairs), ("first documents held out", _split_first_documents)],
    "q4": [("last epoch", lambda s: len(s) - 1), ("lowest score", lambda s: int(np.argmin(s))),
           ("last best on a tie", lambda s: len(s) - 1 - int(np.argmax(s[::-1])))],
}
"""Typical wrong answers per question; the tests require each to lose that question's points."""
