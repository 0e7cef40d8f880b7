"""Wire datelines: where and when a report was filed, and by which agency.

A dateline gives the filing city, usually the day and month, sometimes the year, and the agency.
The agencies of this field write it in a handful of layouts, all parsed here:

=====================================================  =======================================
``MINSK, 30. August (BelTA) – ``                       BelTA (de/en/ru/be), Xinhua, Reuters,
``MINSK, Aug 8 (Reuters) - ``, ``NANJING, May 31 (Xinhua) -- ``   Interfax in English
``MINSK. April 12 (Interfax) - ``, ``MINSK, 20 March (BelTA/APP): ``
``МОСКВА, 5 июня. /ТАСС/. ``                           TASS
``МОСКВА, 6 мар - РИА Новости. ``, ``МИНСК, 14 окт — Sputnik. ``  RIA Novosti, Sputnik, PRIME,
``Москва, 5 июня 2023, 10:15 — ИА Регнум. ``           REGNUM
``Минск. 12 апреля. ИНТЕРФАКС - ``, ``KARAGANDA. KAZINFORM - ``   Interfax in Russian, Kazinform,
``Воронеж. 29.08.2023. ABIREG.RU – ``                  regional agencies
``24 ноября, Минск /Корр. БЕЛТА/. ``                   BelTA in Russian and Belarusian
``MINSK – ``, ``MINSK, 30 August – ``                  no agency
=====================================================  =======================================

Month names may be full or abbreviated (``6 мар``, ``Aug 8``, ``8. Aug.``), dashes may be ``-``,
``--``, ``–`` or ``—``. The city is canonicalised to its English name from the shipped city table
and the regional capitals of ``regions.csv`` (``ORJOL`` and ``ОРЁЛ`` → Oryol); a Cyrillic city
neither knows is transliterated (Wikipedia rules, by ``iuliia``). The agency is canonicalised from
``agencies.csv`` (``БЕЛТА`` → BelTA, ``ИА REGNUM`` → REGNUM). Both files are extendable.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import iuliia

from analysis.config import RESOURCES_DIR

#: Month names (lower case) in German, English, Russian and Belarusian, in the forms datelines
#: and running text use: nominative, genitive, prepositional, and common abbreviations.
MONTHS: dict[str, int] = {}
_MONTH_FORMS = {
    1: "januar jänner january jan янв январь января январе студзень студзеня студзені",
    2: "februar feber february feb фев февр февраль февраля феврале люты лютага лютым",
    3: "märz maerz mär march mar мар март марта марте сакавік сакавіка сакавіку",
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

_WORD = r"[^\W\d_]"
_CITY = rf"(?P<city>{_WORD}[^\W\d_'’\-.]*(?:(?:[ '’\-]|\.[ ]?){{1,2}}{_WORD}[^\W\d_'’\-.]*){{0,3}})(?![^\W\d_])"
_MONTH_WORD = rf"(?<![^\W\d_]){_WORD}{{3,12}}\.?"
_DATE = (
    rf"(?P<date>\d{{1,2}}\.?[ \t]+{_MONTH_WORD}"  # 30. August, 30 августа, 6 мар
    rf"|{_MONTH_WORD}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?"  # August 30, Aug 8
    r"|\d{1,2}\.\d{1,2}\.(?:19|20)\d\d)"  # 29.08.2023
    r"(?:,?[ \t]+(?P<year>(?:19|20)\d\d)(?:[ \t]*(?:г|года|гада)\.?)?)?"
)
_TIME = r"(?:[ \t]*,?[ \t]*\d{1,2}:\d{2})?"
_DASH = r"(?:--?|[–—‒―])"
_SEP = rf"(?:{_DASH}|:)"


def _variant_table(file_name: str, key: Callable[[str], str]) -> dict[str, str]:
    """A ``canonical,variants`` resource (variants ``|``-separated) as ``key(variant)`` → canonical."""
    table: dict[str, str] = {}
    with (RESOURCES_DIR / file_name).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for variant in row["variants"].split("|"):
                table[key(variant)] = row["canonical"]
    return table


@cache
def _agency_table() -> dict[str, str]:
    return _variant_table("agencies.csv", _agency_key)


def _agency_key(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").split())


@cache
def _forms() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The dateline layouts, most specific first, as (name, pattern)."""
    known = sorted({v for v in _agency_table()}, key=len, reverse=True)
    # a known agency written in running text: optional "ИА"/"МИА" before, ".ru" after
    names = "|".join(re.escape(k).replace(r"\ ", r"[ \t-]+") for k in known)
    agency = rf"(?P<agency>(?i:(?:м?иа[ \t]+|ia[ \t]+)?(?:{names})(?:\.ru)?))(?![^\W\d_])"
    s = r"[ \t]*"
    return (
        # MINSK, 30. August (BelTA) – ; MINSK. April 12 (Interfax) - ; MINSK, 20 March (BelTA/APP):
        (
            "paren",
            re.compile(
                rf"^{s}{_CITY}{s}[,.]?{s}(?:{_DATE}{_TIME}{s},?{s})?\({s}(?P<agency>[^()\n]{{2,40}}?){s}\){s}{_SEP}+{s}"
            ),
        ),
        # МОСКВА, 5 июня. /ТАСС/.
        (
            "slash",
            re.compile(
                rf"^{s}{_CITY}{s},{s}{_DATE}{s}\.?{s}/{s}(?P<agency>[^/\n]{{2,60}}?){s}/{s}\.?{s}(?:{_DASH}{s})?"
            ),
        ),
        # 24 ноября, Минск /Корр. БЕЛТА/.
        ("date_first", re.compile(rf"^{s}{_DATE}{s},{s}{_CITY}{s}/{s}(?P<agency>[^/\n]{{2,60}}?){s}/{s}\.?{s}")),
        # МОСКВА, 6 мар - РИА Новости. ; Москва, 5 июня 2023, 10:15 — ИА Регнум.
        ("dash_agency", re.compile(rf"^{s}{_CITY}{s},{s}{_DATE}{_TIME}{s}{_SEP}{s}{agency}{s}[.:]?{s}(?:{_DASH}{s})?")),
        # Минск. 12 апреля. ИНТЕРФАКС - ; Воронеж. 29.08.2023. ABIREG.RU – ; KARAGANDA. KAZINFORM -
        (
            "dot_agency",
            re.compile(rf"^{s}{_CITY}{s}[.,]{s}(?:{_DATE}{s}[.,]?{s})?{agency}(?:{s}{_SEP}{s}|{s}[.:]{s}|[ \t]+)"),
        ),
        # MINSK – ; MINSK, 30 August –
        ("bare", re.compile(rf"^{s}{_CITY}{s}(?:,{s}{_DATE}{s})?{_DASH}[ \t]+")),
    )


@dataclass(frozen=True)
class Dateline:
    """A parsed dateline; ``end`` is where the report's own words begin.

    ``day``, ``month`` and ``agency`` are ``None`` where the dateline does not print them
    (``KARAGANDA. KAZINFORM -``, ``MINSK –``).
    """

    city: str
    day: int | None
    month: int | None
    year: int | None
    agency: str | None
    end: int
    raw: str


@cache
def _cities() -> dict[str, str]:
    """City names as written (keyed by :func:`_city_key`) → canonical English name.

    ``cities.csv`` first; the capitals of every region in ``regions.csv``, in each language it
    gives, fill in what it lacks.
    """
    table = _variant_table("cities.csv", _city_key)
    with (RESOURCES_DIR / "regions.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            canonical = row["capital_en"]
            if not canonical:
                continue
            for col in ("capital_en", "capital_de", "capital_ru", "capital_be"):
                if row.get(col):
                    table.setdefault(_city_key(row[col]), canonical)
    return table


def _city_key(name: str) -> str:
    return re.sub(r"[\s.\-'’]+", " ", name.casefold().replace("ё", "е")).strip()


def known_city(name: str) -> bool:
    """Whether the city table knows ``name`` (in any of its spellings)."""
    return _city_key(name) in _cities()


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def canonical_city(name: str) -> str:
    """Canonical English name of a city as a dateline writes it (``МИНСК`` → ``Minsk``).

    Cities the tables do not know come back in title case, Cyrillic ones transliterated.

    >>> canonical_city("SANKT PETERSBURG")
    'Saint Petersburg'
    >>> canonical_city("ORJOL"), canonical_city("КИРОВ")
    ('Oryol', 'Kirov')
    >>> canonical_city("НОВОКАМЕНСК")
    'Novokamensk'
    """
    known = _cities().get(_city_key(name))
    if known:
        return known
    name = " ".join(name.split())
    if _CYRILLIC.search(name):
        name = iuliia.WIKIPEDIA.translate(name.title())
    return name.title()


def canonical_agency(name: str) -> str:
    """Canonical agency name (``БЕЛТА`` → ``BelTA``); unknown agencies keep their spelling.

    A correspondent's name or ``Корр.`` before the agency is dropped, and agencies joined by
    ``/`` are canonicalised one by one.

    >>> canonical_agency("Корр. БЕЛТА"), canonical_agency("Иван Петров - БЕЛТА"), canonical_agency("BelTA/APP")
    ('BelTA', 'BelTA', 'BelTA/APP')
    >>> canonical_agency("ИА REGNUM"), canonical_agency("ABIREG.RU")
    ('REGNUM', 'ABIREG')
    """
    return "/".join(_one_agency(part) for part in name.split("/") if part.strip()) or name.strip()


def _one_agency(name: str) -> str:
    name = re.split(r"\s+[-–—]\s+", name.strip())[-1]  # "Елена Иванова - БЕЛТА"
    name = re.sub(r"^(?:корр|кар|correspondent)\.?\s+", "", name, flags=re.IGNORECASE)
    table = _agency_table()
    for candidate in (name, re.sub(r"^(?:м?иа|ia)\s+", "", name, flags=re.IGNORECASE)):
        for form in (candidate, re.sub(r"\.ru$", "", candidate, flags=re.IGNORECASE)):
            if (hit := table.get(_agency_key(form))) is not None:
                return hit
    return name.strip()


def parse_day_month(text: str) -> tuple[int, int, int | None] | None:
    """``(day, month, year or None)`` of a date as datelines write it, or ``None``.

    >>> parse_day_month("30. August"), parse_day_month("Aug. 8"), parse_day_month("29.08.2023")
    ((30, 8, None), (8, 8, None), (29, 8, 2023))
    >>> parse_day_month("30. Augustus") is None
    True
    """
    text = text.strip()
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        return (day, month, year) if 1 <= month <= 12 and 1 <= day <= 31 else None
    m = re.fullmatch(rf"(\d{{1,2}})\.?\s+({_WORD}+)\.?", text) or re.fullmatch(
        rf"({_WORD}+)\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?", text
    )
    if not m:
        return None
    day_s, word = (m[1], m[2]) if m[1][0].isdigit() else (m[2], m[1])
    month = MONTHS.get(word.casefold())
    day = int(day_s)
    return (day, month, None) if month is not None and 1 <= day <= 31 else None


def parse_dateline(text: str) -> Dateline | None:
    """Parse the dateline at the start of ``text``, or return ``None`` when there is none.

    Examples
    --------
    >>> d = parse_dateline("МИНСК, 30 августа (БЕЛТА) - Текст.")
    >>> (d.city, d.day, d.month, d.year, d.agency)
    ('Minsk', 30, 8, None, 'BelTA')
    >>> parse_dateline("MINSK, 05. März 2021 (BelTA) – Text").year
    2021
    >>> d = parse_dateline("24 ноября, Брест /Корр. БЕЛТА/. Текст.")
    >>> (d.city, d.day, d.month, d.agency)
    ('Brest', 24, 11, 'BelTA')
    >>> parse_dateline("KARAGANDA. KAZINFORM - Text").agency
    'Kazinform'
    """
    for kind, pattern in _forms():
        m = pattern.match(text)
        if m is None:
            continue
        city = m["city"].strip()
        # a wire dateline prints the city in capitals; else it must be a city the table knows.
        # Without an agency, both: "USA – a headline" is not a dateline.
        if kind == "bare":
            ok = known_city(city) and (city.isupper() or m["date"] is not None)
        else:
            ok = city.isupper() or known_city(city)
        if not ok:
            continue
        day = month = year = None
        if m["date"] is not None:
            parsed = parse_day_month(m["date"])
            if parsed is None:
                continue
            day, month, year = parsed
            if m["year"]:
                year = int(m["year"])
        agency = m.groupdict().get("agency")
        return Dateline(
            city=canonical_city(city),
            day=day,
            month=month,
            year=year,
            agency=canonical_agency(agency) if agency else None,
            end=m.end(),
            raw=m.group(0).strip(),
        )
    return None
