"""Leave-one-area-out: does discovery find an area nobody seeded?

For each area with at least ``min_reports`` gold reports, the area is taken out of the taxonomy,
the area model is fitted on the corpus without it, and discovery runs on what that model leaves
unexplained. Each discovered topic counts a report as its own when at least one of the report's
sentences loads most on it (the ``sentence_topics`` table); the best-matching topic is the one
whose reports agree best (F1) with the reports gold labels with the removed area. Its rank is its
place among the topics ordered by size (sentences), 1 the largest.

Run it with ``coop evaluate discovery --gold DIR``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
from sklearn.base import clone

from analysis.areas.discover import TopicDiscovery
from analysis.areas.model import CooperationAreaModel, with_entity_ids
from analysis.areas.taxonomy import DEFAULT_TAXONOMY, area_ids, without_area
from analysis.evaluate.load import article_files
from analysis.pipeline import load_articles


def read_area_gold(folder: str | os.PathLike) -> pd.DataFrame:
    """``file`` and ``areas`` (a set) of a gold folder: the bundled ``articles.csv`` or a
    ``labels.csv`` set such as the shared dev set."""
    folder = Path(folder)
    for name in ("articles.csv", "labels.csv"):
        if (folder / name).is_file():
            gold = pd.read_csv(folder / name, dtype=str, keep_default_na=False)
            break
    else:
        raise FileNotFoundError(f"{folder}: no articles.csv or labels.csv")
    areas = gold["areas"].map(lambda v: {a.strip() for a in v.split(";") if a.strip()})
    return pd.DataFrame({"file": gold["file"], "areas": areas})


def corpus_sentences(source: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The articles and sentences of ``source`` as the pipeline makes them, the sentences with
    the entity stage's ids (the features the area model is fitted on)."""
    loaded = load_articles(source, progress=False)
    return loaded.articles, with_entity_ids(loaded.articles, loaded.sentences)


def leave_one_area_out(
    sentences: pd.DataFrame,
    truth: pd.Series,
    *,
    taxonomy: str | os.PathLike | None = None,
    discovery: TopicDiscovery | None = None,
    min_reports: int = 5,
    random_state: int = 0,
) -> pd.DataFrame:
    """One row per area with at least ``min_reports`` gold reports: ``area``, ``n_gold``,
    ``topic`` (the best-matching discovered topic), ``rank``, ``n_topics``, ``precision``,
    ``recall``, ``f1``, ``terms`` (the topic's top terms, all languages).

    ``truth`` maps article IDs to their gold areas (sets); only those articles are scored.
    """
    taxonomy = Path(taxonomy) if taxonomy is not None else DEFAULT_TAXONOMY
    text = taxonomy.read_text(encoding="utf-8")
    discovery = discovery if discovery is not None else TopicDiscovery(random_state=random_state)
    scored = set(truth.index)
    rows = []
    for area in area_ids(taxonomy):
        positives = {a for a, areas in truth.items() if area in areas}
        if len(positives) < min_reports:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            reduced = Path(tmp) / "taxonomy.toml"
            reduced.write_text(without_area(text, area), encoding="utf-8")
            model = CooperationAreaModel(taxonomy=reduced, random_state=random_state).fit(sentences)
            scores = model.transform(sentences)
        found = clone(discovery).fit(sentences, model=model, scores=scores)
        assigned = found.transform(sentences, model=model, scores=scores)
        sizes = assigned["topic"].value_counts()
        order = sorted(sizes.index, key=lambda t: (-sizes[t], int(t.split("_")[1])))
        best = {"topic": "", "rank": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
        for rank, topic in enumerate(order, start=1):
            got = set(assigned.loc[assigned["topic"] == topic, "article_id"]) & scored
            tp = len(got & positives)
            p = tp / len(got) if got else 0.0
            r = tp / len(positives)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            if f1 > best["f1"]:
                best = {"topic": topic, "rank": rank, "precision": p, "recall": r, "f1": f1}
        terms = found.topics_.loc[found.topics_["topic"] == best["topic"]]
        rows.append(
            {
                "area": area,
                "n_gold": len(positives),
                **best,
                "n_topics": found.n_topics_,
                "terms": " | ".join(f"{r.language}: {r.terms}" for r in terms.itertuples() if r.terms),
            }
        )
    return pd.DataFrame(rows)


def discovery_report(
    gold_dir: str | os.PathLike,
    source: str | os.PathLike,
    *,
    taxonomy: str | os.PathLike | None = None,
    min_reports: int = 5,
) -> str:
    """The leave-one-area-out table for one gold folder, as text."""
    gold = read_area_gold(gold_dir)
    articles, sentences = corpus_sentences(source)
    files = article_files(articles, source, gold["file"])
    by_file = dict(zip(gold["file"], gold["areas"], strict=True))
    truth = pd.Series({a: by_file[f] for a, f in zip(articles["article_id"], files, strict=True) if f in by_file})
    table = leave_one_area_out(sentences, truth, taxonomy=taxonomy, min_reports=min_reports)
    lines = [f"leave-one-area-out discovery on {gold_dir} ({len(truth)} reports with gold areas)"]
    lines.append(f"{'area':<24}{'n':>4}{'rank':>6}{'topics':>8}{'P':>7}{'R':>7}{'F1':>7}  top terms")
    for r in table.itertuples():
        scores = f"{r.precision:>7.3f}{r.recall:>7.3f}{r.f1:>7.3f}"
        lines.append(f"{r.area:<24}{r.n_gold:>4}{r.rank:>6}{r.n_topics:>8}{scores}  {r.terms[:120]}")
    reached = int((table["f1"] >= 0.6).sum()) if len(table) else 0
    lines.append(f"areas whose best topic reaches F1 >= 0.6: {reached} of {len(table)}")
    return "\n".join(lines)
