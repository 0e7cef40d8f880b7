"""From sentence scores to the ``sentence_areas`` and ``article_areas`` tables (stage 3)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.areas.model import ENTITY_COLUMN, NAME_COLUMN, CooperationAreaModel
from analysis.schema import conform


def assign_areas(
    model: CooperationAreaModel, sentences: pd.DataFrame, *, scores: np.ndarray | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score every sentence and aggregate per article.

    Parameters
    ----------
    model : CooperationAreaModel
        A fitted model.
    sentences : DataFrame
        The ``sentences`` table (``article_id``, ``sentence_no``, ``text``, ``language``).
    scores : ndarray, optional
        ``model.transform(sentences)``, when already computed.

    Returns
    -------
    (sentence_areas, article_areas)
        ``sentence_areas``: one row per sentence and area it speaks of (score ≥ the model's
        threshold). ``article_areas``: one row per article and area: ``score`` is the best
        sentence's, ``share`` the area's part of the article's assigned sentence scores, and the
        evidence is the best sentence (its number and text) with ``cue_terms``, the words in it
        that speak of the area (:meth:`CooperationAreaModel.cue_terms`), ``;``-separated.
    """
    seed_terms = None
    if scores is None:
        scores, seed_terms = model.transform_with_terms(sentences)
    rows, cols = np.nonzero(scores >= model.thresholds_)
    chosen = sentences.iloc[rows]
    sentence_areas = pd.DataFrame(
        {
            "article_id": chosen["article_id"].to_numpy(),
            "sentence_no": chosen["sentence_no"].to_numpy(),
            "area": np.asarray(model.areas_, dtype=object)[cols],
            "score": scores[rows, cols],
            "text": chosen["text"].to_numpy(),
            "language": chosen["language"].to_numpy(),
        }
    )
    if sentence_areas.empty:
        return conform(sentence_areas, "sentence_areas"), conform(sentence_areas, "article_areas")
    total = sentence_areas.groupby("article_id")["score"].transform("sum")
    best = sentence_areas.sort_values(
        ["article_id", "area", "score", "sentence_no"], ascending=[True, True, False, True]
    )
    grouped = best.groupby(["article_id", "area"], sort=True)
    article_areas = grouped.agg(
        score=("score", "first"),
        evidence_sentence_no=("sentence_no", "first"),
        evidence_text=("text", "first"),
        language=("language", "first"),
    ).reset_index()
    article_areas["cue_terms"] = _cue_terms(model, article_areas, sentences, seed_terms)
    mass = sentence_areas.assign(mass=sentence_areas["score"] / total).groupby(["article_id", "area"])["mass"].sum()
    article_areas["share"] = mass.reindex(pd.MultiIndex.from_frame(article_areas[["article_id", "area"]])).to_numpy()
    order = {a: k for k, a in enumerate(model.areas_)}
    sentence_areas = sentence_areas.sort_values(
        ["article_id", "sentence_no", "area"], key=lambda s: s.map(order) if s.name == "area" else s
    )
    return conform(sentence_areas, "sentence_areas"), conform(article_areas, "article_areas")


def _cue_terms(
    model: CooperationAreaModel, article_areas: pd.DataFrame, sentences: pd.DataFrame, seed_terms: list | None
) -> list[str]:
    """Each row's cue terms (``;``-separated), one look at each evidence sentence for all its areas."""
    keys = list(zip(article_areas["article_id"], article_areas["evidence_sentence_no"], strict=True))
    entities, names, found = {}, {}, {}
    wanted = set(keys)
    has_entities, has_names = ENTITY_COLUMN in sentences, NAME_COLUMN in sentences
    ids = sentences[ENTITY_COLUMN].tolist() if has_entities else [None] * len(sentences)
    persons = sentences[NAME_COLUMN].tolist() if has_names else [None] * len(sentences)
    for k, key in enumerate(zip(sentences["article_id"], sentences["sentence_no"], strict=True)):
        if key in wanted:
            if has_entities:
                entities[key] = list(ids[k]) if ids[k] is not None else []
            if has_names:
                names[key] = list(persons[k]) if persons[k] is not None else []
            if seed_terms is not None:
                found[key] = seed_terms[k]
    areas_of: dict[tuple, list[str]] = {}
    first: dict[tuple, int] = {}
    for i, (key, area) in enumerate(zip(keys, article_areas["area"], strict=True)):
        areas_of.setdefault(key, []).append(area)
        first.setdefault(key, i)
    terms = {}
    texts, languages = article_areas["evidence_text"].tolist(), article_areas["language"].tolist()
    for key, areas in areas_of.items():
        i = first[key]
        terms[key] = model.sentence_cue_terms(
            texts[i], languages[i], areas, entities.get(key), found.get(key), names=names.get(key)
        )
    return [";".join(terms[key][area]) for key, area in zip(keys, article_areas["area"], strict=True)]
