"""Citations in the course's form: (Mikolov et al., 2013) and Mikolov et al. (2013).

sphinxcontrib-bibtex's ``author_year`` referencing style puts the year in square
brackets. This extension registers the same style with round brackets as
``author_year_round``, which ``_config.yml`` selects with ``bibtex_reference_style``.

Example: ``{cite:p}`pennington2014glove``` → "(Pennington et al., 2014)";
``{cite:t}`pennington2014glove``` → "Pennington et al. (2014)".
"""
from __future__ import annotations

import dataclasses

from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

STYLE = "author_year_round"


def round_brackets() -> BracketStyle:
    """Round brackets around a citation. Example: → ``BracketStyle(left="(", right=")")``."""
    return BracketStyle(left="(", right=")")


@dataclasses.dataclass
class RoundAuthorYearReferenceStyle(AuthorYearReferenceStyle):
    """``author_year`` with round brackets."""

    bracket_parenthetical: BracketStyle = dataclasses.field(default_factory=round_brackets)
    bracket_textual: BracketStyle = dataclasses.field(default_factory=round_brackets)
    bracket_author: BracketStyle = dataclasses.field(default_factory=round_brackets)
    bracket_label: BracketStyle = dataclasses.field(default_factory=round_brackets)
    bracket_year: BracketStyle = dataclasses.field(default_factory=round_brackets)


def setup(app):
    # Registered before the builder starts, when sphinxcontrib-bibtex looks the style up.
    register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE, RoundAuthorYearReferenceStyle, force=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
