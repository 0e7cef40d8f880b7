"""The pipeline of tables, from files to what ``coop analyze`` writes.

Each stage is a function that takes tables and returns tables; :func:`analyze` runs them in
order and :func:`write_tables` writes each table to the output folder. The notebooks, the
report and the CLI call these same functions.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.load import LoadResult, load_articles


def analyze(source: str | os.PathLike | Iterable[str | os.PathLike], **load_options) -> LoadResult:
    """Run the pipeline on SOURCE and return its tables (see :func:`analysis.load.load_articles`
    for the options)."""
    return load_articles(source, **load_options)


def write_tables(result: LoadResult, out: str | os.PathLike) -> list[Path]:
    """Write ``articles.parquet``, ``sentences.parquet`` and ``rejects.csv`` into folder ``out``.

    Returns the paths written. Nothing is written outside ``out``.
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in (("articles", result.articles), ("sentences", result.sentences)):
        path = folder / f"{name}.parquet"
        frame.to_parquet(path, index=False)
        written.append(path)
    path = folder / "rejects.csv"
    result.rejects.to_csv(path, index=False)
    written.append(path)
    return written


def read_tables(folder: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """Read back the tables :func:`write_tables` wrote."""
    folder = Path(folder)
    return {
        "articles": pd.read_parquet(folder / "articles.parquet"),
        "sentences": pd.read_parquet(folder / "sentences.parquet"),
        "rejects": pd.read_csv(folder / "rejects.csv", dtype={"record": "Int64"}),
    }
