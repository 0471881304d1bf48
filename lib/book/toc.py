"""The book's table of contents: which notebook pages there are, in reading order."""
from __future__ import annotations

from lib.paths import TOC_FILE


def book_pages(toc_path: str = TOC_FILE) -> list[str]:
    """The chapter and exercise pages listed in ``_toc.yml``, in its order (no intro).

    Example: → ``["chapters/01_representation_problem", …, "exercises/01_onehot_cosine", …]``.
    """
    import yaml
    with open(toc_path, encoding="utf-8") as f:
        toc = yaml.safe_load(f)
    files = [entry["file"] for part in toc.get("parts", []) for entry in part.get("chapters", [])]
    return [f for f in files if f.startswith(("chapters/", "exercises/"))]
