"""The Huffman tree of the hierarchical softmax: every word a leaf, its code the turns from the root.

word2vec's hierarchical softmax (Mikolov et al., 2013) puts the V words at the
leaves of a binary tree with V − 1 inner nodes, each inner node n holding an
output vector u_n. A word's probability is the product of the left/right
decisions on its path. word2vec builds the tree by Huffman's algorithm from the
word counts, so frequent words sit near the root and have short codes: the
expected code length is close to the entropy of the unigram distribution,
far below log2 V.

Conventions (word2vec.c's):

* leaves are the word ids 0..V−1; the inner node made by the i-th merge is node V + i,
  so the root is node 2V − 2 and its output vector is row V − 2 of the (V − 1, d) table;
* each merge joins the two smallest counts; the first (smaller) child gets bit 0,
  the second bit 1;
* ``points[w]`` lists the inner nodes on w's path from the root down (as rows 0..V−2
  of the node table), ``codes[w]`` the bit taken at each of them.

Construction is word2vec.c's two-queue method, linear in V once the counts are sorted.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class HuffmanTree:
    """A Huffman tree over V words, with word2vec's codes and points as padded arrays.

    Attributes
    ----------
    counts : ndarray of int64, shape (V,) — the word counts it was built from.
    parent : ndarray of int64, shape (2V − 1,) — parent node of each node (−1 for the root).
    bit : ndarray of int8, shape (2V − 1,) — the bit on the edge into each node (0 for the root).
    children : ndarray of int64, shape (V − 1, 2) — the 0-child and 1-child of each inner node.
    lengths : ndarray of int64, shape (V,) — code length L_w of each word (its depth).
    codes : ndarray of int8, shape (V, L_max) — the bits c_{w,1..L_w}, root first, then zeros.
    points : ndarray of int64, shape (V, L_max) — the inner nodes n_{w,1..L_w} (rows of the node
        table, 0..V−2, root first), then zeros.
    mask : ndarray of bool, shape (V, L_max) — True on the first L_w entries of each row.
    """

    counts: np.ndarray
    parent: np.ndarray
    bit: np.ndarray
    children: np.ndarray
    lengths: np.ndarray
    codes: np.ndarray
    points: np.ndarray
    mask: np.ndarray

    @property
    def V(self) -> int:
        """Number of words (leaves)."""
        return len(self.counts)

    @property
    def root(self) -> int:
        """The root's node id, 2V − 2 (its row in the node table is V − 2)."""
        return 2 * self.V - 2

    def code(self, word_id: int) -> str:
        """Word ``word_id``'s code as a string of bits, root first. Example: → ``'0110'``."""
        return "".join(str(b) for b in self.codes[word_id, :self.lengths[word_id]])

    def path(self, word_id: int) -> np.ndarray:
        """The rows of the node table on the word's path, root first, shape (L_w,)."""
        return self.points[word_id, :self.lengths[word_id]]

    def mean_code_length(self, weights: np.ndarray | None = None) -> float:
        """Mean code length, weighted by ``weights`` (default: the counts, i.e. per corpus token).

        Example: counts ``[2, 1, 1]`` → codes of lengths 1, 2, 2 → (2·1 + 1·2 + 1·2) / 4 = 1.5.
        """
        w = self.counts if weights is None else np.asarray(weights, dtype=np.float64)
        return float(np.sum(w * self.lengths) / np.sum(w))


def huffman_tree(counts) -> HuffmanTree:
    """Build word2vec's Huffman tree from word counts.

    Parameters
    ----------
    counts : array of int, shape (V,), V ≥ 2
        Count of each word; any order (the course's vocabularies are most frequent first).

    Returns
    -------
    HuffmanTree

    Example: counts ``[5, 2, 1, 1]`` → codes ``'1'``, ``'01'``, ``'001'``, ``'000'``
    (the most frequent word one step from the root).
    """
    counts = np.asarray(counts)
    if counts.ndim != 1 or len(counts) < 2:
        raise ValueError(f"a Huffman tree needs the counts of at least two words, got shape {counts.shape}")
    if np.any(counts < 0):
        raise ValueError("counts must be non-negative")
    V = len(counts)
    order = np.argsort(-counts, kind="stable")             # most frequent first, as word2vec.c expects
    weight = np.full(2 * V - 1, np.inf)
    weight[:V] = counts[order]
    parent = np.full(2 * V - 1, -1, dtype=np.int64)
    bit = np.zeros(2 * V - 1, dtype=np.int8)
    leaf, inner = V - 1, V                                 # next smallest leaf (going down), inner (going up)
    for i in range(V - 1):
        picked = []
        for _ in range(2):
            if leaf >= 0 and weight[leaf] < weight[inner]:
                picked.append(leaf)
                leaf -= 1
            else:
                picked.append(inner)
                inner += 1
        weight[V + i] = weight[picked[0]] + weight[picked[1]]
        parent[picked] = V + i
        bit[picked[1]] = 1
    # Back from sorted positions to word ids: leaf k of the sorted order is word order[k].
    relabel = np.concatenate([order, np.arange(V, 2 * V - 1)])
    parent_w = np.full(2 * V - 1, -1, dtype=np.int64)
    bit_w = np.zeros(2 * V - 1, dtype=np.int8)
    parent_w[relabel] = parent
    bit_w[relabel] = bit
    return _with_codes(counts.astype(np.int64), parent_w, bit_w)


def _with_codes(counts, parent, bit) -> HuffmanTree:
    """Fill in depths, codes and points from the parent links (every parent has a larger id)."""
    V = len(counts)
    depth = np.zeros(2 * V - 1, dtype=np.int64)
    for node in range(2 * V - 3, -1, -1):                 # the root (2V − 2) has depth 0
        depth[node] = depth[parent[node]] + 1
    lengths = depth[:V]
    L = int(lengths.max())
    codes = np.zeros((V, L), dtype=np.int8)
    points = np.zeros((V, L), dtype=np.int64)
    node, words = np.arange(V), np.arange(V)
    position = lengths - 1                                 # fill each path from its leaf end
    while len(words):
        codes[words, position] = bit[node]
        points[words, position] = parent[node] - V
        node, position = parent[node], position - 1
        going = position >= 0
        node, position, words = node[going], position[going], words[going]
    children = np.zeros((V - 1, 2), dtype=np.int64)
    children[parent[:-1] - V, bit[:-1]] = np.arange(2 * V - 2)
    mask = np.arange(L)[None, :] < lengths[:, None]
    return HuffmanTree(counts, parent, bit, children, lengths, codes, points, mask)


def weighted_code_length(counts, lengths) -> int:
    """Σ_w count(w) · L_w, the quantity a Huffman code makes as small as any prefix code can.

    Example: counts ``[5, 2, 1, 1]``, lengths ``[1, 2, 3, 3]`` → 5 + 4 + 3 + 3 = 15.
    """
    return int(np.sum(np.asarray(counts, dtype=np.int64) * np.asarray(lengths, dtype=np.int64)))


def is_prefix_free(codes: list[str]) -> bool:
    """True when no code is a prefix of another. Example: ``['0', '10', '11']`` → True; ``['0', '01']`` → False."""
    ordered = sorted(codes)
    return all(not b.startswith(a) for a, b in zip(ordered, ordered[1:]))
