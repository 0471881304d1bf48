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
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lib.book.toc import book_pages, toc_files

ROOT = Path(__file__).resolve().parents[1]
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

def quickstart_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.*?)\n```", section, flags=re.S)


def test_readme_quickstart_has_two_commands():
    commands = quickstart_commands()
    assert commands == [
        "bash scripts/setup.sh && jupyter-book build . --all -W -n --keep-going",
        "bash scripts/setup.sh && EMBEDDINGS_QUICK=1 python -m pytest",
    ]


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


def test_ci_runs_the_readme_test_command_verbatim():
    run = ROOT / ".ci" / "run"
    assert run.stat().st_mode & stat.S_IXUSR, ".ci/run must be executable"
    lines = run.read_text().splitlines()
    assert lines[0] in {"#!/usr/bin/env bash", "#!/bin/bash"}
    assert "set -euo pipefail" in lines
    assert quickstart_commands()[1] in lines


def test_pytest_collects_the_notebook_folders():
    tomllib = pytest.importorskip("tomllib")

    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert {"tests", "chapters", "exercises", "solutions"} <= set(options["testpaths"])


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
