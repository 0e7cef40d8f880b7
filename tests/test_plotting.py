import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import aggregate as ag  # noqa: E402
from analysis import analyze  # noqa: E402
from analysis.config import RAW_DIR  # noqa: E402
from analysis.figures import FIGURES  # noqa: E402
from analysis.plotting import (  # noqa: E402
    add_caption,
    plot_area_frequency,
    plot_areas_over_time,
    plot_corpus_overview,
    save_figure,
)


@pytest.fixture(scope="module")
def result():
    return analyze(RAW_DIR, progress=False, n_discovered=3)


@pytest.fixture(scope="module")
def tidy(result):
    """Each figure of the registry: its chart and the tidy frame it draws."""
    return {figure.name: (figure.chart, figure.table(result)) for figure in FIGURES}


# the corpus overview is a four-panel figure of its own (test_overview_and_caption)
AX_CHARTS = [f.name for f in FIGURES if f.name != "corpus-overview"]


@pytest.mark.parametrize("name", AX_CHARTS)
@pytest.mark.parametrize("size", ["full", "one_row", "empty"])
def test_charts_draw_on_any_input(tidy, name, size):
    func, frame = tidy[name]
    frame = frame if size == "full" else frame.head(1) if size == "one_row" else frame.head(0)
    fig, ax = plt.subplots()
    out = func(frame, ax=ax)
    assert out is ax and ax.get_title()
    if size == "empty":
        assert any(t.get_text() == "no data" for t in ax.texts)
    else:
        assert ax.get_children()
    plt.close(fig)


def test_chart_labels(tidy):
    ax = plot_areas_over_time(tidy["areas-over-time"][1])
    assert ax.get_ylabel() == "share of reports" and "(n=" in ax.get_xticklabels()[0].get_text()
    assert len(ax.get_legend().get_texts()) == 6
    ax = plot_area_frequency(tidy["area-frequency"][1])
    assert "bootstrap" in ax.get_xlabel()
    plt.close("all")


def test_missing_columns_are_named(tidy):
    with pytest.raises(ValueError, match="missing columns"):
        plot_area_frequency(pd.DataFrame({"area": ["x"]}))


def test_overview_and_caption(result):
    r = result
    fig = plot_corpus_overview(ag.corpus_overview(r.articles, r.rejects))
    assert len(fig.axes) == 4 and {a.get_title() for a in fig.axes} >= {"Reports per language", "Inputs rejected"}
    add_caption(fig, "126 reports, 2018-2025")
    assert fig.texts[-1].get_text() == "126 reports, 2018-2025"
    plt.close(fig)


def test_saved_figures_are_byte_stable(tidy, tmp_path):
    func, frame = tidy["areas-by-partner"]
    outputs = []
    for run in range(2):
        ax = func(frame)
        paths = save_figure(ax.figure, tmp_path / f"run{run}" / "heatmap")
        outputs.append([p.read_bytes() for p in paths])
        plt.close(ax.figure)
    assert outputs[0] == outputs[1]
    assert outputs[0][0].startswith(b"\x89PNG") and b"<svg" in outputs[0][1]


def test_aggregates_validate_options():
    empty = pd.DataFrame({"article_id": [], "area": []})
    with pytest.raises(ValueError, match="freq"):
        ag.areas_over_time(empty, pd.DataFrame({"article_id": [], "date": pd.to_datetime([])}), freq="month")
    with pytest.raises(ValueError, match="n_boot"):
        ag.area_frequency(empty, pd.DataFrame({"article_id": []}), n_boot=0)


def test_area_frequency_is_seeded(result):
    r = result
    a = ag.area_frequency(r.article_areas, r.articles, n_boot=100, random_state=1)
    b = ag.area_frequency(r.article_areas, r.articles, n_boot=100, random_state=1)
    pd.testing.assert_frame_equal(a, b)
    assert (a["low"] <= a["share"]).all() and (a["share"] <= a["high"]).all()
