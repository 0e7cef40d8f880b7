import pytest

from analysis.text.language import detect_languages


def test_four_languages():
    texts = [
        "Die Parteien vereinbarten die Lieferung von Traktoren.",
        "The parties agreed on the supply of tractors.",
        "Стороны договорились о поставках тракторов.",
        "Бакі дамовіліся аб пастаўках трактароў і аўтобусаў.",
    ]
    assert detect_languages(texts) == ["de", "en", "ru", "be"]


def test_no_letters_is_none_and_empty_list():
    assert detect_languages(["12345", "", "—"]) == [None, None, None]
    assert detect_languages([]) == []


def test_unknown_code_rejected():
    with pytest.raises(ValueError, match="unknown language codes"):
        detect_languages(["x y z"], languages=("de", "xx"))
