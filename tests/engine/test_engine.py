"""The partitioned engine: the same tables whatever the partitioning, process count or engine,
and nothing lost or duplicated when a Dask worker dies mid-run."""

import os
import sys

import cloudpickle
import pandas as pd
import pytest
from distributed import Client, LocalCluster, WorkerPlugin

from analysis.config import RAW_DIR
from analysis.engine.core import run
from analysis.engine.partitions import Partition, plan_partitions
from analysis.engine.runners import DaskRunner, LocalRunner
from analysis.load.sources import Reject
from analysis.pipeline import analyze, read_tables

SMALL = 20_000  # bytes per partition: the bundled corpus in about nine partitions
KEYS = ("article_id", "sentence_no", "start", "entity_id", "area", "topic", "rank", "source_path", "record")


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    keys = [c for c in KEYS if c in frame.columns]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True) if keys else frame


@pytest.fixture(scope="module")
def in_memory():
    return analyze(RAW_DIR, progress=False).tables


@pytest.fixture(scope="module")
def partitioned(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    result = run(RAW_DIR, out=out, partition_bytes=SMALL, progress=False)
    return result, read_tables(out)


def test_partitions_keep_input_order_and_size(tmp_path):
    for name, size in [("a.txt", 30), ("b.txt", 30), ("c.txt", 80), ("d.txt", 10)]:
        (tmp_path / name).write_text("x" * size)
    parts = plan_partitions([tmp_path, tmp_path / "missing.txt"], partition_bytes=60)
    names = [[i if isinstance(i, Reject) else os.path.basename(i) for i in p.items] for p in parts]
    assert names[:2] == [["a.txt", "b.txt"], ["c.txt"]]
    assert names[2][0] == "d.txt" and names[2][1].reason == "not_found"
    assert [p.number for p in parts] == [0, 1, 2]
    with pytest.raises(ValueError, match="partition_bytes"):
        plan_partitions(tmp_path, partition_bytes=0)


def test_partitioned_run_writes_parts_and_equals_the_in_memory_run(partitioned, in_memory):
    result, tables = partitioned
    assert result.n_partitions > 5
    assert result.n_inputs == result.n_loaded + result.n_rejected == 126
    parts = sorted(p.name for p in (result.out / "articles.parquet").iterdir())
    assert parts == [f"part-{k:05d}.parquet" for k in range(result.n_partitions)]
    assert not (result.out / "_work").exists()
    assert set(tables) == set(in_memory)
    for name, frame in in_memory.items():
        pd.testing.assert_frame_equal(_sorted(tables[name]), _sorted(frame), obj=name)
    assert tables["articles"]["article_id"].is_unique
    assert result.rows == {name: len(t) for name, t in tables.items()} | {"rejects": 0}


def test_a_rerun_replaces_every_part_and_row_order_does_not_depend_on_the_partitioning(tmp_path):
    run(RAW_DIR, out=tmp_path, partition_bytes=SMALL, progress=False, n_topics=0)
    small = read_tables(tmp_path)
    result = run(RAW_DIR, out=tmp_path, partition_bytes=10**9, progress=False, n_topics=0)
    assert [p.name for p in (tmp_path / "articles.parquet").iterdir()] == ["part-00000.parquet"]
    tables = read_tables(tmp_path)
    assert len(tables["articles"]) == result.n_loaded == 126
    for name, frame in tables.items():  # unsorted: the same rows in the same order
        pd.testing.assert_frame_equal(frame, small[name], obj=name)


def test_the_fit_sample_does_not_depend_on_the_partitioning(tmp_path):
    tables = []
    for k, size in enumerate([SMALL, 10**9]):
        result = run(RAW_DIR, out=tmp_path / str(k), partition_bytes=size, fit_sample=500, n_topics=0)
        assert 400 < result.fit_sentences < 600  # a sample of the 906 sentences
        tables.append(read_tables(tmp_path / str(k)))
    for name in ("sentence_areas", "article_areas"):
        pd.testing.assert_frame_equal(_sorted(tables[0][name]), _sorted(tables[1][name]), obj=name)


def test_processes_give_the_same_tables(tmp_path, partitioned):
    result = run(RAW_DIR, out=tmp_path, runner=LocalRunner(2), partition_bytes=SMALL, progress=False)
    assert result.n_loaded == 126
    for name, frame in read_tables(tmp_path).items():
        pd.testing.assert_frame_equal(frame, partitioned[1][name], obj=name)


def test_in_memory_needs_one_local_process():
    with pytest.raises(ValueError, match="LocalRunner"):
        run(RAW_DIR, runner=LocalRunner(2))
    with pytest.raises(ValueError, match="jobs"):
        LocalRunner(0)


class KillOnce(WorkerPlugin):
    """Kill the worker process the first time any worker starts a task (a marker file says it happened)."""

    def __init__(self, marker: str, prefix: str):
        self.marker, self.prefix = marker, prefix

    def transition(self, key, start, finish, **kwargs):
        if finish == "executing" and str(key).startswith(self.prefix) and not os.path.exists(self.marker):
            with open(self.marker, "x"):
                pass
            os._exit(1)


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as c,
        Client(c) as cl,
    ):
        yield cl


def test_dask_engine_equals_the_local_engine(client, tmp_path, partitioned):
    result = run(RAW_DIR, out=tmp_path, runner=DaskRunner(client=client), partition_bytes=SMALL, progress=False)
    assert len(client.scheduler_info()["workers"]) == 2
    assert result.n_partitions == partitioned[0].n_partitions
    for name, frame in read_tables(tmp_path).items():
        pd.testing.assert_frame_equal(frame, partitioned[1][name], obj=name)


@pytest.mark.parametrize("stage", ["load_partition", "_finish_task"])
def test_a_worker_dying_mid_run_loses_and_duplicates_nothing(client, tmp_path, partitioned, stage):
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    marker = tmp_path / "killed"
    client.register_plugin(KillOnce(str(marker), stage), name=f"kill-{stage}")
    try:
        run(RAW_DIR, out=tmp_path / "out", runner=DaskRunner(client=client), partition_bytes=SMALL, progress=False)
    finally:
        client.unregister_worker_plugin(f"kill-{stage}")
    assert marker.exists()  # a worker did die
    tables = read_tables(tmp_path / "out")
    assert tables["articles"]["article_id"].is_unique and len(tables["articles"]) == 126
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(frame, partitioned[1][name], obj=name)


def test_partition_is_a_plain_value():
    assert Partition(0, ("a.txt",)) == Partition(0, ("a.txt",))


def test_ids_are_the_sha256_prefix_with_the_occurrence():
    import numpy as np

    from analysis.corpus import article_ids, occurrence

    digests = ["00ab" * 16, "ffee" * 16, "00ab" * 16, "00ab" * 16, "ffee" * 16, "0123" * 16]
    base = np.array([int(d[:16], 16) for d in digests], dtype=np.uint64)
    assert occurrence(base).tolist() == [1, 1, 2, 3, 2, 1]
    p, f, z = "00ab" * 4, "ffee" * 4, "0123" * 4
    assert article_ids(base, occurrence(base)) == [p, f, f"{p}-2", f"{p}-3", f"{f}-2", z]
    assert occurrence(np.array([], dtype=np.uint64)).tolist() == []


def test_a_large_jsonl_file_is_sliced_into_whole_lines_with_its_line_numbers(tmp_path):
    import json

    reports = sorted(RAW_DIR.rglob("*.txt"))[:30]
    texts = [p.read_bytes().decode("utf-8", "replace").replace("\x00", "") for p in reports]
    lines = [json.dumps({"id": p.stem, "text": t}, ensure_ascii=False) for p, t in zip(reports, texts, strict=True)]
    lines[7] = "{not json"
    lines.insert(12, "   ")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "all.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    parts = plan_partitions(tmp_path / "in", partition_bytes=8000)
    assert len(parts) > 3 and all(len(p.items) == 1 for p in parts)
    whole = run(tmp_path / "in", out=tmp_path / "whole", partition_bytes=10**9, n_topics=0)
    sliced = run(tmp_path / "in", out=tmp_path / "sliced", partition_bytes=8000, n_topics=0)
    assert sliced.n_partitions == len(parts) and whole.n_partitions == 1
    assert sliced.n_inputs == whole.n_inputs == 30 and sliced.n_rejected == 1
    a, b = read_tables(tmp_path / "whole"), read_tables(tmp_path / "sliced")
    assert b["rejects"]["record"].tolist() == [8]
    for name, frame in a.items():
        pd.testing.assert_frame_equal(_sorted(b[name]), _sorted(frame), obj=name)


def test_a_file_that_would_not_decode_the_same_in_slices_is_read_whole(tmp_path):
    from analysis.load.sources import slice_jsonl

    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"text": "x"}\n' * 100)
    assert slice_jsonl(path, 100) is None
    path.write_bytes('{"text": "Сотрудничество"}\n'.encode("cp1251") * 100)
    assert slice_jsonl(path, 100) is None
    path.write_bytes(b'{"text": "x"}\n' * 100)
    slices = slice_jsonl(path, 100)
    assert [s.first_line for s in slices[:3]] == [1, 9, 17] and slices[-1].end == path.stat().st_size


def test_strict_stops_with_the_load_error_from_a_worker_process(tmp_path):
    from analysis.load.articles import LoadError

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("MINSK, 3. Mai 2021 (BelTA) - Belarus liefert Traktoren nach Omsk.")
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    with pytest.raises(LoadError, match="b.txt: empty"):
        run(tmp_path / "in", out=tmp_path / "out", runner=LocalRunner(2), partition_bytes=10, strict=True)
