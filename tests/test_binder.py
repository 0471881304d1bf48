"""Binder's environment, built from ``binder/`` the way repo2docker builds it, runs a chapter.

``test_binder_environment_runs_a_chapter`` (marker ``binder``: it takes
minutes, and continuous integration runs it like every other test):

1. a fresh virtual environment of the Python that runs the tests (3.11, as
   ``binder/runtime.txt`` asks);
2. ``pip install -r binder/requirements.txt`` (JupyterLab and uv);
3. ``bash binder/postBuild`` from the repository root, with the virtual
   environment first on ``PATH``, exactly as repo2docker runs it;
4. the first chapter of ``_toc.yml`` is read with jupytext and executed in
   quick mode by that environment's own Python and kernel.

uv reads no pip configuration. Where pip is configured to find packages
somewhere else than its default index (``pip config list`` shows find-links,
index-url, extra-index-url or constraint, set in a pip.conf or as ``PIP_``
variables — on machines whose torch comes from a local folder of wheels), the
test hands the same places to uv (``UV_FIND_LINKS``, ``UV_DEFAULT_INDEX``,
``UV_INDEX``, ``UV_CONSTRAINT``, with pip's "best match across all indexes"
strategy) and sets ``TORCH_BACKEND=none`` so that postBuild takes torch from
there instead of from PyTorch's CPU index. Without such a configuration
postBuild runs as on Binder, with ``--torch-backend=cpu``. Either way
postBuild's own last line checks that the installed torch is a CPU build.
uv's cache is kept between runs here (``UV_NO_CACHE=0``); Binder builds
without it.

The launch buttons of the built pages (repository, branch and the page's own
source file, which must exist) are checked in ``tests/test_site_browser.py``,
where the site is built.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lib.book.toc import toc_files
from lib.paths import REPO_ROOT

ROOT = Path(REPO_ROOT)

# Where pip's configuration key goes in uv's environment, and how uv separates entries.
PIP_TO_UV = {
    "find-links": ("UV_FIND_LINKS", ","),
    "index-url": ("UV_DEFAULT_INDEX", " "),
    "extra-index-url": ("UV_INDEX", " "),
    "constraint": ("UV_CONSTRAINT", " "),
}


def pip_settings(python: str = sys.executable) -> dict[str, list[str]]:
    """pip's effective index settings, from ``pip config list``.

    Environment variables (``:env:.find-links``) come before files
    (``global.find-links``), as pip gives them precedence. Example: a pip.conf
    with ``find-links = /opt/wheels`` → ``{"find-links": ["/opt/wheels"]}``.
    """
    result = subprocess.run([python, "-m", "pip", "config", "list"], capture_output=True, text=True)
    found: dict[str, list[str]] = {}
    lines = sorted(result.stdout.splitlines(), key=lambda line: not line.startswith(":env:"))
    for line in lines:
        if "=" not in line:
            continue
        key, value = line.split("=", 1)
        option = key.split(".", 1)[-1]
        if option in PIP_TO_UV and option not in found:
            found[option] = shlex.split(value.strip().strip("'\""))
    return found


def uv_environment(settings: dict[str, list[str]]) -> dict[str, str]:
    """The uv variables that point uv where pip looks. Example: see :func:`test_pip_settings_translate_to_uv`."""
    env = {}
    for option, values in settings.items():
        name, separator = PIP_TO_UV[option]
        env[name] = separator.join(values)
    if env:
        env["UV_INDEX_STRATEGY"] = "unsafe-best-match"  # pip picks the best version across all indexes
        env["TORCH_BACKEND"] = "none"
    return env


def test_pip_settings_translate_to_uv():
    env = uv_environment({"find-links": ["/opt/wheels", "/srv/more"],
                          "extra-index-url": ["file:///a/simple", "file:///b/simple"]})
    assert env == {"UV_FIND_LINKS": "/opt/wheels,/srv/more", "UV_INDEX": "file:///a/simple file:///b/simple",
                   "UV_INDEX_STRATEGY": "unsafe-best-match", "TORCH_BACKEND": "none"}
    assert uv_environment({}) == {}


def run_sandbox_postbuild(tmp_path, fake, torch_backend=None, fail=None):
    """Run ``binder/postBuild`` as repo2docker does (an executable, from the repository root) in a copy
    of ``binder/``, with stand-ins for ``uv`` and ``python`` whose ``sys.prefix`` is ``tmp_path/env``;
    ``fail``: ``"uv"`` or ``"check"`` (the closing import check) exits with status 7.
    → (subprocess result, calls in order)."""
    shutil.copytree(ROOT / "binder", tmp_path / "binder")
    fake.real("mkdir", "cp")
    fake.add("uv", "exit 7" if fail == "uv" else "exit 0")
    fake.add("python", f'case "$*" in *sys.prefix*) echo {shlex.quote(str(tmp_path / "env"))};; '
                       f'*"import torch"*) exit {7 if fail == "check" else 0};; esac')
    env = fake.env(**({} if torch_backend is None else {"TORCH_BACKEND": torch_backend}))
    result = subprocess.run([str(tmp_path / "binder" / "postBuild")], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    return result, fake.calls()


@pytest.mark.parametrize("torch_backend, option", [(None, ["--torch-backend=cpu"]), ("cpu", ["--torch-backend=cpu"]),
                                                   ("none", []), ("cu126", ["--torch-backend=cu126"])])
def test_postbuild_installs_the_course_pins_with_uv_and_opens_markdown_as_notebooks(
        torch_backend, option, tmp_path, fake_commands):
    fake = fake_commands()
    result, calls = run_sandbox_postbuild(tmp_path, fake, torch_backend)
    assert result.returncode == 0, result.stderr
    assert calls[0] == ["uv", "pip", "install", "--python", str(fake.bin / "python"), *option,
                        "-r", "requirements.txt"]
    settings = tmp_path / "env" / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert settings.read_bytes() == (ROOT / "binder" / "overrides.json").read_bytes()
    check = calls[-1]                              # the image fails now if torch, gensim, ... do not import
    assert check[:2] == ["python", "-c"] and "import torch" in check[2]


@pytest.mark.parametrize("step", ["uv", "check"])
def test_postbuild_fails_the_image_when_a_step_fails(step, tmp_path, fake_commands):
    result, calls = run_sandbox_postbuild(tmp_path, fake_commands(), fail=step)
    assert result.returncode == 7
    settings = tmp_path / "env" / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert settings.exists() == (step == "check")


def first_chapter() -> Path:
    return ROOT / f"{next(f for f in toc_files() if f.startswith('chapters/'))}.md"


EXECUTE = """
import json, sys
from pathlib import Path
import jupytext, nbclient, nbformat
path = Path(sys.argv[1])
notebook = jupytext.read(path)
notebook.cells.append(nbformat.v4.new_code_cell("import sys, torch; print(sys.executable, torch.__version__)"))
nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                        resources={"metadata": {"path": str(path.parent)}}).execute()
print(json.dumps({"cells": len(notebook.cells), "last": notebook.cells[-1].outputs[0]["text"]}))
"""


@pytest.mark.binder
def test_binder_environment_runs_a_chapter(tmp_path):
    venv = tmp_path / "binder-env"
    bin_dir = venv / "bin"
    times = {}

    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(bin_dir / "python")
    result = subprocess.run([python, "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    times["pip install binder/requirements.txt"] = time.perf_counter() - start

    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("UV_", "VIRTUAL_ENV", "PYTHONPATH", "TORCH_BACKEND"))}
    env.update(uv_environment(pip_settings(python)))
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(venv),
               UV_NO_CACHE="0", UV_LINK_MODE="copy", UV_PYTHON_DOWNLOADS="never", EMBEDDINGS_QUICK="1")
    start = time.perf_counter()
    result = subprocess.run(["bash", "binder/postBuild"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, "binder/postBuild failed:\n" + (result.stdout + result.stderr)[-5000:]
    times["binder/postBuild"] = time.perf_counter() - start

    settings = venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(settings.read_text()) == json.loads((ROOT / "binder" / "overrides.json").read_text())
    assert (venv / "share" / "jupyter" / "labextensions" / "jupyterlab-jupytext").is_dir(), \
        "jupytext's JupyterLab extension (the viewer overrides.json names) is missing"
    assert (bin_dir / "jupyter-lab").is_file()

    chapter = first_chapter()
    start = time.perf_counter()
    result = subprocess.run([python, "-c", EXECUTE, str(chapter)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{chapter.name} failed in the Binder environment:\n{result.stderr[-5000:]}"
    times[f"execute {chapter.relative_to(ROOT)}"] = time.perf_counter() - start
    report = json.loads(result.stdout.strip().splitlines()[-1])
    executable, torch_version = report["last"].split()
    assert Path(executable).parent == bin_dir, f"the kernel ran {executable}, not the Binder environment"
    assert "cu" not in torch_version.split("+")[-1], torch_version
    print("\n" + "\n".join(f"{name}: {seconds:.0f} s" for name, seconds in times.items()))
