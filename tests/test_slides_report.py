"""Specifications of lib.book.slides_report: the appendix finds every chapter's records, counts verdicts,
and names the chapters whose records are missing or stale.

Worked example (test_report_from_two_chapters): chapter 01 records one claim that
holds and one that is wrong, chapter 02 one illustrative claim, chapter 03 has not
run: counts {holds 1, wrong 1, illustrative 1}; chapter 03 is listed as missing.
"""
import datetime

import pytest

import lib.book.claims as claims_module
from lib.book.claims import SlideClaims, load_records
from lib.book.slides_report import (chapter_link, claims_html, expected_chapters, status_by_chapter, status_html,
                                    verdict_counts)


@pytest.fixture(autouse=True)
def records_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(claims_module, "RECORDS_DIR", str(tmp_path))
    return tmp_path


def test_report_from_two_chapters(tmp_path):
    one = SlideClaims("chapters/01_a")
    one.record("S1", "x holds", 1, "holds")
    one.check("S1", "y = 2", computed=3, stated=2)
    SlideClaims("chapters/02_b").record("S2", "z <is> 5", 5, "illustrative")
    records = load_records()
    expected = ["chapters/01_a", "chapters/02_b", "chapters/03_c"]
    status = status_by_chapter(records, expected)
    assert status == {"chapters/01_a": "fresh", "chapters/02_b": "fresh", "chapters/03_c": "missing"}
    claims = [c for ch in expected if ch in records for c in records[ch]["claims"]]
    assert verdict_counts(claims) == {"holds": 1, "wrong": 1, "illustrative": 1, "unsourced": 0}
    table = claims_html(claims)
    assert table.count("<tr>") == 4 and "z &lt;is&gt; 5" in table
    assert '<a href="../chapters/02_b.html">' in table
    assert "03 c" in status_html(status, records) and "missing" in status_html(status, records)


def test_old_records_are_stale():
    SlideClaims("chapters/01_a").record("S", "c", 1, "holds")
    records = load_records()
    future = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)
    status = status_by_chapter(records, ["chapters/01_a"], since=future)
    assert status == {"chapters/01_a": "stale"}
    assert "stale" in status_html(status, records)
    assert "Every chapter" in status_html({"chapters/01_a": "fresh"}, records)


def test_expected_chapters_come_from_the_toc_without_the_appendix(tmp_path):
    toc = tmp_path / "_toc.yml"
    toc.write_text("format: jb-book\nroot: intro\nparts:\n  - caption: A\n    chapters:\n"
                   "      - file: chapters/01_a\n      - file: exercises/01_a\n"
                   "      - file: chapters/99_slides_checked\n")
    assert expected_chapters(str(toc)) == ["chapters/01_a"]
    assert "chapters/13_attention_bert" in expected_chapters()


def test_chapter_link():
    assert chapter_link("chapters/04_context_windows") == \
        '<a href="../chapters/04_context_windows.html">04 context windows</a>'
