"""Specifications of lib.book.claims: records land on disk and the appendix can read them back."""
import re
from collections import defaultdict
from pathlib import Path

import pytest

import lib.book.claims as claims_module
from lib.book.claims import SlideClaims, inconsistent_keys, load_all, load_records
from lib.paths import REPO_ROOT


@pytest.fixture(autouse=True)
def records_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(claims_module, "RECORDS_DIR", str(tmp_path))
    return tmp_path


def test_check_gives_holds_within_tolerance_and_wrong_outside(records_dir):
    claims = SlideClaims("chapters/04_context_windows")
    assert claims.check("Windows", "w = 1: 16 pairs", computed=16, stated=16).verdict == "holds"
    assert claims.check("Windows", "formula gives 16", computed=18, stated=16).verdict == "wrong"
    loaded = load_all(str(records_dir))
    assert [c.verdict for c in loaded] == ["holds", "wrong"]
    assert loaded[0].chapter == "chapters/04_context_windows"


def test_recording_the_same_claim_again_replaces_it(records_dir):
    claims = SlideClaims("chapters/x")
    claims.record("S", "c", 1, "holds")
    claims.record("S", "c", 2, "wrong")
    assert [(c.computed, c.verdict) for c in load_all(str(records_dir))] == [("2", "wrong")]


def test_unknown_verdict_is_refused():
    with pytest.raises(ValueError, match="verdict"):
        SlideClaims("chapters/x").record("S", "c", 1, "maybe")


def test_a_claim_renders_its_verdict():
    claim = SlideClaims("chapters/x").record("Sparsity", "99.998%", 99.998, "holds")
    assert "HOLDS" in claim._repr_html_() and "[holds]" in str(claim)


def test_the_claims_of_every_chapter_come_back_in_chapter_order(records_dir):
    SlideClaims("chapters/02_b").record("S2", "z", 3, "illustrative")
    first = SlideClaims("chapters/01_a")
    first.record("S1", "x", 1, "holds")
    first.record("S1", "y", 2, "wrong")
    records = load_records(str(records_dir))
    assert list(records) == ["chapters/01_a", "chapters/02_b"]
    assert [c.claim for c in records["chapters/01_a"]["claims"]] == ["x", "y"]
    assert [c.claim for c in load_all(str(records_dir))] == ["x", "y", "z"]
    assert load_all() == load_all(str(records_dir))   # the records folder by default


def test_no_records_folder_means_no_claims(tmp_path):
    assert load_records(str(tmp_path / "missing")) == {}
    assert load_all(str(tmp_path / "missing")) == []


def test_unsourced_is_a_verdict_with_its_own_colour():
    claim = SlideClaims("chapters/x").record("S", "5B parameters", "no source found", "unsourced")
    assert "UNSOURCED" in claim._repr_html_()


def test_a_claim_two_chapters_record_under_one_key_must_get_one_verdict(records_dir):
    SlideClaims("chapters/01_a").record("S", "analogies 60–70 %", "per source", "holds", key="analogy-accuracy")
    SlideClaims("chapters/05_b").record("S", "60–70 % accuracy", "not here", "wrong", key="analogy-accuracy")
    SlideClaims("chapters/06_c").record("S", "other", 1, "holds", key="other")
    disagreeing = inconsistent_keys(load_all(str(records_dir)))
    assert list(disagreeing) == ["analogy-accuracy"]
    assert [c.chapter for c in disagreeing["analogy-accuracy"]] == ["chapters/01_a", "chapters/05_b"]


def test_every_shared_key_in_the_chapters_is_recorded_by_at_least_two_chapters():
    """A key exists to tie one claim across chapters; a key only one chapter uses is a typo."""
    chapters_by_key = defaultdict(set)
    for path in sorted(Path(REPO_ROOT, "chapters").glob("*.md")):
        for key in re.findall(r'\bkey="([^"]+)"', path.read_text()):
            chapters_by_key[key].add(path.stem)
    assert chapters_by_key, "no chapter records a shared claim"
    assert {k: sorted(v) for k, v in chapters_by_key.items() if len(v) < 2} == {}
