"""benchmarks/run.py: the per-stage timings call the stage functions the engine schedules.

The script is loaded from its file (``benchmarks/`` is not a package), with its neighbour
``synth.py`` given to it as the module it imports. The tables its stages make on a small synthetic
corpus must be the ones :func:`analysis.analyze` makes of the same reports: one implementation of
each stage, however it is run.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from analysis import analyze
from analysis.config import PROJECT_ROOT

N = 300


def _module(monkeypatch, name: str, path):
    """The script at ``path`` as module ``name`` (in ``sys.modules`` for this test only)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def bench(monkeypatch):
    _module(monkeypatch, "synth", PROJECT_ROOT / "benchmarks" / "synth.py")  # what run.py imports
    return _module(monkeypatch, "bench_run", PROJECT_ROOT / "benchmarks" / "run.py")


def test_the_stages_make_what_analyze_makes(bench, tmp_path):
    sub = bench.first_reports(bench.corpus(N, tmp_path), N, tmp_path)
    tables: dict = {}
    timings = bench.stage_timings(sub, tables=tables, rounds=1, profile=3)
    assert [t["stage"] for t in timings] == [
        "load", "entities", "corpus step", "finish load and entities", "fit area model", "areas",
    ]  # fmt: skip
    assert all(t["cpu_s"] >= 0 and len(t["cpu_s_all"]) == 1 and len(t["profile"]) == 3 for t in timings)
    assert all(0 <= share <= 1 for t in timings for *_, share in t["profile"])
    assert len(tables["articles"]) == N
    result = analyze(sub, n_topics=0, progress=False)
    for name in ("articles", "sentences", "mentions", "article_entities", "sentence_areas", "article_areas"):
        assert tables[name].equals(result.tables[name]), name
