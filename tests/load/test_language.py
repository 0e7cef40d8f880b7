import pytest

from analysis.load.language import check_languages, detect_languages, is_lacinka


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


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Співпраця між Україною та Білоруссю в галузі сільського господарства зростає.", "uk"),
        ("Współpraca między Białorusią a Kazachstanem obejmuje dostawy maszyn i żywności.", "pl"),
        ("Қазақстан мен Беларусь арасындағы сауда көлемі өткен жылы өсті.", "kk"),
        ("La coopération entre le Bélarus et la Chine s'élargit dans l'industrie.", "fr"),
        ("白俄罗斯与中国扩大工业合作。", "zh"),
    ],
)
def test_other_languages_are_named_not_taken_for_a_supported_one(text, code):
    (check,) = check_languages([text])
    assert (check.language, check.other) == (None, code) and check.confidence >= 0.5


def test_supported_languages_and_lacinka():
    texts = [
        "Die Parteien vereinbarten die Lieferung von Traktoren, sagte Łukaszenka.",
        "Стороны договорились о поставках тракторов.",
        "Бакі дамовіліся аб пастаўках трактароў і аўтобусаў.",
        "Baki damovilisia ab pastaŭkach traktaroŭ i aŭtobusaŭ.",  # Łacinka
        "2024",
    ]
    assert [c.language for c in check_languages(texts)] == ["de", "ru", "be", "be", None]
    assert not is_lacinka("Strony uzgodniły dostawy ciągników.")  # Polish: ł without č/š/ž
