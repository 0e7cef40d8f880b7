"""The registry of figures: one list that the report, the notebooks and the tests share."""

import json
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import analyze, load_articles  # noqa: E402
from analysis.config import RAW_DIR  # noqa: E402
from analysis.pipeline import PipelineResult  # noqa: E402
from analysis.report.figures import FIGURES, corpus_caption, draw, write_figures  # noqa: E402
from analysis.report.notebooks import notebook_paths  # noqa: E402


@pytest.fixture(scope="module")
def result():
    return analyze(RAW_DIR / "en", progress=False, n_topics=2)


def test_names_and_files_are_unique_and_numbered_in_order():
    assert len(set(FIGURES.names())) == len(FIGURES) == 8
    assert [f.number for f in FIGURES] == list(range(1, len(FIGURES) + 1))
    assert [f.file for f in FIGURES][:2] == ["01-corpus-overview", "02-partner-enterprise"]
    with pytest.raises(KeyError, match="no figure 'nope'"):
        FIGURES["nope"]


def test_every_figure_is_drawn_with_its_caption(result):
    caption = corpus_caption(result)
    assert re.fullmatch(
        r"\d+ reports( \(\d+ republished cop(y|ies) counted once\))?, \d{4}-\d\d to \d{4}-\d\d", caption
    )
    for figure in FIGURES:
        assert figure.available(result), figure.name
        fig = figure.draw(result)
        assert fig.texts[-1].get_text() == caption, figure.name
        plt.close(fig)


def test_write_figures_writes_what_the_tables_hold(result, tmp_path):
    written = write_figures(result, tmp_path)
    assert sorted(p.name for p in written) == sorted(
        f"{f.file}.{ext}" for f in FIGURES for ext in ("csv", "png", "svg")
    )
    for figure in FIGURES:  # the data behind each chart, next to it
        data = pd.read_csv(tmp_path / f"{figure.file}.csv")
        assert len(data) == len(figure.table(result)), figure.name
    loaded_only = PipelineResult({k: result[k] for k in ("articles", "sentences", "rejects")})
    assert [p.stem for p in write_figures(loaded_only, tmp_path / "load")][0] == "01-corpus-overview"
    assert len(write_figures(loaded_only, tmp_path / "load")) == 3  # only the overview: PNG, SVG, CSV


def test_draw_takes_a_load_result_and_says_what_is_missing(capsys):
    loaded = load_articles(RAW_DIR / "en", progress=False)
    fig = draw("corpus-overview", loaded)
    assert len(fig.axes) == 4
    plt.close(fig)
    assert draw("termite", loaded) is None
    assert "termite: not drawn, the tables hold no model" in capsys.readouterr().out


def test_every_figure_is_in_a_notebook_and_the_notebooks_draw_only_registered_ones():
    drawn = []
    for path in notebook_paths():
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                drawn += re.findall(r'\bdraw\("([^"]+)"', "".join(cell["source"]))
    assert sorted(drawn) == sorted(FIGURES.names())


def _text_boxes(fig):
    """Every visible, non-empty text of ``fig`` with its box on the canvas, after drawing."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
    return [(t, t.get_window_extent(renderer)) for t in texts]


def _overlapping(fig):
    boxes = _text_boxes(fig)
    return [
        (a.get_text(), b.get_text())
        for i, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[i + 1 :]
        if box_a.overlaps(box_b)
        and box_a.intersection(box_a, box_b).width * box_a.intersection(box_a, box_b).height > 1
    ]


def test_no_text_boxes_overlap_in_any_figure(result):
    for figure in FIGURES:
        fig = figure.draw(result)
        assert _overlapping(fig) == [], figure.name
        plt.close(fig)


@pytest.mark.parametrize("period", ["year", "quarter"])
def test_areas_over_time_of_the_whole_corpus_keep_their_labels_apart(period):
    whole = analyze(RAW_DIR, progress=False, n_topics=0)
    fig = FIGURES["areas-over-time"].draw(whole, freq=period)
    assert _overlapping(fig) == []
    plt.close(fig)


def test_write_figures_draws_the_charts_over_time_by_the_period_asked(result, tmp_path):
    write_figures(result, tmp_path, period="quarter")
    periods = pd.read_csv(tmp_path / f"{FIGURES['areas-over-time'].file}.csv")["period"].astype(str)
    assert periods.str.fullmatch(r"\d{4}Q[1-4]").all()


def test_the_overlap_check_can_fail_and_add_caption_keeps_clear():
    from analysis.report.plotting import add_caption

    fig, ax = plt.subplots()
    ax.set_xticks([0, 1], ["first label", "second label"])
    fig.subplots_adjust(bottom=0.02)  # the tick labels reach the figure's bottom edge
    fig.text(0.01, 0.005, "a caption at the bottom edge, over the tick labels", va="bottom")
    assert _overlapping(fig)
    plt.close(fig)
    fig, ax = plt.subplots()
    ax.set_xticks([0, 1], ["first label", "second label"])
    fig.subplots_adjust(bottom=0.02)
    add_caption(fig, "a caption at the bottom edge, over the tick labels")
    assert _overlapping(fig) == []
    plt.close(fig)
