"""Charts: free functions over tidy frames that take an optional ``ax`` and return the Axes
(or Figure), never calling ``show``. One style for all (:mod:`analysis.report.plotting.style`)."""

from analysis.report.plotting.charts import (
    plot_area_frequency,
    plot_area_partner_heatmap,
    plot_areas_by_language,
    plot_areas_over_time,
    plot_corpus_overview,
    plot_partner_enterprise,
    plot_termite,
    plot_topic_terms,
)
from analysis.report.plotting.style import PALETTE, add_caption, save_figure, style

__all__ = [
    "PALETTE",
    "add_caption",
    "plot_area_frequency",
    "plot_area_partner_heatmap",
    "plot_areas_by_language",
    "plot_areas_over_time",
    "plot_corpus_overview",
    "plot_partner_enterprise",
    "plot_termite",
    "plot_topic_terms",
    "save_figure",
    "style",
]
