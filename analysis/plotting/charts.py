"""The charts. Each takes a tidy frame (see :mod:`analysis.aggregate`) and an optional ``ax``,
draws in the package style and returns the Axes (or, for multi-panel charts, the Figure).
Empty input draws an empty chart that says so, never an error."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.plotting.style import PALETTE, SEQUENTIAL, style


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


def _matrix(ax: Axes, table: pd.DataFrame, labels: pd.DataFrame | None, *, cbar_label: str, fmt: str) -> None:
    image = ax.imshow(table.to_numpy(dtype=float), cmap=SEQUENTIAL, aspect="auto", vmin=0)
    ax.set_xticks(range(table.shape[1]), table.columns, rotation=40, ha="right")
    ax.set_yticks(range(table.shape[0]), table.index)
    ax.spines[:].set_visible(False)
    values = table.to_numpy(dtype=float)
    top = np.nanmax(values) if values.size else 0
    for (i, j), value in np.ndenumerate(values):
        text = format(labels.iat[i, j] if labels is not None else value, fmt)
        ax.text(j, i, text, ha="center", va="center", fontsize=7, color="white" if value < 0.6 * top else "black")
    ax.figure.colorbar(image, ax=ax, label=cbar_label, fraction=0.03)


def plot_area_partner_heatmap(shares: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Areas by partner region: share of the partner's reports (colour) and their number (text).

    ``shares`` is :func:`analysis.aggregate.area_shares_by_partner`.
    """
    _require(shares, ["partner", "area", "share", "n_reports"], "plot_area_partner_heatmap")
    title = "Cooperation areas by partner region"
    with style():
        ax = _axes(ax, (10, 5))
        if shares.empty:
            return _empty(ax, title)
        order = shares.groupby("partner")["n_reports"].sum().sort_values(ascending=False, kind="stable").index
        share = shares.pivot_table(index="partner", columns="area", values="share", fill_value=0).reindex(order)
        counts = shares.pivot_table(index="partner", columns="area", values="n_reports", fill_value=0).reindex(order)
        _matrix(ax, share.fillna(0), counts.fillna(0).astype(int), cbar_label="share of the partner's reports", fmt="d")
        ax.set_title(title)
        ax.set_xlabel("area")
        ax.set_ylabel("partner region")
    return ax


def plot_areas_over_time(trend: pd.DataFrame, *, areas: list[str] | None = None, ax: Axes | None = None) -> Axes:
    """Share of reports per period covering each area; the x labels carry the reports per period.

    ``trend`` is :func:`analysis.aggregate.areas_over_time`.
    """
    _require(trend, ["period", "area", "share", "n_reports", "period_reports"], "plot_areas_over_time")
    title = "Cooperation areas over time"
    with style():
        ax = _axes(ax, (9, 4.5))
        if trend.empty:
            return _empty(ax, title)
        chosen = (
            areas
            or trend.groupby("area")["n_reports"].sum().sort_values(ascending=False, kind="stable").index[:6].tolist()
        )
        periods = sorted(trend["period"].unique())
        table = trend.pivot_table(index="period", columns="area", values="share", fill_value=0).reindex(periods)
        for k, area in enumerate(chosen):
            if area in table:
                ax.plot(
                    range(len(periods)), table[area].to_numpy(), marker="o", color=PALETTE[k % len(PALETTE)], label=area
                )
        n = trend.drop_duplicates("period").set_index("period")["period_reports"].reindex(periods)
        ax.set_xticks(range(len(periods)), [f"{p}\n(n={int(c)})" for p, c in n.items()])
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("share of reports")
        ax.set_xlabel("period (reports in it)")
        ax.set_title(title)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return ax


def plot_area_frequency(frequency: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Share of reports covering each area, with 95% bootstrap intervals.

    ``frequency`` is :func:`analysis.aggregate.area_frequency`.
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
        ax.barh(y, rows["share"], xerr=err, color=PALETTE[0], ecolor="#333333", capsize=2)
        ax.set_yticks(y, rows["area"])
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of reports (95% bootstrap interval)")
        ax.set_title(title)
    return ax


def plot_partner_enterprise(pairs: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Who with whom: reports naming each partner region with each Belarusian enterprise.

    ``pairs`` is :func:`analysis.aggregate.partner_enterprise_counts`.
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


def plot_areas_by_language(article_areas_with_language: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Share of each language's reports covering each area: the same answer in every language?

    Takes ``article_areas`` joined with the articles' ``language`` (columns ``article_id``,
    ``area``, ``language``).
    """
    _require(article_areas_with_language, ["article_id", "area", "language"], "plot_areas_by_language")
    title = "Areas by report language"
    frame = article_areas_with_language
    with style():
        ax = _axes(ax, (10, 4.5))
        if frame.empty:
            return _empty(ax, title)
        reports = frame.groupby("language")["article_id"].nunique()
        share = frame.groupby(["area", "language"])["article_id"].nunique().unstack(fill_value=0) / reports
        areas = share.index.tolist()
        width = 0.8 / max(1, share.shape[1])
        for k, lang in enumerate(share.columns):
            ax.bar(
                np.arange(len(areas)) + k * width,
                share[lang],
                width,
                label=f"{lang} (n={reports[lang]})",
                color=PALETTE[k % len(PALETTE)],
            )
        ax.set_xticks(np.arange(len(areas)) + width * (share.shape[1] - 1) / 2, areas, rotation=40, ha="right")
        ax.set_ylabel("share of the language's reports with the area")
        ax.set_title(title)
        ax.legend(frameon=False)
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
    :func:`analysis.aggregate.model_terms`.
    """
    _require(weights, ["term", "area", "weight"], "plot_termite")
    title = "Terms that speak for each area"
    with style():
        ax = _axes(ax, (9, 7))
        if weights.empty:
            return _empty(ax, title)
        terms = weights.groupby("term")["weight"].max().sort_values(kind="stable").index.tolist()
        areas = sorted(weights["area"].unique())
        x = weights["area"].map({a: i for i, a in enumerate(areas)})
        y = weights["term"].map({t: i for i, t in enumerate(terms)})
        size = 300 * weights["weight"] / max(weights["weight"].max(), 1e-12)
        ax.scatter(x, y, s=size, color=PALETTE[0], alpha=0.7)
        ax.set_xticks(range(len(areas)), areas, rotation=40, ha="right")
        ax.set_yticks(range(len(terms)), terms, fontsize=7)
        ax.set_xlim(-0.5, len(areas) - 0.5)
        ax.grid(True, color="#eeeeee")
        ax.set_xlabel("area")
        ax.set_title(title)
    return ax


def plot_corpus_overview(overview: pd.DataFrame, *, fig: Figure | None = None) -> Figure:
    """The data itself: reports per language and year, rejected inputs, and what cleaning did.

    ``overview`` is :func:`analysis.aggregate.corpus_overview`. Returns the Figure (4 panels).
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
