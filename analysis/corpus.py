"""The corpus-wide step between the two passes over the partitions.

What one partition cannot decide alone, decided from what every partition's load stage returned
(a few dozen bytes a report): article ids in input order (:func:`article_ids`), which reports
repeat which (:func:`copies`, :func:`duplicates_by_part`), one name per official (the entity
stage's :func:`~analysis.entities.matcher.person_names`), and the sentences the area model is
fitted on (:func:`sample_part`). The engine schedules these functions; :func:`analysis.analyze`
and :func:`analysis.load_articles` run them through it on one partition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import schema
from analysis.areas.discover import TopicDiscovery
from analysis.areas.model import ENTITY_COLUMN, NAME_COLUMN, CooperationAreaModel
from analysis.load.dedup import Sketches, SketchFiles, concat_shingles, resolve_duplicates, shingle_hashes


@dataclass
class CorpusPlan:
    """What the corpus-wide step decides: ids, duplicates, names, the model."""

    occurrence: list[np.ndarray]  # per partition: 1 for the first report with these bytes, 2, ...
    duplicates: list[dict[int, str]]  # per partition: row -> id of the report it repeats
    names: dict[str, str]
    model: CooperationAreaModel | None
    topics: pd.DataFrame = field(default_factory=lambda: schema.empty("topics"))
    topic_examples: pd.DataFrame = field(default_factory=lambda: schema.empty("topic_examples"))
    discovery: TopicDiscovery | None = None  # fitted on the sample; gives each partition its sentence_topics
    fit_sentences: int = 0  # sentences the model was fitted on here (0: given or shipped)
    bases: list[np.ndarray] = field(default_factory=list)

    def part(self, k: int) -> tuple[list[str], list[str | None]]:
        """Partition ``k``'s article ids and, for each report, the id of the report it repeats."""
        ids = article_ids(self.bases[k], self.occurrence[k])
        duplicates = self.duplicates[k]
        return ids, [duplicates.get(i) for i in range(len(ids))]


def occurrence(base: np.ndarray) -> np.ndarray:
    """For each value, how many times it has occurred up to and including here (1, 2, ...).

    >>> occurrence(np.array([7, 9, 7, 7], dtype=np.uint64)).tolist()
    [1, 1, 2, 3]
    """
    order = np.argsort(base, kind="stable")
    ordered = base[order]
    starts = np.r_[0, np.flatnonzero(ordered[1:] != ordered[:-1]) + 1] if len(base) else np.array([], dtype=np.int64)
    run_start = np.zeros(len(base), dtype=np.int64)
    run_start[starts] = starts
    run_start = np.maximum.accumulate(run_start) if len(base) else run_start
    out = np.empty(len(base), dtype=np.int32)
    out[order] = np.arange(len(base)) - run_start + 1
    return out


def article_ids(base: np.ndarray, occurrence: np.ndarray) -> list[str]:
    """Stable article ids: the first 16 hex digits of the report's sha256 (``base``), with ``-2``,
    ``-3``, ... for the second and later reports with the same bytes.

    >>> base = np.array([0xAB, 0xAB], dtype=np.uint64)
    >>> article_ids(base, np.array([1, 2]))
    ['00000000000000ab', '00000000000000ab-2']
    """
    return [f"{b:016x}" if k == 1 else f"{b:016x}-{k}" for b, k in zip(base.tolist(), occurrence.tolist(), strict=True)]


def copies(
    sketches: Sketches | SketchFiles,
    rank: np.ndarray,
    offsets: np.ndarray,
    texts_of: Callable[[int, list[int]], Iterable[str]],
) -> np.ndarray:
    """For each report, the index of the report it repeats, or -1
    (:func:`~analysis.load.dedup.resolve_duplicates`); ``texts_of(k, rows)`` gives texts of
    partition ``k`` (whose reports start at ``offsets[k]``), asked only for candidate pairs."""

    def shingles_of(indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        where = np.searchsorted(offsets, indices, side="right") - 1
        arrays = []
        for k in np.unique(where).tolist():
            arrays += [shingle_hashes(t) for t in texts_of(k, (indices[where == k] - offsets[k]).tolist())]
        return concat_shingles(arrays)

    dup = resolve_duplicates(sketches, rank, shingles_of)
    return np.array([-1 if j is None else j for j in dup], dtype=np.int64)


def duplicates_by_part(
    dup: np.ndarray, base: np.ndarray, occurrence: np.ndarray, offsets: np.ndarray
) -> list[dict[int, str]]:
    """:func:`copies`' answer per partition: row in the partition → id of the report it repeats."""
    out: list[dict[int, str]] = [{} for _ in range(len(offsets) - 1)]
    for i in np.flatnonzero(dup >= 0).tolist():
        j = int(dup[i])
        k = int(np.searchsorted(offsets, i, side="right") - 1)
        out[k][i - int(offsets[k])] = article_ids(base[j : j + 1], occurrence[j : j + 1])[0]
    return out


def uniform(base: np.ndarray, sentence_no: pd.Series) -> np.ndarray:
    """A value in [0, 2**64) per sentence from its report's id base and its number (splitmix64)."""
    x = base ^ (sentence_no.to_numpy(dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def sample_part(sentences: pd.DataFrame, base: np.ndarray, occurrence: np.ndarray, rate: float) -> pd.DataFrame:
    """The sentences of a partition (keyed by the report's row, as the load stage leaves them) in
    the fitting sample — all of them when ``rate >= 1`` — with their reports' final ids, the
    entity cues, the persons' names and each sentence's hash (``_u``: a sentence is in the sample
    when it is below ``rate * 2**64``, and discovery takes the smallest). The sample is the same
    however the corpus is partitioned."""
    row = sentences["article_id"].to_numpy(dtype=np.int64)
    u = uniform(base[row], sentences["sentence_no"])
    if rate < 1:
        keep = u < np.uint64(rate * 2.0**64)
        sentences, row, u = sentences[keep].reset_index(drop=True), row[keep], u[keep]
    out = schema.conform(sentences.assign(article_id=article_ids(base[row], occurrence[row])), "sentences")
    names = {NAME_COLUMN: sentences[NAME_COLUMN].to_numpy()} if NAME_COLUMN in sentences else {}
    return out.assign(**{ENTITY_COLUMN: sentences[ENTITY_COLUMN].to_numpy(), **names, "_u": u})
