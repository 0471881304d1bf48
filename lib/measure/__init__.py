"""Measuring the course's code: time, cost, memory, training dynamics, gradients.

========================  =====================================================================
``timing``                The best-of timer every measurement uses
``units``                 Byte counts and durations written for people
``gradcheck``             Numerical gradient checks by central differences
``cost_model``            What one skip-gram step costs against the vocabulary size V
``communication``         What keeping N processes' tables in step costs, per step
``memory_limit``          A corpus file larger than the memory allowed, trained under a cap
``memory_stages``         Where the PyTorch engine's memory goes, stage by stage
``profiling``             Where the time of one batched step goes
``inference_speed``       Encoder inference: batch size, padding, reduced precision
``engine_benchmark``      The skip-gram engines side by side, as committed records
``side_by_side``          Variants run in alternating order, compared round by round
``training_dynamics``     Skip-gram epoch by epoch, and the curves the slides fit to it
``embedding_evolution``   Snapshots of the vectors as they form
``window_effects``        What the window size does to trained vectors
``model_choice``          Choosing a model: memory, latency, throughput and quality, side by side
``architectures``         Skip-gram and CBOW, negative sampling and hierarchical softmax, side by side
========================  =====================================================================

Example: ``from lib.measure import gradient_check``.
"""
import lazy_loader

# Each name is imported from its module on first use, so importing this package stays cheap.
__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submodules=["architectures", "communication", "cost_model", "embedding_evolution", "engine_benchmark",
                "gradcheck", "inference_speed", "memory_limit", "memory_stages", "model_choice", "profiling",
                "side_by_side", "timing", "training_dynamics", "units", "window_effects"],
    submod_attrs={
        "architectures": ["VARIANTS", "train_variant", "compare_variants", "mean_over_seeds"],
        "cost_model": ["OBJECTIVES", "seconds_per_pair", "rows_touched", "zipf_tree_and_contexts", "cost_table",
                       "fit_power_law", "step_cost"],
        "communication": ["sync_cost"],
        "memory_limit": ["write_zipf_file", "vm_kib", "train_file_under_limit"],
        "memory_stages": ["resident_mb", "memory_stages", "stages_table"],
        "side_by_side": ["round_order", "alternating_runs", "ratio_table"],
        "embedding_evolution": ["group_gap", "neighbour_purity", "EvolutionRun", "train_with_snapshots"],
        "engine_benchmark": ["ENGINES", "QUALITY_KEYS", "load_corpus", "train_engine", "peak_rss_mb",
                             "run_one", "compile_arguments", "run_in_subprocess", "cuda_available",
                             "machine_record", "write_record", "run_benchmark", "summary_table", "batch_size_table",
                             "load_records"],
        "gradcheck": ["GradCheckResult", "gradient_check"],
        "inference_speed": ["tiny_encoder", "make_batches", "padding_fraction", "time_encoder",
                            "quantize_model_int8", "parameter_bytes"],
        "model_choice": ["CRITERIA", "TASKS", "Candidate", "word_vector_candidate", "encoder_candidate",
                         "folder_bytes", "percentiles_ms", "latency_profile", "word_similarity",
                         "shared_analogies", "analogy_accuracy_among", "sentence_retrieval", "share_in_range",
                         "rank_models", "measure_candidate"],
        "profiling": ["one_thread", "random_batch", "step_profile", "kernel_choices", "pairs_per_second",
                      "KEEP_FREED_MEMORY", "pairs_per_second_in_process"],
        "timing": ["best_time", "timed"],
        "training_dynamics": ["initial_loss_negative_sampling", "initial_loss_softmax", "Probe", "make_probe",
                              "probe_loss_and_gradients", "DynamicsRecorder", "train_with_dynamics",
                              "fit_exponential", "fit_exponential_floor", "fit_log_phase",
                              "epochs_to_fraction", "group_separation"],
        "units": ["human_bytes", "human_seconds"],
        "window_effects": ["SUFFIXES", "probe_words", "suffix_agreement", "document_matrix", "document_lift",
                           "neighbour_lift", "window_scores", "neighbour_table"],
    },
)
