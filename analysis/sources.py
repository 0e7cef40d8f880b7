"""Find the inputs behind SOURCE and read their bytes, safely and within a size limit.

SOURCE is a file, a folder (searched recursively), a glob, or several of these. A ``.zip``
archive is read in memory and each member is an input of its own; member names are only
labels, nothing is ever extracted, so no member can write or read outside. Whatever cannot be
read becomes a :class:`Reject` with a reason from :data:`analysis.schema.REJECT_REASONS` instead
of an exception: one bad input never stops the batch.
"""

from __future__ import annotations

import bz2
import glob
import gzip
import io
import os
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.config import DEFAULT_MAX_BYTES
from analysis.text.decode import MAX_CONTROL_SHARE, control_share

_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class RawInput:
    """The bytes of one file or archive member."""

    source_path: str
    member: str | None
    data: bytes
    mtime: float | None = None
    first_line: int = 1  # of a slice of a JSONL file: the file's line number of its first line


@dataclass(frozen=True)
class Reject:
    """An input that could not be loaded, and why."""

    source_path: str
    member: str | None
    reason: str
    detail: str
    record: int | None = None


def _as_list(source: str | os.PathLike | Iterable[str | os.PathLike]) -> list[str]:
    if isinstance(source, (str, os.PathLike)):
        return [os.fspath(source)]
    return [os.fspath(s) for s in source]


def find_files(source: str | os.PathLike | Iterable[str | os.PathLike]) -> Iterator[Path | Reject]:
    """Yield the files SOURCE names, in a stable order, each once; a name that matches nothing
    yields a ``not_found`` reject."""
    seen: set[Path] = set()
    for item in _as_list(source):
        if _GLOB_CHARS & set(item):
            matches = [Path(p) for p in sorted(glob.glob(item, recursive=True))]
            files = [p for m in matches for p in (_walk(m) if m.is_dir() else [m])]
        elif os.path.isdir(item):
            files = _walk(Path(item))
        elif os.path.exists(item):
            files = [Path(item)]
        else:
            files = []
        if not files:
            yield Reject(item, None, "not_found", "no file matches this path or pattern")
        for path in files:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path


def _walk(folder: Path) -> list[Path]:
    return sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.as_posix())


def read_inputs(
    source: str | os.PathLike | Iterable[str | os.PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawInput | Reject]:
    """Yield the bytes of every input under SOURCE, or a reject for each that cannot be read.

    Files over ``max_bytes`` are rejected from their size alone, before reading; so are archive
    members whose declared or actual size exceeds it.
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be a positive number of bytes, got {max_bytes!r}")
    for path in find_files(source):
        if isinstance(path, Reject):
            yield path
        else:
            yield from read_path(path, max_bytes=max_bytes)


def read_path(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput | Reject]:
    """The inputs of one file :func:`find_files` found: itself, or each member of a ``.zip``."""
    path = Path(path)
    name = path.as_posix()
    try:
        stat = path.stat()
        if stat.st_size > max_bytes:
            yield Reject(name, None, "too_large", f"{stat.st_size} bytes > limit of {max_bytes}")
            return
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        yield Reject(name, None, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    if len(data) > max_bytes:  # grew since stat
        yield Reject(name, None, "too_large", f"more than the limit of {max_bytes} bytes")
    elif path.suffix.casefold() == ".zip":
        yield from _read_zip(name, data, max_bytes)
    elif path.suffix.casefold() in _DECOMPRESS:
        yield _decompress(name, path, data, max_bytes, stat.st_mtime)
    else:
        yield RawInput(name, None, data, stat.st_mtime)


#: Single-file compression, by suffix: ``reports.jsonl.gz`` is read as ``reports.jsonl``.
_DECOMPRESS = {".gz": lambda fh: gzip.GzipFile(fileobj=fh), ".bz2": bz2.BZ2File}


def _decompress(name: str, path: Path, data: bytes, max_bytes: int, mtime: float) -> RawInput | Reject:
    """A ``.gz`` or ``.bz2`` file's content, decompressed in a stream that stops past ``max_bytes``
    (so a small bomb cannot fill memory); the member is the name without the suffix."""
    inner = path.stem
    if inner.casefold().endswith((".zip", ".gz", ".bz2")):
        return Reject(name, inner, "unsupported_format", "an archive inside a compressed file")
    try:
        with _DECOMPRESS[path.suffix.casefold()](io.BytesIO(data)) as fh:
            content = fh.read(max_bytes + 1)
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        return Reject(name, inner, "unreadable", f"not a readable {path.suffix} file: {exc}")
    if len(content) > max_bytes:
        return Reject(name, inner, "too_large", f"more than the limit of {max_bytes} bytes decompressed")
    return RawInput(name, inner, content, mtime)


def _read_zip(name: str, data: bytes, max_bytes: int) -> Iterator[RawInput | Reject]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        yield Reject(name, None, "unreadable", f"not a readable zip archive: {exc}")
        return
    if not infos:
        yield Reject(name, None, "empty", "zip archive with no files")
        return
    with archive:
        for info in infos:
            member = info.filename
            if member.casefold().endswith(".zip"):
                yield Reject(name, member, "unsupported_format", "archive inside an archive")
                continue
            if info.file_size > max_bytes:
                yield Reject(name, member, "too_large", f"{info.file_size} bytes > limit of {max_bytes}")
                continue
            try:
                with archive.open(info) as fh:
                    content = fh.read(max_bytes + 1)
            except (
                zipfile.BadZipFile,
                zlib.error,
                RuntimeError,
                NotImplementedError,
                OSError,
                EOFError,
                ValueError,
            ) as exc:
                yield Reject(name, member, "unreadable", f"{type(exc).__name__}: {exc}")
                continue
            if len(content) > max_bytes:
                yield Reject(name, member, "too_large", f"more than the limit of {max_bytes} bytes")
                continue
            mtime = _zip_time(info)
            yield RawInput(name, member, content, mtime)


def _zip_time(info: zipfile.ZipInfo) -> float | None:
    import datetime as dt

    try:  # zip times carry no zone: read them as UTC, the same on every machine
        return dt.datetime(*info.date_time, tzinfo=dt.UTC).timestamp()
    except (ValueError, OverflowError):
        return None


@dataclass(frozen=True)
class FileSlice:
    """Lines ``first_line``... of a JSONL file: bytes ``start`` to ``end``, cut at line ends."""

    path: str
    start: int
    end: int
    first_line: int


def slice_jsonl(path: str | os.PathLike, target_bytes: float) -> list[FileSlice] | None:
    """Cut a large UTF-8 JSONL file into slices of about ``target_bytes`` at line ends.

    Returns ``None`` — read the file whole — unless every slice decodes exactly as the whole file
    does: no byte-order mark, no NUL byte, valid UTF-8, and no slice with more control bytes than
    a text may have (so no slice can be judged binary on its own).
    """
    data = Path(path).read_bytes()
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    slices, start, line = [], 0, 1
    while start < len(data):
        end = data.find(b"\n", int(start + target_bytes))
        end = len(data) if end < 0 else end + 1
        if not data[start:end].strip() and slices:  # only blank lines: part of the slice before
            prev = slices.pop()
            start, line = prev.start, prev.first_line
        chunk = data[start:end]
        if control_share(chunk) > MAX_CONTROL_SHARE:
            return None
        slices.append(FileSlice(Path(path).as_posix(), start, end, line))
        line += chunk.count(b"\n")
        start = end
    return slices


def read_slice(part: FileSlice, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput | Reject]:
    """The input of one :class:`FileSlice`: its bytes, with the file's name and line numbers."""
    try:
        stat = os.stat(part.path)
        with open(part.path, "rb") as fh:
            fh.seek(part.start)
            data = fh.read(part.end - part.start)
    except OSError as exc:
        yield Reject(part.path, None, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    yield RawInput(part.path, None, data, stat.st_mtime, part.first_line)
