"""Turn the decoded text of one input into report records.

A ``.txt`` file (or any file that is not JSONL, JSON, CSV or HTML) is one report, and so is a
saved web page (``.html``, ``.htm``; see :mod:`analysis.load.webpage`). ``.jsonl`` and
``.ndjson`` hold one JSON object per line, ``.csv`` one report per row, ``.json`` an object or a
list of objects; each record has ``text`` and optionally ``id``, ``title``, a date (``date``,
``published``, ``published_at``, ``datePublished`` or ``pubDate``), ``url``, ``language`` and
``source``. A line or row that is not such a record becomes a
``malformed_record`` reject; blank lines are not records.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

FIELDS = ("id", "title", "date", "url", "language", "source")
#: A record's date fields, in the order they are trusted; the first that is set is its ``date``.
DATE_FIELDS = ("date", "published", "published_at", "datePublished", "pubDate")
_EXTRA = "\0extra"  # DictReader key for fields beyond the header


@dataclass(frozen=True)
class Record:
    """One report's text and the metadata its container gave it."""

    text: str
    record: int | None = None  # 1-based line/row number inside a JSONL/CSV/JSON container
    id: str | None = None
    title: str | None = None
    date: str | None = None
    date_field: str | None = None  # which of DATE_FIELDS gave ``date``
    url: str | None = None
    language: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class BadRecord:
    """A line or row that is not a valid record."""

    record: int | None
    reason: str
    detail: str


def input_format(name: str) -> str:
    """The format an input's name says: ``jsonl``, ``json``, ``csv``, ``html`` or ``text``."""
    low = name.casefold()
    formats = (
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
        (".json", "json"),
        (".csv", "csv"),
        (".html", "html"),
        (".htm", "html"),
    )
    for ext, fmt in formats:
        if low.endswith(ext):
            return fmt
    return "text"


def expected_units(text: str, fmt: str) -> int | None:
    """How many records ``parse_records`` must account for, counted independently of parsing:
    one report for text, the non-blank lines of JSONL; ``None`` where only parsing can tell (CSV,
    JSON)."""
    if fmt in ("text", "html"):
        return 1
    if fmt == "jsonl":
        return sum(1 for line in text.split("\n") if line.strip())
    return None


def parse_records(text: str, fmt: str, *, first_line: int = 1) -> Iterator[Record | BadRecord]:
    """Yield the records (or bad records) of a decoded input of format ``fmt``; JSONL lines are
    numbered from ``first_line`` (a slice of a larger file starts further down)."""
    if fmt == "text":
        yield Record(text)
    elif fmt == "jsonl":
        for no, line in enumerate(text.split("\n"), start=first_line):
            if line.strip():
                obj = _loads(line)
                yield (
                    BadRecord(no, "malformed_record", obj.detail)
                    if isinstance(obj, BadRecord)
                    else _from_mapping(obj, no)
                )
    elif fmt == "json":
        obj = _loads(text)
        if isinstance(obj, BadRecord):
            yield obj
            return
        items = obj if isinstance(obj, list) else [obj]
        for no, item in enumerate(items, start=1):
            yield _from_mapping(item, no)
    elif fmt == "csv":
        yield from _parse_csv(text, first_line)
    elif fmt == "html":
        from analysis.load.webpage import page_record  # webpage builds on this module's Record

        yield page_record(text)
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of text, jsonl, json, csv, html")


def _loads(text: str) -> object:
    """``json.loads``, or a BadRecord for text that is not JSON or that JSON cannot hold
    (a 5,000-digit number, 100,000 nested brackets)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return BadRecord(None, "malformed_record", f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
    except (ValueError, RecursionError) as exc:
        return BadRecord(
            None, "malformed_record", f"JSON the parser cannot hold: {type(exc).__name__}: {str(exc)[:80]}"
        )


def _from_mapping(obj: object, no: int) -> Record | BadRecord:
    if not isinstance(obj, dict):
        return BadRecord(no, "malformed_record", f"a JSON {type(obj).__name__}, not an object")
    text = obj.get("text")
    if not isinstance(text, str):
        return BadRecord(no, "malformed_record", "no string field 'text'")
    meta = {k: (str(obj[k]) if obj.get(k) not in (None, "") else None) for k in FIELDS if k != "date"}
    field = next((k for k in DATE_FIELDS if obj.get(k) not in (None, "")), None)
    return Record(text, no, **meta, date=str(obj[field]) if field else None, date_field=field)


def csv_delimiter(text: str) -> str:
    """The delimiter of a CSV text: ``,``, ``;`` or tab, sniffed from its first 4,096 characters."""
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def csv_row_ends(text: str, delimiter: str) -> list[tuple[int, int]] | None:
    r"""Where each row of a CSV text ends, in UTF-8 bytes, as the csv reader of
    :func:`parse_records` reads it (a quoted field may span lines), with 1 for a row that is a
    record and 0 for a blank line; the header first. ``None`` when the reader stops on an error.

    >>> csv_row_ends('text,id\n"two\nlines",1\n\nthree,2\n', ",")
    [(8, 1), (22, 1), (23, 0), (31, 1)]
    """
    pos = 0

    def lines() -> Iterator[str]:
        nonlocal pos
        for line in io.StringIO(text, newline=""):
            pos += len(line.encode("utf-8"))
            yield line

    ends: list[tuple[int, int]] = []
    with _field_size_limit(len(text) + 1):
        try:
            for row in csv.reader(lines(), delimiter=delimiter, strict=True):
                ends.append((pos, 1 if row else 0))
        except csv.Error:
            return None
    return ends


def _parse_csv(text: str, first_record: int = 1) -> Iterator[Record | BadRecord]:
    """Rows of a CSV file with a ``text`` column; the delimiter (``,``, ``;`` or tab) is sniffed.

    ``record`` is the 1-based data row (counted from ``first_record``: a slice of a larger file).
    A row the CSV reader cannot read (an unclosed quote, a field over the size limit) and
    everything after it become one ``malformed_record``: the reader cannot resume, and nothing
    is dropped unseen.
    """
    delimiter = csv_delimiter(text)
    with _field_size_limit(len(text) + 1):
        reader = csv.DictReader(io.StringIO(text, newline=""), restkey=_EXTRA, delimiter=delimiter, strict=True)
        try:
            header = reader.fieldnames
        except csv.Error as exc:
            yield BadRecord(None, "malformed_record", f"unreadable CSV header: {exc}")
            return
        if not header or "text" not in header:
            yield BadRecord(None, "malformed_record", f"CSV without a 'text' column (columns: {header})")
            return
        no = first_record - 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield BadRecord(
                    no + 1, "malformed_record", f"CSV error from data row {no + 1} on, rest not read: {exc}"
                )
                return
            no += 1
            if _EXTRA in row:
                n_fields = len(header) + len(row[_EXTRA])
                yield BadRecord(no, "malformed_record", f"{n_fields} fields, header has {len(header)}")
            elif row.get("text") is None:
                yield BadRecord(no, "malformed_record", f"row has fewer fields than the header's {len(header)}")
            else:
                yield _from_mapping(row, no)


@contextmanager
def _field_size_limit(limit: int) -> Iterator[None]:
    """Let the csv module read fields as long as the input (its default stops at 128 KiB)."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, limit))
    try:
        yield
    finally:
        csv.field_size_limit(old)
