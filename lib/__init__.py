"""Word-embeddings course library: the code every chapter, exercise and test imports.

A map of the package, by what a maintainer looks for:

=====================  ===========================================================================
``lib.text``           Words before they are vectors: corpora, vocabularies, context windows,
                       training pairs, co-occurrence counts
``lib.vectors``        Word vectors once they exist: similarity, neighbours, analogies, evaluation,
                       geometry, projections, alignment, compression, retrieval, a serving pipeline
``lib.skipgram``       The model the course builds: settings, one specification of each epoch's
                       pairs, the NumPy, PyTorch and Gensim engines behind one ``train_skipgram``
``lib.models``         Beyond skip-gram: GloVe, attention, positional encoding, BERT's objective,
                       a tiny BERT, a pretrained encoder, contrastive learning, Spark's Word2Vec
``lib.serving``        Serving embeddings over HTTP: the service, its cache and batching, a load
                       generator
``lib.measure``        Measuring the code: timers, cost models, profiles, benchmarks, training
                       dynamics, gradient checks
``lib.figures``        Every figure of the book, in the course style
``lib.widgets``        The explorers (ipywidgets), each beside a pure function tests can call
``lib.grading``        Graded exercises: questions, checks, the student notebooks, the grader
``lib.book``           The book around the chapters: table of contents, slide claims, run times
``lib.config``         Quick mode and the default seed
``lib.paths``          Where the repository, the build folder, the records and the cache are
``lib.softmax``        The softmax and log-softmax every output layer and loss uses
=====================  ===========================================================================

Each subpackage re-exports its public names and loads a module only when one of
its names is first used, so ``from lib.skipgram import train_skipgram`` does not
import torch until the PyTorch engine runs. Inside ``lib`` modules import each
other by full path (``from lib.vectors.similarity import normalize_rows``);
chapters import from the subpackages (``from lib.vectors import normalize_rows``).
"""
