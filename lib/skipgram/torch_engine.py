"""Skip-gram with negative sampling in PyTorch: the NumPy reference's model, on a GPU when there is one.

Same model, hyperparameters and defaults as :mod:`lib.skipgram.numpy_engine`; what
changes is where the work happens. The corpus is turned into word ids one chunk
at a time, from the sentences given or from a file, and each epoch's subsampling,
dynamic windows, shuffling (:mod:`lib.skipgram.torch_pairs`) and negative draws
(:mod:`lib.skipgram.alias_noise`) are tensor operations on the device, made one chunk
of the corpus at a time (:mod:`lib.skipgram.pair_stream`), so that memory holds two
chunks' ids and pairs, never an epoch's, and the only Python loops are over chunks
and mini-batches. On the CPU the two tables are trained in place: the model's NumPy
arrays are the tensors the steps update. Updates are plain SGD on the rows a batch touches
(``index_add_``), with word2vec's linear learning-rate decay — no autograd, no
dense optimiser state (Adam on a 70k × 100 table would move every row at every
step and, in practice, trains worse).

Large batches. A batch's updates are computed from the same weights and summed.
A frequent word then receives thousands of gradient contributions at once that
word2vec would have applied one after another, each shrinking the next; summed,
they overshoot, and at about 10^5 pairs per batch training diverges to NaN (we
reproduced this on the shipped corpus). With ``damping=True`` (the default)
every row's summed step is divided by ``1 + lr · Σ σ'(s)|x|²`` — the summed
Gauss–Newton curvature of that row's losses — an implicit (proximal) SGD step.
A row touched once or twice keeps the plain SGD step; a busy row's step is
bounded by the Newton step on its summed loss.

Compiling. Each line of :func:`sgd_step` is a separate pass over a (B, 1+K, d)
block of memory. With ``compile=True`` :func:`compile_step` hands the step to
``torch.compile``, which fuses the gathers, products, sums and scatters into a
few loops (C++ on a CPU, Triton kernels on a GPU) that read each row once —
the same arithmetic, to float32 rounding, without the intermediate blocks.
"""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import torch

from lib.measure.timing import timed
from lib.skipgram.alias_noise import AliasNoise
from lib.skipgram.epoch_pairs import NoTrainingPairsError
from lib.skipgram.model import EpochRecord, SkipGramModel, init_weights
from lib.skipgram.pair_stream import FileChunks, SentenceChunks, stream_pairs
from lib.skipgram.settings import TrainingSettings, learning_rate
from lib.text.vocabulary import Vocabulary
from lib.skipgram.training import check_finite, diverged_keeps, progress_bar, training_input

CHECK_EVERY = 50
"""Batches between checks that the loss is finite (each check waits for the device, so not every batch).

A non-finite weight shows up in the loss as soon as a batch uses its row, so checking the
loss often and the whole tables once per epoch finds every divergence."""


def default_device() -> torch.device:
    """CUDA if available, else the CPU."""
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def row_damping(rows: torch.Tensor, curvature: torch.Tensor, n_rows: int, lr: float) -> torch.Tensor:
    """Each entry's step factor ``1 / (1 + lr · Σ curvature)``, the sum over the entries sharing its row.

    Parameters
    ----------
    rows : int tensor, shape (M,) — the row each batch entry updates.
    curvature : float tensor, shape (M,) — each entry's Gauss–Newton curvature of the loss
        along its row, σ'(s)·|x|².
    n_rows : int — rows in the table (V).

    Returns
    -------
    float tensor, shape (M,). A row touched once or twice has a tiny sum and keeps
    (almost) the plain SGD step; a frequent word's row, hit thousands of times,
    takes a step no larger than a Newton step on its summed loss — the place
    word2vec's one-at-a-time updates would have settled — instead of overshooting it.
    Example: rows [3, 3], curvature [0.5, 0.5], lr 1 → both factors 1 / (1 + 1) = 0.5.
    """
    total = torch.zeros(n_rows, dtype=curvature.dtype, device=curvature.device).index_add_(0, rows, curvature)
    return 1.0 / (1.0 + lr * total.index_select(0, rows))


def sgd_step(W_in, W_out, centers, contexts, negatives, lr, damping: bool = True):
    """One SGD step with negative sampling; returns the summed loss as a 0-d tensor (no sync).

    Shapes: ``centers``, ``contexts`` (B,); ``negatives`` (B, K); ``lr`` a float or a 0-d tensor
    (training passes a tensor on the device, so that no step waits for a copy from the host). The gradients are
    those of :func:`lib.skipgram.numpy_engine.negative_sampling_score_grads`; with
    ``damping=False`` the step is exactly :func:`lib.skipgram.numpy_engine.sgd_step_negative_sampling`'s.
    With damping, every row's summed step is scaled by :func:`row_damping`.

    The operations are chosen for the CPU as much as for the GPU: rows are
    gathered with ``index_select`` and the B small dot products are an
    elementwise product and a sum — on a CPU both are several times faster
    than advanced indexing and ``bmm`` over B tiny matrices (chapter 15 measures this).
    The gathered output rows ``u`` stay one row per (pair, output word), so that the scores and
    the squared norms the damping needs are two sums over the same rows: compiled, they are
    one loop, which reads each gathered row once instead of twice.
    """
    B, d = len(centers), W_in.shape[1]
    n_out = 1 + negatives.shape[1]                                         # 1 + K output words per pair
    outputs = torch.cat([contexts[:, None], negatives], dim=1).reshape(-1)   # (B(1+K),): context first
    v_c = W_in.index_select(0, centers)                                    # (B, d)
    u = W_out.index_select(0, outputs)                                     # (B(1+K), d): one row per output
    v_each = v_c[:, None, :].expand(B, n_out, d).reshape(-1, d)            # (B(1+K), d): its center's v_c
    scores = (u * v_each).sum(1).view(B, n_out)                            # s = u_w · v_c, (B, 1+K)
    loss = torch.nn.functional.softplus(-scores[:, 0]).sum() + \
        torch.nn.functional.softplus(scores[:, 1:]).sum()                 # −log σ(s_o) − Σ log σ(−s_k)
    prob = torch.sigmoid(scores)
    g = prob.clone()
    g[:, 0] -= 1.0                                                         # ∂J/∂s = σ(s) − label
    step_in = (g[..., None] * u.view(B, n_out, d)).sum(1).mul_(-lr)        # −lr Σ_w g_w u_w, (B, d)
    step_g = -lr * g                                                       # (B, 1+K)
    if damping:
        sig_prime = prob * (1 - prob)                                      # σ'(s): the loss's curvature in s
        u_squared = (u * u).sum(1).view(B, n_out)                          # |u_w|², same loop as the scores
        step_g *= row_damping(outputs, (sig_prime * (v_c * v_c).sum(1, keepdim=True)).reshape(-1),
                              len(W_out), lr).view(B, -1)
        step_in *= row_damping(centers, (sig_prime * u_squared).sum(1), len(W_in), lr)[:, None]
    # Both updates use the rows as they were before the step. W_in first: compiled, the step then
    # keeps a copy of the (B, d) block v_c, not of the (B(1+K), d) block u (about 14% faster on a CPU).
    W_in.index_add_(0, centers, step_in)                                   # v_c −= lr Σ_w g_w u_w
    W_out.index_add_(0, outputs, (step_g[..., None] * v_c[:, None, :]).view(-1, d))   # u_w −= lr g_w v_c
    return loss


def compile_step(W_in, W_out, batch_size: int, negative: int, damping: bool = True, mode: str | None = None):
    """:func:`sgd_step` compiled by ``torch.compile`` for batches of exactly ``batch_size`` pairs.

    Parameters
    ----------
    W_in, W_out : float tensors, shape (V, d) — the tables the step will update.
    batch_size, negative : int — B and K of the batches to come (shapes are fixed, so the
        compiler can specialise the loops to them).
    mode : None or a ``torch.compile`` mode — ``"reduce-overhead"`` also records the step as a
        CUDA graph on a GPU, replayed with one launch instead of one per kernel (the tables are
        marked as fixed addresses for it).

    On a CPU the step is built with inductor's C++ wrapper (``cpp_wrapper``), which lets go of
    Python's interpreter lock while the loops run, so several threads can train at once — the
    default Python wrapper keeps the lock, and two threads then take turns (chapter 15 times one thread against two).

    Returns
    -------
    A function with :func:`sgd_step`'s signature; pass the learning rate as a 0-d tensor, which
    the compiled code reads at each call (a Python float would be compiled in as a constant).
    It is compiled here, once, by a step on a batch of zeros with learning rate 0, which leaves
    the tables as they are, so that threads training at once never compile at the same time.
    Raises RuntimeError naming the fix if the compiler is missing (``torch.compile`` needs a C++
    compiler on the CPU and Triton on a GPU).
    """
    on_cpu = W_in.device.type == "cpu" and mode is None
    step = torch.compile(sgd_step, dynamic=False, mode=mode, options={"cpp_wrapper": True} if on_cpu else None)
    if mode == "reduce-overhead":
        torch._dynamo.mark_static_address(W_in)
        torch._dynamo.mark_static_address(W_out)
    ids = torch.zeros(batch_size, dtype=torch.int32, device=W_in.device)
    noise = torch.zeros(batch_size, negative, dtype=torch.int32, device=W_in.device)
    zero_lr = torch.zeros((), dtype=torch.float64, device=W_in.device)
    try:
        with torch.no_grad():   # as in training: the compiled code is specialised to it
            for _ in range(3 if mode == "reduce-overhead" else 1):   # CUDA graphs record on a later call
                step(W_in, W_out, ids, ids, noise, zero_lr, damping)
    except Exception as error:   # the compiler's own errors have many types
        raise RuntimeError(f"torch.compile could not build the training step on {W_in.device} "
                           f"({type(error).__name__}: {str(error)[:300]}). It needs a C++ compiler on a CPU "
                           "and Triton on a GPU; install one, or train with compile=False.") from error
    return step


def train_torch(sentences=None, settings: TrainingSettings | None = None, *, progress: bool = True, vocab=None,
                callback=None, device=None, damping: bool = True, shuffle: bool = True, workers: int = 1,
                compile: bool | str = False, corpus_file: str | None = None) -> SkipGramModel:
    """Train skip-gram with negative sampling on ``device`` (CUDA if present, else CPU).

    ``sentences``, ``settings``, ``progress``, ``vocab`` and ``callback`` are those of
    :func:`lib.skipgram.numpy_engine.train_numpy`; the model starts from the same weights
    and follows the same pairs and learning rates (:mod:`lib.skipgram.epoch_pairs`). In addition:

    device : str or torch.device, optional
    damping : bool
        Scale each row's summed step by :func:`row_damping` (see the module
        docstring); False gives plain summed SGD, which diverges at large batches.
    shuffle : bool
        Visit the corpus's chunks in a random order and shuffle each chunk's pairs (on the
        device) before cutting batches, so a large batch mixes a whole chunk instead of one
        stretch of text. Pairs are made a chunk of ``settings.chunk_tokens`` tokens at a time
        (:mod:`lib.skipgram.pair_stream`), the next chunk's while this one trains; ``chunk_tokens=None``
        makes and shuffles the whole epoch's pairs at once.
    corpus_file : str, optional
        Train on a text file instead of ``sentences`` (one sentence a line, words split by
        whitespace), read one chunk at a time (:class:`lib.skipgram.pair_stream.FileChunks`):
        the corpus may be larger than memory.
    workers : int
        CPU threads that train at once, each on its own batches, updating the shared
        tables without locks — word2vec's and gensim's "Hogwild" scheme. With one
        worker (the default) the same seed gives the same vectors; with more, the
        order of the updates depends on thread timing, as in gensim with several workers.
    compile : bool or str
        Train full batches with :func:`compile_step` (the last, shorter batch of an epoch
        runs uncompiled); a string is the ``torch.compile`` mode, e.g. ``"reduce-overhead"``.
        The same updates, to float32 rounding, with fewer passes through memory — faster on
        a GPU and, with a vocabulary small enough for the caches, on a CPU.
        With several workers every thread calls the same compiled step, which runs
        without holding Python's interpreter lock (:func:`compile_step`).
        Compiling takes seconds to a minute, once per process. It runs on a thread of its
        own while the first epoch's pairs are made; the first epoch's ``seconds`` count
        from its start, and the compiler's own time is recorded as ``compile_seconds``.

    Memory. Beside PyTorch itself (and its compiler, with ``compile``), the engine holds the
    two tables once (on the CPU the model's arrays are trained in place; between epochs the
    model, and so ``callback``, gets copies, which also keep the last finite tables should a
    later epoch diverge), two (V,) arrays for the negatives (:class:`~lib.skipgram.alias_noise.AliasNoise`),
    and at most two chunks' word ids and pairs — not the corpus as word ids.

    Returns
    -------
    SkipGramModel
        With NumPy ``W_in``/``W_out`` on the host, like the NumPy engine's.
    """
    device = torch.device(device) if device is not None else default_device()
    if workers < 1 or (workers > 1 and device.type != "cpu"):
        raise ValueError(f"workers must be 1, or more than 1 on the CPU only; got {workers} on {device}")
    if corpus_file is not None:
        if sentences is not None:
            raise ValueError("give either sentences or corpus_file, not both")
        settings = training_input([["corpus", "file"]], settings)[1]   # checks the settings only
        chunks = FileChunks(corpus_file, settings.chunk_tokens, settings.min_count, vocab, device)
        vocab = chunks.vocab
    else:
        sentences, settings = training_input(sentences, settings)
        vocab = vocab or Vocabulary.from_sentences(sentences, settings.min_count)
        chunks = SentenceChunks(sentences, vocab, settings.chunk_tokens, device)   # encoded a chunk at a time
        del sentences
    batch_size, negative, window = settings.batch_size, settings.negative, settings.window
    W_in_np, W_out_np = init_weights(len(vocab), settings.dim, np.random.default_rng(settings.seed))   # NumPy's start
    in_place = device.type == "cpu"   # on the CPU the engine trains NumPy's arrays themselves: no copies
    W_in, W_out = ((torch.from_numpy(W_in_np), torch.from_numpy(W_out_np)) if in_place else
                   (torch.tensor(W_in_np, device=device), torch.tensor(W_out_np, device=device)))
    keep = torch.from_numpy(vocab.keep_probabilities(settings.sample)).to(device=device, dtype=torch.float32)
    noise = AliasNoise(vocab.noise_distribution(settings.ns_exponent), device)
    pair_generator = torch.Generator(device=device).manual_seed(settings.seed)
    generators = [torch.Generator(device=device).manual_seed(settings.seed + 1 + w) for w in range(workers)]
    model = SkipGramModel(vocab, W_in_np, W_out_np, settings, engine="torch")
    total_tokens = chunks.total_tokens
    training_start = time.perf_counter()
    compiling = None
    if compile:   # on a thread of its own, while the first chunk's pairs are made (the compiler is mostly
        # a C++ or Triton build in another process, and the pairs' tensor operations let go of the lock)
        mode = compile if isinstance(compile, str) else None
        compiler = ThreadPoolExecutor(1)
        compiling = compiler.submit(timed, compile_step, W_in, W_out, batch_size, negative, damping, mode)
        compiler.shutdown(wait=False)   # takes no more tasks; the thread ends with the compile
    full_batch_step, compile_seconds = sgd_step, 0.0

    @torch.no_grad()   # gradient mode is per thread; the compiled step was built without it
    def run_batches(first, steps, lrs, centers, contexts, generator, bar, tokens):
        """Batches first, first + workers, … of this chunk; returns their summed loss (0-d tensor)."""
        loss_sum = torch.zeros((), device=device, dtype=torch.float64)
        n_pairs = len(centers)
        for number, step in enumerate(range(first, steps, workers)):
            lr = lrs[step]                                                 # 0-d, on the device: no copy per step
            c = centers[step * batch_size:(step + 1) * batch_size]
            o = contexts[step * batch_size:(step + 1) * batch_size]
            negatives = noise.draw(len(c) * negative, generator).view(len(c), negative)
            step_function = full_batch_step if len(c) == batch_size else sgd_step
            loss_sum += step_function(W_in, W_out, c, o, negatives, lr, damping)
            if (number + 1) % CHECK_EVERY == 0 and not torch.isfinite(loss_sum):   # one sync per CHECK_EVERY
                break
            bar.update(tokens * len(c) / n_pairs)
        return loss_sum

    with progress_bar(total_tokens, settings.epochs, progress) as bar, diverged_keeps(model), torch.no_grad():
        for epoch in range(settings.epochs):
            start = training_start if epoch == 0 else time.perf_counter()
            loss_sum, n_pairs, tokens_done = torch.zeros((), device=device, dtype=torch.float64), 0, 0
            for tokens, centers, contexts in stream_pairs(chunks, keep, window, pair_generator, shuffle, workers):
                if compiling is not None:
                    full_batch_step, compile_seconds = compiling.result()
                    compiling = None
                steps = -(-len(centers) // batch_size)
                # the schedule's progress: corpus tokens done, as word2vec.c counts it, spread over the chunk's pairs
                done = tokens_done + tokens * np.arange(steps) * batch_size / max(len(centers), 1)
                lrs = torch.from_numpy(learning_rate(settings, epoch + done / total_tokens)).to(device)
                args = (steps, lrs, centers, contexts)
                if workers == 1:
                    loss_sum += run_batches(0, *args, generators[0], bar, tokens)
                else:
                    with ThreadPoolExecutor(workers) as pool:
                        parts = [pool.submit(run_batches, w, *args, generators[w], bar, tokens)
                                 for w in range(workers)]
                        loss_sum += sum(part.result() for part in parts)
                n_pairs, tokens_done = n_pairs + len(centers), tokens_done + tokens
                del centers, contexts, args   # before the stream makes the chunk after next
                if not torch.isfinite(loss_sum):
                    break
            if n_pairs == 0:
                raise NoTrainingPairsError()
            if not (torch.isfinite(loss_sum) and torch.isfinite(W_in).all() and torch.isfinite(W_out).all()):
                if in_place and epoch == 0:   # the model holds the training tables: give it the start again
                    model.W_in, model.W_out = init_weights(len(vocab), settings.dim,
                                                           np.random.default_rng(settings.seed))
                # otherwise the model holds the previous epoch's weights: the last finite ones.
                check_finite(np.array([np.nan]), epoch, settings)
            if device.type == "cuda":
                torch.cuda.synchronize()
            seconds = time.perf_counter() - start
            model.W_in, model.W_out = W_in.cpu().numpy(), W_out.cpu().numpy()   # on the CPU: the tables themselves
            if in_place and epoch + 1 < settings.epochs:   # copies, which the next epoch leaves as they are
                model.W_in, model.W_out = model.W_in.copy(), model.W_out.copy()
            record = EpochRecord(epoch=epoch + 1, loss=float(loss_sum) / n_pairs,
                                 alpha=learning_rate(settings, epoch + 1), pairs=n_pairs, seconds=seconds,
                                 tokens_per_s=total_tokens / seconds,
                                 compile_seconds=compile_seconds if epoch == 0 else 0.0)
            model.history.append(record)
            if callback is not None:
                callback(model, record)
    return model
