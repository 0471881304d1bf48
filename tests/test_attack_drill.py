"""The attack drill reports every defence that did not hold, and holds on this machine's grader."""
from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from lib.grading import attack_drill, sandbox


def fake_grader(cheats: bool):
    """A stand-in for grade_folder: every notebook gets a row; if ``cheats``, patch_lib wins and the secret leaks."""
    def grade_folder(exercise_id, subs, csv_path, hidden_dir, feedback_dir, **_):
        secret = os.environ["ATTACK_DRILL_SECRET"]
        Path(feedback_dir).mkdir()
        with open(csv_path, "w", newline="") as f:
            out = csv.writer(f)
            out.writerow(["submission", "q1", "h1", "total", "max_total", "flags", "error"])
            for notebook in sorted(p.name for p in Path(subs).iterdir()):
                won = notebook in ("solution.md", "victim.md", "victim2.md") or (cheats and notebook == "patch_lib.md")
                out.writerow([notebook, 1 if won else 0, 1 if won else 0, 2 if won else 0, 2, "", ""])
                (Path(feedback_dir) / f"{notebook}.txt").write_text(secret if cheats else "feedback")
    return grade_folder


@pytest.mark.parametrize("cheats", [False, True])
def test_the_drill_reports_an_attack_that_scores_and_a_secret_that_leaks(monkeypatch, tmp_path, cheats):
    monkeypatch.setattr(attack_drill, "WAIT_SECONDS", 0)
    monkeypatch.setattr("lib.grading.grader.grade_folder", fake_grader(cheats))
    monkeypatch.setattr("lib.grading.sandbox.choose_isolation", lambda isolation: "bwrap")
    result = attack_drill.run_drill("ex03", tmp_path)
    assert set(result.rows) == {"solution.md", "stub.md", "victim.md", "victim2.md"} | \
        {f"{name}.md" for name in attack_drill.ATTACKS}
    if cheats:
        assert result.failures[0] == "patch_lib.md earned more or other points than the stub"
        assert result.failures[1].startswith("the secret appears in ['feedback/")
        assert len(result.failures) == 2
    else:
        assert result.failures == []
    assert "ATTACK_DRILL_SECRET" not in os.environ


def test_the_drill_refuses_to_run_without_isolation(tmp_path):
    with pytest.raises(RuntimeError, match="needs isolation bwrap or user"):
        attack_drill.run_drill("ex03", tmp_path, isolation="none")
    assert "ATTACK_DRILL_SECRET" not in os.environ


def test_every_attack_has_a_cell_and_a_description():
    paths = {"hidden": "/h", "csv": "/g.csv", "victim": "/v.md", "victim2": "/w.md", "secret_variable": "S"}
    cells = attack_drill.attack_cells("ex08", ["a", "b"], paths)
    assert [name.removesuffix(".md") for name in cells] == list(attack_drill.ATTACKS)
    assert "ex08.exercise.questions" in cells["inflate_points.md"]
    assert "for _name in ['a', 'b']:" in cells["read_secrets.md"]
    compile(attack_drill.with_cell("", cells["read_secrets.md"]).split("ipython3\n")[1].rsplit("```", 1)[0],
            "read_secrets", "exec")


@pytest.mark.skipif(sandbox.choose_isolation() != "bwrap",
                    reason="the attacks need bubblewrap and root (scripts/setup.sh installs it)")
def test_every_check_of_the_drill_holds_for_another_exercise(capsys):
    assert attack_drill.main(["ex08"]) == 0
    printed = capsys.readouterr().out
    assert "isolation bwrap" in printed and "every check held" in printed
    assert "solution.md              7 / 7" in printed and "patch_lib.md             0 / 7" in printed
