import codecs
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import LoadError, load_articles, schema

DE = (
    "MINSK, 12. März (BelTA) - Belarus und das Gebiet Omsk vereinbarten im Jahr 2021 die Lieferung von Traktoren.\n"
    "Außerdem wird ein Servicezentrum in Omsk gebaut. Die Seiten besprachen z. B. Praktika für Studenten.\n"
)
RU = (
    "МИНСК, 5 мая (БЕЛТА) - В 2022 году Беларусь и Томская область договорились о поставках техники.\n"
    "Стороны обсудили обучение специалистов."
)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.fixture
def broken_folder(tmp_path):
    """The folder of broken inputs from the foundation issue's 'done when'."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "random.bin").write_bytes(os.urandom(4096))
    (folder / "nul.txt").write_bytes(DE.encode().replace(b"Traktoren", b"Trak\x00toren\x00"))
    (folder / "bom_crlf.txt").write_bytes(codecs.BOM_UTF8 + DE.replace("\n", "\r\n").encode())
    (folder / "cp1251.txt").write_bytes(RU.encode("cp1251"))
    (folder / "latin1.txt").write_bytes(DE.replace("Außerdem", "Über das Jahr hinaus").encode("latin-1"))
    (folder / "feb31.txt").write_text("MINSK, 31. Februar 2024 (BelTA) - Ein unmögliches Datum.\n")
    with (folder / "big.txt").open("wb") as fh:  # 60 MB, sparse: nothing is written to disk
        fh.truncate(60 * 1024 * 1024)
    lines = [json.dumps({"text": DE, "id": "a1"}), "{broken json", json.dumps({"text": RU, "language": "ru"})]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "escape.zip").write_bytes(_zip({"../escape.txt": RU.encode()}))
    return folder


def test_broken_folder_every_input_accounted_for(broken_folder, tmp_path):
    before = sorted(p for p in tmp_path.rglob("*"))
    result = load_articles(broken_folder, progress=False)
    assert sorted(p for p in tmp_path.rglob("*")) == before  # nothing written anywhere
    assert result.n_inputs == 12
    assert len(result.articles) == 8 and len(result.rejects) == 4
    names = result.rejects["source_path"].map(lambda p: Path(p).name)
    reasons = dict(zip(names, result.rejects["reason"], strict=True))
    assert reasons == {
        "empty.txt": "empty",
        "random.bin": "binary",
        "big.txt": "too_large",
        "records.jsonl": "malformed_record",
    }
    assert result.rejects.loc[result.rejects["reason"] == "malformed_record", "record"].tolist() == [2]
    assert result.summary().startswith(
        "12 inputs: 8 loaded, 4 rejected (1 binary, 1 empty, 1 malformed_record, 1 too_large)"
    )

    a = result.articles.assign(name=result.articles["source_path"].map(lambda p: Path(p).name))
    by = a.set_index(a["name"] + a["member"].fillna("") + a["record"].astype("str").fillna(""))
    assert by.loc["nul.txt", "nul_bytes_removed"] == 2
    assert "Traktoren" in by.loc["nul.txt", "text"]
    assert by.loc["bom_crlf.txt", "encoding"] == "utf-8-sig"
    assert "\r" not in by.loc["bom_crlf.txt", "text"]
    assert by.loc["cp1251.txt", "encoding"] == "cp1251"
    assert by.loc["cp1251.txt", "language"] == "ru"
    assert by.loc["latin1.txt", "encoding"] == "cp1252" and "Über" in by.loc["latin1.txt", "text"]
    assert pd.isna(by.loc["feb31.txt", "date"]) and "impossible date" in by.loc["feb31.txt", "date_reason"]
    assert by.loc["escape.zip../escape.txt", "language"] == "ru"
    assert by.loc["records.jsonl1", "source_id"] == "a1"
    # the same report in four files (and one JSONL record) is one report with copies
    de_ids = a.loc[a["language"] == "de"]
    assert de_ids["duplicate_of"].isna().sum() == 2  # DE and its latin-1 variant with an edited sentence
    assert result.articles["date"].dt.year.dropna().astype(int).isin([2021, 2022]).all()


def test_strict_raises_naming_the_input(broken_folder):
    with pytest.raises(LoadError, match=r"(empty|binary|too_large|malformed_record)") as err:
        load_articles(broken_folder, strict=True, progress=False)
    assert str(broken_folder) in str(err.value)


def test_tables_are_typed_and_ids_stable(broken_folder):
    first = load_articles(broken_folder, progress=False)
    second = load_articles(broken_folder, progress=False)
    for name in ("articles", "sentences", "rejects"):
        frame = getattr(first, name)
        assert list(frame.columns) == list(schema.TABLES[name])
        assert [str(t) for t in frame.dtypes] == [str(pd.Series(dtype=d).dtype) for d in schema.TABLES[name].values()]
    pd.testing.assert_frame_equal(first.articles, second.articles)
    pd.testing.assert_frame_equal(first.sentences, second.sentences)
    assert first.articles["article_id"].is_unique


def test_sentences_slice_article_text(broken_folder):
    result = load_articles(broken_folder, progress=False)
    texts = result.articles.set_index("article_id")["text"]
    for row in result.sentences.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    assert (
        result.sentences.groupby("article_id")["sentence_no"].apply(lambda s: list(s) == list(range(1, len(s) + 1)))
    ).all()


def test_title_line_and_repeated_body(tmp_path):
    body = "Erster Absatz im laufenden Jahr 2020.\nZweiter Absatz."
    (tmp_path / "r.txt").write_text(f"Traktoren für Omsk\n\nMOSKAU, 2. Juni (BelTA) – {body}\n{body}\n")
    (row,) = load_articles(tmp_path, progress=False).articles.itertuples()
    assert (row.title, row.dateline_city, row.n_paragraphs, row.n_duplicate_paragraphs) == (
        "Traktoren für Omsk",
        "Moscow",
        2,
        2,
    )
    assert (
        row.date == pd.Timestamp("2020-06-02") and row.date_inferred and row.date_evidence == "im laufenden Jahr 2020"
    )
    assert row.date_source == "inferred"


def test_year_from_caller_and_no_dateline(tmp_path):
    (tmp_path / "a.txt").write_text("MINSK, 2. Juni (BelTA) - Kein Jahr im Text.")
    (tmp_path / "b.txt").write_text("Ein Bericht ohne Datumszeile.")
    a, b = load_articles(tmp_path, year=2019, progress=False).articles.itertuples()
    assert a.date == pd.Timestamp("2019-06-02") and a.date_evidence == "year passed by the caller"
    assert (
        pd.isna(b.date)
        and b.date_reason == "no dateline, date line, URL date or date field"
        and pd.isna(b.dateline_city)
    )
    with pytest.raises(ValueError, match="year must be"):
        load_articles(tmp_path, year=19)


def test_csv_and_json_records(tmp_path):
    pd.DataFrame({"id": ["x", "y"], "text": [DE, ""], "date": ["2021-03-12", ""]}).to_csv(
        tmp_path / "r.csv", index=False
    )
    (tmp_path / "r.json").write_text(json.dumps([{"text": RU, "title": "Томск"}]))
    result = load_articles(tmp_path, progress=False)
    assert result.summary().startswith("3 inputs: 2 loaded, 1 rejected (1 no_text)")
    csv_row = result.articles.loc[result.articles["source_id"] == "x"].iloc[0]
    assert csv_row["date"] == pd.Timestamp("2021-03-12") and csv_row["date_evidence"] == "record field 'date'"
    assert csv_row["date_source"] == "record"
    assert result.articles.loc[result.articles["title"] == "Томск", "language"].tolist() == ["ru"]


def test_empty_source_gives_empty_typed_tables(tmp_path):
    result = load_articles(tmp_path / "missing", progress=False)
    assert result.n_inputs == 1 and result.rejects["reason"].tolist() == ["not_found"]
    assert result.articles.empty and list(result.articles.columns) == list(schema.TABLES["articles"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=3000),
    suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".json", ".zip", ".bin", ""]),
)
def test_arbitrary_bytes_never_crash_and_are_accounted_for(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"input{suffix}").write_bytes(data)
        result = load_articles(tmp, progress=False)
    assert result.n_inputs >= 1
    assert result.n_inputs == len(result.articles) + len(result.rejects)
    assert set(result.rejects["reason"]) <= set(schema.REJECT_REASONS)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=600), st.sampled_from(["utf-8", "utf-16", "cp1251"]))
def test_arbitrary_text_loads_or_is_rejected_with_a_reason(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "r.txt").write_bytes(data)
        result = load_articles(tmp, progress=False)
    assert result.n_inputs == 1 and len(result.articles) + len(result.rejects) == 1
    for row in result.sentences.itertuples():
        assert result.articles["text"].iloc[0][row.start : row.end] == row.text


def test_json_the_parser_cannot_hold_is_a_reject(tmp_path):
    (tmp_path / "big_int.jsonl").write_text(
        '{"text": "ok", "id": ' + "1" * 5000 + "}\n" + json.dumps({"text": DE}) + "\n"
    )
    (tmp_path / "deep.json").write_text("[" * 100_000)
    result = load_articles(tmp_path, progress=False)
    assert result.n_inputs == 3 and len(result.articles) == 1
    assert result.rejects["reason"].tolist() == ["malformed_record", "malformed_record"]


def test_csv_rows_are_never_lost(tmp_path):
    long_text = "Wort " * 40_000  # a field over the csv module's default 128 KiB limit
    rows = [{"id": i, "text": t} for i, t in enumerate(["Eins.", long_text, "Drei.", "Vier."])]
    pd.DataFrame(rows).to_csv(tmp_path / "long.csv", index=False)
    (tmp_path / "quote.csv").write_text('id,text\n1,"Hallo Welt\n2,Zwei\n3,Drei\n')
    (tmp_path / "semicolon.csv").write_text("id;text\n1;Erster Bericht aus Minsk.\n2;Zweiter Bericht aus Omsk.\n")
    (tmp_path / "header_only.csv").write_text("id,text\n")
    result = load_articles(tmp_path, progress=False)
    by_file = result.articles["source_path"].map(lambda p: Path(p).name).value_counts()
    assert by_file["long.csv"] == 4 and by_file["semicolon.csv"] == 2
    rejects = dict(
        zip(result.rejects["source_path"].map(lambda p: Path(p).name), result.rejects["reason"], strict=True)
    )
    assert rejects == {"quote.csv": "malformed_record", "header_only.csv": "empty"}
    assert result.n_inputs == len(result.articles) + len(result.rejects) == 8


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-08-30", "2024-08-30"), ("2024-08-30T10:00:00", "2024-08-30"), ("30.08.2024", "2024-08-30"),
     ("now", None), ("2024", None), ("08/30/2024", None), ("31.02.2024", None)],
)  # fmt: skip
def test_record_dates_are_iso_or_day_first(tmp_path, value, expected):
    (tmp_path / "r.jsonl").write_text(json.dumps({"text": "Ein Bericht ohne Datumszeile.", "date": value}) + "\n")
    (row,) = load_articles(tmp_path, progress=False).articles.itertuples()
    assert (row.date.strftime("%Y-%m-%d") if pd.notna(row.date) else None) == expected


def test_a_bug_in_one_input_does_not_stop_the_batch(tmp_path, monkeypatch):
    import analysis.load.articles as load_module

    (tmp_path / "a.txt").write_text(DE)
    (tmp_path / "b.txt").write_text(RU)
    real = load_module._article_row

    def flaky(raw, item, **kwargs):
        if raw.source_path.endswith("a.txt"):
            raise RuntimeError("boom")
        return real(raw, item, **kwargs)

    monkeypatch.setattr(load_module, "_article_row", flaky)
    result = load_articles(tmp_path, progress=False)
    assert len(result.articles) == 1 and result.rejects["reason"].tolist() == ["loader_error"]
    assert "RuntimeError: boom" in result.rejects["detail"].iloc[0]


def test_other_languages_are_rejects_that_name_the_language(tmp_path):
    (tmp_path / "uk.txt").write_text("КИЇВ, 3 червня - Співпраця між Україною та Білоруссю в машинобудуванні зростає.")
    (tmp_path / "pl.txt").write_text("Współpraca między Białorusią a Kazachstanem obejmuje dostawy maszyn i żywności.")
    records = [
        {"text": "MINSK, 3. Juni (BelTA) - Belarus liefert Traktoren nach Omsk.", "language": "Bengali"},
        {"text": "MINSK, 4. Juni (BelTA) - Belarus liefert Busse nach Omsk.", "language": "German"},
        {"text": "MINSK, 5. Juni (BelTA) - Belarus liefert Busse nach Tomsk.", "language": "EN"},
    ]
    (tmp_path / "r.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    result = load_articles(tmp_path, progress=False)
    assert len(result.articles) + len(result.rejects) == result.n_inputs == 5
    assert result.articles["language"].tolist() == ["de", "en"]  # a record's field is trusted when valid
    rejects = result.rejects.set_index(result.rejects["source_path"].str.rsplit("/", n=1).str[-1])
    assert (rejects["reason"] == "unsupported_language").all()
    assert "detected uk" in rejects.loc["uk.txt", "detail"] and "detected pl" in rejects.loc["pl.txt", "detail"]
    assert "'Bengali' (bn)" in rejects.loc["r.jsonl", "detail"]


def test_date_from_the_record_url_and_page_line(tmp_path):
    records = [
        {"id": "a", "text": "MINSK, 9. Juli (BelTA) - Text über Busse.", "published": "Tue, 09 Jul 2024 10:00:00 GMT"},
        {
            "id": "b",
            "text": "MINSK, 9. Juli (BelTA) - Text über Busse nach Omsk.",
            "url": "https://x.by/v/s-12345-2023",
        },
        {"id": "c", "text": "Busse für Omsk\n09.07.2022 10:15\nDas Gebiet Omsk kauft Busse aus Minsk."},
    ]
    (tmp_path / "r.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    a = load_articles(tmp_path, progress=False).articles.set_index("source_id")
    assert a.loc["a", ["date", "date_source"]].tolist() == [pd.Timestamp("2024-07-09"), "record"]
    assert a.loc["a", "date_evidence"] == "record field 'published'"
    assert a.loc["b", ["date", "date_source"]].tolist() == [pd.Timestamp("2023-07-09"), "url"]
    assert a.loc["c", ["date", "date_source", "title"]].tolist() == [
        pd.Timestamp("2022-07-09"),
        "page_line",
        "Busse für Omsk",
    ]
    assert a.loc["c", "text"] == "Das Gebiet Omsk kauft Busse aus Minsk."  # the date line is not a sentence


def test_gzip_and_bz2_are_read_in_a_stream_under_the_size_limit(tmp_path):
    import bz2
    import gzip

    lines = [
        json.dumps({"id": str(i), "text": f"MINSK, {i + 1}. Mai 2021 (BelTA) - Traktoren für Omsk."}) for i in range(3)
    ]
    (tmp_path / "r.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    (tmp_path / "a.txt.bz2").write_bytes(bz2.compress("MINSK, 3. Mai 2021 (BelTA) - Busse für Tomsk.".encode()))
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 50_000))
    (tmp_path / "broken.jsonl.gz").write_bytes(b"\x1f\x8b not really gzip")
    result = load_articles(tmp_path, max_bytes=10_000, progress=False)
    assert len(result.articles) + len(result.rejects) == result.n_inputs == 6
    assert sorted(result.articles["source_id"].dropna()) == ["0", "1", "2"]
    assert (result.articles["member"] == "a.txt").sum() == 1
    reasons = dict(zip(result.rejects["member"], result.rejects["reason"], strict=True))
    assert reasons == {"bomb.txt": "too_large", "broken.jsonl": "corrupt_archive"}


def test_a_corrupt_zip_member_is_one_reject_and_the_others_load(tmp_path):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", "MINSK, 3. Mai 2021 (BelTA) - Belarus liefert Traktoren nach Omsk. " * 40)
        z.writestr("b.txt", "MINSK, 4. Mai 2021 (BelTA) - Belarus liefert Busse nach Tomsk. " * 40)
    data = bytearray(buf.getvalue())
    start = data.index(b"a.txt") + len(b"a.txt")  # the first member's compressed bytes follow its name
    data[start + 10 : start + 30] = b"\xff" * 20
    (tmp_path / "r.zip").write_bytes(bytes(data))
    result = load_articles(tmp_path, progress=False)
    assert len(result.articles) + len(result.rejects) == result.n_inputs == 2
    assert result.articles["member"].tolist() == ["b.txt"]
    assert result.rejects[["member", "reason"]].values.tolist() == [["a.txt", "corrupt_archive"]]


def test_a_paragraph_without_line_breaks_splits_like_short_ones():
    from analysis.load.segment import iter_sentence_spans

    one = "Belarus liefert Traktoren, z. B. am 3. Mai, nach Omsk. "
    long_word = "x" * 200 + ". Danach folgt ein Satz."
    assert len(list(iter_sentence_spans(one * 2000))) == 2000
    assert [long_word[s:e] for s, e in iter_sentence_spans(long_word)] == ["x" * 200 + ".", "Danach folgt ein Satz."]
