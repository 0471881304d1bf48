"""Working with word vectors once they exist: similarity, neighbours, analogies, evaluation, geometry and compression.

========================  =====================================================================
``representations``       Character codes, one-hot vectors and dense vectors, and what each costs
``similarity``            Cosine similarity, angles, row normalisation
``keyed``                 Matrices of word vectors as gensim ``KeyedVectors``
``nearest_neighbours``    Exact nearest neighbours by cosine or distance
``analogies``             3CosAdd and 3CosMul on a matrix, answer ranks, relation offsets
``bias``                  A bias direction from word pairs, projections on it, neutralising and what it leaves
``evaluation``            Word-pair similarity (WordSim353, SimLex-999) and analogy benchmarks
``breakdown``             The benchmarks split: semantic against syntactic analogies, rare against frequent pairs
``projections``           2-D principal-component maps of word vectors
``geometry``              High-dimensional geometry: ball volumes, shells, concentration of distances
``random_projection``     Johnson–Lindenstrauss random projection
``procrustes``            Aligning two embedding spaces by a rotation
``quantization``          int8, binary and product-quantised codes, and search over them
``retrieval``             Semantic search, lexical search and their fusion, measured honestly
``pipeline``              A production pipeline: clean, tokenise, embed, normalise, quantise, index, query
``association_test``      The Word Embedding Association Test and its permutation p-value
``open_problems``         Open challenges made concrete: what a dimension means, word order, typos
``collection``            A large collection of sentence vectors: encoded passages and synthetic ones like them
``ann_index``             Approximate nearest-neighbour indexes (FAISS, hnswlib) against exact search
``ann_benchmark``         The recall–speed study at a chosen size, and its committed full-size record
========================  =====================================================================

Example: ``from lib.vectors import cosine_similarity, benchmark_scores``.
"""
import lazy_loader

# Each name is imported from its module on first use, so importing this package stays cheap.
__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submodules=["analogies", "ann_benchmark", "ann_index", "association_test", "bias", "breakdown", "collection",
                "evaluation", "geometry", "keyed", "nearest_neighbours", "open_problems", "pipeline", "procrustes",
                "projections", "quantization", "random_projection", "representations", "retrieval", "similarity"],
    submod_attrs={
        "ann_benchmark": ["RECORD_PATH", "default_plan", "run_study", "recall_at_speed", "speed_claim_verdict",
                          "save_record", "load_record"],
        "ann_index": ["FAMILIES", "AnnIndex", "build_index", "queries_per_second", "measure", "recall_speed_table"],
        "analogies": ["SLIDE_VECTORS", "EPSILON", "METHODS", "three_cos_scores", "question_scores",
                      "analogy_scores", "answer_rank", "solve", "question_ranks", "relation_pairs",
                      "mismatched_pairs", "offsets", "offset_cosines", "random_offsets",
                      "linear_substructure"],
        "bias": ["DEFINITIONAL_PAIRS", "OCCUPATIONS", "SEAT_TEMPLATES", "pair_direction", "projection_on",
                 "bootstrap_projections", "pair_vectors", "random_pair_share", "leaning_intervals", "neutralise",
                 "most_leaning", "neighbour_recovery"],
        "breakdown": ["analogy_kinds", "rarer_count", "frequency_threshold", "spearman_by_frequency",
                      "breakdown_scores"],
        "collection": ["passage_texts", "encode_passages", "nearest_cosines", "calibrate_spread", "synthetic_like",
                       "collection_statistics"],
        "evaluation": ["DATASETS", "dataset_path", "read_word_pairs", "word_pair_spearman", "read_analogies",
                       "AnalogyResult", "solve_analogies", "analogy_accuracy", "nearest", "benchmark_scores"],
        "geometry": ["log_unit_ball_volume", "unit_ball_volume", "volume_peak", "log10_factorial", "stirling",
                     "inner_fraction", "radius_holding", "sample_in_ball", "query_distances", "spread",
                     "slide_ratio_formula", "squared_distance_moment_ratio", "expected_normal_range",
                     "predicted_range_over_mean", "concentration_curve", "data_concentration"],
        "keyed": ["to_keyed_vectors", "pick_present"],
        "nearest_neighbours": ["neighbours", "neighbour_overlap", "norm_frequency_correlation"],
        "open_problems": ["ORDER_PAIRS", "PARAPHRASE_PAIRS", "dimension_extremes", "rotated", "pair_cosines",
                          "typo", "neighbour_changes"],
        "pipeline": ["clean_text", "whitespace_tokenize", "TOKENIZERS", "VersionMismatchError",
                     "EmbeddingModel", "VectorIndex", "SearchPipeline", "memory_formula_bytes",
                     "memory_actual_bytes", "similarity_scores"],
        "procrustes": ["orthogonal_procrustes", "random_rotation", "align_sequence", "project_sequence",
                       "translation_accuracy"],
        "projections": ["pca_basis", "pca_2d"],
        "quantization": ["top_k", "recall_at_k", "exact_search", "Int8Codes", "quantize_int8", "int8_search",
                         "BinaryCodes", "binarize", "hamming_search", "PQCodes", "train_pq", "pq_search"],
        "random_projection": ["jl_min_dimension", "gaussian_projection", "sample_pairs", "distance_ratios",
                              "cosine_errors", "projection_study"],
        "representations": ["ascii_codes", "one_hot", "one_hot_matrix", "sparsity_percent", "one_hot_bytes",
                            "dense_bytes", "sparsity_summary"],
        "retrieval": ["SpanQueries", "make_span_queries", "term_matrix", "LexicalIndex", "average_vectors",
                      "dense_scores", "reciprocal_rank_fusion", "rank_of_relevant", "retrieval_metrics",
                      "hit_rate"],
        "association_test": ["WEAT_CAREER_FAMILY", "association", "WeatResult", "weat", "weat_words"],
        "similarity": ["cosine_similarity", "angle_degrees", "normalize_rows", "cosine_matrix",
                       "paired_cosines", "vectors_at_angle"],
    },
)
