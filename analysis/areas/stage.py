"""The area stage: fit the model (and discovery) on the corpus's sample, apply it to a partition.

:func:`fit_part` runs once, on the sentences :func:`analysis.corpus.sample_part` picked;
:func:`area_part` runs on every partition with what it fitted.
"""

from __future__ import annotations

import os
import time

import numpy as np
import pandas as pd

from analysis import schema
from analysis.areas.assign import assign_areas
from analysis.areas.discover import TopicDiscovery
from analysis.areas.model import CooperationAreaModel

#: Sentences discovery looks at most (the part of the fitting sample with the smallest hashes).
DISCOVER_SAMPLE_SENTENCES = 25_000


def fit_part(
    sample: pd.DataFrame,
    *,
    model: CooperationAreaModel | None = None,
    taxonomy: str | os.PathLike | None = None,
    n_topics: int | str = 6,
    random_state: int = 0,
) -> tuple[CooperationAreaModel, int, TopicDiscovery | None, dict[str, float]]:
    """Fit the area model on ``sample`` (unless one is given), then discover ``n_topics`` topics
    on the part of it with the smallest hashes (``sample["_u"]``). Returns the model, the
    sentences it was fitted on (0 when given), the discovery (``None`` for ``n_topics=0``) and the
    seconds each took."""
    u = sample["_u"].to_numpy()
    sample = sample.drop(columns="_u")
    seconds: dict[str, float] = {}
    fitted = 0
    clock = time.perf_counter()
    if model is None:
        model = CooperationAreaModel(taxonomy, random_state=random_state).fit(sample)
        fitted = len(sample)
        seconds["fit"] = time.perf_counter() - clock
    discovery = None
    if n_topics:
        clock = time.perf_counter()
        if len(sample) > DISCOVER_SAMPLE_SENTENCES:
            sample = sample.iloc[np.sort(np.argsort(u, kind="stable")[:DISCOVER_SAMPLE_SENTENCES])]
        discovery = TopicDiscovery(n_topics=n_topics, random_state=random_state)
        discovery.fit(sample.reset_index(drop=True), model=model)
        seconds["discover"] = time.perf_counter() - clock
    return model, fitted, discovery, seconds


def area_part(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    model: CooperationAreaModel | None,
    discovery: TopicDiscovery | None = None,
) -> dict[str, pd.DataFrame]:
    """``sentence_areas``, ``article_areas`` and ``sentence_topics`` of a partition's sentences
    (with their entity cues and final ids); empty tables when there is no model."""
    tables = {name: schema.empty(name) for name in ("sentence_areas", "article_areas", "sentence_topics")}
    if model is not None and len(sentences):
        scores = model.transform(sentences)
        tables["sentence_areas"], tables["article_areas"] = assign_areas(model, sentences, scores=scores)
        if discovery is not None:
            tables["sentence_topics"] = discovery.transform(sentences, model=model, scores=scores, names=mentions)
    return tables
