"""The figures of the report, in one registry: what each one sums up and how it is drawn.

Each :class:`Figure` names the tidy table it draws (a function of :mod:`analysis.report.aggregate` over
the pipeline's tables), the chart of :mod:`analysis.report.plotting` that draws it, and the caption line
under it. The report writes every figure of :data:`FIGURES` to ``figures/`` (:func:`write_figures`),
the notebooks draw the same ones with :func:`draw`, and the tests draw each on any input. The
tables come from :func:`analysis.analyze` or :func:`analysis.read_tables`, both a
:class:`~analysis.pipeline.PipelineResult`.

Examples
--------
>>> [figure.name for figure in FIGURES][:3]
['corpus-overview', 'partner-enterprise', 'area-frequency']
>>> FIGURES["area-frequency"].file
'03-area-frequency'
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure as MplFigure

from analysis.load.articles import LoadResult
from analysis.pipeline import PipelineResult
from analysis.report import aggregate as ag
from analysis.report.plotting import (
    add_caption,
    plot_area_frequency,
    plot_area_partner_heatmap,
    plot_areas_by_language,
    plot_areas_over_time,
    plot_corpus_overview,
    plot_partner_enterprise,
    plot_termite,
    plot_topic_terms,
    save_figure,
)


def counted_once(result: PipelineResult) -> PipelineResult:
    """``result`` with each republished copy left out (:func:`analysis.report.aggregate.fold_copies`):
    what every chart and count of the report sums up."""
    return PipelineResult(ag.fold_copies(result.tables), load=result.load, model=result.model)


def corpus_caption(result: PipelineResult) -> str:
    """The line under every figure: how many reports (each republished copy counted once, and
    how many were folded) and the period they cover."""
    copies = ag.n_copies(result.articles)
    articles = counted_once(result).articles
    dated = articles["date"].dropna()
    text = f"{len(articles)} reports"
    if copies:
        text += f" ({copies} republished {'copy' if copies == 1 else 'copies'} counted once)"
    return text + (f", {dated.min():%Y-%m} to {dated.max():%Y-%m}" if len(dated) else "")


@dataclass(frozen=True)
class Figure:
    """One figure: its name, the tidy table it draws, the chart, the caption under it.

    ``aggregate(result, seed=...)`` returns the tidy frame; ``chart(frame, ax=None)`` draws it and
    returns the Axes (or the Figure of a multi-panel chart); ``caption(result)`` is the line
    under it; ``needs`` names what the result must hold (a table, or ``"model"``); ``fold``:
    whether the aggregate gets the tables with each republished copy counted once
    (:func:`counted_once`; the corpus overview folds them itself, to show how many there are);
    ``periodic``: whether the aggregate takes ``freq`` (``"year"`` or ``"quarter"``).
    """

    name: str
    number: int
    aggregate: Callable[..., pd.DataFrame]
    chart: Callable[..., Axes | MplFigure]
    needs: tuple[str, ...]
    caption: Callable[[PipelineResult], str] = corpus_caption
    fold: bool = True
    periodic: bool = False

    @property
    def file(self) -> str:
        """The file stem in ``figures/``: ``03-area-frequency``."""
        return f"{self.number:02d}-{self.name}"

    def available(self, result: PipelineResult) -> bool:
        """Whether ``result`` holds what this figure draws."""
        return all(result.model is not None if need == "model" else need in result.tables for need in self.needs)

    def table(self, result: PipelineResult, *, seed: int = 0, **options) -> pd.DataFrame:
        """The tidy frame the chart draws; ``options`` go to the aggregate (``freq="quarter"``
        for areas over time)."""
        return self.aggregate(counted_once(result) if self.fold else result, seed=seed, **options)

    def draw(self, result: PipelineResult, *, seed: int = 0, **options) -> MplFigure:
        """Draw the figure for ``result``, caption included, and return the matplotlib Figure."""
        drawn = self.chart(self.table(result, seed=seed, **options))
        fig = drawn if isinstance(drawn, MplFigure) else drawn.figure
        add_caption(fig, self.caption(result))
        return fig


class Registry:
    """The figures in report order; ``FIGURES["name"]`` or iterate."""

    def __init__(self, figures: list[Figure]):
        self._figures = {f.name: f for f in figures}

    def __iter__(self) -> Iterator[Figure]:
        return iter(self._figures.values())

    def __len__(self) -> int:
        return len(self._figures)

    def __getitem__(self, name: str) -> Figure:
        try:
            return self._figures[name]
        except KeyError:
            raise KeyError(f"no figure {name!r}; the figures are {list(self._figures)}") from None

    def names(self) -> list[str]:
        """The figures' names, in order."""
        return list(self._figures)


FIGURES = Registry(
    [
        Figure(
            "corpus-overview", 1,
            lambda r, seed=0: ag.corpus_overview(r.articles, r.rejects),
            plot_corpus_overview, ("articles", "rejects"), fold=False,
        ),
        Figure(
            "partner-enterprise", 2,
            lambda r, seed=0: ag.partner_enterprise_counts(r.article_entities),
            plot_partner_enterprise, ("article_entities",),
        ),
        Figure(
            "area-frequency", 3,
            lambda r, seed=0: ag.area_frequency(r.article_areas, r.articles, random_state=seed),
            plot_area_frequency, ("articles", "article_areas"),
        ),
        Figure(
            "areas-over-time", 4,
            lambda r, seed=0, freq="year": ag.areas_over_time(r.article_areas, r.articles, freq=freq),
            plot_areas_over_time, ("articles", "article_areas"), periodic=True,
        ),
        Figure(
            "areas-by-partner", 5,
            lambda r, seed=0: ag.area_shares_by_partner(r.article_areas, r.article_entities),
            plot_area_partner_heatmap, ("article_areas", "article_entities"),
        ),
        Figure(
            "areas-by-language", 6,
            lambda r, seed=0: ag.areas_by_language(r.article_areas, r.articles),
            plot_areas_by_language, ("articles", "article_areas"),
        ),
        Figure(
            "termite", 7,
            lambda r, seed=0: ag.model_terms(r.model),
            plot_termite, ("model",),
        ),
        Figure(
            "discovered-topics", 8,
            lambda r, seed=0: r.topics,
            plot_topic_terms, ("topics",),
        ),
    ]
)  # fmt: skip


def draw(name: str, result: PipelineResult | LoadResult, *, seed: int = 0, **options) -> MplFigure | None:
    """Draw figure ``name`` of :data:`FIGURES` for ``result`` (what the notebooks call); ``None``,
    with a line saying why, when the result lacks what it needs. A
    :class:`~analysis.load.articles.LoadResult` gives the figures of the loaded tables. ``options`` go to
    the figure's aggregate: ``draw("areas-over-time", result, freq="quarter")``."""
    figure = FIGURES[name]
    if isinstance(result, LoadResult):
        loaded = {"articles": result.articles, "sentences": result.sentences, "rejects": result.rejects}
        result = PipelineResult(loaded, load=result)
    if not figure.available(result):
        print(f"{name}: not drawn, the tables hold no {' or '.join(figure.needs)}")
        return None
    return figure.draw(result, seed=seed, **options)


def write_figures(
    result: PipelineResult, folder: str | os.PathLike, *, seed: int = 0, period: str = "year"
) -> list[Path]:
    """Every figure ``result`` holds the tables for, as ``NN-name.png`` and ``.svg`` in ``folder``,
    and the tidy table it draws beside it as ``NN-name.csv``; the figures over time by ``period``
    (``"year"`` or ``"quarter"``, the notebooks' ``PERIOD``)."""
    written = []
    for figure in FIGURES:
        if figure.available(result):
            options = {"freq": period} if figure.periodic else {}
            fig = figure.draw(result, seed=seed, **options)
            written += save_figure(fig, Path(folder) / figure.file)
            plt.close(fig)
            data = Path(folder) / f"{figure.file}.csv"  # the data behind the chart, next to it
            table = figure.table(result, seed=seed, **options)
            table.to_csv(data, index=not isinstance(table.index, pd.RangeIndex))
            written.append(data)
    return written
