"""The engine's driver: run the pipeline over a corpus in partitions, here, in a pool of
processes, or on Dask, and write its tables.

The engine only partitions (:mod:`analysis.engine.partitions`), schedules (:mod:`analysis.engine.runners`)
and writes (:mod:`analysis.engine.outdir`); the work is the stages' own functions, the same ones
:func:`analysis.analyze` and :func:`analysis.load_articles` run on one partition in memory. Two
passes over the partitions, with one step over the whole corpus in between:

1. **load** (per partition, :func:`load_partition`): the load stage
   (:func:`analysis.load.articles.load_part`: decode, datelines, dates, sentences, languages,
   duplicate sketches), then the entity stage's mentions
   (:func:`analysis.entities.stage.mention_part`, officials not yet named). The partition's
   tables go to a work folder, keyed by each report's row in the partition, and so do the
   sketches' band hashes and signatures; what the corpus-wide step needs comes back: the
   reports' sha256 prefixes and dates, the rest of their :class:`~analysis.load.dedup.Sketches`
   (13 bytes a report), the officials' :func:`~analysis.entities.matcher.person_stats` (merged
   as partitions arrive), the rejects and counts.
2. **corpus** (once, :mod:`analysis.corpus`): article ids in input order, duplicates
   (:func:`~analysis.corpus.copies` over :class:`~analysis.load.dedup.SketchFiles`, reading one
   band at a time and the texts of candidate pairs only), one name per official, and the area
   model (:func:`analysis.areas.stage.fit_part`): the one given, else one fitted on a sample of
   at most ``fit_sample`` sentences (:func:`analysis.corpus.sample_part`), else — for fewer than
   ``MIN_FIT_SENTENCES`` sentences — the shipped model; discovery on part of the same sample.
   Duplicates and the model are worked out in worker tasks, and the worker pool is replaced
   before and after this step, so that what they allocate is given back.
3. **finish** (per partition, :func:`finish_partition`): ids and duplicates put in
   (:func:`analysis.load.articles.finish_part`), names applied and ``article_entities`` with the
   event locations (:func:`analysis.entities.stage.finish_part`), the area stage's
   ``sentence_areas``, ``article_areas`` and ``sentence_topics``
   (:func:`analysis.areas.stage.area_part`); the final tables are written as
   ``<table>.parquet/part-NNNNN.parquet``.

Memory is bounded by a partition and a few dozen bytes a report on the driver, not by the
corpus; no table is ever held whole. The fitting sample goes through files too, and local
workers and the driver give freed memory back to the system after each task
(:func:`~analysis.engine.runners.release_memory`), so resident memory follows what is in use.

**Fitting on a large corpus** uses a sample: each sentence is in it when a hash of its report's
sha256 and its number falls below ``fit_sample / n_sentences``, so the sample is the same
whatever the partitioning, engine or worker count, and a corpus of at most ``fit_sample``
sentences is fitted on all of them (then the result is the in-memory :func:`analysis.analyze`'s).

Every partition task is a pure function of its inputs that writes its files atomically
(temporary name, then rename), so a task run twice — Dask re-running the tasks of a worker that
died — writes the same files once: no report is lost or duplicated. The tables are equal
whatever the engine, worker count or partitioning (``tests/engine/test_engine.py``).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from analysis import __version__, schema
from analysis.areas.model import CooperationAreaModel, default_model, save_model
from analysis.areas.stage import area_part, fit_part
from analysis.areas.taxonomy import load_taxonomy
from analysis.config import MIN_FIT_SENTENCES, Settings
from analysis.corpus import (
    CorpusPlan,
    article_ids,
    copies,
    duplicates_by_part,
    occurrence,
    sample_part,
)
from analysis.engine.outdir import OutputFolder, check_not_inside
from analysis.engine.partitions import Partition, plan_partitions, read_partition
from analysis.engine.runners import DaskRunner, LocalRunner, release_memory
from analysis.entities import stage as entity_stage
from analysis.entities.matcher import merge_person_stats, person_names, person_stats
from analysis.load import articles as load_stage
from analysis.load.articles import LoadResult
from analysis.load.dedup import Sketches, SketchFiles, date_rank, save_sketches
from analysis.load.sources import _as_list

#: What a run makes: ``"all"`` the whole pipeline, ``"load"`` the load stage's tables only
#: (``articles``, ``sentences``, ``rejects``: what :func:`analysis.load_articles` returns).
STAGES = ("all", "load")

#: Tables written per partition, as ``<name>.parquet/part-NNNNN.parquet``.
PARTITIONED_TABLES = (
    "articles", "sentences", "mentions", "article_entities", "sentence_areas", "article_areas", "sentence_topics",
)  # fmt: skip
#: Tables written whole, as ``<name>.parquet`` (``rejects`` also as CSV).
WHOLE_TABLES = ("rejects", "topics", "topic_examples")
_WORK = "_work"
_INTERMEDIATE = ("articles", "sentences", "mentions")


@dataclass
class LoadedPart:
    """What pass 1 returns of a partition to the corpus-wide step (small: no texts)."""

    number: int
    n_inputs: int
    rejects: pd.DataFrame
    base: np.ndarray  # uint64: the first 16 hex digits of each report's sha256, the base of its id
    dates: np.ndarray
    sketches: Sketches | None
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
    part: Partition,
    *,
    settings: Settings | None = None,
    work: str | os.PathLike | None = None,
    stages: str = "all",
) -> LoadedPart:
    """Pass 1 over one partition — the load stage, then the entity stage's mentions — its tables
    written to ``work`` (or kept in the result when ``None``)."""
    settings = settings or Settings()
    inputs = read_partition(part, max_bytes=settings.max_bytes, max_archive_bytes=settings.max_archive_bytes)
    loaded = load_stage.load_part(inputs, settings=settings)
    frames = {"articles": loaded.articles, "sentences": loaded.sentences}
    persons = None
    if stages == "all":
        frames["sentences"], frames["mentions"] = entity_stage.mention_part(loaded.articles, loaded.sentences)
        persons = person_stats(frames["mentions"], part=part.number)
    out = LoadedPart(
        number=part.number,
        n_inputs=loaded.n_inputs,
        rejects=loaded.rejects,
        base=loaded.base,
        dates=loaded.dates,
        sketches=loaded.sketches,
        persons=persons,
        n_sentences=len(frames["sentences"]),
        n_repeated_paragraphs=loaded.n_repeated_paragraphs,
        frames=frames,
    )
    if work is not None:
        for name, frame in frames.items():
            _write(frame, _part_file(Path(work), name, part.number))
        out.frames = None
        out.sketches = save_sketches(out.sketches, _sketch_prefix(work, part.number))
    return out


def _sketch_prefix(work: str | os.PathLike, number: int) -> Path:
    return Path(work) / "sketches" / f"part-{number:05d}"


def _read_part(work: str | os.PathLike, name: str, number: int, columns: list[str] | None = None) -> pd.DataFrame:
    return pd.read_parquet(_part_file(Path(work), name, number), columns=columns)


def finish_partition(
    number: int,
    *,
    ids: list[str],
    duplicate_of: list[str | None],
    names: dict[str, str],
    model: CooperationAreaModel | None,
    discovery=None,
    work: str | os.PathLike | None = None,
    out: str | os.PathLike | None = None,
    frames: dict[str, pd.DataFrame] | None = None,
    stages: str = "all",
) -> dict[str, pd.DataFrame] | dict[str, int]:
    """Pass 2 over one partition — the corpus-wide ids and duplicates put in, the entity stage's
    and the area stage's final tables — written to ``out`` (then only their lengths are
    returned) or returned."""
    if frames is None:
        frames = {name: _read_part(work, name, number) for name in _intermediate(stages)}
    articles, public = load_stage.finish_part(
        frames["articles"], frames["sentences"], ids=ids, duplicate_of=duplicate_of
    )
    tables = {"articles": articles, "sentences": public}
    if stages == "all":
        key = np.asarray(ids, dtype=object)
        sentences = frames["sentences"].assign(article_id=public["article_id"])
        raw = frames["mentions"]
        raw = raw.assign(article_id=key[raw["article_id"].to_numpy(dtype=np.int64)] if len(raw) else [])
        articles, mentions, entity_table = entity_stage.finish_part(articles, raw, names=names)
        tables = {"articles": articles, "sentences": public, "mentions": mentions, "article_entities": entity_table}
        tables |= area_part(sentences, mentions, model=model, discovery=discovery)
    if out is None:
        return tables
    # written in parts: each report's rows in the reports' input order, the same however partitioned
    position = dict(zip(articles["article_id"], range(len(articles)), strict=True))
    tables = {name: _in_input_order(frame, position) for name, frame in tables.items()}
    for name, frame in tables.items():
        _write(frame, _part_file(Path(out), name, number))
    return {name: len(frame) for name, frame in tables.items()}


def _intermediate(stages: str) -> tuple[str, ...]:
    return _INTERMEDIATE if stages == "all" else ("articles", "sentences")


def _tables(stages: str) -> tuple[str, ...]:
    """The partitioned tables a run of ``stages`` makes."""
    return PARTITIONED_TABLES if stages == "all" else ("articles", "sentences")


def _in_input_order(frame: pd.DataFrame, position: dict[str, int]) -> pd.DataFrame:
    """Rows grouped by their report in input order (each report's own rows in the order they came):
    the partitions' parts then concatenate to the same table however the inputs were partitioned."""
    if frame.empty:
        return frame
    order = np.argsort(frame["article_id"].map(position).to_numpy(dtype=np.int64), kind="stable")
    if (order == np.arange(len(order))).all():
        return frame
    return frame.iloc[order].reset_index(drop=True)


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
    settings: Settings = field(default_factory=Settings)

    def manifest(self) -> dict:
        """What ``run.json`` in the output folder records: the settings, counts, rows, steps' wall seconds."""
        return {
            "coop_analysis": __version__,
            "complete": True,
            "settings": self.settings.as_dict(),
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
    settings: Settings | None = None,
    progress: bool | None = None,
    stages: str = "all",
    **changes,
) -> RunResult:
    """Run the whole pipeline on SOURCE, partition by partition.

    Parameters
    ----------
    source : path, glob, or a list of them
        As for :func:`analysis.load_articles`.
    out : path, optional
        Folder for the tables (``<table>.parquet``, the partitioned ones as folders of parts, and
        ``rejects.csv``); tables of an earlier run there are replaced. ``None`` keeps everything
        in memory (``RunResult.tables``), which only a :class:`LocalRunner` with ``jobs=1`` can.
    runner : LocalRunner or DaskRunner, optional
        Where partition tasks run; by default here, one after the other.
    model : CooperationAreaModel, optional
        A fitted area model to apply instead of fitting one on the corpus.
    settings : Settings, optional
        The run's settings (:class:`analysis.config.Settings`); by default the defaults.
    progress : bool, optional
        Progress bars over partitions; by default only when stderr is a terminal.
    stages : {"all", "load"}
        The whole pipeline, or the load stage only (``articles``, ``sentences``, ``rejects``).
    **changes
        Settings to change from ``settings`` by name (``year=2021``, ``n_topics=0``, ...).
    """
    if stages not in STAGES:
        raise ValueError(f"stages must be one of {', '.join(map(repr, STAGES))}; got {stages!r}")
    settings = Settings.of(settings, **changes)
    if model is not None and settings.taxonomy is not None:
        raise ValueError("pass a fitted model or a taxonomy to fit one with, not both")
    if settings.taxonomy is not None:
        load_taxonomy(settings.taxonomy)  # a malformed file stops here, before any work, with its problem named
    if stages == "load":
        settings = Settings.of(settings, n_topics=0)
    if out is None and not (runner is None or (isinstance(runner, LocalRunner) and runner.jobs == 1)):
        raise ValueError("keeping tables in memory (out=None) needs LocalRunner(jobs=1)")
    if out is None:
        return _run(source, None, runner, model, settings, progress, stages=stages)
    check_not_inside(out, _as_list(source))
    with OutputFolder(out) as folder:
        folder.check_replaceable(OUTPUT_ENTRIES)
        result = _run(source, folder.staging, runner, model, settings, progress, exclude=Path(out), stages=stages)
        if result.model is not None:  # beside the tables, for read_tables and the notebooks
            save_model(result.model, folder.staging / MODEL_NAME)
        folder.commit([*(n for n in OUTPUT_ENTRIES if (folder.staging / n).exists())])
    result.out = Path(out)
    return result


def _run(
    source,
    folder: Path | None,
    runner,
    model,
    settings: Settings,
    progress,
    *,
    exclude: Path | None = None,
    stages: str = "all",
) -> RunResult:
    """:func:`run`, writing into ``folder`` (the staging folder of the output folder), or in memory."""
    work = folder / _WORK if folder is not None else None
    runner = runner or LocalRunner()
    clock = time.perf_counter()
    parts = plan_partitions(
        source,
        partition_bytes=settings.partition_bytes,
        max_bytes=settings.max_bytes,
        max_archive_bytes=settings.max_archive_bytes,
        exclude=exclude,
        follow_links=settings.follow_links,
    )
    bar = partial(tqdm, total=len(parts), unit=" partitions", disable=None if progress is None else not progress)
    timings: dict[str, float] = {"plan": time.perf_counter() - clock}
    clock = time.perf_counter()
    with runner:
        timings["start"] = time.perf_counter() - clock
        loaded, persons = _gather(
            bar(runner.map(load_partition, parts, settings=settings, work=work, stages=stages), desc="loading")
        )
        runner.recycle()
        timings["load"] = time.perf_counter() - clock - timings["start"]
        plan = _corpus_step(loaded, persons, runner, model, work, settings, timings, stages=stages)
        runner.recycle()  # the model was fitted on a worker: start the last pass from fresh ones
        release_memory()
        tasks = list(range(len(parts)))
        clock_finish = time.perf_counter()
        finished = list(
            bar(
                _finish_all(runner, tasks, plan, work, folder, [p.frames for p in loaded], stages),
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
    whole = {"rejects": rejects}
    if stages == "all":
        whole |= {"topics": plan.topics, "topic_examples": plan.topic_examples}
    tables = None
    if folder is None:
        tables = {name: pd.concat([f[name] for f in finished], ignore_index=True) for name in _tables(stages)}
        tables = {**tables, **whole}
        rows = {name: len(t) for name, t in tables.items()}
    else:
        for name, frame in whole.items():
            _write(frame, folder / f"{name}.parquet")
        rejects.to_csv(folder / "rejects.csv", index=False)
        remove(work)
        rows = {name: sum(f[name] for f in finished) for name in _tables(stages)}
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
        settings=settings,
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
        if part.persons is not None:
            pending.append(part.persons)
        part.persons = None
        if len(pending) >= every:
            merged, pending = merge_person_stats([merged, *pending]), []
    return loaded, merge_person_stats([merged, *pending])


def _finish_all(runner, tasks, plan: CorpusPlan, work, folder, frames, stages: str) -> Iterable:
    items = [(k, plan.bases[k], plan.occurrence[k], plan.duplicates[k]) for k in tasks]  # ids made there
    shared = {"names": plan.names, "model": plan.model, "discovery": plan.discovery, "stages": stages}
    if work is None:  # in memory: one after the other, each with its frames
        return (_finish_task(item, **shared, frames=frames[item[0]]) for item in items)
    return runner.map(_finish_task, items, **shared, work=work, out=folder)


def _finish_task(task: tuple[int, np.ndarray, np.ndarray, dict[int, str]], **kwargs) -> dict:
    """:func:`finish_partition` of partition ``number``, its ids made from their bases and
    occurrences, and what each report repeats from the corpus step's ``duplicates``."""
    number, base, occurrences, duplicates = task
    ids = article_ids(base, occurrences)
    return finish_partition(number, ids=ids, duplicate_of=[duplicates.get(i) for i in range(len(ids))], **kwargs)


def _corpus_step(
    loaded: list[LoadedPart],
    persons: pd.DataFrame,
    runner,
    model: CooperationAreaModel | None,
    work: Path | None,
    settings: Settings,
    timings: dict[str, float],
    *,
    stages: str = "all",
) -> CorpusPlan:
    """Schedule :mod:`analysis.corpus`'s step: ids, duplicates (on a worker), names, the sample
    (a task per partition) and the fit (on a worker)."""
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        timings[step] = time.perf_counter() - clock
        clock = time.perf_counter()

    sizes = [len(p.base) for p in loaded]
    offsets = np.cumsum([0, *sizes])
    base = np.concatenate([p.base for p in loaded]) if loaded else np.array([], dtype=np.uint64)
    occurrences = occurrence(base)
    dates = np.concatenate([p.dates for p in loaded]) if loaded else np.array([], dtype="datetime64[ns]")
    rank = date_rank(dates)

    if work is None:
        sketches = Sketches.concat([p.sketches for p in loaded])
        dup = copies(sketches, rank, offsets, lambda k, rows: loaded[k].frames["articles"]["text"].iloc[rows])
    else:  # band hashes and signatures stay in the partitions' files; the work is done on a worker
        sketches = SketchFiles.of([p.sketches for p in loaded], [_sketch_prefix(work, p.number) for p in loaded])
        dup = next(iter(runner.map(_copies_task, [(sketches, rank, offsets)], work=work)))
    del sketches
    for p in loaded:
        p.sketches = None
    duplicates = duplicates_by_part(dup, base, occurrences, offsets)
    lap("duplicates")
    names = person_names(persons) if stages == "all" else {}
    lap("names")
    plan = CorpusPlan(
        occurrence=[occurrences[offsets[k] : offsets[k + 1]] for k in range(len(loaded))],
        duplicates=duplicates,
        names=names,
        model=model,
        bases=[p.base for p in loaded],
    )
    n_sentences = sum(p.n_sentences for p in loaded)
    n_topics, taxonomy = settings.n_topics, settings.taxonomy
    if stages != "all" or n_sentences == 0 or (model is not None and not n_topics):
        return plan
    if model is None and taxonomy is None and n_sentences < MIN_FIT_SENTENCES:
        plan.model = default_model()  # too few sentences to learn from: the model fitted on the bundled corpus
        if not n_topics:
            return plan
    rate = min(1.0, settings.fit_sample / n_sentences)
    if work is None:
        sample: pd.DataFrame | None = pd.concat(
            [sample_part(p.frames["sentences"], p.base, plan.occurrence[k], rate) for k, p in enumerate(loaded)],
            ignore_index=True,
        )
    else:  # the sampled sentences go to files the model task reads: the driver never holds them
        tasks = [(p.number, p.base, plan.occurrence[k]) for k, p in enumerate(loaded)]
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
                n_topics=n_topics,
                random_state=settings.random_state,
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


def _sample_task(task: tuple[int, np.ndarray, np.ndarray], *, rate: float, work: str | os.PathLike) -> int:
    number, base, occurrences = task
    picked = sample_part(_read_part(work, "sentences", number), base, occurrences, rate)
    _write(picked, _part_file(Path(work), "_sample", number))
    return len(picked)


def _model_task(
    task: tuple[pd.DataFrame | None, list[int]],
    *,
    model: CooperationAreaModel | None,
    n_topics: int | str,
    random_state: int,
    taxonomy: str | os.PathLike | None = None,
    work: str | os.PathLike | None = None,
):
    """:func:`analysis.areas.stage.fit_part` on the sample, given or read from the files
    :func:`_sample_task` wrote for the partitions ``numbers``."""
    sample, numbers = task
    if sample is None:
        sample = pd.concat([_read_part(work, "_sample", k) for k in numbers], ignore_index=True)
    return fit_part(sample, model=model, taxonomy=taxonomy, n_topics=n_topics, random_state=random_state)


def _copies_task(task: tuple[SketchFiles, np.ndarray, np.ndarray], *, work: str | os.PathLike) -> np.ndarray:
    sketches, rank, offsets = task
    return copies(sketches, rank, offsets, lambda k, rows: _read_part(work, "articles", k, ["text"])["text"].iloc[rows])


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
