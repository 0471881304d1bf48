"""Word-embeddings course library: the code every chapter, exercise and test imports.

Each submodule holds one concept; import them by name, e.g.
``from lib.similarity import cosine_similarity``.
"""
