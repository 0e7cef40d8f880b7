import shutil

import pandas as pd
import pytest

from analysis.cli import main
from analysis.config import GOLD_DIR, RAW_DIR
from analysis.evaluate.areas import halves, read_area_gold, run_on
from analysis.evaluate.gold import read_gold
from analysis.evaluate.scores import macro_f1


@pytest.fixture(scope="module")
def labelled_set(tmp_path_factory):
    """A labels.csv set (the shared dev set's format) made of some 20 bundled reports."""
    gold, _ = read_gold(GOLD_DIR)
    chosen = gold.groupby("language").head(6)
    folder = tmp_path_factory.mktemp("labelled")
    (folder / "articles").mkdir()
    names = []
    for file in chosen["file"]:
        name = file.replace("/", "_")
        shutil.copy(RAW_DIR / file, folder / "articles" / name)
        names.append(name)
    pd.DataFrame(
        {"file": names, "language": chosen["language"].tolist(), "areas": chosen["areas"].map(";".join).tolist()}
    ).to_csv(folder / "labels.csv", index=False)
    return folder, chosen


def test_both_gold_formats_give_the_same_scores(labelled_set):
    folder, chosen = labelled_set
    labels, source = read_area_gold(folder)
    assert source == folder / "articles" and len(labels) == len(chosen) >= 20
    assert labels["areas"].map(len).sum() == chosen["areas"].map(len).sum()
    run = run_on(source, labels)
    bundled, _ = read_area_gold(GOLD_DIR)
    reference = run_on(RAW_DIR, bundled, model=run.model)
    subset = reference.scores("model", files=chosen["file"].tolist())
    assert macro_f1(run.scores("model"), areas=run.areas) == macro_f1(subset, areas=run.areas)
    assert "shipped model" in run.how  # so few reports are too few sentences to fit on


def test_missing_gold_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="no articles.csv or labels.csv"):
        read_area_gold(tmp_path)
    (tmp_path / "labels.csv").write_text("file,language\nx.txt,de\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks the columns areas"):
        read_area_gold(tmp_path)


def test_halves_split_every_file_once():
    files = [f"{lang}_{i}.txt" for lang in ("de", "en") for i in range(7)]
    a, b = halves(files)
    assert sorted(a + b) == sorted(files) and abs(len(a) - len(b)) <= 1
    assert halves(files) == (a, b)  # stable


def test_evaluate_areas_cli_on_a_labelled_set(labelled_set, capsys):
    folder, _ = labelled_set
    assert main(["evaluate", "areas", "--gold", str(folder), "--cross", str(GOLD_DIR)]) == 0
    out = capsys.readouterr().out
    assert "seed_terms  macro-F1 over 13 areas" in out and "cross-corpus check" in out and "in-sample" in out
    assert "per area and language" in out
