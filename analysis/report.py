"""The reproducible report: ``coop report --corpus DIR --out DIR`` (and ``make report``).

It runs the pipeline on the corpus, writes every table (Parquet and CSV) and every figure (PNG
and SVG), executes the numbered notebooks against the corpus with papermill, and renders them —
code hidden, figures embedded — as one self-contained ``report.html`` that states what it was
made from: the corpus path and content hash, counts, parameters, package and library versions.
"""

from __future__ import annotations

import hashlib
import html
import os
import platform
from importlib.metadata import version
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import papermill
from nbconvert import HTMLExporter
from tqdm import tqdm

from analysis import __version__
from analysis import aggregate as ag
from analysis.notebooks import KERNEL, notebook_paths
from analysis.pipeline import PipelineResult, analyze, write_tables
from analysis.plotting import (
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

LIBRARIES = ("pandas", "numpy", "scikit-learn", "matplotlib", "pyarrow", "lingua-language-detector", "snowballstemmer")


def corpus_hash(result: PipelineResult) -> str:
    """SHA-256 over the sorted SHA-256s of the loaded inputs and the rejected inputs' names."""
    digest = hashlib.sha256()
    for value in sorted(result.articles["sha256"]):
        digest.update(value.encode())
    for value in sorted(result.rejects["source_path"].astype(str) + "|" + result.rejects["reason"].astype(str)):
        digest.update(value.encode())
    return digest.hexdigest()


def write_figures(result: PipelineResult, folder: Path, *, seed: int = 0) -> list[Path]:
    """Every chart of the report as PNG and SVG in ``folder``."""
    articles, areas, entities = result.articles, result.tables.get("article_areas"), result.article_entities
    dated = articles["date"].dropna()
    caption = f"{len(articles)} reports" + (f", {dated.min():%Y-%m} to {dated.max():%Y-%m}" if len(dated) else "")
    charts = {
        "01-corpus-overview": lambda: plot_corpus_overview(ag.corpus_overview(articles, result.rejects)),
        "02-partner-enterprise": lambda: plot_partner_enterprise(ag.partner_enterprise_counts(entities)).figure,
    }
    if areas is not None:
        charts |= {
            "03-area-frequency": lambda: (
                plot_area_frequency(ag.area_frequency(areas, articles, random_state=seed)).figure
            ),
            "04-areas-over-time": lambda: plot_areas_over_time(ag.areas_over_time(areas, articles)).figure,
            "05-areas-by-partner": lambda: plot_area_partner_heatmap(ag.area_shares_by_partner(areas, entities)).figure,
            "06-areas-by-language": lambda: (
                plot_areas_by_language(areas.merge(articles[["article_id", "language"]], on="article_id")).figure
            ),
            "07-termite": lambda: plot_termite(ag.model_terms(result.model)).figure,
        }
    if "topics" in result.tables:
        charts["08-discovered-topics"] = lambda: plot_topic_terms(result.topics).figure
    written = []
    for name, draw in charts.items():
        fig = draw()
        add_caption(fig, caption)
        written += save_figure(fig, folder / name)
        plt.close(fig)
    return written


def _provenance(corpus: Path | None, result: PipelineResult, seed: int) -> str:
    dated = result.articles["date"].dropna()
    rows = {
        "corpus": str(corpus) if corpus else "the bundled corpus (data/raw)",
        "corpus content hash (SHA-256)": corpus_hash(result),
        "inputs": result.load.summary() if result.load else "",
        "reports": str(len(result.articles)),
        "date range": f"{dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}" if len(dated) else "no dates",
        "parameters": f"seed {seed}; area threshold {result.model.threshold if result.model else '-'}",
        "coop-analysis": __version__,
        "libraries": ", ".join(f"{name} {version(name)}" for name in LIBRARIES),
        "Python": platform.python_version(),
    }
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows.items())
    return f"<section class='provenance'><h2>What this report was made from</h2><table>{body}</table></section>"


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Regional cooperation report</title>
<style>
body {{ font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }}
img {{ max-width: 100%; }} table {{ border-collapse: collapse; font-size: 0.85em; }}
th, td {{ border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }}
pre {{ white-space: pre-wrap; font-size: 0.8em; background: #f7f7f7; padding: 0.5em; }}
.provenance th {{ background: #f0f0f0; }} section.notebook {{ border-top: 2px solid #0072B2; margin-top: 2em; }}
</style></head>
<body data-images="pending">
<h1>Regional cooperation in the news: the report</h1>
{provenance}
{sections}
<script>
window.addEventListener("load", function () {{
  var images = Array.prototype.slice.call(document.images);
  var ok = images.length > 0 && images.every(function (i) {{ return i.complete && i.naturalWidth > 0; }});
  document.body.setAttribute("data-images", ok ? "loaded:" + images.length : "broken");
}});
</script>
</body></html>
"""


def build_report(
    corpus: str | os.PathLike | None, out: str | os.PathLike, *, seed: int = 0, progress: bool = True
) -> Path:
    """Write the report for ``corpus`` (the bundled one when ``None``) into folder ``out``.

    Returns the path of ``report.html``. Writes ``tables/`` (Parquet and CSV), ``figures/``
    (PNG and SVG), ``notebooks/`` (the executed notebooks) and ``report.html``.
    """
    out = Path(out)
    plt.switch_backend("Agg")  # files only: the report never opens a window
    corpus_path = Path(corpus).resolve() if corpus is not None else None
    steps = tqdm(total=3 + len(notebook_paths()), desc="report", unit=" steps", disable=not progress)
    from analysis.config import RAW_DIR

    result = analyze(corpus_path or RAW_DIR, progress=False, random_state=seed)
    if not len(result.articles):
        raise ValueError(f"{corpus_path}: no report could be loaded ({result.load.summary()})")
    tables = out / "tables"
    write_tables(result, tables)
    for name, frame in result.tables.items():  # CSV beside each Parquet file (rejects.csv is written already)
        if name != "rejects":
            frame.to_csv(tables / f"{name}.csv", index=False)
    steps.update()
    write_figures(result, out / "figures", seed=seed)
    steps.update()
    sections = []
    exporter = HTMLExporter(
        template_name="basic", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    for path in notebook_paths():
        executed = out / "notebooks" / path.name
        papermill.execute_notebook(
            str(path),
            str(executed),
            parameters={"CORPUS": str(corpus_path) if corpus_path else None, "SEED": seed},
            kernel_name=KERNEL,
            cwd=str(path.parent),
            progress_bar=False,
        )
        nb = nbformat.read(executed, as_version=4)
        nb.cells = [
            c
            for c in nb.cells
            if "injected-parameters" not in c.metadata.get("tags", [])
            and "parameters" not in c.metadata.get("tags", [])
        ]
        body, _ = exporter.from_notebook_node(nb)
        sections.append(f"<section class='notebook'>{body}</section>")
        steps.update()
    page = out / "report.html"
    page.write_text(
        _PAGE.format(provenance=_provenance(corpus_path, result, seed), sections="\n".join(sections)), encoding="utf-8"
    )
    steps.update()
    steps.close()
    return page
