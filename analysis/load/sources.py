"""Find the inputs behind SOURCE and read their bytes, safely and within a size limit.

SOURCE is a file, a folder (searched recursively), a glob, or several of these. A ``.zip``
archive is read in memory and each member is an input of its own; member names are only
labels, nothing is ever extracted, so no member can write or read outside. Whatever cannot be
read becomes a :class:`Reject` with a reason from :data:`analysis.schema.REJECT_REASONS` instead
of an exception: one bad input never stops the batch.
"""

from __future__ import annotations

import bz2
import errno
import glob
import gzip
import io
import os
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.config import DEFAULT_MAX_BYTES
from analysis.load.decode import MAX_CONTROL_SHARE, control_share

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


def display_name(name: str) -> str:
    r"""A file name as the tables hold it: valid UTF-8, bytes that were not (``os.fsdecode``'s
    surrogate escapes) written as ``\xNN``, so nothing of the name is lost.

    >>> display_name("report.txt"), display_name(os.fsdecode(b"bad\xff.txt"))
    ('report.txt', 'bad\\xff.txt')
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file name decodes to
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"))
    return next((text for test, text in kinds if test(mode)), "a block device" if stat.S_ISBLK(mode) else "not a file")


def find_files(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    exclude: str | os.PathLike | None = None,
    follow_links: bool = False,
) -> Iterator[Path | Reject]:
    """Yield the regular files SOURCE names, in a stable order, each once, and a reject for
    everything else found: a name that matches nothing (``not_found``), a FIFO, socket or device
    (``special_file``, never opened), a link that is not followed (``symlink``), a name the
    system cannot take (``bad_file_name``).

    Only ``lstat`` looks at what a folder holds. A link inside a folder is not followed: one to a
    file inside the same SOURCE names a file read under its own name, one pointing out of the
    SOURCE is read only with ``follow_links``; links to folders are never followed. A SOURCE
    given by name that is itself a link is followed. Files inside ``exclude`` (the output
    folder) are left out.
    """
    seen: set[Path] = set()
    excluded = Path(exclude).resolve() if exclude is not None else None
    for item in _as_list(source):
        try:
            found = _expand(item, follow_links)
        except (ValueError, UnicodeError) as exc:  # an embedded NUL, a name the system cannot encode
            yield Reject(display_name(item), None, "bad_file_name", f"{type(exc).__name__}: {exc}")
            continue
        if not found:
            yield Reject(display_name(item), None, "not_found", "no file matches this path or pattern")
        for path in found:
            if isinstance(path, Reject):
                yield path
                continue
            key = path.resolve()
            if excluded is not None and key.is_relative_to(excluded):
                continue  # the run's own output folder
            if key not in seen:
                seen.add(key)
                yield path


def _expand(item: str, follow_links: bool) -> list[Path | Reject]:
    if _GLOB_CHARS & set(item):
        base = Path(item.split("*")[0].split("?")[0].split("[")[0] or ".")
        root = (base if base.is_dir() else base.parent).resolve()
        out: list[Path | Reject] = []
        for match in sorted(glob.glob(item, recursive=True)):
            path = Path(match)
            out += _entry(path, os.lstat(path), root, follow_links) if os.path.lexists(path) else []
        return out
    path = Path(item)
    try:
        st = os.stat(path)  # a SOURCE named by the user: a link is followed
    except FileNotFoundError:
        if os.path.islink(path):
            return [
                Reject(display_name(item), None, "symlink", f"a dangling link to {display_name(os.readlink(path))}")
            ]
        return []
    except OSError as exc:
        reason = "symlink" if exc.errno == errno.ELOOP else "unreadable"
        return [Reject(display_name(item), None, reason, f"{type(exc).__name__}: {exc.strerror or exc}")]
    if stat.S_ISDIR(st.st_mode):
        return _walk(path, path.resolve(), follow_links)
    if stat.S_ISREG(st.st_mode):
        return [path]
    return [Reject(display_name(item), None, "special_file", f"{_kind(st.st_mode)}, not read")]


def _entry(path: Path, st: os.stat_result, root: Path, follow_links: bool) -> list[Path | Reject]:
    """What one entry of a folder (its ``lstat``) contributes."""
    name = display_name(path.as_posix())
    if stat.S_ISLNK(st.st_mode):
        return _link(path, root, follow_links)
    if stat.S_ISDIR(st.st_mode):
        return _walk(path, root, follow_links)
    if stat.S_ISREG(st.st_mode):
        return [path]
    return [Reject(name, None, "special_file", f"{_kind(st.st_mode)}, not read")]


def _link(path: Path, root: Path, follow_links: bool) -> list[Path | Reject]:
    name = display_name(path.as_posix())
    try:
        target = display_name(os.readlink(path))
        st = os.stat(path)
    except OSError as exc:
        what = "a link loop" if exc.errno == errno.ELOOP else "a dangling link"
        return [Reject(name, None, "symlink", f"{what} ({exc.strerror or exc})")]
    resolved = Path(os.path.realpath(path))
    if stat.S_ISDIR(st.st_mode):
        return [Reject(name, None, "symlink", f"a link to the folder {target}; links to folders are not followed")]
    if resolved.is_relative_to(root):
        return [
            Reject(name, None, "symlink", f"a link to {target} inside the source, which is read under its own name")
        ]
    if not follow_links:
        return [
            Reject(name, None, "symlink", f"a link out of the source to {target}; not followed (see --follow-links)")
        ]
    if not stat.S_ISREG(st.st_mode):
        return [Reject(name, None, "special_file", f"a link to {_kind(st.st_mode)}, not read")]
    return [path]


def _walk(folder: Path, root: Path, follow_links: bool) -> list[Path | Reject]:
    found: list[Path | Reject] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        return [Reject(display_name(folder.as_posix()), None, "unreadable", f"folder: {exc.strerror or exc}")]
    for entry in entries:
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError as exc:
            found.append(Reject(display_name(entry.path), None, "unreadable", f"{exc.strerror or exc}"))
            continue
        found += _entry(Path(entry.path), st, root, follow_links)
    if folder == root or folder.resolve() == root:  # the whole tree, in one stable order
        found.sort(key=lambda p: p.source_path if isinstance(p, Reject) else display_name(p.as_posix()))
    return found


def read_inputs(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_archive_bytes: int | None = None,
    follow_links: bool = False,
) -> Iterator[RawInput | Reject]:
    """Yield the bytes of every input under SOURCE, or a reject for each that cannot be read.

    Files over ``max_bytes`` are rejected from their size alone, before reading; so are archive
    members whose declared or actual size exceeds it, and the members of an archive past a total
    of ``max_archive_bytes`` decompressed (by default :data:`ARCHIVE_FACTOR` times ``max_bytes``).
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be a positive number of bytes, got {max_bytes!r}")
    for path in find_files(source, follow_links=follow_links):
        if isinstance(path, Reject):
            yield path
        else:
            yield from read_path(path, max_bytes=max_bytes, max_archive_bytes=max_archive_bytes)


#: The decompressed bytes of all members of one archive together may be this many times ``max_bytes``.
ARCHIVE_FACTOR = 4


class _NotRegular(Exception):
    pass


def _open_regular(path: Path) -> tuple[io.BufferedReader, os.stat_result]:
    """Open a regular file for reading, never blocking: a FIFO or device put in its place since
    it was found is opened without waiting and refused (:class:`_NotRegular`)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise _NotRegular(_kind(st.st_mode))
    return os.fdopen(fd, "rb"), st


def read_path(
    path: str | os.PathLike,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_archive_bytes: int | None = None,
    members: tuple[int, int] | None = None,
) -> Iterator[RawInput | Reject]:
    """The inputs of one file :func:`find_files` found: itself, or each member of a ``.zip``
    (members ``members[0]`` to ``members[1]`` of them only, in name order, when given)."""
    path = Path(path)
    name = display_name(path.as_posix())
    total = ARCHIVE_FACTOR * max_bytes if max_archive_bytes is None else max_archive_bytes
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            yield Reject(name, None, "special_file", f"{_kind(st.st_mode)}, not read")
            return
        if why := unsupported(path.name):
            yield Reject(name, None, "unsupported_format", why)
            return
        if st.st_size > max_bytes:
            yield Reject(name, None, "too_large", f"{st.st_size} bytes > limit of {max_bytes}")
            return
        fh, st = _open_regular(path)
    except _NotRegular as exc:
        yield Reject(name, None, "special_file", f"{exc}, not read")
        return
    except (ValueError, UnicodeError) as exc:
        yield Reject(name, None, "bad_file_name", f"{type(exc).__name__}: {exc}")
        return
    except OSError as exc:
        yield Reject(name, None, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    with fh:
        if path.suffix.casefold() == ".zip":
            yield from _read_zip(name, fh, max_bytes, total, members)
            return
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            yield Reject(name, None, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
            return
    if len(data) > max_bytes:  # grew since stat
        yield Reject(name, None, "too_large", f"more than the limit of {max_bytes} bytes")
    elif path.suffix.casefold() in _DECOMPRESS:
        yield _decompress(name, path, data, max_bytes, st.st_mtime)
    else:
        yield RawInput(name, None, data, st.st_mtime)


#: Formats the loader does not read (yet): rejected ``unsupported_format`` by their name, unread.
UNSUPPORTED_SUFFIXES = {
    ".pdf": "a PDF document",
    ".doc": "a Word document",
    ".docx": "a Word document",
    ".odt": "an OpenDocument text",
    ".rtf": "an RTF document",
    ".xls": "a spreadsheet",
    ".xlsx": "a spreadsheet",
    ".ods": "a spreadsheet",
    ".pptx": "a presentation",
    ".epub": "an e-book",
    ".tar": "a tar archive",
    ".tgz": "a tar archive",
    ".7z": "a 7-Zip archive",
    ".rar": "a RAR archive",
    ".xz": "an xz-compressed file",
    ".zst": "a Zstandard-compressed file",
}


def unsupported(name: str) -> str | None:
    """Why the loader does not read a file of this name, or ``None``.

    >>> unsupported("report.pdf"), unsupported("report.txt")
    ('a PDF document; the loader reads .txt, .jsonl, .ndjson, .json, .csv, .html, .zip, .gz and .bz2', None)
    """
    what = UNSUPPORTED_SUFFIXES.get(os.path.splitext(name)[1].casefold())
    if what is None:
        return None
    return f"{what}; the loader reads .txt, .jsonl, .ndjson, .json, .csv, .html, .zip, .gz and .bz2"


#: Single-file compression, by suffix: ``reports.jsonl.gz`` is read as ``reports.jsonl``.
_DECOMPRESS = {".gz": lambda fh: gzip.GzipFile(fileobj=fh), ".bz2": bz2.BZ2File}


def decompressed_size(path: str | os.PathLike, limit: int) -> int:
    """How many bytes a ``.gz`` or ``.bz2`` file decompresses to, counted in a stream that stops
    past ``limit`` (for planning partitions by what their inputs hold, not their size on disk)."""
    path = Path(path)
    n = 0
    try:
        fh, _ = _open_regular(path)
        with fh, _DECOMPRESS[path.suffix.casefold()](fh) as inner:
            while n <= limit and (chunk := inner.read(2**20)):
                n += len(chunk)
    except (OSError, EOFError, ValueError, zlib.error, _NotRegular):
        pass
    return n


def _decompress(name: str, path: Path, data: bytes, max_bytes: int, mtime: float) -> RawInput | Reject:
    """A ``.gz`` or ``.bz2`` file's content, decompressed in a stream that stops past ``max_bytes``
    (so a small bomb cannot fill memory); the member is the name without the suffix."""
    inner = display_name(path.stem)
    if inner.casefold().endswith((".zip", ".gz", ".bz2")):
        return Reject(name, inner, "unsupported_format", "an archive inside a compressed file")
    if why := unsupported(inner):
        return Reject(name, inner, "unsupported_format", why)
    try:
        with _DECOMPRESS[path.suffix.casefold()](io.BytesIO(data)) as fh:
            content = fh.read(max_bytes + 1)
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        return Reject(name, inner, "corrupt_archive", f"not a readable {path.suffix} file: {exc}")
    if len(content) > max_bytes:
        return Reject(name, inner, "too_large", f"more than the limit of {max_bytes} bytes decompressed")
    return RawInput(name, inner, content, mtime)


def zip_members(fh) -> list[zipfile.ZipInfo]:
    """The file members of an open zip archive, in name order; ``BadZipFile`` when its central
    directory does not describe the file it is in: a truncated archive whose last directory is that
    of an archive stored inside it, whose members are not this file's."""
    archive = zipfile.ZipFile(fh)
    infos = sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)
    fh.seek(0)
    if infos and fh.read(4) == b"PK\x03\x04" and min(i.header_offset for i in archive.infolist()) > 0:
        raise zipfile.BadZipFile("its directory is not this file's (truncated, or an archive stored inside it)")
    return infos


def zip_budget(infos: list[zipfile.ZipInfo], max_bytes: int, total: int) -> list[str | None]:
    """Per member, why it is not read (``too_large`` detail), from the declared sizes alone: over
    ``max_bytes``, or past ``total`` bytes of the archive's members together. A member never
    decompresses to more than it declares (``zipfile`` stops there and checks the CRC)."""
    out: list[str | None] = []
    used = 0
    for info in infos:
        if info.file_size > max_bytes:
            out.append(f"{info.file_size} bytes > limit of {max_bytes}")
        elif used + info.file_size > total:
            out.append(f"the archive's members pass the limit of {total} bytes decompressed together")
        else:
            used += info.file_size
            out.append(None)
    return out


def _is_link(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def _read_zip(
    name: str, fh, max_bytes: int, total: int, members: tuple[int, int] | None = None
) -> Iterator[RawInput | Reject]:
    try:
        infos = zip_members(fh)
        archive = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        yield Reject(name, None, "corrupt_archive", f"not a readable zip archive: {exc}")
        return
    if not infos:
        yield Reject(name, None, "empty", "zip archive with no files")
        return
    budget = zip_budget(infos, max_bytes, total)
    first, stop = members if members is not None else (0, len(infos))
    with archive:
        for info, over in zip(infos[first:stop], budget[first:stop], strict=True):
            member = info.filename
            if _is_link(info):
                yield Reject(name, member, "symlink", "a symbolic link stored in the archive; not read")
                continue
            if member.casefold().endswith(".zip"):
                yield Reject(name, member, "unsupported_format", "archive inside an archive")
                continue
            if why := unsupported(member):
                yield Reject(name, member, "unsupported_format", why)
                continue
            if over is not None:
                yield Reject(name, member, "too_large", over)
                continue
            try:
                with archive.open(info) as member_fh:
                    content = member_fh.read(max_bytes + 1)
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                # damaged bytes: a bad CRC, corrupt deflate data, a member cut short
                yield Reject(name, member, "corrupt_archive", f"{type(exc).__name__}: {exc}")
                continue
            except (RuntimeError, NotImplementedError, OSError, ValueError) as exc:
                # intact but not readable here: encrypted, an unsupported compression method
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


#: Records in one slice of a JSONL or CSV file at most, whatever their size: a partition's memory
#: grows with its reports' rows as much as with their bytes.
MAX_SLICE_RECORDS = 10_000


@dataclass(frozen=True)
class FileSlice:
    """Records ``first_line``... of a JSONL or CSV file: bytes ``start`` to ``end``, cut at record
    ends, after the file's ``header`` (a CSV file's header line, for every slice)."""

    path: str
    start: int
    end: int
    first_line: int
    header: bytes = b""
    n_records: int = 0  # lines (JSONL) or rows (CSV) in the slice


@dataclass(frozen=True)
class MemberSlice:
    """Members ``first`` to ``stop`` (in name order) of a zip archive: a large archive is read in
    parts, each a partition of its own."""

    path: str
    first: int
    stop: int


def slice_jsonl(path: str | os.PathLike, target_bytes: float) -> list[FileSlice] | None:
    """Cut a large UTF-8 JSONL file into slices of about ``target_bytes`` at line ends (and of at
    most :data:`MAX_SLICE_RECORDS` lines).

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
        end = min(end, _line_end(data, start, MAX_SLICE_RECORDS))
        if not data[start:end].strip() and slices:  # only blank lines: part of the slice before
            prev = slices.pop()
            start, line = prev.start, prev.first_line
        chunk = data[start:end]
        if control_share(chunk) > MAX_CONTROL_SHARE:
            return None
        slices.append(FileSlice(Path(path).as_posix(), start, end, line, n_records=chunk.count(b"\n")))
        line += chunk.count(b"\n")
        start = end
    return slices


def _line_end(data: bytes, start: int, lines: int) -> int:
    """Where the ``lines``-th line from ``start`` ends (the end of the data if sooner)."""
    pos = start
    for _ in range(lines):
        pos = data.find(b"\n", pos) + 1
        if pos == 0:
            return len(data)
    return pos


def slice_csv(path: str | os.PathLike, target_bytes: float) -> list[FileSlice] | None:
    """Cut a large UTF-8 CSV file into slices of about ``target_bytes`` (and at most
    :data:`MAX_SLICE_RECORDS` rows) of whole rows (a quoted
    field may span lines: the csv reader itself finds where each row ends), each read after the
    header line and numbered from its first data row.

    Returns ``None`` — read the file whole — unless every slice reads as the whole file does: the
    conditions of :func:`slice_jsonl`, a file the csv reader reads to its end, and the same
    delimiter sniffed in every slice.
    """
    from analysis.load.records import csv_delimiter, csv_row_ends

    data = Path(path).read_bytes()
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    delimiter = csv_delimiter(text)
    ends = csv_row_ends(text, delimiter)
    if ends is None or len(ends) < 2 or not ends[0][1]:
        return None
    header_end = ends[0][0]
    header = data[:header_end]
    slices: list[FileSlice] = []
    start, first, rows = header_end, 1, 0
    for k, (end, counted) in enumerate(ends[1:], start=1):
        rows += counted
        if end - start >= target_bytes or rows >= MAX_SLICE_RECORDS or k == len(ends) - 1:
            part = FileSlice(Path(path).as_posix(), start, end, first, header, n_records=rows)
            chunk = header + data[start:end]
            if control_share(chunk) > MAX_CONTROL_SHARE or csv_delimiter(chunk.decode("utf-8")) != delimiter:
                return None
            slices.append(part)
            start, first, rows = end, first + rows, 0
    if start != len(data):  # trailing bytes the reader did not return as a row
        return None
    return slices


def read_slice(part: FileSlice, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput | Reject]:
    """The input of one :class:`FileSlice`: its bytes, with the file's name and record numbers."""
    name = display_name(part.path)
    try:
        fh, st = _open_regular(Path(part.path))
        with fh:
            fh.seek(part.start)
            data = fh.read(part.end - part.start)
    except _NotRegular as exc:
        yield Reject(name, None, "special_file", f"{exc}, not read")
        return
    except OSError as exc:
        yield Reject(name, None, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    yield RawInput(name, None, part.header + data, st.st_mtime, part.first_line)
