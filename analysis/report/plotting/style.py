"""One look for every chart, and byte-stable files.

:func:`style` is the rc context every chart draws in: a colour-blind-safe palette (Okabe & Ito),
titles, labelled axes. :func:`save_figure` writes PNG and SVG that are identical byte for byte
from run to run: no software or date metadata, and SVG ids from a fixed salt.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
from matplotlib.figure import Figure

#: Okabe & Ito's colour-blind-safe palette.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SEQUENTIAL = "cividis"  # colour-blind-safe sequential map

RC = {
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 9,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.figsize": (8, 4.5),
    "svg.hashsalt": "coop-analysis",
    "svg.fonttype": "path",
    "image.cmap": SEQUENTIAL,
}


#: One colour per cooperation area, the same in every chart: the palette, then its darker shades.
AREA_COLOURS = PALETTE[:7] + ("#00446B", "#8A6000", "#005C44", "#7A4A66", "#2F6F8F", "#803800", "#8F8A2A")


def area_colour(area: str) -> str:
    """The colour of ``area`` in every chart: fixed by the area's place in the taxonomy
    (``analysis/resources/areas.toml``); an area outside it gets grey."""
    from analysis.areas.taxonomy import area_ids  # here: the style module stays free of the taxonomy's imports

    names = area_ids()
    return AREA_COLOURS[names.index(area) % len(AREA_COLOURS)] if area in names else "#777777"


@contextmanager
def style() -> Iterator[None]:
    """The rc context of every chart."""
    with mpl.rc_context(RC):
        yield


def add_caption(fig: Figure, text: str) -> Figure:
    """A small caption line under the figure (corpus size and date range, say), below every
    axes' tick labels and axis labels so that it never overlaps them."""
    fig.draw_without_rendering()  # lay the labels out where they will be drawn
    renderer = fig.canvas.get_renderer()
    bottoms = [ax.get_tightbbox(renderer).y0 for ax in fig.axes if ax.get_visible()]
    gap = 4 / fig.bbox.height  # 4 pixels under the lowest label
    y = min([0.005 + gap, *(b / fig.bbox.height for b in bottoms)]) - gap
    fig.text(0.01, y, text, fontsize=7, color="#555555", ha="left", va="top")
    return fig


def save_figure(fig: Figure, path: str | os.PathLike) -> list[Path]:
    """Write ``PATH.png`` and ``PATH.svg``, byte-stable across runs; returns the paths."""
    base = Path(path)
    base.parent.mkdir(parents=True, exist_ok=True)
    png, svg = base.with_suffix(".png"), base.with_suffix(".svg")
    with style():
        fig.savefig(png, metadata={"Software": None}, bbox_inches="tight")
        fig.savefig(svg, metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    return [png, svg]
