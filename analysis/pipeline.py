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
    progress: bool | None = None,
    **load_options,
) -> LoadResult:
    """Load every report under SOURCE into typed tables, with nothing lost.

    Parameters
    ----------
    source : path, glob, or a list of them
        Files, folders (searched recursively), globs; ``.txt`` reports, ``.jsonl``/``.csv``/``.json``
        records and ``.zip`` archives of these.
    **load_options
        The load stage's settings (:class:`analysis.load.articles.LoadOptions`):
    year : int, optional
        The year to use for datelines without one when the text does not tell it.
    use_file_dates : bool, default False
        Fall back to the file's (or archive member's) modification year after ``year``. Off by
        default: a fresh checkout stamps every file with today's date.
    strict : bool, default False
        Raise :class:`LoadError` at the first input that cannot be loaded instead of recording it.
    max_bytes : int
        Inputs larger than this are rejected (``too_large``) before they are read whole.
    languages : tuple of str
        ISO 639-1 codes the language detector chooses from.
    max_archive_bytes : int, optional
        The decompressed bytes of one archive's members together (by default
        ``analysis.load.sources.ARCHIVE_FACTOR`` times ``max_bytes``).
    follow_links : bool, default False
        Read the files that links inside a folder point to outside it.
    progress : bool, optional
        Show a progress bar; by default only when stderr is a terminal.

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
    result = run(source, partition_bytes=math.inf, progress=progress, stages="load", **load_options)
    return load_result(result)


def analyze(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    model: CooperationAreaModel | None = None,
    taxonomy: str | os.PathLike | None = None,
    n_discovered: int | str = 6,
    random_state: int = 0,
    **load_options,
) -> PipelineResult:
    """Run the pipeline on SOURCE.

    Parameters
    ----------
    source : path, glob, or a list of them
        See :func:`load_articles`, which also takes ``load_options``.
    model : CooperationAreaModel, optional
        A fitted area model to apply. By default one is fitted on SOURCE's own sentences (no
        labels needed) when there are at least ``analysis.corpus.MIN_FIT_SENTENCES`` of them (fitted on a
        sample of at most ``FIT_SAMPLE_SENTENCES``); a smaller corpus
        gets the model shipped with the package, fitted (without labels) on the bundled corpus.
    taxonomy : path, optional
        A taxonomy file of one's own (the shape of ``analysis/resources/areas.toml``): the area
        model is then fitted on SOURCE with it, whatever SOURCE's size. Not with ``model``.
    n_discovered : int or "auto", default 6
        Topics to look for in what the seeded areas leave unexplained (0 for none).
    random_state : int, default 0
        Seed of the area model and of discovery.
    """
    result = run(
        source,
        model=model,
        taxonomy=taxonomy,
        n_discovered=n_discovered,
        random_state=random_state,
        partition_bytes=math.inf,  # one partition, in memory
        **load_options,
    )
    tables = result.tables
    if not n_discovered:
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
    >>> result = analyze(RAW_DIR / "en", progress=False, n_discovered=0)
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
