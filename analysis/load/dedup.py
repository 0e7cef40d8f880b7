"""Reports saved twice, or republished with small edits.

Exact copies share their normalized text. Near copies are found with MinHash LSH over word
3-grams, then confirmed by the exact Jaccard similarity of those 3-gram sets, so the sketch only
proposes and never decides. The index is queried at a lower similarity than the threshold, so that
pairs just above it are not missed by chance.

The work is split so that it scales past memory: :func:`sketch` runs on any chunk of reports
(a partition, on any worker) and keeps per report only an exact-copy key and the LSH band hashes
(datasketch computes the MinHash signatures and chooses the bands); :func:`resolve_duplicates`
then runs once over the sketches of the whole corpus and needs the 3-gram sets only of the
reports that share a band with another and whose b-bit signatures (the low byte of each MinHash
value) estimate a similarity near the threshold (:func:`candidate_pairs`). On a large corpus the
band hashes and signatures of each chunk can stay in files (:func:`save_sketches`,
:class:`SketchFiles`), read one band, or a few rows, at a time. :func:`find_duplicates` does it
all for texts in memory.

On the bundled corpus the six republished reports score 0.71–0.88 against their originals and
the most similar distinct reports 0.06 (tests/test_corpus.py checks the copies are found); two
different reports sharing a standard background paragraph scored 0.64, hence 0.7. Each copy
points at the first report of its group: the earliest date, then the earliest in input order.
Nothing is dropped.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from datasketch import MinHash, MinHashLSH

from analysis.config import LONG_NUMBER, WORD_CACHE_SIZE
from analysis.load.clean import paragraph_key

#: Word 3-gram Jaccard similarity from which two reports count as one republished with edits.
NEAR_DUPLICATE_THRESHOLD = 0.7
_NUM_PERM = 128
_SEED = 1
#: How far below the threshold the index is queried. With 128 permutations datasketch then uses 25
#: bands of 5 rows: a pair at Jaccard 0.7 shares a band with probability 0.99, at 0.75 0.999, but a
#: pair at 0.3 only 0.06 (0.21 when querying at 0.42, which on template-built corpora made the
#: pairs to check grow with the square of the corpus).
_QUERY_MARGIN = 0.2
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Sketches:
    """What :func:`resolve_duplicates` needs of each report, aligned with the texts sketched.

    Attributes
    ----------
    keys : ndarray of uint64, shape (n,)
        Hash of the normalized text: equal keys are exact copies.
    bands : ndarray of uint32, shape (n, b), or None
        LSH band hashes of the word 3-gram MinHash; reports sharing one are candidates (a chance
        collision of 32-bit hashes only adds a pair to verify). ``None`` once saved to files.
    has_words : ndarray of bool, shape (n,)
        False for texts without a word, which are only ever exact copies.
    sizes : ndarray of uint32, shape (n,)
        Distinct word 3-grams: two sets can only be as similar as their sizes' ratio, so pairs
        of very different sizes are never verified.
    signatures : ndarray of uint8, shape (n, 128), or None
        The low byte of each MinHash value (b-bit minwise hashing): the share of equal bytes
        estimates the similarity of two reports. ``None`` once saved to files.
    """

    keys: np.ndarray
    bands: np.ndarray | None
    has_words: np.ndarray
    sizes: np.ndarray
    signatures: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def n_bands(self) -> int:
        return self.bands.shape[1]

    def band(self, k: int) -> np.ndarray:
        """Band ``k``'s hash of every report."""
        return self.bands[:, k]

    def signature_rows(self, indices: np.ndarray) -> np.ndarray:
        """The signatures of the reports at ``indices`` (sorted, unique)."""
        return self.signatures[indices]

    @classmethod
    def concat(cls, parts: Sequence[Sketches]) -> Sketches:
        """The sketches of several chunks, in order."""
        if not parts:
            return sketch([])
        return cls(
            np.concatenate([p.keys for p in parts]),
            np.concatenate([p.bands for p in parts]),
            np.concatenate([p.has_words for p in parts]),
            np.concatenate([p.sizes for p in parts]),
            np.concatenate([p.signatures for p in parts]),
        )


def save_sketches(sketches: Sketches, prefix: str | os.PathLike) -> Sketches:
    """Write the band hashes and signatures to ``<prefix>.bands.npy`` and ``<prefix>.signatures.npy``
    (atomically) and return the sketches without them: what :class:`SketchFiles` reads back."""
    prefix = Path(prefix)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    for suffix, array in (
        (".bands.npy", np.ascontiguousarray(sketches.bands.T)),
        (".signatures.npy", sketches.signatures),
    ):
        path = prefix.with_name(prefix.name + suffix)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        with tmp.open("wb") as fh:
            np.save(fh, array)
        os.replace(tmp, path)
    return replace(sketches, bands=None, signatures=None)


@dataclass(frozen=True)
class SketchFiles:
    """The sketches of a corpus whose band hashes and signatures stay in files, one pair per chunk
    (:func:`save_sketches`): only 13 bytes a report are held in memory, and a band or the rows of
    some reports are read when needed."""

    keys: np.ndarray
    has_words: np.ndarray
    sizes: np.ndarray
    prefixes: tuple[str, ...]
    offsets: np.ndarray  # where each chunk starts, and the end
    n_bands: int

    @classmethod
    def of(
        cls,
        parts: Sequence[Sketches],
        prefixes: Sequence[str | os.PathLike],
        *,
        threshold: float = NEAR_DUPLICATE_THRESHOLD,
    ) -> SketchFiles:
        """The chunks' sketches (as :func:`save_sketches` returned them) and their files' prefixes, in order."""
        offsets = np.zeros(len(parts) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(p) for p in parts])
        empty = sketch([])
        return cls(
            np.concatenate([empty.keys, *(p.keys for p in parts)]),
            np.concatenate([empty.has_words, *(p.has_words for p in parts)]),
            np.concatenate([empty.sizes, *(p.sizes for p in parts)]),
            tuple(str(p) for p in prefixes),
            offsets,
            _lsh_shape(threshold)[0],
        )

    def __len__(self) -> int:
        return len(self.keys)

    def band(self, k: int) -> np.ndarray:
        out = np.empty(len(self), dtype=np.uint32)
        for prefix, start, end in zip(self.prefixes, self.offsets[:-1], self.offsets[1:], strict=True):
            if end > start:
                out[start:end] = np.load(prefix + ".bands.npy", mmap_mode="r")[k]
        return out

    def signature_rows(self, indices: np.ndarray) -> np.ndarray:
        out = np.empty((len(indices), _NUM_PERM), dtype=np.uint8)
        chunk = np.searchsorted(self.offsets, indices, side="right") - 1
        bounds = np.searchsorted(chunk, np.arange(len(self.prefixes) + 1))
        for k in np.flatnonzero(np.diff(bounds)):
            lo, hi = bounds[k], bounds[k + 1]
            stored = np.load(self.prefixes[k] + ".signatures.npy", mmap_mode="r")
            out[lo:hi] = stored[indices[lo:hi] - self.offsets[k]]
        return out


@cache
def _lsh_shape(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) datasketch chooses for the query similarity."""
    lsh = MinHashLSH(threshold=max(0.1, threshold - _QUERY_MARGIN), num_perm=_NUM_PERM)
    return lsh.b, lsh.r


@cache
def _template() -> MinHash:
    """A MinHash whose seeded permutations every report reuses (datasketch would redo them each time)."""
    return MinHash(num_perm=_NUM_PERM, seed=_SEED)


@cache
def _band_multipliers(r: int) -> np.ndarray:
    """Fixed odd 64-bit multipliers that fold a band's ``r`` signature values into one hash."""
    return np.random.default_rng(_SEED).integers(1, 2**63, size=r, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def _word_hash(word: str, cache: dict[str, int]) -> int:
    """A word's shingle hash, kept in ``cache`` unless the word has a long number (nearly always new)."""
    h = zlib.crc32(word.encode("utf-8")) | 1 << 32
    if LONG_NUMBER.search(word) is None:
        cache[word] = h
    return h


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted unique 32-bit hashes of the text's casefolded word 3-grams (of its words, if fewer).

    Each word is hashed once (CRC-32) and three neighbours' hashes are folded into one with fixed
    odd multipliers, which is several times faster than hashing each 3-gram's string.

    >>> len(shingle_hashes("Belarus und Omsk vereinbaren Lieferungen")), len(shingle_hashes("2024"))
    (3, 1)
    """
    words = _WORD.findall(text.casefold())
    if not words:
        return np.empty(0, dtype=np.uint32)
    cache = _word_hashes()
    if len(cache) > WORD_CACHE_SIZE:
        cache.clear()
    h = np.array([cache.get(w) or _word_hash(w, cache) for w in words], dtype=np.uint64)
    a, b, c = _gram_multipliers()
    if len(h) < 3:
        grams = h[:1] * a + (h[1:2] * b if len(h) > 1 else np.uint64(0))
    else:
        grams = h[:-2] * a + h[1:-1] * b + h[2:] * c  # wraps modulo 2**64, as intended
    return np.unique((grams >> np.uint64(32)).astype(np.uint32))


@cache
def _word_hashes() -> dict[str, int]:
    """CRC-32 of words seen (with bit 32 set, so no value is 0), per process."""
    return {}


@cache
def _gram_multipliers() -> np.ndarray:
    return np.random.default_rng(_SEED + 1).integers(1, 2**63, size=3, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def sketch(texts: Sequence[str], *, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> Sketches:
    """Exact-copy keys and LSH band hashes of each text; see :class:`Sketches`."""
    b, r = _lsh_shape(threshold)
    n = len(texts)
    keys = np.empty(n, dtype=np.uint64)
    bands = np.zeros((n, b), dtype=np.uint32)
    has_words = np.zeros(n, dtype=bool)
    sizes = np.zeros(n, dtype=np.uint32)
    signatures = np.zeros((n, _NUM_PERM), dtype=np.uint8)
    template = _template()
    multipliers = _band_multipliers(r)
    for i, text in enumerate(texts):
        keys[i] = int.from_bytes(hashlib.blake2b(paragraph_key(text).encode("utf-8"), digest_size=8).digest(), "big")
        grams = shingle_hashes(text)
        if not len(grams):
            continue
        has_words[i] = True
        sizes[i] = len(grams)
        # the 3-grams are hashed already (shingle_hashes), hence hashfunc=int
        mh = MinHash(
            num_perm=_NUM_PERM, seed=_SEED, hashfunc=int, permutations=template.permutations, scheme=template.scheme
        )
        mh.update_batch(grams.tolist())
        signatures[i] = (mh.hashvalues & np.uint64(0xFF)).astype(np.uint8)
        signature = mh.hashvalues[: b * r].reshape(b, r)
        bands[i] = (signature @ multipliers) >> np.uint64(32)  # wraps modulo 2**64, as intended; top 32 bits
    return Sketches(keys, bands, has_words, sizes, signatures)


#: A band bucket with more reports than this (a text republished thousands of times, or thousands
#: of reports from one template) pairs each of them with its first this-many members only, not
#: every pair: memory and time stay linear in the bucket, and every copy is still compared with
#: reports it shares the bucket with.
MAX_BUCKET_PAIRS = 64
#: Pairs made, and compared by their signatures, at a time (a chunk takes about 0.4 KB per pair).
PAIR_CHUNK = 1 << 18


def _bucket_pairs(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(a, b)``, ``a < b``, of the pairs compared in a bucket of ``size`` reports:
    all of them, or for a bucket over :data:`MAX_BUCKET_PAIRS`, those with ``a`` among the first.

    >>> [len(x) for x in _bucket_pairs(4)], len(_bucket_pairs(1000)[0])
    ([6, 6], 61920)
    """
    if size <= MAX_BUCKET_PAIRS:
        return np.triu_indices(size, 1)
    k = MAX_BUCKET_PAIRS
    a = np.repeat(np.arange(k), size - 1 - np.arange(k))
    b = np.concatenate([np.arange(i + 1, size) for i in range(k)])
    return a, b


def candidate_pairs(
    sketches: Sketches | SketchFiles,
    *,
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
    among: np.ndarray | None = None,
) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, of reports that may be copies: the pairs to verify.

    A pair is a candidate when the reports share an LSH band, their 3-gram set sizes allow a
    Jaccard similarity of ``threshold``, and their b-bit signatures estimate a similarity of at
    least ``threshold - 0.2``. With 128 bytes the estimate's standard deviation is at most 0.045, so
    a pair at the threshold passes but for a chance of about one in a million, while pairs of
    reports built on one template (similarity 0.15–0.4), which share a band ever more often as a
    corpus grows, are dropped before their texts are read.

    ``among``, a boolean mask, limits the pairs to those reports (:func:`resolve_duplicates` passes
    one report of each exact-copy group: the others share its text and its answer).

    Returns an int64 array of shape (m, 2), each pair once, sorted. Bands are read one at a time,
    and the pairs of a band are made and checked :data:`PAIR_CHUNK` at a time, so memory follows
    the candidates kept, not the pairs that share a band (tens of millions on a template-built
    corpus of half a million reports).
    """
    n = len(sketches)
    width = np.int64(max(n, 1))
    kept, pending = np.empty(0, dtype=np.int64), []
    rows = np.flatnonzero(sketches.has_words if among is None else sketches.has_words & among)
    sizes = sketches.sizes.astype(np.float64)
    for k in range(sketches.n_bands):
        values = sketches.band(k)[rows]
        order = np.argsort(values, kind="stable")
        members = rows[order]
        _, starts, counts = np.unique(values[order], return_index=True, return_counts=True)
        del values, order
        found = []
        for size in np.unique(counts[counts > 1]):  # the buckets of one size, a chunk at a time
            a, b = _bucket_pairs(int(size))
            buckets = starts[counts == size]
            step = max(1, PAIR_CHUNK // len(a))
            for c in range(0, len(buckets), step):
                first = buckets[c : c + step]
                left, right = members[first[:, None] + a].ravel(), members[first[:, None] + b].ravel()
                small, large = np.minimum(sizes[left], sizes[right]), np.maximum(sizes[left], sizes[right])
                keep = small >= threshold * large  # Jaccard <= |A| / |B| for |A| <= |B|
                left, right = np.minimum(left[keep], right[keep]), np.maximum(left[keep], right[keep])
                likely = _estimated_similarity(sketches, left, right) >= threshold - _QUERY_MARGIN
                found.append(left[likely] * width + right[likely])
        pending += found  # a pair shares at most one bucket of a band, but may share several bands:
        if sum(map(len, pending)) > len(kept) + PAIR_CHUNK:  # merged once they outgrow those kept
            kept, pending = _sorted_unique(np.concatenate([kept, *pending])), []
    kept = _sorted_unique(np.concatenate([kept, *pending]))
    return np.stack([kept // width, kept % width], axis=1)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of an int array by sorting (numpy's hash-based unique is far slower on tens of
    millions of pair keys)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


def _estimated_similarity(sketches: Sketches | SketchFiles, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The Jaccard similarity of each pair as its b-bit signatures estimate it (equal bytes, less
    the chance that two different values share their low byte); the signature bytes of at most
    :data:`PAIR_CHUNK` pairs are compared at a time."""
    if not len(left):
        return np.empty(0)
    members, at = np.unique(np.concatenate([left, right]), return_inverse=True)
    signatures = sketches.signature_rows(members)
    n = len(left)
    equal = np.empty(n)
    for c in range(0, n, PAIR_CHUNK):
        end = min(c + PAIR_CHUNK, n)
        same = signatures[at[c:end]] == signatures[at[n + c : n + end]]
        equal[c:end] = np.count_nonzero(same, axis=1) / signatures.shape[1]
    chance = 1 / 256
    return (equal - chance) / (1 - chance)


def resolve_duplicates(
    sketches: Sketches | SketchFiles,
    rank: Sequence[int],
    shingles_of: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
    *,
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
) -> list[int | None]:
    """For each report, the index of the report it repeats, or ``None``.

    Parameters
    ----------
    sketches : Sketches or SketchFiles
        Of the whole corpus, e.g. :meth:`Sketches.concat` of every chunk's, or :meth:`SketchFiles.of`.
    rank : sequence of int
        Every index once, originals first: among copies the earliest in ``rank`` is the original.
    shingles_of : callable
        Given sorted indices, returns their :func:`shingle_hashes` concatenated, and the
        offsets where each starts (one more than indices, the last the total length); called
        once, only for the reports in a :func:`candidate_pairs` pair.
    threshold : float, default 0.7
        Word 3-gram Jaccard similarity from which two texts are copies. Must be in (0, 1].
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    n = len(sketches)
    position = np.empty(n, dtype=np.int64)
    position[np.asarray(rank, dtype=np.int64)] = np.arange(n)
    if len(rank) != n or not np.array_equal(np.sort(np.asarray(rank, dtype=np.int64)), np.arange(n)):
        raise ValueError("rank must hold every index from 0 to n - 1 once")
    # one report per exact-copy group, its earliest: a later exact copy takes that report's answer
    _, inverse, counts = np.unique(sketches.keys, return_inverse=True, return_counts=True)
    first_position = np.full(len(counts), n, dtype=np.int64)
    np.minimum.at(first_position, inverse, position)
    earliest = position == first_position[inverse]
    pairs = candidate_pairs(sketches, threshold=threshold, among=earliest)
    members = _sorted_unique(pairs.ravel())
    values, offsets = shingles_of(members) if len(pairs) else (np.empty(0, np.uint32), np.zeros(1, np.int64))
    similar_parts, score_parts = [np.empty((0, 2), dtype=np.int64)], [np.empty(0)]
    for c in range(0, len(pairs), PAIR_CHUNK):  # Python lists of a chunk of pairs at a time
        chunk = pairs[c : c + PAIR_CHUNK]
        at = np.searchsorted(members, chunk)  # where each pair's reports are among the members
        scores = np.array(
            [_jaccard(values[offsets[a] : offsets[a + 1]], values[offsets[b] : offsets[b + 1]]) for a, b in at.tolist()]
        )
        similar_parts.append(chunk[scores >= threshold])
        score_parts.append(scores[scores >= threshold])
    del values, offsets, pairs
    similar, score = np.concatenate(similar_parts), np.concatenate(score_parts)
    del similar_parts, score_parts
    earlier = position[similar[:, 0]] < position[similar[:, 1]]
    first = np.where(earlier, similar[:, 0], similar[:, 1])
    later = np.where(earlier, similar[:, 1], similar[:, 0])
    # each copy's possible originals, the most similar first (then the earliest): a CSR by copy
    order = np.lexsort((position[first], -score, later))
    first, later = first[order], later[order]
    copies, starts = np.unique(later, return_index=True)
    ends = np.append(starts[1:], len(later))[: len(starts)]
    candidates = {int(i): (int(a), int(b)) for i, a, b in zip(copies, starts, ends, strict=True)}
    involved = _sorted_unique(np.concatenate([np.flatnonzero(counts[inverse] > 1), copies, first]).astype(np.int64))
    result: list[int | None] = [None] * n
    exact: dict[int, int] = {}
    for i in involved[np.argsort(position[involved], kind="stable")].tolist():  # originals come first
        key = int(sketches.keys[i])
        if key in exact:
            result[i] = exact[key]
            continue
        a, b = candidates.get(i, (0, 0))
        original = next((c for c in first[a:b].tolist() if result[c] is None), None)
        if original is not None:
            result[i] = exact[key] = original
            continue
        exact[key] = i
    return result


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def find_duplicates(
    texts: Sequence[str],
    order: Sequence[object] | None = None,
    *,
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
) -> list[int | None]:
    """For each text, the index of the text it repeats, or ``None``.

    Parameters
    ----------
    texts : sequence of str
        Report texts, in input order.
    order : sequence of dates, optional
        The reports' dates (anything :func:`pandas.to_datetime` reads; missing ones last): among
        copies the earliest is the original, ties broken by input order (:func:`date_rank`).
    threshold : float, default 0.7
        Word 3-gram Jaccard similarity from which two texts are copies. Must be in (0, 1].

    Examples
    --------
    >>> find_duplicates(["Belarus und Omsk vereinbaren die Lieferung von Traktoren.",
    ...                  "Ganz anderer Text über Bildung in Tomsk und Minsk.",
    ...                  "belarus und omsk  vereinbaren die Lieferung von Traktoren."])
    [None, None, 0]
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    dates = pd.to_datetime(pd.Series(order if order is not None else [None] * len(texts), dtype=object))
    rank = date_rank(dates.to_numpy(dtype="datetime64[ns]"))
    return resolve_duplicates(
        sketch(texts, threshold=threshold),
        rank,
        lambda idx: concat_shingles([shingle_hashes(texts[i]) for i in idx]),
        threshold=threshold,
    )


def concat_shingles(arrays: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hash arrays as one array and the offsets where each starts (and the end)."""
    offsets = np.zeros(len(arrays) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(a) for a in arrays])
    values = np.concatenate(arrays) if len(arrays) else np.empty(0, dtype=np.uint32)
    return values.astype(np.uint32, copy=False), offsets


def date_rank(dates: np.ndarray) -> np.ndarray:
    """Indices sorted so that originals come first: by date (missing last), then input order.

    >>> date_rank(np.array(["2021-05-02", "NaT", "2021-05-01", "2021-05-02"], dtype="datetime64[ns]")).tolist()
    [2, 0, 3, 1]
    """
    return np.lexsort((np.arange(len(dates)), dates.astype("int64"), np.isnat(dates)))
