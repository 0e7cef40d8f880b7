"""Every input accounted for (issue 18): special files, links, damaged archives, names that are not
UTF-8, archive bombs and large CSV files, each a regression test on a small generated input."""

import io
import os
import subprocess
import sys
import zipfile

import pandas as pd
import pytest

from analysis import load_articles
from analysis.engine.core import run
from analysis.engine.partitions import plan_partitions
from analysis.load.sources import FileSlice, MemberSlice, Reject, find_files, read_inputs
from analysis.pipeline import read_tables

REPORT = b"MINSK, 3 May 2021 (BelTA) - Belarus will ship tractors to Omsk Oblast. The sides discussed trade.\n"


def _reasons(source, **kwargs):
    out = {}
    for item in read_inputs(source, **kwargs):
        key = os.path.basename(item.source_path) + (f"[{item.member}]" if item.member else "")
        out[key] = item.reason if isinstance(item, Reject) else "loaded"
    return out


def _zip(members, **kwargs):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data, **kwargs)
    return buf.getvalue()


def _account(result):
    assert result.n_inputs == result.n_loaded + result.n_rejected


def test_a_fifo_in_a_folder_is_a_reject_and_never_opened(tmp_path):
    (tmp_path / "a.txt").write_bytes(REPORT)
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would wait for a writer forever
    assert _reasons(tmp_path) == {"a.txt": "loaded", "pipe.txt": "special_file"}


def test_a_fifo_given_as_source_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "pipe.jsonl")
    code = "from analysis.cli import main; import sys; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, "analyze", str(tmp_path / "pipe.jsonl"), "--out", str(tmp_path / "o"), "-q"],
        timeout=120,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr  # nothing loaded, but a complete account
    rejects = pd.read_csv(tmp_path / "o" / "rejects.csv")
    assert rejects["reason"].tolist() == ["special_file"]


def test_links_loops_and_dangling_links_are_rejects(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_bytes(REPORT)
    os.symlink("loop2", src / "loop1")
    os.symlink("loop1", src / "loop2")
    os.symlink("gone.txt", src / "dangling.txt")
    os.symlink("a.txt", src / "alias.txt")  # inside the tree: its target is read under its own name
    os.symlink(src, src / "self")  # a folder: never followed (no endless walk)
    assert _reasons(src) == {
        "a.txt": "loaded",
        "alias.txt": "symlink",
        "dangling.txt": "symlink",
        "loop1": "symlink",
        "loop2": "symlink",
        "self": "symlink",
    }


def test_a_link_out_of_the_source_is_followed_only_when_asked(tmp_path):
    (tmp_path / "secret.txt").write_bytes(REPORT.replace(b"Omsk", b"Tomsk"))
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_bytes(REPORT)
    os.symlink(tmp_path / "secret.txt", src / "escape.txt")
    assert _reasons(src)["escape.txt"] == "symlink"
    assert _reasons(src, follow_links=True)["escape.txt"] == "loaded"
    result = run(src, out=tmp_path / "o", n_topics=0, follow_links=True)
    assert result.n_loaded == 2


def test_a_symlink_member_of_a_zip_is_a_reject_not_its_target_s_text(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", REPORT)
        link = zipfile.ZipInfo("link.txt")
        link.create_system, link.external_attr = 3, 0o120777 << 16
        zf.writestr(link, "/etc/passwd")
    (tmp_path / "in.zip").write_bytes(buf.getvalue())
    assert _reasons(tmp_path) == {"in.zip[a.txt]": "loaded", "in.zip[link.txt]": "symlink"}


def test_a_truncated_zip_holding_a_zip_is_one_corrupt_archive_never_the_inner_members(tmp_path):
    inner = _zip({"inner1.txt": REPORT, "inner2.txt": REPORT + b"2"})
    whole = _zip({"a.txt": REPORT + b"a", "b.zip": inner, "c.txt": REPORT + b"c"}, compress_type=zipfile.ZIP_STORED)
    cut = whole.rfind(b"PK\x03\x04", 0, whole.find(b"c.txt"))  # the file ends after the stored inner archive
    (tmp_path / "t.zip").write_bytes(whole[:cut])
    assert _reasons(tmp_path) == {"t.zip": "corrupt_archive"}
    (tmp_path / "t.zip").write_bytes(whole[: len(whole) // 2])
    assert _reasons(tmp_path) == {"t.zip": "corrupt_archive"}


def test_a_file_name_that_is_not_utf8_is_kept_escaped_and_the_tables_are_written(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    with open(os.path.join(os.fsencode(src), b"bericht-\xff\xfe.txt"), "wb") as fh:
        fh.write(REPORT)
    (src / "b.txt").write_bytes(b"")
    result = run(src, out=tmp_path / "o", n_topics=0)
    _account(result)
    tables = read_tables(tmp_path / "o")
    assert tables["articles"]["source_path"].str.endswith("bericht-\\xff\\xfe.txt").tolist() == [True]
    assert pd.read_csv(tmp_path / "o" / "rejects.csv")["reason"].tolist() == ["empty"]
    assert [r.reason for r in find_files(f"{src}/\udcff\x00.txt")] == ["bad_file_name"]


def test_a_text_bomb_zip_is_capped_per_member_and_per_archive_and_planned_by_what_it_holds(tmp_path):
    member = REPORT * 2000  # about 200 KB that deflate to under 1 KB
    (tmp_path / "bomb.zip").write_bytes(_zip({f"m{k:02d}.txt": member + bytes([65 + k]) for k in range(12)}))
    reasons = _reasons(tmp_path, max_bytes=len(member) + 1, max_archive_bytes=5 * (len(member) + 1))
    assert list(reasons.values()) == ["loaded"] * 5 + ["too_large"] * 7
    parts = plan_partitions(tmp_path, partition_bytes=3 * len(member), max_bytes=len(member) + 1)
    items = [i for p in parts for i in p.items]
    assert all(isinstance(i, MemberSlice) for i in items)  # two members a partition, not all in one
    assert [(i.first, i.stop) for i in items] == [(0, 2), (2, 12)]  # members 4 on are past the total: unread
    result = run(tmp_path, out=tmp_path.parent / "o", n_topics=0, partition_bytes=3 * len(member),
                 max_bytes=len(member) + 1)  # fmt: skip
    _account(result)
    assert (result.n_inputs, result.n_loaded, result.reject_reasons) == (12, 4, {"too_large": 8})


def test_a_large_csv_is_cut_into_partitions_of_whole_rows(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    rows = ["id,text"] + [
        f'{k},"Report {k}: Belarus and Omsk Oblast signed\nan agreement, number {k}."' for k in range(300)
    ]
    (src / "big.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    parts = plan_partitions(src, partition_bytes=2000)
    assert len(parts) > 5 and all(isinstance(i, FileSlice) for p in parts for i in p.items)
    whole = run(src, out=tmp_path / "whole", partition_bytes=10**9, n_topics=0)
    sliced = run(src, out=tmp_path / "sliced", partition_bytes=2000, n_topics=0)
    assert whole.n_partitions == 1 and sliced.n_partitions == len(parts)
    a, b = read_tables(tmp_path / "whole")["articles"], read_tables(tmp_path / "sliced")["articles"]
    assert b["record"].tolist() == list(range(1, 301)) and b["source_id"].tolist() == [str(k) for k in range(300)]
    pd.testing.assert_frame_equal(a.drop(columns="duplicate_of"), b.drop(columns="duplicate_of"))


@pytest.mark.parametrize(
    "content",
    [
        'id,text\n1,"an unclosed quote\n2,fine\n' * 200,  # the reader stops: read whole, one reject for the rest
        "id;text\n" + "1;semicolons all the way down\n" * 200,
    ],
)
def test_a_csv_that_cannot_be_cut_the_same_is_read_as_whole(tmp_path, content):
    src = tmp_path / "in"
    src.mkdir()
    (src / "x.csv").write_text(content)
    whole = run(src, out=tmp_path / "whole", partition_bytes=10**9, n_topics=0)
    sliced = run(src, out=tmp_path / "sliced", partition_bytes=500, n_topics=0)
    assert (whole.n_inputs, whole.n_loaded, whole.reject_reasons) == (
        sliced.n_inputs,
        sliced.n_loaded,
        sliced.reject_reasons,
    )


def test_a_large_file_of_small_records_is_cut_by_their_number_too(tmp_path, monkeypatch):
    import analysis.engine.partitions as partitions
    import analysis.load.sources as sources

    monkeypatch.setattr(sources, "MAX_SLICE_RECORDS", 50)
    monkeypatch.setattr(partitions, "SLICE_FROM_BYTES", 1000)
    (tmp_path / "a.csv").write_text("text\n" + "".join(f"report {k}\n" for k in range(300)))
    (tmp_path / "b.jsonl").write_text("".join(f'{{"text": "report {k}"}}\n' for k in range(300)))
    parts = plan_partitions(tmp_path, partition_bytes=10**9)
    slices = [i for p in parts for i in p.items]
    assert [(os.path.basename(s.path), s.first_line) for s in slices] == [
        *[("a.csv", 1 + 50 * k) for k in range(6)],
        *[("b.jsonl", 1 + 50 * k) for k in range(6)],
    ]
    assert len(parts) == 1  # one partition still: the slices are small


def test_formats_not_read_are_rejected_by_name_unread(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7 " + REPORT)
    (tmp_path / "in.zip").write_bytes(_zip({"b.docx": REPORT, "c.txt": REPORT}))
    assert _reasons(tmp_path) == {
        "in.zip[b.docx]": "unsupported_format",
        "in.zip[c.txt]": "loaded",
        "report.pdf": "unsupported_format",
    }


def test_a_report_too_long_to_hold_is_rejected_but_a_repeated_paragraph_is_not(tmp_path, monkeypatch):
    import analysis.load.articles as load

    monkeypatch.setattr(load, "MAX_REPORT_CHARS", 5000)
    src = tmp_path / "in"
    src.mkdir()
    (src / "long.txt").write_bytes(REPORT.strip() * 100)  # one paragraph of 9,800 characters
    (src / "repeated.txt").write_bytes(REPORT.replace(b"\n", b"\n\n") * 100)  # the same paragraph 100 times
    result = load_articles(src, progress=False)
    assert result.rejects[["source_path", "reason"]].map(os.path.basename).values.tolist() == [
        ["long.txt", "too_large"]
    ]
    assert len(result.articles) == 1 and result.articles.loc[0, "n_duplicate_paragraphs"] >= 98
