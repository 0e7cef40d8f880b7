"""The reproducible report: ``coop report --corpus DIR --out DIR`` (and ``make report``).

It runs ``coop analyze``'s pipeline once, into ``tables/`` of the output folder (Parquet, a CSV
beside each table, the area model, ``run.json``), draws every figure of
:data:`analysis.report.figures.FIGURES` into ``figures/`` (PNG and SVG), executes the numbered notebooks
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
import pandas as pd
from nbconvert import HTMLExporter
from tqdm import tqdm

from analysis import __version__
from analysis.config import DEFAULT_TOPICS, bundled_corpus
from analysis.engine.core import run
from analysis.engine.outdir import OutputFolder, check_not_inside
from analysis.pipeline import PARQUET_TABLES, PipelineResult, read_tables
from analysis.report.aggregate import PERIODS, for_display, n_copies, value_boxes
from analysis.report.figures import counted_once, write_figures
from analysis.report.notebooks import execute_all, notebook_paths, notebooks_dir

LIBRARIES = ("pandas", "numpy", "scikit-learn", "matplotlib", "pyarrow", "lingua-language-detector", "snowballstemmer")


def corpus_hash(result: PipelineResult) -> str:
    """SHA-256 over the sorted SHA-256s of the loaded inputs and the rejected inputs' names."""
    digest = hashlib.sha256()
    for value in sorted(result.articles["sha256"]):
        digest.update(value.encode())
    for value in sorted(result.rejects["source_path"].astype(str) + "|" + result.rejects["reason"].astype(str)):
        digest.update(value.encode())
    return digest.hexdigest()


def _provenance(corpus: Path | None, result: PipelineResult, seed: int, topics: int, period: str = "year") -> str:
    once = counted_once(result).articles
    copies = n_copies(result.articles)
    dated = once["date"].dropna()
    rows = {
        "corpus": str(corpus) if corpus else "the bundled corpus (data/raw)",
        "corpus content hash (SHA-256)": corpus_hash(result),
        "inputs": result.load.summary() if result.load else "",
        "reports": f"{len(once)} (each republished copy counted once: {copies} folded)",
        "date range": f"{dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}" if len(dated) else "no dates",
        "parameters": f"seed {seed}; topics {topics}; period {period}; area threshold "
        f"{result.model.threshold if result.model else '-'}",
        "coop-analysis": __version__,
        "libraries": ", ".join(f"{name} {version(name)}" for name in LIBRARIES),
        "Python": platform.python_version(),
    }
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows.items())
    return f"<section class='provenance'><h2>What this report was made from</h2><table>{body}</table></section>"


def evidence_rows(result: PipelineResult) -> pd.DataFrame:
    """One row per (report, area) pair, each republished copy counted once: the report (title and
    id), its language, date and year, its partner regions, the evidence sentence and its cue terms.

    Columns: ``article_id``, ``title``, ``language``, ``date``, ``year``, ``area``, ``partners``
    (``"; "``-separated, name order), ``evidence_text``, ``cue_terms``.
    """
    once = counted_once(result)
    articles = once.articles[["article_id", "title", "language", "date"]]
    areas = once.article_areas[["article_id", "area", "evidence_text", "cue_terms"]]
    entities = once.tables.get("article_entities")
    if entities is not None and len(entities):
        partner_rows = entities[(entities["entity_type"] == "region") & (entities["role"] == "partner")]
        partners = (
            partner_rows.drop_duplicates(["article_id", "canonical_name"])
            .sort_values(["article_id", "canonical_name"])
            .groupby("article_id")["canonical_name"]
            .agg("; ".join)
            .rename("partners")
        )
    else:
        partners = pd.Series(dtype=object, name="partners")
    rows = areas.merge(articles, on="article_id", how="left").merge(partners, on="article_id", how="left")
    rows["year"] = rows["date"].dt.year.astype("Int64").astype(str).replace("<NA>", "no date")
    rows["partners"] = rows["partners"].fillna("")
    rows["language"] = rows["language"].fillna("–")
    rows["cue_terms"] = rows["cue_terms"].fillna("").str.replace(";", ", ")
    rows = rows.sort_values(["date", "article_id", "area"], na_position="last", kind="stable", ignore_index=True)
    columns = ["article_id", "title", "language", "date", "year", "area", "partners", "evidence_text", "cue_terms"]
    return rows[columns]


def _options(values) -> str:
    return "".join(f"<option>{html.escape(v)}</option>" for v in sorted({str(v) for v in values if not pd.isna(v)}))


def evidence_explorer(result: PipelineResult) -> str:
    """The explorer section: every row of :func:`evidence_rows` in one table, with filters by
    area, partner, year and language and a text search, in plain HTML and a little inline script
    (no library, no network). A filter can also be set in the page's address:
    ``report.html#area=trade&year=2023``."""
    rows = evidence_rows(result)
    partners = {p for cell in rows["partners"] for p in cell.split("; ") if p}
    body = []
    for r in for_display(rows).itertuples(index=False):
        attrs = (
            f' data-area="{html.escape(r.area)}" data-year="{html.escape(r.year)}"'
            f' data-language="{html.escape(str(r.language))}"'
            f' data-partner="{html.escape("|" + r.partners.replace("; ", "|") + "|")}"'
        )
        cells = [
            f"{html.escape(str(r.title))}<br><small>{html.escape(r.article_id)}</small>",
            html.escape(str(r.date)),
            html.escape(str(r.language)),
            html.escape(r.area),
            html.escape(r.partners or "–"),
            html.escape(str(r.evidence_text)),
            html.escape(r.cue_terms or "–"),
        ]
        body.append(f"<tr{attrs}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    selects = "".join(
        f"<label>{label} <select data-filter='{key}'><option value=''>all</option>{_options(values)}</select></label> "
        for key, label, values in (
            ("area", "area", rows["area"]),
            ("partner", "partner", partners),
            ("year", "year", rows["year"]),
            ("language", "language", rows["language"]),
        )
    )
    head = "".join(
        f"<th>{h}</th>" for h in ("report", "date", "language", "area", "partners", "evidence sentence", "cue terms")
    )
    return (
        "<section class='explorer'><h2>The evidence, report by report</h2>"
        f"<p>Every report and area it was given ({len(rows)} rows; each republished copy once), with the "
        "sentence that shows the area and its cue terms. Filter, or search the text.</p>"
        f"<div class='filters'>{selects}<label>search <input type='search' data-filter='q'></label> "
        f"<span id='explorer-count'>{len(rows)} of {len(rows)} rows</span></div>"
        f"<table id='explorer' data-rows='{len(rows)}' data-shown='{len(rows)}'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></section>"
    )


_EXPLORER_SCRIPT = """
(function () {
  var table = document.getElementById("explorer");
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var controls = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  function value(key) {
    var c = controls.filter(function (x) { return x.getAttribute("data-filter") === key; })[0];
    return c ? c.value : "";
  }
  function apply() {
    var area = value("area"), partner = value("partner"), year = value("year"), language = value("language");
    var q = value("q").toLowerCase(), shown = 0;
    rows.forEach(function (r) {
      var ok = (!area || r.getAttribute("data-area") === area) &&
        (!partner || r.getAttribute("data-partner").indexOf("|" + partner + "|") >= 0) &&
        (!year || r.getAttribute("data-year") === year) &&
        (!language || r.getAttribute("data-language") === language) &&
        (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    table.setAttribute("data-shown", String(shown));
    document.getElementById("explorer-count").textContent = shown + " of " + rows.length + " rows";
    return shown;
  }
  window.coopFilter = function (filters) {
    controls.forEach(function (c) {
      var key = c.getAttribute("data-filter");
      c.value = Object.prototype.hasOwnProperty.call(filters, key) ? filters[key] : "";
    });
    return apply();
  };
  controls.forEach(function (c) { c.addEventListener("input", apply); c.addEventListener("change", apply); });
  var filters = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    var kv = part.split("=");
    if (kv.length === 2) { filters[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1]); }
  });
  if (Object.keys(filters).length) { window.coopFilter(filters); }
})();
"""


_ANCHOR = re.compile(r'<a class="anchor-link"[^>]*>[^<]*</a>')

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Regional cooperation report</title>
<style>
body {{ font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }}
img {{ max-width: 100%; }} table {{ border-collapse: collapse; font-size: 0.85em; }}
th, td {{ border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }}
pre {{ white-space: pre-wrap; font-size: 0.8em; background: #f7f7f7; padding: 0.5em; }}
.provenance th {{ background: #f0f0f0; }} section.notebook {{ border-top: 2px solid #0072B2; margin-top: 2em; }}
section.explorer {{ border-top: 2px solid #0072B2; margin-top: 2em; }} .filters {{ margin: 0.5em 0; }}
.filters label {{ margin-right: 0.8em; }}
.boxes {{ display: flex; flex-wrap: wrap; gap: 0.8em; margin: 1em 0; }}
.box {{ border: 1px solid #ccc; border-left: 4px solid #0072B2; padding: 0.4em 0.8em; min-width: 9em; }}
.box .value {{ font-size: 1.6em; font-weight: bold; display: block; }}
.box .note {{ font-size: 0.8em; color: #555; }} #explorer td:nth-child(6) {{ min-width: 24em; }}
</style></head>
<body data-images="pending">
<h1>Regional cooperation in the news: the report</h1>
{boxes}
{provenance}
{sections}
{explorer}
<script>{explorer_script}</script>
<script>
window.addEventListener("load", function () {{
  var images = Array.prototype.slice.call(document.images);
  var ok = images.length > 0 && images.every(function (i) {{ return i.complete && i.naturalWidth > 0; }});
  document.body.setAttribute("data-images", ok ? "loaded:" + images.length : "broken");
}});
</script>
</body></html>
"""


#: What a report writes into its folder, ``run.json`` (the completion marker) last.
REPORT_ENTRIES = ("tables", "figures", "notebooks", "report.html", "run.json")


def _value_boxes(result: PipelineResult, period: str) -> str:
    """The figures at the top (:func:`analysis.report.aggregate.value_boxes`), copies counted once."""
    once = counted_once(result)
    empty = pd.DataFrame(columns=["article_id", "area"])
    entities = once.tables.get("article_entities", pd.DataFrame(columns=["article_id", "entity_type", "role"]))
    boxes = value_boxes(once.articles, once.tables.get("article_areas", empty), entities, freq=period)
    cells = "".join(
        f"<div class='box'><span class='value'>{html.escape(r.value)}</span>{html.escape(r.label)}"
        f"<br><span class='note'>{html.escape(r.note)}</span></div>"
        for r in boxes.itertuples()
    )
    return f"<div class='boxes'>{cells}</div>"


def build_report(
    corpus: str | os.PathLike | None,
    out: str | os.PathLike,
    *,
    seed: int = 0,
    topics: int = DEFAULT_TOPICS,
    period: str = "year",
    progress: bool = True,
) -> Path:
    """Write the report for ``corpus`` (the bundled one when ``None``) into folder ``out``.

    Returns the path of ``report.html``. Writes ``tables/`` (what ``coop analyze`` writes, the area
    model, and a CSV beside each table), ``figures/`` (PNG and SVG), ``notebooks/`` (the executed
    notebooks), ``report.html`` and ``run.json`` (the seconds of each step, ``complete: true``).

    The folder is the report's alone as ``coop analyze``'s is
    (:class:`~analysis.engine.outdir.OutputFolder`): locked while the report is built, written to
    a staging folder and moved into place only when it is complete, replacing only what an
    earlier report wrote; ``out`` inside the corpus is refused. ``period`` (``"year"`` or
    ``"quarter"``) is the notebooks' ``PERIOD``: the periods of the charts over time.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}; got {period!r}")
    source = Path(corpus).resolve() if corpus is not None else bundled_corpus()
    out = Path(out)
    check_not_inside(out, [source])
    with OutputFolder(out) as folder:
        folder.check_replaceable(REPORT_ENTRIES)  # before the work, not after it
        _write_report(
            corpus, folder.staging, final=out.resolve(), seed=seed, topics=topics, period=period, progress=progress
        )
        folder.commit(list(REPORT_ENTRIES))
    return out / "report.html"


def _write_report(
    corpus: str | os.PathLike | None, out: Path, *, final: Path, seed: int, topics: int, period: str, progress: bool
) -> None:
    """:func:`build_report`'s work, into the staging folder ``out``; the paths in what it writes
    name the folder ``final`` the report is moved to."""
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
    account = run(source, out=tables, n_topics=topics, random_state=seed, progress=False)
    if not account.n_loaded:
        raise ValueError(f"{source}: no report could be loaded ({account.summary().splitlines()[0]})")
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
        "PERIOD": period,
    }

    # Importing IPython here, before the figure thread starts: matplotlib's canvas looks up
    # sys.modules["IPython"].version_info, and meeting it half-imported by the notebook client in
    # this thread failed one run in several ("partially initialized module 'IPython'").
    import IPython  # noqa: F401

    with ThreadPoolExecutor(max_workers=1) as figures:  # drawn here while the kernel runs the notebooks
        drawn = figures.submit(write_figures, result, out / "figures", seed=seed, period=period)
        executed = execute_all(paths, parameters=parameters)
        for path, nb in zip(paths, executed, strict=True):
            text = nbformat.writes(nb).replace(str(out.resolve()), str(final))  # TABLES as it will be
            (out / "notebooks" / path.name).write_text(text + "\n", encoding="utf-8")
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
        _PAGE.format(
            boxes=_value_boxes(result, period),
            provenance=_provenance(corpus_path, result, seed, topics, period),
            sections="\n".join(sections),
            explorer=evidence_explorer(result) if "article_areas" in result.tables else "",
            explorer_script=_EXPLORER_SCRIPT,
        ),
        encoding="utf-8",
    )
    lap("page", since)
    seconds["total"] = round(time.perf_counter() - clock, 2)
    manifest = {
        "coop_analysis": __version__,
        "corpus": str(source),
        "parameters": {"seed": seed, "topics": topics, "period": period},
        "analysis": json.loads((tables / "run.json").read_text(encoding="utf-8")),
        "seconds": seconds,
        "complete": True,
    }
    (out / "run.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    steps.update()
    steps.close()
