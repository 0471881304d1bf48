"""The book's table of contents: which pages there are, in reading order."""
from __future__ import annotations

from lib.paths import TOC_FILE


def toc_files(toc_path: str = TOC_FILE) -> list[str]:
    """Every page that a jupyter-book ``_toc.yml`` lists, root first, in reading order.

    Parameters
    ----------
    toc_path : str
        The table of contents to read; the book's own ``_toc.yml`` by default.

    Returns
    -------
    list of str
        The ``root`` and then every ``file:`` entry, at any depth (parts,
        chapters, sections), each entry before the entries nested below it.
        Entries are document names: paths from the book's root without suffix.

    Examples
    --------
    A ``_toc.yml`` holding::

        root: intro
        parts:
          - caption: Part I
            chapters:
              - file: chapters/01_a
                sections:
                  - file: chapters/01_a_more
          - caption: Exercises
            chapters:
              - file: exercises/01_a

    → ``["intro", "chapters/01_a", "chapters/01_a_more", "exercises/01_a"]``.
    """
    import yaml
    with open(toc_path, encoding="utf-8") as f:
        toc = yaml.safe_load(f)
    files = [toc["root"]]

    def walk(node) -> None:
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({key: value for key, value in toc.items() if key != "root"})
    return files


def book_pages(toc_path: str = TOC_FILE) -> list[str]:
    """The chapter and exercise pages listed in ``_toc.yml``, in its order (no intro).

    Example: the ``_toc.yml`` of :func:`toc_files`'s example →
    ``["chapters/01_a", "chapters/01_a_more", "exercises/01_a"]``; the book's own →
    ``["chapters/01_representation_problem", …, "exercises/03_onehot_cosine", …]``.
    """
    return [f for f in toc_files(toc_path) if f.startswith(("chapters/", "exercises/"))]
