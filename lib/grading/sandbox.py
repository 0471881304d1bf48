"""The sandbox a submission's kernel runs in: its own folder, user, namespaces and limits.

The grader runs every submission's Jupyter kernel inside one of these isolations, the
strongest this machine offers (:func:`choose_isolation`):

==========  =========================================================================================
``bwrap``   bubblewrap: new PID, network, IPC, UTS and mount namespaces; a root file system holding
            only ``/usr``, ``/etc``, the Python installation and the course code, all read-only, a
            private ``/tmp`` and the submission's own folder; run as a user id of its own with no
            capabilities. Killing the sandbox's first process ends every process in it, ``setsid``
            ones included. Used when ``bwrap`` is installed and the grader runs as root.
``user``    no namespaces: the kernel runs as a user id of its own (``setpriv``) in its own session;
            at the end every process of that user id is killed (``kill(-1)``, which ``setsid``
            cannot escape). It can read what any user may read and reach the network.
``none``    the grader's own user, with only the limits below and a process-group kill. For trying
            the grader on one's own notebooks, not for grading others'.
==========  =========================================================================================

Every isolation applies :class:`Limits` (memory, CPU time, processes, open files, file size) to the
kernel, and the kernel starts from an empty environment (:func:`kernel_env`).
Example: ``choose_isolation("auto")`` → ``"bwrap"`` on a Linux machine with bubblewrap, run as root.
"""
from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lib.paths import REPO_ROOT

ISOLATIONS = {
    "bwrap": "bubblewrap (PID, network and mount namespaces, read-only course code, a user id of its own)",
    "user": "a user id of its own and a sweep of its processes, WITHOUT namespaces: the kernel can reach "
            "the network and read every file that any user may read (install bubblewrap for more)",
    "none": "NO ISOLATION: the kernel runs as the grader's user with only resource limits; "
            "use this for your own notebooks only",
}
"""Each isolation and the sentence the grader prints about it."""


@dataclass(frozen=True)
class Limits:
    """Resource limits for one submission's kernel (bytes and seconds)."""
    memory: int = 4 * 2**30          # address space (RLIMIT_AS)
    cpu: int = 900                   # CPU seconds over the kernel's life (RLIMIT_CPU)
    processes: int = 64              # processes and threads of the sandbox's user (RLIMIT_NPROC)
    open_files: int = 256            # RLIMIT_NOFILE
    file_size: int = 64 * 2**20      # the largest file it may write (RLIMIT_FSIZE)
    tmp_size: int = 256 * 2**20      # its private /tmp (bwrap only)
    cell_seconds: float = 60.0       # one notebook cell
    total_seconds: float = 600.0     # all cells of the notebook together
    output_bytes: int = 256 * 2**10  # the text of cell outputs kept per submission
    message_bytes: int = 2**20       # the largest message the grader accepts from the kernel


def choose_isolation(requested: str = "auto") -> str:
    """The isolation to use: ``requested``, or with ``"auto"`` the strongest available here.

    Example: as root with ``/usr/bin/bwrap`` → ``"bwrap"``; as root without it → ``"user"``;
    as another user → ``"none"``. Raises ValueError when ``requested`` cannot work here, for
    example ``"user"`` when Python lies in a folder closed to other users (``/root``).
    """
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    have_bwrap, have_setpriv = shutil.which("bwrap") is not None, shutil.which("setpriv") is not None
    if requested == "auto":
        requested = "bwrap" if root and have_bwrap and have_setpriv else "user" if root and have_setpriv else "none"
    if requested not in ISOLATIONS:
        raise ValueError(f"unknown isolation {requested!r}; choose one of auto, {', '.join(ISOLATIONS)}")
    if requested in ("bwrap", "user") and not (root and have_setpriv):
        raise ValueError(f"isolation {requested!r} needs the grader to run as root with setpriv (util-linux)")
    if requested == "bwrap" and not have_bwrap:
        raise ValueError("isolation 'bwrap' needs bubblewrap: apt-get install bubblewrap "
                         "(scripts/setup.sh does it when run as root)")
    if requested == "user":
        hidden = hidden_from_other_users(kernel_paths())
        if hidden is not None:
            raise ValueError(
                f"isolation 'user' runs the kernel as a user id of its own, which cannot read {hidden} "
                "(a folder on the way is closed to other users), so no kernel could start. Install "
                "bubblewrap (apt-get install bubblewrap), which mounts these paths for the kernel; or "
                "install Python and the course where other users can read them; or, for your own "
                "notebooks only, pass --isolation none")
    return requested


def kernel_paths() -> list[Path]:
    """The paths a kernel must read: the Python installation (and virtual environment) and the course."""
    return [Path(sys.executable), Path(sys.prefix), Path(sys.base_prefix), Path(REPO_ROOT) / "lib"]


def hidden_from_other_users(paths: list[Path]) -> Path | None:
    """The first of ``paths`` that a user with no groups cannot reach, or None when all can be read.

    Reaching a path needs search permission for others (``o+x``) on every folder above it and
    read permission on the path itself. Example: with ``/root`` at mode 0700,
    ``hidden_from_other_users([Path("/root/.pyenv/bin/python")])`` → ``Path("/root")``.
    """
    for path in paths:
        path = path.resolve()
        for folder in reversed(path.parents):
            if not os.stat(folder).st_mode & 0o001:
                return folder
        if not os.stat(path).st_mode & 0o004:
            return path
    return None


_UID_BASE = 100_000 + (os.getpid() % 1000) * 64   # fixed at import, so the grader's worker processes share it


def sandbox_uid(slot: int) -> int:
    """The user id of the sandboxes that job ``slot`` runs: one per parallel job and grader run.

    Example: ``sandbox_uid(0)`` in a grader whose process id is 4242 → 100000 + 242 × 64 = 115488.
    """
    return _UID_BASE + slot % 64


class SandboxDir:
    """The folder of one submission's sandbox, on the grader's machine.

    ``root/`` (root, 0711) holds ``inbox/`` (the grader's files for the kernel: its connection
    file and call arguments; read-only to the kernel), ``outbox/`` (what the kernel writes back),
    ``ipc/`` (the kernel's sockets), ``home/`` and ``work/`` (the kernel's working folder, holding
    only a copy of the submission). Example: ``SandboxDir(Path("alice.md"), 115488).work`` →
    ``/tmp/grade-…/work``, which holds ``alice.md``.
    """

    def __init__(self, submission: Path, uid: int | None):
        self.root = Path(tempfile.mkdtemp(prefix="grade-"))
        self.root.chmod(0o711)
        self.inbox, self.outbox, self.ipc = self.root / "inbox", self.root / "outbox", self.root / "ipc"
        self.home, self.work = self.root / "home", self.root / "work"
        self.inbox.mkdir(mode=0o755)
        for folder in (self.outbox, self.ipc, self.home, self.work):
            folder.mkdir(mode=0o700)
            if uid is not None:
                os.chown(folder, uid, uid)
        copy = self.work / submission.name
        shutil.copyfile(submission, copy)
        if uid is not None:
            os.chown(copy, uid, uid)

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)


def kernel_env(box: SandboxDir, isolation: str) -> dict[str, str]:
    """The kernel's whole environment: no variable of the grader's (tokens, paths) is passed on.

    Example: ``kernel_env(box, "bwrap")["HOME"]`` → ``"/tmp/home"``.
    """
    home = "/tmp/home" if isolation == "bwrap" else str(box.home)
    env = {"PATH": f"{os.path.dirname(sys.executable)}:/usr/local/bin:/usr/bin:/bin", "HOME": home,
           "PYTHONPATH": REPO_ROOT, "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "MPLCONFIGDIR": f"{home}/.mpl",
           "PYTHONDONTWRITEBYTECODE": "1", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "JUPYTER_PLATFORM_DIRS": "1"}
    if os.environ.get("EMBEDDINGS_QUICK") in ("0", "1"):
        env["EMBEDDINGS_QUICK"] = os.environ["EMBEDDINGS_QUICK"]
    if _course_cache():      # the instructor's trained vectors and corpora, read-only: loaded, never retrained
        env["EMBEDDINGS_CACHE"] = os.path.realpath(_course_cache())
    return env


def _course_cache() -> str | None:
    """The course's cache of downloaded corpora and trained vectors, when there is one.

    Mounted read-only (no network in the sandbox), so a notebook that loads the course's vectors
    finds them instead of training them again for every submission.
    """
    path = os.environ.get("EMBEDDINGS_CACHE") or os.path.expanduser("~/.cache/embeddings-course")
    return path if os.path.isdir(path) else None


def _bwrap_prefix(box: SandboxDir, limits: Limits, env: dict[str, str], hide: list[str]) -> list[str]:
    """The bubblewrap command line up to the command it runs."""
    cmd = ["bwrap", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
           "--die-with-parent", "--new-session", "--hostname", "sandbox", "--clearenv",
           "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP"]
    for top in ("/bin", "/lib", "/lib64", "/lib32", "/sbin"):   # merged /usr: these are links into it
        if os.path.islink(top):
            cmd += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            cmd += ["--ro-bind", top, top]
    cmd += ["--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc", "--proc", "/proc", "--dev", "/dev",
            "--perms", "1777", "--size", str(limits.tmp_size), "--tmpfs", "/tmp"]
    read_only = {os.path.realpath(p) for p in (REPO_ROOT, sys.prefix, sys.base_prefix, _course_cache()) if p}
    mounts = [(p, "--ro-bind") for p in read_only if not p.startswith("/usr/")]
    mounts += [(str(box.inbox), "--ro-bind")] + [(str(p), "--bind") for p in (box.outbox, box.ipc, box.work)]
    made = {"/", "/tmp"}
    for path, how in sorted(mounts, key=lambda m: m[0].count("/")):   # a parent before what lies in it
        for parent in reversed(Path(path).parents):
            if str(parent) not in made:
                cmd += ["--perms", "0755", "--dir", str(parent)]
                made.add(str(parent))
        cmd += [how, path, path]
        made.add(path)
    git = os.path.join(REPO_ROOT, ".git")   # the repository's history and its remotes' credentials
    hide = hide + ([git] if os.path.exists(git) else [])
    for path in hide:
        path = os.path.realpath(path)
        if any(path == p or path.startswith(p + "/") for p in read_only) and os.path.exists(path):
            cmd += ["--tmpfs", path] if os.path.isdir(path) else ["--ro-bind", "/dev/null", path]
    for key, value in env.items():
        cmd += ["--setenv", key, value]
    return cmd + ["--chdir", str(box.work), "--"]


def _setpriv(uid: int) -> list[str]:
    return ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all",
            "--bounding-set=-all", "--no-new-privs", "--"]


def kernel_command(isolation: str, box: SandboxDir, limits: Limits, uid: int | None, command: list[str],
                   hide: list[str] = ()) -> list[str]:
    """``command`` (the kernel's command line) wrapped in ``isolation``.

    ``hide`` lists paths the kernel must not see even when they lie inside the course code
    (the hidden checks, the other submissions, the grades). Example: ``kernel_command("user", box,
    Limits(), 115488, ["python", "-m", "ipykernel_launcher", "-f", "k.json"])`` →
    ``["setpriv", "--reuid=115488", …, "--", "python", "-m", "ipykernel_launcher", "-f", "k.json"]``.
    """
    if isolation == "bwrap":
        return _bwrap_prefix(box, limits, kernel_env(box, isolation), list(hide)) + _setpriv(uid) + command
    if isolation == "user":
        return _setpriv(uid) + command
    return list(command)


def set_limits(limits: Limits, isolation: str):
    """The function that applies ``limits`` in the kernel's process before it starts (``preexec_fn``)."""
    nproc = limits.processes
    if isolation == "none":   # the grader's own user: count what it already runs
        nproc += sum(1 for p in Path("/proc").iterdir() if p.name.isdigit() and _owned(p))

    def apply():
        for which, value in [(resource.RLIMIT_AS, limits.memory), (resource.RLIMIT_CPU, limits.cpu),
                             (resource.RLIMIT_NPROC, nproc), (resource.RLIMIT_NOFILE, limits.open_files),
                             (resource.RLIMIT_FSIZE, limits.file_size), (resource.RLIMIT_CORE, 0)]:
            hard = resource.getrlimit(which)[1]
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (value, value))
    return apply


def _owned(proc: Path) -> bool:
    try:
        return proc.stat().st_uid == os.getuid()
    except OSError:
        return False


def kill_user(uid: int):
    """Kill every process of user id ``uid`` (``kill(-1)`` run as that user, twice: none can escape it)."""
    for _ in range(2):
        subprocess.run(_setpriv(uid) + [sys.executable, "-S", "-c", "import os, signal\ntry: os.kill(-1, 9)\n"
                                        "except ProcessLookupError: pass"], check=False)


def sweep(isolation: str, process: subprocess.Popen, uid: int | None):
    """End the sandbox and every process in it, those that called ``setsid`` included.

    bwrap: killing its first process ends the PID namespace; user: ``kill(-1)`` as the
    sandbox's user id, twice; none: the process group only (children that left it survive).
    """
    for target in (process.pid, -process.pid):
        try:
            os.kill(target, signal.SIGKILL) if target > 0 else os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if uid is not None and isolation in ("bwrap", "user"):
        kill_user(uid)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
