"""The reproducible report: ``coop report --corpus DIR --out DIR`` (and ``make report``).

It runs ``coop analyze``'s pipeline once, into ``tables/`` of the output folder (Parquet, a CSV
beside each table, the area model, ``run.json``), draws every figure of
:data:`analysis.figures.FIGURES` into ``figures/`` (PNG and SVG), executes the numbered notebooks
on those tables (they read them with :func:`analysis.read_tables`), and renders them — code
hidden, figures embedded — as one self-contained ``report.html`` that states what it was made
from: the corpus path and content hash, counts, parameters, package and library versions.
``run.json`` in the output folder records the seconds of each step.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import platform
import re
import time
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
from nbconvert import HTMLExporter
from tqdm import tqdm

from analysis import __version__
from analysis.aggregate import n_copies
from analysis.config import DEFAULT_TOPICS, bundled_corpus
from analysis.engine import run
from analysis.figures import counted_once, write_figures
from analysis.notebooks import execute_all, notebook_paths, notebooks_dir
from analysis.pipeline import PARQUET_TABLES, PipelineResult, read_tables, save_folder_model

LIBRARIES = ("pandas", "numpy", "scikit-learn", "matplotlib", "pyarrow", "lingua-language-detector", "snowballstemmer")


def corpus_hash(result: PipelineResult) -> str:
    """SHA-256 over the sorted SHA-256s of the loaded inputs and the rejected inputs' names."""
    digest = hashlib.sha256()
    for value in sorted(result.articles["sha256"]):
        digest.update(value.encode())
    for value in sorted(result.rejects["source_path"].astype(str) + "|" + result.rejects["reason"].astype(str)):
        digest.update(value.encode())
    return digest.hexdigest()


def _provenance(corpus: Path | None, result: PipelineResult, seed: int, topics: int) -> str:
    once = counted_once(result).articles
    copies = n_copies(result.articles)
    dated = once["date"].dropna()
    rows = {
        "corpus": str(corpus) if corpus else "the bundled corpus (data/raw)",
        "corpus content hash (SHA-256)": corpus_hash(result),
        "inputs": result.load.summary() if result.load else "",
        "reports": f"{len(once)} (each republished copy counted once: {copies} folded)",
        "date range": f"{dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}" if len(dated) else "no dates",
        "parameters": f"seed {seed}; topics {topics}; area threshold {result.model.threshold if result.model else '-'}",
        "coop-analysis": __version__,
        "libraries": ", ".join(f"{name} {version(name)}" for name in LIBRARIES),
        "Python": platform.python_version(),
    }
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows.items())
    return f"<section class='provenance'><h2>What this report was made from</h2><table>{body}</table></section>"


_ANCHOR = re.compile(r'<a class="anchor-link"[^>]*>[^<]*</a>')

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
    corpus: str | os.PathLike | None,
    out: str | os.PathLike,
    *,
    seed: int = 0,
    topics: int = DEFAULT_TOPICS,
    progress: bool = True,
) -> Path:
    """Write the report for ``corpus`` (the bundled one when ``None``) into folder ``out``.

    Returns the path of ``report.html``. Writes ``tables/`` (what ``coop analyze`` writes, the area
    model, and a CSV beside each table), ``figures/`` (PNG and SVG), ``notebooks/`` (the executed
    notebooks), ``report.html`` and ``run.json`` (the seconds of each step).
    """
    clock = time.perf_counter()
    seconds: dict[str, float | dict[str, float]] = {}

    def lap(step: str, since: float) -> float:
        seconds[step] = round(time.perf_counter() - since, 2)
        return time.perf_counter()

    out = Path(out)
    plt.switch_backend("Agg")  # files only: the report never opens a window
    corpus_path = Path(corpus).resolve() if corpus is not None else None
    source = corpus_path or bundled_corpus()
    paths = notebook_paths(notebooks_dir())
    steps = tqdm(total=3 + len(paths), desc="report", unit=" steps", disable=not progress)
    tables = out / "tables"
    since = time.perf_counter()
    account = run(source, out=tables, n_discovered=topics, random_state=seed, progress=False)
    if not account.n_loaded:
        raise ValueError(f"{source}: no report could be loaded ({account.summary().splitlines()[0]})")
    save_folder_model(account.model, tables)
    result = read_tables(tables)
    for name in PARQUET_TABLES:  # CSV beside each Parquet table (rejects.csv is written already)
        if name in result.tables and name != "rejects":
            result.tables[name].to_csv(tables / f"{name}.csv", index=False)
    since = lap("analyze", since)
    steps.update()
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    parameters = {
        "TABLES": str(tables.resolve()),
        "CORPUS": str(corpus_path) if corpus_path else None,
        "SEED": seed,
        "TOPICS": topics,
    }

    with ThreadPoolExecutor(max_workers=1) as figures:  # drawn here while the kernel runs the notebooks
        drawn = figures.submit(write_figures, result, out / "figures", seed=seed)
        executed = execute_all(paths, parameters=parameters)
        for path, nb in zip(paths, executed, strict=True):
            nbformat.write(nb, out / "notebooks" / path.name)
        since = lap("notebooks", since)
        drawn.result()
    since = lap("figures_after_notebooks", since)
    steps.update(len(paths) + 1)
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",  # no visible "¶" after the headings
    )
    sections = []
    for nb in executed:
        nb.cells = [
            c
            for c in nb.cells
            if "injected-parameters" not in c.metadata.get("tags", [])
            and "parameters" not in c.metadata.get("tags", [])
        ]
        body, _ = exporter.from_notebook_node(nb)
        body = _ANCHOR.sub("", body)
        sections.append(f"<section class='notebook'>{body}</section>")
    page = out / "report.html"
    page.write_text(
        _PAGE.format(provenance=_provenance(corpus_path, result, seed, topics), sections="\n".join(sections)),
        encoding="utf-8",
    )
    lap("page", since)
    seconds["total"] = round(time.perf_counter() - clock, 2)
    manifest = {
        "coop_analysis": __version__,
        "corpus": str(source),
        "parameters": {"seed": seed, "topics": topics},
        "analysis": json.loads((tables / "run.json").read_text(encoding="utf-8")),
        "seconds": seconds,
    }
    (out / "run.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    steps.update()
    steps.close()
    return page
