"""Skip-gram, the model the course builds: its settings, its data path, its three engines and their relatives.

The NumPy engine is the reference the course trusts; the PyTorch engine is the
fast one (GPU, or CPU threads); the Gensim engine is the baseline people know.

========================  =====================================================================
``training``              What every engine shares: settings, the epoch's pairs, progress, NaN checks
``numpy_engine``          The NumPy reference: losses, gradients and sparse SGD
``torch_engine``          The PyTorch engine (imports torch when first used)
``gensim_engine``         gensim's ``Word2Vec`` with the course's settings
``gensim_runs``           gensim runs cached on disk, and sweeps over one setting
``objective``             The corpus objective J(θ) and the slide's gradient
``negative_sampling``     The negative-sampling objective as the slides write it
``network``               The slides' network, one training pair at a time
``course_vectors``        The course's own vectors, trained once and cached
``matryoshka``            Vectors whose every prefix is itself an embedding
========================  =====================================================================

Example: ``from lib.skipgram import train_skipgram``.
"""
import lazy_loader

# Each name is imported from its module on first use, so importing this package stays cheap.
__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submodules=["course_vectors", "gensim_engine", "gensim_runs", "matryoshka", "negative_sampling",
                "network", "numpy_engine", "objective", "torch_engine", "training"],
    submod_attrs={
        "course_vectors": ["COURSE_SETTINGS", "course_epochs", "course_embeddings"],
        "gensim_engine": ["train_gensim"],
        "gensim_runs": ["corpus_fingerprint", "run_path", "cached_gensim", "corpus_fraction", "sweep"],
        "matryoshka": ["prefix_weights", "matryoshka_loss_and_grads", "train_matryoshka", "prefix_scores",
                       "prefix_neighbour_recall"],
        "negative_sampling": ["slide_objective", "expected_objective", "slide_gradient", "slide_update",
                              "output_gradients", "loss_at_initialisation", "noise_shares"],
        "network": ["distinct_words", "init_network", "one_hot_vector", "softmax", "StepRecord", "step",
                    "train_pairs", "negative_sampling_step", "stage_table"],
        "numpy_engine": ["sigmoid", "log_sigmoid", "softmax_loss_and_grads",
                         "negative_sampling_loss_and_grads", "negative_sampling_score_grads",
                         "scatter_add_rows", "SkipGramModel", "init_weights", "sgd_step_negative_sampling",
                         "sgd_step_softmax", "train_skipgram"],
        "objective": ["softmax_probabilities", "corpus_objective", "position_loss", "slide_input_gradient"],
        "torch_engine": ["CHECK_EVERY", "default_device", "subsample_and_reach", "device_pairs", "on_threads",
                         "row_damping", "sgd_step", "compile_step", "train_skipgram_torch"],
        "training": ["BLOCK_TOKENS", "TrainingDivergedError", "diverged_keeps", "TrainingSettings",
                     "EpochPairs", "progress_bar", "check_finite"],
    },
)
