"""The tidy tables behind the charts and the report's sentences: copies folded, ties disclosed,
trend sentences computed from the table the chart draws."""

import pandas as pd
import pytest

from analysis.report import aggregate as ag


def _articles(ids, *, dates, copies=None):
    copies = copies or {}
    return pd.DataFrame(
        {
            "article_id": ids,
            "date": pd.to_datetime(dates),
            "language": ["en"] * len(ids),
            "duplicate_of": [copies.get(i) for i in ids],
        }
    )


def _partners(pairs):
    return pd.DataFrame(
        [
            {"article_id": a, "entity_type": "region", "role": "partner", "canonical_name": p, "iso_code": p[:2]}
            for a, p in pairs
        ]
    )


def test_fold_copies_drops_the_copies_rows_in_every_table_and_leaves_the_inputs_alone():
    articles = _articles(["a", "b", "c"], dates=["2020-01-01"] * 3, copies={"c": "a"})
    areas = pd.DataFrame({"article_id": ["a", "b", "c"], "area": ["trade"] * 3})
    other = pd.DataFrame({"x": [1, 2]})
    folded = ag.fold_copies({"articles": articles, "article_areas": areas, "other": other})
    assert list(folded["articles"]["article_id"]) == ["a", "b"]
    assert list(folded["article_areas"]["article_id"]) == ["a", "b"]
    assert folded["other"] is other and len(articles) == 3 and len(areas) == 3
    assert ag.n_copies(articles) == 1 and ag.n_copies(folded["articles"]) == 0


def test_counts_after_folding_are_the_counts_of_a_corpus_without_the_copy():
    articles = _articles(["a", "b", "c"], dates=["2020-01-01", "2021-01-01", "2020-06-01"], copies={"c": "a"})
    areas = pd.DataFrame({"article_id": ["a", "b", "c"], "area": ["trade", "energy", "trade"]})
    folded = ag.fold_copies({"articles": articles, "article_areas": areas})
    without = {"articles": articles.iloc[:2], "article_areas": areas.iloc[:2]}
    once = ag.areas_over_time(folded["article_areas"], folded["articles"])
    pd.testing.assert_frame_equal(once, ag.areas_over_time(without["article_areas"], without["articles"]))
    assert once.drop_duplicates("period")["period_reports"].sum() == 2
    overview = ag.corpus_overview(
        articles.assign(n_duplicate_paragraphs=0, date_inferred=False), pd.DataFrame({"reason": []})
    )
    years = overview[overview["facet"] == "year"]
    assert years["n"].sum() == 2
    assert overview.set_index("label").loc["republished copies (counted once)", "n"] == 1


def test_leading_partners_discloses_ties_and_breaks_them_by_the_stated_rule():
    # Alpha: 3 reports overall, 1 in energy; Beta: 1 report, in energy; Gamma: 2, both trade
    pairs = [("a1", "Alpha"), ("a2", "Alpha"), ("a3", "Alpha"), ("b1", "Beta"), ("g1", "Gamma"), ("g2", "Gamma")]
    entities = _partners(pairs)
    areas = pd.DataFrame(
        {"article_id": ["a1", "b1", "g1", "g2", "a2"], "area": ["energy", "energy", "trade", "trade", "trade"]}
    )
    leaders = ag.leading_partners(areas, entities, top=30).set_index("area")
    assert leaders.loc["energy", "partner"] == "Alpha"  # tie at 1: more reports overall wins
    assert leaders.loc["energy", "tied"] == 1 and leaders.loc["energy", "tied_with"] == "Beta"
    assert leaders.loc["trade", "partner"] == "Gamma" and leaders.loc["trade", "tied"] == 0
    note = ag.leading_partners_note(leaders.reset_index(), top=30)
    assert "Among the 30 partner regions" in note and "1 of 2 areas have a tie" in note
    assert "energy (Alpha and 1 more with 1)" in note


def test_trend_statement_is_computed_from_the_table():
    articles = _articles([f"r{i}" for i in range(10)], dates=["2020-03-01"] * 5 + ["2022-03-01"] * 5)
    areas = pd.DataFrame({"article_id": ["r0", "r1", "r2", "r5"], "area": ["trade", "trade", "energy", "energy"]})
    over = ag.areas_over_time(areas, articles)
    text = ag.trend_statement(over)
    assert text.startswith("From 2020 (5 reports) to 2022 (5 reports)")
    assert "fell most: trade (40% to 0%)" in text
    assert "no area" not in text and "energy" not in text  # 20% in both years: no change
    assert "too few" in ag.trend_statement(over, min_reports=6)
    assert "no trend" in ag.trend_statement(over.iloc[0:0])


def test_top_must_be_positive():
    with pytest.raises(ValueError, match="top must be"):
        ag.partner_counts(_partners([("a", "Alpha")]), top=0)


def test_for_display_takes_columns_of_every_kind_with_nothing_in_them():
    frame = pd.DataFrame(
        {
            "agency": pd.array([None, None], dtype="str"),  # no report had one
            "city": pd.array(["Minsk", None], dtype="str"),
            "flag": pd.array([True, None], dtype=object),
            "date": pd.to_datetime(["2024-05-01", None]),
            "n": [1, 2],
        }
    )
    shown = ag.for_display(frame)
    assert shown["agency"].tolist() == ["–", "–"]
    assert shown["city"].tolist() == ["Minsk", "–"]
    assert shown["flag"].tolist() == ["yes", "–"]
    assert shown["date"].tolist() == ["2024-05-01", "no date"]
    assert shown["n"].tolist() == [1, 2]
