"""Words before they are vectors: corpora, vocabularies, context windows, training pairs and co-occurrence counts.

========================  =====================================================================
``corpus``                Tokenisation, the slides' toy sentence, the corpora shipped with gensim,
                          a synthetic Zipf corpus, and the empty-corpus error
``download``              Download once, verify the checksum, cache: text8 for readers with internet
``vocabulary``            ``Vocabulary`` (counts, ``min_count``, subsampling, noise distribution)
                          and ``NoiseSampler``, word2vec's unigram table
``windows``               What one context window sees, and the slide's pair-count formula
``pairs``                 (center, context) pairs from fixed and dynamic windows
``cooccurrence``          Word–word co-occurrence counts and GloVe's probability ratios
``subwords``              FastText's character n-grams with boundary markers, FNV-1a hashing
                          into buckets, a word's vector from its n-grams
``phrases``               The word2vec paper's phrase score and Gensim's ``Phrases``, in passes
========================  =====================================================================

Example: ``from lib.text import Vocabulary, load_shipped_corpus``.
"""
import lazy_loader

# Each name is imported from its module on first use, so importing this package stays cheap.
__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submodules=["cooccurrence", "corpus", "download", "pairs", "phrases", "subwords", "vocabulary", "windows"],
    submod_attrs={
        "cooccurrence": ["WEIGHTINGS", "distance_weight", "cooccurrence_matrix", "corpus_cooccurrence",
                         "conditional_probability", "ratio_table", "cooccurrence_counts"],
        "corpus": ["TOY_SENTENCE", "MAX_SENTENCE_LENGTH", "QUICK_TOKENS", "WIKI_FILE", "LEE_FILE",
                   "EmptyCorpusError", "tokenize", "toy_tokens", "chunk", "count_tokens", "check_not_empty",
                   "as_sentences", "truncate", "gensim_data_path", "load_wikipedia", "load_lee",
                   "load_shipped_corpus", "read_text_file", "zipf_corpus"],
        "download": ["TEXT8_URL", "TEXT8_ZIP_BYTES", "TEXT8_SHA256", "ChecksumError", "sha256_of", "verify",
                     "download_file", "load_text8"],
        "pairs": ["pair_count", "window_pairs", "sentence_pairs", "word_pairs"],
        "phrases": ["DELIMITER", "phrase_score", "learn_phrases", "joined_phrases", "phrase_passes"],
        "subwords": ["MIN_N", "MAX_N", "BUCKETS", "FNV_OFFSET", "FNV_PRIME", "char_ngrams", "fnv1a_32",
                     "ngram_buckets", "subword_vector", "ngram_table", "bucket_collisions"],
        "vocabulary": ["UnknownWordError", "EmptyVocabularyError", "Vocabulary", "NoiseSampler"],
        "windows": ["context_positions", "contexts_per_position", "slide_pair_formula",
                    "pair_count_closed_form", "expected_dynamic_pair_count", "pair_count_table"],
    },
)
