import datetime as dt

import pytest

from analysis.text.dates import infer_year, resolve_date


@pytest.mark.parametrize(
    ("text", "month", "year"),
    [
        ("Im Jahr 2021 wuchs der Handel um zehn Prozent.", 5, 2021),
        ("In 2019, turnover reached 300 million dollars.", 5, 2019),
        ("В 2022 году товарооборот вырос.", 5, 2022),
        ("Die Besuche im Dezember 2023 und im Juni dieses Jahres wurden besprochen.", 8, 2024),
        # a dated year next to "this year" is another year: else it would read "in March and June this year"
        ("The delegations met in March 2020 and again in June this year.", 8, 2021),
        ("In 2020, last year, turnover grew by a fifth.", 3, 2021),
        ("В прошлом 2022 году объем поставок удвоился.", 3, 2023),
        ("Im vergangenen Jahr (2018) stieg der Umsatz.", 3, 2019),
        ("Next year, in 2026, the plant opens.", 3, 2025),
        ("Im Jahr 2019 betrug der Umsatz 5 Mio. Euro; bis 2030 soll er sich verdoppeln.", 3, 2019),
    ],
)
def test_infer_year(text, month, year):
    guess = infer_year(text, month=month)
    assert guess is not None and guess.year == year
    assert guess.evidence and guess.evidence in text


@pytest.mark.parametrize(
    "text",
    [
        "Bis 2030 soll der Umsatz steigen.",
        "The programme for 2021-2025 was adopted.",
        "No year at all, only im Juni dieses Jahres.",
        "Das Programm läuft bis 2025, in diesem Jahr werden Busse geliefert.",
        "Seit 2015 arbeiten die Seiten zusammen, in diesem Jahr kamen Busse.",
    ],
)
def test_no_year(text):
    assert infer_year(text, month=6) is None


def test_resolve_prefers_dateline_year():
    r = resolve_date(day=1, month=2, year=2020, text="Im Jahr 2023.")
    assert (r.date, r.inferred, r.evidence) == (dt.date(2020, 2, 1), False, "dateline")


def test_resolve_infers_then_caller_then_file():
    assert resolve_date(day=1, month=2, year=None, text="In 2019 x.").date == dt.date(2019, 2, 1)
    r = resolve_date(day=1, month=2, year=None, text="no year", default_year=2018)
    assert (r.date, r.inferred, r.evidence) == (dt.date(2018, 2, 1), True, "year passed by the caller")
    r = resolve_date(day=1, month=2, year=None, text="no year", file_year=2017)
    assert (r.date, r.evidence) == (dt.date(2017, 2, 1), "file modification time")
    r = resolve_date(day=1, month=2, year=None, text="no year")
    assert r.date is None and "no year" in r.reason


def test_impossible_date_is_never_shifted():
    r = resolve_date(day=31, month=2, year=2024, text="")
    assert r.date is None
    assert "impossible date" in r.reason


def test_record_date():
    r = resolve_date(day=None, month=None, year=None, text="x", record_date=dt.date(2021, 4, 5))
    assert (r.date, r.evidence) == (dt.date(2021, 4, 5), "record")
