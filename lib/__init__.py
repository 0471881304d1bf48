"""Word-embeddings course library: the code every chapter, exercise and test imports.

Each submodule holds one concept; import them by name, e.g.
``from lib.vectors.similarity import cosine_similarity``.
"""
