"""Specifications of the course's references, glossary and notation (no book build).

The bibliography is ``references.bib``; pages cite with ``{cite:p}``/``{cite:t}`` and list what
they cite with a ``{bibliography}`` filtered to the page. Worked example
(``test_the_strict_build_fails_on_an_unknown_key``): a one-page Sphinx project with the book's
bibliography settings builds with ``-W`` when it cites ``pennington2014glove`` and fails, naming
the key, when it cites ``nobody2099``.
"""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lib.book.toc import toc_files
from lib.paths import REPO_ROOT

ROOT = Path(REPO_ROOT)
PAGES = [p for p in toc_files() if p.startswith(("chapters/", "appendix/"))]
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
TERM = re.compile(r"\{term\}`(?:[^`<]*<([^>]+)>|([^`]+))`")


def bib_entries() -> dict[str, str]:
    """references.bib as ``{key: entry text}``. Example: → ``{"firth1957synopsis": "@incollection{…", …}``."""
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    return {m.group(1): m.group(0) for m in re.finditer(r"@\w+\{([^,]+),.*?\n\}", text, flags=re.S)}


def cited_keys(page: str) -> list[str]:
    text = (ROOT / f"{page}.md").read_text(encoding="utf-8")
    return [key.strip() for group in CITE.findall(text) for key in group.split(",")]


def glossary_terms() -> set[str]:
    text = (ROOT / "appendix" / "glossary.md").read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    return {line.strip() for line in block.splitlines() if line and not line.startswith((" ", ":"))}


def test_every_cited_key_is_in_the_bibliography_and_every_entry_is_cited():
    entries = bib_entries()
    cited = {key for page in PAGES for key in cited_keys(page)}
    assert cited, "no page cites anything"
    assert cited <= set(entries), f"keys missing from references.bib: {sorted(cited - set(entries))}"
    assert set(entries) <= cited, f"entries no page cites: {sorted(set(entries) - cited)}"


def test_every_entry_has_a_doi_or_a_link_unless_it_predates_them():
    offline = {"firth1957synopsis"}  # a 1957 book chapter: neither DOI nor an official copy online
    missing = [key for key, entry in bib_entries().items()
               if key not in offline and not re.search(r"^\s*(doi|url)\s*=", entry, flags=re.M)]
    assert not missing, f"entries without doi or url: {missing}"


@pytest.mark.parametrize("page", PAGES)
def test_a_page_that_cites_lists_its_references_and_no_hand_typed_ones(page):
    text = (ROOT / f"{page}.md").read_text(encoding="utf-8")
    prose = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)
    if cited_keys(page):
        assert "```{bibliography}\n:filter: docname in docnames\n```" in text, f"{page} cites but lists no references"
    hand_typed = re.findall(r"[A-Z][a-z]+ (?:et al\.|and [A-Z][a-z]+|& [A-Z][a-z]+),? \(?(?:19|20)\d\d\)?", prose)
    assert not hand_typed, f"{page}: citations typed by hand: {hand_typed}"


@pytest.mark.parametrize("page", PAGES)
def test_glossary_references_name_defined_terms(page):
    terms = {t.lower() for t in glossary_terms()}
    text = (ROOT / f"{page}.md").read_text(encoding="utf-8")
    used = [(target or plain).strip().lower() for target, plain in TERM.findall(text)]
    assert set(used) <= terms, f"{page}: terms not in the glossary: {sorted(set(used) - terms)}"
    if page.startswith("chapters/") and not page.startswith("chapters/99_"):
        assert used, f"{page} links no term to the glossary"
        assert "{doc}`../appendix/notation`" in text, f"{page} does not link the notation page"


BAD_PAGE = """Title
=====

GloVe :cite:p:`{key}`.

.. bibliography::
   :filter: docname in docnames
"""


@pytest.mark.parametrize("key, builds", [("pennington2014glove", True), ("nobody2099", False)])
def test_the_strict_build_fails_on_an_unknown_key(tmp_path, key, builds):
    from tests.test_book import book_config
    config = book_config()
    (tmp_path / "index.rst").write_text(BAD_PAGE.format(key=key))
    (tmp_path / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT / '_ext')!r})\n"
        "extensions = ['sphinxcontrib.bibtex', 'citations']\n"
        f"bibtex_bibfiles = [{str(ROOT / config['bibtex_bibfiles'][0])!r}]\n"
        f"bibtex_reference_style = {config['bibtex_reference_style']!r}\n")
    result = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html", str(tmp_path),
                             str(tmp_path / "_out")], capture_output=True, text=True, timeout=300)
    assert (result.returncode == 0) == builds, result.stderr[-2000:]
    if builds:
        assert ">Pennington <em>et al.</em>, 2014</a>)" in (tmp_path / "_out" / "index.html").read_text()
    else:
        assert "nobody2099" in result.stderr
