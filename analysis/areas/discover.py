"""Discovery: topics in what the seeded areas do not explain.

The sentences no area claims (every score below the model's threshold) are factorised with NMF
over their word stems, leaving out names of entities and officials, numbers and month names. Each
topic comes with its top terms per language (shown as the commonest word of each stem), its NPMI
coherence on this corpus, and the sentences that load most on it, so an analyst can name a new
area and add it, with seed terms, to the taxonomy file.

NPMI is computed one documented way: over the residual sentences as documents, for each pair of
the topic's top 10 terms, ``log(p(a, b) / (p(a) p(b))) / -log p(a, b)`` (−1 when a pair never
co-occurs), averaged over pairs.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import combinations

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from threadpoolctl import threadpool_limits

from analysis.areas.model import CooperationAreaModel
from analysis.schema import conform, empty
from analysis.text.dateline import MONTHS
from analysis.text.tokenize import TOKEN_PATTERN, script_language, stem

_TOP = 10
_NOISE = frozenset("з і у ў на ад да па для што як а але гэта".split() + [m for m in MONTHS])


def _is_noise(word: str) -> bool:
    """Digits, one- and two-letter words, month names and Belarusian function words."""
    low = word.casefold()
    return low.isdigit() or len(low) <= 2 or low in _NOISE


def npmi(top_terms: list[str], documents: list[set[str]]) -> float:
    """Mean normalized PMI of the pairs of ``top_terms`` over ``documents`` (sets of terms).

    >>> docs = [{"a", "b"}, {"a", "b"}, {"c"}, {"c", "d"}]
    >>> round(npmi(["a", "b"], docs), 3), round(npmi(["a", "c"], docs), 3)
    (1.0, -1.0)
    """
    n = len(documents)
    if n == 0 or len(top_terms) < 2:
        return float("nan")
    df = Counter(t for d in documents for t in d if t in set(top_terms))
    scores = []
    for a, b in combinations(top_terms, 2):
        joint = sum(1 for d in documents if a in d and b in d) / n
        if joint == 0:
            scores.append(-1.0)
        elif joint == 1:
            scores.append(1.0)
        else:
            scores.append(math.log(joint / ((df[a] / n) * (df[b] / n))) / -math.log(joint))
    return float(np.mean(scores))


def discover_topics(
    model: CooperationAreaModel,
    sentences: pd.DataFrame,
    *,
    scores: np.ndarray | None = None,
    n_topics: int = 6,
    n_terms: int = 8,
    random_state: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Topics in the sentences the seeded areas leave unexplained.

    Returns
    -------
    (topics, examples)
        ``topics``: one row per topic and language with ``topic``, ``language``, ``terms`` (the
        top words, comma-separated), ``npmi`` and ``n_sentences`` (residual sentences loading
        most on it). ``examples``: the three sentences loading most on each topic (``topic``,
        ``rank``, ``article_id``, ``sentence_no``, ``text``, ``weight``).
    """
    if not isinstance(n_topics, int) or n_topics < 1:
        raise ValueError(f"n_topics must be a positive int, got {n_topics!r}")
    if scores is None:
        scores = model.transform(sentences)
    residual = sentences[(scores < model.thresholds_).all(axis=1)].reset_index(drop=True)
    featurize = model.featurizer_
    matcher = featurize.matcher
    docs, surface = [], Counter()
    for text, lang in zip(residual["text"], residual["language"], strict=True):
        lang = lang if isinstance(lang, str) else None
        # names say who and where, not what about: words of entities and officials' names are left out
        names = set()
        if matcher is not None:
            tokens = matcher.tokens(text, lang)
            for m in matcher.find(text, lang, tokens):
                names |= {w.casefold() for w in TOKEN_PATTERN.findall(m["surface"])}
            for i, info in enumerate(tokens.infos[:-1]):
                if info.first_name:
                    names |= {tokens.words[i].casefold(), tokens.words[i + 1].casefold()}
        words = [w for w in TOKEN_PATTERN.findall(text) if w.casefold() not in names and not _is_noise(w)]
        keep = {"w:" + stem(w, script_language(w, lang)) for w in words}
        docs.append([f for f in featurize(text, lang) if f.startswith("w:") and f in keep])
        for w in words:
            surface[("w:" + stem(w, script_language(w, lang)), w.casefold(), lang)] += 1
    empty_topics, empty_examples = empty("topics"), empty("topic_examples")
    if len(docs) < max(3, n_topics):
        return empty_topics, empty_examples
    vectorizer = TfidfVectorizer(analyzer=lambda x: x, min_df=3, max_df=0.5, sublinear_tf=True)
    try:
        M = vectorizer.fit_transform(docs)
    except ValueError:  # no feature left after min_df / max_df
        return empty_topics, empty_examples
    n_topics = min(n_topics, M.shape[1], M.shape[0])
    with threadpool_limits(1):
        nmf = NMF(n_components=n_topics, init="nndsvda", random_state=random_state, max_iter=500)
        W = nmf.fit_transform(M)
    terms = vectorizer.get_feature_names_out()
    by_language: dict[str, set[int]] = {}
    for i, lang in enumerate(residual["language"]):
        by_language.setdefault(lang if isinstance(lang, str) else "und", set()).update(M[i].indices.tolist())
    word_of: dict[tuple[str, str], str] = {}
    for (feat, word, lang), _ in sorted(surface.items(), key=lambda kv: (-kv[1], kv[0])):
        word_of.setdefault((feat, lang or "und"), word)
    doc_sets = [set(d) for d in docs]
    top_topic = W.argmax(axis=1)
    topic_rows, example_rows = [], []
    for k in range(n_topics):
        order = np.argsort(-nmf.components_[k], kind="stable")
        coherence = npmi([terms[j] for j in order[:_TOP]], doc_sets)
        for lang in sorted(by_language):
            seen = by_language[lang]
            top = [terms[j] for j in order if j in seen][:n_terms]
            words = [word_of.get((t, lang), t[2:]) for t in top]
            topic_rows.append(
                {
                    "topic": f"topic_{k + 1}",
                    "language": lang,
                    "terms": ", ".join(words),
                    "npmi": round(coherence, 3),
                    "n_sentences": int((top_topic == k).sum()),
                }
            )
        shown: set[str] = set()
        for i in np.argsort(-W[:, k], kind="stable"):
            row = residual.iloc[i]
            if row["text"] in shown:  # a republished copy says nothing new
                continue
            shown.add(row["text"])
            rank = len(shown)
            if rank > 3:
                break
            example_rows.append(
                {
                    "topic": f"topic_{k + 1}",
                    "rank": rank,
                    "article_id": row["article_id"],
                    "sentence_no": int(row["sentence_no"]),
                    "text": row["text"],
                    "weight": round(float(W[i, k]), 4),
                }
            )
    return conform(pd.DataFrame(topic_rows), "topics"), conform(pd.DataFrame(example_rows), "topic_examples")
