"""Score the cooperation areas of ``coop analyze`` against any gold folder.

Two gold formats are read (:func:`read_area_gold`):

- a bundled-style folder (``data/gold``): ``articles.csv`` with a ``file`` relative to the reports'
  folder (by default the gold folder's ``../raw``) and ``;``-separated ``areas``;
- a labelled set (the shared dev set): ``labels.csv`` with ``file``, ``language`` and
  ``;``-separated ``areas``, the reports in the folder's ``articles/``.

:func:`evaluate_area_run` runs the pipeline as ``coop analyze`` does (the area model fitted on the
corpus's own sentences without labels, or the shipped model below ``MIN_FIT_SENTENCES``, or a
model given) and scores its ``article_areas`` beside the seed-term matching baseline of the same
sentences: per area, per language, macro-F1 over every area. :func:`area_evaluation_report` adds a
cross-corpus check (the model fitted on another corpus, scored here) and held-out folds (a setting
chosen on one half of the reports, scored on the other).

Where the data chose the settings, a figure is in-sample: the seeds and structure rules in
``areas.toml`` were written while looking at the bundled corpus and the shared dev set (see
:data:`TUNED_ON`), so figures on either are in-sample for the taxonomy, whatever the model.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.areas.baselines import seed_matching
from analysis.areas.model import CooperationAreaModel
from analysis.areas.taxonomy import CORE_AREAS
from analysis.evaluate.gold import read_gold
from analysis.evaluate.load import article_files
from analysis.evaluate.scores import macro_f1, score_areas

#: The corpora the taxonomy's seeds and rules were written while looking at: figures on them are
#: in-sample for the taxonomy.
TUNED_ON = ("the bundled corpus (data/gold)", "the shared dev set (../shared/dev)")
LANGUAGES = ("de", "en", "ru", "be")


def read_area_gold(folder: str | Path, *, raw: str | Path | None = None) -> tuple[pd.DataFrame, Path]:
    """A gold folder's area labels and where its reports are.

    Parameters
    ----------
    folder : path
        A folder with ``articles.csv`` (bundled format) or ``labels.csv`` (labelled-set format).
    raw : path, optional
        The reports; by default the folder's ``articles/`` if it has one, else its ``../raw``.

    Returns
    -------
    (labels, source)
        ``labels`` has columns ``file``, ``language`` and ``areas`` (a list of area IDs).

    Examples
    --------
    >>> from analysis.config import GOLD_DIR
    >>> labels, source = read_area_gold(GOLD_DIR)
    >>> list(labels.columns), source.name
    (['file', 'language', 'areas'], 'raw')
    """
    folder = Path(folder)
    if (folder / "articles.csv").is_file():
        gold, _ = read_gold(folder)
        labels = gold[["file", "language", "areas"]].reset_index(drop=True)
    elif (folder / "labels.csv").is_file():
        path = folder / "labels.csv"
        table = pd.read_csv(path, dtype="str", keep_default_na=False)
        missing = {"file", "language", "areas"} - set(table.columns)
        if missing:
            raise ValueError(f"{path} lacks the columns {', '.join(sorted(missing))}")
        labels = pd.DataFrame(
            {
                "file": table["file"],
                "language": table["language"],
                "areas": table["areas"].map(lambda v: [a.strip() for a in v.split(";") if a.strip()]),
            }
        )
    else:
        raise ValueError(f"{folder}: no articles.csv or labels.csv with area labels")
    if raw is not None:
        source = Path(raw)
    else:
        source = folder / "articles" if (folder / "articles").is_dir() else folder.parent / "raw"
    if not source.exists():
        raise ValueError(f"{source}: the reports of {folder} are not there (give them with --raw)")
    return labels, source


@dataclass
class AreaRun:
    """One pipeline run on a gold folder's reports, scored.

    Attributes
    ----------
    labels : DataFrame
        The gold labels (:func:`read_area_gold`).
    model : CooperationAreaModel
        The area model the run used.
    how : str
        Which model that was and why (fitted on the corpus, shipped, given).
    predicted, seeds : dict of str to set of str
        Gold file name → the areas of the model's ``article_areas`` / of seed-term matching.
    areas : list of str
        The taxonomy's areas.
    """

    labels: pd.DataFrame
    model: CooperationAreaModel
    how: str
    predicted: dict[str, set[str]]
    seeds: dict[str, set[str]]
    areas: list[str]

    def scores(self, method: str = "model", files: Sequence[str] | None = None) -> pd.DataFrame:
        """Per-area and per-language P/R/F1 (:func:`analysis.evaluate.scores.score_areas`) of ``"model"`` or
        ``"seed_terms"``, over every gold report or those in ``files``."""
        sets = self.predicted if method == "model" else self.seeds
        labels = self.labels if files is None else self.labels[self.labels["file"].isin(set(files))]
        return score_areas(labels, sets, {f: f for f in sets}, self.areas)


def run_on(
    source: str | Path, labels: pd.DataFrame, *, model: CooperationAreaModel | None = None, random_state: int = 0
) -> AreaRun:
    """Run the pipeline (load, entities, areas) on ``source`` as ``coop analyze`` does and collect
    each gold report's areas, the model's and seed-term matching's."""
    from analysis.config import MIN_FIT_SENTENCES
    from analysis.pipeline import analyze

    result = analyze(source, model=model, n_topics=0, random_state=random_state, progress=False)
    if result.model is None:
        raise ValueError(f"{source}: no sentences to assign areas to ({result.load.summary()})")
    names = article_files(result.articles, source, labels["file"])
    file_of = dict(zip(result.articles["article_id"], names, strict=True))
    predicted = {f: set() for f in labels["file"]}
    for article_id, area in zip(result.article_areas["article_id"], result.article_areas["area"], strict=True):
        predicted.setdefault(file_of[article_id], set()).add(area)
    seeds = {f: set() for f in labels["file"]}
    for article_id, found in seed_matching(result.sentences, result.model.featurizer_).items():
        seeds.setdefault(file_of[article_id], set()).update(found)
    n = len(result.sentences)
    if model is not None:
        how = "the model given"
    elif n < MIN_FIT_SENTENCES:
        how = f"the shipped model ({n} sentences, fewer than the {MIN_FIT_SENTENCES} a fit needs)"
    else:
        how = f"a model fitted on these {n} sentences without labels (as coop analyze does)"
    return AreaRun(labels, result.model, how, predicted, seeds, list(result.model.areas_))


def _figures(scores: pd.DataFrame, areas: list[str]) -> str:
    langs = [lang for lang in LANGUAGES if lang in set(scores["language"])]
    by_lang = ", ".join(f"{lang} {macro_f1(scores, language=lang, areas=areas):.3f}" for lang in langs)
    return f"{macro_f1(scores, areas=areas):.3f}  (by language: {by_lang})"


def run_summary(run: AreaRun, *, title: str) -> list[str]:
    """Macro-F1 of the model and of seed-term matching over every area, then per area and per
    language."""
    model, seeds = run.scores("model"), run.scores("seed_terms")
    areas = run.areas
    frequent = model[(model["language"] == "all") & (model["n_gold"] >= 8)]["area"].tolist()
    lines = [title, f"  model: {run.how}"]
    lines.append(f"  model       macro-F1 over {len(areas)} areas {_figures(model, areas)}")
    lines.append(f"  seed_terms  macro-F1 over {len(areas)} areas {_figures(seeds, areas)}")
    lines.append(
        f"  model - seed_terms: {macro_f1(model, areas=areas) - macro_f1(seeds, areas=areas):+.3f};"
        f" areas with >= 8 reports: model {macro_f1(model, areas=frequent):.3f},"
        f" seed_terms {macro_f1(seeds, areas=frequent):.3f}; core-4: model"
        f" {macro_f1(model, areas=list(CORE_AREAS)):.3f}"
    )
    per_area = model[model["language"] == "all"].set_index("area")[["n_gold", "precision", "recall", "f1"]]
    per_area["seed_terms_f1"] = seeds[seeds["language"] == "all"].set_index("area")["f1"]
    lines += ["  per area (all languages):", *("    " + s for s in per_area.to_string().splitlines())]
    pivot = model.pivot(index="area", columns="language", values="f1").reindex(areas)
    lines += ["  model F1 per area and language:", *("    " + s for s in pivot.to_string().splitlines())]
    return lines


def halves(files: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split gold files into two halves by a hash of their names (stable, balanced per language
    when the names carry it: each language is split on its own).

    >>> a, b = halves([f"de_{i}.txt" for i in range(10)])
    >>> len(a), len(b), sorted(a + b) == sorted(f"de_{i}.txt" for i in range(10))
    (5, 5, True)
    """
    ordered = sorted(files, key=lambda f: hashlib.sha256(f.encode("utf-8")).hexdigest())
    return sorted(ordered[0::2]), sorted(ordered[1::2])


def fold_lines(source: Path, labels: pd.DataFrame, settings: dict[str, dict], *, random_state: int = 0) -> list[str]:
    """Held-out folds: each setting (keyword arguments of :class:`CooperationAreaModel`) fitted on
    the corpus's sentences without labels; the one with the best macro-F1 on one half of the gold
    reports is scored on the other half, both ways."""
    from analysis.pipeline import analyze

    result = analyze(source, n_topics=0, random_state=random_state, progress=False)
    runs = {}
    for name, params in settings.items():
        model = CooperationAreaModel(random_state=random_state, **params).fit(_fit_table(result))
        runs[name] = run_on(source, labels, model=model, random_state=random_state)
    areas = next(iter(runs.values())).areas
    by_language = [sorted(g["file"]) for _, g in labels.groupby("language")]
    parts = [halves(files) for files in by_language]
    half_a = [f for a, _ in parts for f in a]
    half_b = [f for _, b in parts for f in b]
    lines = [
        f"held-out folds: {len(settings)} settings, chosen on one half of the {len(labels)} gold reports"
        f" (split by a hash of the file name within each language), scored on the other half"
    ]
    for chosen_on, scored_on, label in ((half_a, half_b, "A -> B"), (half_b, half_a, "B -> A")):
        fit = {name: macro_f1(run.scores("model", chosen_on), areas=areas) for name, run in runs.items()}
        best = max(fit, key=lambda k: (fit[k], -list(settings).index(k)))
        held = runs[best].scores("model", scored_on)
        seeds = runs[best].scores("seed_terms", scored_on)
        lines.append(
            f"  {label}: chose {best} (macro-F1 {fit[best]:.3f} on the {len(chosen_on)} reports it was chosen on);"
            f" on the other {len(scored_on)}: {_figures(held, areas)}; seed_terms {macro_f1(seeds, areas=areas):.3f}"
        )
    lines.append("  every setting, macro-F1 on half A / half B / all:")
    for name, run in runs.items():
        lines.append(
            f"    {name:<24} {macro_f1(run.scores('model', half_a), areas=areas):.3f} /"
            f" {macro_f1(run.scores('model', half_b), areas=areas):.3f} /"
            f" {macro_f1(run.scores('model'), areas=areas):.3f}"
        )
    return lines


def _fit_table(result) -> pd.DataFrame:
    """The sentences with the entity stage's ids per sentence, as the pipeline fits on them."""
    from analysis.areas.model import with_entity_ids

    return with_entity_ids(result.articles, result.sentences)


def cross_model(other_gold: str | Path, *, random_state: int = 0) -> tuple[CooperationAreaModel, str]:
    """The model ``coop analyze`` fits on another gold folder's reports, and what it was fitted on."""
    labels, source = read_area_gold(other_gold)
    run = run_on(source, labels, random_state=random_state)
    return run.model, f"{source} ({run.how})"


def area_evaluation_report(
    gold_dir: str | Path,
    *,
    raw: str | Path | None = None,
    model: CooperationAreaModel | None = None,
    cross: str | Path | None = None,
    folds: dict[str, dict] | None = None,
    random_state: int = 0,
) -> str:
    """The text ``coop evaluate areas`` prints for a gold folder (see the module docstring)."""
    labels, source = read_area_gold(gold_dir, raw=raw)
    run = run_on(source, labels, model=model, random_state=random_state)
    lines = [
        f"areas on {len(labels)} gold reports of {source} (article level)",
        f"  in-sample where the data chose the settings: the taxonomy's seeds and rules were written looking at"
        f" {' and '.join(TUNED_ON)}; a model fitted on these reports (without labels) is in-sample for the fit",
        "",
        *run_summary(run, title="as coop analyze runs it:"),
    ]
    if cross is not None:
        other, what = cross_model(cross, random_state=random_state)
        crossed = run_on(source, labels, model=other, random_state=random_state)
        crossed.how = f"fitted on {what}, scored here (cross-corpus)"
        lines += ["", *run_summary(crossed, title="cross-corpus check:")]
    if folds:
        lines += ["", *fold_lines(source, labels, folds, random_state=random_state)]
    return "\n".join(lines)


def settings_grid() -> dict[str, dict]:
    """The settings the held-out folds choose among."""
    grid = {"defaults": {}, "weak_floor=False": {"weak_floor": False}, "threshold=0.5": {"threshold": 0.5}}
    grid |= {f"C={c}": {"C": c} for c in (1.0, 2.0, 8.0)}
    return grid


__all__ = [
    "AreaRun",
    "TUNED_ON",
    "area_evaluation_report",
    "cross_model",
    "fold_lines",
    "halves",
    "read_area_gold",
    "run_on",
    "run_summary",
    "settings_grid",
]
