"""The explorers: live ipywidgets in Jupyter, precomputed grids on the website, one pure view behind both.

========================  =====================================================================
``explorer``              One view, two lives: live controls in Jupyter, a grid of outputs on the website
``display``               Redrawing a figure in an explorer's output area
``similarity``            Chapters 1–3: one-hot sparsity, angles, the cosine of two words
``windows``               Chapter 4: a context window around a chosen word
``analogies``             Chapter 5: ``a − b + c`` and its nearest words
``geometry``              Chapter 6: everything that changes with the dimension d
``dynamics``              Chapters 7–8: training snapshots, the InfoNCE temperature
``model_choice``          Chapter 9b: weigh task, memory, latency and throughput; which model wins
``objectives``            Chapters 10–12: softmax scale, noise exponent, GloVe's weighting
``huffman``               Chapter 11b: a word's path down the Huffman tree, and its cost
``contextual``            Chapter 13: where a new sentence's "bank" lands
``network``               Chapter 14: the network, one stage per button press
``scaling``               Chapter 15: what one training step costs
========================  =====================================================================

Example: ``from lib.widgets import angle_explorer``.
"""
import lazy_loader

# Each name is imported from its module on first use, so importing this package stays cheap.
__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submodules=["analogies", "contextual", "display", "explorer", "dynamics", "geometry", "huffman", "model_choice",
                "network", "objectives", "scaling", "similarity", "windows"],
    submod_attrs={
        "analogies": ["analogy_report", "analogy_view", "analogy_explorer"],
        "contextual": ["place_word", "bank_explorer"],
        "display": ["show_figure"],
        "explorer": ["Control", "Explorer", "View", "render_static", "static_mode"],
        "dynamics": ["epoch_explorer", "temperature_explorer"],
        "geometry": ["dimension_summary", "dimension_explorer"],
        "huffman": ["huffman_path_view", "huffman_path_explorer"],
        "model_choice": ["plot_model_scores", "model_choice_explorer"],
        "network": ["stage_labels", "network_stepper"],
        "objectives": ["softmax_summary", "noise_summary", "softmax_explorer", "noise_explorer",
                       "weighting_explorer", "ratio_explorer"],
        "scaling": ["cost_explorer"],
        "similarity": ["word_pair_report", "sparsity_view", "angle_view", "word_pair_view", "sparsity_explorer",
                       "angle_explorer", "word_pair_explorer"],
        "windows": ["window_report", "window_view", "window_explorer"],
    },
)
