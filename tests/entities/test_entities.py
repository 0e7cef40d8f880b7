from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import analyze, load_articles
from analysis.entities.gazetteer import Gazetteer
from analysis.entities.matcher import (
    EntityMatcher,
    article_entities,
    find_mentions,
    person_key,
    raw_mentions,
)
from analysis.schema import TABLES


@pytest.fixture(scope="module")
def matcher():
    return EntityMatcher()


def names(found):
    return [m["canonical_name"] for m in found]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Zusammenarbeit mit dem Gebiet Tomsk und dem Tomsker Gebiet.", "de", ["Tomsk Oblast", "Tomsk Oblast"]),
        ("Der Gouverneur des Gebietes Omsk besuchte Minsk.", "de", ["Omsk Oblast", "Minsk"]),
        ("Делегация Томской области прибыла в Томске на завод МАЗа.", "ru", ["Tomsk Oblast", "Tomsk Oblast", "MAZ"]),
        ("Governor of Tomsk Oblast met MTZ and Minsk Motor Plant.", "en", ["Tomsk Oblast", "MTZ", "Minsk Motor Plant"]),
        ("Das Minsker Motorenwerk und Gomselmasch liefern.", "de", ["Minsk Motor Plant", "Gomselmash"]),
        ("KAMAZ and MAZ trucks; KamAZ too.", "en", ["KAMAZ", "MAZ", "KAMAZ"]),
    ],
)
def test_declension_and_whole_words(matcher, text, language, expected):
    assert names(matcher.find(text, language)) == expected


def test_typos_at_edit_distance_one(matcher):
    found = matcher.find("Harvesters from Gomselmsh went to Novosibrisk Oblast.", "en")
    assert names(found) == ["Gomselmash", "Novosibirsk Oblast"]
    assert all(m["fuzzy"] for m in found)
    assert names(matcher.find("A delegation from Suzhou.", "en")) == []  # not Fuzhou: the first letter differs


def test_case_rules(matcher):
    assert names(matcher.find("an integral part of the deal", "en")) == []
    assert names(matcher.find("Integrated circuits by Integral.", "en")) == ["Integral"]
    assert names(matcher.find("Maz and maz are not MAZ.", "en")) == ["MAZ"]


def test_foreign_body_with_a_generic_name(matcher):
    found = matcher.find("The Ministry of Health of Uzbekistan and the Ministry of Health of Belarus.", "en")
    assert ("Ministry of Health of Belarus" in names(found)) and names(found).count(
        "Ministry of Health of Belarus"
    ) == 1


def test_person_key_merges_transliterations():
    assert person_key("Jelena", "Kowaltschuk") == person_key("Yelena", "Kovalchuk") == person_key("Алена", "Кавальчук")
    assert person_key("Anatoli", "Wereschtschagin") == person_key("Anatoly", "Vereshchagin")
    assert person_key("Anatoly", "Vereshchagin") != person_key("Sergei", "Mikhnevich")


def _stage(articles, sentences):
    """mentions, article_entities, and articles with their event_location"""
    mentions = find_mentions(articles, sentences)
    table, events = article_entities(mentions, articles)
    return mentions, table, articles.assign(event_location=pd.array(events["event_location"], dtype="str"))


def _tables(text):
    loaded = load_articles_from_text(text)
    return _stage(loaded.articles, loaded.sentences)


def load_articles_from_text(text, tmp=None):
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    (folder / "r.txt").write_text(text, encoding="utf-8")
    return load_articles(folder, progress=False)


def test_partner_venue_and_event_location():
    text = (
        "MINSK, 12. März 2021 (BelTA) - Auf einem Forum in Kasan, der Hauptstadt Tatarstans, "
        "unterzeichneten Belarus und das Gebiet Irkutsk einen Fahrplan. Der Gouverneur des Gebietes Irkutsk "
        "Igor Kobsew lobte die Traktoren von MTZ."
    )
    mentions, ae, articles = _tables(text)
    regions = ae[ae["entity_type"] == "region"].set_index("iso_code")["role"].to_dict()
    assert regions == {"RU-TA": "venue", "RU-IRK": "partner"}
    assert articles.loc[0, "event_location"] == "Kazan"
    person = ae[ae["entity_type"] == "person"].iloc[0]
    assert (person["canonical_name"], person["title"]) == ("Igor Kobsev", "Gouverneur des Gebietes Irkutsk")
    assert list(mentions.columns) == list(TABLES["mentions"]) and list(ae.columns) == list(TABLES["article_entities"])
    text_of = articles.set_index("article_id")["text"]
    for m in mentions.itertuples():
        assert text_of[m.article_id][m.start : m.end] == m.surface


def test_first_names_are_not_cities():
    mentions, ae, _ = _tables("MINSK, 3 May 2021 (BelTA) - Vladimir Petrov of Tomsk Oblast visited MAZ.")
    assert "RU-VLA" not in set(ae["entity_id"])
    assert set(ae.loc[ae["entity_type"] == "person", "canonical_name"]) == {"Vladimir Petrov"}


def test_empty_tables_are_typed():
    empty = pd.DataFrame({"article_id": pd.Series([], dtype="str"), "language": pd.Series([], dtype="str")})
    sentences = pd.DataFrame({c: pd.Series([], dtype=d) for c, d in TABLES["sentences"].items()})
    mentions = find_mentions(empty, sentences)
    assert list(mentions.columns) == list(TABLES["mentions"]) and mentions.empty
    table, events = article_entities(mentions, empty)
    assert table.empty and events.empty


def test_user_gazetteer_extends_the_shipped_one(tmp_path):
    extra = tmp_path / "orgs.csv"
    extra.write_text(
        "entity_id,canonical_name,entity_type,country,full_name_en,aliases,area_cues\n"
        "bzt,Bobruisk Tractor Parts,enterprise,BY,Bobruisk Tractor Parts Plant,"
        "BZT|Бобруйский завод тракторных деталей,machinery\n"
    )
    m = EntityMatcher(Gazetteer.load(extra_organisations=[extra]))
    assert names(m.find("Der Zulieferer BZT und MAZ.", "de")) == ["Bobruisk Tractor Parts", "MAZ"]


def test_inputs_are_not_mutated(seed_path):
    loaded = load_articles(seed_path, progress=False)
    before = loaded.articles.copy(), loaded.sentences.copy()
    _stage(loaded.articles, loaded.sentences)
    pd.testing.assert_frame_equal(loaded.articles, before[0])
    pd.testing.assert_frame_equal(loaded.sentences, before[1])


def test_analyze_adds_event_location(seed_path):
    result = analyze(seed_path, progress=False)
    assert "event_location" in result.articles.columns
    assert "entities:" in result.summary()


def test_event_location_is_the_first_venue():
    text = (
        "MINSK, 12 March 2021 (BelTA) - A forum held in Tatarstan brought the sides together. "
        "Omsk Oblast signed a plan. The next meeting will be held in Tomsk."
    )
    _, _, articles = _tables(text)
    assert articles.loc[0, "event_location"] == "Republic of Tatarstan"


def test_merged_person_stats_name_everyone_as_the_concatenated_ones():
    from analysis.entities.matcher import merge_person_stats, person_names, person_stats, raw_mentions

    result = load_articles("data/raw", progress=False)
    articles, sentences = result.articles, result.sentences
    thirds = np.array_split(articles["article_id"].to_numpy(), 3)
    stats = []
    for k, ids in enumerate(thirds):
        part = articles[articles["article_id"].isin(ids)]
        stats.append(person_stats(raw_mentions(part, sentences[sentences["article_id"].isin(ids)]), part=k))
    merged = merge_person_stats(stats)
    assert not merged.duplicated(["entity_id", "surface", "p_first", "p_last", "p_lang"]).any()
    assert merged["n"].sum() == sum(s["n"].sum() for s in stats)
    assert person_names(merged) == person_names(pd.concat(stats, ignore_index=True))
    assert len(person_names(merged)) > 10
    assert merge_person_stats([]).empty and person_names(merge_person_stats([])) == {}


_TEXT_PARTS = ["Omsk", "МАЗа", "don't", "a_b", "—", " ", "\n", "\t", "\xa0", "’s", "x", "Ё", "2024", "(", "«", "ОАО"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PARTS), max_size=12), st.integers(0, 12))
def test_token_spans_are_the_regex_matches(parts, k):
    # the matcher splits a text at whitespace and caches each chunk's words and cue: the same
    # words and spans as the token pattern over the whole text, and the same cue as find_org_names'
    from analysis.entities.matcher import default_matcher
    from analysis.entities.orgnames import _any_cue
    from analysis.tokenize import TOKEN_PATTERN

    text = "".join(parts)
    tokens = default_matcher().tokens(text, "de")
    expected = [m.span() for m in TOKEN_PATTERN.finditer(text)]
    assert tokens.words == TOKEN_PATTERN.findall(text)
    assert tokens.upto(k)[: k + 1] == expected[: k + 1]
    assert tokens.spans == expected
    assert tokens.cue == _any_cue(text)


def test_cached_words_give_the_results_of_a_fresh_matcher():
    # a matcher's word and chunk caches change nothing: the second run over a corpus (warm
    # caches) equals a run of a fresh matcher
    result = load_articles(Path(__file__).parents[2] / "data" / "raw", progress=False)
    articles, sentences = result.articles, result.sentences
    warm = EntityMatcher()
    first = raw_mentions(articles, sentences, matcher=warm)
    second = raw_mentions(articles, sentences, matcher=warm)
    fresh = raw_mentions(articles.iloc[::-1], sentences, matcher=EntityMatcher())
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_frame_equal(first, fresh)
    assert len(first) > 1000


def _partner_roles(text):
    _, ae, _ = _tables(text)
    regions = ae[ae["entity_type"] == "region"]
    return regions.set_index("iso_code")["role"].to_dict()


def test_seats_datelines_links_and_scenery_are_no_partners():
    text = (
        "MINSK, 4 June 2022 (BelTA) - Belarus and Irkutsk Oblast agreed to build a dealer centre for MAZ. "
        "The deal was prepared with the help of the Belarusian consulate general in Novosibirsk.\n\n"
        "Irkutsk Oblast borders Buryatia and Krasnoyarsk Krai.\n\n"
        "Trade between Minsk and Moscow was also discussed by the two states.\n\n"
        "Read also: Tatarstan and Belarus sign a roadmap"
    )
    roles = _partner_roles(text)
    assert roles.pop("RU-IRK") == "partner"
    assert set(roles.values()) <= {"mentioned", "venue"}, roles


def test_a_region_named_like_a_first_name_is_no_person():
    _, ae, _ = _tables("MINSK, 2 May 2023 (BelTA) - Belarus and Vladimir Oblast will trade more grain.")
    assert _partner_roles("MINSK, 2 May 2023 (BelTA) - Belarus and Vladimir Oblast will trade more grain.") == {
        "RU-VLA": "partner"
    }
    assert ae[ae["entity_type"] == "person"].empty


@pytest.mark.parametrize(
    ("surface", "places", "expected"),
    [
        ("Handelsminister", [], "Minister of Trade"),
        ("заместитель министра здравоохранения", [], "Deputy Minister of Health"),
        ("Erster Vizegouverneur des Gebiets", ["Omsk Oblast"], "First Vice-Governor of Omsk Oblast"),
        (
            "председателя облисполкома",
            ["Gomel Oblast Executive Committee"],
            "Chairman of Gomel Oblast Executive Committee",
        ),
        ("acting mayor of", ["Kazan"], "Acting Mayor of Kazan"),
        ("Botschafter in Russland", ["Russia"], "Ambassador"),
        ("the famous", [], None),
    ],
)
def test_offices_in_canonical_english(surface, places, expected):
    from analysis.entities.matcher import office_title

    assert office_title(surface, places) == expected


def test_german_compound_office_introduces_an_official():
    _, ae, _ = _tables("MINSK, 2 May 2023 (BelTA) - Landwirtschaftsminister Igor Kobsew besuchte das Gebiet Omsk.")
    person = ae[ae["entity_type"] == "person"].iloc[0]
    assert (person["canonical_name"], person["title"], person["office"]) == (
        "Igor Kobsev",
        "Landwirtschaftsminister",
        "Minister of Agriculture and Food",
    )


def test_where_goods_are_made_or_go_is_no_event_location():
    text = (
        "MINSK, 3 May 2023 (BelTA) - At talks held on Tuesday the sides agreed on the assembly of tractors "
        "at a site in Ulyanovsk and on deliveries to Samara. The talks took place in Minsk."
    )
    mentions, ae, articles = _tables(text)
    assert articles.loc[0, "event_location"] == "Minsk"
    roles = ae[ae["entity_type"] == "region"].set_index("iso_code")["role"].to_dict()
    assert roles["RU-ULY"] == "partner" and roles["RU-SAM"] == "partner"


def test_neighbouring_and_cross_border_partners_stay_partners():
    roles = _partner_roles(
        "MINSK, 5 June 2023 (BelTA) - Cross-border cooperation with the neighbouring Smolensk Oblast will grow. "
        "Delegates of Vitebsk Oblast and of the neighbouring Pskov Oblast met in Pskov."
    )
    assert roles["RU-SMO"] == "partner" and roles["RU-PSK"] in ("partner", "venue")


def _enterprise_countries(text):
    _, ae, _ = _tables(text)
    rows = ae[ae["entity_type"] == "enterprise"]
    return {n: c if isinstance(c, str) else None for n, c in zip(rows["canonical_name"], rows["country"], strict=True)}


def test_an_enterprise_without_a_country_cue_is_settled_over_the_report():
    # with partners of one foreign country, a company named by form alone is the partner's,
    # unless its sentence has it supply or sell elsewhere (a Belarusian exporter); goods going
    # to Belarus keep it the partner's
    head = "MINSK, 3 May 2022 (BelTA) - Belarus and Perm Krai agreed to expand cooperation in machine building. "
    assert _enterprise_countries(head + "The plant “Kristall” will make parts for the region's farms.") == {
        "Kristall": "RU"
    }
    assert _enterprise_countries(head + "The plant “Kristall” will supply pumps to Perm Krai.") == {"Kristall": "BY"}
    assert _enterprise_countries(head + "The plant “Kristall” will sell pumps on the Perm market.") == {
        "Kristall": "BY"
    }
    assert _enterprise_countries(head + "The plant “Kristall” will deliver timber to Belarus.") == {"Kristall": "RU"}
    # a cue of the name itself stands
    assert _enterprise_countries(head + "The Belarusian company “Kristall” will make parts.") == {"Kristall": "BY"}
    # partners of two countries: unknown
    two = "MINSK, 3 May 2022 (BelTA) - Belarus, Perm Krai and Almaty Region agreed to cooperate. "
    assert _enterprise_countries(two + "The plant “Kristall” will make parts.") == {"Kristall": None}
