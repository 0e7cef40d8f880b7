import pytest

from analysis.text.dateline import canonical_agency, canonical_city, parse_dateline


@pytest.mark.parametrize(
    ("line", "city", "day", "month", "year"),
    [
        ("MINSK, 30. August (BelTA) - Am 30. August", "Minsk", 30, 8, None),
        ("MINSK, 30 August (BelTA) - On 30 August", "Minsk", 30, 8, None),
        ("МИНСК, 30 августа (БЕЛТА) - 30 августа", "Minsk", 30, 8, None),
        ("МІНСК, 30 жніўня (БЕЛТА) - 30 жніўня", "Minsk", 30, 8, None),
        ("MINSK, 05. März 2021 (BelTA) – Text", "Minsk", 5, 3, 2021),
        ("MOSKAU, 5. Juni (BelTA) — Text", "Moscow", 5, 6, None),
        ("МОСКВА, 12 декабря 2019 г. (БЕЛТА) - Текст", "Moscow", 12, 12, 2019),
        ("BREST, 1 Sept. (BelTA) - Text", "Brest", 1, 9, None),
        ("ST. PETERSBURG, 14 May (BelTA) - Text", "Saint Petersburg", 14, 5, None),
        ("ГОМЕЛЬ, 7 лістапада (БЕЛТА) - Тэкст", "Gomel", 7, 11, None),
        ("  Minsk , 9. Dezember (BelTA) -Text", "Minsk", 9, 12, None),
        ("MINSK, August 30 (BelTA) - Text", "Minsk", 30, 8, None),
        ("MINSK, Aug. 30, 2024 (BelTA) - Text", "Minsk", 30, 8, 2024),
    ],
)
def test_datelines(line, city, day, month, year):
    d = parse_dateline(line)
    assert d is not None
    assert (d.city, d.day, d.month, d.year, d.agency) == (city, day, month, year, "BelTA")
    assert line[d.end :].startswith(("Am", "On", "30", "Text", "Текст", "Тэкст"))


def test_tass_style():
    d = parse_dateline("МОСКВА, 30 августа. /ТАСС/. Текст.")
    assert (d.city, d.day, d.month, d.agency) == ("Moscow", 30, 8, "TASS")


@pytest.mark.parametrize(
    "line",
    [
        "Minsk and Omsk agreed on supplies.",
        "MINSK, 30. Augustus (BelTA) - not a month",
        "MINSK, 30. August - no agency",
        "Die Parteien, 12 Juni (BelTA) - a sentence, not a dateline",
        "",
    ],
)
def test_not_datelines(line):
    assert parse_dateline(line) is None


def test_unknown_city_kept_in_title_case():
    assert canonical_city("BARANOWITSCHI") == "Baranovichi"
    assert canonical_city("NOWHERESK") == "Nowheresk"


def test_agencies():
    assert canonical_agency("БЕЛТА") == "BelTA"
    assert canonical_agency("Some Wire") == "Some Wire"
