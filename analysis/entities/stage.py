"""The entity stage over one partition: what runs before the corpus-wide step and what after.

:func:`mention_part` finds every mention (officials not yet named: a name is decided over the
whole corpus) and gives each sentence the ids of the entities in it, the area model's entity
cues; :func:`finish_part`, once the corpus-wide step has named the officials, gives the final
``mentions``, ``article_entities`` and each report's event location.
"""

from __future__ import annotations

import pandas as pd

from analysis.areas.model import ENTITY_COLUMN, NAME_COLUMN
from analysis.entities.matcher import article_entities, name_mentions, raw_mentions


def sentence_entities(sentences: pd.DataFrame, mentions: pd.DataFrame) -> list[list[str]]:
    """For each sentence, the ids of the entities (not persons) found in it, in text order: the
    area model's entity cues, so that the second pass does not match every sentence again."""
    lists: dict[tuple[object, int], list[str]] = {}
    columns = (mentions[c].tolist() for c in ("article_id", "sentence_no", "entity_id", "entity_type"))
    for article_id, sentence_no, entity_id, entity_type in zip(*columns, strict=True):
        if entity_type != "person":
            lists.setdefault((article_id, sentence_no), []).append(entity_id)
    return [lists.get(key, []) for key in zip(sentences["article_id"], sentences["sentence_no"], strict=True)]


def sentence_person_names(sentences: pd.DataFrame, mentions: pd.DataFrame) -> list[list[str]]:
    """For each sentence, the names of the persons found anywhere in its report, as written, in
    text order: the area model takes none of their words for an area cue, also where a later
    sentence names the person by surname alone."""
    lists: dict[object, list[str]] = {}
    columns = (mentions[c].tolist() for c in ("article_id", "surface", "entity_type"))
    for article_id, surface, entity_type in zip(*columns, strict=True):
        if entity_type == "person" and isinstance(surface, str):
            names = lists.setdefault(article_id, [])
            if surface not in names:
                names.append(surface)
    return [lists.get(article_id, []) for article_id in sentences["article_id"]]


def mention_part(articles: pd.DataFrame, sentences: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The partition's raw mentions (:func:`~analysis.entities.matcher.raw_mentions`) and its
    sentences with :data:`~analysis.areas.model.ENTITY_COLUMN`, the entity cues, and
    :data:`~analysis.areas.model.NAME_COLUMN`, the persons' names."""
    mentions = raw_mentions(articles, sentences)
    names = sentence_person_names(sentences, mentions)
    return sentences.assign(**{ENTITY_COLUMN: sentence_entities(sentences, mentions), NAME_COLUMN: names}), mentions


def finish_part(
    articles: pd.DataFrame, mentions: pd.DataFrame, *, names: dict[str, str]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``articles`` with ``event_location``, the named ``mentions`` and ``article_entities``, for
    articles and mentions that carry their final ids."""
    mentions = name_mentions(mentions, names)
    entity_table, events = article_entities(mentions, articles)
    articles = articles.assign(event_location=pd.array(events["event_location"], dtype="str"))
    return articles, mentions, entity_table
