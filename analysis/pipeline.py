"""The pipeline of tables, from files to what ``coop analyze`` writes.

Each stage is a function that takes tables and returns tables:

1. :func:`analysis.load.load_articles`: files → ``articles``, ``sentences``, ``rejects``;
2. :func:`analysis.entities.extract_entities`: → ``mentions``, ``article_entities``, and the
   articles' ``event_location``.

:func:`analyze` runs them in order and :func:`write_tables` writes each table to the output
folder. The notebooks, the report and the CLI call these same functions.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.entities import extract_entities
from analysis.load import LoadResult, load_articles

#: Tables written as Parquet, in pipeline order (``rejects`` is also written as CSV).
PARQUET_TABLES = ("articles", "sentences", "rejects", "mentions", "article_entities")


@dataclass
class PipelineResult:
    """Every table the pipeline made, and the account of inputs."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    load: LoadResult | None = None

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def summary(self) -> str:
        """The load account, then what the later stages found."""
        lines = [self.load.summary()] if self.load is not None else []
        if "article_entities" in self.tables:
            ae = self.tables["article_entities"]
            counts = ae.drop_duplicates(["entity_type", "entity_id"])["entity_type"].value_counts()
            partners = ae.loc[(ae["entity_type"] == "region") & (ae["role"] == "partner"), "entity_id"].nunique()
            found = ", ".join(f"{n} {t}s" for t, n in counts.sort_index().items())
            lines.append(f"entities: {found}; {partners} partner regions")
        return "\n".join(lines)


def analyze(source: str | os.PathLike | Iterable[str | os.PathLike], **load_options) -> PipelineResult:
    """Run the pipeline on SOURCE (see :func:`analysis.load.load_articles` for the options)."""
    loaded = load_articles(source, **load_options)
    mentions, article_entities, articles = extract_entities(loaded.articles, loaded.sentences)
    tables = {
        "articles": articles,
        "sentences": loaded.sentences,
        "rejects": loaded.rejects,
        "mentions": mentions,
        "article_entities": article_entities,
    }
    return PipelineResult(tables, loaded)


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
            tables[name].to_parquet(path, index=False)
            written.append(path)
    path = folder / "rejects.csv"
    tables["rejects"].to_csv(path, index=False)
    written.append(path)
    return written


def read_tables(folder: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """Read back the tables :func:`write_tables` wrote."""
    folder = Path(folder)
    return {
        name: pd.read_parquet(folder / f"{name}.parquet")
        for name in PARQUET_TABLES
        if (folder / f"{name}.parquet").exists()
    }
