"""Helpers and fixtures shared by the test modules, so that no test module imports another.

(The root ``conftest.py`` is the one that runs the notebooks as tests.)
"""
from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

import numpy as np
import pytest

BASH = shutil.which("bash")


TOPICS = (["cat", "dog", "horse", "cow"], ["car", "truck", "bus", "train"])
"""The two topics of :func:`two_topics`: animals and vehicles."""


@pytest.fixture(scope="session")
def two_topics() -> list[list[str]]:
    """Two topics that never share a sentence: animals and vehicles.

    600 sentences of 12 words, alternating topics, drawn with a fixed seed:
    → ``[["cow", "horse", "horse", …], ["bus", "bus", "train", …], …]``. Any skip-gram
    engine trained on it should put cat near dog and far from truck (:func:`topic_gap`).
    """
    rng = np.random.default_rng(0)
    return [list(rng.choice(topic, size=12)) for _ in range(300) for topic in TOPICS]


@pytest.fixture(scope="session")
def topic_gap():
    """A function of KeyedVectors: mean within-topic cosine minus mean across-topic cosine of :data:`TOPICS`.

    Vectors that learned the two topics → well above 0 (the tests ask for 0.5); untrained ones → about 0.
    """
    def gap(kv) -> float:
        animals, vehicles = TOPICS
        within = np.mean([kv.similarity(a, b) for g in TOPICS for a in g for b in g if a != b])
        across = np.mean([kv.similarity(a, b) for a in animals for b in vehicles])
        return within - across
    return gap


class FakeCommands:
    """A folder to put on ``PATH`` instead of the system's: stand-in commands that record each call.

    Every stand-in appends one line to a shared log, its name then its
    arguments, before it runs its own shell script (``exit 0`` by default);
    the script sees ``$log``, the log's path, to record more. Real programs
    that a script under test needs (``dirname``, ``cp``, ...) are linked in.

    Example: ``fake.add("npm")``; a script under test runs ``npm install --prefix _ext``
    → ``fake.calls() == [["npm", "install", "--prefix", "_ext"]]``.
    """

    def __init__(self, folder: Path):
        self.bin = folder / "bin"
        self.bin.mkdir(parents=True)
        self.log = folder / "calls.log"
        self.log.touch()

    def add(self, name: str, script: str = "exit 0") -> None:
        path = self.bin / name
        path.write_text(f"#!{BASH}\nlog={shlex.quote(str(self.log))}\n"
                        f'{{ printf %s {shlex.quote(name)}; for arg in "$@"; do printf " %q" "$arg"; done; echo; }} >> "$log"\n'
                        f"{script}\n")
        path.chmod(0o755)

    def real(self, *names: str) -> None:
        for name in names:
            (self.bin / name).symlink_to(shutil.which(name))

    def calls(self) -> list[list[str]]:
        return [shlex.split(line) for line in self.log.read_text().splitlines()]

    def env(self, **extra: str) -> dict[str, str]:
        """An environment whose ``PATH`` is the stand-ins' folder alone."""
        keep = {key: os.environ[key] for key in ("HOME", "LANG", "TMPDIR") if key in os.environ}
        return {**keep, "PATH": str(self.bin), **extra}


@pytest.fixture
def fake_commands(tmp_path):
    """Make a :class:`FakeCommands`, each in a fresh folder: ``fake = fake_commands()``."""
    made = []

    def make() -> FakeCommands:
        made.append(FakeCommands(tmp_path / f"fake-commands-{len(made)}"))
        return made[-1]
    return make
