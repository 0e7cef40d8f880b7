import pytest

from analysis.dedup import find_duplicates

BASE = (
    "Belarus und das Gebiet Omsk vereinbarten die Lieferung von dreißig Bussen des Minsker Automobilwerks. "
    "Außerdem soll in Omsk ein Servicezentrum für Traktoren entstehen. Die Seiten besprachen auch "
    "Praktika für Studenten an belarussischen Hochschulen und den Bau einer Sortieranlage für Abfälle."
)


def test_exact_and_near_copies_point_at_the_first():
    edited = BASE.replace("dreißig", "vierzig") + " Der nächste Besuch ist im Herbst geplant."
    other = "Die Republik Tatarstan und Belarus sprachen über Mikroelektronik und Forschung in Kasan."
    assert find_duplicates([BASE, other, BASE.upper(), edited]) == [None, None, 0, 0]


def test_order_decides_the_original():
    edited = BASE.replace("dreißig", "vierzig")
    assert find_duplicates([edited, BASE], order=["2021-05-02", "2021-05-01"]) == [1, None]
    assert find_duplicates([edited, BASE], order=[None, "2021-05-01"]) == [1, None]


def test_different_reports_stay_apart():
    texts = [BASE, "Ein ganz anderer Bericht über Landwirtschaft und Milchprodukte in Brest.", ""]
    assert find_duplicates(texts) == [None, None, None]


def test_threshold_validated():
    with pytest.raises(ValueError, match="threshold"):
        find_duplicates([BASE], threshold=0)
