"""Train the skip-gram engines side by side with the same settings; print and save speed, memory and quality.

Usage::

    # quality on the shipped Wikipedia + Lee corpus (20 epochs), NumPy against gensim with one worker
    python benchmarks/skipgram_benchmark.py --corpus shipped --engines gensim-1 numpy --seeds 0 1 2

    # speed on a synthetic Zipf corpus of text8's size (17M tokens, 71k types), one epoch
    python benchmarks/skipgram_benchmark.py --corpus zipf --epochs 1 --engines gensim-all torch-cpu-all torch-cuda

    # save the record (machine, GPU, date, commit and every run) for chapter 15
    python benchmarks/skipgram_benchmark.py ... --out benchmarks/results/NAME.json

The engines, measurements and record format are documented in lib/measure/engine_benchmark.py.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from lib.measure.engine_benchmark import main  # noqa: E402

if __name__ == "__main__":
    main()
