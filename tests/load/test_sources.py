import io
import zipfile

import pytest

from analysis.load.sources import RawInput, Reject, read_inputs


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_folder_glob_and_several(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "sub" / "b.txt").write_text("b")
    (tmp_path / "c.csv").write_text("text\nc")
    assert [i.source_path.rsplit("/", 1)[1] for i in read_inputs(tmp_path)] == ["a.txt", "c.csv", "b.txt"]
    assert len(list(read_inputs(str(tmp_path / "**" / "*.txt")))) == 2
    both = list(read_inputs([tmp_path / "a.txt", tmp_path, str(tmp_path / "*.txt")]))
    assert len(both) == 3  # each file once


def test_missing_path_is_a_reject(tmp_path):
    (out,) = read_inputs([tmp_path / "nope.txt"])
    assert isinstance(out, Reject) and out.reason == "not_found"
    (out,) = read_inputs(str(tmp_path / "*.none"))
    assert out.reason == "not_found"


def test_too_large_rejected_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    (out,) = read_inputs(big, max_bytes=1000)
    assert out.reason == "too_large" and "2000" in out.detail
    with pytest.raises(ValueError, match="max_bytes"):
        list(read_inputs(big, max_bytes=0))


def test_zip_members_read_in_memory_and_never_extracted(tmp_path):
    archive = tmp_path / "in.zip"
    archive.write_bytes(
        _zip(
            {
                "../escape.txt": b"MINSK, 1. Mai (BelTA) - x",
                "/abs.txt": b"y",
                "inner.zip": _zip({"z.txt": b"z"}),
                "big.txt": b"b" * 50_000,
            }
        )
    )
    out = list(read_inputs(archive, max_bytes=2_000))
    by_member = {o.member: o for o in out}
    assert isinstance(by_member["../escape.txt"], RawInput)
    assert by_member["../escape.txt"].data.startswith(b"MINSK")
    assert by_member["inner.zip"].reason == "unsupported_format"
    assert by_member["big.txt"].reason == "too_large"
    assert sorted(p.name for p in tmp_path.parent.iterdir() if p.name == "escape.txt") == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.zip"]


def test_corrupt_and_empty_zip(tmp_path):
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "empty.zip").write_bytes(_zip({}))
    out = {o.source_path.rsplit("/", 1)[1]: o for o in read_inputs(tmp_path)}
    assert out["bad.zip"].reason == "corrupt_archive"
    assert out["empty.zip"].reason == "empty"
