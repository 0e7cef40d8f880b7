"""The pipeline of tables, from files to what ``coop analyze`` writes.

Each stage is a function that takes tables and returns tables:

1. the load stage (:mod:`analysis.load`, :func:`load_articles`): files → ``articles``,
   ``sentences``, ``rejects``;
2. the entity stage (:mod:`analysis.entities.matcher`): → ``mentions``, ``article_entities``, and the
   articles' ``event_location``;
3. :class:`analysis.areas.model.CooperationAreaModel` (fitted on the corpus itself, without labels,
   unless a fitted model is given) and :func:`analysis.areas.assign.assign_areas`: →
   ``sentence_areas``, ``article_areas``; :class:`analysis.areas.discover.TopicDiscovery`: →
   ``topics``, ``topic_examples`` and ``sentence_topics``, what the seeded areas leave unexplained.

:func:`analyze` runs them in order and :func:`write_tables` writes each table to the output
folder; :func:`read_tables` reads a folder ``coop analyze`` (or :func:`write_tables`) wrote back
into the same :class:`PipelineResult`. The notebooks, the report and the CLI call these functions.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.areas.model import CooperationAreaModel, load_model
from analysis.config import Settings
from analysis.engine.core import MODEL_NAME, load_result, remove, run
from analysis.load.articles import LoadResult

#: Tables written as Parquet, in pipeline order (``rejects`` is also written as CSV).
PARQUET_TABLES = (
    "articles", "sentences", "rejects", "mentions", "article_entities",
    "sentence_areas", "article_areas", "topics", "topic_examples", "sentence_topics",
)  # fmt: skip


@dataclass
class PipelineResult(Mapping):
    """Every table the pipeline made, and the account of inputs.

    A table is an attribute (``result.articles``) and an item (``result["articles"]``); iterating
    gives the tables' names, as for a dict of them.
    """

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    load: LoadResult | None = None
    model: CooperationAreaModel | None = None

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def summary(self) -> str:
        """The load account, then what the later stages found."""
        lines = [self.load.summary()] if self.load is not None else []
        if "article_entities" in self.tables:
            ae = self.tables["article_entities"]
            counts = ae.drop_duplicates(["entity_type", "entity_id"])["entity_type"].value_counts()
            partners = ae.loc[(ae["entity_type"] == "region") & (ae["role"] == "partner"), "entity_id"].nunique()
            plural = {"country": "countries"}
            found = ", ".join(f"{n} {plural.get(t, t + 's')}" for t, n in counts.sort_index().items())
            lines.append(f"entities: {found}; {partners} partner regions")
        if "article_areas" in self.tables:
            counts = self.tables["article_areas"]["area"].value_counts()
            top = ", ".join(f"{a} {n}" for a, n in counts.head(6).items())
            lines.append(
                f"areas: {len(counts)} areas in {self.tables['article_areas']['article_id'].nunique()} reports"
                f" ({top}, ...)"
            )
        return "\n".join(lines)


def load_articles(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    settings: Settings | None = None,
    progress: bool | None = None,
    **changes,
) -> LoadResult:
    """Load every report under SOURCE into typed tables, with nothing lost.

    Parameters
    ----------
    source : path, glob, or a list of them
        Files, folders (searched recursively), globs; ``.txt`` reports, ``.jsonl``/``.csv``/``.json``
        records, saved web pages (``.html``), ``.gz``/``.bz2`` files and ``.zip`` archives of these.
    settings : Settings, optional
        The run's settings (:class:`analysis.config.Settings`); the load stage reads ``year``,
        ``use_file_dates``, ``strict``, ``max_bytes``, ``max_archive_bytes``, ``follow_links`` and
        ``languages``.
    progress : bool, optional
        Show a progress bar; by default only when stderr is a terminal.
    **changes
        Settings to change by name, e.g. ``year=2021``.

    Returns
    -------
    LoadResult
        ``articles``, ``sentences``, ``rejects`` (see :mod:`analysis.schema`) and ``n_inputs``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("MINSK, 3. Mai 2021 (BelTA) - Belarus liefert Traktoren nach Omsk.")
    >>> _ = (folder / "b.txt").write_bytes(b"")
    >>> result = load_articles(folder, progress=False)
    >>> result.summary().split(";")[0]
    '2 inputs: 1 loaded, 1 rejected (1 empty)'
    >>> result.articles.loc[0, ["dateline_city", "agency", "language"]].tolist()
    ['Minsk', 'BelTA', 'de']
    """
    settings = Settings.of(settings, **changes, partition_bytes=math.inf)  # one partition, in memory
    return load_result(run(source, settings=settings, progress=progress, stages="load"))


def analyze(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    model: CooperationAreaModel | None = None,
    settings: Settings | None = None,
    progress: bool | None = None,
    **changes,
) -> PipelineResult:
    """Run the pipeline on SOURCE, in memory.

    Parameters
    ----------
    source : path, glob, or a list of them
        See :func:`load_articles`.
    model : CooperationAreaModel, optional
        A fitted area model to apply. By default one is fitted on SOURCE's own sentences (no
        labels needed) when there are at least ``analysis.config.MIN_FIT_SENTENCES`` of them
        (on a sample of at most ``fit_sample``); a smaller corpus gets the model shipped with the
        package, fitted (without labels) on the bundled corpus. Not with a ``taxonomy``.
    settings : Settings, optional
        The run's settings (:class:`analysis.config.Settings`: the load stage's, ``taxonomy``,
        ``n_topics``, ``random_state``, ``fit_sample``).
    progress : bool, optional
        Show a progress bar; by default only when stderr is a terminal.
    **changes
        Settings to change by name, e.g. ``n_topics=0``.

    Examples
    --------
    >>> from analysis.config import RAW_DIR
    >>> result = analyze(RAW_DIR / "en", n_topics=0, progress=False)
    >>> sorted(result)[:3]
    ['article_areas', 'article_entities', 'articles']
    """
    settings = Settings.of(settings, **changes, partition_bytes=math.inf)  # one partition, in memory
    result = run(source, model=model, settings=settings, progress=progress)
    tables = result.tables
    if not settings.n_topics:
        tables = {k: v for k, v in tables.items() if k not in ("topics", "topic_examples", "sentence_topics")}
    if result.model is None:
        tables = {k: v for k, v in tables.items() if k not in ("sentence_areas", "article_areas")}
    return PipelineResult(tables, load_result(result), result.model)


def write_tables(result: PipelineResult | LoadResult, out: str | os.PathLike) -> list[Path]:
    """Write each table as ``<name>.parquet`` (and ``rejects.csv``) into folder ``out``.

    Returns the paths written. Nothing is written outside ``out``.
    """
    tables = (
        result.tables
        if isinstance(result, PipelineResult)
        else {
            "articles": result.articles,
            "sentences": result.sentences,
            "rejects": result.rejects,
        }
    )
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in PARQUET_TABLES:
        if name in tables:
            path = folder / f"{name}.parquet"
            remove(path)  # a partitioned table of an earlier run is a folder of that name
            tables[name].to_parquet(path, index=False)
            written.append(path)
    path = folder / "rejects.csv"
    tables["rejects"].to_csv(path, index=False)
    written.append(path)
    return written


def read_tables(folder: str | os.PathLike) -> PipelineResult:
    """Read back the tables ``coop analyze --out FOLDER`` (or :func:`write_tables`) wrote.

    Returns what :func:`analyze` returns: the tables (partitioned ones read whole, parts in
    order), the load account, and the area model when it was saved beside them
    (``area_model.json``/``.npz``, as ``coop analyze`` and ``coop report`` do).

    Examples
    --------
    >>> import tempfile
    >>> from analysis import analyze, read_tables, write_tables
    >>> from analysis.config import RAW_DIR
    >>> folder = tempfile.mkdtemp()
    >>> result = analyze(RAW_DIR / "en", progress=False, n_topics=0)
    >>> _ = write_tables(result, folder)
    >>> again = read_tables(folder)
    >>> again.articles.equals(result.articles), again.load.summary() == result.load.summary()
    (True, True)
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder}: no such folder of tables (make one with coop analyze SOURCE --out {folder})")
    tables = {
        name: pd.read_parquet(folder / f"{name}.parquet")
        for name in PARQUET_TABLES
        if (folder / f"{name}.parquet").exists()
    }
    load = None
    if {"articles", "sentences", "rejects"} <= set(tables):  # the account balances: inputs = loaded + rejected
        n_inputs = len(tables["articles"]) + len(tables["rejects"])
        load = LoadResult(tables["articles"], tables["sentences"], tables["rejects"], n_inputs=n_inputs)
    model_file = folder / f"{MODEL_NAME}.json"
    model = load_model(folder / MODEL_NAME) if model_file.is_file() else None
    return PipelineResult(tables, load, model)
