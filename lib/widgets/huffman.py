"""Chapter 11b's explorer: one word's path down the Huffman tree, and what predicting it costs.

A word's code is the path from the root to its leaf; the hierarchical softmax computes one
sigmoid per bit, so a frequent word with a short code is cheap to predict and a rare word with
a long one costs more, around log2 V on average over the corpus. In Jupyter any word of the
vocabulary can be typed; the website offers words from the most frequent to the rarest.
"""
from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from lib.figures.huffman import plot_huffman_tree
from lib.widgets.explorer import Control, Explorer, View


def huffman_path_view(tree, words: list[str], counts, word: str, levels: int = 5) -> View:
    """The word's count, code and number of sigmoids against log2 V and V, and its path in the tree.

    Parameters
    ----------
    tree : lib.skipgram.huffman.HuffmanTree — built from ``counts``.
    words : list of str, length V — the word of each leaf id.
    counts : array of int, shape (V,) — corpus counts, the tree's weights.
    word : str — the word whose path is shown; a word outside the vocabulary gets a message, no figure.
    levels : int — levels of the tree drawn below the root.

    Example: ``huffman_path_view(tree, words, counts, "the").html`` → a table: count, code, 4 sigmoids, …
    """
    word = word.strip().lower()
    index = {w: i for i, w in enumerate(words)}
    if word not in index:
        return View(html=f"<p>{html.escape(word)} is not among the {len(words):,} words of the vocabulary: "
                         f"type a word seen at least as often as the rarest one kept.</p>")
    i = index[word]
    V, length = len(words), int(tree.lengths[i])
    rank = int(np.sum(np.asarray(counts) > counts[i])) + 1
    rows = [("count in the corpus", f"{int(counts[i]):,} (rank {rank:,} of {V:,})"),
            ("code (0 = left, 1 = right)", tree.code(i)),
            ("sigmoids to predict it", f"{length}"),
            ("log2 V, a balanced tree's depth", f"{np.log2(V):.2f}"),
            ("dot products of the full softmax", f"{V:,}")]
    table = "".join(f"<tr><td>{name}</td><td><code>{html.escape(value)}</code></td></tr>" for name, value in rows)
    fig, _ = plot_huffman_tree(tree, words, word, levels=levels)
    alt = (f"The top {levels} levels of the Huffman tree with the path of '{word}' drawn thick in vermillion: "
           f"code {tree.code(i)}, {length} steps from the root"
           + (f", {length - levels} of them below the drawing." if length > levels else ", ending at its leaf."))
    return View(html=f"<table>{table}</table>", figure=fig, alt=alt)


def huffman_path_explorer(tree, words: list[str], counts, word: str = "king", offered=None,
                          levels: int = 5) -> Explorer:
    """A text box for any word (Jupyter) or a choice of ``offered`` words (website) → its path and cost.

    ``offered`` defaults to eight words of the vocabulary spread from the most frequent to the
    rarest (by rank, words of letters only), starting with ``word``. Example: ``huffman_path_explorer(tree, vocab.words, vocab.counts)``.
    """
    if offered is None:
        order = [i for i in np.argsort(-np.asarray(counts), kind="stable") if words[i].isascii() and words[i].isalpha()]
        picks = [words[order[r]] for r in np.unique(np.geomspace(1, len(order), 7).astype(int) - 1)]
        offered = [word] + [w for w in picks if w != word]
    return Explorer(lambda word: huffman_path_view(tree, words, counts, word, levels), {
        "word": Control(W.Text, "word", word, grid=offered, continuous_update=False)})
