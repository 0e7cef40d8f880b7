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


@contextmanager
def style() -> Iterator[None]:
    """The rc context of every chart."""
    with mpl.rc_context(RC):
        yield


def add_caption(fig: Figure, text: str) -> Figure:
    """A small caption line under the figure (corpus size and date range, say)."""
    fig.text(0.01, 0.005, text, fontsize=7, color="#555555", ha="left", va="bottom")
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
