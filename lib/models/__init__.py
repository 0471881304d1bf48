"""Models beyond skip-gram: GloVe, count-based PPMI vectors, attention and positional encoding, BERT's objective, a tiny BERT, a pretrained encoder, contrastive learning, Spark MLlib's Word2Vec.

========================  =====================================================================
``glove``                 GloVe's weighted least squares and AdaGrad training, in NumPy
``ppmi``                  PMI, positive PMI with context-distribution smoothing, truncated SVD,
                          and the shifted PMI that skip-gram's optimum equals
``attention``             Scaled dot-product and multi-head attention, in NumPy
``positional``            Sinusoidal positional encoding
``mlm``                   BERT's masking and its losses L_MLM, L_NSP, L_BERT
``tiny_bert``             A tiny BERT-like encoder trained on the CPU (imports torch when first used)
``contextual``            Contextual vectors from the shipped all-MiniLM-L6-v2 encoder
``contrastive``           The InfoNCE loss and its temperature
``domain_pairs``          Domain data for fine-tuning: sentence pairs of one document, split by document
``finetuning``            Fine-tuning the encoder: frozen layers, full, LoRA; the best checkpoint kept
``spark_word2vec``        Spark MLlib's Word2Vec (optional extra), its vectors as KeyedVectors
========================  =====================================================================

Example: ``from lib.models import train_glove``.
"""
import lazy_loader

# Each name is imported from its module on first use, so importing this package stays cheap.
__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submodules=["attention", "contextual", "contrastive", "domain_pairs", "finetuning", "glove", "mlm",
                "positional", "ppmi", "spark_word2vec", "tiny_bert"],
    submod_attrs={
        "attention": ["softmax_jacobian", "scaled_dot_product_attention", "split_heads", "merge_heads",
                      "multi_head_attention", "weights_from_torch", "dot_product_spread"],
        "contextual": ["BANK_SENTENCES", "load_encoder", "encoder_folder", "word_piece_positions",
                       "word_vectors", "template_vectors", "sense_separation"],
        "contrastive": ["info_nce_loss_and_grads", "dropout_view", "bag_of_words", "train_linear_infonce",
                        "alignment_uniformity", "infonce_weights"],
        "domain_pairs": ["Pair", "split_sentences", "lee_documents", "split_by_document", "sentence_pairs",
                         "document_batches", "pair_retrieval"],
        "finetuning": ["METHODS", "lora_parameter_count", "trainable_parameters", "prepare_encoder", "FinetuneRun",
                     "encode_function", "finetune"],
        "glove": ["X_MAX", "ALPHA", "weighting", "glove_loss_and_grads", "sum_rows", "adagrad_step",
                  "GloVeModel", "init_parameters", "train_glove", "course_glove"],
        "mlm": ["IGNORE", "mlm_mask", "masking_shares", "mlm_loss", "nsp_loss"],
        "ppmi": ["context_distribution", "pmi_cells", "ppmi_matrix", "svd_vectors", "shifted_pmi"],
        "positional": ["frequencies", "encode_positions", "sinusoidal_encoding", "shift_matrix",
                       "fit_linear_map", "min_pairwise_distance"],
        "spark_word2vec": ["MASTER", "SparkUnavailableError", "spark_missing", "spark_session", "spark_parameters",
                           "keyed_vectors", "SparkRun", "train_spark_word2vec", "TABLE_KEYS", "spark_table"],
        "tiny_bert": ["SPECIALS", "token_list", "encode_words", "make_chunks", "TinyBert", "TinyBertResult",
                      "train_tiny_bert"],
    },
)
