"""Discovery (analysis.areas.discover) and its leave-one-area-out evaluation."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.areas.discover import TopicDiscovery, bridge_key, protocol_prefixes
from analysis.areas.model import CooperationAreaModel
from analysis.areas.taxonomy import without_area
from analysis.evaluate.discovery import leave_one_area_out
from analysis.schema import TABLES

TAXONOMY = """
version = 1

[areas.machinery]
name = "Machinery"
definition = "Tractors and trucks."

[areas.machinery.seeds]
de = ["traktor", "lastwag"]
en = ["tractor", "truck"]
ru = ["трактор", "грузовик"]

[areas.tourism]
name = "Tourism"
definition = "Tourists and tourism."

[areas.tourism.seeds]
de = ["touris"]
en = ["touris"]
ru = ["турис", "туризм"]
"""

# Our own sentences: machinery (seeded), tourism (seeded, then taken away), and protocol.
MACHINERY = {
    "de": "Das Werk liefert {n} Traktoren und Lastwagen an die Landwirte.",
    "en": "The plant supplies {n} tractors and trucks to the farmers.",
    "ru": "Завод поставит {n} тракторов и грузовиков для фермеров.",
}
TOURISM = {
    "de": "Reisebüros werben um Touristen, der Tourismus zu den Kurorten wächst um {n} Prozent.",
    "en": "Travel agencies court tourists, and tourism to the resorts grows by {n} percent.",
    "ru": "Турагентства привлекают туристов, туризм на курорты вырос на {n} процентов.",
}
CULTURE = {  # never seeded
    "de": "Das Orchester gibt ein Konzert beim Festival der Volksmusik.",
    "en": "The orchestra gives a concert at the folk music festival.",
    "ru": "Оркестр даст концерт на фестивале народной музыки.",
}
PROTOCOL = {
    "de": "Die Delegation wurde vom Gouverneur empfangen und unterzeichnete ein Dokument.",
    "en": "The delegation was received by the governor and signed a document.",
    "ru": "Делегацию принял губернатор, стороны подписали документ.",
}


def corpus() -> tuple[pd.DataFrame, pd.Series]:
    """36 reports: 12 per language; every report has protocol and machinery, a quarter also
    tourism, another quarter culture."""
    rows, truth = [], {}
    for lang in ("de", "en", "ru"):
        for i in range(12):
            article = f"{lang}{i:02d}"
            texts = [PROTOCOL[lang], MACHINERY[lang].format(n=10 + i)]
            areas = {"machinery"}
            if i % 4 == 0:
                texts.append(TOURISM[lang].format(n=3 + i))
                areas.add("tourism")
            if i % 4 == 1:
                texts.append(CULTURE[lang])
            truth[article] = areas
            rows += [
                {"article_id": article, "sentence_no": k + 1, "text": t, "language": lang} for k, t in enumerate(texts)
            ]
    return pd.DataFrame(rows), pd.Series(truth)


@pytest.fixture(scope="module")
def taxonomy(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("taxonomy") / "areas.toml"
    path.write_text(TAXONOMY, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def without_tourism(taxonomy) -> tuple[pd.DataFrame, CooperationAreaModel]:
    sentences, _ = corpus()
    reduced = taxonomy.with_name("reduced.toml")
    reduced.write_text(without_area(TAXONOMY, "tourism"), encoding="utf-8")
    return sentences, CooperationAreaModel(reduced).fit(sentences)


def test_bridge_key_joins_cognates_across_scripts():
    assert bridge_key("Tourismus") == bridge_key("tourism") == bridge_key("туризм")
    assert bridge_key("Konzert") == bridge_key("concert") == bridge_key("концерт")
    assert bridge_key("Festival") == bridge_key("фестиваль")
    assert bridge_key("Tourismus") != bridge_key("Traktor")
    assert bridge_key("und") is None and bridge_key("") is None


def test_protocol_words_and_bad_protocol_file(tmp_path):
    prefixes = protocol_prefixes()
    assert "unterzeichnete".startswith(prefixes) and "делегацию".startswith(prefixes)
    assert not "tourismus".startswith(prefixes)
    bad = tmp_path / "protocol.toml"
    bad.write_text("[protocol]\nde = 3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="word lists"):
        protocol_prefixes(bad)


def test_an_area_taken_away_comes_back_as_one_topic_in_every_language(without_tourism):
    sentences, model = without_tourism
    found = TopicDiscovery(n_topics=2, min_df=2, max_report_df=0.8).fit(sentences, model=model)
    assigned = found.transform(sentences, model=model)
    topic_of = assigned.set_index(["article_id", "sentence_no"])["topic"]

    def topics_of(pattern: str) -> set:
        chosen = sentences[sentences["text"].str.contains(pattern, case=False)]
        return {topic_of.get((a, n)) for a, n in zip(chosen["article_id"], chosen["sentence_no"], strict=True)}

    # the tourism sentences of all three languages make one topic, the concerts the other
    tourism, culture = topics_of("ouris|турис"), topics_of("konzert|concert|концерт")
    assert len(tourism) == 1 and len(culture) == 1 and tourism != culture and None not in tourism | culture
    (topic,) = tourism
    terms = found.topics_.set_index(["topic", "language"])["terms"]
    assert "tourismus" in terms[(topic, "de")] and "tourism" in terms[(topic, "en")]
    # protocol words never make a topic's terms; the seeded area's terms are left to it
    every_term = ", ".join(found.topics_["terms"])
    for word in ("delegation", "gouverneur", "governor", "документ", "traktoren", "tractors"):
        assert word not in every_term
    # without the bridges, the languages fall apart
    apart = TopicDiscovery(n_topics=2, min_df=2, max_report_df=0.8, bridge=False).fit(sentences, model=model)
    topic_of = apart.transform(sentences, model=model).set_index(["article_id", "sentence_no"])["topic"]
    assert len(topics_of("ouris|турис")) > 1


def test_tables_follow_the_schema_and_fit_is_deterministic(without_tourism):
    sentences, model = without_tourism
    before = sentences.copy()
    one = TopicDiscovery(n_topics="auto", candidates=(2, 3), min_df=2, max_report_df=0.8).fit(sentences, model=model)
    two = TopicDiscovery(n_topics="auto", candidates=(2, 3), min_df=2, max_report_df=0.8).fit(sentences, model=model)
    pd.testing.assert_frame_equal(sentences, before)  # the input is not changed
    pd.testing.assert_frame_equal(one.topics_, two.topics_)
    np.testing.assert_array_equal(one.components_, two.components_)
    assert list(one.selection_["n_topics"]) == [2, 3] and one.n_topics_ in (2, 3)
    assigned = one.transform(sentences, model=model)
    assert list(assigned.columns) == list(TABLES["sentence_topics"])
    assert set(assigned["topic"]) <= set(one.topics_["topic"])
    assert (assigned["weight"] > 0).all()
    # terms are listed only with positive weight: never padded with the rest of the vocabulary
    assert all(len(t.split(", ")) <= one.n_terms for t in one.topics_["terms"] if t)
    entry = tomllib.loads(one.taxonomy_entry("topic_1", area="new_area"))
    assert set(entry["areas"]["new_area"]["seeds"]) == {"de", "en", "ru"}
    with pytest.raises(ValueError, match="unknown topic"):
        one.taxonomy_entry("topic_99")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"n_topics": 0}, "n_topics must be a positive int"),
        ({"scope": "everything"}, "scope must be one of 'contrast', 'unexplained'"),
        ({"max_report_df": 0}, "max_report_df must be a number in"),
        ({"max_claimed": 1.5}, "max_claimed must be a number in"),
        ({"candidates": ()}, "candidates must be positive ints"),
    ],
)
def test_parameters_are_validated(without_tourism, params, message):
    sentences, model = without_tourism
    with pytest.raises(ValueError, match=message):
        TopicDiscovery(**params).fit(sentences, model=model)


def test_leave_one_area_out_finds_the_removed_area(taxonomy):
    sentences, truth = corpus()
    table = leave_one_area_out(
        sentences,
        truth,
        taxonomy=taxonomy,
        discovery=TopicDiscovery(n_topics=2, min_df=2, max_report_df=0.8),
        min_reports=5,
    )
    by_area = table.set_index("area")
    assert set(by_area.index) == {"machinery", "tourism"}
    assert by_area.loc["tourism", "f1"] == pytest.approx(1.0)  # all 9 tourism reports, and only they
    assert by_area.loc["tourism", "rank"] >= 1 and by_area.loc["tourism", "n_gold"] == 9


@pytest.fixture(scope="module")
def report_folder(tmp_path_factory) -> Path:
    """The test corpus as report files, with a labels.csv as the shared dev set has."""
    folder = tmp_path_factory.mktemp("reports")
    (folder / "articles").mkdir()
    sentences, truth = corpus()
    labels = []
    for article, group in sentences.groupby("article_id", sort=True):
        (folder / "articles" / f"{article}.txt").write_text("\n".join(group["text"]) + "\n", encoding="utf-8")
        labels.append({"file": f"{article}.txt", "areas": ";".join(sorted(truth[article]))})
    pd.DataFrame(labels).to_csv(folder / "labels.csv", index=False)
    return folder


def test_analyze_with_own_taxonomy_writes_sentence_topics(report_folder, taxonomy, tmp_path):
    from analysis.cli import main
    from analysis.pipeline import read_tables

    reduced = tmp_path / "reduced.toml"
    reduced.write_text(without_area(TAXONOMY, "tourism"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(report_folder / "articles"), "--out", str(out), "--taxonomy", str(reduced),
                 "--topics", "2", "-q"]) == 0  # fmt: skip
    tables = read_tables(out)
    assert set(tables["article_areas"]["area"]) == {"machinery"}  # the user's taxonomy, not the shipped one
    assigned = tables["sentence_topics"]
    assert len(assigned) and set(assigned["topic"]) <= set(tables["topics"]["topic"])
    assert set(assigned["article_id"]) <= set(tables["articles"]["article_id"])


def test_evaluate_discovery_command(report_folder, taxonomy, capsys):
    from analysis.cli import main

    assert main(["evaluate", "discovery", "--gold", str(report_folder), "--taxonomy", str(taxonomy)]) == 0
    out = capsys.readouterr().out
    assert "leave-one-area-out" in out and "tourism" in out and "F1 >= 0.6" in out


def test_own_taxonomy_and_model_together_are_refused(report_folder, taxonomy):
    from analysis.areas.model import default_model
    from analysis.engine.core import run

    with pytest.raises(ValueError, match="not both"):
        run(report_folder / "articles", model=default_model(), taxonomy=taxonomy)
    with pytest.raises(ValueError, match="n_topics"):
        run(report_folder / "articles", n_topics="many")


def test_npmi_by_sparse_products_equals_the_documented_loop():
    from scipy import sparse

    from analysis.areas.discover import _npmi_columns, npmi

    rng = np.random.default_rng(0)
    dense = rng.random((60, 8)) < 0.3
    dense[:, 7] = True  # a term in every document
    docs = [{f"t{j}" for j in np.flatnonzero(row)} for row in dense]
    columns = np.array([0, 2, 3, 5, 7])
    expected = npmi([f"t{j}" for j in columns], docs)
    assert _npmi_columns(sparse.csc_matrix(dense.astype(float)), columns) == pytest.approx(expected)
