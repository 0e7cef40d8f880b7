"""Acceptance test on the real BelTA report in ../shared/seeds (skipped where absent)."""

import pandas as pd

from analysis import analyze, load_articles
from analysis.cli import main


def test_seed_report(seed_path):
    result = load_articles(seed_path, progress=False)
    assert result.n_inputs == 1 and result.rejects.empty
    (a,) = result.articles.itertuples()
    assert a.language == "de"
    assert (a.dateline_city, a.agency) == ("Minsk", "BelTA")
    assert a.date == pd.Timestamp("2024-08-30")
    assert a.date_inferred and "2023" in a.date_evidence
    assert (a.n_paragraphs, a.n_duplicate_paragraphs) == (5, 4)
    assert not a.text.startswith("MINSK")
    assert set(result.sentences["language"]) == {"de"}
    assert result.sentences["paragraph_no"].max() == 5


def test_seed_through_the_cli(seed_path, tmp_path, capsys):
    out = tmp_path / "X"
    assert main(["analyze", str(seed_path.parent), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("1 inputs: 1 loaded, 0 rejected")
    articles = pd.read_parquet(out / "articles.parquet")
    assert articles.loc[0, "date"] == pd.Timestamp("2024-08-30")
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "area_model.json",
        "area_model.npz",
        "article_areas.parquet",
        "article_entities.parquet",
        "articles.parquet",
        "mentions.parquet",
        "rejects.csv",
        "rejects.parquet",
        "run.json",
        "sentence_areas.parquet",
        "sentence_topics.parquet",
        "sentences.parquet",
        "topic_examples.parquet",
        "topics.parquet",
    ]


def test_seed_entities(seed_path):
    result = analyze(seed_path, progress=False)
    ae = result.article_entities
    regions = ae[ae["entity_type"] == "region"]
    assert regions.loc[regions["role"] == "partner", "iso_code"].tolist() == ["RU-TOM"]
    assert regions.loc[regions["iso_code"] == "RU-TOM", "canonical_name"].tolist() == ["Tomsk Oblast"]
    assert result.articles.loc[0, "event_location"] == "Tomsk"
    enterprises = set(ae.loc[(ae["entity_type"] == "enterprise") & (ae["country"] == "BY"), "canonical_name"])
    assert enterprises >= {"MAZ", "MTZ", "Amkodor", "Minsk Motor Plant", "Belkommunmash", "Gomselmash"}
    assert enterprises - {"MAZ", "MTZ", "Amkodor", "Minsk Motor Plant", "Belkommunmash", "Gomselmash"} == {
        "Belarusian Universal Commodity Exchange"  # named in the report too
    }
    persons = ae[ae["entity_type"] == "person"].set_index("canonical_name")["title"]
    assert persons.to_dict() == {
        "Sergei Maslyak": "Ministers für Naturressourcen und Umweltschutz",
        "Vladimir Masur": "Gouverneurs des Gebietes Tomsk",
    }
