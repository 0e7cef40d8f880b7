"""The two baselines ``coop evaluate areas`` sets beside the model, on the same sentences.

- :func:`seed_matching`: an article has an area when any of its sentences names one of the area's
  seed terms — plain keyword matching with the model's own seeds.
- :func:`mapped_nmf`: unsupervised NMF over the sentences' words, each topic then mapped to the
  area whose gold-labelled sentences weigh most on it (a mapping that uses the gold labels, the
  most favourable reading of an unsupervised model).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from threadpoolctl import threadpool_limits

from analysis.areas.features import Featurizer


def seed_matching(sentences: pd.DataFrame, featurizer: Featurizer) -> dict[str, set[str]]:
    """Article ID → areas whose seeds any of its sentences names."""
    out: dict[str, set[str]] = {a: set() for a in sentences["article_id"].unique()}
    for article_id, text, lang in zip(sentences["article_id"], sentences["text"], sentences["language"], strict=True):
        feats = featurizer(text, lang)
        out[article_id] |= {f[5:] for f in feats if f.startswith("seed:")}
    return out


def mapped_nmf(
    sentences: pd.DataFrame,
    featurizer: Featurizer,
    gold_sentence_areas: pd.Series,
    *,
    n_topics: int = 20,
    random_state: int = 0,
) -> dict[str, set[str]]:
    """Article ID → areas of the NMF topics its sentences load on most.

    ``gold_sentence_areas`` holds, aligned with ``sentences``, each sentence's gold areas (a list,
    or NaN where the sentence has no gold row); it is used only to name the topics.
    """
    words = [
        [f for f in featurizer(t, lang) if f.startswith("w:")]
        for t, lang in zip(sentences["text"], sentences["language"], strict=True)
    ]
    vectorizer = TfidfVectorizer(analyzer=lambda x: x, min_df=2, sublinear_tf=True)
    with threadpool_limits(1):
        M = vectorizer.fit_transform(words)
        W = NMF(n_components=n_topics, init="nndsvda", random_state=random_state, max_iter=400).fit_transform(M)
    top = W.argmax(axis=1)
    strength = W.max(axis=1)
    weight: dict[tuple[int, str], float] = {}
    for t, labels in zip(top, gold_sentence_areas, strict=True):
        for area in labels if isinstance(labels, list) else []:
            weight[(t, area)] = weight.get((t, area), 0.0) + 1.0
    topic_area = {}
    for t in range(n_topics):
        candidates = {a: w for (k, a), w in weight.items() if k == t}
        if candidates:
            topic_area[t] = max(sorted(candidates), key=candidates.get)
    out: dict[str, set[str]] = {a: set() for a in sentences["article_id"].unique()}
    cutoff = np.quantile(strength[strength > 0], 0.2) if (strength > 0).any() else 0.0
    for article_id, t, s in zip(sentences["article_id"], top, strength, strict=True):
        if s > cutoff and t in topic_area:
            out[article_id].add(topic_area[t])
    return out
