"""The book's configuration as its tools read it, and its scripts as they run (nothing is built).

``_config.yml`` is read by jupyter-book's own configuration code and ``_toc.yml``
by the course's one reader (:func:`lib.book.toc.toc_files`). ``scripts/setup.sh``,
``.ci/run``, README's Quickstart commands and ``binder/postBuild`` (in
``tests/test_binder.py``) run in sandboxes: a temporary copy of the files they
need, with stand-in commands on ``PATH`` that record each call (the
``fake_commands`` fixture of ``tests/conftest.py``). README's test command runs
for real on a small project of its own, to show how pytest-xdist shares out
the files.

Worked example for the notebook-test mechanism (``test_notebook_cell_error_fails_its_test``):
a temporary project holds the course's ``conftest.py`` and a chapter whose
second cell raises ``ValueError``. Running pytest on it collects three items
(one per code cell); cell 0 passes, cell 1 fails with the ``ValueError`` in the
report, and cell 2, tagged ``raises-exception``, passes although it raises.
"""
from __future__ import annotations

import functools
import importlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lib.book.toc import book_pages, toc_files
from lib.paths import REPO_ROOT

ROOT = Path(REPO_ROOT)
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


# ---------------------------------------------------------------------------
# _config.yml and _toc.yml
# ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def book_config() -> dict:
    """The Sphinx configuration that ``jupyter-book build .`` makes of ``_config.yml`` (validated).

    Example: ``execute: {execute_notebooks: force}`` → ``book_config()["nb_execution_mode"] == "force"``.
    """
    from jupyter_book.config import get_final_config

    config, _ = get_final_config(user_yaml=ROOT / "_config.yml", cli_config={"latex_individualpages": False},
                                 sourcedir=ROOT, raise_on_invalid=True)
    return config


def test_the_build_executes_every_notebook_and_fails_on_errors():
    config = book_config()
    assert config["nb_execution_mode"] == "force"           # no cache: every build runs every notebook
    assert config["nb_execution_allow_errors"] is False
    assert config["nb_execution_raise_on_error"] is True
    assert config["nb_execution_timeout"] >= 600             # a full-size training cell takes minutes
    assert config["nb_execution_in_temp"] is False           # cells run in the notebook's own folder


def test_the_book_is_the_pages_of_the_toc_and_no_solution_reaches_sphinx():
    """Sphinx's own discovery of documents, with the book's exclude patterns: the pages it builds are
    exactly those of ``_toc.yml`` (other documents found are dropped by ``only_build_toc_files``),
    and no solution, test or repository file is even read."""
    from sphinx.project import Project

    config = book_config()
    found = Project(str(ROOT), [".md", ".ipynb", ".rst"]).discover(exclude_paths=config["exclude_patterns"])
    built = found & set(toc_files()) if config["external_toc_exclude_missing"] else found
    assert built == set(toc_files())
    assert not [doc for doc in found if doc.split("/")[0] in {"solutions", "tests", "benchmarks", "binder", "lib"}
                or doc == "README"]


def test_the_launch_and_repository_buttons_point_at_a_binder_the_repository_can_build():
    """The theme's buttons, as jupyter-book hands them over; Binder opens JupyterLab, which
    ``binder/requirements.txt`` installs, from a repository on GitHub."""
    options = book_config()["html_theme_options"]
    assert options["use_repository_button"] is True
    assert options["repository_url"].startswith("https://github.com/") and options["repository_branch"]
    launch = options["launch_buttons"]
    assert launch["binderhub_url"] == "https://mybinder.org"
    assert launch["notebook_interface"] == "jupyterlab"
    assert "jupyterlab" in binder_requirements()


def test_the_build_loads_every_extension_of_ext_and_each_can_be_set_up():
    extensions = book_config()["extensions"]
    for name in extensions:
        assert callable(getattr(importlib.import_module(name), "setup", None)), f"{name} has no setup(app)"
    local = {path.stem for path in (ROOT / "_ext").glob("*.py")
             if callable(getattr(importlib.import_module(path.stem), "setup", None))}
    assert local and local <= set(extensions), f"_ext has extensions the build never loads: {local - set(extensions)}"


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

def binder_requirements() -> dict:
    """``binder/requirements.txt`` as pip reads it: ``{name: Requirement}``. Example: → ``{"jupyterlab": …, "uv": …}``."""
    from packaging.requirements import Requirement

    lines = [line.split("#", 1)[0].strip()
             for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines()]
    return {Requirement(line).name: Requirement(line) for line in lines if line}


def test_binder_python_satisfies_the_course():
    """repo2docker reads ``runtime.txt`` as ``python-X.Y``; that Python must be one the course supports."""
    import tomllib

    from packaging.specifiers import SpecifierSet

    runtime = re.fullmatch(r"python-(\d+\.\d+)", (ROOT / "binder" / "runtime.txt").read_text().strip())
    assert runtime, "binder/runtime.txt must read python-X.Y"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert runtime.group(1) in SpecifierSet(requires)


def test_binder_requirements_are_pinned_and_bring_the_installer_postbuild_runs():
    requirements = binder_requirements()
    for name, requirement in requirements.items():
        assert [spec.operator for spec in requirement.specifier] == ["=="], f"{name} is not pinned"
    assert "uv" in requirements                   # binder/postBuild installs the course with uv


def test_binder_opens_markdown_with_a_viewer_jupytext_defines():
    """``overrides.json`` names JupyterLab's default viewer of Markdown files; that viewer must be a
    document factory of the jupytext extension for JupyterLab, as installed with jupytext."""
    overrides = json.loads((ROOT / "binder" / "overrides.json").read_text())
    viewers = overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert set(viewers) == {"markdown", "myst"}
    extension = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "jupyterlab-jupytext" / "static"
    if not extension.is_dir():
        pytest.skip(f"jupytext's JupyterLab extension is not installed in {sys.prefix}")
    scripts = " ".join(path.read_text(errors="replace") for path in extension.glob("*.js"))
    for file_type, viewer in viewers.items():
        assert f'FACTORY="{viewer}"' in scripts, f"jupytext's extension defines no viewer {viewer!r}"
        assert re.search(rf'FILE_TYPES=\[[^\]]*"{file_type}"', scripts), f"jupytext does not open {file_type}"


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


@pytest.mark.filterwarnings("ignore:.*BaseCommand:DeprecationWarning")   # in jupyter-book's own code
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


def run_sandbox_setup(tmp_path, fake, uid=1000, commands=("npm",), fail=None):
    """Run ``bash scripts/setup.sh`` in a copy of the repository's layout, with only ``fake``'s stand-ins
    on ``PATH`` (``python`` and ``id``, which says ``uid``, plus ``commands``); ``fail``: a stand-in
    that exits with status 7. → (subprocess result, calls in order)."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup.sh", tmp_path / "scripts" / "setup.sh")
    fake.real("dirname")
    for name in ("python", *commands):
        script = 'echo "DEBIAN_FRONTEND=${DEBIAN_FRONTEND-unset}" >> "$log"' if name == "apt-get" else ""
        fake.add(name, script + ("\nexit 7" if name == fail else ""))
    fake.add("id", f'[ "$*" = "-u" ] && echo {uid}')
    result = subprocess.run([BASH, "scripts/setup.sh"], cwd=tmp_path, env=fake.env(), capture_output=True,
                            text=True, timeout=60)
    return result, [call for call in fake.calls() if call[0] != "id"]


NPM_INSTALL = ["npm", "install", "--prefix", "_ext"]
PIP_INSTALL = ["python", "-m", "pip", "install", "-r", "requirements.txt"]


@pytest.mark.parametrize("browser", ["chromium", "chromium-browser", "google-chrome"])
def test_setup_uses_the_chromium_it_finds(browser, tmp_path, fake_commands):
    fake = fake_commands()
    result, calls = run_sandbox_setup(tmp_path, fake, uid=0, commands=(browser, "bwrap", "apt-get", "npm"))
    assert result.returncode == 0, result.stderr
    assert f"chromium found at {fake.bin / browser}" in result.stdout
    assert f"bubblewrap found at {fake.bin / 'bwrap'}" in result.stdout
    assert [call[:4] for call in calls] == [NPM_INSTALL, PIP_INSTALL[:4]] and calls[-1] == PIP_INSTALL


@pytest.mark.parametrize("found, package", [("bwrap", "chromium"), ("chromium", "bubblewrap")])
def test_setup_installs_what_is_missing_with_apt_get_as_root(found, package, tmp_path, fake_commands):
    result, calls = run_sandbox_setup(tmp_path, fake_commands(), uid=0, commands=(found, "apt-get", "npm"))
    assert result.returncode == 0, result.stderr
    apt = [call for call in calls if call[0] in {"apt-get", "DEBIAN_FRONTEND=noninteractive"}]
    assert apt[0] == ["apt-get", "update", "-qq"] and apt[2][:3] == ["apt-get", "install", "-y"]
    assert package in apt[2] and apt[1] == apt[3] == ["DEBIAN_FRONTEND=noninteractive"]
    assert calls[4][:4] == NPM_INSTALL and calls[-1] == PIP_INSTALL


@pytest.mark.parametrize("uid, commands", [(1000, ("apt-get", "npm")), (0, ("npm",))],
                         ids=["not root", "no apt-get"])
def test_setup_without_root_or_apt_get_says_chromium_is_missing_and_goes_on(uid, commands, tmp_path,
                                                                             fake_commands):
    result, calls = run_sandbox_setup(tmp_path, fake_commands(), uid=uid, commands=commands)
    assert result.returncode == 0, result.stderr
    assert "chromium is missing" in result.stderr and "CHROMIUM=/path/to/chrome" in result.stderr
    assert [call[0] for call in calls] == ["npm", "python"] and calls[-1] == PIP_INSTALL


def test_setup_without_npm_says_so_and_goes_on(tmp_path, fake_commands):
    result, calls = run_sandbox_setup(tmp_path, fake_commands(), commands=())
    assert result.returncode == 0, result.stderr
    assert "npm is missing" in result.stderr
    assert calls == [PIP_INSTALL]


@pytest.mark.parametrize("step", ["apt-get", "npm", "python"])
def test_a_failing_setup_step_fails_the_setup(step, tmp_path, fake_commands):
    result, calls = run_sandbox_setup(tmp_path, fake_commands(), uid=0, commands=("apt-get", "npm"), fail=step)
    assert result.returncode == 7
    commands = [call[0] for call in calls if not call[0].startswith("DEBIAN_FRONTEND=")]
    assert commands[-1] == step                   # nothing runs after the failing step


def test_npm_installs_what_the_extensions_serve_pinned_and_nothing_of_it_is_committed():
    import local_widgets

    package = json.loads((ROOT / "_ext" / "package.json").read_text())
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned: {version}"
    node_modules = ROOT / "_ext" / "node_modules"
    for dist in (local_widgets.DIST, local_mathjax.DIST):
        parts = dist.relative_to(node_modules).parts
        served = "/".join(parts[:2]) if parts[0].startswith("@") else parts[0]
        assert served in package["dependencies"], f"{served} is served but not installed by npm"
    if shutil.which("git") is None or subprocess.run(["git", "-C", str(ROOT), "rev-parse"]).returncode:
        pytest.skip("not a git work tree")
    for path in ("_ext/node_modules/mathjax/es5/tex-mml-chtml.js", "_ext/package-lock.json"):
        ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", "--no-index", path])
        assert ignored.returncode == 0, f"git would commit {path}"


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
