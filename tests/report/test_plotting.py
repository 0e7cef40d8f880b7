import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import analyze  # noqa: E402
from analysis.config import RAW_DIR  # noqa: E402
from analysis.report import aggregate as ag  # noqa: E402
from analysis.report.figures import FIGURES  # noqa: E402
from analysis.report.plotting import (  # noqa: E402
    add_caption,
    plot_area_frequency,
    plot_areas_over_time,
    plot_corpus_overview,
    save_figure,
)


@pytest.fixture(scope="module")
def result():
    return analyze(RAW_DIR, progress=False, n_topics=3)


@pytest.fixture(scope="module")
def tidy(result):
    """Each figure of the registry: its chart and the tidy frame it draws."""
    return {figure.name: (figure.chart, figure.table(result)) for figure in FIGURES}


# the corpus overview and areas over time are multi-panel figures of their own
AX_CHARTS = [f.name for f in FIGURES if f.name not in ("corpus-overview", "areas-over-time")]


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


def test_areas_over_time_is_one_panel_per_area_with_intervals_and_n(tidy, result):
    trend = tidy["areas-over-time"][1]
    fig = plot_areas_over_time(trend)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == trend["area"].nunique() == 13  # every area, not the six largest
    assert {ax.get_ylim() for ax in panels} == {(0.0, 1.0)}  # shared axes
    for ax in panels:
        assert re.fullmatch(r"[a-z_]+ \(\d+ reports\)", ax.get_title())
        assert ax.collections, "the Wilson band"
    bottom = panels[-1]
    assert all("(n=" in t.get_text() for t in bottom.get_xticklabels())
    assert "Wilson" in fig.get_suptitle()
    plt.close(fig)
    quarters = ag.areas_over_time(result.article_areas, result.articles, freq="quarter")
    fig = plot_areas_over_time(quarters)
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 13
    plt.close(fig)
    empty = plot_areas_over_time(trend.head(0))
    assert any(t.get_text() == "no data" for ax in empty.axes for t in ax.texts)
    plt.close(empty)


def test_wilson_intervals_hold_the_share_and_narrow_with_n():
    low, high = ag.wilson_interval([0, 2, 20, 5], [4, 4, 40, 5])
    assert low[0] == 0 and 0 < high[0] < 1 and low[3] < 1 and high[3] == 1
    assert low[1] < 0.5 < high[1] and (high[2] - low[2]) < (high[1] - low[1])
    low, high = ag.wilson_interval([0], [0])
    assert (low[0], high[0]) == (0.0, 1.0)


def test_areas_by_language_gives_each_languages_n_and_interval(tidy):
    frame = tidy["areas-by-language"][1]
    assert (frame["low"] <= frame["share"]).all() and (frame["share"] <= frame["high"]).all()
    small = frame[frame["language_reports"] == frame["language_reports"].min()]
    large = frame[frame["language_reports"] == frame["language_reports"].max()]
    assert (small["high"] - small["low"]).mean() > (large["high"] - large["low"]).mean()
    fig, ax = plt.subplots()
    plot_areas_by_language = FIGURES["areas-by-language"].chart
    plot_areas_by_language(frame, ax=ax)
    assert all("(n=" in t.get_text() for t in ax.get_legend().get_texts())
    assert "Wilson" in ax.get_ylabel()
    plt.close(fig)


def test_chart_labels(tidy):
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


def test_each_area_has_one_colour_in_every_chart(tidy):
    from analysis.areas.taxonomy import area_ids
    from analysis.report.plotting.style import area_colour

    colours = [area_colour(a) for a in area_ids()]
    assert len(set(colours)) == len(colours) and area_colour("not an area") == "#777777"
    freq = tidy["area-frequency"][1]
    ax = plot_area_frequency(freq)
    bars = {p.get_facecolor() for p in ax.patches}
    assert len(bars) == len(freq)
    from matplotlib.colors import to_rgba

    rows = freq.sort_values("share", kind="stable")
    assert [p.get_facecolor() for p in ax.patches] == [to_rgba(area_colour(a)) for a in rows["area"]]
    fig = plot_areas_over_time(tidy["areas-over-time"][1])
    panel = next(a for a in fig.axes if a.get_title().startswith(rows["area"].iloc[0] + " "))
    assert to_rgba(panel.lines[0].get_color()) == to_rgba(area_colour(rows["area"].iloc[0]))
    plt.close("all")


def test_term_charts_show_no_stop_words(result):
    from analysis.areas.discover import stop_words

    terms = ag.model_terms(result.model, n_terms=8)["term"]
    stop = stop_words()
    assert len(terms) and not any(ag.is_noise_term(t, stop) for t in terms)
    assert ag.is_noise_term("between", stop) and ag.is_noise_term("и", stop) and ag.is_noise_term("der", stop)
    assert not ag.is_noise_term("tractor", stop)
