"""The report's date: the dateline's day and month, and a year from wherever it can be had.

Wire datelines usually print no year. :func:`infer_year` reads it from the text, in this order:

1. a year next to a relative phrase: "im vergangenen Jahr (2023)" → 2024, "в текущем 2024 году"
   → 2024, "next year, in 2025" → 2024;
2. the latest year the text mentions that is not a target ("bis 2030", "until 2030", "до 2030
   года" do not count): that year, or the next one when every mention of it names a month later
   than the dateline's (a report of 30 August that speaks of "Dezember 2023" in the past was
   written in 2024).

:func:`resolve_date` then builds the date and says what it rests on; an impossible day
(31 February) gives no date and a reason, never a shifted date.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from analysis.text.dateline import MONTHS

_YEAR = r"(?:19[5-9]\d|20\d\d)"

#: Seasons, by a representative month, for "im Herbst 2023", "in spring 2021", "осенью 2022 года".
SEASONS: dict[str, int] = {
    "frühjahr": 4, "frühling": 4, "sommer": 7, "herbst": 10,
    "spring": 4, "summer": 7, "autumn": 10, "fall": 10,
    "весной": 4, "весна": 4, "летом": 7, "лето": 7, "осенью": 10, "осень": 10,
    "вясной": 4, "летам": 7, "восенню": 10,
}  # fmt: skip
_WHEN = {**MONTHS, **SEASONS}
_WHEN_ALT = "|".join(sorted((re.escape(m) for m in _WHEN), key=len, reverse=True))

_THIS = (
    r"dieses jahres|diesen jahres|in diesem jahr|des laufenden jahres|im laufenden jahr|laufenden jahres"
    r"|this year|the current year"
    r"|этого года|в этом году|текущего года|в текущем году|нынешнего года|в нынешнем году"
    r"|гэтага года|у гэтым годзе|бягучага года|у бягучым годзе"
)
# "this summer" and the like: the current year is spoken of without its number
_THIS_SEASON = (
    r"in diesem (?:frühjahr|frühling|sommer|herbst|winter|monat)|diesen (?:sommer|herbst|winter|monat)"
    r"|this (?:spring|summer|autumn|fall|winter|month)"
    r"|этой (?:весной|осенью|зимой)|этим летом|в этом месяце"
)
_LAST = (
    r"vergangenen jahres|im vergangenen jahr|letzten jahres|im letzten jahr|im vorjahr|des vorjahres"
    r"|last year|the previous year|a year ago|the past year"
    r"|прошлого года|в прошлом году|минувшего года|в минувшем году|годом ранее"
    r"|мінулага года|у мінулым годзе"
)
_NEXT = (
    r"nächsten jahres|im nächsten jahr|im kommenden jahr|kommenden jahres"
    r"|next year|the coming year"
    r"|следующего года|в следующем году|в будущем году|будущего года"
    r"|наступнага года|у наступным годзе"
)
# "bis Ende 2024", "by the end of 2024", "до конца 2024 года", "seit Anfang 2024", "с начала 2024 года":
# the current year's end or start
_DEADLINE_BEFORE = re.compile(
    r"(?:\bbis\s+(?:zum\s+)?ende|\bby\s+the\s+end\s+of|\bbefore\s+the\s+end\s+of|\bдо\s+конца|\bк\s+концу|\bда\s+канца"
    r"|\bseit\s+(?:anfang|beginn|jahresbeginn|jahresanfang)|\bsince\s+the\s+(?:beginning|start)\s+of"
    r"|\bс\s+начала|\bз\s+пачатку)\s+$",
    re.IGNORECASE,
)
# "bis 2030", "until 2030", "до 2030 года", "for 2025": targets and programmes, not the report's year
_TARGET_BEFORE = re.compile(
    r"(?:\bbis(?:\s+(?:zum|anfang|mitte))?(?:\s+(?:des\s+)?jahres)?|\buntil|\bby|\bthrough"
    r"|\bдо|\bк|\bда|\bпланируется\s+на|\bfür\s+das\s+jahr|\bfor)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# "seit 2015", "since 2015", "с 2015 года": a start in the past, not the report's year
_SINCE_BEFORE = re.compile(r"(?:\bseit|\bsince|\bс|\bсо|\bз|\bstarting\s+in|\bab)\s+(?:\w+\s+)?$", re.IGNORECASE)
_RANGE = re.compile(rf"{_YEAR}\s*[-–—/]\s*$")
_YEARS = re.compile(rf"(?<![\d.,])({_YEAR})(?!\d|[.,]\d)")
_WHEN_BEFORE = re.compile(rf"\b({_WHEN_ALT})\.?,?\s+$", re.IGNORECASE)
_RELATIVE = {
    0: re.compile(rf"(?:{_THIS})", re.IGNORECASE),
    -1: re.compile(rf"(?:{_LAST})", re.IGNORECASE),
    1: re.compile(rf"(?:{_NEXT})", re.IGNORECASE),
}
_THIS_ANY = re.compile(rf"(?:{_THIS}|{_THIS_SEASON})", re.IGNORECASE)
# A relative phrase and a year belong together only when nothing but brackets, commas or dashes
# stand between them: "last year (2023)", "2023, last year", "im vergangenen Jahr 2023".
_GLUE = re.compile(r"[\s(),:–—-]{0,4}(?:(?:in|im|в|у)\s+)?")
# Russian and Belarusian put the year inside the phrase: "в прошлом 2023 году", "в прошлом, 2019 году".
_INSIDE = re.compile(
    rf"(?P<word>прошл\w+|минувш\w+|текущ\w+|нынешн\w+|эт\w+|следующ\w+|будущ\w+|мінул\w+|бягуч\w+|гэт\w+|наступн\w+)"
    rf"[\s,]+(?P<year>{_YEAR})\s+(?:год|гад)",
    re.IGNORECASE,
)
_INSIDE_SHIFT = {"прошл": 1, "минувш": 1, "мінул": 1, "следующ": -1, "будущ": -1, "наступн": -1}


@dataclass(frozen=True)
class _Mention:
    year: int
    month: int | None  # the month (or season) named with the year, if any
    target: bool  # a target, programme or start year ("bis 2030", "seit 2015"): not the report's year
    start: int
    end: int


@dataclass(frozen=True)
class YearGuess:
    """An inferred year and the words it rests on."""

    year: int
    evidence: str


@dataclass(frozen=True)
class DateResult:
    """A resolved date (or ``None``) with whether the year was inferred and why."""

    date: dt.date | None
    inferred: bool | None
    evidence: str | None
    reason: str | None = None


def _mentions(text: str) -> list[_Mention]:
    """Every year the text mentions, with its month or season and whether it is a target."""
    out = []
    for m in _YEARS.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        when = _WHEN_BEFORE.search(before)
        month = _WHEN[when.group(1).casefold()] if when else None
        head = before[: when.start()] if when else before
        if _DEADLINE_BEFORE.search(head):
            target = False
        else:
            target = bool(_TARGET_BEFORE.search(head) or _SINCE_BEFORE.search(head) or _RANGE.search(before))
            target |= bool(re.match(r"\s*[-–—]\s*\d", text[m.end() : m.end() + 3]))  # "2021-2025"
        start = m.start() - (len(before) - len(head)) if when else m.start()
        out.append(_Mention(int(m.group(1)), month, target, start, m.end()))
    return out


def infer_year(text: str, *, month: int | None = None) -> YearGuess | None:
    """Infer the year a report was written from its text.

    Parameters
    ----------
    text : str
        The report's text.
    month : int, optional
        The dateline's month; lets "im Dezember 2023" in a report of August mean 2024.

    Examples
    --------
    >>> infer_year("Im Jahr 2021 wuchs der Handel.").year
    2021
    >>> g = infer_year("Besuche im Dezember 2023 und im Juni dieses Jahres.", month=8)
    >>> (g.year, g.evidence)
    (2024, 'Dezember 2023')
    >>> infer_year("Der Umsatz soll bis 2030 steigen.") is None
    True
    """
    if m := _INSIDE.search(text):
        shift = next((v for k, v in _INSIDE_SHIFT.items() if m["word"].casefold().startswith(k)), 0)
        return YearGuess(int(m["year"]) + shift, m.group(0))
    mentions = _mentions(text)
    starts = [m.start for m in mentions]
    for shift_sign, pattern in _RELATIVE.items():
        for rel in pattern.finditer(text):
            # only years within a few characters of the phrase can belong to it
            lo, hi = bisect_left(starts, rel.start() - 12), bisect_right(starts, rel.end() + 12)
            for men in mentions[lo:hi]:
                if men.target or not (men.end <= rel.start() or rel.end() <= men.start):
                    continue
                between = text[men.end : rel.start()] if men.end <= rel.start() else text[rel.end() : men.start]
                if _GLUE.fullmatch(between):
                    return YearGuess(men.year - shift_sign, text[min(men.start, rel.start()) : max(men.end, rel.end())])
    current = [m for m in mentions if not m.target]
    if not current:
        return None
    latest = max(m.year for m in current)
    of_latest = [m for m in current if m.year == latest]
    first = of_latest[0]
    evidence = text[first.start : first.end]
    dated = all(m.month is not None for m in of_latest)
    # "im Dezember 2023" in a report of August, or "im März 2024 und im Februar dieses Jahres":
    # a dated event of that year that is past, or a current year the text names only relatively.
    later = month is not None and dated and all(m.month > month for m in of_latest)
    if later or (dated and _THIS_ANY.search(text)):
        return YearGuess(latest + 1, evidence)
    return YearGuess(latest, evidence)


def resolve_date(
    *,
    day: int | None,
    month: int | None,
    year: int | None,
    text: str,
    record_date: dt.date | None = None,
    default_year: int | None = None,
    file_year: int | None = None,
) -> DateResult:
    """Decide a report's date from its dateline, record metadata, text and fallbacks.

    Order: a dateline with a year; the record's own ``date`` field; the dateline's day and month
    with a year inferred from the text, else ``default_year`` (the caller's), else ``file_year``
    (file metadata). An impossible date gives ``date=None`` with a ``reason``.
    """
    if day is None or month is None:
        if record_date is not None:
            return DateResult(record_date, False, "record")
        return DateResult(None, None, None, "no dateline and no date field")
    if year is not None:
        inferred, evidence = False, "dateline"
    elif record_date is not None and (record_date.month, record_date.day) == (month, day):
        return DateResult(record_date, False, "record")
    elif (guess := infer_year(text, month=month)) is not None:
        year, inferred, evidence = guess.year, True, guess.evidence
    elif default_year is not None:
        year, inferred, evidence = default_year, True, "year passed by the caller"
    elif file_year is not None:
        year, inferred, evidence = file_year, True, "file modification time"
    else:
        return DateResult(None, None, None, "no year in the dateline, the text or the caller's arguments")
    try:
        return DateResult(dt.date(year, month, day), inferred, evidence)
    except ValueError:
        return DateResult(None, inferred, evidence, f"impossible date: day {day} of month {month} in {year}")
