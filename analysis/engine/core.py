"""Run the pipeline over a corpus in partitions: in this process, in a pool of processes, or on Dask.

The inputs are cut into partitions of about ``partition_bytes`` of files, in input order. The
pipeline then makes two passes over them, with one step over the whole corpus in between:

1. **load** (per partition, :func:`load_partition`): decode, datelines, sentences, languages,
   entity mentions (persons not yet named) and the duplicate sketches. The partition's tables go
   to a work folder, and so do the sketches' band hashes and signatures; what the corpus-wide
   step needs comes back: the reports' sha256 and dates, the rest of their
   :class:`~analysis.load.dedup.Sketches` (13 bytes a report), the officials'
   :func:`~analysis.entities.matcher.person_stats` (merged as partitions arrive), the rejects and counts.
2. **corpus** (once): article ids in input order, duplicates
   (:func:`~analysis.load.dedup.resolve_duplicates` over :class:`~analysis.load.dedup.SketchFiles`, reading
   one band at a time and the texts of candidate pairs only), one name per official, and the area
   model: the one given, else one fitted on a sample of at most ``fit_sample`` sentences (below),
   else — for fewer than ``MIN_FIT_SENTENCES`` sentences — the shipped model. Discovery runs on
   at most ``DISCOVER_SAMPLE_SENTENCES`` of the same sample. Duplicates and the model are worked
   out in worker tasks, and the worker pool is replaced before and after this step, so that what
   they allocate is given back.
3. **finish** (per partition, :func:`finish_partition`): ids (made there from 12 bytes a report),
   duplicates and names applied, ``article_entities`` and event locations, the fitted model's
   ``sentence_areas`` and ``article_areas``; the final tables are written as
   ``<table>.parquet/part-NNNNN.parquet``.

Memory is bounded by a partition and a few dozen bytes a report on the driver, not by the
corpus; no table is ever held whole. The fitting sample goes through files too, and local
workers and the driver give freed memory back to the system after each task
(:func:`release_memory`), so resident memory follows what is in use.

**Fitting on a large corpus** uses a sample: each sentence is in it when a hash of its report's
sha256 and its number falls below ``fit_sample / n_sentences``, so the sample is the same
whatever the partitioning, engine or worker count, and a corpus of at most ``fit_sample``
sentences is fitted on all of them (then the result is the in-memory :func:`analyze`'s).

Every partition task is a pure function of its inputs that writes its files atomically
(temporary name, then rename), so a task run twice — Dask re-running the tasks of a worker that
died — writes the same files once: no report is lost or duplicated.

Engines: :class:`LocalRunner` (this process, or ``jobs`` processes) and :class:`DaskRunner`
(``dask.distributed``: a ``LocalCluster`` when no scheduler address is given). Both run the same
functions; the tables are equal (``tests/test_engine.py``).
"""

from __future__ import annotations

import ctypes
import json
import math
import os
import shutil
import time
import uuid
import zipfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cache, partial
from multiprocessing import get_context
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm import tqdm

from analysis import __version__, schema
from analysis.areas.assign import assign_areas
from analysis.areas.discover import TopicDiscovery
from analysis.areas.model import ENTITY_COLUMN, CooperationAreaModel, default_model, save_model
from analysis.areas.taxonomy import load_taxonomy
from analysis.config import DEFAULT_MAX_BYTES
from analysis.engine.outdir import OutputFolder, check_not_inside
from analysis.entities.matcher import (
    article_entities,
    merge_person_stats,
    name_mentions,
    person_names,
    person_stats,
    raw_mentions,
)
from analysis.load.articles import (
    LoadResult,
    article_frame,
    detect_article_languages,
    load_rows,
    rejects_frame,
    sentence_frame,
)
from analysis.load.dedup import (
    Sketches,
    SketchFiles,
    concat_shingles,
    resolve_duplicates,
    save_sketches,
    shingle_hashes,
    sketch,
)
from analysis.load.language import LANGUAGES
from analysis.load.sources import (
    ARCHIVE_FACTOR,
    MAX_SLICE_RECORDS,
    FileSlice,
    MemberSlice,
    Reject,
    _as_list,
    decompressed_size,
    find_files,
    read_path,
    read_slice,
    slice_csv,
    slice_jsonl,
    zip_budget,
    zip_members,
)

#: Corpora with fewer sentences use the shipped model instead of fitting their own.
MIN_FIT_SENTENCES = 500
#: Sentences the area model is fitted on at most (a hash sample beyond that).
FIT_SAMPLE_SENTENCES = 100_000
#: Sentences discovery looks at most (the part of the fitting sample with the smallest hashes).
DISCOVER_SAMPLE_SENTENCES = 25_000
#: Bytes of input files per partition (a file is never split).
PARTITION_BYTES = 4 * 2**20

#: JSONL and CSV files from this size on are cut into slices of whole records even when smaller than
#: a partition, so that no partition holds more than ``analysis.load.sources.MAX_SLICE_RECORDS`` of them.
SLICE_FROM_BYTES = 2**18
#: Tables written per partition, as ``<name>.parquet/part-NNNNN.parquet``.
PARTITIONED_TABLES = (
    "articles", "sentences", "mentions", "article_entities", "sentence_areas", "article_areas", "sentence_topics",
)  # fmt: skip
#: Tables written whole, as ``<name>.parquet`` (``rejects`` also as CSV).
WHOLE_TABLES = ("rejects", "topics", "topic_examples")
_WORK = "_work"
_INTERMEDIATE = ("articles", "sentences", "mentions")


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


@dataclass(frozen=True)
class LoadOptions:
    """The options of :func:`analysis.load.articles.load_articles` a partition is loaded with."""

    year: int | None = None
    use_file_dates: bool = False
    strict: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    languages: tuple[str, ...] = LANGUAGES
    max_archive_bytes: int | None = None  # None: ARCHIVE_FACTOR * max_bytes
    follow_links: bool = False


@dataclass
class LoadedPart:
    """What pass 1 returns of a partition to the corpus-wide step (small: no texts)."""

    number: int
    n_inputs: int
    rejects: pd.DataFrame
    base: np.ndarray  # uint64: the first 16 hex digits of each report's sha256, the base of its id
    dates: np.ndarray
    sketches: Sketches
    persons: pd.DataFrame | None  # None once merged into the corpus's (see run)
    n_sentences: int
    n_repeated_paragraphs: int
    frames: dict[str, pd.DataFrame] | None = None  # the partition's tables when nothing is written


def _part_file(folder: Path, name: str, number: int) -> Path:
    return folder / f"{name}.parquet" / f"part-{number:05d}.parquet"


def _write(frame: pd.DataFrame, path: Path) -> None:
    """Write atomically: a task run twice leaves one complete file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    frame.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def load_partition(
    part: Partition, *, options: LoadOptions = LoadOptions(), work: str | os.PathLike | None = None
) -> LoadedPart:
    """Pass 1 over one partition; its tables go to ``work`` (or stay in the result when ``None``)."""

    def inputs():
        for item in part.items:
            if isinstance(item, Reject):
                yield item
            elif isinstance(item, FileSlice):
                yield from read_slice(item)
            elif isinstance(item, MemberSlice):
                yield from read_path(
                    item.path,
                    max_bytes=options.max_bytes,
                    max_archive_bytes=options.max_archive_bytes,
                    members=(item.first, item.stop),
                )
            else:
                yield from read_path(item, max_bytes=options.max_bytes, max_archive_bytes=options.max_archive_bytes)

    rows, rejects, n_inputs = load_rows(
        inputs(), year=options.year, use_file_dates=options.use_file_dates, strict=options.strict
    )
    rejects += detect_article_languages(rows, options.languages)
    keys = [f"{part.number}:{i}" for i in range(len(rows))]  # provisional: ids are corpus-wide
    articles = article_frame(rows, keys, [None] * len(rows))
    sentences = sentence_frame(keys, rows, options.languages)
    mentions = raw_mentions(articles, sentences)
    sentences = sentences.assign(**{ENTITY_COLUMN: sentence_entities(sentences, mentions)})
    frames = {"articles": articles, "sentences": sentences, "mentions": mentions}
    loaded = LoadedPart(
        number=part.number,
        n_inputs=n_inputs,
        rejects=rejects_frame(rejects),
        base=np.array([int(r["sha256"][:16], 16) for r in rows], dtype=np.uint64),
        dates=articles["date"].to_numpy(),
        sketches=sketch([r["text"] for r in rows]),
        persons=person_stats(mentions, part=part.number),
        n_sentences=len(sentences),
        n_repeated_paragraphs=sum(r["n_duplicate_paragraphs"] for r in rows),
        frames=frames,
    )
    if work is not None:
        for name, frame in frames.items():
            _write(frame, _part_file(Path(work), name, part.number))
        loaded.frames = None
        loaded.sketches = save_sketches(loaded.sketches, _sketch_prefix(work, part.number))
    return loaded


def _sketch_prefix(work: str | os.PathLike, number: int) -> Path:
    return Path(work) / "sketches" / f"part-{number:05d}"


def sentence_entities(sentences: pd.DataFrame, mentions: pd.DataFrame) -> list[list[str]]:
    """For each sentence, the ids of the entities (not persons) found in it, in text order: the
    area model's entity cues, so that pass 2 does not match every sentence again."""
    lists: dict[tuple[str, int], list[str]] = {}
    columns = (mentions[c].tolist() for c in ("article_id", "sentence_no", "entity_id", "entity_type"))
    for article_id, sentence_no, entity_id, entity_type in zip(*columns, strict=True):
        if entity_type != "person":
            lists.setdefault((article_id, sentence_no), []).append(entity_id)
    return [lists.get(key, []) for key in zip(sentences["article_id"], sentences["sentence_no"], strict=True)]


def _read_part(work: str | os.PathLike, name: str, number: int, columns: list[str] | None = None) -> pd.DataFrame:
    return pd.read_parquet(_part_file(Path(work), name, number), columns=columns)


def _uniform(base: np.ndarray, sentence_no: pd.Series) -> np.ndarray:
    """A value in [0, 2**64) per sentence from its report's id base and its number (splitmix64)."""
    x = base ^ (sentence_no.to_numpy(dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@dataclass
class CorpusPlan:
    """What the corpus-wide step decides: ids, duplicates, names, the model."""

    occurrence: list[np.ndarray]  # per partition: 1 for the first report with these bytes, 2, ...
    duplicates: list[dict[int, str]]  # per partition: row -> id of the report it repeats
    names: dict[str, str]
    model: CooperationAreaModel | None
    topics: pd.DataFrame = field(default_factory=lambda: schema.empty("topics"))
    topic_examples: pd.DataFrame = field(default_factory=lambda: schema.empty("topic_examples"))
    discovery: TopicDiscovery | None = None  # fitted on the sample; gives each partition its sentence_topics
    fit_sentences: int = 0  # sentences the model was fitted on here (0: given or shipped)
    bases: list[np.ndarray] = field(default_factory=list)


def _ids(base: np.ndarray, occurrence: np.ndarray) -> list[str]:
    """Article ids as :func:`analysis.load.articles.article_ids` makes them."""
    return [f"{b:016x}" if k == 1 else f"{b:016x}-{k}" for b, k in zip(base.tolist(), occurrence.tolist(), strict=True)]


def finish_partition(
    number: int,
    *,
    ids: list[str],
    duplicate_of: list[str | None],
    names: dict[str, str],
    model: CooperationAreaModel | None,
    discovery: TopicDiscovery | None = None,
    work: str | os.PathLike | None = None,
    out: str | os.PathLike | None = None,
    frames: dict[str, pd.DataFrame] | None = None,
) -> dict[str, pd.DataFrame] | dict[str, int]:
    """Pass 2 over one partition: the final tables, written to ``out`` (then only their lengths
    are returned) or returned."""
    if frames is None:
        frames = {name: _read_part(work, name, number) for name in _INTERMEDIATE}
    articles = frames["articles"]
    key = dict(zip(articles["article_id"], ids, strict=True))
    articles = schema.conform(articles.assign(article_id=ids, duplicate_of=duplicate_of), "articles")
    sentences = frames["sentences"].assign(article_id=lambda f: f["article_id"].map(key).astype("str"))
    public = schema.conform(sentences, "sentences")
    mentions = name_mentions(frames["mentions"].assign(article_id=lambda f: f["article_id"].map(key)), names)
    entity_table, events = article_entities(mentions, articles)
    tables = {
        "articles": articles.assign(event_location=pd.array(events["event_location"], dtype="str")),
        "sentences": public,
        "mentions": mentions,
        "article_entities": entity_table,
    }
    tables["sentence_areas"], tables["article_areas"] = schema.empty("sentence_areas"), schema.empty("article_areas")
    tables["sentence_topics"] = schema.empty("sentence_topics")
    if model is not None and len(sentences):
        scores = model.transform(sentences)
        tables["sentence_areas"], tables["article_areas"] = assign_areas(model, sentences, scores=scores)
        if discovery is not None:
            tables["sentence_topics"] = discovery.transform(sentences, model=model, scores=scores, names=mentions)
    if out is None:
        return tables
    # written in parts: each report's rows in the reports' input order, the same however partitioned
    position = dict(zip(articles["article_id"], range(len(articles)), strict=True))
    tables = {name: _in_input_order(frame, position) for name, frame in tables.items()}
    for name, frame in tables.items():
        _write(frame, _part_file(Path(out), name, number))
    return {name: len(frame) for name, frame in tables.items()}


def _in_input_order(frame: pd.DataFrame, position: dict[str, int]) -> pd.DataFrame:
    """Rows grouped by their report in input order (each report's own rows in the order they came):
    the partitions' parts then concatenate to the same table however the inputs were partitioned."""
    if frame.empty:
        return frame
    order = np.argsort(frame["article_id"].map(position).to_numpy(dtype=np.int64), kind="stable")
    if (order == np.arange(len(order))).all():
        return frame
    return frame.iloc[order].reset_index(drop=True)


def release_memory() -> None:
    """Give memory freed by this process back to the system: the C allocator's free pages
    (``malloc_trim``, where the C library has it) and pyarrow's pool. A long run's resident memory
    then follows what is in use rather than what once was."""
    pa.default_memory_pool().release_unused()
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None)
    except (OSError, TypeError):  # no C library to ask (Windows)
        return None


def _then_release(func: Callable, item, **shared):
    """``func(item, **shared)``, then :func:`release_memory`: how :class:`LocalRunner` runs a task
    (Dask workers trim their own: ``distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_``)."""
    try:
        return func(item, **shared)
    finally:
        release_memory()


class WorkerError(RuntimeError):
    """A worker process died (killed, or out of memory) and its tasks could not be run again."""


def _watch_parent(parent: int) -> None:
    """In a worker process: end it when the process that started it is gone, however that ended."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="coop-parent-watch", daemon=True).start()


class LocalRunner:
    """Run partition tasks here (``jobs=1``) or in ``jobs`` processes (spawned, so nothing
    inherited by fork can differ).

    A worker process that dies mid-task (killed, out of memory) is replaced and the tasks not yet
    done run again, up to ``retries`` times a pass; then the run stops with a
    :class:`WorkerError`. Tasks are pure and write atomically, so a task run twice changes
    nothing. Workers end by themselves when the driver is gone, however it ended.
    """

    def __init__(self, jobs: int = 1, *, retries: int = 2):
        if not isinstance(jobs, int) or jobs < 1:
            raise ValueError(f"jobs must be a positive int, got {jobs!r}")
        if not isinstance(retries, int) or retries < 0:
            raise ValueError(f"retries must be an int >= 0, got {retries!r}")
        self.jobs = jobs
        self.retries = retries
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.jobs, mp_context=get_context("spawn"), initializer=_watch_parent, initargs=(os.getpid(),)
        )

    def __enter__(self) -> LocalRunner:
        if self.jobs > 1:
            self._pool = self._new_pool()
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def recycle(self) -> None:
        """Replace the worker processes with fresh ones: memory a pass left behind goes back to
        the system before the corpus-wide step (a no-op in this process)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = self._new_pool()

    def map(self, func: Callable, items: Sequence, **shared) -> Iterable:
        """``func(item, **shared)`` for each item, results in order, as they come."""
        task = partial(_then_release, func, **shared)
        if self._pool is None:
            return map(task, items)
        return self._map_retrying(task, list(items))

    def _map_retrying(self, task: Callable, items: list) -> Iterable:
        done, deaths = 0, 0
        while done < len(items):
            futures = [self._pool.submit(task, item) for item in items[done:]]
            try:
                for future in futures:
                    result = future.result()
                    done += 1
                    yield result
            except BrokenProcessPool:
                deaths += 1
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = self._new_pool()
                if deaths > self.retries:
                    raise WorkerError(
                        f"a worker process died {deaths} times running {getattr(task.args[0], '__name__', 'a task')} "
                        f"(killed, or out of memory?); {done} of {len(items)} tasks were done. Try fewer --jobs or a "
                        "smaller --partition-mb"
                    ) from None


class DaskRunner:
    """Run partition tasks on ``dask.distributed``: the scheduler at ``scheduler`` (for example
    ``tcp://10.0.0.5:8786``), else a ``LocalCluster`` of ``jobs`` single-threaded worker
    processes on this machine. Workers must see the output folder at the same path (a shared
    file system) and have this package installed."""

    def __init__(self, scheduler: str | None = None, *, jobs: int | None = None, client=None):
        self.scheduler = scheduler
        self.jobs = jobs
        self.client = client
        self._own: list = []

    def __enter__(self) -> DaskRunner:
        if self.client is None:
            from distributed import Client, LocalCluster

            if self.scheduler:
                self.client = Client(self.scheduler)
            else:
                cluster = LocalCluster(
                    n_workers=self.jobs or os.cpu_count() or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    host="127.0.0.1",
                )
                self.client = Client(cluster)
                self._own.append(cluster)
            self._own.insert(0, self.client)
        return self

    def __exit__(self, *exc) -> None:
        for thing in self._own:
            thing.close()
        self._own.clear()

    def recycle(self) -> None:
        """Nothing: Dask workers manage their own memory (``distributed.worker.memory``)."""

    def map(self, func: Callable, items: Sequence, **shared) -> Iterable:
        """``func(item, **shared)`` on the workers; results in order. Each shared argument (the
        model) is made once by a task of its own and passed between workers from there: unlike
        scattered data, a task's result that dies with its worker is made again."""
        if not items:
            return []
        sent = {k: self.client.submit(_same, v, pure=False) for k, v in shared.items()}
        futures = self.client.map(func, items, pure=False, **sent)
        return self.client.gather(futures)


def _same(value):
    return value


@dataclass
class RunResult:
    """The account of a partitioned run and where its tables are."""

    out: Path | None
    n_inputs: int
    n_loaded: int
    n_rejected: int
    n_duplicates: int
    n_repeated_paragraphs: int
    n_partitions: int
    rows: dict[str, int]
    model: CooperationAreaModel | None
    fit_sentences: int
    reject_reasons: dict[str, int] = field(default_factory=dict)
    #: wall seconds of each step: plan (partitions), start (workers), load, duplicates, names, sample,
    #: fit, discover, finish
    timings: dict[str, float] = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] | None = None

    def manifest(self) -> dict:
        """What ``run.json`` in the output folder records: counts, rows, steps' wall seconds."""
        return {
            "coop_analysis": __version__,
            "complete": True,
            "n_inputs": self.n_inputs,
            "n_loaded": self.n_loaded,
            "n_rejected": self.n_rejected,
            "reject_reasons": self.reject_reasons,
            "n_duplicates": self.n_duplicates,
            "n_repeated_paragraphs": self.n_repeated_paragraphs,
            "n_partitions": self.n_partitions,
            "fit_sentences": self.fit_sentences,
            "rows": self.rows,
            "timings_s": self.timings,
        }

    def summary(self) -> str:
        """The load account (as :meth:`analysis.load.articles.LoadResult.summary`), then the rows of each table."""
        reasons = ", ".join(f"{n} {r}" for r, n in sorted(self.reject_reasons.items(), key=lambda kv: (-kv[1], kv[0])))
        line = f"{self.n_inputs} inputs: {self.n_loaded} loaded, {self.n_rejected} rejected"
        line += f" ({reasons})" if reasons else ""
        line += (
            f"; {self.n_duplicates} duplicate reports flagged, {self.n_repeated_paragraphs} repeated paragraphs removed"
        )
        counts = ", ".join(f"{name} {n}" for name, n in self.rows.items())
        fitted = f"; area model fitted on {self.fit_sentences} sentences" if self.fit_sentences else ""
        steps = ", ".join(f"{k} {v:.1f}" for k, v in self.timings.items())
        return f"{line}\n{self.n_partitions} partitions{fitted}; rows: {counts}\nseconds: {steps}"


def run(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    out: str | os.PathLike | None = None,
    runner: LocalRunner | DaskRunner | None = None,
    model: CooperationAreaModel | None = None,
    taxonomy: str | os.PathLike | None = None,
    n_discovered: int | str = 6,
    random_state: int = 0,
    partition_bytes: float = PARTITION_BYTES,
    fit_sample: int = FIT_SAMPLE_SENTENCES,
    progress: bool | None = None,
    **load_options,
) -> RunResult:
    """Run the whole pipeline on SOURCE, partition by partition.

    Parameters
    ----------
    source : path, glob, or a list of them
        As for :func:`analysis.load.articles.load_articles`.
    out : path, optional
        Folder for the tables (``<table>.parquet``, the partitioned ones as folders of parts, and
        ``rejects.csv``); tables of an earlier run there are replaced. ``None`` keeps everything
        in memory (``RunResult.tables``), which only a :class:`LocalRunner` with ``jobs=1`` can.
    runner : LocalRunner or DaskRunner, optional
        Where partition tasks run; by default here, one after the other.
    model, taxonomy, n_discovered, random_state
        As for :func:`analysis.pipeline.analyze`.
    partition_bytes : float
        Input bytes per partition: memory per task grows with it.
    fit_sample : int
        At most this many sentences (a hash sample) fit the area model and feed discovery.
    progress : bool, optional
        Progress bars over partitions; by default only when stderr is a terminal.
    **load_options
        ``year``, ``use_file_dates``, ``strict``, ``max_bytes``, ``languages``, ``max_archive_bytes``
        (the decompressed bytes of one archive's members together; by default
        ``analysis.load.sources.ARCHIVE_FACTOR`` times ``max_bytes``), ``follow_links`` (read files that
        links inside a folder point to outside it).
    """
    if model is not None and taxonomy is not None:
        raise ValueError("pass a fitted model or a taxonomy to fit one with, not both")
    if taxonomy is not None:
        load_taxonomy(taxonomy)  # a malformed file stops here, before any work, with its problem named
    if n_discovered != "auto" and (
        isinstance(n_discovered, bool) or not isinstance(n_discovered, int) or n_discovered < 0
    ):
        raise ValueError(f"n_discovered must be 'auto' or an int >= 0, got {n_discovered!r}")
    if not isinstance(fit_sample, int) or fit_sample < MIN_FIT_SENTENCES:
        raise ValueError(f"fit_sample must be an int of at least {MIN_FIT_SENTENCES}, got {fit_sample!r}")
    year = load_options.get("year")
    if year is not None and not (isinstance(year, int) and 1900 <= year <= 2100):
        raise ValueError(f"year must be an int between 1900 and 2100, got {year!r}")
    options = LoadOptions(**load_options)
    if options.max_bytes <= 0:
        raise ValueError(f"max_bytes must be a positive number of bytes, got {options.max_bytes!r}")
    if out is None and not (runner is None or (isinstance(runner, LocalRunner) and runner.jobs == 1)):
        raise ValueError("keeping tables in memory (out=None) needs LocalRunner(jobs=1)")
    if out is None:
        return _run(
            source, None, runner, model, n_discovered, random_state, partition_bytes, fit_sample, progress, options,
            taxonomy=taxonomy,
        )  # fmt: skip
    check_not_inside(out, _as_list(source))
    with OutputFolder(out) as folder:
        folder.check_replaceable(OUTPUT_ENTRIES)
        result = _run(
            source, folder.staging, runner, model, n_discovered, random_state, partition_bytes, fit_sample, progress,
            options, exclude=Path(out), taxonomy=taxonomy,
        )  # fmt: skip
        if result.model is not None:  # beside the tables, for read_tables and the notebooks
            save_model(result.model, folder.staging / MODEL_NAME)
        folder.commit([*(n for n in OUTPUT_ENTRIES if (folder.staging / n).exists())])
    result.out = Path(out)
    return result


def _run(
    source, folder: Path | None, runner, model, n_discovered, random_state, partition_bytes, fit_sample, progress,
    options: LoadOptions, exclude: Path | None = None, taxonomy: str | os.PathLike | None = None,
) -> RunResult:  # fmt: skip
    """:func:`run`, writing into ``folder`` (the staging folder of the output folder), or in memory."""
    work = folder / _WORK if folder is not None else None
    runner = runner or LocalRunner()
    clock = time.perf_counter()
    parts = plan_partitions(
        source,
        partition_bytes=partition_bytes,
        max_bytes=options.max_bytes,
        max_archive_bytes=options.max_archive_bytes,
        exclude=exclude,
        follow_links=options.follow_links,
    )
    bar = partial(tqdm, total=len(parts), unit=" partitions", disable=None if progress is None else not progress)
    timings: dict[str, float] = {"plan": time.perf_counter() - clock}
    clock = time.perf_counter()
    with runner:
        timings["start"] = time.perf_counter() - clock
        loaded, persons = _gather(bar(runner.map(load_partition, parts, options=options, work=work), desc="loading"))
        runner.recycle()
        timings["load"] = time.perf_counter() - clock - timings["start"]
        plan = _corpus_step(
            loaded, persons, runner, model, work, n_discovered, random_state, fit_sample, timings, taxonomy=taxonomy
        )
        runner.recycle()  # the model was fitted on a worker: start the last pass from fresh ones
        release_memory()
        tasks = list(range(len(parts)))
        clock_finish = time.perf_counter()
        finished = list(
            bar(
                _finish_all(runner, tasks, plan, work, folder, [p.frames for p in loaded]),
                desc="finishing",
            )
        )
        timings["finish"] = time.perf_counter() - clock_finish
    rejects = pd.concat([p.rejects for p in loaded], ignore_index=True) if loaded else schema.empty("rejects")
    # in an order of their own, not the partitions': what each partition rejected for language comes after the rest
    rejects = schema.conform(rejects, "rejects").sort_values(["source_path", "member", "record"], kind="stable")
    rejects = rejects.reset_index(drop=True)
    n_loaded = sum(len(p.base) for p in loaded)
    n_inputs = sum(p.n_inputs for p in loaded)
    if n_loaded + len(rejects) != n_inputs:  # the account must balance
        raise AssertionError(f"inputs lost: {n_inputs} inputs, {n_loaded} loaded, {len(rejects)} rejected")
    whole = {"rejects": rejects, "topics": plan.topics, "topic_examples": plan.topic_examples}
    tables = None
    if folder is None:
        tables = {name: pd.concat([f[name] for f in finished], ignore_index=True) for name in PARTITIONED_TABLES}
        tables = {**tables, **whole}
        rows = {name: len(t) for name, t in tables.items()}
    else:
        for name, frame in whole.items():
            _write(frame, folder / f"{name}.parquet")
        rejects.to_csv(folder / "rejects.csv", index=False)
        remove(work)
        rows = {name: sum(f[name] for f in finished) for name in PARTITIONED_TABLES}
        rows |= {name: len(t) for name, t in whole.items()}
    n_dup = sum(len(d) for d in plan.duplicates)
    result = RunResult(
        out=folder,
        n_inputs=n_inputs,
        n_loaded=n_loaded,
        n_rejected=len(rejects),
        n_duplicates=n_dup,
        n_repeated_paragraphs=sum(p.n_repeated_paragraphs for p in loaded),
        n_partitions=len(parts),
        rows=rows,
        model=plan.model,
        fit_sentences=plan.fit_sentences,
        reject_reasons=rejects["reason"].value_counts().to_dict(),
        timings={k: round(v, 2) for k, v in timings.items()},
        tables=tables,
    )
    if folder is not None:
        (folder / "run.json").write_text(json.dumps(result.manifest(), indent=2) + "\n", encoding="utf-8")
    return result


#: What a run writes into its output folder (``run.json`` last: it marks a complete run).
#: The area model a run applied, saved beside its tables (``<MODEL_NAME>.json`` and ``.npz``).
MODEL_NAME = "area_model"
OUTPUT_ENTRIES = (
    *(f"{name}.parquet" for name in (*PARTITIONED_TABLES, *WHOLE_TABLES)),
    "rejects.csv",
    f"{MODEL_NAME}.json",
    f"{MODEL_NAME}.npz",
    "run.json",
)


def _gather(results: Iterable[LoadedPart], *, every: int = 32) -> tuple[list[LoadedPart], pd.DataFrame]:
    """The partitions' results as they come, with their person stats merged along the way, so that
    what the driver holds grows with the officials, not with the partitions."""
    loaded: list[LoadedPart] = []
    merged = merge_person_stats([])
    pending: list[pd.DataFrame] = []
    for part in results:
        loaded.append(part)
        pending.append(part.persons)
        part.persons = None
        if len(pending) >= every:
            merged, pending = merge_person_stats([merged, *pending]), []
    return loaded, merge_person_stats([merged, *pending])


def _finish_all(runner, tasks, plan: CorpusPlan, work, folder, frames) -> Iterable:
    items = [(k, plan.bases[k], plan.occurrence[k], plan.duplicates[k]) for k in tasks]  # ids made there
    if work is None:  # in memory: one after the other, each with its frames
        return (
            _finish_task(item, names=plan.names, model=plan.model, discovery=plan.discovery, frames=frames[item[0]])
            for item in items
        )
    return runner.map(
        _finish_task, items, names=plan.names, model=plan.model, discovery=plan.discovery, work=work, out=folder
    )


def _finish_task(task: tuple[int, np.ndarray, np.ndarray, dict[int, str]], **kwargs) -> dict:
    """:func:`finish_partition` of partition ``number``, its ids made from their bases and
    occurrences, and what each report repeats from the corpus step's ``duplicates``."""
    number, base, occurrence, duplicates = task
    ids = _ids(base, occurrence)
    return finish_partition(number, ids=ids, duplicate_of=[duplicates.get(i) for i in range(len(ids))], **kwargs)


def _corpus_step(
    loaded: list[LoadedPart],
    persons: pd.DataFrame,
    runner,
    model: CooperationAreaModel | None,
    work: Path | None,
    n_discovered: int,
    random_state: int,
    fit_sample: int,
    timings: dict[str, float],
    *,
    taxonomy: str | os.PathLike | None = None,
) -> CorpusPlan:
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        timings[step] = time.perf_counter() - clock
        clock = time.perf_counter()

    sizes = [len(p.base) for p in loaded]
    offsets = np.cumsum([0, *sizes])
    base = np.concatenate([p.base for p in loaded]) if loaded else np.array([], dtype=np.uint64)
    occurrence = _occurrence(base)
    dates = np.concatenate([p.dates for p in loaded]) if loaded else np.array([], dtype="datetime64[ns]")
    missing = np.isnat(dates)
    rank = np.lexsort((np.arange(len(dates)), dates.astype("int64"), missing))

    if work is None:
        sketches = Sketches.concat([p.sketches for p in loaded])
        dup = _copies(sketches, rank, offsets, lambda k, rows: loaded[k].frames["articles"]["text"].iloc[rows])
    else:  # band hashes and signatures stay in the partitions' files; the work is done on a worker
        sketches = SketchFiles.of([p.sketches for p in loaded], [_sketch_prefix(work, p.number) for p in loaded])
        dup = next(iter(runner.map(_copies_task, [(sketches, rank, offsets)], work=work)))
    del sketches
    for p in loaded:
        p.sketches = None
    duplicates: list[dict[int, str]] = [{} for _ in loaded]
    for i in np.flatnonzero(dup >= 0).tolist():
        j = int(dup[i])
        k = int(np.searchsorted(offsets, i, side="right") - 1)
        duplicates[k][i - int(offsets[k])] = _ids(base[j : j + 1], occurrence[j : j + 1])[0]
    lap("duplicates")
    names = person_names(persons)
    lap("names")
    plan = CorpusPlan(
        occurrence=[occurrence[offsets[k] : offsets[k + 1]] for k in range(len(loaded))],
        duplicates=duplicates,
        names=names,
        model=model,
        bases=[p.base for p in loaded],
    )
    n_sentences = sum(p.n_sentences for p in loaded)
    if n_sentences == 0 or (model is not None and not n_discovered):
        return plan
    if model is None and taxonomy is None and n_sentences < MIN_FIT_SENTENCES:
        plan.model = default_model()  # too few sentences to learn from: the model fitted on the bundled corpus
        if not n_discovered:
            return plan
    rate = min(1.0, fit_sample / n_sentences)
    if work is None:
        sample: pd.DataFrame | None = pd.concat(
            [
                sample_part(
                    p.number, p.base, occurrence[offsets[k] : offsets[k + 1]], rate, sentences=p.frames["sentences"]
                )
                for k, p in enumerate(loaded)
            ],
            ignore_index=True,
        )
    else:  # the sampled sentences go to files the model task reads: the driver never holds them
        tasks = [(p.number, p.base, occurrence[offsets[k] : offsets[k + 1]]) for k, p in enumerate(loaded)]
        list(runner.map(_sample_task, tasks, rate=rate, work=work))
        sample = None
    lap("sample")
    release_memory()
    # on a worker: what fitting allocates is given back when the pool is recycled
    result = next(
        iter(
            runner.map(
                _model_task,
                [(sample, [p.number for p in loaded])],
                model=plan.model,
                n_discovered=n_discovered,
                random_state=random_state,
                taxonomy=taxonomy,
                work=work,
            )
        )
    )
    plan.model, plan.fit_sentences, plan.discovery, seconds = result
    if plan.discovery is not None:
        plan.topics, plan.topic_examples = plan.discovery.topics_, plan.discovery.examples_
    timings.update(seconds)
    return plan


def sample_part(
    number: int,
    base: np.ndarray,
    occurrence: np.ndarray,
    rate: float,
    *,
    work: str | os.PathLike | None = None,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The sentences of a partition in the fitting sample (all of them when ``rate >= 1``), with
    their reports' final ids, the entity cues and each sentence's hash (``_u``: a sentence is in
    the sample when it is below ``rate * 2**64``, and discovery takes the smallest)."""
    if sentences is None:
        sentences = _read_part(work, "sentences", number)
    row = sentences["article_id"].str.split(":").str[1].astype("int64").to_numpy()
    u = _uniform(base[row], sentences["sentence_no"])
    if rate < 1:
        keep = u < np.uint64(rate * 2.0**64)
        sentences, row, u = sentences[keep].reset_index(drop=True), row[keep], u[keep]
    out = schema.conform(sentences.assign(article_id=_ids(base[row], occurrence[row])), "sentences")
    return out.assign(**{ENTITY_COLUMN: sentences[ENTITY_COLUMN].to_numpy(), "_u": u})


def _sample_task(task: tuple[int, np.ndarray, np.ndarray], *, rate: float, work: str | os.PathLike) -> int:
    number, base, occurrence = task
    picked = sample_part(number, base, occurrence, rate, work=work)
    _write(picked, _part_file(Path(work), "_sample", number))
    return len(picked)


def _model_task(
    task: tuple[pd.DataFrame | None, list[int]],
    *,
    model: CooperationAreaModel | None,
    n_discovered: int | str,
    random_state: int,
    taxonomy: str | os.PathLike | None = None,
    work: str | os.PathLike | None = None,
) -> tuple[CooperationAreaModel, int, TopicDiscovery | None, dict[str, float]]:
    """Fit the area model on the sample (unless one is given), then discover topics on the part
    of it with the smallest hashes: the model, the sentences fitted on, the topics and examples,
    the seconds. The sample is given, or read from the files :func:`_sample_task` wrote for the
    partitions ``numbers``."""
    sample, numbers = task
    if sample is None:
        sample = pd.concat([_read_part(work, "_sample", k) for k in numbers], ignore_index=True)
    u = sample.pop("_u").to_numpy()
    seconds: dict[str, float] = {}
    fitted = 0
    clock = time.perf_counter()
    if model is None:
        model = CooperationAreaModel(taxonomy, random_state=random_state).fit(sample)
        fitted = len(sample)
        seconds["fit"] = time.perf_counter() - clock
    discovery = None
    if n_discovered:
        clock = time.perf_counter()
        if len(sample) > DISCOVER_SAMPLE_SENTENCES:
            sample = sample.iloc[np.sort(np.argsort(u, kind="stable")[:DISCOVER_SAMPLE_SENTENCES])]
        discovery = TopicDiscovery(n_topics=n_discovered, random_state=random_state)
        discovery.fit(sample.reset_index(drop=True), model=model)
        seconds["discover"] = time.perf_counter() - clock
    return model, fitted, discovery, seconds


def _copies(
    sketches: Sketches | SketchFiles,
    rank: np.ndarray,
    offsets: np.ndarray,
    texts_of: Callable[[int, list[int]], Iterable[str]],
) -> np.ndarray:
    """For each report, the index of the report it repeats, or -1 (:func:`resolve_duplicates`);
    ``texts_of(k, rows)`` gives texts of partition ``k``, asked only for candidate pairs."""

    def shingles_of(indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        where = np.searchsorted(offsets, indices, side="right") - 1
        arrays = []
        for k in np.unique(where).tolist():
            arrays += [shingle_hashes(t) for t in texts_of(k, (indices[where == k] - offsets[k]).tolist())]
        return concat_shingles(arrays)

    dup = resolve_duplicates(sketches, rank, shingles_of)
    return np.array([-1 if j is None else j for j in dup], dtype=np.int64)


def _copies_task(task: tuple[SketchFiles, np.ndarray, np.ndarray], *, work: str | os.PathLike) -> np.ndarray:
    sketches, rank, offsets = task
    return _copies(
        sketches, rank, offsets, lambda k, rows: _read_part(work, "articles", k, ["text"])["text"].iloc[rows]
    )


def _occurrence(base: np.ndarray) -> np.ndarray:
    """For each value, how many times it has occurred up to and including here (1, 2, ...)."""
    order = np.argsort(base, kind="stable")
    ordered = base[order]
    starts = np.r_[0, np.flatnonzero(ordered[1:] != ordered[:-1]) + 1] if len(base) else np.array([], dtype=np.int64)
    run_start = np.zeros(len(base), dtype=np.int64)
    run_start[starts] = starts
    run_start = np.maximum.accumulate(run_start) if len(base) else run_start
    out = np.empty(len(base), dtype=np.int32)
    out[order] = np.arange(len(base)) - run_start + 1
    return out


def remove(path: Path) -> None:
    """Delete a file or a folder of parts, if there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def load_result(result: RunResult) -> LoadResult:
    """The :class:`~analysis.load.articles.LoadResult` of an in-memory run."""
    tables = result.tables or {}
    return LoadResult(tables["articles"], tables["sentences"], tables["rejects"], n_inputs=result.n_inputs)
