"""Chapter 11b: the hierarchical softmax's Huffman tree, its top levels and one word's path.

Same course style as :mod:`lib.figures.style`. Simplified on purpose: the tree
of a real vocabulary has thousands of leaves, so the figure draws its top
``levels`` levels only, each inner node placed by its code prefix (0 to the
left, 1 to the right), each leaf reached within those levels labelled with its
word, and the rest of one chosen word's path summarised in a note.
"""
from __future__ import annotations

from lib.figures.style import OKABE_ITO, new_figure

PATH_COLOUR = OKABE_ITO["vermillion"]
NODE_COLOUR = OKABE_ITO["blue"]
LEAF_COLOUR = OKABE_ITO["bluish_green"]


def tree_layout(tree, levels: int):
    """Positions of the nodes in the top ``levels`` levels: ``{node id: (x, depth)}``.

    A node whose code prefix is b_1..b_k sits at x = Σ b_i 2^−i + 2^−(k+1) and depth k, so
    children sit below their parent, the 0-child to the left. Example: the root → (0.5, 0).
    """
    V, positions, frontier = tree.V, {tree.root: (0.5, 0)}, [tree.root]
    for depth in range(1, levels + 1):
        next_frontier = []
        for node in frontier:
            if node < V:                                   # a leaf: no children
                continue
            x = positions[node][0]
            for bit in (0, 1):
                child = int(tree.children[node - V, bit])
                positions[child] = (x + (bit - 0.5) * 2.0 ** -depth, depth)
                next_frontier.append(child)
        frontier = next_frontier
    return positions


def plot_huffman_tree(tree, words, highlight: str, levels: int = 5):
    """The top ``levels`` levels of a Huffman tree, with the path of the word ``highlight``.

    Parameters
    ----------
    tree : lib.skipgram.huffman.HuffmanTree
    words : list of str, length V — the word of each leaf id.
    highlight : str — a word whose path is drawn in vermillion, its code written out.
    levels : int — how many levels below the root to draw.

    Returns
    -------
    (fig, ax). Example: a 10,000-word vocabulary, ``highlight="the"`` → "the" drawn as a leaf at depth 4.
    """
    V = tree.V
    index = {w: i for i, w in enumerate(words)}
    if highlight not in index:
        raise KeyError(f"{highlight!r} is not one of the tree's {V} words; pick a word of the vocabulary")
    target = index[highlight]
    positions = tree_layout(tree, levels)
    on_path = {tree.root} | {int(r) + V for r in tree.path(target)} | {target}
    fig, ax = new_figure(width=10.0, height=4.6)
    for node, (x, depth) in positions.items():
        if node == tree.root:
            continue
        px, pdepth = positions[int(tree.parent[node])]
        highlighted = node in on_path and int(tree.parent[node]) in on_path
        ax.plot([px, x], [-pdepth, -depth], color=PATH_COLOUR if highlighted else "0.7",
                lw=2.4 if highlighted else 0.9, zorder=1)
        if depth <= 3 or highlighted:
            ax.text((px + x) / 2, -(pdepth + depth) / 2, str(int(tree.bit[node])), fontsize=7, color="0.35",
                    ha="center", va="center", bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"))
    for node, (x, depth) in positions.items():
        leaf = node < V
        colour = PATH_COLOUR if node in on_path else (LEAF_COLOUR if leaf else NODE_COLOUR)
        ax.scatter([x], [-depth], s=60 if leaf else 28, color=colour, zorder=2, marker="s" if leaf else "o")
        if leaf:
            ax.text(x, -depth - 0.22, words[node], rotation=90, ha="center", va="top", fontsize=8)
    depth = int(tree.lengths[target])
    note = f'path of "{highlight}": code {tree.code(target)} ({depth} sigmoids)'
    if depth > levels:
        note += f"; {depth - levels} more levels below the drawing"
    ax.set_title(note, fontsize=10, color=PATH_COLOUR)
    ax.set_yticks([-d for d in range(levels + 1)], [str(d) for d in range(levels + 1)])
    ax.set_ylabel("depth (bits from the root)")
    ax.set_xticks([])
    ax.set_xlabel(f"inner nodes (circles) and words (squares) of the top {levels} levels; 0 = left, 1 = right")
    ax.set_ylim(-levels - 1.2, 0.4)
    ax.set_xlim(0, 1)
    return fig, ax
