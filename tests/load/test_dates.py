import datetime as dt

import pytest

from analysis.load.dates import DATE_SOURCES, infer_year, resolve_date, url_date


# Evidence that fixes the year: (text, the dateline's month, its day, the year)
@pytest.mark.parametrize(
    ("text", "month", "day", "year"),
    [
        ("Die Besuche im Dezember 2023 und im Juni dieses Jahres wurden besprochen.", 8, 1, 2024),
        ("In 2020, last year, turnover grew by a fifth.", 3, 1, 2021),
        ("В прошлом 2022 году объем поставок удвоился.", 3, 1, 2023),
        ("У мінулым 2021 годзе тавараабарот вырас.", 3, 1, 2022),
        ("Im vergangenen Jahr (2018) stieg der Umsatz.", 3, 1, 2019),
        ("Next year, in 2026, the plant opens.", 3, 1, 2025),
        ("Im laufenden Jahr 2021 kamen 40 Busse.", 6, 1, 2021),
        ("This year (2022) the partners signed two contracts.", 6, 1, 2022),
        ("В текущем 2020 году поставки выросли.", 6, 1, 2020),
        # a date of the report's own month, on or before its day
        ("Am 2. Oktober 2019 trafen sich die Delegationen.", 10, 4, 2019),
        # a year-to-date figure ending just before the report's month
        ("In January–July 2023 trade grew by 12 percent.", 8, 20, 2023),
        ("За девять месяцев 2021 года товарооборот вырос.", 11, 2, 2021),
    ],
)
def test_infer_year(text, month, day, year):
    guess = infer_year(text, month=month, day=day)
    assert guess is not None and guess.year == year
    assert guess.evidence and guess.evidence in text


# Years that do not fix the report's: bare years, targets, ranges, starts, deadlines, the future
@pytest.mark.parametrize(
    "text",
    [
        "Im Jahr 2021 wuchs der Handel um zehn Prozent.",  # 2021, or a report of 2022 about it?
        "In 2019, turnover reached 300 million dollars.",
        "В 2022 году товарооборот вырос.",
        "Bis 2030 soll der Umsatz steigen.",
        "Bis Ende 2024 sollen die Busse geliefert sein.",
        "The programme for 2021-2025 was adopted.",
        "Der Aktionsplan 2026–2028 wurde unterzeichnet.",
        "The forum will be held in June 2025.",
        "Планируется, что завод заработает в 2026 году.",
        "No year at all, only im Juni dieses Jahres.",
        "Das Programm läuft bis 2025, in diesem Jahr werden Busse geliefert.",
        "Seit 2015 arbeiten die Seiten zusammen, in diesem Jahr kamen Busse.",
        # a named year beside "this year", its month before the report's: the same year or the one before
        "The delegations met in March 2020 and again in June this year.",
        # a date later in the report's month: not yet happened, so perhaps announced for next year
        "Am 28. Oktober 2019 beginnt die Messe.",
    ],
)
def test_no_year(text):
    assert infer_year(text, month=10 if "Oktober" in text else 8, day=4) is None


def test_conflicting_evidence_gives_no_date_and_says_why():
    text = "Im vergangenen Jahr (2018) stieg der Umsatz. Im laufenden Jahr 2021 kamen Busse."
    r = resolve_date(day=3, month=5, year=None, text=text)
    assert r.date is None and "conflicts" in r.reason


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.by/economics/view/some-slug-66171-2024/", (2024, None, None)),
        ("https://news.example.by/economics/view/some-slug-66171-2024", (2024, None, None)),
        ("https://wire.example/2019/05/31/c_1.htm", (2019, 5, 31)),
        ("https://wire.example.ru/20230901/slug-1079089732.html", (2023, 9, 1)),
        ("https://region.example.ru/news/2022-11/24/slug", (2022, 11, 24)),
        ("https://gov.example.kz/press/24/11/2022/", (2022, 11, 24)),
        ("https://site.example/archive?year=2021&page=3", (2021, None, None)),
        ("https://site.example/article/910", None),
        ("https://site.example/item-2024-plan", None),  # a number in a slug, not BelTA's id-year
        ("not a url at all", None),
        (None, None),
    ],
)
def test_url_dates(url, expected):
    u = url_date(url)
    assert (None if u is None else (u.year, u.month, u.day)) == expected


def test_sources_in_order():
    assert DATE_SOURCES == ("record", "url", "page_line", "dateline", "inferred", "caller", "file")
    common = dict(day=30, month=8, year=2023, text="Im laufenden Jahr 2022.", default_year=2021, file_year=2020)
    r = resolve_date(**common, record_date=dt.date(2024, 8, 30), record_field="published")
    assert (r.date, r.source, r.evidence) == (dt.date(2024, 8, 30), "record", "record field 'published'")
    r = resolve_date(**common, url="https://wire.example/2023/08/30/x.html")
    assert (r.date, r.source) == (dt.date(2023, 8, 30), "url")
    r = resolve_date(**common, page_date=dt.date(2023, 8, 29), page_evidence="29.08.2023 10:00")
    assert (r.date, r.source, r.evidence) == (dt.date(2023, 8, 29), "page_line", "page date line '29.08.2023 10:00'")
    r = resolve_date(**common)
    assert (r.date, r.source, r.inferred) == (dt.date(2023, 8, 30), "dateline", False)
    r = resolve_date(**{**common, "year": None})
    assert (r.date, r.source, r.inferred, r.evidence) == (
        dt.date(2022, 8, 30),
        "inferred",
        True,
        "Im laufenden Jahr 2022",
    )
    r = resolve_date(**{**common, "year": None, "text": "no year"})
    assert (r.date, r.source, r.evidence) == (dt.date(2021, 8, 30), "caller", "year passed by the caller")
    r = resolve_date(**{**common, "year": None, "text": "no year", "default_year": None})
    assert (r.date, r.source, r.evidence) == (dt.date(2020, 8, 30), "file", "file modification time")
    r = resolve_date(day=30, month=8, year=None, text="no year")
    assert r.date is None and r.source is None and "none the text fixes" in r.reason


def test_url_year_with_dateline_day_and_conflicts():
    url = "https://news.example.by/view/slug-12345-2024"
    r = resolve_date(day=9, month=7, year=None, text="Im laufenden Jahr 2021.", url=url)
    assert (r.date, r.source) == (dt.date(2024, 7, 9), "url")  # the URL outranks the text
    r = resolve_date(day=9, month=7, year=2023, text="", url=url)
    assert r.date is None and "URL says 2024" in r.reason
    r = resolve_date(day=None, month=None, year=None, text="", url=url, page_date=dt.date(2023, 7, 9))
    assert r.date is None and "page date line 2023" in r.reason
    r = resolve_date(day=None, month=None, year=None, text="", url=url)
    assert r.date is None and "only the year 2024" in r.reason


def test_impossible_and_out_of_range_dates_are_refused():
    r = resolve_date(day=31, month=2, year=2024, text="")
    assert r.date is None and "impossible date" in r.reason
    r = resolve_date(day=None, month=None, year=None, text="", record_date=dt.date(1066, 10, 14))
    assert r.date is None and r.reason.startswith("date_out_of_range")
    r = resolve_date(day=None, month=None, year=None, text="", record_date=dt.date(2900, 1, 1))
    assert r.date is None and r.reason.startswith("date_out_of_range")


def test_no_dateline_no_date():
    r = resolve_date(day=None, month=None, year=None, text="Im Jahr 2020.")
    assert r.date is None and r.reason == "no dateline, date line, URL date or date field"


def test_day_and_month_from_the_first_sentence_when_the_url_has_only_the_year():
    url = "https://news.example.by/view/slug-12345-2024"
    text = "Omsk and Grodno sign a deal\nThe sides signed an agreement in Grodno on 14 November, the press office said."
    r = resolve_date(day=None, month=None, year=None, text=text, url=url)
    assert (r.date, r.source) == (dt.date(2024, 11, 14), "url") and "14 November" in r.evidence
    for first in (
        "Talks on 4 May and 6 May were held.",
        "The fair will open on 14 November.",
        "On 14 November 2023 x.",
    ):
        r = resolve_date(day=None, month=None, year=None, text=first, url=url)
        assert r.date is None and "only the year 2024" in r.reason
