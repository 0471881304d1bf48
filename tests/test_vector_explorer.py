"""Specifications of lib.book.vector_explorer: the vector explorer's data, and answers equal to Gensim's.

Worked example (``test_king_minus_man_plus_woman_is_queen_and_the_sign_matters``): with
man = (1, 0, 0), woman = (0, 1, 0), king = (1, 0, 1) and queen = (0, 1, 1),
"king − man + woman" = ``positive=[king, woman], negative=[man]`` answers queen; swapping
man and woman does not.

The browser side (the page's script typing the same queries) is
``tests/test_site_browser.py::test_vector_explorer_answers_as_gensim_does``; it uses
:data:`CHECKED_WORDS` and :data:`CHECKED_ANALOGIES`.
"""
import numpy as np
import pytest

from lib.book.vector_explorer import (ENGINES, dequantised, explorer_data, explorer_keyed_vectors, page_neighbours,
                                      read_explorer_data, shared_words, write_explorer_data)
from lib.vectors.keyed import to_keyed_vectors

CHECKED_WORDS = ["king", "city", "war", "government", "water", "church", "university", "president", "french",
                 "night"]
"""Words whose neighbours the tests compare with Gensim's (all among the 3,000 most frequent, quick or full)."""

CHECKED_ANALOGIES = [("king", "man", "woman"), ("paris", "france", "italy"), ("german", "germany", "spain"),
                     ("he", "his", "her")]
"""Analogies a − b + c that the tests compare with Gensim's ``most_similar(positive=[a, c], negative=[b])``."""


def random_engines(n=60, d=8, seed=0, drop=None):
    """Three engines of ``n`` random words × d; ``drop`` leaves one word out of the last engine."""
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(n)]
    engines = {}
    for k, name in enumerate(ENGINES):
        keep = [w for w in words if not (k == 2 and w == drop)]
        engines[name] = to_keyed_vectors(keep, rng.normal(size=(len(keep), d)).astype(np.float32))
    return engines


def gensim_answer(kv, positive, negative=(), topn=10):
    return kv.most_similar(positive=list(positive), negative=list(negative), topn=topn)


def test_the_data_keeps_the_most_frequent_words_every_engine_knows():
    engines = random_engines(drop="w1")
    assert shared_words(engines, 4) == ["w0", "w2", "w3", "w4"]
    data = explorer_data(engines, n_words=50)
    assert len(data["words"]) == 50 and "w1" not in data["words"]
    for name in ENGINES:
        part = data["engines"][name]
        assert part["codes"].dtype == np.int8 and part["codes"].shape == (50, 8)
        assert part["scale"].dtype == np.float32 and part["scale"].shape == (8,)
        assert part["xy"].shape == (50, 2)
        X = engines[name][data["words"]]
        assert np.abs(dequantised(data, name) - X).max() <= part["scale"].max() / 2 + 1e-7   # half a step


def test_the_file_gives_back_the_same_codes_and_scales(tmp_path):
    data = explorer_data(random_engines(), n_words=40)
    path = tmp_path / "data.js"
    size = write_explorer_data(data, str(path))
    assert size == path.stat().st_size and path.read_text().startswith("window.vectorExplorerData = {")
    back = read_explorer_data(str(path))
    assert back["words"] == data["words"]
    for name in ENGINES:
        assert np.array_equal(back["engines"][name]["codes"], data["engines"][name]["codes"])
        assert np.array_equal(back["engines"][name]["scale"], data["engines"][name]["scale"])   # bit for bit
        assert np.abs(back["engines"][name]["xy"] - data["engines"][name]["xy"]).max() <= 5e-5


def test_the_pages_arithmetic_gives_gensims_words_and_scores_for_every_word():
    data = explorer_data(random_engines(n=200, d=16), n_words=200)
    for name in ENGINES:
        kv = explorer_keyed_vectors(data, name)
        for word in data["words"]:
            assert page_neighbours(data, name, [word]) == gensim_answer(kv, [word])


def test_analogies_are_gensims_3cosadd_with_the_question_words_left_out():
    data = explorer_data(random_engines(n=200, d=16), n_words=200)
    kv = explorer_keyed_vectors(data, "PyTorch")
    for a, b, c in [("w3", "w5", "w7"), ("w10", "w0", "w199"), ("w1", "w2", "w1")]:
        found = page_neighbours(data, "PyTorch", [a, c], [b], topn=20)
        assert found == gensim_answer(kv, [a, c], [b], topn=20)
        assert not {a, b, c} & {w for w, _ in found}


def test_king_minus_man_plus_woman_is_queen_and_the_sign_matters():
    words = ["man", "woman", "king", "queen", "apple", "river"]
    X = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, -1], [-1, -1, 0.2]], np.float32)
    kv = to_keyed_vectors(words, X)
    data = explorer_data({name: kv for name in ENGINES}, n_words=6)
    assert page_neighbours(data, "NumPy", ["king", "woman"], ["man"], topn=1)[0][0] == "queen"
    assert page_neighbours(data, "NumPy", ["king", "man"], ["woman"], topn=1)[0][0] != "queen"


def test_an_unknown_word_is_named():
    data = explorer_data(random_engines(), n_words=10)
    with pytest.raises(KeyError, match="zebra"):
        page_neighbours(data, "Gensim", ["w0", "zebra"])


@pytest.fixture(scope="module")
def course_data():
    """The explorer's data made from the course vectors of the three engines (trained once and cached)."""
    from lib.book.vector_explorer import course_vectors_by_engine
    return explorer_data(course_vectors_by_engine(), n_words=3000)


def test_the_course_data_is_three_engines_of_3000_words_under_half_a_megabyte_each(course_data, tmp_path):
    assert list(course_data["engines"]) == list(ENGINES)
    assert len(course_data["words"]) == 3000
    size = write_explorer_data(course_data, str(tmp_path / "data.js"))
    assert size < 2_000_000, f"the page's data is {size:,} bytes; the page budget leaves about 2 MB for it"
    for part in course_data["engines"].values():
        assert part["codes"].nbytes + part["scale"].nbytes < 500_000


def test_the_checked_queries_get_gensims_answers_on_the_course_vectors(course_data):
    """Float64 Gensim: the same words, the same scores. Float32 Gensim: the same words, except two
    whose cosines differ by less than its rounding."""
    missing = [w for w in CHECKED_WORDS + [w for q in CHECKED_ANALOGIES for w in q] if w not in course_data["words"]]
    assert not missing, f"checked words not among the explorer's words: {missing}"
    queries = [([w], []) for w in CHECKED_WORDS] + [([a, c], [b]) for a, b, c in CHECKED_ANALOGIES]
    for name in ENGINES:
        exact, single = explorer_keyed_vectors(course_data, name), explorer_keyed_vectors(course_data, name, np.float32)
        for positive, negative in queries:
            page = page_neighbours(course_data, name, positive, negative)
            assert page == gensim_answer(exact, positive, negative), (name, positive, negative)
            usual = gensim_answer(single, positive, negative, topn=12)
            scores = dict(usual)
            for (word, score), (other, _) in zip(page, usual):
                assert word == other or abs(scores.get(word, -2) - score) < 1e-6, (name, positive, word, other)


def test_the_site_gives_the_explorer_its_script_and_data_on_its_page_only(tmp_path, monkeypatch):
    import sys
    from types import SimpleNamespace

    from lib.paths import REPO_ROOT
    sys.path.insert(0, f"{REPO_ROOT}/_ext")
    import vector_explorer as extension
    import lib.book.vector_explorer as module

    added = []
    app = SimpleNamespace(add_js_file=lambda name: added.append(name), add_css_file=lambda name: added.append(name),
                          builder=SimpleNamespace(format="html"), outdir=str(tmp_path / "html"))
    monkeypatch.setattr(extension, "PAGES", set())
    extension.add_assets(app, "chapters/01_x", "page.html", {"body": "<p>no explorer</p>"}, None)
    assert added == [] and not extension.PAGES
    extension.add_assets(app, "appendix/vector_explorer", "page.html",
                         {"body": '<div id="vx-app" class="vector-explorer"></div>'}, None)
    assert added == ["vector_explorer.js", "vector_explorer.css"]
    data_file = tmp_path / "vector_explorer_data.js"
    data_file.write_text("window.vectorExplorerData = {};\n")
    monkeypatch.setattr(module, "DATA_FILE", str(data_file))
    extension.copy_data(app, None)
    assert (tmp_path / "html" / "_static" / "vector_explorer_data.js").read_text() == data_file.read_text()
