"""The output folder of a run: the package's alone while it runs, and never half written.

:class:`OutputFolder` is what :func:`analysis.engine.core.run` writes through:

- **a lock** (``.coop.lock``, an ``flock`` held for the whole run, with the holder's PID in it):
  a second run into the same folder stops with an :class:`OutputFolderError` naming the first's
  PID. The kernel lets go of the lock when its process ends, however it ends, so the lock of a
  killed run never blocks the next one.
- **a staging folder** (``.coop-staging-<id>``) that receives every table; only a run that
  completes moves them into place, one rename per table, ``run.json`` last (with
  ``complete: true``). A killed run leaves the previous results, or none: never half a table.
- **a manifest** (``.coop-manifest.json``) of the entries a run wrote. The next run replaces
  only those; an entry of the same name that no manifest lists (a file of the user's) stops
  the run with a message instead of being deleted.
- :func:`check_not_inside` refuses an output folder equal to or inside a folder being read.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import uuid
from collections.abc import Iterable
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the PID check alone
    fcntl = None

LOCK = ".coop.lock"
MANIFEST = ".coop-manifest.json"
_STAGING = ".coop-staging-"
_OLD = ".coop-old-"


class OutputFolderError(ValueError):
    """The output folder cannot be used: another run holds it, it is inside a source, or it holds
    files this package did not write."""


def check_not_inside(out: str | os.PathLike, sources: Iterable[str | os.PathLike]) -> None:
    """Refuse an output folder that is, or is inside, a folder (or file) being read: the run would
    read its own outputs, and replacing them could delete inputs."""
    target = Path(out).resolve()
    for source in sources:
        text = os.fspath(source)
        if set("*?[") & set(text) or not os.path.exists(text):
            continue
        src = Path(text).resolve()
        if target == src or (src.is_dir() and target.is_relative_to(src)):
            raise OutputFolderError(
                f"--out {out} is {'the source' if target == src else 'inside the source'} {text}: the run would "
                "read its own outputs and could replace inputs; choose a folder outside every SOURCE"
            )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class OutputFolder:
    """Lock ``folder``, stage a run's outputs, and move them into place when it completes.

    Use as a context manager; :attr:`staging` is where the run writes, :meth:`commit` moves what
    it wrote into place. Leaving the block without a commit removes the staging folder and leaves
    the folder as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with OutputFolder(folder) as out:
    ...     _ = (out.staging / "table.csv").write_text("a\\n1\\n")
    ...     _ = (out.staging / "run.json").write_text("{}")
    ...     out.commit(["table.csv", "run.json"])
    >>> sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    ['run.json', 'table.csv']
    """

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.staging: Path | None = None
        self._fd: int | None = None

    # -- the lock ----------------------------------------------------------------------------
    def __enter__(self) -> OutputFolder:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock()
        try:
            self._clean_leftovers()
            self.staging = self.folder / f"{_STAGING}{uuid.uuid4().hex[:12]}"
            self.staging.mkdir()
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self.staging is not None and self.staging.exists():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._unlock()

    def _lock(self) -> None:
        path = self.folder / LOCK
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    raise OutputFolderError(self._held_message(fd)) from None
            else:  # pragma: no cover - no flock: a live PID in the file holds the folder
                holder = self._holder(fd)
                if holder and holder.get("pid") != os.getpid() and _alive(int(holder.get("pid", 0))):
                    raise OutputFolderError(self._held_message(fd))
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname()}).encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    @staticmethod
    def _holder(fd: int) -> dict:
        try:
            return json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "{}")
        except (ValueError, OSError):
            return {}

    def _held_message(self, fd: int) -> str:
        holder = self._holder(fd)
        who = f"PID {holder.get('pid', '?')}" + (f" on {holder['host']}" if holder.get("host") else "")
        return (
            f"--out {self.folder} is in use by another coop run ({who}); wait for it to finish or choose "
            "another output folder"
        )

    def _unlock(self) -> None:
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, 0)
            except OSError:
                pass
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None

    def _clean_leftovers(self) -> None:
        """Staging and old folders of runs that were killed (we hold the lock: no run is using them)."""
        for entry in self.folder.iterdir():
            if entry.name.startswith((_STAGING, _OLD)) and entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)

    # -- the manifest ------------------------------------------------------------------------
    def manifest(self) -> list[str]:
        """The entries the last run wrote here (empty when none did)."""
        try:
            names = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8")).get("entries", [])
        except (OSError, ValueError, AttributeError):
            return []
        return [n for n in names if isinstance(n, str) and n and "/" not in n and n not in (".", "..")]

    def _write_manifest(self, names: Iterable[str]) -> None:
        tmp = self.folder / f".{MANIFEST}.{uuid.uuid4().hex}.tmp"
        tmp.write_text(json.dumps({"entries": sorted(set(names))}, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, self.folder / MANIFEST)

    def check_replaceable(self, names: Iterable[str]) -> None:
        """Refuse to start when an entry the run will write exists and no manifest lists it."""
        owned = set(self.manifest())
        foreign = [n for n in names if n not in owned and os.path.lexists(self.folder / n)]
        if foreign:
            raise OutputFolderError(
                f"--out {self.folder} holds {', '.join(sorted(foreign))}, which no coop run recorded writing there; "
                "move them away or choose another output folder (nothing was changed)"
            )

    # -- completing --------------------------------------------------------------------------
    def commit(self, names: list[str]) -> None:
        """Move the staged entries ``names`` into place (the last one last: ``run.json``) and
        record them; the entries the previous run wrote are removed first."""
        self.check_replaceable(names)
        old = self.manifest()
        self._write_manifest([*old, *names])  # a kill from here on: the next run still knows them all
        trash = self.folder / f"{_OLD}{uuid.uuid4().hex[:12]}"
        trash.mkdir()
        for name in sorted(old, key=lambda n: n != "run.json"):  # the completion marker goes first
            if os.path.lexists(self.folder / name):
                os.replace(self.folder / name, trash / name)
        for name in names:
            os.replace(self.staging / name, self.folder / name)
        self._write_manifest(names)
        shutil.rmtree(trash, ignore_errors=True)
