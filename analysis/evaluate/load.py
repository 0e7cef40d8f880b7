"""Measure the loader against gold labels: languages, datelines and dates.

Dates are counted three ways, because a wrong date is worse than none: *right*, *wrong* (a date
that is not the gold one) and *none* (no date, with its reason). Two gold layouts are read:

- a corpus's ``data/gold/articles.csv`` (``file`` relative to the raw folder, ``date``), and
- a labelled set's ``labels.csv`` (``file`` a report's file name, ``date_iso``), as in the shared
  development set, whose reports may also come as one JSON Lines file whose records' ``id`` is
  the file name.

:func:`score_load` compares and :func:`load_report` renders what ``coop evaluate load`` prints.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

GOLD_FILES = ("articles.csv", "labels.csv")


def read_load_gold(folder: str | os.PathLike) -> pd.DataFrame:
    """The gold columns the loader is measured on: file, language, dateline city, agency, date.

    Reads ``articles.csv`` (a corpus's gold folder) or else ``labels.csv`` (a labelled set).
    Empty cells are missing values; ``date`` is a datetime.
    """
    folder = Path(folder)
    path = next((folder / name for name in GOLD_FILES if (folder / name).is_file()), None)
    if path is None:
        raise ValueError(f"{folder} has no gold labels: expected one of {', '.join(GOLD_FILES)}")
    gold = pd.read_csv(path, dtype="str", keep_default_na=False)
    gold = gold.rename(columns={"date_iso": "date"})
    missing = {"file", "language", "dateline_city", "agency", "date"} - set(gold.columns)
    if missing:
        raise ValueError(f"{path} lacks the columns {', '.join(sorted(missing))}")
    gold = gold[["file", "language", "dateline_city", "agency", "date"]].replace("", None)
    gold["date"] = pd.to_datetime(gold["date"], format="ISO8601")
    return gold


def default_source(gold_dir: str | os.PathLike) -> Path:
    """Where the reports of a gold folder are: its ``articles/`` folder, else ``../raw``."""
    gold_dir = Path(gold_dir)
    return gold_dir / "articles" if (gold_dir / "articles").is_dir() else gold_dir.parent / "raw"


def article_files(articles: pd.DataFrame, source: str | os.PathLike, gold_files: pd.Series) -> pd.Series:
    """Each article's name in the gold labels: the record's ``id`` for records, else the file
    relative to ``source`` (a folder) or its name; only the file name when the gold's
    ``gold_files`` name no folders."""
    root = Path(source)

    def name(path: str) -> str:
        p = Path(path)
        if root.is_dir():
            try:
                return p.relative_to(root).as_posix()
            except ValueError:
                pass
        return p.name

    files = articles["source_path"].map(name)
    files = articles["source_id"].where(articles["source_id"].notna(), files)
    if not gold_files.str.contains("/").any():
        files = files.map(lambda f: f.rsplit("/", 1)[-1])
    return files


@dataclass(frozen=True)
class LoadScores:
    """The loader's figures on a gold set; ``table`` has one row per gold report."""

    table: pd.DataFrame

    def count(self, column: str, value: str) -> int:
        return int((self.table[column] == value).sum())


def _same(gold: pd.Series, got: pd.Series) -> pd.Series:
    return (gold.fillna("") == got.fillna("")).astype(bool)


def score_load(gold: pd.DataFrame, articles: pd.DataFrame, *, source: str | os.PathLike) -> LoadScores:
    """Compare the articles table with the gold labels, report by report.

    Gold files are matched by their path under ``source`` or, when the gold names files without
    folders, by file name. A gold report the loader did not load counts as ``missing``.
    """
    got = articles.assign(file=article_files(articles, source, gold["file"]).to_numpy()).drop_duplicates("file")
    cols = ["file", "language", "dateline_city", "agency", "date", "date_source", "date_evidence", "date_reason"]
    m = gold.merge(got[cols], on="file", how="left", suffixes=("_gold", ""), indicator=True)
    m["loaded"] = m.pop("_merge").eq("both")
    m["language_ok"] = _same(m["language_gold"], m["language"])
    m["city_ok"] = _same(m["dateline_city_gold"], m["dateline_city"])
    m["agency_ok"] = _same(m["agency_gold"], m["agency"])
    has = m["date"].notna()
    m["date_outcome"] = "none"
    m.loc[has & (m["date"] == m["date_gold"]), "date_outcome"] = "right"
    m.loc[has & (m["date"] != m["date_gold"]), "date_outcome"] = "wrong"  # also a date where the gold has none
    m.loc[~m["loaded"], "date_outcome"] = "missing"
    return LoadScores(m)


def load_report(scores: LoadScores, *, source: str | os.PathLike) -> str:
    """The text ``coop evaluate load`` prints."""
    t = scores.table
    with_dateline = t[t["dateline_city_gold"].notna()]
    dated = t[t["date_gold"].notna()]
    both = with_dateline["city_ok"] & with_dateline["agency_ok"]
    lines = [
        f"load on {len(t)} gold reports from {source}",
        f"  loaded: {int(t['loaded'].sum())} of {len(t)}",
        f"  language right: {int(t['language_ok'].sum())} of {len(t)}",
        f"  dateline city right: {int(t['city_ok'].sum())} of {len(t)} "
        f"(of the {len(with_dateline)} with a dateline: city {int(with_dateline['city_ok'].sum())}, "
        f"agency {int(with_dateline['agency_ok'].sum())}, both {int(both.sum())})",
        f"  dates of the {len(dated)} dated: right {int((dated['date_outcome'] == 'right').sum())}, "
        f"wrong {int((dated['date_outcome'] == 'wrong').sum())}, none {int((dated['date_outcome'] == 'none').sum())}"
        f", not loaded {int((dated['date_outcome'] == 'missing').sum())}",
        f"  dates where the gold has none: {int((t['date_gold'].isna() & t['date'].notna()).sum())} given",
        "",
        "dates by source (right / wrong):",
    ]
    by = dated[dated["date_outcome"].isin(["right", "wrong"])].groupby("date_source")["date_outcome"]
    for name, group in by:
        lines.append(f"  {name}: {int((group == 'right').sum())} / {int((group == 'wrong').sum())}")
    wrong = t[t["date_outcome"] == "wrong"]
    if len(wrong):
        lines += ["", "wrong dates:"]
        for r in wrong.itertuples():
            gold_date = "none" if pd.isna(r.date_gold) else f"{r.date_gold:%Y-%m-%d}"
            lines.append(f"  {r.file}: {r.date:%Y-%m-%d} (gold {gold_date}) from {r.date_source}: {r.date_evidence}")
    reasons = dated.loc[dated["date_outcome"] == "none", "date_reason"].fillna("?").map(lambda s: s.split(":")[0])
    if len(reasons):
        lines += ["", "why dated reports got no date:"]
        lines += [f"  {n} × {reason}" for reason, n in reasons.value_counts().items()]
    return "\n".join(lines)
