import pandas as pd

from analysis.cli import main
from analysis.evaluate.load import read_load_gold, score_load
from analysis.pipeline import load_articles


def _write(tmp_path):
    raw = tmp_path / "articles"
    raw.mkdir()
    (raw / "a.txt").write_text("MINSK, 3. Mai 2021 (BelTA) - Belarus liefert Traktoren nach Omsk.")
    (raw / "b.txt").write_text("MINSK, 4. Mai 2020 (BelTA) - Belarus liefert Busse nach Tomsk.")
    (raw / "c.txt").write_text("MINSK, 5. Mai (BelTA) - Belarus liefert Busse nach Tomsk.")
    pd.DataFrame(
        {
            "file": ["a.txt", "b.txt", "c.txt"],
            "language": ["de", "de", "de"],
            "dateline_city": ["Minsk", "Minsk", "Minsk"],
            "agency": ["BelTA", "BelTA", "BelTA"],
            "date_iso": ["2021-05-03", "2021-05-04", "2021-05-05"],
        }
    ).to_csv(tmp_path / "labels.csv", index=False)
    return raw


def test_right_wrong_none(tmp_path):
    raw = _write(tmp_path)
    scores = score_load(read_load_gold(tmp_path), load_articles(raw, progress=False).articles, source=raw)
    outcome = dict(zip(scores.table["file"], scores.table["date_outcome"], strict=True))
    assert outcome == {"a.txt": "right", "b.txt": "wrong", "c.txt": "none"}
    assert scores.table["city_ok"].all() and scores.table["agency_ok"].all()


def test_cli_prints_the_figures(tmp_path, capsys):
    _write(tmp_path)
    assert main(["evaluate", "load", "--gold", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "dates of the 3 dated: right 1, wrong 1, none 1" in out
    assert "b.txt: 2020-05-04 (gold 2021-05-04) from dateline" in out


def test_entities_against_a_labels_csv(tmp_path, capsys):
    raw = tmp_path / "articles"
    raw.mkdir()
    (raw / "a.txt").write_text("MINSK, 3. Mai 2021 (BelTA) - Das Gebiet Tomsk kauft Traktoren von MTZ.")
    (raw / "b.txt").write_text("MINSK, 4. Mai 2021 (BelTA) - Das Gebiet Omsk will mit Belarus zusammenarbeiten.")
    pd.DataFrame(
        {
            "file": ["a.txt", "b.txt"],
            "language": ["de", "de"],
            "partner_iso": ["RU-TOM", "RU-OMS"],
            "enterprises": ["MTZ", "MAZ"],
        }
    ).to_csv(tmp_path / "labels.csv", index=False)
    assert main(["evaluate", "entities", "--gold", str(tmp_path)]) == 0
    table, roles = capsys.readouterr().out.split("\n\n", 1)
    rows = [line.split() for line in table.splitlines()[2:]]
    scores = {(r[0], r[1]): r for r in rows}
    assert [float(v) for v in scores[("partner_region", "all")][3:6]] == [1.0, 1.0, 1.0]
    assert [float(v) for v in scores[("enterprise", "all")][3:6]] == [1.0, 0.5, 0.667]  # MAZ is not in report b
    # the partner role per role, and what the labels cannot score
    assert "partner role: precision 1.000, recall 1.000, F1 1.000 (tp 2, fp 0, fn 0)" in roles
    assert "venue role" not in roles and "cannot be scored" in roles
