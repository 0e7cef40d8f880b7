"""Tidy tables the charts and the report read: the pipeline's tables, summed up.

Each function takes pipeline tables and keyword-only options and returns a new long ("tidy")
frame; the inputs are never modified, so steps chain with ``DataFrame.pipe``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

#: The periods the counts over time take (``freq``; the notebooks' ``PERIOD``, ``coop report --period``).
PERIODS = ("year", "quarter")


def period_labels(dates: pd.Series, freq: str) -> pd.Series:
    """Each date's period as text: ``"2024"`` by year, ``"2024Q2"`` by quarter.

    >>> period_labels(pd.Series(pd.to_datetime(["2024-05-01"])), "quarter").tolist()
    ['2024Q2']
    """
    if freq not in PERIODS:
        raise ValueError(f"freq must be one of {', '.join(PERIODS)}; got {freq!r}")
    return dates.dt.year.astype(str) if freq == "year" else dates.dt.to_period("Q").astype(str)


def fold_copies(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables with each republished copy (``articles.duplicate_of`` set) left out, so that
    every report is counted once.

    Every table with an ``article_id`` column keeps only the rows of the reports kept; the others
    are returned as they are. A new dict of new frames: the inputs are not modified.

    Examples
    --------
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "duplicate_of": [None, "a"]})
    >>> areas = pd.DataFrame({"article_id": ["a", "b"], "area": ["trade", "trade"]})
    >>> folded = fold_copies({"articles": articles, "article_areas": areas})
    >>> len(folded["articles"]), len(folded["article_areas"])
    (1, 1)
    """
    articles = tables.get("articles")
    if articles is None or "duplicate_of" not in articles:
        return dict(tables)
    kept = set(articles.loc[articles["duplicate_of"].isna(), "article_id"])
    return {
        name: (frame[frame["article_id"].isin(kept)].reset_index(drop=True) if "article_id" in frame else frame)
        for name, frame in tables.items()
    }


def n_copies(articles: pd.DataFrame) -> int:
    """How many reports are republished copies of another (``duplicate_of`` set): the ones
    :func:`fold_copies` leaves out."""
    return int(articles["duplicate_of"].notna().sum()) if "duplicate_of" in articles else 0


def copies_note(articles: pd.DataFrame) -> str:
    """The line the report prints on folding: ``6 republished copies counted once: 120 reports``."""
    copies = n_copies(articles)
    return f"{copies} republished {'copy' if copies == 1 else 'copies'} counted once: {len(articles) - copies} reports"


def _partners(article_entities: pd.DataFrame) -> pd.DataFrame:
    rows = article_entities[(article_entities["entity_type"] == "region") & (article_entities["role"] == "partner")]
    return rows[["article_id", "canonical_name", "iso_code"]].drop_duplicates()


def partner_counts(article_entities: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """Reports per partner region, most first (ties in name order), the ``top`` of them.

    Columns: ``partner``, ``iso_code``, ``n_reports``.
    """
    if top is not None and top < 1:
        raise ValueError(f"top must be >= 1 or None, got {top!r}")
    counts = (
        _partners(article_entities)
        .groupby(["canonical_name", "iso_code"])["article_id"]
        .nunique()
        .sort_values(ascending=False, kind="stable")
    )
    counts = counts if top is None else counts.head(top)
    return counts.reset_index().rename(columns={"canonical_name": "partner", "article_id": "n_reports"})


def area_shares_by_partner(
    article_areas: pd.DataFrame, article_entities: pd.DataFrame, *, top: int = 12
) -> pd.DataFrame:
    """Per partner region (the ``top`` with most reports) and area: reports and their share; every
    area of ``article_areas`` for every partner (0 where none of its reports covers it).

    Columns: ``partner``, ``iso_code``, ``area``, ``n_reports`` (the partner's reports covering the
    area), ``partner_reports``, ``share`` and its 95% Wilson interval (``low``, ``high``).
    """
    if top < 1:
        raise ValueError(f"top must be >= 1, got {top!r}")
    partners = _partners(article_entities)
    chosen = partner_counts(article_entities, top=top).rename(columns={"n_reports": "partner_reports"})
    joined = partners.merge(article_areas[["article_id", "area"]], on="article_id")
    per = joined.groupby(["canonical_name", "area"])["article_id"].nunique().rename("n_reports").reset_index()
    grid = chosen.merge(pd.DataFrame({"area": sorted(article_areas["area"].unique())}), how="cross")
    out = grid.merge(per.rename(columns={"canonical_name": "partner"}), on=["partner", "area"], how="left")
    out["n_reports"] = out["n_reports"].fillna(0).astype("int64")
    out["share"] = out["n_reports"] / out["partner_reports"]
    out["low"], out["high"] = wilson_interval(out["n_reports"].to_numpy(), out["partner_reports"].to_numpy())
    return out.dropna(subset=["area"]).reset_index(drop=True)[
        ["partner", "iso_code", "area", "n_reports", "partner_reports", "share", "low", "high"]
    ]


def leading_partners(article_areas: pd.DataFrame, article_entities: pd.DataFrame, *, top: int = 30) -> pd.DataFrame:
    """For each area, the partner region (of the ``top`` with most reports) with most reports in it.

    Columns: ``area``, ``partner``, ``n_reports``, ``share`` (of the partner's reports), ``tied``
    (how many other partners have as many reports in the area) and ``tied_with`` (their names,
    comma-separated, in the order below), one row per area in name order. The rule for ties: of
    partners with as many reports in the area, the one with more reports overall, then the first
    in name order.
    """
    shares = area_shares_by_partner(article_areas, article_entities, top=top)
    shares = shares[shares["n_reports"] > 0]
    ranked = shares.sort_values(
        ["area", "n_reports", "partner_reports", "partner"], ascending=[True, False, False, True], kind="stable"
    )
    rows = []
    for area, group in ranked.groupby("area", sort=True):
        lead = group.iloc[0]
        others = group.loc[group["n_reports"] == lead["n_reports"], "partner"].iloc[1:]
        rows.append(
            {
                "area": area,
                "partner": lead["partner"],
                "n_reports": int(lead["n_reports"]),
                "share": float(lead["share"]),
                "tied": len(others),
                "tied_with": ", ".join(others),
            }
        )
    columns = ["area", "partner", "n_reports", "share", "tied", "tied_with"]
    return pd.DataFrame(rows, columns=columns)


def leading_partners_note(leaders: pd.DataFrame, *, top: int = 30) -> str:
    """One sentence on how :func:`leading_partners` was chosen and where it ties."""
    tied = leaders[leaders["tied"] > 0]
    text = (
        f"Among the {top} partner regions with most reports; ties go to the partner with more reports "
        "overall, then to name order."
    )
    if len(tied):
        text += (
            f" {len(tied)} of {len(leaders)} areas have a tie for the lead: "
            + "; ".join(f"{r.area} ({r.partner} and {r.tied} more with {r.n_reports})" for r in tied.itertuples())
            + "."
        )
    else:
        text += " No area has a tie for the lead."
    return text


def value_boxes(
    articles: pd.DataFrame, article_areas: pd.DataFrame, article_entities: pd.DataFrame, *, freq: str = "year"
) -> pd.DataFrame:
    """The figures at the top of the report, one row each (``label``, ``value``, ``note``): reports,
    partner regions, the period covered, the share of reports with an area, and the reports of the
    last period against the one before. Give it the tables with each copy counted once
    (:func:`fold_copies`).

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"],
    ...                      "date": pd.to_datetime(["2023-05-01", "2024-02-01", None])})
    >>> areas = pd.DataFrame({"article_id": ["a", "a"], "area": ["trade", "machinery"]})
    >>> ents = pd.DataFrame({"article_id": ["a", "b"], "entity_type": ["region", "region"],
    ...                      "role": ["partner", "partner"], "canonical_name": ["Omsk Oblast"] * 2,
    ...                      "iso_code": ["RU-OMS"] * 2})
    >>> value_boxes(arts, areas, ents)["value"].tolist()
    ['3', '1', '2023 to 2024', '33%', '1']
    """
    n = articles["article_id"].nunique()
    partners = _partners(article_entities)["canonical_name"].nunique() if len(article_entities) else 0
    dates = articles["date"].dropna()
    periods = period_labels(dates, freq).value_counts().sort_index()
    with_area = article_areas["article_id"].nunique()
    rows = [
        ("reports", str(n), "each republished copy counted once"),
        ("partner regions", str(partners), "named as partners in the reports"),
        (
            "period",
            f"{periods.index[0]} to {periods.index[-1]}" if len(periods) else "no dates",
            f"{n - len(dates)} report(s) without a date" if len(dates) < n else "every report dated",
        ),
        ("with an area", f"{with_area / n:.0%}" if n else "–", f"{with_area} of {n} reports"),
    ]
    if len(periods) >= 2:
        last, before = periods.index[-1], periods.index[-2]
        change = int(periods.iloc[-1] - periods.iloc[-2])
        rows.append((f"reports in {last}", str(int(periods.iloc[-1])), f"{change:+d} against {before}"))
    elif len(periods) == 1:
        rows.append((f"reports in {periods.index[0]}", str(int(periods.iloc[0])), "no earlier period to compare"))
    return pd.DataFrame(rows, columns=["label", "value", "note"])


def trend_statement(over_time: pd.DataFrame, *, min_reports: int = 5, n_areas: int = 3) -> str:
    """What changed between the first and the last period, in a sentence computed from
    :func:`areas_over_time`'s frame: the areas whose share rose and fell most.

    Periods with fewer than ``min_reports`` reports are not compared.
    """
    if over_time.empty:
        return "No dated report covers an area: there is no trend to describe."
    periods = over_time.drop_duplicates("period").set_index("period")["period_reports"].sort_index()
    usable = periods[periods >= min_reports]
    if len(usable) < 2:
        return (
            f"Fewer than two periods hold {min_reports} or more reports ({len(periods)} period(s) in all): "
            "too few to describe a change."
        )
    first, last = usable.index[0], usable.index[-1]
    table = over_time.pivot_table(index="area", columns="period", values="share", fill_value=0.0)
    change = (table[last] - table[first]).sort_values(kind="stable")

    def listed(areas) -> str:
        return ", ".join(f"{a} ({table.at[a, first]:.0%} to {table.at[a, last]:.0%})" for a in areas)

    up = change[change > 0].sort_values(ascending=False, kind="stable").head(n_areas).index
    down = change[change < 0].head(n_areas).index
    text = f"From {first} ({usable[first]} reports) to {last} ({usable[last]} reports)"
    parts = []
    if len(up):
        parts.append(f"the shares that rose most: {listed(up)}")
    if len(down):
        parts.append(f"fell most: {listed(down)}")
    return text + (", " + "; ".join(parts) if parts else ", no area's share changed") + "."


def wilson_interval(k, n, *, z: float = 1.959964) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval (95% by default) of the share ``k / n``: ``(low, high)``, arrays.

    Sound for small ``n`` and for shares of 0 or 1, where the normal interval is not; ``n == 0``
    gives ``(0, 1)``.

    Examples
    --------
    >>> low, high = wilson_interval(4, 4)
    >>> round(float(low), 3), round(float(high), 3)
    (0.51, 1.0)
    """
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    safe = np.where(n > 0, n, 1.0)
    p = k / safe
    denom = 1 + z**2 / safe
    centre = (p + z**2 / (2 * safe)) / denom
    half = z * np.sqrt(p * (1 - p) / safe + z**2 / (4 * safe**2)) / denom
    low = np.where(n > 0, np.clip(centre - half, 0, 1), 0.0)
    high = np.where(n > 0, np.clip(centre + half, 0, 1), 1.0)
    return low, high


def areas_by_language(article_areas: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per language and area: reports covering the area, the language's reports, the share and
    its 95% Wilson interval (``low``, ``high``), every area in every language (0 where none).

    Columns: ``language``, ``area``, ``n_reports``, ``language_reports``, ``share``, ``low``, ``high``.
    """
    langs = articles.assign(language=articles["language"].fillna("undetermined"))
    totals = langs.groupby("language")["article_id"].nunique().rename("language_reports")
    joined = langs[["article_id", "language"]].merge(article_areas[["article_id", "area"]], on="article_id")
    counts = joined.groupby(["language", "area"])["article_id"].nunique()
    areas = sorted(article_areas["area"].unique())
    index = pd.MultiIndex.from_product([totals.index, areas], names=["language", "area"])
    out = counts.reindex(index, fill_value=0).rename("n_reports").reset_index()
    out = out.merge(totals.reset_index(), on="language")
    out["n_reports"] = out["n_reports"].astype("int64")
    out["share"] = out["n_reports"] / out["language_reports"]
    out["low"], out["high"] = wilson_interval(out["n_reports"], out["language_reports"])
    return out.sort_values(["language", "area"], ignore_index=True)


def areas_with_language(article_areas: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``article_areas`` with each report's ``language``: what :func:`~analysis.report.plotting.plot_areas_by_language`
    draws."""
    return article_areas.merge(articles[["article_id", "language"]], on="article_id")


def areas_over_time(article_areas: pd.DataFrame, articles: pd.DataFrame, *, freq: str = "year") -> pd.DataFrame:
    """Per period and area: reports covering the area, reports in the period, the share and its
    95% Wilson interval (``low``, ``high``); every area in every period (0 where none).

    ``freq`` is ``"year"`` or ``"quarter"``. Reports without a date are left out (and counted in
    the corpus overview).
    """
    dated = articles.loc[articles["date"].notna(), ["article_id", "date"]]
    dated = dated.assign(period=period_labels(dated["date"], freq).to_numpy())
    totals = dated.groupby("period")["article_id"].nunique().rename("period_reports")
    joined = dated.merge(article_areas[["article_id", "area"]], on="article_id")
    out = joined.groupby(["period", "area"])["article_id"].nunique().rename("n_reports").reset_index()
    areas = sorted(article_areas["area"].unique())
    index = pd.MultiIndex.from_product([sorted(totals.index), areas], names=["period", "area"])
    out = out.set_index(["period", "area"])["n_reports"].reindex(index, fill_value=0).reset_index()
    out = out.merge(totals.reset_index(), on="period")
    out["n_reports"] = out["n_reports"].astype("int64")
    out["share"] = out["n_reports"] / out["period_reports"]
    out["low"], out["high"] = wilson_interval(out["n_reports"], out["period_reports"])
    return out.sort_values(["period", "area"], ignore_index=True)


def area_frequency(
    article_areas: pd.DataFrame, articles: pd.DataFrame, *, n_boot: int = 1000, random_state: int = 0
) -> pd.DataFrame:
    """Share of reports covering each area, with a 95% bootstrap interval over reports.

    Columns: ``area``, ``n_reports``, ``share``, ``low``, ``high``. Seeded: the same inputs and
    ``random_state`` give the same intervals.
    """
    if n_boot < 1:
        raise ValueError(f"n_boot must be >= 1, got {n_boot!r}")
    ids = articles["article_id"].to_numpy()
    n = len(ids)
    if n == 0 or article_areas.empty:
        return pd.DataFrame({"area": pd.Series(dtype="str"), "n_reports": pd.Series(dtype="int64"),
                             "share": pd.Series(dtype="float64"), "low": pd.Series(dtype="float64"),
                             "high": pd.Series(dtype="float64")})  # fmt: skip
    position = {a: i for i, a in enumerate(ids)}
    areas = sorted(article_areas["area"].unique())
    present = np.zeros((n, len(areas)), dtype=bool)
    for a, area in zip(article_areas["article_id"], article_areas["area"], strict=True):
        if a in position:
            present[position[a], areas.index(area)] = True
    # resampling n reports with replacement makes the count of reports covering an area
    # Binomial(n, share): drawing that count directly is the same bootstrap, in O(n_boot) memory
    # instead of O(n_boot * n) (8 GB for a million reports)
    rng = np.random.default_rng(random_state)
    boot = rng.binomial(n, present.mean(axis=0), size=(n_boot, len(areas))) / n
    out = pd.DataFrame(
        {
            "area": areas,
            "n_reports": present.sum(axis=0).astype("int64"),
            "share": present.mean(axis=0),
            "low": np.quantile(boot, 0.025, axis=0),
            "high": np.quantile(boot, 0.975, axis=0),
        }
    )
    return out.sort_values(["share", "area"], ascending=[False, True], ignore_index=True)


def partner_enterprise_counts(article_entities: pd.DataFrame, *, top: int = 12) -> pd.DataFrame:
    """Reports naming each (partner region, Belarusian enterprise) pair, for the ``top`` of each.

    Columns: ``partner``, ``enterprise``, ``n_reports``.
    """
    partners = _partners(article_entities)
    enterprises = article_entities[
        (article_entities["entity_type"] == "enterprise") & (article_entities["country"] == "BY")
    ]
    pairs = partners.merge(enterprises[["article_id", "canonical_name"]], on="article_id", suffixes=("_p", "_e"))
    top_p = pairs["canonical_name_p"].value_counts().head(top).index
    top_e = pairs["canonical_name_e"].value_counts().head(top).index
    pairs = pairs[pairs["canonical_name_p"].isin(top_p) & pairs["canonical_name_e"].isin(top_e)]
    out = (
        pairs.groupby(["canonical_name_p", "canonical_name_e"])["article_id"]
        .nunique()
        .rename("n_reports")
        .reset_index()
    )
    return out.rename(columns={"canonical_name_p": "partner", "canonical_name_e": "enterprise"})


def officials(article_entities: pd.DataFrame, *, top: int = 12) -> pd.DataFrame:
    """The officials named in most reports: ``reports`` and the first ``office`` found, indexed by
    ``canonical_name``, the ``top`` of them."""
    people = article_entities[article_entities["entity_type"] == "person"]
    table = people.groupby("canonical_name").agg(reports=("article_id", "nunique"), office=("title", "first"))
    return table.sort_values("reports", ascending=False).head(top)


def event_locations(articles: pd.DataFrame, *, top: int = 10) -> pd.DataFrame:
    """Where the events took place (rows, ``(not stated)`` when no place is) by where the reports
    were filed (columns, the dateline city): reports, the ``top`` event locations with most."""
    events = articles.assign(event_location=articles["event_location"].fillna("(not stated)"))
    table = pd.crosstab(events["event_location"], events["dateline_city"])
    return table.loc[table.sum(axis=1).sort_values(ascending=False).index].head(top)


def _holds_booleans(column: pd.Series) -> bool:
    """Whether an object column's values, where there are any, are all booleans."""
    values = column.dropna()
    return column.dtype == object and len(values) > 0 and all(isinstance(v, (bool, np.bool_)) for v in values)


def for_display(frame: pd.DataFrame, *, missing: str = "–") -> pd.DataFrame:
    """A copy of ``frame`` to show a reader: dates as ``YYYY-MM-DD`` (``no date`` where none),
    booleans as ``yes``/``no``, every other missing value as ``missing`` — no "NaN", "NaT" or
    "<NA>" in a report.

    Examples
    --------
    >>> frame = pd.DataFrame({"date": pd.to_datetime(["2024-05-01", None]), "title": ["A", None]})
    >>> for_display(frame).to_dict("list")
    {'date': ['2024-05-01', 'no date'], 'title': ['A', '–']}
    """
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            out[name] = column.dt.strftime("%Y-%m-%d").astype(object).where(column.notna(), "no date")
        elif pd.api.types.is_bool_dtype(column) or _holds_booleans(column):
            out[name] = column.map({True: "yes", False: "no"}).astype(object).where(column.notna(), missing)
        elif column.isna().any():
            out[name] = column.astype(object).where(column.notna(), missing)
    return out


def corpus_overview(articles: pd.DataFrame, rejects: pd.DataFrame) -> pd.DataFrame:
    """The data itself, one tidy frame: ``facet``, ``label``, ``n``.

    Facets: ``language`` (reports per language), ``year`` (reports per year, ``no date`` for
    undated), both with each republished copy counted once; ``rejects`` (rejected inputs per
    reason), ``cleaning`` (repeated paragraphs removed, republished copies, dates with an
    inferred year).
    """
    once = articles[articles["duplicate_of"].isna()] if "duplicate_of" in articles else articles
    parts = [
        ("language", once["language"].fillna("undetermined").value_counts().sort_index()),
        (
            "year",
            once["date"].dt.year.astype("Int64").astype(str).replace("<NA>", "no date").value_counts().sort_index(),
        ),
        ("rejects", rejects["reason"].value_counts().sort_index()),
        (
            "cleaning",
            pd.Series(
                {
                    "repeated paragraphs removed": int(articles["n_duplicate_paragraphs"].sum()),
                    "republished copies (counted once)": n_copies(articles),
                    "year inferred from the text": int(articles["date_inferred"].fillna(False).sum()),
                }
            ),
        ),
    ]
    frames = [
        pd.DataFrame({"facet": facet, "label": s.index.astype(str), "n": s.to_numpy().astype("int64")})
        for facet, s in parts
    ]
    return pd.concat(frames, ignore_index=True)


def is_noise_term(term: str, stop: frozenset[str]) -> bool:
    """A term no chart should show as speaking for an area: a stop word of any language
    (``stop``, from :func:`analysis.areas.discover.stop_words`), one or two letters, or digits."""
    low = term.casefold().replace("ё", "е")
    return len(low) < 3 or low in stop or any(ch.isdigit() for ch in low)


def model_terms(model, *, n_terms: int = 4) -> pd.DataFrame:
    """The words each area's regression weighs most (positive weights), for a termite plot.

    Columns: ``term`` (the stem), ``area``, ``weight``; the ``n_terms`` strongest words of each
    area, stop words of every language and one- or two-letter terms left out
    (:func:`is_noise_term`).
    """
    from analysis.areas.discover import stop_words

    stop = stop_words()
    names = model.vectorizer_.get_feature_names_out()
    rows = []
    for k, area in enumerate(model.areas_):
        coef = model.coef_[k, : len(names)]
        kept = 0
        for j in np.argsort(-coef, kind="stable"):
            if kept == n_terms or coef[j] <= 0:
                break
            term = names[j].removeprefix("w:")
            if is_noise_term(term, stop):
                continue
            rows.append({"term": term, "area": area, "weight": float(coef[j])})
            kept += 1
    return pd.DataFrame(rows, columns=["term", "area", "weight"])
