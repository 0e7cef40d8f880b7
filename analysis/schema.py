"""The public tables: their columns, dtypes and the vocabulary of reject reasons.

The column names are the package's public interface; later stages (entities, areas, charts)
read them by name. ``empty(name)`` gives a typed empty frame and ``conform(df, name)`` casts a
frame to the declared dtypes and column order.
"""

from __future__ import annotations

import pandas as pd

STR = "str"  # pandas 3 default string dtype (pd.StringDtype(na_value=nan))

TABLES: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": STR,  # first 16 hex digits of sha256, stable across runs and machines
        "source_path": STR,  # the file, as found from SOURCE
        "member": STR,  # member name inside a .zip, else missing
        "record": "Int64",  # 1-based line (JSONL) or row (CSV) number, else missing
        "source_id": STR,  # the record's own ``id`` field (JSONL/CSV), else missing
        "url": STR,
        "sha256": STR,  # of the input's bytes (a file or member) or of a record's text
        "size_bytes": "int64",
        "encoding": STR,  # e.g. utf-8, utf-8-sig, cp1251, cp1252, utf-16
        "nul_bytes_removed": "int64",
        "language": STR,  # ISO 639-1: de, en, ru, be; missing when undetermined
        "dateline_city": STR,  # canonical English name (Minsk, Moscow, Brest, ...)
        "agency": STR,  # canonical (BelTA for БЕЛТА)
        "date": "datetime64[ns]",
        "date_inferred": "boolean",  # True when the year did not come from the dateline or record
        "date_evidence": STR,  # what the date rests on: "dateline", "record field 'published'", a phrase, ...
        "date_source": STR,  # where the date came from: one of analysis.load.dates.DATE_SOURCES
        "date_reason": STR,  # why ``date`` is missing (no dateline, impossible date, no year), else missing
        "title": STR,
        "text": STR,  # body after the dateline, repeated paragraphs removed, paragraphs joined by \n\n
        "n_paragraphs": "int64",
        "n_duplicate_paragraphs": "int64",
        "duplicate_of": STR,  # article_id of the first copy when this report repeats another
    },
    "sentences": {
        "article_id": STR,
        "paragraph_no": "int64",  # 1-based
        "sentence_no": "int64",  # 1-based, counted over the whole article
        "start": "int64",  # character offsets into articles.text: text[start:end]
        "end": "int64",
        "text": STR,
        "language": STR,
    },
    "mentions": {  # stage 2, analysis.entities.matcher: every entity named in every sentence
        "article_id": STR,
        "sentence_no": "int64",
        "entity_id": STR,  # ISO 3166-2 code for regions, alpha-2 for countries, a slug for organisations, person:<key>
        "entity_type": STR,  # region, enterprise, organisation, person, country
        "canonical_name": STR,  # Tomsk Oblast, MAZ, Minsk Motor Plant, Sergei Maslyak
        "iso_code": STR,  # regions and countries
        "country": STR,  # ISO 3166-1 alpha-2 of the entity (BY for Belarusian enterprises)
        "surface": STR,  # the words as written ("des Gebietes Tomsk", "Томской области")
        "start": "int64",  # character offsets into articles.text
        "end": "int64",
        "role": STR,  # regions: partner / venue / mentioned; persons: the office as written
        "office": STR,  # persons: the office in canonical English ("Governor of Tomsk Oblast", "Minister of Industry")
        "city": STR,  # for a region named by one of its cities, that city
        "fuzzy": "bool",  # matched after correcting one typo
        "source": STR,  # gazetteer (a listed name) or pattern (found by its form: ОАО «…», "… Holding", persons)
        "org_type": STR,  # enterprises and organisations: enterprise, bank, university, body
    },
    "article_entities": {  # stage 2: one row per article and entity
        "article_id": STR,
        "entity_type": STR,
        "entity_id": STR,
        "canonical_name": STR,
        "iso_code": STR,
        "country": STR,
        "role": STR,  # regions: partner, else venue, else mentioned; others: mentioned
        "title": STR,  # persons: the office, as first written with the name
        "office": STR,  # persons: that office in canonical English
        "n_mentions": "int64",
        "source": STR,  # gazetteer, or pattern when every mention was found by its form
        "org_type": STR,  # enterprises and organisations: enterprise, bank, university, body
    },
    "sentence_areas": {  # stage 3, analysis.areas: the areas each sentence speaks of
        "article_id": STR,
        "sentence_no": "int64",
        "area": STR,  # a taxonomy ID
        "score": "float64",  # the model's score in [0, 1], at least its threshold
    },
    "article_areas": {  # stage 3: the areas of each article, with the sentence that shows each
        "article_id": STR,
        "area": STR,
        "share": "float64",  # the area's part of the article's area scores (sums to 1 per article)
        "score": "float64",  # the best sentence's score
        "evidence_sentence_no": "int64",
        "evidence_text": STR,
        "cue_terms": STR,  # the evidence sentence's words that speak of the area (seed terms, entity cues), ;-separated
    },
    "topics": {  # stage 3, analysis.areas.discover: what the seeded areas leave unexplained
        "topic": STR,  # topic_1, topic_2, ...
        "language": STR,
        "terms": STR,  # top words, comma-separated
        "npmi": "float64",  # coherence on the corpus, in [-1, 1]
        "n_sentences": "int64",  # unexplained sentences loading most on the topic
    },
    "topic_examples": {
        "topic": STR,
        "rank": "int64",
        "article_id": STR,
        "sentence_no": "int64",
        "text": STR,
        "weight": "float64",
    },
    "sentence_topics": {  # stage 3, analysis.areas.discover: each unexplained sentence's topic
        "article_id": STR,
        "sentence_no": "int64",
        "topic": STR,  # topic_1, topic_2, ... as in ``topics``
        "weight": "float64",  # the sentence's loading on the topic
    },
    "rejects": {
        "source_path": STR,
        "member": STR,
        "record": "Int64",
        "reason": STR,  # one of REJECT_REASONS
        "detail": STR,
    },
}

#: Why an input was rejected. Every input is either an article or exactly one reject row.
REJECT_REASONS: dict[str, str] = {
    "not_found": "the path or glob matched no file",
    "unreadable": (
        "the file or archive member could not be opened or read "
        "(permissions, an encrypted member, an unsupported compression method)"
    ),
    "too_large": "larger than the size limit; rejected before reading it whole",
    "empty": "zero bytes, or only whitespace",
    "binary": "bytes that are not text (control characters, an image, random bytes)",
    "undecodable": "not valid in UTF-8, UTF-16 or the single-byte encodings tried (cp1251, cp1252)",
    "unsupported_format": "a format the loader does not read (e.g. an archive inside an archive)",
    "malformed_record": "a JSONL line or CSV row that is not a valid record (bad JSON, not an object, no text field)",
    "no_text": "a record or report whose text is empty after cleaning",
    "unsupported_language": "written in a language the package does not analyse (the detail names it, ISO 639-1)",
    "loader_error": "the loader failed on this input: a bug to report; the detail holds the error",
    "corrupt_archive": (
        "an archive or compressed file whose bytes are damaged (truncated, a bad checksum, corrupt "
        "compressed data, a zip directory not its own); for a zip member, that member alone"
    ),
    "special_file": "a FIFO, socket or device: never opened",
    "symlink": "a symbolic link not followed (dangling, a loop, a folder, out of the source, in an archive)",
    "bad_file_name": "a name the system cannot open (an embedded NUL, characters it cannot encode)",
}


def empty(name: str) -> pd.DataFrame:
    """Return an empty frame with the columns and dtypes of table ``name``."""
    return conform(pd.DataFrame(), name)


def conform(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return ``df`` with exactly the declared columns of table ``name``, in order and typed.

    Missing columns are added as all-missing; extra columns are dropped. The input is not mutated.
    """
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; expected one of {sorted(TABLES)}")
    spec = TABLES[name]
    df = df.reset_index(drop=True)
    out = {}
    for col, dtype in spec.items():
        values = df[col] if col in df.columns else pd.Series([None] * len(df), index=df.index)
        out[col] = values.astype(dtype) if dtype != "datetime64[ns]" else pd.to_datetime(values).astype(dtype)
    return pd.DataFrame(out, index=pd.RangeIndex(len(df)))
