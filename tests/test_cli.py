from importlib.metadata import entry_points

import pandas as pd
import pytest

from analysis import read_tables
from analysis.cli import main

REPORT = (
    "MINSK, 3. Mai 2021 (BelTA) - Belarus liefert Traktoren nach Omsk. Studenten aus Omsk machen Praktika in Minsk."
)


def test_console_script_points_at_main():
    (ep,) = [e for e in entry_points(group="console_scripts") if e.name == "coop"]
    assert ep.value == "analysis.cli:main"


def test_analyze_writes_tables_and_prints_account(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(REPORT)
    (src / "b.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["analyze", str(src), "--out", str(out), "--year", "2020"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("2 inputs: 1 loaded, 1 rejected (1 empty)")
    tables = read_tables(out)
    assert len(tables["articles"]) == 1 and tables["rejects"]["reason"].tolist() == ["empty"]
    assert tables["articles"].loc[0, "date"] == pd.Timestamp("2021-05-03")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "src"]


def test_strict_fails_with_a_clear_message(tmp_path, capsys):
    (tmp_path / "b.txt").write_bytes(b"")
    assert main(["analyze", str(tmp_path), "--out", str(tmp_path / "o"), "--strict", "-q"]) == 1
    assert "b.txt: empty" in capsys.readouterr().err


def test_nothing_loaded_is_a_failure(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "none"), "--out", str(tmp_path / "o")]) == 1
    assert "1 rejected (1 not_found)" in capsys.readouterr().out


def test_usage_errors_exit_2():
    with pytest.raises(SystemExit) as exc:
        main(["analyze"])
    assert exc.value.code == 2
