"""The two baselines ``coop evaluate areas`` sets beside the model, on the same sentences.

- :func:`seed_matching`: an article has an area when any of its sentences names one of the area's
  seed terms — plain keyword matching with the model's own seeds.
- :func:`mapped_nmf`: unsupervised NMF over the sentences' words, each topic then mapped to the
  area whose gold-labelled sentences weigh most on it (a mapping that uses the gold labels, the
  most favourable reading of an unsupervised model).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from threadpoolctl import threadpool_limits

from analysis.areas.features import Featurizer


def seed_matching(sentences: pd.DataFrame, featurizer: Featurizer) -> dict[str, set[str]]:
    """Article ID → areas whose seeds any of its sentences names (plain matching: persons' names
    are not set apart)."""
    out: dict[str, set[str]] = {a: set() for a in sentences["article_id"].unique()}
    for article_id, text, lang in zip(sentences["article_id"], sentences["text"], sentences["language"], strict=True):
        feats = featurizer(text, lang, names=())
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
    return mapped_assignments(W, sentences["article_id"].tolist(), gold_sentence_areas)


#: A sentence whose strongest topic is weaker than this quantile of strengths gets no area.
WEAK_QUANTILE = 0.2


def topic_areas(top: np.ndarray, gold_sentence_areas: Sequence, n_topics: int) -> dict[int, str]:
    """Name each topic after the area whose gold-labelled sentences it is strongest in most often.

    The rule of :func:`analysis.areas.baselines.mapped_nmf`, for any model's topics.

    Parameters
    ----------
    top : ndarray of shape (n_sentences,)
        Each sentence's strongest topic.
    gold_sentence_areas : sequence
        Aligned with ``top``: each sentence's gold areas (a list), or anything else where the
        sentence has no gold row.
    n_topics : int
        Number of topics.

    Returns
    -------
    dict of int to str
        Topic → area, for the topics that win at least one gold-labelled sentence.

    Examples
    --------
    >>> topic_areas(np.array([0, 0, 1, 2]), [["trade"], ["trade", "energy"], ["energy"], None], 3)
    {0: 'trade', 1: 'energy'}
    """
    weight: dict[tuple[int, str], float] = {}
    for t, labels in zip(top, gold_sentence_areas, strict=True):
        for area in labels if isinstance(labels, list) else []:
            weight[(t, area)] = weight.get((t, area), 0.0) + 1.0
    names = {}
    for t in range(n_topics):
        candidates = {a: w for (k, a), w in weight.items() if k == t}
        if candidates:
            names[t] = max(sorted(candidates), key=candidates.get)
    return names


def mapped_assignments(
    doc_topic: np.ndarray, article_ids: Sequence[str], gold_sentence_areas: Sequence
) -> dict[str, set[str]]:
    """Article ID → areas of the topics its sentences load on most (``mapped_nmf``'s rule).

    A sentence takes the area of its strongest topic (:func:`topic_areas`), unless that topic's
    weight is at or below the :data:`WEAK_QUANTILE` quantile of the positive strengths; an article
    has the areas of its sentences.

    Parameters
    ----------
    doc_topic : ndarray of shape (n_sentences, n_topics)
        Topic weights per sentence (NMF ``W``, LDA ``theta``); all zero where a sentence has no
        words.
    article_ids : sequence of str
        Each sentence's article.
    gold_sentence_areas : sequence
        Each sentence's gold areas (see :func:`topic_areas`); used only to name the topics.

    Returns
    -------
    dict of str to set of str
        Every article in ``article_ids``, with its areas (possibly none).

    Examples
    --------
    >>> W = np.array([[0.9, 0.1], [0.2, 0.7], [0.0, 0.0], [0.8, 0.0], [0.1, 0.0]])
    >>> out = mapped_assignments(W, ["a", "a", "b", "b", "c"], [["trade"], ["energy"], None, None, None])
    >>> {article: sorted(areas) for article, areas in out.items()}  # c's only sentence is too weak
    {'a': ['energy', 'trade'], 'b': ['trade'], 'c': []}
    """
    top = doc_topic.argmax(axis=1)
    strength = doc_topic.max(axis=1)
    names = topic_areas(top, gold_sentence_areas, doc_topic.shape[1])
    out: dict[str, set[str]] = {a: set() for a in pd.unique(np.asarray(article_ids, dtype=object))}
    cutoff = np.quantile(strength[strength > 0], WEAK_QUANTILE) if (strength > 0).any() else 0.0
    for article_id, t, s in zip(article_ids, top, strength, strict=True):
        if s > cutoff and t in names:
            out[article_id].add(names[t])
    return out
