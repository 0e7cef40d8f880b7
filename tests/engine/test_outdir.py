"""The output folder under attack (issue 18): one run at a time, only its own files replaced, never
inside a source, never half written."""

import json
import os
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from analysis.cli import main
from analysis.engine.core import run
from analysis.engine.outdir import LOCK, OutputFolder, OutputFolderError
from analysis.pipeline import read_tables

REPORT = "MINSK, 3 May 2021 (BelTA) - Belarus will ship {n} tractors to Omsk Oblast. The sides discussed trade.\n"


def _corpus(folder, n, start=0):
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(start, start + n):
        (folder / f"r{k}.txt").write_text(REPORT.format(n=k))
    return folder


def _run(src, out, **kwargs):
    return run(src, out=out, n_topics=0, progress=False, **kwargs)


def test_a_second_run_into_a_held_folder_is_refused_naming_the_first(tmp_path, capsys):
    src, out = _corpus(tmp_path / "src", 2), tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from analysis.engine.outdir import OutputFolder\n"
         f"with OutputFolder({str(out)!r}):\n    print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        assert main(["analyze", str(src), "--out", str(out), "-q", "--topics", "0"]) == 1
        err = capsys.readouterr().err
        assert f"PID {holder.pid}" in err and "in use" in err and "Traceback" not in err
        assert not (out / "articles.parquet").exists()
    finally:
        holder.kill()
        holder.wait()
    # the holder died without letting go of anything: its lock does not block the next run
    assert _run(src, out).n_loaded == 2
    assert json.loads((out / "run.json").read_text())["complete"] is True


def test_the_lock_is_held_within_one_process_too(tmp_path):
    with OutputFolder(tmp_path / "out"), pytest.raises(OutputFolderError, match=f"PID {os.getpid()}"):
        _run(_corpus(tmp_path / "src", 1), tmp_path / "out")
    assert (tmp_path / "out" / LOCK).read_text() == ""  # released: no PID left behind


def test_out_equal_to_or_inside_a_source_is_refused_and_nothing_deleted(tmp_path, capsys):
    src = _corpus(tmp_path / "src", 3)
    (src / "run.json").write_text("{}")  # an input that happens to have an output's name
    before = sorted(os.listdir(src))
    for out in (src, src / "results"):
        assert main(["analyze", str(src), "--out", str(out), "-q"]) == 1
        assert "SOURCE" in capsys.readouterr().err
    assert sorted(os.listdir(src)) == before


def test_files_no_run_wrote_are_never_replaced(tmp_path):
    src, out = _corpus(tmp_path / "src", 2), tmp_path / "out"
    out.mkdir()
    (out / "articles.parquet").write_text("the user's own file")
    with pytest.raises(OutputFolderError, match="articles.parquet"):
        _run(src, out)
    assert (out / "articles.parquet").read_text() == "the user's own file"
    (out / "articles.parquet").unlink()
    (out / "notes.txt").write_text("kept")
    _run(src, out)
    _run(_corpus(tmp_path / "src2", 1), out)  # a rerun replaces what the first run wrote, and only that
    assert (out / "notes.txt").read_text() == "kept"
    assert len(read_tables(out)["articles"]) == 1


_KILL = textwrap.dedent(
    """
    import os, sys
    import analysis.engine.core as engine
    calls = []
    original = engine._finish_task
    def dying(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            os._exit(9)  # killed in the middle of writing the tables
        return original(*args, **kwargs)
    engine._finish_task = dying
    engine.run(sys.argv[1], out=sys.argv[2], partition_bytes=150, n_topics=0, progress=False)
    """
)


def test_a_killed_run_leaves_the_previous_complete_results(tmp_path):
    first, second, out = _corpus(tmp_path / "a", 3), _corpus(tmp_path / "b", 6, start=10), tmp_path / "out"
    _run(first, out)
    before = read_tables(out)["articles"]
    killed = subprocess.run([sys.executable, "-c", _KILL, str(second), str(out)])
    assert killed.returncode == 9
    pd.testing.assert_frame_equal(read_tables(out)["articles"], before)  # the previous results, whole
    assert json.loads((out / "run.json").read_text())["n_loaded"] == 3
    assert [p for p in os.listdir(out) if p.startswith(".coop-staging")]  # the dead run's staging folder...
    assert _run(second, out).n_loaded == 6
    assert not [p for p in os.listdir(out) if p.startswith(".coop-") and p not in (LOCK, ".coop-manifest.json")]
    assert len(read_tables(out)["articles"]) == 6  # ... is cleared by the next run


def test_a_failing_run_changes_nothing(tmp_path, monkeypatch):
    import analysis.engine.core as engine

    src, out = _corpus(tmp_path / "src", 2), tmp_path / "out"
    _run(src, out)
    before = sorted(os.listdir(out))

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(engine, "_finish_task", full_disk)
    with pytest.raises(OSError, match="No space"):
        _run(_corpus(tmp_path / "src2", 4), out)
    assert sorted(os.listdir(out)) == before and len(read_tables(out)["articles"]) == 2


def test_an_output_folder_a_glob_reaches_is_left_out_of_the_scan(tmp_path):
    src = _corpus(tmp_path / "src", 2)
    first = _run(str(src / "**"), src / "out")
    second = _run(str(src / "**"), src / "out")  # the first run's tables are not inputs of the second
    assert first.n_inputs == second.n_inputs == 2
