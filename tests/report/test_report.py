"""The HTML report: built end to end, on the bundled corpus and on one it has never seen, and
opened in headless Chromium (installed by .ci/run) with every image loaded and no console output."""

import html as html_lib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.pipeline import read_tables
from analysis.report import aggregate as ag
from analysis.report.figures import FIGURES, corpus_caption, counted_once
from analysis.report.html import build_report
from analysis.report.notebooks import notebook_paths

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def bundled_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return build_report(None, out, progress=False)


def page_text(page: Path) -> str:
    """The report as a reader sees it: tags removed, entities decoded."""
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


def assert_counts_agree_with_the_tables(page: Path) -> None:
    """Every count the report's text states, recomputed here from the tables it was made from."""
    result = read_tables(page.parent / "tables")
    once = counted_once(result)
    n, copies = len(once.articles), ag.n_copies(result.articles)
    assert n + copies == len(result.articles)
    raw = page.read_text(encoding="utf-8")
    assert f"<th>reports</th><td>{n} (each republished copy counted once: {copies} folded)</td>" in raw
    text = page_text(page)
    assert text.count(ag.copies_note(result.articles)) == 2  # notebooks 2 and 3
    assert f"counted once: {n} reports" in ag.copies_note(result.articles)
    assert corpus_caption(result) in text
    areas = once.article_areas
    assert f"areas: {areas['area'].nunique()} areas in {areas['article_id'].nunique()} reports" in text
    period = json.loads((page.parent / "run.json").read_text(encoding="utf-8"))["parameters"]["period"]
    over_time = ag.areas_over_time(once.article_areas, once.articles, freq=period)
    assert ag.trend_statement(over_time) in text
    leaders = ag.leading_partners(once.article_areas, once.article_entities, top=30)
    assert ag.leading_partners_note(leaders, top=30) in text
    if copies:
        assert f"{len(result.articles)} reports" not in corpus_caption(result)
    boxes = ag.value_boxes(once.articles, once.article_areas, once.article_entities, freq=period)
    assert boxes.set_index("label").at["reports", "value"] == str(n)
    assert boxes.set_index("label").at["with an area", "note"] == f"{areas['article_id'].nunique()} of {n} reports"
    for row in boxes.itertuples():
        assert f"<span class='value'>{html_lib.escape(row.value)}</span>{html_lib.escape(row.label)}" in raw


def assert_polished(page: Path) -> None:
    """No raw pandas output, no missing-value markers and no visible "¶" in what a reader sees."""
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", page_text(page))
    for raw in ("dtype:", "Name: count", "NaN", "NaT", "<NA>", "¶"):
        assert raw not in text, raw
    assert 'class="anchor-link"' not in page.read_text(encoding="utf-8")


def open_in_chromium(page: Path, tmp: Path) -> tuple[str, str]:
    """Load ``page`` headless; return the DOM after the load event and Chromium's log."""
    return open_in_chromium_at(page, tmp, "")


def open_in_chromium_at(
    page: Path, tmp: Path, fragment: str, *, action: tuple[str, ...] = ("--dump-dom",)
) -> tuple[str, str]:
    """:func:`open_in_chromium` at ``page`` with ``fragment`` (``#area=trade``) in its address;
    ``action`` is what Chromium does with the page (dump the DOM, or ``--screenshot=PATH``)."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it")
        pytest.skip("chromium is not installed here (.ci/run installs it for CI)")
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp / 'profile'}", "--enable-logging=stderr", "--v=0",
        "--virtual-time-budget=10000", *action, page.resolve().as_uri() + fragment,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    return done.stdout, done.stderr


def console_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if re.search(r":CONSOLE[:(]\d+\)?\]", line)]


def test_report_files(bundled_report):
    out = bundled_report.parent
    figures = sorted(p.name for p in (out / "figures").iterdir())
    assert figures == sorted(f"{f.file}.{ext}" for f in FIGURES for ext in ("csv", "png", "svg"))
    assert {"articles.parquet", "articles.csv", "article_areas.csv", "mentions.csv", "area_model.json"} <= {
        p.name for p in (out / "tables").iterdir()
    }
    html = bundled_report.read_text()
    assert html.count('src="data:image/png;base64,') == len(FIGURES)  # each figure once, drawn by a notebook
    assert "corpus content hash" in html and "coop-analysis" in html and "scikit-learn" in html
    assert not re.search(r"\bhttps?://", html), "the report must be self-contained"
    notebooks = html[: html.index("<section class='explorer'>")]  # the explorer quotes the reports' words
    assert "def " not in notebooks and "import " not in notebooks, "code is hidden"


def test_the_pipeline_runs_once_and_the_notebooks_read_its_tables(bundled_report):
    out = bundled_report.parent
    manifest = json.loads((out / "run.json").read_text())
    assert manifest["analysis"]["n_loaded"] == 126 and manifest["analysis"]["timings_s"]["load"] >= 0
    assert {"analyze", "notebooks", "page", "total"} <= set(manifest["seconds"])
    assert manifest["parameters"] == {"seed": 0, "topics": 6, "period": "year"}
    assert manifest["complete"] is True and not [p for p in out.iterdir() if p.name.startswith(".coop-staging")]
    for path in notebook_paths():
        executed = json.loads((out / "notebooks" / path.name).read_text())
        injected = [c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
        assert f"TABLES = {str((out / 'tables').resolve())!r}" in "".join(injected[0]["source"])
        assert [c["execution_count"] for c in executed["cells"] if c["cell_type"] == "code"][0] == 1


def test_the_counts_in_the_text_are_the_tables_counts_with_copies_once(bundled_report):
    assert_counts_agree_with_the_tables(bundled_report)
    assert ag.n_copies(read_tables(bundled_report.parent / "tables").articles) == 6
    text = page_text(bundled_report)
    assert "machinery and trade give way" not in text  # no fixed prose about the bundled corpus
    assert_polished(bundled_report)


def test_the_explorer_holds_one_row_per_report_and_area(bundled_report):
    once = counted_once(read_tables(bundled_report.parent / "tables"))
    raw = bundled_report.read_text(encoding="utf-8")
    table = raw[raw.index("<table id='explorer'") :]
    table = table[: table.index("</table>")]
    assert (
        table.count("<tr data-area=")
        == len(once.article_areas)
        == len(once.article_areas.drop_duplicates(["article_id", "area"]))
    )
    assert f"data-rows='{len(once.article_areas)}'" in table
    for area, n in once.article_areas["area"].value_counts().items():
        assert table.count(f'data-area="{area}"') == n
    assert "<script src" not in raw


def test_the_explorer_filters_in_the_browser(bundled_report, tmp_path):
    once = counted_once(read_tables(bundled_report.parent / "tables"))
    area = once.article_areas["area"].value_counts().index[0]
    dom, log = open_in_chromium_at(bundled_report, tmp_path, f"#area={area}")
    shown = re.search(r"data-shown=\"?'?(\d+)", dom[dom.index('id="explorer"') :])
    assert shown and int(shown.group(1)) == int((once.article_areas["area"] == area).sum()) < len(once.article_areas)
    assert console_lines(log) == []


def test_the_explorer_s_filters_combine_in_the_browser(bundled_report, tmp_path):
    from urllib.parse import quote

    from analysis.report.html import evidence_rows

    rows = evidence_rows(read_tables(bundled_report.parent / "tables"))
    first = rows[rows["partners"] != ""].iloc[0]
    partner = first["partners"].split("; ")[0]
    word = next(w for w in first["evidence_text"].split() if len(w) > 5 and w.isalpha())
    filters = {"partner": partner, "year": first["year"], "language": first["language"], "q": word}
    expected = rows[
        rows["partners"].str.split("; ").map(lambda names: partner in names)
        & (rows["year"] == first["year"])
        & (rows["language"] == first["language"])
    ]
    dom, log = open_in_chromium_at(
        bundled_report, tmp_path, "#" + "&".join(f"{k}={quote(v)}" for k, v in filters.items())
    )
    table = dom[dom.index('id="explorer"') :]
    shown = int(re.search(r"data-shown=\"?'?(\d+)", table).group(1))
    assert 1 <= shown <= len(expected) < len(rows)  # the text search narrows the other filters' rows further
    assert console_lines(log) == []


#: Where the browser test keeps its screenshot, an artifact of the test run (git ignores build/).
ARTIFACTS = Path(__file__).parents[2] / "build" / "test-artifacts"


def test_a_screenshot_of_the_report_at_1400_px_is_kept(bundled_report, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "report-1400px.png"
    shot.unlink(missing_ok=True)
    open_in_chromium_at(bundled_report, tmp_path, "", action=("--window-size=1400,2400", f"--screenshot={shot}"))
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(header[16:20], "big") == 1400


def test_report_in_the_browser(bundled_report, tmp_path):
    dom, log = open_in_chromium(bundled_report, tmp_path)
    loaded = re.search(r'data-images="loaded:(\d+)"', dom)
    assert loaded and int(loaded.group(1)) >= 8, re.search(r'data-images="[^"]*"', dom)
    assert console_lines(log) == []


def test_the_browser_check_can_fail(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(
        '<html><body data-images="pending"><img src="missing.png"><script>console.error("boom");'
        'window.addEventListener("load", function () { var ok = Array.prototype.every.call(document.images,'
        " function (i) { return i.complete && i.naturalWidth > 0; });"
        ' document.body.setAttribute("data-images", ok ? "loaded" : "broken"); });</script></body></html>'
    )
    dom, log = open_in_chromium(page, tmp_path)
    assert 'data-images="broken"' in dom
    assert any("boom" in line for line in console_lines(log))


def test_the_report_folder_is_the_report_s_alone(tmp_path):
    from analysis.config import bundled_corpus
    from analysis.engine.outdir import OutputFolder, OutputFolderError

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "report.html").write_text("my own notes")
    with pytest.raises(OutputFolderError, match="report.html"):
        build_report(None, mine, progress=False)
    assert [p.name for p in mine.iterdir() if not p.name.startswith(".")] == ["report.html"]
    assert (mine / "report.html").read_text() == "my own notes"
    with OutputFolder(tmp_path / "held"), pytest.raises(OutputFolderError, match="in use by another coop run"):
        build_report(None, tmp_path / "held", progress=False)
    with pytest.raises(OutputFolderError, match="inside the source"):
        build_report(bundled_corpus() / "en", bundled_corpus() / "en" / "report", progress=False)


def test_report_on_a_corpus_it_has_never_seen(tmp_path, seed_path):
    corpus = tmp_path / "corpus"
    subprocess.run(
        [
            sys.executable,
            str(Path(__file__).parents[2] / "benchmarks" / "synth.py"),
            "--n",
            "40",
            "--out",
            str(tmp_path / "synth"),
            "--seed",
            "7",
        ],
        check=True,
        capture_output=True,
    )
    shutil.copytree(tmp_path / "synth" / "raw", corpus)
    shutil.copy(seed_path, corpus / seed_path.name)
    shutil.copy(seed_path, corpus / f"copy-{seed_path.name}")  # a republished copy: counted once
    done = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "report", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == "" and done.stderr == "", "-q prints nothing but errors"
    html = (tmp_path / "out" / "report.html").read_text()
    assert str(corpus) in html and html.count('src="data:image/png;base64,') == len(FIGURES)
    assert "42 inputs: 42 loaded" in html
    assert_counts_agree_with_the_tables(tmp_path / "out" / "report.html")
    text = page_text(tmp_path / "out" / "report.html")
    assert "1 republished copy counted once: 41 reports" in text
    assert "No gold labels for this corpus: no evaluation." in text
    assert_polished(tmp_path / "out" / "report.html")


def test_the_report_on_the_shared_dev_set_counts_what_its_tables_hold(tmp_path, seed_path):
    dev = seed_path.parents[1] / "dev" / "articles"  # beside the seeds in ../shared
    if not dev.is_dir():
        pytest.skip("../shared/dev is not present")
    page = build_report(dev, tmp_path / "out", period="quarter", progress=False)
    assert_counts_agree_with_the_tables(page)
    assert_polished(page)
    text = page_text(page)
    assert "No gold labels for this corpus: no evaluation." in text
    assert "machinery and trade give way" not in text  # no fixed prose about the bundled corpus


def test_the_notebooks_parameters_and_coop_report_s_options_are_one_set():
    import ast

    import nbformat

    from analysis.cli import _parser

    sub = next(a for a in _parser()._actions if a.dest == "command")
    report = {a.dest.upper() for a in sub.choices["report"]._actions if a.option_strings} - {"HELP", "OUT", "QUIET"}
    for path in notebook_paths():
        cell = next(c for c in nbformat.read(path, as_version=4).cells if "parameters" in c.metadata.get("tags", []))
        names = {t.id for node in ast.parse(cell.source).body for t in node.targets}
        assert names - {"TABLES"} == report, path.name  # TABLES is where coop report's own run wrote
