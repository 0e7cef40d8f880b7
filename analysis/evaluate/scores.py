"""Measure the pipeline against gold labels.

:func:`evaluate_entities` compares, report by report, the sets of partner regions, venue
regions, enterprises, organisations and officials found with the gold sets, and returns
precision, recall and F1 (micro-averaged over reports) per entity type and language. Copies
(``duplicate_of``) are evaluated like any report: they are inputs too. :func:`region_roles`
counts how each foreign region was taken (partner, venue, mentioned) by the role the gold gives
it, for the per-role figures :func:`role_report` prints.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.entities.matcher import person_key

ENTITY_TARGETS = ("partner_region", "venue_region", "enterprise", "organisation", "person")


def files_under(articles: pd.DataFrame, raw_dir: str | Path) -> pd.Series:
    """Each article's file relative to ``raw_dir`` (the gold labels' ``file``), by article ID."""
    raw = Path(raw_dir)
    return articles.set_index("article_id")["source_path"].map(lambda p: Path(p).relative_to(raw).as_posix())


def _gold_sets(gold: pd.DataFrame) -> pd.DataFrame:
    def persons(values: list[str]) -> set[str]:
        keys = set()
        for value in values:
            name = value.split("|", 1)[0].split()
            if len(name) >= 2:
                keys.add(person_key(name[0], name[-1]))
        return keys

    return pd.DataFrame(
        {
            "file": gold["file"],
            "language": gold["language"],
            "partner_region": gold["partner_regions"].map(set),
            "venue_region": gold["venue_regions"].map(set),
            "enterprise": gold["enterprises"].map(set),
            "organisation": gold["organisations"].map(set),
            "person": gold["persons"].map(persons),
        }
    )


def _predicted_sets(article_entities: pd.DataFrame, files: pd.Series) -> pd.DataFrame:
    ae = article_entities
    by = {}
    regions = ae[ae["entity_type"] == "region"]
    by["partner_region"] = regions[regions["role"] == "partner"].groupby("article_id")["iso_code"].agg(set)
    # gold venue_regions list foreign venues that are not partners; Belarus's own are never listed
    foreign_venues = regions[(regions["role"] == "venue") & (regions["country"] != "BY")]
    by["venue_region"] = foreign_venues.groupby("article_id")["iso_code"].agg(set)
    for kind in ("enterprise", "organisation"):  # gold lists Belarusian ones only
        rows = ae[(ae["entity_type"] == kind) & (ae["country"] == "BY")]
        by[kind] = rows.groupby("article_id")["canonical_name"].agg(set)
    people = ae[ae["entity_type"] == "person"]
    by["person"] = people.groupby("article_id")["entity_id"].agg(lambda s: {e.removeprefix("person:") for e in s})
    out = pd.DataFrame({"article_id": files.index, "file": files.to_numpy()})
    for kind, series in by.items():
        out[kind] = out["article_id"].map(series).map(lambda v: v if isinstance(v, set) else set())
    return out


def score_sets(gold: list[set], predicted: list[set]) -> dict[str, float]:
    """Micro precision, recall and F1 over paired sets, with the counts.

    >>> score_sets([{"a", "b"}, {"c"}], [{"a"}, {"c", "d"}])
    {'precision': 0.667, 'recall': 0.667, 'f1': 0.667, 'tp': 2, 'fp': 1, 'fn': 1}
    """
    tp = sum(len(g & p) for g, p in zip(gold, predicted, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, predicted, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def evaluate_entities(
    gold: pd.DataFrame, articles: pd.DataFrame, article_entities: pd.DataFrame, *, raw_dir: str | Path
) -> pd.DataFrame:
    """Precision/recall/F1 per entity type and language (and ``all``) against gold labels.

    ``gold`` is :func:`analysis.evaluate.gold.read_gold`'s articles table; ``articles`` and
    ``article_entities`` the pipeline's tables for the files under ``raw_dir``.
    """
    files = files_under(articles, raw_dir)
    merged = _gold_sets(gold).merge(_predicted_sets(article_entities, files), on="file", suffixes=("_gold", "_pred"))
    return _scores_by_language(merged, ENTITY_TARGETS)


def _scores_by_language(merged: pd.DataFrame, kinds: tuple[str, ...]) -> pd.DataFrame:
    """One score row per entity kind and language (and ``all``) from ``<kind>_gold``/``<kind>_pred`` sets."""
    rows = []
    for kind in kinds:
        for language, group in [("all", merged), *merged.groupby("language")]:
            score = score_sets(group[f"{kind}_gold"].tolist(), group[f"{kind}_pred"].tolist())
            rows.append({"entity_type": kind, "language": language, "n_reports": len(group), **score})
    return pd.DataFrame(rows)


def score_areas(
    gold: pd.DataFrame, predicted: dict[str, set[str]], files: dict[str, str], areas: list[str]
) -> pd.DataFrame:
    """Article-level precision/recall/F1 per area and language (and ``all``) for one method.

    ``predicted`` maps article IDs to area sets, ``files`` article IDs to gold ``file`` names.
    """
    by_file = {files[a]: s for a, s in predicted.items() if a in files}
    rows = []
    for language, group in [("all", gold), *gold.groupby("language")]:
        for area in areas:
            g = [({area} & set(x)) for x in group["areas"]]
            p = [({area} & by_file.get(f, set())) for f in group["file"]]
            rows.append({"area": area, "language": language, "n_gold": sum(map(len, g)), **score_sets(g, p)})
    return pd.DataFrame(rows)


def macro_f1(
    scores: pd.DataFrame, *, language: str = "all", areas: list[str] | None = None, min_gold: int = 0
) -> float:
    """Mean F1 over areas (optionally a subset, or those with at least ``min_gold`` gold reports)."""
    rows = scores[scores["language"] == language]
    if areas is not None:
        rows = rows[rows["area"].isin(areas)]
    all_rows = scores[scores["language"] == "all"].set_index("area")["n_gold"]
    rows = rows[rows["area"].map(all_rows) >= min_gold]
    return round(float(rows["f1"].mean()), 3) if len(rows) else float("nan")


def article_area_sets(
    article_ids, sentences: pd.DataFrame, scores, areas: list[str], threshold: float
) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {a: set() for a in article_ids}
    rows, cols = (scores >= threshold).nonzero()
    ids = sentences["article_id"].to_numpy()
    for i, k in zip(rows, cols, strict=True):
        out[ids[i]].add(areas[k])
    return out


def area_report(gold: pd.DataFrame, gold_sentences: pd.DataFrame, raw_dir: str | Path, *, n_seeds: int = 5) -> str:
    """The text ``coop evaluate areas`` prints: the model beside both baselines, per area and
    language, macro-F1s, and the stability of the labels over ``n_seeds`` refits on seeded 90%
    samples of the sentences.

    The model is fitted on the corpus's sentences without their labels; gold labels only score
    the outcome (and name the NMF baseline's topics).
    """
    from analysis.areas.baselines import mapped_nmf, seed_matching
    from analysis.areas.model import CooperationAreaModel
    from analysis.areas.taxonomy import CORE_AREAS
    from analysis.pipeline import load_articles

    raw = Path(raw_dir)
    loaded = load_articles(raw, progress=False)
    sentences = loaded.sentences
    files = files_under(loaded.articles, raw).to_dict()
    model = CooperationAreaModel(random_state=0).fit(sentences)
    scores = model.transform(sentences)
    areas = model.areas_
    ids = loaded.articles["article_id"]
    methods = {
        "model": article_area_sets(ids, sentences, scores, areas, model.thresholds_),
        "seed_terms": seed_matching(sentences, model.featurizer_),
    }
    gold_by_sentence = gold_sentences.set_index(["file", "sentence_no"])["areas"]
    aligned = pd.Series(
        [
            gold_by_sentence.get((files[a], n))
            for a, n in zip(sentences["article_id"], sentences["sentence_no"], strict=True)
        ],
        dtype=object,
    )
    methods["nmf_mapped"] = mapped_nmf(sentences, model.featurizer_, aligned, random_state=0)
    tables = {name: score_areas(gold, pred, files, areas) for name, pred in methods.items()}
    frequent = [a for a in areas if tables["model"].set_index(["area", "language"]).loc[(a, "all"), "n_gold"] >= 8]
    lines = [f"areas on {len(gold)} gold reports in {raw} (article level; the model was fitted without labels)", ""]
    lines.append(
        f"{'method':<12} {'core-4 macro-F1':>16} {'macro-F1 (areas with >= 8 reports)':>36}"
        "   by language (areas with >= 8)"
    )
    for name, table in tables.items():
        by_lang = ", ".join(
            f"{lang} {macro_f1(table, language=lang, areas=frequent)}" for lang in ("de", "en", "ru", "be")
        )
        lines.append(
            f"{name:<12} {macro_f1(table, areas=list(CORE_AREAS)):>16} {macro_f1(table, areas=frequent):>36}"
            f"   {by_lang}"
        )
    lines += ["", f"per area, all languages (threshold {model.threshold}):"]
    per_area = tables["model"][tables["model"]["language"] == "all"].drop(columns="language").set_index("area")
    per_area["seed_terms_f1"] = tables["seed_terms"][tables["seed_terms"]["language"] == "all"].set_index("area")["f1"]
    per_area["nmf_mapped_f1"] = tables["nmf_mapped"][tables["nmf_mapped"]["language"] == "all"].set_index("area")["f1"]
    lines.append(per_area.to_string())
    lines += ["", "per area and language (model F1):"]
    lines.append(tables["model"].pivot(index="area", columns="language", values="f1").reindex(areas).to_string())
    stability = []
    full = methods["model"]
    for seed in range(n_seeds):
        # the solver is deterministic, so stability is measured where it can vary: refit on a
        # seeded 90% sample of the sentences and label the whole corpus again
        rng = np.random.default_rng(seed)
        sample = sentences.iloc[np.sort(rng.choice(len(sentences), size=int(0.9 * len(sentences)), replace=False))]
        other = CooperationAreaModel(random_state=seed).fit(sample)
        sets = article_area_sets(ids, sentences, other.transform(sentences), areas, other.thresholds_)
        same = sum(sets[a] == full[a] for a in ids)
        f1 = macro_f1(score_areas(gold, sets, files, areas), areas=frequent)
        stability.append(f"sample {seed}: macro-F1 {f1}, {same}/{len(ids)} reports labelled as by the full fit")
    lines += ["", f"stability (refits on {n_seeds} seeded 90% samples of the sentences):", *stability]
    return "\n".join(lines)


#: What a labelled set's ``labels.csv`` lists (the shared dev set's conventions).
LABEL_TARGETS = ("partner_region", "enterprise")


def read_entity_labels(folder: str | Path) -> pd.DataFrame:
    """A labelled set's ``labels.csv`` as gold entity sets: ``file``, ``language``, the partner
    regions' ISO codes (``partner_iso``) and the Belarusian enterprises' canonical names, both
    ``;``-separated; names are compared case-insensitively."""
    path = Path(folder) / "labels.csv"
    labels = pd.read_csv(path, dtype="str", keep_default_na=False)
    missing = {"file", "language", "partner_iso", "enterprises"} - set(labels.columns)
    if missing:
        raise ValueError(f"{path} lacks the columns {', '.join(sorted(missing))}")

    def split(value: str, *, fold: bool = False) -> set[str]:
        return {(v.strip().casefold() if fold else v.strip()) for v in value.split(";") if v.strip()}

    return pd.DataFrame(
        {
            "file": labels["file"],
            "language": labels["language"],
            "partner_region": labels["partner_iso"].map(split),
            "enterprise": labels["enterprises"].map(lambda v: split(v, fold=True)),
        }
    )


def evaluate_entity_labels(
    labels: pd.DataFrame, articles: pd.DataFrame, article_entities: pd.DataFrame, *, files: pd.Series
) -> pd.DataFrame:
    """Precision/recall/F1 of partner regions and Belarusian enterprises per language (and
    ``all``) against :func:`read_entity_labels`; ``files`` names each article as the labels do,
    indexed by ``article_id``."""
    predicted = _predicted_sets(article_entities, files)
    predicted["enterprise"] = predicted["enterprise"].map(lambda s: {v.casefold() for v in s})
    merged = labels.merge(predicted, on="file", how="left", suffixes=("_gold", "_pred"))
    for kind in LABEL_TARGETS:  # a labelled report the pipeline did not load found nothing
        merged[f"{kind}_pred"] = merged[f"{kind}_pred"].map(lambda v: v if isinstance(v, set) else set())
    return _scores_by_language(merged, LABEL_TARGETS)


#: How the entity stage can take a region (analysis.entities.matcher.ROLES), or miss a gold one
REGION_TAKEN = ("partner", "venue", "mentioned", "not found")


def region_roles(gold: pd.DataFrame, article_entities: pd.DataFrame, files: pd.Series) -> pd.DataFrame:
    """How the stage took each foreign region of each report, by the role the gold gives it.

    ``gold`` has ``file`` and, per role it labels, a set of ISO codes: ``partner_region`` and,
    where the gold gives them, ``venue_region``; ``files`` names each article as the gold does,
    indexed by ``article_id``. Counts (report, region) pairs: rows are the role taken
    (``not found`` for a gold region the stage did not find), columns the gold's role, and
    ``unlisted`` for a foreign region found that the gold lists in no role.

    >>> gold = pd.DataFrame({"file": ["a.txt"], "partner_region": [{"RU-TOM", "RU-OMS"}]})
    >>> found = pd.DataFrame({"article_id": ["1"] * 3, "entity_type": ["region"] * 3,
    ...     "iso_code": ["RU-TOM", "RU-MOW", "BY-HM"], "country": ["RU", "RU", "BY"],
    ...     "role": ["partner", "venue", "mentioned"]})
    >>> region_roles(gold, found, pd.Series(["a.txt"], index=["1"]))
               partner  unlisted
    partner          1         0
    venue            0         1
    mentioned        0         0
    not found        1         0
    """
    kinds = [k for k in ("partner_region", "venue_region") if k in gold]
    regions = article_entities[
        (article_entities["entity_type"] == "region")
        & (article_entities["country"] != "BY")
        & article_entities["iso_code"].notna()
    ]
    taken: dict[str, dict[str, str]] = {}
    names = files.to_dict()
    for article_id, iso, role in zip(regions["article_id"], regions["iso_code"], regions["role"], strict=True):
        if article_id in names:
            taken.setdefault(names[article_id], {})[iso] = role
    columns = [k.removesuffix("_region") for k in kinds] + ["unlisted"]
    counts = pd.DataFrame(0, index=list(REGION_TAKEN), columns=columns)
    for row in gold[["file", *kinds]].itertuples(index=False):
        found = taken.get(row.file, {})
        listed: dict[str, str] = {}
        for kind, isos in zip(kinds, row[1:], strict=True):
            for iso in sorted(isos):
                listed.setdefault(iso, kind.removesuffix("_region"))
        for iso, role in listed.items():
            counts.loc[found.get(iso, "not found"), role] += 1
        for iso, role in found.items():
            if iso not in listed:
                counts.loc[role, "unlisted"] += 1
    return counts


def role_report(roles: pd.DataFrame) -> str:
    """What ``coop evaluate entities`` prints of :func:`region_roles`: the table, precision,
    recall and F1 of each role the gold labels, and what it cannot score."""
    lines = [
        "region roles: (report, foreign region) pairs, by the role taken (rows) and the gold's (columns;",
        "unlisted: found, listed in no gold role)",
        roles.to_string(),
        "",
    ]
    for role in [c for c in roles.columns if c != "unlisted"]:
        tp = int(roles.loc[role, role])
        fp = int(roles.loc[role].sum()) - tp
        fn = int(roles[role].sum()) - tp
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        lines.append(
            f"{role} role: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn})"
        )
    unlisted = roles["unlisted"]
    lines.append(
        f"regions the gold lists in no role were taken as: venue {unlisted['venue']}, mentioned "
        f"{unlisted['mentioned']}, partner {unlisted['partner']} (false partners)"
    )
    if "venue" not in roles.columns:
        lines.append(
            "these labels give partner regions only: the venue and mention roles cannot be scored,\n"
            "only what the regions they do not list as partners were taken as"
        )
    lines.append(
        "the stage has no destination role: a place goods go to is a partner, or mentioned where\n"
        "the sentence does not present it as one; it is never a venue (event location)"
    )
    return "\n".join(lines)


def event_location_report(gold: pd.DataFrame, articles: pd.DataFrame, files: pd.Series) -> str:
    """The article's event location against the gold's ``event_location`` (exact, an empty one
    meaning none): one line."""
    predicted = dict(
        zip(files.to_numpy(), articles.set_index("article_id").loc[files.index, "event_location"], strict=True)
    )
    right = given = 0
    for file, want in zip(gold["file"], gold["event_location"], strict=True):
        got = predicted.get(file)
        got = got if isinstance(got, str) and got and got != "nan" else ""
        right += got == (want or "")
        given += bool(want)
    return (
        f"event location: right for {right} of {len(gold)} reports (exact; {given} have one in the gold, the rest none)"
    )


def gold_role_report(gold: pd.DataFrame, articles: pd.DataFrame, article_entities: pd.DataFrame, *, raw_dir) -> str:
    """:func:`role_report` and :func:`event_location_report` against gold labels (the bundled
    gold's ``partner_regions``, ``venue_regions`` and ``event_location``)."""
    files = files_under(articles, raw_dir)
    roles = region_roles(_gold_sets(gold), article_entities, files)
    return role_report(roles) + "\n" + event_location_report(gold, articles, files)


def label_role_report(labels: pd.DataFrame, article_entities: pd.DataFrame, *, files: pd.Series) -> str:
    """:func:`role_report` against :func:`read_entity_labels` (partner regions only)."""
    return role_report(region_roles(labels, article_entities, files))
