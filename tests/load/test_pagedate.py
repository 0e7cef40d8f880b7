import datetime as dt

import pytest

from analysis.load.pagedate import parse_page_date


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("03.05.2019 09:40", dt.date(2019, 5, 3)),
        ("2021-10-07 16:02", dt.date(2021, 10, 7)),
        ("09:12 4 марта 2020", dt.date(2020, 3, 4)),
        ("15 мая 2022 года", dt.date(2022, 5, 15)),
        ("11.01.2023", dt.date(2023, 1, 11)),
        ("March 9, 2021", dt.date(2021, 3, 9)),
        ("Wirtschaft 21.06.2019 | 08:15", dt.date(2019, 6, 21)),
        ("Aktualisiert: 6. Mai 2020, 12:30 Uhr", dt.date(2020, 5, 6)),
        ("Updated at 10:05, 22-09-2022", dt.date(2022, 9, 22)),
        ("25/11/2020", dt.date(2020, 11, 25)),  # day first: 25 cannot be a month
        ("07/07/2020", dt.date(2020, 7, 7)),
    ],
)
def test_page_date_lines(line, date):
    p = parse_page_date(line)
    assert p is not None and p.date == date and p.raw == line


@pytest.mark.parametrize(
    "line",
    [
        "04/07/2020",  # 4 July or April 7: not read
        "Am 03.05.2019 unterzeichneten beide Seiten in Minsk ein Abkommen.",  # a sentence
        "03.05.2019 - 05.05.2019",  # two dates
        "30.02.2021",  # no such day
        "03.05.3019",  # no such year
        "Mai 2019",  # no day
        "",
    ],
)
def test_not_page_date_lines(line):
    assert parse_page_date(line) is None
