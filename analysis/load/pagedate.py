"""Date lines of saved web pages: a line that is a date, with perhaps a time and a rubric.

Pages put the date on a line of its own near the headline: ``12.04.2018 11:20``,
``2022-11-24 18:11``, ``14:37 12 октября 2018``, ``2 августа 2023 года``, ``Gesellschaft
12.10.2018 | 10:56``, ``June 4, 2024``, ``Updated at 14:39, 19-02-2024``. :func:`parse_page_date`
recognises such a line — a full date with its year, at most a time, separators and two words
(a rubric, "Updated") besides — so that the loader can take the date from it and leave the line
out of the report's text. Numeric dates are read day first (``07.02.2024`` is 7 February); a
slashed date that could be either (``06/04/2024``) is not read at all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from analysis.load.dateline import MONTHS

_MAX_CHARS = 80
_MAX_WORDS = 2
_W = r"[^\W\d_]"
_MONTH = rf"(?P<mon>{_W}{{3,12}})\.?"
_Y = r"(?P<y>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(rf"(?<!\d){_Y}-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?!\d)"),  # 2022-11-24
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?P<sep>[.-])(?P<m>\d{{1,2}})(?P=sep){_Y}(?!\d)"),  # 12.04.2018, 19-02-2024
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/{_Y}(?!\d)"),  # 23/07/2024
    re.compile(
        rf"(?<![\d\w])(?P<d>\d{{1,2}})\.?\s+{_MONTH},?\s+{_Y}(?:\s*(?:г|года|гада)\.?)?(?!\d)"
    ),  # 2 августа 2023 года
    re.compile(rf"(?<!\w){_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_Y}(?!\d)"),  # June 4, 2024
)
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:Uhr|MSK|UTC|GMT|МСК))?(?!\d)")
_FILLER = re.compile(
    r"\b(?:updated|published|posted|at|on|aktualisiert|veröffentlicht|um|обновлено|опубликовано|в|г|года|гада)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PageDate:
    """The date a page's date line gives, and the line."""

    date: dt.date
    raw: str


def parse_page_date(line: str) -> PageDate | None:
    """The date of a page date line, or ``None`` when ``line`` is not one.

    >>> parse_page_date("Gesellschaft 12.10.2018 | 10:56").date
    datetime.date(2018, 10, 12)
    >>> parse_page_date("14:37 12 октября 2018").date
    datetime.date(2018, 10, 12)
    >>> parse_page_date("June 4, 2024").date
    datetime.date(2024, 6, 4)
    >>> parse_page_date("Am 12.10.2018 unterzeichneten beide Seiten ein Abkommen.") is None
    True
    >>> parse_page_date("06/04/2024") is None  # 6 April or June 4?
    True
    """
    text = line.strip()
    if not text or len(text) > _MAX_CHARS:
        return None
    found = [(p, m) for p in _PATTERNS for m in p.finditer(text)]
    if len(found) != 1:
        return None
    pattern, m = found[0]
    rest = text[: m.start()] + " " + text[m.end() :]
    rest = _FILLER.sub(" ", _TIME.sub(" ", rest))
    words = re.findall(rf"{_W}+", rest)
    if len(words) > _MAX_WORDS or re.search(r"\d", rest):
        return None
    groups = m.groupdict()
    if groups.get("mon"):
        month = MONTHS.get(groups["mon"].casefold())
        if month is None:
            return None
    else:
        month = int(groups["m"])
    day, year = int(groups["d"]), int(groups["y"])
    if pattern is _PATTERNS[2] and day <= 12 and month <= 12 and day != month:
        return None  # day-first and month-first both possible
    try:
        return PageDate(dt.date(year, month, day), text)
    except ValueError:
        return None
