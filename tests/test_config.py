import json
import math
from dataclasses import fields

import pytest

from analysis import analyze, load_articles
from analysis.config import LANGUAGES, MIN_FIT_SENTENCES, Settings
from analysis.engine.core import run

REPORT = "MINSK, 3. Mai 2021 (BelTA) - Belarus liefert Traktoren nach Omsk. Die Zusammenarbeit wächst weiter."


def test_defaults_are_documented_once_and_every_field_in_the_docstring():
    doc = Settings.__doc__
    for f in fields(Settings):
        assert f"{f.name} :" in doc, f.name


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"year": 1066}, "year must be an int between 1900 and 2100"),
        ({"year": 1985, "date_years": (1990, 2030)}, r"year must be an int between 1990 and 2030 \(date_years\)"),
        ({"date_years": (2030, 1990)}, "date_years must be two years .first, last."),
        ({"date_years": (1990,)}, "date_years must be two years"),
        ({"date_years": "1990-2030"}, "date_years must be two years"),
        ({"year": True}, "year must be"),
        ({"max_bytes": 0}, "max_bytes must be a positive"),
        ({"max_archive_bytes": -1}, "max_archive_bytes must be a positive"),
        ({"languages": ("de", "fr")}, "languages must be some of de, en, ru, be"),
        ({"languages": ()}, "languages must be some of"),
        ({"n_topics": "many"}, "n_topics must be 'auto' or an int >= 0"),
        ({"random_state": 1.5}, "random_state must be an int"),
        ({"fit_sample": MIN_FIT_SENTENCES - 1}, f"fit_sample must be an int of at least {MIN_FIT_SENTENCES}"),
        ({"partition_bytes": 0}, "partition_bytes must be positive"),
    ],
)
def test_bad_values_are_refused_with_what_is_allowed(change, message):
    with pytest.raises(ValueError, match=message):
        Settings(**change)


def test_an_unknown_name_lists_the_settings():
    with pytest.raises(TypeError, match="unknown setting 'seed'; the settings are: year, use_file_dates"):
        Settings.of(None, seed=3)
    with pytest.raises(TypeError, match="unknown setting 'n_discovered'"):
        load_articles("nowhere", n_discovered=0)


def test_of_changes_a_copy_and_keeps_the_rest():
    base = Settings(year=2020, languages=["de", "ru"])
    changed = Settings.of(base, n_topics=0)
    assert (changed.year, changed.languages, changed.n_topics) == (2020, ("de", "ru"), 0)
    assert base.n_topics == Settings().n_topics  # frozen: the original is untouched
    assert Settings.of(None) == Settings()


def test_as_dict_is_json_and_round_trips():
    settings = Settings(partition_bytes=math.inf, taxonomy=None, n_topics="auto")
    values = json.loads(json.dumps(settings.as_dict()))
    assert values["partition_bytes"] is None and values["languages"] == list(LANGUAGES)
    assert Settings(**{**values, "partition_bytes": math.inf}) == settings


def test_date_years_sets_which_dates_are_taken_in_memory_and_in_the_engine(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(REPORT.replace("2021", "1985"))
    (tmp_path / "src" / "b.txt").write_text(REPORT.replace("3. Mai", "4. Mai"))
    default = load_articles(tmp_path / "src", progress=False).articles
    assert default["date"].dt.year.tolist() == [1985, 2021]
    narrow = load_articles(tmp_path / "src", date_years=[1990, 2030], progress=False).articles
    assert narrow["date"].isna().tolist() == [True, False]
    assert narrow["date_reason"].iloc[0] == "date_out_of_range: year 1985 (dateline)"
    account = run(tmp_path / "src", out=tmp_path / "out", date_years=(1990, 2030), n_topics=0, progress=False)
    assert account.settings.date_years == (1990, 2030)
    import pandas as pd

    engine = pd.read_parquet(tmp_path / "out" / "articles.parquet")
    assert engine["date_reason"].tolist() == narrow["date_reason"].tolist()


def test_the_functions_take_a_settings_object_or_its_names_alike(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT)
    by_object = load_articles(tmp_path, settings=Settings(year=2019), progress=False)
    by_name = load_articles(tmp_path, year=2019, progress=False)
    assert by_object.articles.equals(by_name.articles)
    result = analyze(tmp_path, settings=Settings(n_topics=0), progress=False)
    assert "topics" not in result.tables and "article_areas" in result.tables
    account = run(tmp_path, out=tmp_path.parent / "out", settings=Settings(n_topics=0), random_state=4, progress=False)
    assert account.settings.random_state == 4 and account.settings.n_topics == 0
