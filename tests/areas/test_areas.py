import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from threadpoolctl import threadpool_limits

from analysis import analyze, load_articles
from analysis.areas.assign import assign_areas
from analysis.areas.discover import discover_topics, npmi
from analysis.areas.features import Featurizer
from analysis.areas.model import MODEL_FORMAT, CooperationAreaModel, default_model, load_model, save_model
from analysis.areas.seeds import SeedIndex, expand_hyphen_elision
from analysis.areas.taxonomy import area_ids
from analysis.config import RAW_DIR
from analysis.schema import TABLES


@pytest.fixture(scope="module")
def corpus():
    return load_articles(RAW_DIR, progress=False)


@pytest.fixture(scope="module")
def model(corpus):
    return CooperationAreaModel(random_state=0).fit(corpus.sentences)


def test_seed_matching_rules():
    seeds = SeedIndex()
    seeds.add("waste_recycling", ["abfall", "sortier", "recycling"])
    seeds.add("machinery", ["bus", "service centre"])
    seeds._compile()
    assert seeds.match("Abfallbewirtschaftungssystemen und Müllsortieranlagen", "de") == {
        "waste_recycling": ["abfallbewirtschaftungssystemen", "müllsortieranlagen"]
    }
    assert seeds.match("a business plan", "en") == {}  # three letters: whole words only
    assert seeds.match("new buses and a service centre", "en")["machinery"] == ["service centre"]
    assert seeds.match("a bus", "en") == {"machinery": ["bus"]}


def test_hyphen_elision():
    assert expand_hyphen_elision("an Umschulungs- und Weiterbildungsprogrammen") == (
        "an Umschulungsprogrammen und Weiterbildungsprogrammen"
    )


def test_every_area_has_seeds_in_three_languages():
    seeds = SeedIndex.from_taxonomy()
    for area in area_ids():
        named = {a for areas in seeds.roots.values() for a in areas} | {
            a for areas in seeds.phrases.values() for a in areas
        }
        assert area in named


def test_featurizer_marks_dismissals_and_entity_cues():
    featurize = Featurizer.default(SeedIndex.from_taxonomy())
    feats = featurize("Fragen der Energie standen nicht auf der Tagesordnung.", "de")
    assert "dismiss" in feats and "seed:energy" in feats
    assert "ent:microelectronics" in featurize("Integral will supply chips.", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The province has large reserves of gas and a strong tractor industry.", "en"),
        ("Die Stadt verfügt über ein dichtes Netz an Bahnverbindungen und Kliniken.", "de"),
        ("Область располагает развитым сельским хозяйством и крупными вузами.", "ru"),
    ],
)
def test_a_sentence_that_only_describes_a_place_names_no_area(featurize, model, text, language):
    feats = featurize(text, language)
    assert "dismiss" in feats and _labels(featurize, text, language)  # it names areas, as a description
    assert model.weak_labels([feats]).sum() == 0
    cooperation = {
        "en": ", and cooperation with Belarus is growing.",
        "de": ", die Zusammenarbeit mit Belarus wächst.",
        "ru": ", сотрудничество с Беларусью растет.",
    }
    assert "dismiss" not in featurize(text.rstrip(".") + cooperation[language], language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a description that goes on to a purchase, a need, a trade figure or an agenda is no mere description
        ("Die Region verfügt über moderne Landtechnik und will belarussische Traktoren kaufen.", "de"),
        ("The region has large needs for tractors and plans to buy 200 of them.", "en"),
        ("Machinery accounts for 40% of the trade turnover between the region and Belarus.", "en"),
        ("Die Themen Landwirtschaft und Maschinenbau dominierten die Gespräche.", "de"),
        ("Беларусь является одним из крупнейших покупателей зерна области.", "ru"),
        ("The plant specializes in combines and will open an assembly line in the region.", "en"),
    ],
)
def test_a_description_that_speaks_of_cooperation_is_not_set_aside(featurize, text, language):
    assert "dismiss" not in featurize(text, language)


def test_a_short_function_word_in_a_phrase_seed_is_a_whole_word(featurize):
    assert "seed:construction" in featurize("They are building a bridge.", "en")
    assert "seed:construction" not in featurize("machine tool building and electronics", "en")


def test_words_of_persons_names_name_no_area():
    featurize = Featurizer.default(SeedIndex.from_taxonomy())
    text = "Governor Anna Farmer visited the tractor works."
    assert "seed:agriculture" in featurize(text, "en", names=())  # plain matching: "farm..."
    feats = featurize(text, "en", names=["Anna Farmer"])
    assert "seed:agriculture" not in feats and "w:farmer" in feats and "seed:machinery" in feats
    terms = featurize.seed_terms(text, "en", ["Anna Farmer"])
    assert [surface for _, surface, _ in terms] == ["tractor"]


def test_the_entity_stage_hands_the_persons_names_to_the_area_model(tmp_path):
    from analysis.areas.model import NAME_COLUMN
    from analysis.entities.stage import mention_part

    (tmp_path / "a.txt").write_text(
        "Governor in Minsk\n\nMINSK, 12 March (BelTA) – Tomsk Oblast Governor Vladimir Farmer met Prime Minister"
        " Roman Golovchenko in Minsk on 12 March.\n\nThe sides agreed on supplies of Belarusian tractors.\n\n"
        "Farmer said the region would also study Belarusian experience.\n",
        encoding="utf-8",
    )
    loaded = load_articles(tmp_path, progress=False)
    sentences, _ = mention_part(loaded.articles, loaded.sentences)
    assert all("Vladimir Farmer" in names for names in sentences[NAME_COLUMN])  # every sentence of the report
    result = analyze(tmp_path, n_topics=0, progress=False)
    assert set(result.article_areas["area"]) == {"machinery", "trade"}


def test_model_keeps_taxonomy_ids_and_is_deterministic(corpus, model):
    assert model.areas_ == area_ids()
    scores = model.transform(corpus.sentences.head(50))
    assert scores.shape == (50, len(area_ids())) and ((scores >= 0) & (scores <= 1)).all()
    with threadpool_limits(2):
        again = CooperationAreaModel(random_state=0).fit(corpus.sentences)
    np.testing.assert_array_equal(again.coef_, model.coef_)
    assert clone(model).get_params() == model.get_params()


@pytest.mark.parametrize(
    ("param", "value", "message"), [("threshold", 1.5, "threshold"), ("C", 0, "C must"), ("min_df", 0, "min_df")]
)
def test_parameters_are_validated(corpus, param, value, message):
    with pytest.raises(ValueError, match=message):
        CooperationAreaModel(**{param: value}).fit(corpus.sentences.head(20))


def test_needs_a_sentences_table(model):
    with pytest.raises(ValueError, match="'text' and 'language'"):
        model.transform(pd.DataFrame({"sentence": ["x"]}))


@pytest.fixture(scope="module")
def featurize():
    return Featurizer.default(SeedIndex.from_taxonomy())


def _labels(featurize, text, language):
    """The weak labels the model fits to, for one sentence."""
    feats = featurize(text, language)
    return {f[5:] for f in feats if f.startswith("seed:")} - {f[6:] for f in feats if f.startswith("yield:")}


@pytest.mark.parametrize(
    ("text", "language", "areas"),
    [
        # energy words that serve other topics: goods, machines, instruments
        ("Belarus exports oil products and furniture to the region.", "en", {"trade"}),
        ("Die Stadt kauft gasbetriebene Busse aus Minsk.", "de", {"machinery", "trade"}),
        ("Стороны развивают сотрудничество в нефтехимии.", "ru", set()),
        ("The two regions will build a new power plant together.", "en", {"energy"}),
        # industrial cooperation worded without "joint venture"
        ("The partners plan to set up an industrial cluster for machine tools.", "en", {"industrial_cooperation"}),
        ("Künftig sollen die Traktoren in der Region produziert werden.", "de", {"machinery"}),
        ("Область предложила кредитную линию для производственных проектов.", "ru", {"industrial_cooperation"}),
    ],
)
def test_energy_and_industrial_wording(featurize, text, language, areas):
    assert _labels(featurize, text, language) == areas


@pytest.mark.parametrize(
    ("text", "language", "areas"),
    [
        # an enumeration of fields labels every field it names
        (
            "The partners will work together in trade, construction and agriculture.",
            "en",
            {"trade", "construction", "agriculture"},
        ),
        (
            "Vereinbart wurde eine Zusammenarbeit in Logistik, Tourismus und Landwirtschaft.",
            "de",
            {"transport_logistics", "tourism_culture", "agriculture"},
        ),
        (
            "Стороны договорились развивать сотрудничество в строительстве, логистике и медицине.",
            "ru",
            {"construction", "transport_logistics", "healthcare"},
        ),
        # a construction or transport word attached to another area's word serves that area
        ("Two firms from the region recycle construction waste.", "en", {"waste_recycling"}),
        ("Geplant ist der Bau einer Anlage zur Verwertung von Hausmüll.", "de", {"waste_recycling"}),
        ("Город начнет строительство мусоросортировочного завода.", "ru", {"waste_recycling"}),
        ("Firmen, die Bau- und Abbruchabfälle aufbereiten, zeigten Interesse.", "de", {"waste_recycling"}),
        ("Two firms recycle construction and renovation waste.", "en", {"waste_recycling"}),
        ("The city wants more passenger buses for its public transport.", "en", {"machinery"}),
        ("Областной центр обновит общественный транспорт белорусскими автобусами.", "ru", {"machinery"}),
        # building a hospital or a school stays construction only
        ("A contractor from Minsk is building a new hospital in the city.", "en", {"construction"}),
        ("Белорусские строители возведут в области новую школу.", "ru", {"construction"}),
        # housing-and-utilities is not building
        ("Министр жилищно-коммунального хозяйства встретился с делегацией.", "ru", set()),
        # a building trade contract speaks of both
        ("They signed construction contracts worth ten million dollars.", "en", {"construction", "trade"}),
        # so does a joint venture or investment project in a field: the field is what it works in
        (
            "The region proposed joint ventures in logistics and food processing.",
            "en",
            {"industrial_cooperation", "transport_logistics", "agriculture"},
        ),
        ("Besprochen wurden Investitionsprojekte im Bauwesen.", "de", {"industrial_cooperation", "construction"}),
    ],
)
def test_sentence_structure_decides_serving_areas(featurize, text, language, areas):
    assert _labels(featurize, text, language) == areas


def test_save_and_load_without_pickle(tmp_path, corpus, model):
    json_path, npz_path = save_model(model, tmp_path / "areas")
    loaded = load_model(tmp_path / "areas")
    sample = corpus.sentences.head(40)
    np.testing.assert_allclose(loaded.transform(sample), model.transform(sample))
    meta = json.loads(json_path.read_text())
    assert meta["format"] == MODEL_FORMAT and meta["areas"] == model.areas_ and "scikit-learn" in meta["libraries"]
    meta["format"] = 99
    json_path.write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="format 99"):
        load_model(tmp_path / "areas")
    meta["format"], meta["taxonomy_toml"] = MODEL_FORMAT, meta["taxonomy_toml"] + "\n# edited"
    json_path.write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="altered"):
        load_model(tmp_path / "areas")


def test_assign_tables(corpus, model):
    sentence_areas, article_areas = assign_areas(model, corpus.sentences)
    assert list(sentence_areas.columns) == list(TABLES["sentence_areas"])
    assert list(article_areas.columns) == list(TABLES["article_areas"])
    thresholds = sentence_areas["area"].map(dict(zip(model.areas_, model.thresholds_, strict=True)))
    assert (sentence_areas["score"] >= thresholds).all()
    shares = article_areas.groupby("article_id")["share"].sum()
    np.testing.assert_allclose(shares, 1.0)
    text = corpus.sentences.set_index(["article_id", "sentence_no"])["text"]
    for row in article_areas.head(30).itertuples():
        assert text[(row.article_id, row.evidence_sentence_no)] == row.evidence_text


def test_discovery(corpus, model):
    topics, examples = discover_topics(model, corpus.sentences, n_topics=4, random_state=0)
    assert set(topics["topic"]) == {f"topic_{k}" for k in range(1, 5)}
    assert topics["npmi"].between(-1, 1).all() and (topics["terms"].str.len() > 0).all()
    assert set(examples["rank"]) == {1, 2, 3}
    with pytest.raises(ValueError, match="n_topics"):
        discover_topics(model, corpus.sentences, n_topics=0)
    assert npmi(["a", "b"], [{"a", "b"}, {"c"}]) == pytest.approx(1.0)


def test_seed_report_areas_with_evidence(seed_path, model):
    seed = load_articles(seed_path, progress=False)
    _, article_areas = assign_areas(model, seed.sentences)
    expected = {
        "machinery",
        "microelectronics",
        "waste_recycling",
        "training",
        "science",
        "trade",
        "industrial_cooperation",
    }
    assert set(article_areas["area"]) == expected
    assert article_areas["evidence_text"].str.len().gt(20).all()


def test_shipped_model_is_current(corpus):
    shipped = default_model()
    fresh = CooperationAreaModel(random_state=0).fit(corpus.sentences)
    assert shipped.taxonomy_hash_ == fresh.taxonomy_hash_, "areas.toml changed: run `make model`"
    np.testing.assert_allclose(shipped.coef_, fresh.coef_, err_msg="run `make model`")


def test_analyze_writes_area_tables(seed_path, tmp_path):
    result = analyze(seed_path, progress=False, n_topics=0)
    assert {"sentence_areas", "article_areas"} <= set(result.tables)
    assert "areas:" in result.summary()


def test_a_custom_taxonomy_travels_with_the_saved_model(tmp_path, corpus):
    custom = tmp_path / "mine.toml"
    custom.write_text(
        '[areas.machinery]\ndefinition = "Machines."\n[areas.machinery.seeds]\nen = ["truck", "tractor"]\n'
        'de = ["traktor", "lastwag"]\nru = ["трактор"]\n'
    )
    model = CooperationAreaModel(custom).fit(corpus.sentences)
    save_model(model, tmp_path / "m1")
    custom.write_text("# edited after the fit\n" + custom.read_text())
    again = load_model(tmp_path / "m1")
    save_model(again, tmp_path / "m2")
    loaded = load_model(tmp_path / "m2")
    assert loaded.areas_ == ["machinery"]
    sample = corpus.sentences.head(30)
    np.testing.assert_allclose(loaded.transform(sample), model.transform(sample))


def test_empty_and_missing_input(model, tmp_path):
    empty = pd.DataFrame({"text": pd.Series([], dtype="str"), "language": pd.Series([], dtype="str")})
    assert model.transform(empty).shape == (0, len(model.areas_))
    predicted = model.predict(empty)
    assert predicted.empty and list(predicted.columns) == model.areas_
    with pytest.raises(ValueError, match="no sentences"):
        CooperationAreaModel().fit(empty)
    bare = tmp_path / "bare.toml"
    bare.write_text('[areas.x]\ndefinition = "No seeds at all."\n')
    with pytest.raises(ValueError, match="no seed terms"):
        CooperationAreaModel(bare).fit(pd.DataFrame({"text": ["a"], "language": ["en"]}))
    scores = model.transform(pd.DataFrame({"text": [None, "Tractors."], "language": [None, "en"]}))
    assert scores.shape == (2, len(model.areas_))


def test_fit_transform_equals_fit_then_transform():
    import numpy as np

    from analysis.areas.model import CooperationAreaModel
    from analysis.config import RAW_DIR
    from analysis.pipeline import load_articles

    sentences = load_articles(RAW_DIR, progress=False).sentences
    scores = CooperationAreaModel(random_state=0).fit_transform(sentences)
    np.testing.assert_allclose(scores, CooperationAreaModel(random_state=0).fit(sentences).transform(sentences))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Die",
                "nur",
                "am",
                "Rande",
                "RANDE",
                "not",
                "on",
                "the",
                "Agenda",
                "in",
                "passing",
                "стране",
                "не",
                "обсуждали",
                "НЕ",
                "рассматривали",
                "на",
                "потом",
                "Omsk",
                ",",
                " ",
                "Tagesordnung",
            ]
        ),  # fmt: skip
        max_size=10,
    )
)
def test_dismissal_cues_never_hide_a_phrase(words):
    from analysis.areas.features import _DISMISSAL_PHRASES, _dismissal_phrase

    text = " ".join(words)
    assert _dismissal_phrase(text) == (_DISMISSAL_PHRASES.search(text) is not None)


def test_a_model_travels_without_its_featurizer_caches(corpus, model):
    import pickle

    model.transform(corpus.sentences.head(50))  # fills the shared featurizer's caches
    copy = pickle.loads(pickle.dumps(model))
    assert "featurizer_" not in vars(copy) and len(pickle.dumps(model)) < 1_000_000
    np.testing.assert_array_equal(copy.transform(corpus.sentences), model.transform(corpus.sentences))


def test_thresholds_are_calibrated_per_area_on_the_weak_labels(model, corpus):
    from analysis.areas.model import THRESHOLD_GRID

    assert model.threshold == "calibrated" and model.thresholds_.shape == (len(model.areas_),)
    assert set(model.thresholds_) <= set(THRESHOLD_GRID) | {0.5}
    fixed = CooperationAreaModel(threshold=0.4).fit(corpus.sentences.head(400))
    assert (fixed.thresholds_ == 0.4).all()
    with pytest.raises(ValueError, match="'calibrated' or a number in"):
        CooperationAreaModel(threshold="auto").fit(corpus.sentences.head(50))


def test_transform_leaves_the_model_unchanged(model, corpus):
    import pickle

    before = pickle.dumps(model)
    model.transform(corpus.sentences.head(100))
    model.predict(corpus.sentences.head(10))
    assert pickle.dumps(model) == before


def test_predict_is_a_frame_of_the_input_index(model, corpus):
    sample = corpus.sentences.iloc[5:25]
    predicted = model.predict(sample)
    assert predicted.index.equals(sample.index) and list(predicted.columns) == model.areas_
    assert predicted.dtypes.eq(bool).all()
    np.testing.assert_array_equal(predicted.to_numpy(), model.transform(sample) >= model.thresholds_)


def test_saved_thresholds_travel_and_are_checked(model, tmp_path):
    _, npz_path = save_model(model, tmp_path / "m")
    np.testing.assert_array_equal(load_model(tmp_path / "m").thresholds_, model.thresholds_)
    with np.load(npz_path) as arrays:
        kept = {k: arrays[k] for k in arrays.files if k != "thresholds"}
    np.savez(npz_path, **kept)
    with pytest.raises(ValueError, match="per-area thresholds"):
        load_model(tmp_path / "m")


def test_cue_terms_show_why_an_area_was_assigned(model, corpus):
    assert model.cue_terms("Die Region kauft Traktoren und Mähdrescher aus Minsk.", "de", "machinery") == [
        "Traktoren",
        "Mähdrescher",
    ]
    assert model.cue_terms("Студенты пройдут стажировку в университете.", "ru", "training")[:2] == [
        "Студенты",
        "стажировку",
    ]
    with pytest.raises(ValueError, match="area must be one of machinery"):
        model.cue_terms("text", "en", "space")
    _, article_areas = assign_areas(model, corpus.sentences)
    assert (article_areas["cue_terms"] != "").all()
    for row in article_areas.head(40).itertuples():
        for term in row.cue_terms.split(";"):
            assert term.casefold() in row.evidence_text.casefold() or "-" in row.evidence_text


def test_coop_fit_sees_the_entity_cues_coop_analyze_sees(tmp_path):
    from analysis.cli import main

    assert main(["fit", str(RAW_DIR), "--out", str(tmp_path / "m")]) == 0
    fitted = load_model(tmp_path / "m")
    analyzed = analyze(RAW_DIR, n_topics=0, progress=False)
    sample = analyzed.sentences.head(300)
    np.testing.assert_allclose(fitted.transform(sample), analyzed.model.transform(sample), atol=1e-6)
    np.testing.assert_array_equal(fitted.thresholds_, analyzed.model.thresholds_)
