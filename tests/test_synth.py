"""benchmarks/synth.py: the synthetic scale-benchmark corpus is deterministic and loads as labelled.

The script is run as a program (``sys.executable benchmarks/synth.py``) on a few dozen reports in
both formats; the loader must read every report, find the labelled languages and dates, and split
exactly the sentences that ``gold/sentences.csv`` labels.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import load_articles
from analysis.areas.taxonomy import area_ids
from analysis.config import GOLD_DIR, PROJECT_ROOT
from analysis.evaluate.gold import read_gold

SCRIPT = PROJECT_ROOT / "benchmarks" / "synth.py"
N = 60


def _run(out: Path, *args: str) -> None:
    """Run the generator as a program into ``out``."""
    subprocess.run(
        [sys.executable, str(SCRIPT), "--n", str(N), "--out", str(out), *args],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


#: (format, extra arguments, languages asked for)
CASES = {
    "jsonl": ("jsonl", ("--seed", "3", "--shard-size", "25"), {"de", "en", "ru"}),
    "txt": ("txt", ("--seed", "4", "--languages", "de,ru"), {"de", "ru"}),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def corpus(request, tmp_path_factory):
    """A generated corpus, its load result and its gold labels, keyed to the gold ``file`` column."""
    fmt, args, languages = CASES[request.param]
    out = tmp_path_factory.mktemp(f"synth_{fmt}")
    _run(out, "--format", fmt, *args)
    if fmt == "jsonl":
        sources = sorted(str(p) for p in (out / "raw").glob("reports-*.jsonl"))
    else:
        sources = [str(out / "raw" / lang) for lang in sorted(languages)]
    result = load_articles(sources, progress=False)
    articles = result.articles
    if fmt == "jsonl":
        files = articles["source_id"]
    else:
        files = articles["source_path"].map(lambda p: Path(p).relative_to(out / "raw").as_posix())
    gold_articles, gold_sentences = read_gold(out / "gold")
    return {
        "fmt": fmt,
        "args": args,
        "out": out,
        "languages": languages,
        "result": result,
        "articles": articles.assign(file=files),
        "gold_articles": gold_articles,
        "gold_sentences": gold_sentences,
    }


def test_same_seed_gives_byte_identical_output(corpus, tmp_path):
    again = tmp_path / "again"
    _run(again, "--format", corpus["fmt"], *corpus["args"])
    first, second = _tree(corpus["out"]), _tree(again)
    assert sorted(first) == sorted(second)
    assert first == second


def test_another_seed_gives_other_reports(corpus, tmp_path):
    other = tmp_path / "other"
    _run(other, "--format", corpus["fmt"], "--seed", "99")
    assert (other / "gold" / "sentences.csv").read_bytes() != (corpus["out"] / "gold" / "sentences.csv").read_bytes()


def test_layout(corpus):
    out = corpus["out"]
    if corpus["fmt"] == "jsonl":
        assert sorted(p.name for p in (out / "raw").glob("*.jsonl")) == ["reports-00000.jsonl", "reports-00001.jsonl",
                                                               "reports-00002.jsonl"]  # fmt: skip
    else:
        assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["gold", "raw"]
        assert sorted(p.name for p in (out / "raw").iterdir() if p.is_dir()) == ["de", "ru"]
        assert sum(1 for _ in out.rglob("*.txt")) == N


def test_every_report_loads_with_no_rejects(corpus):
    result, articles = corpus["result"], corpus["articles"]
    assert len(result.rejects) == 0, result.rejects.to_string()
    assert len(articles) == N
    assert articles["file"].is_unique
    assert set(articles["language"]) == corpus["languages"]
    assert (articles["dateline_city"].notna() & articles["agency"].eq("BelTA")).all()
    assert articles["n_duplicate_paragraphs"].sum() == 0
    if corpus["fmt"] == "jsonl":
        assert articles["record"].notna().all()
        assert articles["source_id"].str.startswith("synth-").all()


def test_gold_files_have_the_columns_of_data_gold(corpus):
    for name in ("articles.csv", "sentences.csv"):
        assert _header(corpus["out"] / "gold" / name) == _header(GOLD_DIR / name)


def test_gold_has_one_row_per_report_and_agrees_with_the_loader(corpus):
    gold, articles = corpus["gold_articles"], corpus["articles"]
    assert len(gold) == N and gold["file"].is_unique
    merged = gold.merge(articles, on="file", suffixes=("_gold", ""), validate="one_to_one")
    assert len(merged) == N
    assert (merged["language_gold"] == merged["language"]).all()
    assert (merged["dateline_city_gold"] == merged["dateline_city"]).all()
    assert (merged["date_gold"] == merged["date"]).all()  # the year is in the dateline or the text
    assert (merged["title_gold"].fillna("") == merged["title"].fillna("")).all()
    assert gold["date"].dt.year.between(2018, 2025).all()
    assert (gold["duplicated_paragraphs"] == 0).all() and gold["duplicate_of"].isna().all()


def test_labels_are_consistent(corpus):
    gold, sentences = corpus["gold_articles"], corpus["gold_sentences"]
    known = set(area_ids())
    assert gold["areas"].map(len).between(2, 5).all()
    assert gold["partner_regions"].map(len).between(1, 2).all()
    assert gold["enterprises"].map(len).between(0, 3).all()
    assert set(gold["areas"].explode()) <= known
    union = sentences.groupby("file")["areas"].agg(lambda s: set().union(*map(set, s)))
    for file, areas in zip(gold["file"], gold["areas"], strict=True):
        assert set(areas) == union[file], file
    counts = sentences.groupby("file")["sentence_no"].agg(["count", "min", "max"])
    assert counts["count"].between(4, 9).all()
    assert (counts["min"] == 1).all() and (counts["max"] == counts["count"]).all()
    assert (sentences["areas"].map(len) == 0).any()  # protocol sentences carry no area


def test_gold_sentences_are_the_loaders_sentences(corpus):
    result, articles = corpus["result"], corpus["articles"]
    loaded = result.sentences.merge(articles[["article_id", "file"]], on="article_id")
    loaded = {(f, int(n)): t for f, n, t in zip(loaded["file"], loaded["sentence_no"], loaded["text"], strict=True)}
    gold = corpus["gold_sentences"]
    labelled = {(f, int(n)): t for f, n, t in zip(gold["file"], gold["sentence_no"], gold["text"], strict=True)}
    assert loaded.keys() == labelled.keys()
    mismatched = [(key, labelled[key], loaded[key]) for key in labelled if labelled[key] != loaded[key]]
    assert not mismatched, mismatched[:3]
