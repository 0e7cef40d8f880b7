"""benchmarks/peers.py: naming any model's topics after areas, seed anchors, and the peers' runners.

The script is loaded from its file (``benchmarks/`` is not a package). Its helpers need only the
package's own dependencies; the peer libraries (gensim, tomotopy, corextopic) are optional, and
the tests that run them are skipped where they are missing.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pandas as pd
import pytest

from analysis.areas.baselines import mapped_nmf, topic_areas
from analysis.areas.taxonomy import area_ids
from analysis.config import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "benchmarks" / "peers.py"

#: Sentences of three areas and of none, in three languages, with their gold areas.
SENTENCES = [
    ("Belarus liefert Traktoren und Busse nach Omsk.", "de", ["machinery"]),
    ("Die Busse und Traktoren kommen aus Minsk.", "de", ["machinery"]),
    ("Студенты пройдут стажировку в Минске.", "ru", ["training"]),
    ("Студенты из Томска пройдут обучение в Минске.", "ru", ["training"]),
    ("The sides discussed recycling of waste.", "en", ["waste_recycling"]),
    ("Waste recycling plants will be built.", "en", ["waste_recycling"]),
    ("Die Delegation wurde vom Gouverneur empfangen.", "de", []),
    ("The delegation was received by the governor.", "en", []),
]


@pytest.fixture(scope="module")
def peers():
    """The benchmark script as a module."""
    spec = importlib.util.spec_from_file_location("peers_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus() -> tuple[pd.DataFrame, list]:
    """Eight articles of several sentences each, and the gold areas aligned with the sentences."""
    rows, gold = [], []
    for a in range(8):
        for k in range(6):
            text, lang, areas = SENTENCES[(a + 3 * k) % len(SENTENCES)]
            rows.append({"article_id": f"a{a}", "sentence_no": k + 1, "text": text, "language": lang})
            gold.append(list(areas) if k % 2 == 0 else None)  # half the sentences have a gold row
    return pd.DataFrame(rows), gold


def test_topic_areas_takes_the_majority_and_breaks_ties_alphabetically(peers):
    top = np.array([0, 0, 0, 1, 1, 2])
    gold = [["trade"], ["trade"], ["energy"], ["science"], ["energy"], None]
    assert topic_areas(top, gold, 3) == {0: "trade", 1: "energy"}


def test_mapped_assignments_drops_weak_and_empty_sentences(peers):
    W = np.array([[0.9, 0.0], [0.0, 0.8], [0.05, 0.0], [0.0, 0.0], [0.7, 0.1]])
    ids = ["a", "b", "c", "c", "d"]
    gold = [["trade"], ["energy"], ["trade"], None, None]
    # strengths 0.9, 0.8, 0.05, 0.7 (> 0): the 20% quantile is 0.44, so c's weak sentence gets nothing
    assert peers.mapped_assignments(W, ids, gold) == {"a": {"trade"}, "b": {"energy"}, "c": set(), "d": {"trade"}}


def test_nmf_peer_gives_the_labels_of_mapped_nmf(peers, corpus):
    sentences, gold = corpus
    featurizer = peers.plain_featurizer()
    words = peers.sentence_words(sentences, featurizer)
    ours = peers.mapped_assignments(
        peers.nmf_doc_topic(words, n_topics=4, random_state=0), sentences["article_id"].tolist(), gold
    )
    expected = mapped_nmf(sentences, featurizer, pd.Series(gold, dtype=object), n_topics=4, random_state=0)
    assert ours == expected
    assert any(ours.values())


def test_seed_anchors_are_the_stems_of_seed_words(peers, corpus):
    sentences, _ = corpus
    featurizer = peers.plain_featurizer()
    _, vocabulary = peers.count_matrix(peers.sentence_words(sentences, featurizer), binary=True)
    anchors = {
        area: {vocabulary[k] for k in cols}
        for area, cols in peers.seed_anchors(sentences, featurizer, vocabulary).items()
    }
    assert {"w:traktor", "w:buss"} <= anchors["machinery"]
    assert {"w:recycl", "w:wast"} <= anchors["waste_recycling"]
    assert "w:студент" in anchors["training"]
    assert not any("w:gouverneur" in stems or "w:delegation" in stems for stems in anchors.values())


def test_ours_runs_and_marks_its_phases(peers, corpus):
    sentences, gold = corpus
    clock = peers.Clock()
    predicted, settings = peers.run_ours(sentences, gold, clock)
    assert set(predicted) == set(sentences["article_id"])
    assert "machinery" in predicted["a0"]
    assert set(clock.marks) == {"fit", "assign"}  # fit_transform scores while fitting
    assert clock.marks["assign"][0] >= clock.marks["fit"][0] >= 0


@pytest.mark.parametrize(
    ("method", "module"), [("gensim", "gensim"), ("tomotopy", "tomotopy"), ("corex", "corextopic.corextopic")]
)
def test_peer_runs_on_a_tiny_corpus(peers, corpus, method, module):
    pytest.importorskip(module)
    sentences, gold = corpus
    clock = peers.Clock()
    predicted, settings = peers.METHODS[method][2](sentences, gold, clock)
    assert set(predicted) == set(sentences["article_id"])
    assert set().union(*predicted.values()) <= set(area_ids())
    assert set(clock.marks) == {"tokens", "fit", "assign"}
    assert settings
