"""Load wire reports into the ``articles``, ``sentences`` and ``rejects`` tables.

:func:`load_articles` is the first stage of the pipeline. Every input — a file, an archive
member, a JSONL line, a CSV row — ends as exactly one article row or one reject row, and the
account is checked in code (``inputs == loaded + rejected``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from lingua import Language

from analysis import schema
from analysis.config import Settings
from analysis.load.clean import clean_text
from analysis.load.dates import PLAUSIBLE_YEARS, resolve_date
from analysis.load.decode import DecodeError, decode_bytes
from analysis.load.dedup import Sketches, sketch
from analysis.load.head import split_head
from analysis.load.language import check_languages, sentence_languages
from analysis.load.records import BadRecord, Record, expected_units, input_format, parse_records
from analysis.load.segment import dedupe_paragraphs, iter_sentence_spans, split_paragraphs
from analysis.load.sources import RawInput, Reject

_LANGUAGE_SAMPLE_CHARS = 2000
#: A report longer than this (in characters, repeated paragraphs removed) is rejected ``too_large``:
#: its sentences and mentions are held together, and a 30-million-character text bomb would need
#: gigabytes. Wire reports have a few thousand.
MAX_REPORT_CHARS = 4 * 2**20


class LoadError(RuntimeError):
    """Raised in strict mode for the first input that cannot be loaded."""

    def __init__(self, reject: Reject):
        where = reject.source_path + (f" [{reject.member}]" if reject.member else "")
        where += f" (record {reject.record})" if reject.record is not None else ""
        super().__init__(f"{where}: {reject.reason} — {reject.detail}")
        self.reject = reject

    def __reduce__(self):  # rebuilt from the reject when it crosses a process boundary
        return (LoadError, (self.reject,))


@dataclass
class LoadResult:
    """The loaded tables and the account of inputs."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    rejects: pd.DataFrame
    n_inputs: int = field(default=0)

    def summary(self) -> str:
        """One line: ``"412 inputs: 405 loaded, 7 rejected (3 empty, 2 binary, 2 undecodable)"``."""
        counts = Counter(self.rejects["reason"])
        reasons = ", ".join(f"{n} {r}" for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        line = f"{self.n_inputs} inputs: {len(self.articles)} loaded, {len(self.rejects)} rejected"
        line += f" ({reasons})" if reasons else ""
        n_dup = int(self.articles["duplicate_of"].notna().sum())
        n_par = int(self.articles["n_duplicate_paragraphs"].sum())
        return line + f"; {n_dup} duplicate reports flagged, {n_par} repeated paragraphs removed"


@dataclass
class LoadedTables:
    """What the load stage makes of one partition's inputs.

    ``articles`` and ``sentences`` are keyed by ``article_id`` = the report's row in the
    partition (an int: corpus-wide ids are made by :mod:`analysis.corpus`, then
    :func:`finish_part` puts them in); ``base`` is the first 16 hex digits of each report's
    sha256 (the base of its id), ``dates`` its date, ``sketches`` its near-duplicate sketch.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    rejects: pd.DataFrame
    n_inputs: int
    base: np.ndarray
    dates: np.ndarray
    sketches: Sketches
    n_repeated_paragraphs: int


def load_part(inputs: Iterable[RawInput | Reject], *, settings: Settings | None = None) -> LoadedTables:
    """The load stage on one partition: INPUTS (from :func:`analysis.load.sources.read_inputs`)
    decoded, parsed, dated, split into sentences, their languages told, sketched for duplicates,
    as ``settings`` (:class:`analysis.config.Settings`: ``year``, ``use_file_dates``, ``strict``,
    ``languages``) say.

    >>> from analysis.load.sources import RawInput
    >>> raw = RawInput("a.txt", None, "MINSK, 3. Mai 2021 (BelTA) - Belarus liefert Traktoren nach Omsk.".encode())
    >>> part = load_part([raw])
    >>> part.articles[["article_id", "dateline_city", "language"]].values.tolist()
    [[0, 'Minsk', 'de']]
    >>> part.n_inputs, len(part.rejects), part.sentences["article_id"].tolist()
    (1, 0, [0])
    """
    options = settings or Settings()
    rows, rejects, n_inputs = load_rows(
        inputs,
        year=options.year,
        use_file_dates=options.use_file_dates,
        strict=options.strict,
        years=options.year_range,
    )
    rejects += detect_article_languages(rows, options.languages)
    keys = np.arange(len(rows), dtype=np.int64)
    articles = article_frame(rows, [""] * len(rows), [None] * len(rows)).assign(article_id=keys)
    columns = _sentence_columns(keys.tolist(), rows, options.languages)
    sentences = schema.conform(pd.DataFrame(columns), "sentences")
    sentences = sentences.assign(article_id=np.asarray(columns["article_id"], dtype=np.int64))
    return LoadedTables(
        articles=articles,
        sentences=sentences,
        rejects=rejects_frame(rejects),
        n_inputs=n_inputs,
        base=np.array([int(r["sha256"][:16], 16) for r in rows], dtype=np.uint64),
        dates=articles["date"].to_numpy(),
        sketches=sketch([r["text"] for r in rows]),
        n_repeated_paragraphs=sum(r["n_duplicate_paragraphs"] for r in rows),
    )


def finish_part(
    articles: pd.DataFrame, sentences: pd.DataFrame, *, ids: Sequence[str], duplicate_of: Sequence[str | None]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``articles`` and ``sentences`` of :func:`load_part` with their corpus-wide ids and what
    each report repeats (from :mod:`analysis.corpus`), typed as :mod:`analysis.schema` says."""
    ids_array = np.asarray(ids, dtype=object)
    articles = schema.conform(articles.assign(article_id=ids_array, duplicate_of=list(duplicate_of)), "articles")
    rows = sentences["article_id"].to_numpy(dtype=np.int64)
    sentences = schema.conform(sentences.assign(article_id=ids_array[rows] if len(rows) else []), "sentences")
    return articles, sentences


def load_rows(
    inputs: Iterable[RawInput | Reject],
    *,
    year: int | None = None,
    use_file_dates: bool = False,
    strict: bool = False,
    years: range = PLAUSIBLE_YEARS,
) -> tuple[list[dict], list[Reject], int]:
    """Decode and parse INPUTS (from :func:`analysis.load.sources.read_inputs`) into article rows.

    Returns ``(rows, rejects, n_inputs)``: one row dict (the ``articles`` columns known before
    ids, languages and duplicates, plus the report's ``_paragraphs``) per loaded record, one
    :class:`Reject` per input or record that could not be loaded, and the number of inputs, so
    that ``len(rows) + len(rejects) == n_inputs``. A chunk of inputs can be loaded on its own:
    this is the per-partition step of :mod:`analysis.engine.core`.
    """
    rows: list[dict] = []
    rejects: list[Reject] = []

    def reject(r: Reject) -> None:
        if strict:
            raise LoadError(r)
        rejects.append(r)

    n_inputs = 0
    for raw in inputs:
        if isinstance(raw, Reject):
            n_inputs += 1
            reject(raw)
            continue
        try:
            units, items = _records_of(raw)
            produced = 0
            for item in items:
                produced += 1
                row = (
                    item
                    if isinstance(item, Reject)
                    else _article_row(raw, item, year=year, use_file_dates=use_file_dates, years=years)
                )
                if isinstance(row, Reject):
                    reject(row)
                else:
                    rows.append(row)
        except LoadError:
            raise
        except Exception as exc:  # a bug must not stop the batch: the input is rejected with the error
            units, produced = 1, 1
            reject(Reject(raw.source_path, raw.member, "loader_error", f"{type(exc).__name__}: {str(exc)[:200]}"))
        if produced == 0:  # a CSV with a header only, an empty JSON list
            units = produced = 1
            reject(Reject(raw.source_path, raw.member, "empty", "no records"))
        if units is not None and produced != units:
            raise AssertionError(
                f"{raw.source_path} [{raw.member}]: {units} records in the input, {produced} accounted for"
            )
        n_inputs += produced

    return rows, rejects, n_inputs


def rejects_frame(rejects: list[Reject]) -> pd.DataFrame:
    """The typed ``rejects`` table."""
    return schema.conform(pd.DataFrame([r.__dict__ for r in rejects]), "rejects")


def _records_of(raw: RawInput) -> tuple[int | None, Iterable[_Decoded | Reject]]:
    """Decode one input and split it into records.

    Returns how many records the input holds, counted independently of parsing where the format
    allows (``None`` for CSV and JSON), and the records and rejects themselves.
    """
    name = raw.member or raw.source_path
    if not raw.data.strip():
        return 1, [Reject(raw.source_path, raw.member, "empty", "no bytes" if not raw.data else "only whitespace")]
    try:
        decoded = decode_bytes(raw.data)
    except DecodeError as exc:
        return 1, [Reject(raw.source_path, raw.member, exc.reason, exc.detail)]
    fmt = input_format(name)
    units = expected_units(decoded.text, fmt)
    if units == 0:
        return 1, [Reject(raw.source_path, raw.member, "empty", "no records")]

    def items() -> Iterator[_Decoded | Reject]:
        for rec in parse_records(decoded.text, fmt, first_line=raw.first_line):
            if isinstance(rec, BadRecord):
                yield Reject(raw.source_path, raw.member, rec.reason, rec.detail, rec.record)
            else:
                yield _Decoded(rec, decoded.encoding, decoded.nul_bytes_removed, raw.data)

    return units, items()


@dataclass(frozen=True)
class _Decoded:
    record: Record
    encoding: str
    nul_bytes_removed: int
    data: bytes


def _article_row(
    raw: RawInput, item: _Decoded, *, year: int | None, use_file_dates: bool, years: range
) -> dict | Reject:
    rec = item.record
    text = clean_text(rec.text)
    if not text:
        return Reject(raw.source_path, raw.member, "no_text", "text is empty after cleaning", rec.record)
    title = clean_text(rec.title) if rec.title else None
    paragraphs = split_paragraphs(text)
    longest = max(map(len, paragraphs), default=0)  # a report keeps its longest paragraph: checked first
    if longest > MAX_REPORT_CHARS:
        return _too_long(raw, rec, f"a paragraph of {longest:,} characters")
    head = split_head(paragraphs)
    dateline = head.dateline
    paragraphs, n_repeats = dedupe_paragraphs(head.body)
    body = "\n\n".join(paragraphs)
    if not body:
        return Reject(
            raw.source_path, raw.member, "no_text", "a dateline or date line with no report after it", rec.record
        )
    if len(body) > MAX_REPORT_CHARS:  # one report is one task's unit: its tables must fit in memory
        return _too_long(raw, rec, f"a report of {len(body):,} characters (repeated paragraphs removed)")
    file_year = None
    if use_file_dates and raw.mtime is not None:
        file_year = dt.datetime.fromtimestamp(raw.mtime, tz=dt.UTC).year
    date = resolve_date(
        day=dateline.day if dateline else None,
        month=dateline.month if dateline else None,
        year=dateline.year if dateline else None,
        text=body,
        record_date=_parse_record_date(rec.date),
        record_field=rec.date_field or "date",
        url=rec.url,
        page_date=head.page_date.date if head.page_date else None,
        page_evidence=head.page_date.raw if head.page_date else None,
        default_year=year,
        file_year=file_year,
        years=years,
    )
    title = title or head.title
    payload = item.data if rec.record is None else rec.text.encode("utf-8")
    digest = hashlib.sha256(payload).hexdigest()
    return {
        "sha256": digest,
        "source_path": raw.source_path,
        "member": raw.member,
        "record": rec.record,
        "source_id": rec.id,
        "url": rec.url,
        "size_bytes": len(payload),
        "encoding": item.encoding,
        "nul_bytes_removed": item.nul_bytes_removed + rec.text.count("\x00"),
        "language": record_language(rec.language),
        "_language_field": rec.language,
        "dateline_city": dateline.city if dateline else None,
        "agency": dateline.agency if dateline else None,
        "date": date.date,
        "date_inferred": date.inferred,
        "date_evidence": date.evidence,
        "date_source": date.source,
        "date_reason": date.reason,
        "title": title,
        "text": body,
        "n_paragraphs": len(paragraphs),
        "n_duplicate_paragraphs": n_repeats,
        "_paragraphs": paragraphs,
    }


def _too_long(raw: RawInput, rec: Record, what: str) -> Reject:
    return Reject(
        raw.source_path, raw.member, "too_large", f"{what}; a report may have {MAX_REPORT_CHARS:,}", rec.record
    )


_DAY_FIRST = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def _parse_record_date(value: str | None) -> dt.date | None:
    """A record's date field: ISO 8601 (``2024-08-30``, with or without a time), day-first
    ``30.08.2024`` or RFC 2822 (``Tue, 09 Jul 2024 10:00:00 GMT``). Anything else (``now``,
    ``2024``, ``08/30/2024``) is not taken as a date."""
    if not value:
        return None
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value).date() if len(value) > 10 else dt.date.fromisoformat(value)
    except ValueError:
        pass
    if m := _DAY_FIRST.fullmatch(value):
        try:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            return None
    try:  # RSS's pubDate: "Tue, 09 Jul 2024 10:00:00 GMT"
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def detect_article_languages(rows: list[dict], languages: tuple[str, ...]) -> list[Reject]:
    """Fill in ``language`` (in place) for rows whose record did not give one of ``languages``;
    remove (in place) the rows in another language and return them as ``unsupported_language``
    rejects, so that they are accounted for and never analysed as a supported language."""
    rejects: list[Reject] = []
    missing = [i for i, r in enumerate(rows) if r["language"] is None]
    checks = check_languages(
        [(rows[i]["title"] or "") + "\n" + rows[i]["text"][:_LANGUAGE_SAMPLE_CHARS] for i in missing],
        languages=languages,
    )
    other: dict[int, str] = {}
    for i, check in zip(missing, checks, strict=True):
        rows[i]["language"] = check.language
        if check.other is not None:
            other[i] = f"detected {check.other} (confidence {check.confidence:.2f}); analysed: {', '.join(languages)}"
    for i, r in enumerate(rows):
        if r["language"] is not None and r["language"] not in languages:
            said = f"{r['_language_field']!r} ({r['language']})"
            other[i] = f"the record's language field says {said}; analysed: {', '.join(languages)}"
    for i in sorted(other, reverse=True):
        r = rows.pop(i)
        rejects.append(Reject(r["source_path"], r["member"], "unsupported_language", other[i], r["record"]))
    return rejects[::-1]


def record_language(value: str | None) -> str | None:
    """A record's ``language`` field as an ISO 639-1 code: a code (``de``, ``DE``) or an English
    language name (``German``); ``None`` when empty or not a language, never a truncation.

    >>> record_language("de"), record_language("Russian"), record_language("Bengali"), record_language("xx")
    ('de', 'ru', 'bn', None)
    """
    key = (value or "").strip().casefold().replace("-", "_")
    if not key:
        return None
    return _LANGUAGE_CODES.get(key) or _LANGUAGE_CODES.get(key.split("_")[0] if len(key) == 5 else "")


_LANGUAGE_CODES = {
    **{lang.iso_code_639_1.name.lower(): lang.iso_code_639_1.name.lower() for lang in Language.all()},
    **{lang.name.casefold(): lang.iso_code_639_1.name.lower() for lang in Language.all()},
}


def article_frame(rows: list[dict], ids: list[str], duplicate_of: list[str | None]) -> pd.DataFrame:
    """The typed ``articles`` table of loaded rows, their ids and what each repeats."""
    if not rows:
        return schema.empty("articles")
    frame = pd.DataFrame([{k: v for k, v in r.items() if not k.startswith("_")} for r in rows])
    return schema.conform(frame.assign(article_id=ids, duplicate_of=duplicate_of), "articles")


def sentence_frame(article_ids: Iterable[object], rows: list[dict], languages: tuple[str, ...]) -> pd.DataFrame:
    """The typed ``sentences`` table: every article's paragraphs split into sentences, with offsets
    into ``articles.text`` and each sentence's language (:func:`~analysis.load.language.sentence_languages`)."""
    return schema.conform(pd.DataFrame(_sentence_columns(article_ids, rows, languages)), "sentences")


def _sentence_columns(article_ids: Iterable[object], rows: list[dict], languages: tuple[str, ...]) -> dict[str, list]:
    out: dict[str, list] = {c: [] for c in schema.TABLES["sentences"]}
    article_language = []
    for article_id, row in zip(article_ids, rows, strict=True):
        offset, number = 0, 0
        for p_no, para in enumerate(row["_paragraphs"], start=1):
            for start, end in iter_sentence_spans(para):
                number += 1
                out["article_id"].append(article_id)
                out["paragraph_no"].append(p_no)
                out["sentence_no"].append(number)
                out["start"].append(offset + start)
                out["end"].append(offset + end)
                out["text"].append(para[start:end])
                article_language.append(row["language"])
            offset += len(para) + 2  # the "\n\n" joining paragraphs
    out["language"] = sentence_languages(out["text"], article_language, languages=languages)
    return out
