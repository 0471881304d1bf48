"""Cheap checks of the book, Binder and CI configuration (nothing is built).

Worked example for the notebook-test mechanism (``test_notebook_cell_error_fails_its_test``):
a temporary project holds the course's ``conftest.py`` and a chapter whose
second cell raises ``ValueError``. Running pytest on it collects three items
(one per code cell); cell 0 passes, cell 1 fails with the ``ValueError`` in the
report, and cell 2, tagged ``raises-exception``, passes although it raises.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lib.book.toc import book_pages, toc_files

ROOT = Path(__file__).resolve().parents[1]
BASH = shutil.which("bash")
sys.path.insert(0, str(ROOT / "_ext"))

import ipynb_download  # noqa: E402  (local Sphinx extension)
import local_mathjax  # noqa: E402
import page_scripts  # noqa: E402

HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
    jupytext_version: 1.19.6
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def load_yaml(name):
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# _config.yml and _toc.yml
# ---------------------------------------------------------------------------

def test_config_executes_every_notebook_and_fails_on_errors():
    execute = load_yaml("_config.yml")["execute"]
    assert execute["execute_notebooks"] == "force"
    assert execute["allow_errors"] is False
    assert execute["raise_on_error"] is True
    assert execute["timeout"] >= 600


def test_config_keeps_solutions_and_repository_files_out_of_the_book():
    config = load_yaml("_config.yml")
    assert config["only_build_toc_files"] is True
    excluded = set(config["exclude_patterns"])
    for name in ("solutions", "_build", "README.md", "tests", "benchmarks", "binder"):
        assert name in excluded, name


def test_config_repository_and_launch_buttons():
    config = load_yaml("_config.yml")
    assert config["repository"]["url"].startswith("https://github.com/")
    assert config["repository"]["branch"] == "main"
    assert config["html"]["use_repository_button"] is True
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert config["launch_buttons"]["notebook_interface"] == "jupyterlab"


def test_local_extensions_exist():
    extensions = load_yaml("_config.yml")["sphinx"]["local_extensions"]
    for module, folder in extensions.items():
        assert (ROOT / folder / f"{module}.py").is_file(), module


def test_every_toc_entry_exists_and_chapters_are_notebooks():
    files = toc_files()
    assert files[0] == "intro"
    assert len(files) > 1
    for entry in files:
        path = ROOT / f"{entry}.md"
        assert path.is_file(), f"_toc.yml lists {entry}, but {path.name} does not exist"
        if entry != "intro":
            assert ipynb_download.is_jupytext_notebook(path), f"{entry}.md has no jupytext header"


NESTED_TOC = """format: jb-book
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
"""


def test_toc_reader_lists_every_page_root_first_sections_after_their_chapter(tmp_path):
    toc = tmp_path / "_toc.yml"
    toc.write_text(NESTED_TOC)
    assert toc_files(str(toc)) == ["intro", "chapters/01_a", "chapters/01_a_more", "exercises/01_a"]
    assert book_pages(str(toc)) == ["chapters/01_a", "chapters/01_a_more", "exercises/01_a"]


@pytest.mark.parametrize("toc", ["nested", "book"])
def test_toc_reader_agrees_with_jupyter_books_own(toc, tmp_path):
    """The pages, in the order of the sidebar that jupyter-book (sphinx-external-toc) builds."""
    from sphinx_external_toc.parsing import FileItem, parse_toc_yaml

    path = ROOT / "_toc.yml"
    if toc == "nested":
        path = tmp_path / "_toc.yml"
        path.write_text(NESTED_TOC)
    site = parse_toc_yaml(path)

    def reading_order(name):
        yield name
        for tree in site[name].subtrees:
            for item in tree.items:
                if isinstance(item, FileItem):
                    yield from reading_order(item)

    assert toc_files(str(path)) == list(reading_order(site.root.docname))


def test_no_solution_in_the_toc():
    assert not any(f.startswith("solutions/") for f in toc_files())


# ---------------------------------------------------------------------------
# Binder
# ---------------------------------------------------------------------------

def test_binder_runtime_is_python_311():
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"


def test_binder_requirements_parse_and_pin_jupyterlab():
    from packaging.requirements import Requirement

    lines = [line.split("#", 1)[0].strip()
             for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines()]
    requirements = {Requirement(line).name: Requirement(line) for line in lines if line}
    assert str(requirements["jupyterlab"].specifier) == "==4.4.10"
    assert "uv" in requirements


def test_binder_overrides_open_markdown_as_notebooks():
    overrides = json.loads((ROOT / "binder" / "overrides.json").read_text())
    viewers = overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers == {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}


def test_binder_postbuild_installs_pins_cpu_torch_and_settings():
    post_build = ROOT / "binder" / "postBuild"
    assert post_build.stat().st_mode & stat.S_IXUSR, "postBuild must be executable"
    text = post_build.read_text()
    assert text.startswith("#!/bin/bash") and "set -euo pipefail" in text
    assert "--torch-backend=cpu" in text and "-r requirements.txt" in text
    assert "share/jupyter/lab/settings" in text and "binder/overrides.json" in text
    result = subprocess.run(["bash", "-n", str(post_build)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------
# README and CI
# ---------------------------------------------------------------------------

def quickstart_commands() -> list[str]:
    """The commands of README's Quickstart section, as written there (one per ``bash`` block)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.*?)\n```", section, flags=re.S)


def quickstart_command(program: str) -> str:
    """The one Quickstart command that runs ``program``. Example: ``"pytest"`` → README's test command."""
    [command] = [command for command in quickstart_commands() if program in shlex.split(command)]
    return command


def test_readme_build_command_fails_on_any_warning_and_rebuilds_everything():
    """README: the build "runs every notebook; any error or Sphinx warning fails the build"."""
    import click
    from jupyter_book.cli.main import main

    setup, build = quickstart_command("jupyter-book").split(" && ")
    assert shlex.split(setup) == ["bash", "scripts/setup.sh"]
    program, name, *args = shlex.split(build)
    assert program == "jupyter-book"
    options = main.get_command(click.Context(main), name).make_context(name, args).params
    assert options["warningiserror"] and options["nitpick"] and options["keep_going"]
    assert options["freshenv"]                      # --all: no page is taken from an earlier build
    assert (options["path_source"], options["builder"], options["path_output"]) == (".", "html", None)


def run_sandbox_ci(tmp_path, fake, setup_exit=0, pytest_exit=0, readme=False):
    """Run ``.ci/run`` (or README's test command) in a copy of the repository's layout whose
    ``scripts/setup.sh`` and ``python`` are stand-ins; → (exit status, calls in order)."""
    (tmp_path / ".ci").mkdir()
    shutil.copy2(ROOT / ".ci" / "run", tmp_path / ".ci" / "run")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "setup.sh").write_text(f"setup-step\nexit {setup_exit}\n")
    fake.real("bash", "dirname")
    fake.add("setup-step")
    fake.add("python", f'echo "EMBEDDINGS_QUICK=${{EMBEDDINGS_QUICK-unset}}" >> "$log"\nexit {pytest_exit}')
    command = [BASH, "-c", quickstart_command("pytest")] if readme else [str(tmp_path / ".ci" / "run")]
    result = subprocess.run(command, cwd=tmp_path, env=fake.env(), capture_output=True, text=True)
    return result.returncode, fake.calls()


def test_ci_runs_the_readme_test_command(tmp_path, fake_commands):
    status, calls = run_sandbox_ci(tmp_path, fake_commands())
    assert status == 0
    assert calls[0] == ["setup-step"]
    assert calls[1][:3] == ["python", "-m", "pytest"] and calls[2] == ["EMBEDDINGS_QUICK=1"]
    assert len(calls) == 3

    (tmp_path / "readme").mkdir()
    assert run_sandbox_ci(tmp_path / "readme", fake_commands(), readme=True) == (0, calls)


def test_ci_fails_when_setup_or_tests_fail(tmp_path, fake_commands):
    status, calls = run_sandbox_ci(tmp_path, fake_commands(), setup_exit=3)
    assert status != 0 and calls == [["setup-step"]]          # no tests without a working setup
    (tmp_path / "again").mkdir()
    status, calls = run_sandbox_ci(tmp_path / "again", fake_commands(), pytest_exit=1)
    assert status == 1 and calls[1][:3] == ["python", "-m", "pytest"]


SANDBOX_TEST = """import os
import pytest
{mark}

@pytest.mark.parametrize("n", range({count}))
def test_records_where_it_ran(n, request):
    with open(os.environ["SANDBOX_LOG"], "a") as log:
        print(os.environ.get("PYTEST_XDIST_WORKER", "main"), request.node.nodeid,
              os.environ.get("EMBEDDINGS_QUICK", "unset"), file=log)
"""


@pytest.fixture
def sandbox_project(tmp_path):
    """A project with the course's ``conftest.py`` and ``pyproject.toml``, a no-op ``scripts/setup.sh``,
    and tests that record which worker ran them: ``tests/test_a.py`` (4 tests), ``test_b.py`` (3),
    ``test_c.py`` (2), ``test_z_site.py`` (1 test, marked ``site``), and one notebook in each of
    ``chapters/``, ``exercises/`` and ``solutions/``. → (project folder, its environment, read_log)."""
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "setup.sh").write_text("exit 0\n")
    (tmp_path / "tests").mkdir()
    for name, count, mark in [("a", 4, ""), ("b", 3, ""), ("c", 2, ""), ("z_site", 1, "pytestmark = pytest.mark.site")]:
        (tmp_path / "tests" / f"test_{name}.py").write_text(SANDBOX_TEST.format(mark=mark, count=count))
    for folder in ("chapters", "exercises", "solutions"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "01_page.md").write_text(HEADER + "\n# Page\n\n```{code-cell} ipython3\n1 + 1\n```\n")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").write_text(f'#!{BASH}\nexec {shlex.quote(sys.executable)} "$@"\n')
    (bin_dir / "python").chmod(0o755)
    log = tmp_path / "ran.log"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "EMBEDDINGS_"))}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", SANDBOX_LOG=str(log))

    def read_log():
        return [line.split() for line in log.read_text().splitlines()] if log.exists() else []
    return tmp_path, env, read_log


def test_readme_test_command_runs_each_file_in_one_worker_slowest_first(sandbox_project):
    project, env, read_log = sandbox_project
    command = quickstart_command("pytest").replace("python -m pytest", "python -m pytest tests", 1)
    result = subprocess.run([BASH, "-c", command], cwd=project, capture_output=True, text=True, timeout=300,
                            env=dict(env, PYTEST_XDIST_AUTO_NUM_WORKERS="2"))   # -n auto → 2 workers here
    assert result.returncode == 0, result.stdout + result.stderr
    ran = read_log()
    assert len(ran) == 10 and {quick for _, _, quick in ran} == {"1"}
    workers = {worker for worker, _, _ in ran}
    assert workers == {"gw0", "gw1"}
    by_file = {}
    for worker, nodeid, _ in ran:
        by_file.setdefault(nodeid.split("::")[0], set()).add(worker)
    assert all(len(ran_on) == 1 for ran_on in by_file.values()), by_file
    # xdist alone would hand out test_a.py and test_b.py first (most tests first): the site file waits.
    first_of_each_worker = {next(nodeid for w, nodeid, _ in ran if w == worker) for worker in workers}
    assert "tests/test_z_site.py::test_records_where_it_ran[0]" in first_of_each_worker


def test_pytest_runs_in_one_process_unless_told_otherwise(sandbox_project):
    project, env, read_log = sandbox_project
    for extra in ([], ["-p", "no:xdist"]):
        result = subprocess.run(["python", "-m", "pytest", "-q", "tests", *extra], cwd=project, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
    ran = read_log()
    assert len(ran) == 20 and {worker for worker, _, _ in ran} == {"main"}
    # Unchanged order without xdist: the files as collected, alphabetically.
    assert [nodeid.split("::")[0] for _, nodeid, _ in ran[:10]] == \
        ["tests/test_a.py"] * 4 + ["tests/test_b.py"] * 3 + ["tests/test_c.py"] * 2 + ["tests/test_z_site.py"]


def test_pytest_collects_the_tests_and_the_notebook_folders(sandbox_project):
    project, env, _ = sandbox_project
    result = subprocess.run(["python", "-m", "pytest", "--collect-only", "-q"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    collected = {line.split("::")[0] for line in result.stdout.splitlines() if "::" in line}
    assert collected == {"tests/test_a.py", "tests/test_b.py", "tests/test_c.py", "tests/test_z_site.py",
                         "chapters/01_page.md", "exercises/01_page.md", "solutions/01_page.md"}


def test_setup_script_installs_chromium_npm_packages_and_pins():
    setup = ROOT / "scripts" / "setup.sh"
    text = setup.read_text()
    assert text.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in text
    # Chromium only when it is missing, and apt-get only as root.
    assert re.search(r'if \[ -n "\$\(find_chromium\)" \]; then', text)
    assert 'elif [ "$(id -u)" = "0" ] && command -v apt-get' in text
    assert "apt-get install -y -qq --no-install-recommends chromium" in text
    assert "npm install --prefix _ext" in text
    assert text.rstrip().endswith("python -m pip install -r requirements.txt")
    result = subprocess.run(["bash", "-n", str(setup)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_npm_packages_are_pinned_and_no_lockfile_is_committed():
    package = json.loads((ROOT / "_ext" / "package.json").read_text())
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned: {version}"
    assert {"@jupyter-widgets/html-manager", "mathjax"} <= set(package["dependencies"])
    ignored = (ROOT / "_ext" / ".gitignore").read_text().split()
    assert "node_modules/" in ignored and "package-lock.json" in ignored


# ---------------------------------------------------------------------------
# The .ipynb download extension
# ---------------------------------------------------------------------------

def test_markdown_to_ipynb_keeps_cells_and_drops_pairing(tmp_path):
    source = tmp_path / "page.md"
    source.write_text(HEADER + "\n# Title\n\n```{code-cell} ipython3\nx = 1 + 1\n```\n")
    notebook = ipynb_download.markdown_to_ipynb(source, tmp_path / "out" / "page.ipynb")
    written = json.loads((tmp_path / "out" / "page.ipynb").read_text())
    assert written["nbformat"] == 4
    assert [cell["cell_type"] for cell in written["cells"]] == ["markdown", "code"]
    assert "".join(written["cells"][1]["source"]) == "x = 1 + 1"
    assert written["cells"][1]["outputs"] == []
    assert "jupytext" not in written["metadata"]
    assert written["metadata"]["kernelspec"]["name"] == "python3"
    assert len(notebook.cells) == 2


def test_plain_markdown_is_not_a_notebook(tmp_path):
    plain = tmp_path / "README.md"
    plain.write_text("---\ntitle: x\n---\n# Hello\n")
    assert not ipynb_download.is_jupytext_notebook(plain)
    assert not ipynb_download.is_jupytext_notebook(ROOT / "README.md")


# ---------------------------------------------------------------------------
# The notebook tests themselves (conftest.py)
# ---------------------------------------------------------------------------

def test_notebook_cell_error_fails_its_test(tmp_path):
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "demo.md").write_text(
        HEADER
        + "\n# Demo\n\n"
        + "```{code-cell} ipython3\nimport os, pathlib\n"
          "assert pathlib.Path.cwd().name == 'chapters', os.getcwd()\n"
          "assert os.environ['EMBEDDINGS_QUICK'] == 'marker'\n```\n\n"
        + "```{code-cell} ipython3\nraise ValueError('deliberate failure')\n```\n\n"
        + "```{code-cell} ipython3\n:tags: [raises-exception]\n\n1 / 0\n```\n")
    (tmp_path / "chapters" / "notes.md").write_text("# Not a notebook\n")
    env = dict(os.environ, EMBEDDINGS_QUICK="marker")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA", "chapters"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "PASSED chapters/demo.md::Cell 0" in output
    assert "FAILED chapters/demo.md::Cell 1" in output
    assert "deliberate failure" in output
    assert "PASSED chapters/demo.md::Cell 2" in output
    assert "1 failed, 2 passed" in output
    assert not list(tmp_path.rglob("*.ipynb")), "no converted copy may be written"


def test_download_menu_offers_the_notebook_first(tmp_path):
    from types import SimpleNamespace

    source = tmp_path / "src" / "chapters" / "demo.md"
    source.parent.mkdir(parents=True)
    source.write_text(HEADER + "\n# Demo\n\n```{code-cell} ipython3\nprint(1)\n```\n")
    app = SimpleNamespace(
        builder=SimpleNamespace(format="html"),
        env=SimpleNamespace(doc2path=lambda name: str(tmp_path / "src" / f"{name}.md")),
        outdir=str(tmp_path / "html"))
    theme_button = {"type": "link", "text": ".md", "label": "download-source-button"}
    context = {
        "header_buttons": [{"type": "group", "label": "download-buttons", "buttons": [theme_button]}],
        "pathto": lambda target, resource: f"REL/{target}",
    }
    ipynb_download.add_notebook_download(app, "chapters/demo", "page.html", context, doctree=object())
    buttons = context["header_buttons"][0]["buttons"]
    assert [b["text"] for b in buttons] == [".ipynb", ".md"]
    assert buttons[0]["url"] == "REL/chapters/demo.ipynb"
    assert (tmp_path / "html" / "chapters" / "demo.ipynb").is_file()

    # A page that is not a notebook gets neither a file nor a button.
    (tmp_path / "src" / "plain.md").write_text("# Plain page\n")
    context["header_buttons"][0]["buttons"] = [theme_button]
    ipynb_download.add_notebook_download(app, "plain", "page.html", context, doctree=object())
    assert context["header_buttons"][0]["buttons"] == [theme_button]
    assert not (tmp_path / "html" / "plain.ipynb").exists()


# ---------------------------------------------------------------------------
# Scripts of the pages (_ext/page_scripts.py, _ext/local_mathjax.py)
# ---------------------------------------------------------------------------

def test_repeated_scripts_are_listed_once():
    from sphinx.builders.html._assets import _JavaScript

    config = _JavaScript(None, body='const THEBE_JS_URL = "x"')
    scripts = [_JavaScript("doctools.js"), config, _JavaScript("", body='const THEBE_JS_URL = "x"'),
               _JavaScript("doctools.js", defer="defer")]
    assert page_scripts.unique_scripts(scripts) == [scripts[0], config, scripts[3]]


def test_page_script_bridges_mathjax_and_describes_widget_figures():
    text = (ROOT / "_ext" / "static" / page_scripts.SCRIPT).read_text()
    assert "mathjax.Hub = {" in text and "typesetPromise" in text
    assert "image.alt = " in text


def test_local_mathjax_is_used_only_when_installed(tmp_path):
    from types import SimpleNamespace

    assert not local_mathjax.mathjax_available(tmp_path)
    (tmp_path / local_mathjax.ENTRY).write_text("// MathJax")
    assert local_mathjax.mathjax_available(tmp_path)
    config = SimpleNamespace(mathjax_path="https://example.org/mathjax.js")
    local_mathjax.use_local_mathjax(None, config)
    expected = f"mathjax/{local_mathjax.ENTRY}" if local_mathjax.mathjax_available() else \
        "https://example.org/mathjax.js"
    assert config.mathjax_path == expected
