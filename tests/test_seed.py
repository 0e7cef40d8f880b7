"""Acceptance test on the real BelTA report in ../shared/seeds (skipped where absent)."""

import pandas as pd

from analysis import load_articles
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
    assert sorted(p.name for p in out.iterdir()) == ["articles.parquet", "rejects.csv", "sentences.parquet"]
