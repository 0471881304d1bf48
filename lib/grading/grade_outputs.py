"""What the grader hands instructors: the CSV (row by row, resumable), feedback files, Gradescope results.

- :class:`GradesCsv` appends one row per submission as soon as it is graded and flushes it to disk,
  so a crash loses nothing, and reports which submissions a rerun can skip.
  Columns: ``submission``, one per question, ``total``, ``max_total``, ``flags``, ``error``.
- :func:`feedback_text`: each question's ✓/✗, points and reason for the student; a hidden
  question says only whether it passed.
- :func:`gradescope_results`: Gradescope's autograder ``results.json`` (score, max_score and one
  test per question with name, score, max_score, output and visibility; hidden questions are
  shown only once the instructor publishes the grades, and without their reasons).

Example: ``GradesCsv(Path("grades.csv"), ["q1", "q2"]).done`` → ``{"alice.md"}`` after a run that
graded alice.md and was stopped.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Row:
    """One submission's grades: points per question, results, flags and errors."""
    submission: str
    points: dict[str, float] = field(default_factory=dict)
    results: list[dict] = field(default_factory=list)   # CheckResult fields, as dicts
    errors: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(self.points.values())


HIDDEN_REASON = "a hidden check: its details are not shown"


def _shown_reason(result: dict) -> str:
    return HIDDEN_REASON if result.get("hidden") else str(result.get("reason", ""))


class GradesCsv:
    """The grades file, written one flushed row at a time; an existing file for the same questions is resumed."""

    def __init__(self, path: Path, ids: list[str]):
        self.path, self.ids = Path(path), list(ids)
        self.header = ["submission", *self.ids, "total", "max_total", "flags", "error"]
        self.done: set[str] = set()
        if self.path.exists() and self.path.stat().st_size > 0:
            with open(self.path, newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))
            if rows[0] != self.header:
                raise ValueError(f"{self.path} holds grades for other questions ({', '.join(rows[0][1:-4])}); "
                                 "write to another file with -o, or delete it to grade from scratch")
            self.done = {row[0] for row in rows[1:] if row}
        else:
            with open(self.path, "w", newline="", encoding="utf-8") as f:
                csv.writer(f).writerow(self.header)

    def append(self, row: Row, max_total: float):
        """Write ``row`` at the end of the file and flush it to the disk."""
        with open(self.path, "a", newline="", encoding="utf-8") as f:
            csv.writer(f).writerow([row.submission, *(f"{row.points.get(i, 0):g}" for i in self.ids),
                                    f"{row.total:g}", f"{max_total:g}", "; ".join(row.flags),
                                    "; ".join(row.errors)])
            f.flush()
            os.fsync(f.fileno())
        self.done.add(row.submission)


def feedback_text(row: Row, exercise_id: str, max_total: float) -> str:
    """The feedback file of one submission: its total, then one line per question, then notes.

    Example: ``"ex03 alice.md: 7/9 points\\n✓ q1 one_hot: 2/2 points — right for …\\n…"``.
    """
    lines = [f"{exercise_id} {row.submission}: {row.total:g}/{max_total:g} points"]
    for r in row.results:
        mark = "✓" if r.get("passed") else "✗"
        lines.append(f"{mark} {r['question']} {r['answer']}: {r['points']:g}/{r['max_points']:g} points — "
                     f"{_shown_reason(r)}")
    lines += [f"note: {e}" for e in row.errors]
    return "\n".join(lines) + "\n"


def gradescope_results(row: Row, max_total: float) -> dict:
    """Gradescope's ``results.json`` for one submission.

    Example: → ``{"score": 7.0, "max_score": 9.0, "tests": [{"name": "q1 one_hot", "score": 2.0,
    "max_score": 2.0, "output": "right for …", "visibility": "visible"}, …]}``.
    """
    tests = [{"name": f"{r['question']} {r['answer']}", "score": float(r["points"]),
              "max_score": float(r["max_points"]), "output": _shown_reason(r),
              "visibility": "after_published" if r.get("hidden") else "visible"} for r in row.results]
    result = {"score": float(row.total), "max_score": float(max_total), "tests": tests}
    if row.errors:
        result["output"] = "\n".join(row.errors)
    return result
