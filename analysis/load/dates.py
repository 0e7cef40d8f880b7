"""The report's date: where it comes from, and a year inferred only from evidence that fixes it.

:func:`resolve_date` takes the date from the first source that has one, in this order, and names
it in ``date_source``:

``record``
    the record's own date field (``date``, ``published``, ``published_at``; an HTML page's
    publication time);
``url``
    the URL: a full date (``/2024/08/30/``, ``/20240830/``, ``/30/08/2024/``), or a year
    (BelTA's trailing ``-NNNNN-2024``, ``?year=2024``) with the day and month of the dateline or
    page date line;
``page_line``
    a date line of a saved page (``12.04.2018 11:20``, ``2 августа 2023 года``);
``dateline``
    a dateline that prints its year;
``inferred``
    the dateline's day and month with a year from the text (:func:`infer_year`);
``caller``, ``file``
    the year passed by the caller (``--year``), the file's modification year.

A date outside the plausible years (:data:`PLAUSIBLE_YEARS` unless the caller passes ``years``:
``coop analyze --date-years``), an impossible day (31 February) or sources that disagree
give no date and a ``reason``, never a shifted or guessed one.

:func:`infer_year` reads a year only from evidence that fixes it — a relative phrase with its year
("im vergangenen Jahr (2023)", "в текущем 2024 году"), a date of the report's own month in the
text, a named month later than the report's next to "this year" ("im Dezember 2023 und im Juni
dieses Jahres" in August → 2024), or a year-to-date statistic that ends just before the report's
month ("in January–July 2023" in August). It never reads targets, plans, ranges, deadlines or
future tense ("bis 2030", "Aktionsplan 2026–2028", "bis Ende 2024", "will be held in June 2025",
"планируется в 2026 году") as the report's year, and a year merely named ("2023 hätten die
Landwirte …") fixes nothing: the report may have been written the year after.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from analysis.config import DATE_YEARS
from analysis.load.dateline import MONTHS

#: Years a report's date may have by default; outside them a date is refused
#: (``date_out_of_range``). :class:`analysis.config.Settings` ``date_years`` sets others.
PLAUSIBLE_YEARS = range(DATE_YEARS[0], DATE_YEARS[1] + 1)

#: The values of ``articles.date_source``, in the order sources are tried.
DATE_SOURCES = ("record", "url", "page_line", "dateline", "inferred", "caller", "file")

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
    r"|im zu ende gehenden jahr|des zu ende gehenden jahres"
    r"|this year|the current year|the outgoing year"
    r"|этого года|в этом году|текущего года|в текущем году|нынешнего года|в нынешнем году"
    r"|в уходящем году|уходящего года"
    r"|гэтага года|у гэтым годзе|бягучага года|у бягучым годзе"
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
# "bis Ende 2024", "until", "до 2030 года", "for 2025", "seit 2015": targets, deadlines, programmes
# and starts — none is the report's year
_TARGET_BEFORE = re.compile(
    r"(?:\bbis(?:\s+(?:zum|anfang|mitte|ende))*(?:\s+(?:des\s+)?jahres)?|\buntil|\bby|\bthrough|\bbefore"
    r"|\bby\s+the\s+end\s+of|\bbefore\s+the\s+end\s+of|\buntil\s+the\s+end\s+of|\bend\s+of"
    r"|\bдо(?:\s+конца)?|\bк(?:\s+концу)?|\bда(?:\s+канца)?|\bпланируется\s+на|\bна|\bfür(?:\s+das\s+jahr)?|\bfor"
    r"|\bseit(?:\s+(?:anfang|beginn|jahresbeginn|jahresanfang|ende))?|\bsince(?:\s+the\s+(?:beginning|start|end)\s+of)?"
    r"|\bс(?:\s+начала)?|\bсо|\bз(?:\s+пачатку)?|\bstarting\s+in|\bab|\bfrom)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_RANGE = re.compile(rf"{_YEAR}\s*[-–—/]\s*$")
# a sentence that speaks of the future or of a plan: its years are not the report's
_FUTURE = re.compile(
    r"\b(?:will|shall|would|plan(?:s|ned)?|intend\w*|expect\w*|to be held|is to|are to|aim\w*|target\w*|forecast\w*"
    r"|strateg\w*|programme|program|roadmap|road map|schedule\w*|upcoming|next"
    r"|wird|werden|soll(?:en|te|ten)?|will|wollen|plan\w*|geplant\w*|vorgesehen\w*|programm\w*|strategie\w*"
    r"|aktionsplan\w*|fahrplan\w*|erwart\w*|künftig\w*|kommend\w*|bevorstehend\w*"
    r"|будет|будут|буду|станет|планир\w*|план\w*|намер\w*|предполага\w*|ожида\w*|программ\w*|стратеги\w*"
    r"|дорожн\w+\s+карт\w*|прогноз\w*|предстоящ\w*|собира\w*|буд\w+)\b",
    re.IGNORECASE,
)
_YEARS = re.compile(rf"(?<![\d.,])({_YEAR})(?!\d|[.,]\d)")
_WHEN_BEFORE = re.compile(rf"\b({_WHEN_ALT})\.?,?\s+$", re.IGNORECASE)
_DAY_WHEN_BEFORE = re.compile(
    rf"\b(\d{{1,2}})\.?\s+({_WHEN_ALT})\.?,?\s+$|\b({_WHEN_ALT})\.?\s+(\d{{1,2}}),?\s+$", re.IGNORECASE
)
_RELATIVE = {
    0: re.compile(rf"(?:{_THIS})", re.IGNORECASE),
    -1: re.compile(rf"(?:{_LAST})", re.IGNORECASE),
    1: re.compile(rf"(?:{_NEXT})", re.IGNORECASE),
}
_THIS_ANY = re.compile(
    rf"(?:{_THIS}|in diesem (?:frühjahr|frühling|sommer|herbst|winter)|diesen (?:sommer|herbst|winter)"
    r"|this (?:spring|summer|autumn|fall|winter)|этой (?:весной|осенью|зимой)|этим летом)",
    re.IGNORECASE,
)
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
# Year-to-date statistics: "im ersten Quartal 2019", "in January-August 2019", "за девять месяцев 2024 года"
_ORDINALS = {
    "ersten": 1, "first": 1, "первые": 1, "первый": 1,
    "zwei": 2, "two": 2, "два": 2, "drei": 3, "three": 3, "три": 3, "vier": 4, "four": 4, "четыре": 4,
    "fünf": 5, "five": 5, "пять": 5, "sechs": 6, "six": 6, "шесть": 6, "sieben": 7, "seven": 7, "семь": 7,
    "acht": 8, "eight": 8, "восемь": 8, "neun": 9, "nine": 9, "девять": 9, "zehn": 10, "ten": 10,
    "десять": 10, "elf": 11, "eleven": 11, "одиннадцать": 11,
}  # fmt: skip
_PERIOD_BEFORE = re.compile(
    rf"(?:(?P<q>ersten|zweiten|dritten|first|second|third|i|ii|iii|перв\w+|втор\w+|трет\w+)\s+(?:quartal|quarter|квартал\w*)"
    rf"|(?P<h>ersten\s+(?:jahres)?hälfte|first\s+half(?:\s+of)?|перв\w+\s+полугоди\w+)"
    rf"|(?:ersten\s+|first\s+)?(?P<n>\w+)\s+(?:monaten|months|месяц\w*)(?:\s+of)?"
    rf"|(?:{_WHEN_ALT})\s*[-–—]\s*(?P<m>{_WHEN_ALT}))\s+(?:des\s+jahres\s+|of\s+)?$",
    re.IGNORECASE,
)
_QUARTER_END = {"ersten": 3, "first": 3, "i": 3, "перв": 3, "zweiten": 6, "second": 6, "ii": 6, "втор": 6,
                "dritten": 9, "third": 9, "iii": 9, "трет": 9}  # fmt: skip


@dataclass(frozen=True)
class _Mention:
    year: int
    month: int | None  # the month (or season) named with the year, if any
    day: int | None  # the day named with month and year, if any
    target: bool  # a target, deadline, range or start ("bis 2030", "2026–2028", "seit 2015")
    future: bool  # named in a sentence about the future or a plan ("will be held in June 2025")
    period_end: int | None  # the last month of a year-to-date period ("January–July 2023" → 7)
    start: int
    end: int


@dataclass(frozen=True)
class YearGuess:
    """An inferred year and the words it rests on."""

    year: int
    evidence: str


@dataclass(frozen=True)
class DateResult:
    """A resolved date (or ``None``), where it came from, and why (or why not)."""

    date: dt.date | None
    inferred: bool | None
    evidence: str | None
    reason: str | None = None
    source: str | None = None  # one of DATE_SOURCES


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind("! ", 0, pos), text.rfind("? ", 0, pos))
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    return start + 1, min(ends) if ends else len(text)


def _mentions(text: str) -> list[_Mention]:
    """Every year the text mentions, with its month, day and whether it is a target."""
    out = []
    for m in _YEARS.finditer(text):
        before = text[max(0, m.start() - 48) : m.start()]
        day = None
        if dm := _DAY_WHEN_BEFORE.search(before):
            day = int(dm[1] or dm[4])
        when = _WHEN_BEFORE.search(before)
        month = _WHEN[when.group(1).casefold()] if when else None
        head = before[: when.start()] if when else before
        period_end = None
        if p := _PERIOD_BEFORE.search(before):
            period_end = _period_end(p)
        target = bool(_TARGET_BEFORE.search(head) or _RANGE.search(before))
        target |= bool(re.match(r"\s*[-–—/]\s*\d", text[m.end() : m.end() + 3]))  # "2021-2025", "2021/22"
        lo, hi = _sentence_bounds(text, m.start())
        future = bool(_FUTURE.search(text, lo, hi))
        start = m.start() - (len(before) - len(head)) if when else m.start()
        out.append(_Mention(int(m.group(1)), month, day, target, future, period_end, start, m.end()))
    return out


def _period_end(p: re.Match[str]) -> int | None:
    if p["q"]:
        word = p["q"].casefold()
        return next((v for k, v in _QUARTER_END.items() if word.startswith(k) and (len(k) > 1 or word == k)), None)
    if p["h"]:
        return 6
    if p["n"]:
        return _ORDINALS.get(p["n"].casefold())
    if p["m"]:
        return _WHEN.get(p["m"].casefold())
    return None


def infer_year(text: str, *, month: int | None = None, day: int | None = None) -> YearGuess | None:
    """Infer the year a report was written from its text, or ``None`` when nothing fixes it.

    Parameters
    ----------
    text : str
        The report's text.
    month, day : int, optional
        The dateline's month and day; needed for the evidence that compares months.

    Examples
    --------
    >>> infer_year("Im vergangenen Jahr (2022) wuchs der Handel.").year
    2023
    >>> g = infer_year("Besuche im Dezember 2023 und im Juni dieses Jahres.", month=8)
    >>> (g.year, g.evidence)
    (2024, 'Dezember 2023')
    >>> infer_year("Im Jahr 2021 wuchs der Handel.", month=5) is None  # 2021 or a report of 2022?
    True
    >>> infer_year("Der Umsatz soll bis 2030 steigen.") is None
    True
    """
    guesses = _guesses(text, month=month, day=day)
    years = {g.year for g in guesses}
    return guesses[0] if len(years) == 1 else None


def _guesses(text: str, *, month: int | None, day: int | None) -> list[YearGuess]:
    """Every piece of evidence that fixes the year, each with its year."""
    out: list[YearGuess] = []
    for m in _INSIDE.finditer(text):
        shift = next((v for k, v in _INSIDE_SHIFT.items() if m["word"].casefold().startswith(k)), 0)
        out.append(YearGuess(int(m["year"]) + shift, m.group(0)))
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
                    span = text[min(men.start, rel.start()) : max(men.end, rel.end())]
                    out.append(YearGuess(men.year - shift_sign, span))
    if month is None:
        return out
    current = [m for m in mentions if not (m.target or m.future)]
    for men in current:
        evidence = text[men.start : men.end]
        # a date of the report's own month, on or before its day: "am 28. August 2024" on 30 August
        if men.month == month and men.day is not None and day is not None and men.day <= day:
            out.append(YearGuess(men.year, evidence))
        # a year-to-date figure that ends just before the report's month: "January–July 2023" in August
        elif men.period_end is not None and men.period_end < month <= men.period_end + 2:
            out.append(YearGuess(men.year, evidence))
    # "im Dezember 2023 und im Juni dieses Jahres" in August: the named month is past, so its year
    # is before the report's, which the text calls "this year". (A year named beside "this year"
    # with an earlier month — "im März 2024 und im Februar dieses Jahres" — fixes nothing: either
    # year fits. A rule taking it for the report's year added 2 right and 1 wrong on the bundled corpus.)
    if current and _THIS_ANY.search(text):
        latest = max(m.year for m in current)
        of_latest = [m for m in current if m.year == latest]
        if all(m.month is not None and m.month > month and m.period_end is None for m in of_latest):
            first = of_latest[0]
            out.append(YearGuess(latest + 1, text[first.start : first.end]))
    return out


_DAY_MONTH = re.compile(
    rf"(?<![\w.])(\d{{1,2}})\.?\s+({_WHEN_ALT})\.?(?![\w])|(?<![\w])({_WHEN_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?![\w.,]\d)",
    re.IGNORECASE,
)


def _lede_day_month(text: str) -> tuple[int, int, str] | None:
    """The one day and month a report's first sentence names ("said on 29 October"), if it names
    exactly one, no year and no plan: pages without a dateline often date the event there."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) > 1 and not paragraphs[0].rstrip().endswith((".", "!", "?", "»", '"')):
        paragraphs = paragraphs[1:]  # a headline the loader could not tell by a dateline
    lead = paragraphs[0] if paragraphs else ""
    first = lead[: _sentence_bounds(lead, 0)[1]]
    if _FUTURE.search(first) or _YEARS.search(first):
        return None
    found = {}
    for m in _DAY_MONTH.finditer(first):
        word, day = (m[2], m[1]) if m[1] else (m[3], m[4])
        month = MONTHS.get(word.casefold())
        if month is not None and 1 <= int(day) <= 31:
            found[(int(day), month)] = m.group(0)
    if len(found) != 1:
        return None
    (((day, month), said),) = found.items()
    return day, month, said


# --- dates in URLs --------------------------------------------------------------------------------

_URL_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)([-/_]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_DMY = re.compile(r"/(0[1-9]|[12]\d|3[01])/(0[1-9]|1[0-2])/((?:19|20)\d\d)(?=/|$)")
_URL_YM_D = re.compile(r"/((?:19|20)\d\d)-(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?=/|$)")
_URL_ID_YEAR = re.compile(r"-(\d{4,8})-((?:19|20)\d\d)/?$")  # BelTA: …-slug-66171-2024


@dataclass(frozen=True)
class UrlDate:
    """What a URL says of its report's date: a full date, or only the year."""

    year: int
    month: int | None
    day: int | None
    evidence: str


def url_date(url: str | None) -> UrlDate | None:
    """The date (or year) a report's URL carries, or ``None``.

    >>> url_date("https://example.by/economics/view/some-slug-66171-2024/").year
    2024
    >>> u = url_date("https://news.example/2019/05/31/c_1.htm"); (u.year, u.month, u.day)
    (2019, 5, 31)
    >>> u = url_date("https://example.ru/20230901/slug-1079089732.html"); (u.year, u.month, u.day)
    (2023, 9, 1)
    >>> url_date("https://example.kz/article/910") is None
    True
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    path = parts.path
    for pattern, order in ((_URL_YM_D, "ymd"), (_URL_DMY, "dmy")):
        if m := pattern.search(path):
            y, mo, d = (m[1], m[2], m[3]) if order == "ymd" else (m[3], m[2], m[1])
            return UrlDate(int(y), int(mo), int(d), m.group(0))
    for seg in path.split("/"):
        if m := _URL_YMD.fullmatch(seg) or (_URL_YMD.match(seg) if len(seg) > 8 and seg[8:9] in "-_" else None):
            return UrlDate(int(m[1]), int(m[3]), int(m[4]), m.group(0))
    if m := re.search(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?=/|$)", path):
        return UrlDate(int(m[1]), int(m[2]), int(m[3]), m.group(0))
    if (m := _URL_ID_YEAR.search(path)) and not (len(m[1]) == 4 and m[1][:2] in ("19", "20")):
        return UrlDate(int(m[2]), None, None, m.group(0))
    query = parse_qs(parts.query)
    if (years := query.get("year")) and re.fullmatch(r"(?:19|20)\d\d", years[0]):
        return UrlDate(int(years[0]), None, None, f"year={years[0]}")
    return None


# --- resolution -----------------------------------------------------------------------------------


def _dated(source: str, date: dt.date, evidence: str, *, years: range, inferred: bool = False) -> DateResult:
    if date.year not in years:
        return DateResult(None, None, evidence, f"date_out_of_range: {date.isoformat()} ({source})", None)
    return DateResult(date, inferred, evidence, None, source)


def _build(
    source: str, year: int, month: int, day: int, evidence: str, *, years: range, inferred: bool = False
) -> DateResult:
    if year not in years:
        return DateResult(None, None, evidence, f"date_out_of_range: year {year} ({source})", None)
    try:
        return _dated(source, dt.date(year, month, day), evidence, years=years, inferred=inferred)
    except ValueError:
        return DateResult(None, inferred, evidence, f"impossible date: day {day} of month {month} in {year}", None)


def resolve_date(
    *,
    day: int | None,
    month: int | None,
    year: int | None,
    text: str,
    record_date: dt.date | None = None,
    record_field: str = "date",
    url: str | None = None,
    page_date: dt.date | None = None,
    page_evidence: str | None = None,
    default_year: int | None = None,
    file_year: int | None = None,
    years: range = PLAUSIBLE_YEARS,
) -> DateResult:
    """Decide a report's date from its record, URL, page date line, dateline, text and fallbacks.

    ``day``, ``month`` and ``year`` are the dateline's. See the module docstring for the order.
    A date whose year is not in ``years`` is no date, with a ``date_out_of_range`` reason.

    >>> resolve_date(day=30, month=8, year=None, text="", url="https://x.by/view/slug-66171-2024").date
    datetime.date(2024, 8, 30)
    >>> r = resolve_date(day=30, month=8, year=None, text="Im Jahr 2023 wuchs der Handel.")
    >>> r.date, r.reason
    (None, 'no year in the dateline, the URL or the caller’s arguments, and none the text fixes')
    >>> resolve_date(day=3, month=5, year=1985, text="", years=range(1990, 2031)).reason
    'date_out_of_range: year 1985 (dateline)'
    """
    refused = None
    if record_date is not None:
        result = _dated("record", record_date, f"record field {record_field!r}", years=years)
        if result.date is not None:
            return result
        refused = result.reason
    result = _resolve_without_record(
        day, month, year, text, url, page_date, page_evidence, default_year, file_year, years
    )
    if refused and result.date is None:  # say why the record's own date was not taken
        return DateResult(None, None, None, f"{refused}; {result.reason}", None)
    return result


def _resolve_without_record(
    day: int | None,
    month: int | None,
    year: int | None,
    text: str,
    url: str | None,
    page_date: dt.date | None,
    page_evidence: str | None,
    default_year: int | None,
    file_year: int | None,
    years: range,
) -> DateResult:
    have_day = day is not None and month is not None
    if (u := url_date(url)) is not None:
        if u.month is not None and u.day is not None:
            result = _build("url", u.year, u.month, u.day, f"URL {u.evidence}", years=years)
            if result.date is not None:
                return result
        elif page_date is not None:
            if page_date.year != u.year:
                return DateResult(None, None, None, f"the URL says {u.year}, the page date line {page_date.year}")
            return _dated("page_line", page_date, f"page date line {page_evidence!r}", years=years)
        elif have_day:
            if year is not None and year != u.year:
                return DateResult(None, None, None, f"the URL says {u.year}, the dateline {year}")
            return _build(
                "url",
                u.year,
                month,
                day,
                f"year from the URL {u.evidence}, day and month from the dateline",
                years=years,
            )
        elif (lede := _lede_day_month(text)) is not None:
            d, mo, said = lede
            return _build(
                "url",
                u.year,
                mo,
                d,
                f"year from the URL {u.evidence}, day and month from the first sentence {said!r}",
                years=years,
            )
        else:
            return DateResult(None, None, None, f"only the year {u.year} is known (URL {u.evidence})")
    if page_date is not None:
        return _dated("page_line", page_date, f"page date line {page_evidence!r}", years=years)
    if not have_day:
        return DateResult(None, None, None, "no dateline, date line, URL date or date field")
    if year is not None:
        return _build("dateline", year, month, day, "dateline", years=years)
    guesses = _guesses(text, month=month, day=day)
    told = sorted({g.year for g in guesses})
    if len(told) > 1:
        said = "; ".join(f"{g.evidence!r} → {g.year}" for g in guesses[:4])
        return DateResult(None, None, None, f"the text's evidence for the year conflicts: {said}")
    if told:
        return _build("inferred", told[0], month, day, guesses[0].evidence, years=years, inferred=True)
    if default_year is not None:
        return _build("caller", default_year, month, day, "year passed by the caller", years=years, inferred=True)
    if file_year is not None:
        return _build("file", file_year, month, day, "file modification time", years=years, inferred=True)
    return DateResult(
        None, None, None, "no year in the dateline, the URL or the caller’s arguments, and none the text fixes"
    )
