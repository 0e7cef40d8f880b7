"""Measure the pipeline against gold labels.

:func:`evaluate_entities` compares, report by report, the sets of partner regions, venue
regions, enterprises, organisations and officials found with the gold sets, and returns
precision, recall and F1 (micro-averaged over reports) per entity type and language. Copies
(``duplicate_of``) are evaluated like any report: they are inputs too.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.entities import person_key

ENTITY_TARGETS = ("partner_region", "venue_region", "enterprise", "organisation", "person")


def _gold_sets(gold: pd.DataFrame) -> pd.DataFrame:
    def persons(values: list[str]) -> set[str]:
        keys = set()
        for value in values:
            name = value.split("|", 1)[0].split()
            if len(name) >= 2:
                keys.add(person_key(name[0], name[-1]))
        return keys

    return pd.DataFrame(
        {
            "file": gold["file"],
            "language": gold["language"],
            "partner_region": gold["partner_regions"].map(set),
            "venue_region": gold["venue_regions"].map(set),
            "enterprise": gold["enterprises"].map(set),
            "organisation": gold["organisations"].map(set),
            "person": gold["persons"].map(persons),
        }
    )


def _predicted_sets(article_entities: pd.DataFrame, files: pd.Series) -> pd.DataFrame:
    ae = article_entities
    by = {}
    regions = ae[ae["entity_type"] == "region"]
    by["partner_region"] = regions[regions["role"] == "partner"].groupby("article_id")["iso_code"].agg(set)
    # gold venue_regions list foreign venues that are not partners; Belarus's own are never listed
    foreign_venues = regions[(regions["role"] == "venue") & (regions["country"] != "BY")]
    by["venue_region"] = foreign_venues.groupby("article_id")["iso_code"].agg(set)
    for kind in ("enterprise", "organisation"):  # gold lists Belarusian ones only
        rows = ae[(ae["entity_type"] == kind) & (ae["country"] == "BY")]
        by[kind] = rows.groupby("article_id")["canonical_name"].agg(set)
    people = ae[ae["entity_type"] == "person"]
    by["person"] = people.groupby("article_id")["entity_id"].agg(lambda s: {e.removeprefix("person:") for e in s})
    out = pd.DataFrame({"article_id": files.index, "file": files.to_numpy()})
    for kind, series in by.items():
        out[kind] = out["article_id"].map(series).map(lambda v: v if isinstance(v, set) else set())
    return out


def score_sets(gold: list[set], predicted: list[set]) -> dict[str, float]:
    """Micro precision, recall and F1 over paired sets, with the counts.

    >>> score_sets([{"a", "b"}, {"c"}], [{"a"}, {"c", "d"}])
    {'precision': 0.667, 'recall': 0.667, 'f1': 0.667, 'tp': 2, 'fp': 1, 'fn': 1}
    """
    tp = sum(len(g & p) for g, p in zip(gold, predicted, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, predicted, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def evaluate_entities(
    gold: pd.DataFrame, articles: pd.DataFrame, article_entities: pd.DataFrame, *, raw_dir: str | Path
) -> pd.DataFrame:
    """Precision/recall/F1 per entity type and language (and ``all``) against gold labels.

    ``gold`` is :func:`analysis.gold.read_gold`'s articles table; ``articles`` and
    ``article_entities`` the pipeline's tables for the files under ``raw_dir``.
    """
    raw = Path(raw_dir)
    files = articles.set_index("article_id")["source_path"].map(lambda p: Path(p).relative_to(raw).as_posix())
    merged = _gold_sets(gold).merge(_predicted_sets(article_entities, files), on="file", suffixes=("_gold", "_pred"))
    rows = []
    for kind in ENTITY_TARGETS:
        for language, group in [("all", merged), *merged.groupby("language")]:
            score = score_sets(group[f"{kind}_gold"].tolist(), group[f"{kind}_pred"].tolist())
            rows.append({"entity_type": kind, "language": language, "n_reports": len(group), **score})
    return pd.DataFrame(rows)
