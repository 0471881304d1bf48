"""The book around the chapters: its table of contents, the slide claims it checks, and its run times.

========================  =====================================================================
``toc``                   The pages of ``_toc.yml``, in reading order
``claims``                Slide claims checked by the chapters, recorded for the appendix
``slides_report``         The appendix "The slides, checked"
``run_times``             How long each page takes to run, from committed records
``quiz``                  Self-check quizzes on the chapter pages, from JSON files
``vector_explorer``       The vector explorer page's data: int8 vectors of three engines, 2-D maps
========================  =====================================================================

Example: ``from lib.book import SlideClaims``.
"""
import lazy_loader

# Each name is imported from its module on first use, so importing this package stays cheap.
__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submodules=["claims", "quiz", "run_times", "slides_report", "toc", "vector_explorer"],
    submod_attrs={
        "claims": ["VERDICTS", "VERDICT_COLOURS", "RECORDS_DIR", "Claim", "SlideClaims", "load_records",
                   "load_all", "inconsistent_keys"],
        "quiz": ["QUIZ_DIR", "QUESTION_TYPES", "quiz_path", "load_quiz", "quiz_id", "quiz_html_and_script",
                 "show_quiz"],
        "run_times": ["RECORDS", "load_run_times", "run_time_table", "page_title"],
        "slides_report": ["APPENDIX", "expected_chapters", "status_by_chapter", "verdict_counts",
                          "chapter_link", "claims_html", "status_html"],
        "toc": ["toc_files", "book_pages"],
        "vector_explorer": ["ENGINES", "DATA_FILE", "course_vectors_by_engine", "shared_words", "explorer_data",
                            "dequantised", "explorer_keyed_vectors", "page_neighbours", "write_explorer_data",
                            "read_explorer_data"],
    },
)
