import pytest

from analysis.areas.taxonomy import CORE_AREAS, area_ids, load_taxonomy


def test_shipped_taxonomy():
    tax = load_taxonomy()
    assert len(tax) == 13 and tax["area"].is_unique
    assert set(CORE_AREAS) <= set(tax["area"])
    assert tax["definition"].str.len().gt(20).all()


def test_user_file(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[areas.space]\nname = "Space"\ndefinition = "Satellites and launchers."\n')
    assert area_ids(path) == ["space"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not toml [", "not valid TOML"),
        ("x = 1", r"\[areas.<id>\]"),
        ('[areas.Bad-Id]\ndefinition = "x"', "lower case"),
        ("[areas.ok]\nname = 'x'", "needs a definition"),
    ],
)
def test_bad_files(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(ValueError, match=message):
        load_taxonomy(path)
