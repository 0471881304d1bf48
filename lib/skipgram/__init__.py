"""Skip-gram, the model the course builds: its settings, its data path, its three engines and their relatives.

The NumPy engine is the reference the course trusts; the PyTorch engine is the
fast one (GPU, or CPU threads); the Gensim engine is the baseline people know.
All three take the sentences and one :class:`TrainingSettings`, follow one
specification of each epoch's pairs, and return the same :class:`SkipGramModel`.

========================  =====================================================================
``settings``              ``TrainingSettings`` and the learning-rate schedule
``epoch_pairs``           The specification of an epoch's pairs, and its NumPy realisation
``model``                 ``SkipGramModel`` (what every engine returns), ``EpochRecord``,
                          the initial weights
``training``              ``train_skipgram``: one entry point for the three engines, and
                          the checks, progress bar, errors and epoch records they share
``numpy_engine``          The NumPy reference: losses, gradients and sparse SGD
``torch_pairs``           The same pairs made on a PyTorch device
``alias_noise``           Negatives drawn on a device by the alias method, without a unigram table
``pair_stream``           An epoch's pairs chunk by chunk; corpora in memory or in a file
``torch_engine``          The PyTorch engine: its step and trainer (imports torch when first used)
``distributed``           Data-parallel training on torch.distributed, launched by torchrun
``gensim_engine``         gensim's ``Word2Vec`` with the course's settings (skip-gram or CBOW,
                          negative sampling or hierarchical softmax)
``cbow``                  CBOW: the mean of the context vectors predicts the center word
``huffman``               The Huffman tree of the hierarchical softmax: codes and points
``hierarchical_softmax``  A word's probability as a product of sigmoids along its code
``gensim_runs``           gensim runs cached on disk, and sweeps over one setting
``gensim_variants``       gensim's FastText, and skip-gram trained on exactly the window counts
``objective``             The corpus objective J(θ) and the slide's gradient
``negative_sampling``     The negative-sampling objective as the slides write it
``network``               The slides' network, one training pair at a time
``course_vectors``        The course's own vectors, trained once and cached
``matryoshka``            Vectors whose every prefix is itself an embedding
========================  =====================================================================

Example: ``train_skipgram(sentences, TrainingSettings(epochs=3), engine="torch").keyed_vectors()``.
"""
import lazy_loader

# Each name is imported from its module on first use, so importing this package stays cheap.
__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submodules=["alias_noise", "cbow", "course_vectors", "distributed", "epoch_pairs", "gensim_engine",
                "gensim_runs", "gensim_variants", "hierarchical_softmax", "huffman", "matryoshka", "model",
                "negative_sampling", "network", "numpy_engine", "objective", "pair_stream", "settings", "torch_engine",
                "torch_pairs", "training"],
    submod_attrs={
        "alias_noise": ["FRACTION_BITS", "alias_table", "AliasNoise"],
        "cbow": ["context_mean", "cbow_loss_and_grads", "windows_from_pairs", "epoch_windows", "unroll_windows",
                 "window_batches", "sgd_step_cbow", "train_cbow"],
        "course_vectors": ["COURSE_SETTINGS", "course_embeddings"],
        "distributed": ["combine_tables", "spread_across_ranks", "train_data_parallel"],
        "epoch_pairs": ["BLOCK_TOKENS", "NoTrainingPairsError", "draw_kept", "draw_reach", "pairs_from_draws",
                        "make_epoch_positions", "make_epoch_pairs", "EpochPairs"],
        "gensim_engine": ["train_gensim"],
        "gensim_runs": ["corpus_fingerprint", "run_path", "cached_gensim", "corpus_fraction", "sweep"],
        "gensim_variants": ["FASTTEXT_BUCKETS", "train_fasttext", "train_counted_skipgram"],
        "hierarchical_softmax": ["path_log_probability", "hs_loss_and_grads", "hs_score_grads",
                                 "all_word_probabilities", "node_damping", "hs_output_step",
                                 "sgd_step_hierarchical_softmax"],
        "huffman": ["HuffmanTree", "huffman_tree", "weighted_code_length", "is_prefix_free"],
        "matryoshka": ["prefix_weights", "matryoshka_loss_and_grads", "train_matryoshka", "prefix_scores",
                       "prefix_neighbour_recall"],
        "model": ["EpochRecord", "SkipGramModel", "init_weights"],
        "negative_sampling": ["slide_objective", "expected_objective", "slide_gradient", "slide_update",
                              "output_gradients", "loss_at_initialisation", "noise_shares"],
        "network": ["distinct_words", "init_network", "one_hot_vector", "StepRecord", "step", "train_pairs",
                    "negative_sampling_step", "stage_table"],
        "numpy_engine": ["sigmoid", "log_sigmoid", "softmax_loss_and_grads",
                         "negative_sampling_loss_and_grads", "negative_sampling_score_grads",
                         "scatter_add_rows", "sgd_step_negative_sampling", "sgd_step_softmax", "train_numpy"],
        "objective": ["softmax_probabilities", "corpus_objective", "position_loss", "slide_input_gradient"],
        "pair_stream": ["chunk_bounds", "CorpusChunks", "SentenceChunks", "FileChunks", "vocabulary_from_counts",
                        "stream_pairs", "return_freed_memory"],
        "settings": ["TrainingSettings", "learning_rate"],
        "torch_engine": ["CHECK_EVERY", "default_device", "row_damping", "sgd_step", "compile_step",
                         "train_torch"],
        "torch_pairs": ["draw_kept_on_device", "draw_reach_on_device", "reach_in_sentence", "offset_pairs",
                        "device_pairs", "on_threads"],
        "training": ["ENGINES", "TrainingDivergedError", "train_skipgram", "training_input", "diverged_keeps",
                     "check_finite", "step_diverges", "end_epoch", "progress_bar"],
    },
)
