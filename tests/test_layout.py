"""The shape of ``lib``: subpackages by concept, cheap to import, every re-exported name real.

Worked example (``test_importing_a_subpackage_loads_no_heavy_library[skipgram]``): a
fresh Python runs ``import lib.skipgram`` and then lists which of torch, gensim and
transformers it has loaded: none, although ``lib.skipgram`` re-exports the PyTorch
engine's functions; they are imported the first time one is used.
"""
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import lib
from lib.paths import REPO_ROOT

ROOT = Path(REPO_ROOT)
SUBPACKAGES = sorted(m.name for m in pkgutil.iter_modules(lib.__path__) if m.ispkg)
HEAVY = ("torch", "gensim", "transformers", "sentence_transformers")


def fresh_python(code: str) -> str:
    """What ``code`` prints in a new interpreter started in the repository."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_lib_is_ten_subpackages_and_three_small_modules():
    assert SUBPACKAGES == ["book", "figures", "grading", "measure", "models", "serving", "skipgram", "text", "vectors",
                           "widgets"]
    modules = sorted(m.name for m in pkgutil.iter_modules(lib.__path__) if not m.ispkg)
    assert modules == ["config", "paths", "softmax"]


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_importing_a_subpackage_loads_no_heavy_library(package):
    loaded = fresh_python(f"import sys, lib.{package}; print([m for m in {HEAVY!r} if m in sys.modules])")
    assert loaded == "[]"


def test_training_with_the_numpy_engine_never_loads_torch():
    code = ("import sys; from lib.skipgram import TrainingSettings, train_skipgram; "
            "m = train_skipgram([['a', 'b', 'c'] * 5] * 20, TrainingSettings(min_count=1, epochs=1), progress=False); "
            "print('torch' in sys.modules, len(m.history))")
    assert fresh_python(code) == "False 1"


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_every_re_exported_name_is_defined_in_the_module_the_map_names(package):
    pkg = importlib.import_module(f"lib.{package}")
    submodules = {m.name for m in pkgutil.iter_modules(pkg.__path__)}
    for name in pkg.__all__:
        value = getattr(pkg, name)
        if name in submodules:
            assert value.__name__ == f"lib.{package}.{name}", f"lib.{package}.{name} is not its module"
        elif hasattr(value, "__module__") and callable(value):
            assert value.__module__.startswith(f"lib.{package}."), (name, value.__module__)


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_every_module_is_listed_in_its_package_map(package):
    pkg = importlib.import_module(f"lib.{package}")
    for module in pkgutil.iter_modules(pkg.__path__):
        assert f"``{module.name}``" in pkg.__doc__, f"lib/{package}/__init__.py's table lacks {module.name}"


def test_the_repository_root_is_computed_in_one_place():
    sources = [*(ROOT / "lib").rglob("*.py"), *(ROOT / "tests").glob("*.py")]
    computing = [str(path.relative_to(ROOT)) for path in sources
                 if re.search(r"dirname\(os\.path\.dirname|\.parent\.parent|parents\[\d\]", path.read_text())]
    assert computing == ["lib/paths.py"]
