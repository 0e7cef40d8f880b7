import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.entities.matcher import EntityMatcher
from analysis.entities.orgnames import abbreviations, canonical_name, find_org_names, name_key, romanise


@pytest.fixture(scope="module")
def matcher():
    return EntityMatcher()


def found(matcher, text, language):
    known = matcher.find(text, language)
    return [(m["canonical_name"], m["source"], m["country"]) for m in matcher.discover(text, known, {})]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # legal forms before quoted and unquoted names; the form tells the country where it can
        ("ОАО «Стекломаш» и ПАО «Волжский кран» подписали.", "ru", [("Steklomash", "BY"), ("Volzhsky kran", "RU")]),
        ("JSC Polytex will ship fabric to Kazan.", "en", [("Polytex", None)]),
        ("Die Firma Kessler GmbH liefert Pumpen.", "de", [("Kessler", "DE")]),
        # a quoted name after a word for a company, with a Belarusian or foreign cue before it
        ("Das belarussische Unternehmen „Agromet“ baut Pflüge.", "de", [("Agromet", "BY")]),
        ("Российская компания «Технокран» закупит шасси.", "ru", [("Tekhnokran", "RU")]),
        ("Беларуская кампанія «Дрэўпрам» пастаўляе мэблю.", "be", [("Drevpram", "BY")]),
        # a city of a foreign region named just before the plant
        ("Договор подписал Омский завод приборов «Рассвет».", "ru", [("Rassvet", "RU")]),
        # a name before a company head
        ("Engineers of Polesie Holding came to Ufa.", "en", [("Polesie", None)]),
        # the Bel- prefix of Belarusian state companies, a Siberian prefix of Russian ones
        ("Холдинг «Белстеклопром» и завод «Сибкабель».", "ru", [("Belstekloprom", "BY"), ("Sibkabel", "RU")]),
    ],
)
def test_names_by_form(matcher, text, language, expected):
    assert [(n, c) for n, s, c in found(matcher, text, language)] == expected
    assert {s for _, s, _ in found(matcher, text, language)} == {"pattern"}


def test_quotes_alone_are_no_company(matcher):
    # a quoted title after a word that is no company word is not an organisation
    assert found(matcher, "Der Film „Sommerwind“ lief im Kino.", "de") == []
    assert found(matcher, 'They read the novel "Winter Roads" aloud.', "en") == []


def test_city_and_product_make_the_listed_plant(matcher):
    # "Minsker Wälzlagerwerk" is listed; the shorter compound and the Russian name are the same plant
    assert found(matcher, "Das Minsker Lagerwerk liefert Teile.", "de") == [("Minsk Bearing Plant", "gazetteer", "BY")]
    assert found(matcher, "Witebsker Kabelwerk und Gomselmasch.", "de") == [("Vitebsk Cable Plant", "pattern", "BY")]
    ru = found(matcher, "Продукцию поставит Витебский кабельный завод.", "ru")
    assert ru == [("Vitebsk Cable Plant", "pattern", "BY")]


def test_listed_with_known_enterprises(matcher):
    text = "Zu den Lieferanten gehören Kompozit, MAZ, BTK, die Holding BelOMO und Gomselmasch."
    assert found(matcher, text, "de") == [("Kompozit", "pattern", "BY"), ("BTK", "pattern", "BY")]
    # an enumeration of goods is no list of names
    assert found(matcher, "Sie kaufen Bagger von Amkodor sowie Kipper und Busse von MAZ.", "de") == []


def test_abbreviation_defined_in_the_text(matcher):
    definitions = {}
    first = "Engineers of the Grodno Glass Works (GGW) visited Omsk."
    known = matcher.find(first, "en")
    (item,) = matcher.discover(first, known, definitions)
    assert item["canonical_name"] == "Grodno Glass" and "GGW" in definitions
    later = "GGW will open a dealer centre."
    (again,) = matcher.discover(later, matcher.find(later, "en"), definitions)
    assert again["entity_id"] == item["entity_id"] and again["surface"] == "GGW"


def test_abbreviation_of_a_listed_compound_name(matcher):
    assert abbreviations("Belkommunmash") == {"BKM"}
    # the holding written by its abbreviation is the listed company
    assert found(matcher, "Специалисты «БКМ Холдинга» приехали в Томск.", "ru") == [
        ("Belkommunmash", "gazetteer", "BY")
    ]


def test_joint_venture_compound_is_the_listed_enterprise(matcher):
    names = [m["canonical_name"] for m in matcher.find("The UzBelAZ plant opened in 2019.", "en")]
    assert names == ["BelAZ"]
    assert [m["canonical_name"] for m in matcher.find("KAMAZ trucks", "en")] == ["KAMAZ"]


def test_one_key_across_languages_and_cases():
    assert name_key("Стекломаша") == name_key("Steklomash") == name_key("«СТЕКЛОМАШ»")
    assert canonical_name("«ТЕХНОКРАН»") == "Tekhnokran"
    assert romanise("Гродна") == "Grodna"
    assert find_org_names("", []) == []


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["ОАО", "ЗАО", "JSC", "AG", "Co", "Cooperation", "GmbH", "(", " (", "«", "»", "„", '"', "Werk", "werk",
             "завод", "x", "а", "_", "-", "'", " ", "\t", "\n", "\xa0", "MTZ", "1"]
        ),
        max_size=10,
    )
)  # fmt: skip
def test_chunk_cues_tell_the_texts_cue(parts):
    # a text holds a cue exactly when a whitespace-separated chunk does, or one begins with "("
    # after a space
    from analysis.entities.orgnames import _any_cue, chunk_cue

    text = "".join(parts)
    cues = [chunk_cue(c) for c in text.split()]
    assert _any_cue(text) == (True in cues or (None in cues and " (" in text))
