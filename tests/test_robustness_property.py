"""A property of the whole batch (issue 18): whatever the bytes, the file names and the archives,
``coop analyze`` raises nothing, and every input is loaded or rejected — and every file shows up."""

import io
import os
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.engine.core import run
from analysis.load.sources import display_name
from analysis.pipeline import read_tables

REPORTS = [
    b"MINSK, 3 May 2021 (BelTA) - Belarus will ship tractors to Omsk Oblast.",
    "МИНСК, 5 мая (БЕЛТА) - Беларусь поставит автобусы в Томскую область.".encode(),
    b'{"text": "Belarus and Omsk Oblast discussed trade.", "date": "9999-12-31"}\n{"text": 5}\nnot json\n',
    b'id,text\n1,"Belarus will build a plant, said the governor."\n2,"unclosed\n',
]
SUFFIXES = [".txt", ".jsonl", ".csv", ".json", ".zip", ".gz", ".html", ""]

contents = st.one_of(st.binary(max_size=300), st.sampled_from(REPORTS), st.sampled_from(REPORTS).map(lambda b: b * 3))
# names: printable, odd (spaces, quotes, newlines), and byte strings that are not UTF-8
names = st.one_of(
    st.text(alphabet="abcxyz _-.'\"\n\u00e9\u0416", min_size=1, max_size=12),
    st.binary(min_size=1, max_size=8).map(lambda b: os.fsdecode(b.replace(b"/", b"_").replace(b"\0", b"_"))),
).filter(lambda n: n not in (".", ".."))


@st.composite
def archives(draw):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))) as zf:
        for k in range(draw(st.integers(0, 4))):
            member = display_name(draw(names)).replace("/", "_") + draw(st.sampled_from(SUFFIXES))
            info = zipfile.ZipInfo(f"{k}-{member}")
            if draw(st.booleans()) and k == 0:
                info.create_system, info.external_attr = 3, 0o120777 << 16  # a symlink member
            zf.writestr(info, draw(contents))
    data = buf.getvalue()
    cut = draw(st.one_of(st.none(), st.integers(0, len(data))))  # truncated, perhaps
    return data if cut is None else data[:cut]


@st.composite
def corpora(draw):
    files = []
    for k in range(draw(st.integers(1, 6))):
        suffix = draw(st.sampled_from(SUFFIXES))
        data = draw(archives()) if suffix == ".zip" else draw(contents)
        files.append((f"{k}-{draw(names)}{suffix}", data, draw(st.sampled_from(["file", "file", "link", "sub"]))))
    return files


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora(), partition_bytes=st.sampled_from([50, 400, 10**9]))
def test_the_batch_never_raises_and_accounts_for_every_input(corpus, partition_bytes):
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "src", Path(tmp) / "out"
        (src / "sub").mkdir(parents=True)
        expected = set()
        for name, data, kind in corpus:
            path = src / ("sub" if kind == "sub" else "") / name
            if kind == "link":
                os.symlink("missing-target", path)
            else:
                path.write_bytes(data)
            expected.add(display_name(path.as_posix()))
        result = run(src, out=out, n_topics=0, partition_bytes=partition_bytes, progress=False)
        assert result.n_inputs == result.n_loaded + result.n_rejected >= len(corpus)
        tables = read_tables(out)
        assert len(tables["articles"]) == result.n_loaded and len(tables["rejects"]) == result.n_rejected
        seen = set(tables["articles"]["source_path"]) | set(tables["rejects"]["source_path"])
        assert expected <= seen  # every file is in the account, under its (escaped) name
        assert len(pd.read_csv(out / "rejects.csv", keep_default_na=False)) == result.n_rejected
