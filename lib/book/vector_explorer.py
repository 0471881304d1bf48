"""The vector explorer page: the course's vectors, int8-quantised, for a page that searches them in the browser.

The appendix page "Vector explorer" answers nearest-neighbour and analogy
queries in the reader's browser, with no server. At build time this module
takes the N most frequent words of the course's vectors from each engine
(NumPy, PyTorch, Gensim), quantises each engine's (N, d) matrix to int8 with
:func:`lib.vectors.quantization.quantize_int8` (one float32 scale per
dimension), adds a 2-D PCA map of each, and writes everything to one small
script, ``vector_explorer_data.js``, that the page loads
(``_ext/vector_explorer.py`` copies it into the site; ``_ext/static/vector_explorer.js``
does the search).

The page's answers are Gensim's: for the dequantised vectors X̂ = codes · s,
``KeyedVectors.most_similar`` returns the words w (query words excluded) with the
largest x̂_w · m / ‖x̂_w‖, where m is the unit-length mean of the query's unit
vectors, weighted +1 (positive) and −1 (negative). "a − b + c" is
``most_similar(positive=[a, c], negative=[b])`` (3CosAdd). :func:`page_neighbours`
is that arithmetic as the page's script does it (float64 throughout, from the
same float32 X̂), so tests can hold the two to the same answers.
"""
from __future__ import annotations

import base64
import json
import os

import numpy as np

from lib.paths import BUILD_DIR

ENGINES = ("NumPy", "PyTorch", "Gensim")
"""The engines whose vectors the page shows side by side, in this order."""

DATA_FILE = os.path.join(BUILD_DIR, "vector_explorer", "vector_explorer_data.js")
"""Where the page writes its data; the site's build copies it into ``_static/``."""


def course_vectors_by_engine(progress: bool = False) -> dict:
    """The course vectors of each engine, trained once with ``COURSE_SETTINGS`` and cached.

    Returns
    -------
    dict of engine name → gensim KeyedVectors (about 10k words × 100 at full size)
        NumPy: :func:`lib.skipgram.course_vectors.course_embeddings`; PyTorch: the same call with
        ``engine="torch"``; Gensim: :func:`lib.skipgram.gensim_runs.cached_gensim` of the shipped corpus.

    Example: ``course_vectors_by_engine()["Gensim"].vector_size`` → 100.
    """
    from lib.skipgram.course_vectors import COURSE_SETTINGS, course_embeddings
    from lib.skipgram.gensim_runs import cached_gensim
    from lib.text.corpus import load_shipped_corpus
    return {"NumPy": course_embeddings(progress=progress),
            "PyTorch": course_embeddings(progress=progress, engine="torch"),
            "Gensim": cached_gensim(load_shipped_corpus(), COURSE_SETTINGS)[0]}


def shared_words(vectors: dict, n_words: int) -> list[str]:
    """The ``n_words`` most frequent words of the first engine that every engine knows.

    Parameters
    ----------
    vectors : dict of engine name → KeyedVectors, each with its words most frequent first.
    n_words : int — N, how many words to keep at most.

    Returns
    -------
    list of str, at most N words, in the first engine's order.

    Example: engines knowing ``[the, of, cat]`` and ``[the, cat]`` with ``n_words=2`` → ``["the", "cat"]``.
    """
    first, *others = vectors.values()
    words = [w for w in first.index_to_key if all(w in kv.key_to_index for kv in others)]
    return words[:n_words]


def explorer_data(vectors: dict, n_words: int = 3000) -> dict:
    """Quantise the ``n_words`` most frequent words of each engine, and map them to 2-D.

    Parameters
    ----------
    vectors : dict of engine name → KeyedVectors (d dimensions each)
    n_words : int — N, the words kept (fewer if the engines share fewer).

    Returns
    -------
    dict with ``words`` (N words, most frequent first) and ``engines``: per engine
    ``codes`` (int8, (N, d)), ``scale`` (float32, (d,)) with X̂ = codes · scale, and ``xy``
    (float32, (N, 2)): the first two principal components of X̂'s unit rows.

    Example: three engines of 10k × 100 and ``n_words=3000`` → codes of shape (3000, 100) each.
    """
    from lib.vectors.projections import pca_2d
    from lib.vectors.quantization import quantize_int8
    from lib.vectors.similarity import normalize_rows
    words = shared_words(vectors, n_words)
    engines = {}
    for name, kv in vectors.items():
        codes = quantize_int8(kv[words])
        engines[name] = {"codes": codes.codes, "scale": codes.scale,
                         "xy": pca_2d(normalize_rows(codes.decode())).astype(np.float32)}
    return {"words": words, "engines": engines}


def dequantised(data: dict, engine: str) -> np.ndarray:
    """X̂ = codes · scale of one engine, float32 (N, d): the vectors the page searches.

    Example: codes ``[[127, -64]]``, scale ``[0.01, 0.02]`` → ``[[1.27, -1.28]]``.
    """
    part = data["engines"][engine]
    return part["codes"].astype(np.float32) * part["scale"]


def explorer_keyed_vectors(data: dict, engine: str, dtype=np.float64):
    """Gensim ``KeyedVectors`` of one engine's dequantised vectors: the reference the page agrees with.

    ``dtype=np.float64`` (the default) holds the float32 X̂ exactly, widened, and Gensim then
    computes norms and scores in float64, as the page's script does; ``np.float32`` is
    Gensim's usual precision, whose rounding (about 1e-7) can swap two words whose cosines
    differ by less than that.
    Example: ``explorer_keyed_vectors(data, "NumPy").most_similar("king", topn=5)``.
    """
    from gensim.models import KeyedVectors
    kv = KeyedVectors(data["engines"][engine]["codes"].shape[1], dtype=dtype)
    kv.add_vectors(list(data["words"]), dequantised(data, engine).astype(dtype))
    return kv


def page_neighbours(data: dict, engine: str, positive, negative=(), topn: int = 10) -> list[tuple[str, float]]:
    """The page's answer, computed as its script does: Gensim's ``most_similar`` in float64.

    Scores are x̂_w · m / ‖x̂_w‖ with x̂_w the float32 X̂ widened to float64, and m the unit
    mean of the query's unit vectors (weights +1 and −1), rounded to float32 as Gensim
    rounds it.

    Parameters
    ----------
    positive, negative : list of str — words weighted +1 and −1; "a − b + c" is
        ``positive=[a, c], negative=[b]``.
    topn : int — how many words to return, query words excluded.

    Returns
    -------
    list of (word, cosine), best first; equal scores keep the more frequent word first.

    Example: ``page_neighbours(data, "NumPy", ["king", "woman"], ["man"], 3)`` → 3 (word, cosine) pairs.
    """
    X = dequantised(data, engine).astype(np.float64)
    index = {w: i for i, w in enumerate(data["words"])}
    missing = [w for w in [*positive, *negative] if w not in index]
    if missing:
        raise KeyError(f"not among the explorer's {len(index):,} words: {missing}")
    norms = np.sqrt((X * X).sum(axis=1))
    query = [(index[w], 1.0) for w in positive] + [(index[w], -1.0) for w in negative]
    mean = sum(weight * X[i] / norms[i] for i, weight in query) / len(query)
    mean = (mean * (1.0 / np.sqrt(mean @ mean))).astype(np.float32).astype(np.float64)
    scores = (X @ mean) / norms
    order = np.argsort(-scores, kind="stable")
    asked = {i for i, _ in query}
    return [(data["words"][i], float(scores[i])) for i in order if i not in asked][:topn]


def write_explorer_data(data: dict, path: str = DATA_FILE) -> int:
    """Write ``data`` as the script the page loads; returns its size in bytes.

    Parameters
    ----------
    data : dict — from :func:`explorer_data`: N words and, per engine, codes (N, d), scale (d,), xy (N, 2).
    path : str — the file to write (folders are created); :data:`DATA_FILE` by default.

    Returns
    -------
    int — the file's size in bytes.

    The script sets ``window.vectorExplorerData``: ``words``, ``dim`` and, per engine,
    ``scale`` (d float32 values written exactly), ``codes`` (the N·d int8 codes, row by row,
    in base64) and ``xy`` (2N coordinates, 4 decimals).
    Example: 3 engines × 3000 words × 100 dimensions → about 1.3 MB.
    """
    out = {"words": data["words"], "dim": int(next(iter(data["engines"].values()))["codes"].shape[1]),
           "engines": {name: {"scale": [float(s) for s in part["scale"]],
                              "codes": base64.b64encode(np.ascontiguousarray(part["codes"]).tobytes()).decode(),
                              "xy": [round(float(v), 4) for v in part["xy"].ravel()]}
                       for name, part in data["engines"].items()}}
    text = "window.vectorExplorerData = " + json.dumps(out, separators=(",", ":")) + ";\n"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = f"{path}.{os.getpid()}.tmp"
    with open(partial, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(partial, path)
    return len(text.encode("utf-8"))


def read_explorer_data(path: str = DATA_FILE) -> dict:
    """Read back what :func:`write_explorer_data` wrote, in :func:`explorer_data`'s form.

    Example: ``read_explorer_data()["engines"]["Gensim"]["codes"].dtype`` → int8.
    """
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    raw = json.loads(text[text.index("{"):text.rindex("}") + 1])
    engines = {name: {"scale": np.array(part["scale"], np.float32),
                      "codes": np.frombuffer(base64.b64decode(part["codes"]), np.int8).reshape(-1, raw["dim"]),
                      "xy": np.array(part["xy"], np.float32).reshape(-1, 2)}
               for name, part in raw["engines"].items()}
    return {"words": raw["words"], "engines": engines}
