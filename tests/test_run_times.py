"""Specifications of the run-time records and the introduction's table."""
import json

import pytest

from lib.book.run_times import load_run_times, page_title, run_time_table
from lib.measure.units import human_seconds


def test_seconds_read_as_a_person_would_say_them():
    assert [human_seconds(s) for s in (None, 0.4, 42, 185, 3725)] == [
        "not measured", "under 1 s", "42 s", "3 min 5 s", "62 min 5 s"]


def test_table_shows_both_modes_and_where_they_were_measured():
    machine = {"date": "2026-11-28T02:00:00+00:00", "cpus": 2, "commit": "0123456789"}
    records = {"full": {"chapters/a": {"seconds": 185.2, "peak_rss_mb": 1536, "machine": machine}},
               "quick": {"chapters/a": {"seconds": 12.0, "peak_rss_mb": 300, "machine": machine}}}
    table = run_time_table(["chapters/a", "chapters/b"], {"chapters/a": "A"}, records)
    assert table.iloc[0].tolist() == ["A", "3 min 5 s", "12 s", "1.5 GB", "2026-11-28, 2 cores, commit 0123456"]
    assert table.iloc[1].tolist() == ["chapters/b", "not measured", "not measured", "not measured", "—"]


def test_a_record_of_the_wrong_mode_is_refused(tmp_path):
    path = tmp_path / "times.json"
    path.write_text(json.dumps({"mode": "quick", "pages": {}}))
    with pytest.raises(ValueError, match="'quick' mode times, not 'full'"):
        load_run_times("full", str(path))
    assert load_run_times("full", str(tmp_path / "missing.json")) == {}


def test_page_titles_come_from_the_first_heading():
    assert page_title("chapters/15_scaling_up") == "Scaling Up Skip-gram: NumPy, PyTorch and Gensim"


def test_the_committed_records_cover_every_page_in_both_modes():
    from lib.book.toc import book_pages
    pages = set(book_pages())
    for mode in ("full", "quick"):
        assert pages <= set(load_run_times(mode)), f"the {mode} record misses {sorted(pages - set(load_run_times(mode)))}"
