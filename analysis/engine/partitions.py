"""Partitions: the inputs SOURCE names cut into numbered runs of about ``partition_bytes``.

A partition is the engine's unit of work: each stage's per-partition function runs on one, in
any process, and the tables are the same however the corpus is cut (``tests/engine``).
"""

from __future__ import annotations

import math
import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.config import DEFAULT_MAX_BYTES, PARTITION_BYTES
from analysis.load.sources import (
    ARCHIVE_FACTOR,
    MAX_SLICE_RECORDS,
    FileSlice,
    MemberSlice,
    RawInput,
    Reject,
    decompressed_size,
    find_files,
    read_path,
    read_slice,
    slice_csv,
    slice_jsonl,
    zip_budget,
    zip_members,
)

#: JSONL and CSV files from this size on are cut into slices of whole records even when smaller than
#: a partition, so that no partition holds more than ``analysis.load.sources.MAX_SLICE_RECORDS`` of them.
SLICE_FROM_BYTES = 2**18


@dataclass(frozen=True)
class Partition:
    """A numbered run of inputs: file paths, and rejects for names that matched nothing."""

    number: int
    items: tuple[str | FileSlice | MemberSlice | Reject, ...]


def plan_partitions(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    partition_bytes: float = PARTITION_BYTES,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_archive_bytes: int | None = None,
    exclude: str | os.PathLike | None = None,
    follow_links: bool = False,
) -> list[Partition]:
    """Cut the files SOURCE names into partitions of about ``partition_bytes``, in input order.

    A JSONL or CSV file larger than a partition or than ``SLICE_FROM_BYTES`` (and within
    ``max_bytes``, past which it is rejected unread) is cut into slices of whole records when every
    slice reads as the file does (:func:`analysis.load.sources.slice_jsonl`, :func:`~analysis.load.sources.slice_csv`),
    a zip archive into runs of members by their declared sizes; a ``.gz`` or ``.bz2`` file counts
    what it decompresses to; other files are never split.
    """
    if not partition_bytes > 0:
        raise ValueError(f"partition_bytes must be positive, got {partition_bytes!r}")
    parts: list[Partition] = []
    items: list[str | FileSlice | MemberSlice | Reject] = []
    size = 0

    def sized(item) -> Iterable[tuple[str | FileSlice | MemberSlice | Reject, int]]:
        """An input and the bytes it holds (decompressed), or its slices and theirs."""
        if isinstance(item, Reject):
            return [(item, 0)]
        try:
            n = item.stat().st_size
        except OSError:
            n = 0
        suffix = item.suffix.casefold()
        if n > max_bytes:
            return [(item.as_posix(), 0)]  # rejected unread
        if suffix in (".gz", ".bz2"):
            return [(item.as_posix(), decompressed_size(item, max_bytes))]
        if suffix == ".zip":
            return _zip_slices(item, partition_bytes, max_bytes, max_archive_bytes)
        sliceable = math.isfinite(partition_bytes) and suffix in (".jsonl", ".ndjson", ".csv")
        if sliceable and min(partition_bytes, SLICE_FROM_BYTES) < n:
            slices = (slice_csv if suffix == ".csv" else slice_jsonl)(item, partition_bytes)
            if slices:  # a slice of MAX_SLICE_RECORDS small records fills a partition as much as its bytes would
                weight = partition_bytes / MAX_SLICE_RECORDS
                return [(s, max(s.end - s.start, s.n_records * weight)) for s in slices]
        return [(item.as_posix(), n)]

    for found in find_files(source, exclude=exclude, follow_links=follow_links):
        for item, n in sized(found):
            if items and size + n > partition_bytes:
                parts.append(Partition(len(parts), tuple(items)))
                items, size = [], 0
            items.append(item)
            size += n
    if items:
        parts.append(Partition(len(parts), tuple(items)))
    return parts


def _zip_slices(
    path: Path, partition_bytes: float, max_bytes: int, max_archive_bytes: int | None
) -> list[tuple[str | MemberSlice, int]]:
    """A zip archive whole, or in runs of members of about ``partition_bytes`` decompressed (their
    declared sizes, which bound what they decompress to)."""
    total = ARCHIVE_FACTOR * max_bytes if max_archive_bytes is None else max_archive_bytes
    try:
        with open(path, "rb") as fh:
            infos = zip_members(fh)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return [(path.as_posix(), 0)]  # read whole: one corrupt_archive reject
    sizes = [0 if over else i.file_size for i, over in zip(infos, zip_budget(infos, max_bytes, total), strict=True)]
    if sum(sizes) <= partition_bytes:
        return [(path.as_posix(), sum(sizes))]
    out, first, size = [], 0, 0
    for k, n in enumerate(sizes):
        if size and size + n > partition_bytes:
            out.append((MemberSlice(path.as_posix(), first, k), size))
            first, size = k, 0
        size += n
    out.append((MemberSlice(path.as_posix(), first, len(sizes)), size))
    return out


def read_partition(
    part: Partition, *, max_bytes: int = DEFAULT_MAX_BYTES, max_archive_bytes: int | None = None
) -> Iterator[RawInput | Reject]:
    """The inputs of a partition, read one after the other (the load stage's input)."""
    for item in part.items:
        if isinstance(item, Reject):
            yield item
        elif isinstance(item, FileSlice):
            yield from read_slice(item)
        elif isinstance(item, MemberSlice):
            yield from read_path(
                item.path, max_bytes=max_bytes, max_archive_bytes=max_archive_bytes, members=(item.first, item.stop)
            )
        else:
            yield from read_path(item, max_bytes=max_bytes, max_archive_bytes=max_archive_bytes)
