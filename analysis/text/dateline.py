"""Wire datelines: ``MINSK, 30. August (BelTA) - `` and its English, Russian and Belarusian kin.

A dateline gives the filing city, the day and month, sometimes the year, and the agency. The
parser accepts ``-``, ``–`` or ``—``, an optional year (``30. August 2024``, ``30 августа 2024 г.``),
days with or without a leading zero, and city names in any case; it canonicalises the city to
its English name (``МИНСК`` → Minsk) and the agency (``БЕЛТА`` → BelTA).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from analysis.config import RESOURCES_DIR

#: Month names (lower case) in German, English, Russian and Belarusian, in the forms datelines
#: and running text use: nominative, genitive, prepositional, and common abbreviations.
MONTHS: dict[str, int] = {}
_MONTH_FORMS = {
    1: "januar jänner january jan янв январь января январе студзень студзеня студзені",
    2: "februar feber february feb фев февраль февраля феврале люты лютага лютым",
    3: "märz maerz march mar мар март марта марте сакавік сакавіка сакавіку",
    4: "april apr апр апрель апреля апреле красавік красавіка красавіку",
    5: "mai may май мая мае травень траўня траўні",
    6: "juni june jun июн июнь июня июне чэрвень чэрвеня чэрвені",
    7: "juli july jul июл июль июля июле ліпень ліпеня ліпені",
    8: "august aug авг август августа августе жнівень жніўня жніўні",
    9: "september sept sep сен сент сентябрь сентября сентябре верасень верасня верасні",
    10: "oktober october okt oct окт октябрь октября октябре кастрычнік кастрычніка кастрычніку",
    11: "november nov ноя нояб ноябрь ноября ноябре лістапад лістапада лістападзе",
    12: "dezember december dez dec дек декабрь декабря декабре снежань снежня снежні",
}
for _month, _forms in _MONTH_FORMS.items():
    for _form in _forms.split():
        MONTHS[_form] = _month

#: Agency names as written → canonical name.
AGENCIES: dict[str, str] = {
    "belta": "BelTA",
    "белта": "BelTA",
    "бел та": "BelTA",
    "tass": "TASS",
    "тасс": "TASS",
    "ria novosti": "RIA Novosti",
    "риа новости": "RIA Novosti",
    "interfax": "Interfax",
    "интерфакс": "Interfax",
    "sputnik": "Sputnik",
    "спутник": "Sputnik",
    "xinhua": "Xinhua",
    "синьхуа": "Xinhua",
    "kazinform": "Kazinform",
    "казинформ": "Kazinform",
    "uza": "UzA",
    "уза": "UzA",
    "dpa": "dpa",
    "reuters": "Reuters",
}

_CITY = r"(?P<city>[^\W\d_][^\W\d_ .'’\-]*(?:[ .'’\-]{1,2}[^\W\d_]+){0,3})"  # MINSK, SANKT PETERSBURG, ST. PETERSBURG
_DAY_MONTH = (
    r"(?:(?P<day>\d{1,2})\.?[ \t]+(?P<month>[^\W\d_]{3,12})\.?"  # 30. August, 30 августа
    r"|(?P<month2>[^\W\d_]{3,12})\.?[ \t]+(?P<day2>\d{1,2})(?:st|nd|rd|th)?)"  # August 30, Aug. 30
    r"(?:,?[ \t]+(?P<year>\d{4})(?:[ \t]*(?:г|года|гада)\.?)?)?"
)
_DATELINE = re.compile(
    rf"""^[ \t]*{_CITY}[ \t]*,[ \t]*{_DAY_MONTH}[ \t]*,?[ \t]*
    (?:
        \([ \t]*(?P<agency>[^()\n]{{2,30}}?)[ \t]*\)[ \t]*[-–—‒―]+       # (BelTA) -
      | \.?[ \t]*/[ \t]*(?P<agency2>[^/\n]{{2,30}}?)[ \t]*/\.?            # . /ТАСС/.
    )[ \t]*""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Dateline:
    """A parsed dateline; ``end`` is where the report's own words begin."""

    city: str
    day: int
    month: int
    year: int | None
    agency: str
    end: int
    raw: str


@cache
def _cities() -> dict[str, str]:
    table: dict[str, str] = {}
    with (RESOURCES_DIR / "cities.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for variant in row["variants"].split("|"):
                table[_city_key(variant)] = row["canonical"]
    return table


def _city_key(name: str) -> str:
    return re.sub(r"[\s.\-'’]+", " ", name.casefold().replace("ё", "е")).strip()


def canonical_city(name: str) -> str:
    """Canonical English name of a city as a dateline writes it (``МИНСК`` → ``Minsk``).

    Cities not in the shipped table come back in title case as written.

    >>> canonical_city("SANKT PETERSBURG")
    'Saint Petersburg'
    """
    return _cities().get(_city_key(name)) or name.strip().title()


def canonical_agency(name: str) -> str:
    """Canonical agency name (``БЕЛТА`` → ``BelTA``); unknown agencies keep their spelling."""
    key = " ".join(name.casefold().replace("-", " ").split())
    return AGENCIES.get(key, name.strip())


def parse_dateline(text: str) -> Dateline | None:
    """Parse the dateline at the start of ``text``, or return ``None`` when there is none.

    Examples
    --------
    >>> d = parse_dateline("МИНСК, 30 августа (БЕЛТА) - Текст.")
    >>> (d.city, d.day, d.month, d.year, d.agency)
    ('Minsk', 30, 8, None, 'BelTA')
    >>> parse_dateline("MINSK, 05. März 2021 (BelTA) – Text").year
    2021
    """
    m = _DATELINE.match(text)
    if not m:
        return None
    month = MONTHS.get((m["month"] or m["month2"]).casefold())
    city = m["city"]
    # a wire dateline prints the city in capitals; else it must be a city the table knows
    if month is None or not (city.isupper() or _city_key(city) in _cities()):
        return None
    return Dateline(
        city=canonical_city(city),
        day=int(m["day"] or m["day2"]),
        month=month,
        year=int(m["year"]) if m["year"] else None,
        agency=canonical_agency(m["agency"] or m["agency2"]),
        end=m.end(),
        raw=m.group(0).strip(),
    )
