"""The charts. Each takes a tidy frame (see :mod:`analysis.report.aggregate`) and an optional ``ax``,
draws in the package style and returns the Axes (or, for multi-panel charts, the Figure).
Empty input draws an empty chart that says so, never an error."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.report.plotting.style import PALETTE, SEQUENTIAL, area_colour, style


def _axes(ax: Axes | None, figsize: tuple[float, float] | None = None) -> Axes:
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize)
    return ax


def _empty(ax: Axes, title: str, message: str = "no data") -> Axes:
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#777777")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _require(frame: pd.DataFrame, columns: list[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name}: missing columns {missing}; expected {columns}")


def _matrix(
    ax: Axes, table: pd.DataFrame, labels: pd.DataFrame | None, *, cbar_label: str, fmt: str, fontsize: float = 7
) -> None:
    image = ax.imshow(table.to_numpy(dtype=float), cmap=SEQUENTIAL, aspect="auto", vmin=0)
    ax.set_xticks(range(table.shape[1]), table.columns, rotation=90)
    ax.set_yticks(range(table.shape[0]), table.index)
    ax.spines[:].set_visible(False)
    values = table.to_numpy(dtype=float)
    top = np.nanmax(values) if values.size else 0
    for (i, j), value in np.ndenumerate(values):
        text = format(labels.iat[i, j] if labels is not None else value, fmt)
        colour = "white" if value < 0.6 * top else "black"
        ax.text(j, i, text, ha="center", va="center", fontsize=fontsize, color=colour, linespacing=1.0)
    ax.figure.colorbar(image, ax=ax, label=cbar_label, fraction=0.03)


def plot_area_partner_heatmap(shares: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Areas by partner region: share of the partner's reports (colour); in each cell the reports
    and the share's 95% Wilson interval in percent; each partner's reports beside its name.

    ``shares`` is :func:`analysis.report.aggregate.area_shares_by_partner`.
    """
    _require(
        shares, ["partner", "area", "share", "n_reports", "partner_reports", "low", "high"], "plot_area_partner_heatmap"
    )
    title = "Cooperation areas by partner region"
    with style():
        ax = _axes(ax, (10, 5))
        if shares.empty:
            return _empty(ax, title)
        totals = shares.drop_duplicates("partner").set_index("partner")["partner_reports"]
        order = totals.reset_index().sort_values(["partner_reports", "partner"], ascending=[False, True])["partner"]
        share = shares.pivot_table(index="partner", columns="area", values="share", fill_value=0).reindex(order)
        cell = shares.assign(
            label=[
                f"{k}\n{lo * 100:.0f}–{hi * 100:.0f}"
                for k, lo, hi in shares[["n_reports", "low", "high"]].itertuples(index=False)
            ]
        )
        labels = cell.pivot(index="partner", columns="area", values="label").reindex(index=order, columns=share.columns)
        labels = labels.fillna("")  # an area the aggregate did not list for a partner
        share.index = [f"{p} (n={int(totals[p])})" for p in share.index]
        labels.index = share.index
        _matrix(ax, share.fillna(0), labels, cbar_label="share of the partner's reports", fmt="s", fontsize=6)
        ax.set_title(f"{title}: reports, and the share's 95% Wilson interval (%)")
        ax.set_xlabel("area")
        ax.set_ylabel("partner region")
    return ax


def plot_areas_over_time(
    trend: pd.DataFrame, *, areas: list[str] | None = None, fig: Figure | None = None, ncols: int = 4
) -> Figure:
    """Small multiples: one panel per area (all areas, or ``areas``), shared axes, the share of
    each period's reports covering the area with its 95% Wilson interval as a band.

    ``trend`` is :func:`analysis.report.aggregate.areas_over_time` (by year or by quarter). Each panel's
    title gives the area and its reports; the x labels of the bottom row, the reports per period.
    Returns the Figure.
    """
    _require(trend, ["period", "area", "share", "low", "high", "n_reports", "period_reports"], "plot_areas_over_time")
    title = "Cooperation areas over time"
    with style():
        if trend.empty:
            fig = fig or plt.figure(figsize=(9, 4.5))
            fig.clear()
            _empty(fig.subplots(), title)
            return fig
        chosen = areas or sorted(trend["area"].unique())
        periods = sorted(trend["period"].unique())
        ncols = max(1, min(ncols, len(chosen)))
        nrows = -(-len(chosen) // ncols)
        fig = fig or plt.figure(figsize=(2.6 * ncols, 1.9 * nrows + 1.2))
        fig.clear()
        axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)).ravel()
        n = trend.drop_duplicates("period").set_index("period")["period_reports"].reindex(periods).fillna(0)
        x = np.arange(len(periods))
        most = 6 if max(len(str(p)) for p in periods) <= 4 else 3  # labels a panel: years, or quarters
        step = max(1, -(-len(periods) // most))
        for k, ax in enumerate(axes):
            if k >= len(chosen):
                ax.set_visible(False)
                continue
            area = chosen[k]
            rows = trend[trend["area"] == area].set_index("period").reindex(periods)
            colour = area_colour(area)
            ax.fill_between(x, rows["low"].fillna(0), rows["high"].fillna(0), color=colour, alpha=0.25, lw=0)
            ax.plot(x, rows["share"].fillna(0), marker="o", ms=3, color=colour)
            ax.set_title(f"{area} ({int(rows['n_reports'].fillna(0).sum())} reports)", fontsize=9)
            ax.set_ylim(0, 1)
            ax.set_xticks(x[::step], [f"{p}\n(n={int(c)})" for p, c in list(n.items())[::step]], fontsize=7)
            if k % ncols == 0:
                ax.set_ylabel("share", fontsize=8)
        for ax in axes[max(0, len(chosen) - ncols) : len(chosen)]:
            ax.xaxis.set_tick_params(labelbottom=True)
        fig.suptitle(f"{title}: share of each period's reports, 95% Wilson interval (n: reports in the period)")
        fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def plot_area_frequency(frequency: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Share of reports covering each area, with 95% bootstrap intervals.

    ``frequency`` is :func:`analysis.report.aggregate.area_frequency`.
    """
    _require(frequency, ["area", "share", "low", "high"], "plot_area_frequency")
    title = "How often each area comes up"
    with style():
        ax = _axes(ax, (7, 5))
        if frequency.empty:
            return _empty(ax, title)
        rows = frequency.sort_values("share", kind="stable")
        y = np.arange(len(rows))
        err = np.clip(np.vstack([rows["share"] - rows["low"], rows["high"] - rows["share"]]), 0, None)
        colours = [area_colour(a) for a in rows["area"]]
        ax.barh(y, rows["share"], xerr=err, color=colours, ecolor="#333333", capsize=2)
        ax.set_yticks(y, rows["area"])
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of reports (95% bootstrap interval)")
        ax.set_title(title)
    return ax


def plot_partner_enterprise(pairs: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Who with whom: reports naming each partner region with each Belarusian enterprise.

    ``pairs`` is :func:`analysis.report.aggregate.partner_enterprise_counts`.
    """
    _require(pairs, ["partner", "enterprise", "n_reports"], "plot_partner_enterprise")
    title = "Who with whom: partner regions and Belarusian enterprises"
    with style():
        ax = _axes(ax, (10, 5))
        if pairs.empty:
            return _empty(ax, title)
        table = pairs.pivot_table(index="partner", columns="enterprise", values="n_reports", fill_value=0)
        table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
        _matrix(ax, table, None, cbar_label="reports", fmt=".0f")
        ax.set_title(title)
        ax.set_xlabel("enterprise")
        ax.set_ylabel("partner region")
    return ax


def plot_areas_by_language(by_language: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Share of each language's reports covering each area, with 95% Wilson intervals: the same
    answer in every language? The legend gives each language's reports (n).

    ``by_language`` is :func:`analysis.report.aggregate.areas_by_language`.
    """
    _require(by_language, ["area", "language", "share", "low", "high", "language_reports"], "plot_areas_by_language")
    title = "Areas by report language"
    with style():
        ax = _axes(ax, (10, 4.5))
        if by_language.empty:
            return _empty(ax, title)
        areas = sorted(by_language["area"].unique())
        languages = sorted(by_language["language"].unique())
        width = 0.8 / max(1, len(languages))
        for k, lang in enumerate(languages):
            rows = by_language[by_language["language"] == lang].set_index("area").reindex(areas)
            err = np.clip(np.vstack([rows["share"] - rows["low"], rows["high"] - rows["share"]]), 0, None)
            ax.bar(
                np.arange(len(areas)) + k * width,
                rows["share"].fillna(0),
                width,
                yerr=np.nan_to_num(err),
                ecolor="#444444",
                capsize=1.5,
                error_kw={"lw": 0.7},
                label=f"{lang} (n={int(rows['language_reports'].dropna().iloc[0])})",
                color=PALETTE[k % len(PALETTE)],
            )
        ax.set_xticks(np.arange(len(areas)) + width * (len(languages) - 1) / 2, areas, rotation=90)
        ax.set_ylim(0, 1)
        ax.set_ylabel("share of the language's reports\n(95% Wilson interval)")
        ax.set_title(title)
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_topic_terms(topics: pd.DataFrame, *, ax: Axes | None = None, n_terms: int = 6) -> Axes:
    """Discovered topics: their top terms per language, with NPMI coherence.

    ``topics`` is the ``topics`` table of :func:`analysis.areas.discover.discover_topics`.
    """
    _require(topics, ["topic", "language", "terms", "npmi"], "plot_topic_terms")
    title = "Topics the seeded areas leave unexplained"
    with style():
        ax = _axes(ax, (10, 5))
        if topics.empty:
            return _empty(ax, title)
        ax.set_axis_off()
        y = 1.0
        step = 1.0 / (len(topics) + topics["topic"].nunique() + 1)
        for topic, group in topics.groupby("topic", sort=False):
            ax.text(
                0.0,
                y,
                f"{topic}  (NPMI {group['npmi'].iloc[0]:.2f})",
                fontweight="bold",
                transform=ax.transAxes,
                va="top",
            )
            y -= step
            for row in group.itertuples():
                terms = ", ".join(row.terms.split(", ")[:n_terms])
                ax.text(0.03, y, f"{row.language}: {terms}", transform=ax.transAxes, va="top", fontsize=8)
                y -= step
        ax.set_title(title)
    return ax


def plot_termite(weights: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Termite-style plot of terms × areas: circle area by the term's weight for the area.

    ``weights`` has columns ``term``, ``area``, ``weight`` (non-negative), e.g.
    :func:`analysis.report.aggregate.model_terms`.
    """
    _require(weights, ["term", "area", "weight"], "plot_termite")
    title = "Terms that speak for each area"
    terms = weights.groupby("term")["weight"].max().sort_values(kind="stable").index.tolist()
    with style():
        ax = _axes(ax, (9, max(5.0, 0.2 * len(terms) + 2.5)))  # a line of 8 pt per term
        if weights.empty:
            return _empty(ax, title)
        areas = sorted(weights["area"].unique())
        x = weights["area"].map({a: i for i, a in enumerate(areas)})
        y = weights["term"].map({t: i for i, t in enumerate(terms)})
        size = 150 * weights["weight"] / max(weights["weight"].max(), 1e-12)
        ax.scatter(x, y, s=size, color=[area_colour(a) for a in weights["area"]], alpha=0.7)
        ax.set_xticks(range(len(areas)), areas, rotation=90)
        ax.set_yticks(range(len(terms)), terms, fontsize=8)
        ax.set_xlim(-0.5, len(areas) - 0.5)
        ax.grid(True, color="#eeeeee")
        ax.set_xlabel("area")
        ax.set_title(title)
    return ax


def plot_corpus_overview(overview: pd.DataFrame, *, fig: Figure | None = None) -> Figure:
    """The data itself: reports per language and year, rejected inputs, and what cleaning did.

    ``overview`` is :func:`analysis.report.aggregate.corpus_overview`. Returns the Figure (4 panels).
    """
    _require(overview, ["facet", "label", "n"], "plot_corpus_overview")
    with style():
        fig = fig or plt.figure(figsize=(10, 6))
        fig.clear()  # the four panels replace whatever the figure held
        axes = fig.subplots(2, 2)
        titles = {
            "language": "Reports per language",
            "year": "Reports per year",
            "rejects": "Inputs rejected",
            "cleaning": "Cleaning",
        }
        for ax, (facet, title) in zip(axes.flat, titles.items(), strict=True):
            rows = overview[overview["facet"] == facet]
            if rows.empty:
                _empty(ax, title, "none" if facet == "rejects" else "no data")
                continue
            ax.barh(rows["label"], rows["n"], color=PALETTE[list(titles).index(facet)])
            for y, n in enumerate(rows["n"]):
                ax.text(n, y, f" {n}", va="center", fontsize=7)
            ax.set_title(title)
            ax.set_xlabel("count")
        fig.tight_layout()
    return fig
