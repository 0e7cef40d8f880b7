import pytest

from analysis.load.dateline import canonical_agency, canonical_city, known_city, parse_dateline


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
        ("ORJOL, 8. Aug. (BelTA) - Text", "Oryol", 8, 8, None),
    ],
)
def test_belta_datelines(line, city, day, month, year):
    d = parse_dateline(line)
    assert d is not None
    assert (d.city, d.day, d.month, d.year, d.agency) == (city, day, month, year, "BelTA")
    assert line[d.end :].startswith(("Am", "On", "30", "Text", "Текст", "Тэкст"))


# Each agency's layout, written as our own examples: (line, city, day, month, year, agency)
@pytest.mark.parametrize(
    ("line", "city", "day", "month", "year", "agency"),
    [
        ("МОСКВА, 5 июня. /ТАСС/. Текст", "Moscow", 5, 6, None, "TASS"),
        ("ВИТЕБСК, 4 мая. /Интерфакс/ - Текст", "Vitebsk", 4, 5, None, "Interfax"),
        ("17 сентября, Гродно /Корр. БЕЛТА/. Текст", "Grodno", 17, 9, None, "BelTA"),
        ("OMSK, 3 мар - РИА Новости. Текст", "Omsk", 3, 3, None, "RIA Novosti"),
        ("КИРОВ, 2 февр — РИА Новости. Текст", "Kirov", 2, 2, None, "RIA Novosti"),
        ("ЧЕЛЯБИНСК, 3 мар 2023, 14:05 — РИА Новости. Текст", "Chelyabinsk", 3, 3, 2023, "RIA Novosti"),
        ("ГРОДНО, 11 окт — Sputnik. Текст", "Grodno", 11, 10, None, "Sputnik"),
        ("МИНСК, 12 апр — ПРАЙМ. Текст", "Minsk", 12, 4, None, "PRIME"),
        ("КАЗАНЬ, 9 июля, ИА REGNUM. Текст", "Kazan", 9, 7, None, "REGNUM"),
        ("МОСКВА, 1 окт - РБК. Текст", "Moscow", 1, 10, None, "RBC"),
        ("Тюмень, 5 июня - ИА ABIREG. Текст", "Tyumen", 5, 6, None, "ABIREG"),
        ("Казань. 9 июля. INTERFAX.RU - Текст", "Kazan", 9, 7, None, "Interfax"),
        ("ASTANA. KAZINFORM – Text", "Astana", None, None, None, "Kazinform"),
        ("PAVLODAR. KAZINFORM Text", "Pavlodar", None, None, None, "Kazinform"),
        ("MINSK, Aug 8 (Reuters) - Text", "Minsk", 8, 8, None, "Reuters"),
        ("MINSK, 8 Aug (AP) — Text", "Minsk", 8, 8, None, "AP"),
        ("BEIJING, May 5 (Xinhua) -- Text", "Beijing", 5, 5, None, "Xinhua"),
        ("MINSK – Text", "Minsk", None, None, None, None),
        ("MINSK, 30. August - Text", "Minsk", 30, 8, None, None),
    ],
)
def test_agency_datelines(line, city, day, month, year, agency):
    d = parse_dateline(line)
    assert d is not None, line
    assert (d.city, d.day, d.month, d.year, d.agency) == (city, day, month, year, agency)
    assert line[d.end :] in ("Text", "Текст")


@pytest.mark.parametrize(
    "line",
    [
        "Minsk and Omsk agreed on supplies.",
        "MINSK, 30. Augustus (BelTA) - not a month",
        "Die Parteien, 12 Juni (BelTA) - a sentence, not a dateline",
        "Omsk – eine Stadt an der Irtysch",  # a bare dateline needs capitals or a date
        "ZORGLUB – no known city",
        "",
    ],
)
def test_not_datelines(line):
    assert parse_dateline(line) is None


def test_cities_canonical_in_every_script():
    assert canonical_city("BARANOWITSCHI") == "Baranovichi"
    assert canonical_city("NOWHERESK") == "Nowheresk"
    assert canonical_city("КИРОВ") == "Kirov" and canonical_city("ORJOL") == "Oryol"
    # an unknown Cyrillic city is transliterated, not kept in Cyrillic
    assert canonical_city("НОВОЗЫБКОВ") == "Novozybkov"
    assert known_city("Minsk") and not known_city("Nowheresk")


def test_agencies():
    assert canonical_agency("БЕЛТА") == "BelTA"
    assert canonical_agency("Корр. БЕЛТА") == "BelTA"
    assert canonical_agency("ИА REGNUM") == "REGNUM"
    assert canonical_agency("Some Wire") == "Some Wire"
