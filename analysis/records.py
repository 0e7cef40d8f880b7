"""Turn the decoded text of one input into report records.

A ``.txt`` file (or any file that is not JSONL, JSON or CSV) is one report. ``.jsonl`` and
``.ndjson`` hold one JSON object per line, ``.csv`` one report per row, ``.json`` an object or a
list of objects; each record has ``text`` and optionally ``id``, ``title``, ``date``, ``url``,
``language`` and ``source``. A line or row that is not such a record becomes a
``malformed_record`` reject; blank lines are not records.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

FIELDS = ("id", "title", "date", "url", "language", "source")
_EXTRA = "\0extra"  # DictReader key for fields beyond the header


@dataclass(frozen=True)
class Record:
    """One report's text and the metadata its container gave it."""

    text: str
    record: int | None = None  # 1-based line/row number inside a JSONL/CSV/JSON container
    id: str | None = None
    title: str | None = None
    date: str | None = None
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
    """The format an input's name says: ``jsonl``, ``json``, ``csv`` or ``text``."""
    low = name.casefold()
    for ext, fmt in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "json"), (".csv", "csv")):
        if low.endswith(ext):
            return fmt
    return "text"


def parse_records(text: str, fmt: str) -> Iterator[Record | BadRecord]:
    """Yield the records (or bad records) of a decoded input of format ``fmt``."""
    if fmt == "text":
        yield Record(text)
    elif fmt == "jsonl":
        for no, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield BadRecord(no, "malformed_record", f"invalid JSON: {exc.msg} at column {exc.colno}")
                    continue
                yield _from_mapping(obj, no)
    elif fmt == "json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield BadRecord(None, "malformed_record", f"invalid JSON: {exc.msg} at line {exc.lineno}")
            return
        items = obj if isinstance(obj, list) else [obj]
        for no, item in enumerate(items, start=1):
            yield _from_mapping(item, no)
    elif fmt == "csv":
        yield from _parse_csv(text)
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of text, jsonl, json, csv")


def _from_mapping(obj: object, no: int) -> Record | BadRecord:
    if not isinstance(obj, dict):
        return BadRecord(no, "malformed_record", f"a JSON {type(obj).__name__}, not an object")
    text = obj.get("text")
    if not isinstance(text, str):
        return BadRecord(no, "malformed_record", "no string field 'text'")
    meta = {k: (str(obj[k]) if obj.get(k) not in (None, "") else None) for k in FIELDS}
    return Record(text, no, **meta)


def _parse_csv(text: str) -> Iterator[Record | BadRecord]:
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey=_EXTRA)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        yield BadRecord(None, "malformed_record", f"unreadable CSV header: {exc}")
        return
    if not header or "text" not in header:
        yield BadRecord(None, "malformed_record", f"CSV without a 'text' column (columns: {header})")
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield BadRecord(reader.line_num, "malformed_record", f"CSV error: {exc}")
            return
        no = reader.line_num
        if _EXTRA in row:
            n_fields = len(header) + len(row[_EXTRA])
            yield BadRecord(no, "malformed_record", f"{n_fields} fields, header has {len(header)}")
        elif row.get("text") is None:
            yield BadRecord(no, "malformed_record", f"row has fewer fields than the header's {len(header)}")
        else:
            yield _from_mapping(row, no)
