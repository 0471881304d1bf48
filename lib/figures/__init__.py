"""Every figure of the book: the course style, then one module per topic.

Each function draws one kind of figure and returns Matplotlib's ``(fig, ax)``.

========================  =====================================================================
``style``                 The palette, the rcParams and :func:`new_figure`
``basic``                 Annotated matrices, bar charts, histograms
``similarity``            Chapters 1–3: sparsity, word maps, vectors in the plane, cosines
``windows``               Chapter 4: context windows and pair counts
``analogies``             Chapter 5: parallelograms and relation offsets
``geometry``              Chapter 6: concentration, ball volumes, shells, projections
``dynamics``              Chapter 7: curves per epoch and the space forming
``research``              Chapter 8: prefix quality, quality against speed, temperature
``practical``             Chapter 9: throughput, grouped comparisons, choosing and fine-tuning a model
``production``            Chapter 9c: recall against speed, latency against concurrency
``objectives``            Chapters 10–12: softmax, negative sampling, GloVe
``count_vectors``         Chapter 12b: skip-gram against shifted PMI, singular values
``huffman``               Chapter 11b: the hierarchical softmax's Huffman tree and one word's path
``attention``             Chapter 13: attention, positional encoding, BERT
``bias``                  Chapter 13b: words on a bias direction, WEAT, neutralised maps
``network``               Chapter 14: the network step by step
``scaling``               Chapter 15: throughput, profiles, large batches, engines
========================  =====================================================================

Example: ``from lib.figures import use_course_style, plot_bars``.
"""
import lazy_loader

# Each name is imported from its module on first use, so importing this package stays cheap.
__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submodules=["analogies", "attention", "basic", "bias", "count_vectors", "dynamics", "geometry", "huffman",
                "network", "objectives", "practical", "production", "research", "scaling", "similarity", "style",
                "windows"],
    submod_attrs={
        "analogies": ["plot_vectors_3d", "plot_offset_pairs", "plot_category_accuracy",
                      "plot_accuracy_vs_tokens"],
        "attention": ["plot_attention_weights", "plot_scaling_effect", "plot_positional_encoding",
                      "plot_masking_shares", "plot_loss_curve", "plot_sense_vectors", "plot_placement"],
        "bias": ["plot_leanings", "plot_weat_nulls", "plot_debiased_map"],
        "basic": ["plot_matrix", "plot_bars", "plot_histograms"],
        "count_vectors": ["plot_pmi_scatter", "plot_singular_values"],
        "dynamics": ["plot_loss_with_fits", "plot_metric_curves", "plot_gradient_norms", "draw_projection",
                     "plot_projection_grid", "plot_schedules"],
        "geometry": ["plot_concentration", "plot_ball_volume", "plot_inner_fraction", "plot_projection_study",
                     "plot_norm_vs_count", "plot_relative_distances"],
        "huffman": ["PATH_COLOUR", "NODE_COLOUR", "LEAF_COLOUR", "tree_layout", "plot_huffman_tree"],
        "network": ["plot_weights_before_after", "plot_step_probabilities", "plot_stage", "plot_snapshots",
                    "plot_evolution_curves"],
        "objectives": ["MARKERS", "plot_loss_at_init", "plot_cost_vs_vocabulary", "plot_gradient_checks",
                       "plot_probabilities", "plot_noise_distributions", "plot_running_mean",
                       "plot_score_bars", "plot_curves"],
        "practical": ["plot_throughput", "plot_grouped_bars", "plot_model_tradeoffs", "plot_finetune_curves"],
        "production": ["plot_recall_speed", "plot_latency_by_concurrency"],
        "research": ["plot_prefix_quality", "plot_quality_speed", "plot_temperature_sweep"],
        "scaling": ["plot_throughput_vs_batch", "plot_profile", "plot_loss_per_epoch", "plot_engine_speeds",
                    "plot_quality_vs_batch", "plot_step_cost"],
        "similarity": ["plot_similarity_tables", "plot_sparsity_curve", "plot_word_map", "plot_vectors_2d",
                       "plot_cosine_curve"],
        "style": ["OKABE_ITO", "PALETTE", "BACKGROUND", "STYLE", "SIMILARITY_CMAP", "use_course_style",
                  "new_figure"],
        "windows": ["CENTER_COLOUR", "CONTEXT_COLOUR", "OUTSIDE_COLOUR", "draw_sentence_row",
                    "plot_window_diagram", "plot_pair_counts", "plot_window_sweep"],
    },
)
