"""Corpora for the course: tokenisation, the slides' toy sentence, and the corpora shipped with gensim.

Simplifications on purpose: tokens are lower-cased runs of letters (digits and
punctuation are dropped, as in word2vec's text8 preprocessing), and a
"sentence" is simply a list of tokens — a whole document split into chunks of
at most :data:`MAX_SENTENCE_LENGTH` tokens, because gensim silently truncates
longer ones and every engine in the course must see the same input.

Offline corpora (no download needed):

* :func:`load_wikipedia` — a shortened English Wikipedia dump (about 450k tokens)
* :func:`load_lee` — ``lee_background.cor``, Australian news (about 60k tokens)
* :func:`load_shipped_corpus` — both together, the default training corpus

The larger text8 corpus is fetched by :func:`load_text8` where there is internet.
"""
from __future__ import annotations

import bz2
import functools
import os
import re

from lib.config import quick_mode

TOY_SENTENCE = "The quick brown fox jumps over the lazy dog"
"""The sentence used throughout the slides' context-window and skip-gram examples."""

MAX_SENTENCE_LENGTH = 10_000
"""Longest sentence passed to a trainer (gensim's own limit)."""

QUICK_TOKENS = 60_000
"""Tokens kept of each corpus in quick mode (``EMBEDDINGS_QUICK=1``)."""

WIKI_FILE = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
LEE_FILE = "lee_background.cor"

_TOKEN = re.compile(r"[^\W\d_]+")


class EmptyCorpusError(ValueError):
    """Raised when a corpus holds no tokens at all."""


def tokenize(text: str) -> list[str]:
    """Lower-case ``text`` and split it into runs of letters.

    Example: ``tokenize("The cat's 9 lives!")`` → ``['the', 'cat', 's', 'lives']``.
    """
    return _TOKEN.findall(text.lower())


def toy_tokens() -> list[str]:
    """The slides' sentence as tokens.

    Example: ``toy_tokens()[:3]`` → ``['the', 'quick', 'brown']``.
    """
    return tokenize(TOY_SENTENCE)


def chunk(tokens: list[str], size: int = MAX_SENTENCE_LENGTH) -> list[list[str]]:
    """Split one long token list into consecutive pieces of at most ``size`` tokens.

    Example: ``chunk(list("abcde"), 2)`` → ``[['a', 'b'], ['c', 'd'], ['e']]``.
    """
    return [tokens[i:i + size] for i in range(0, len(tokens), size)]


def count_tokens(sentences) -> int:
    """Total number of tokens in a list of sentences.

    Example: ``count_tokens([['a', 'b'], ['c']])`` → 3.
    """
    return sum(len(s) for s in sentences)


def check_not_empty(sentences, what: str = "corpus") -> None:
    """Raise :class:`EmptyCorpusError` if ``sentences`` holds no token.

    Example: ``check_not_empty([[]])`` raises; ``check_not_empty([['a']])`` passes.
    """
    if count_tokens(sentences) == 0:
        raise EmptyCorpusError(
            f"the {what} is empty: it holds no tokens. Pass a list of sentences, each a "
            "list of word strings, e.g. [['the', 'cat', 'sat']] — or check that the file "
            "you loaded is not empty and that tokenize() finds words in it.")


def as_sentences(sentences) -> list:
    """Check that ``sentences`` is a corpus — sentences, each a list of word strings — and return it as a list.

    Checked: not a string, iterable, every sentence a list or tuple (not a string), the first
    sentence's words strings, and at least one token. Each refusal says what was passed and
    what to pass instead.

    Raises
    ------
    TypeError
        For a string, a non-iterable, a sentence that is a string, or words that are not strings.
    EmptyCorpusError
        If the corpus holds no token.

    Example: ``as_sentences((['a', 'b'],))`` → ``[['a', 'b']]``; ``as_sentences("the cat")`` raises
    TypeError ("… got one string … Split it into words first …").
    """
    if isinstance(sentences, (str, bytes)):
        raise TypeError(
            f"sentences must be a list of sentences, each a list of words; got one string ({sentences[:40]!r}). "
            "Split it into words first: [tokenize(text)] makes one sentence of it, "
            "[tokenize(line) for line in text.splitlines()] one sentence per line.")
    try:
        sentences = list(sentences)
    except TypeError:
        raise TypeError("sentences must be a list of sentences, each a list of words; got a "
                        f"{type(sentences).__name__}, e.g. pass [['the', 'cat', 'sat']]") from None
    for i, sentence in enumerate(sentences):
        if isinstance(sentence, (str, bytes)) or not isinstance(sentence, (list, tuple)):
            raise TypeError(
                f"sentence {i} is a {type(sentence).__name__} ({str(sentence)[:40]!r}), not a list of words. "
                "Pass a list of sentences, each a list of words, e.g. [['the', 'cat'], ['a', 'dog']]; "
                "if you have one tokenised sentence, wrap it in a list: [words].")
    first = next((s for s in sentences if len(s)), [])
    if not all(isinstance(word, str) for word in first):
        raise TypeError(f"words must be strings; the first sentence holds {[type(w).__name__ for w in first][:5]}. "
                        "Map them to strings first, e.g. [[str(w) for w in s] for s in sentences].")
    check_not_empty(sentences)
    return sentences


def truncate(sentences: list[list[str]], max_tokens: int | None) -> list[list[str]]:
    """Keep whole sentences from the start until ``max_tokens`` tokens are reached.

    Example: ``truncate([['a', 'b'], ['c', 'd']], 3)`` → ``[['a', 'b'], ['c']]``.
    """
    if max_tokens is None:
        return sentences
    kept, total = [], 0
    for sentence in sentences:
        if total >= max_tokens:
            break
        kept.append(sentence[:max_tokens - total])
        total += len(kept[-1])
    return kept


def gensim_data_path(name: str) -> str:
    """Path of a file in gensim's bundled test data (``gensim/test/test_data``)."""
    from gensim.test.utils import datapath
    path = datapath(name)
    if not os.path.exists(path):
        raise FileNotFoundError(f"{name} is missing from gensim's test data at {path}; "
                                "reinstall gensim with `pip install -r requirements.txt`")
    return path


def _default_limit(max_tokens):
    return QUICK_TOKENS if max_tokens is None and quick_mode() else max_tokens


@functools.lru_cache(maxsize=None)
def _wikipedia_articles() -> tuple[tuple[str, ...], ...]:
    """Parse the bundled Wikipedia dump once per process (about 4 s)."""
    from gensim.corpora.wikicorpus import extract_pages, filter_wiki
    articles = []
    with bz2.open(gensim_data_path(WIKI_FILE)) as dump:
        for _title, text, _pageid in extract_pages(dump):
            if text.lower().lstrip().startswith("#redirect"):
                continue
            tokens = tokenize(filter_wiki(text))
            if tokens:
                articles.append(tuple(tokens))
    return tuple(articles)


def load_wikipedia(max_tokens: int | None = None) -> list[list[str]]:
    """The shortened English Wikipedia dump shipped with gensim, as token sentences.

    Parameters
    ----------
    max_tokens : int, optional
        Keep only this many tokens. Defaults to all (about 453k), or
        :data:`QUICK_TOKENS` in quick mode.

    Returns
    -------
    list of list of str
        One or more sentences per article (articles longer than
        :data:`MAX_SENTENCE_LENGTH` tokens are split).
    """
    sentences = [piece for art in _wikipedia_articles() for piece in chunk(list(art))]
    return truncate(sentences, _default_limit(max_tokens))


def load_lee(max_tokens: int | None = None) -> list[list[str]]:
    """``lee_background.cor`` (300 Australian news documents, about 60k tokens), one sentence per document.

    ``max_tokens`` works as in :func:`load_wikipedia`.
    """
    with open(gensim_data_path(LEE_FILE), encoding="utf-8", errors="replace") as f:
        sentences = [tokenize(line) for line in f]
    return truncate([s for s in sentences if s], _default_limit(max_tokens))


def load_shipped_corpus(max_tokens: int | None = None) -> list[list[str]]:
    """Wikipedia followed by Lee: the course's default training corpus (about 513k tokens).

    In quick mode, or with ``max_tokens``, each part is cut to that many tokens.
    """
    return load_wikipedia(max_tokens) + load_lee(max_tokens)


def read_text_file(path: str) -> list[list[str]]:
    """Tokenise a plain-text file, one sentence per line (long lines are chunked).

    Raises :class:`EmptyCorpusError` if the file holds no words.
    """
    with open(path, encoding="utf-8", errors="replace") as f:
        sentences = [piece for line in f for piece in chunk(tokenize(line))]
    sentences = [s for s in sentences if s]
    check_not_empty(sentences, f"file {path!r}")
    return sentences


def zipf_corpus(n_tokens: int = 17_005_207, n_types: int = 71_290, exponent: float = 1.0,
                sentence_length: int = 1000, seed: int = 0) -> list[list[str]]:
    """A synthetic corpus with text8's size and a Zipfian word distribution, for speed benchmarks.

    Tokens are drawn independently with P(rank r) ∝ r^−exponent over ``n_types``
    words named ``w1, w2, …``; there is no meaning to learn, only work to do.
    The defaults match text8: 17,005,207 tokens, 71,290 word types seen at least
    once (fewer types than that may appear when ``n_tokens`` is small).

    Example: ``zipf_corpus(5, 3, sentence_length=2, seed=0)`` → 3 sentences of ``w…`` tokens.
    """
    import numpy as np
    rng = np.random.default_rng(seed)
    p = 1.0 / np.arange(1, n_types + 1) ** exponent
    ids = rng.choice(n_types, size=n_tokens, p=p / p.sum())
    names = np.array([f"w{r + 1}" for r in range(n_types)], dtype=object)
    return [list(names[ids[i:i + sentence_length]]) for i in range(0, n_tokens, sentence_length)]
