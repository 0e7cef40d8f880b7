import pytest

from analysis.load.records import BadRecord, Record, input_format, parse_records


def test_formats_by_name():
    assert [input_format(n) for n in ["a.TXT", "b.jsonl", "c.ndjson", "d.json", "e.csv", "f"]] == [
        "text",
        "jsonl",
        "jsonl",
        "json",
        "csv",
        "text",
    ]


def test_jsonl_good_bad_and_blank_lines():
    text = '{"text": "Eins.", "id": 7, "date": "2021-05-01"}\n\n{"text": 5}\n[1]\n{broken\n{"text": "Zwei."}'
    out = list(parse_records(text, "jsonl"))
    assert out[0] == Record("Eins.", 1, id="7", date="2021-05-01", date_field="date")
    assert [type(o) for o in out] == [Record, BadRecord, BadRecord, BadRecord, Record]
    assert [o.record for o in out] == [1, 3, 4, 5, 6]
    assert "invalid JSON" in out[3].detail


def test_csv_with_quoted_newlines_and_bad_rows():
    text = 'id,title,text\n1,T,"Zeile eins.\nZeile zwei."\n2,U,ok,extra\n3\n'
    out = list(parse_records(text, "csv"))
    assert out[0].text == "Zeile eins.\nZeile zwei." and out[0].title == "T"
    assert isinstance(out[1], BadRecord) and "fields" in out[1].detail
    assert isinstance(out[2], BadRecord)


def test_csv_without_text_column():
    (out,) = parse_records("a,b\n1,2\n", "csv")
    assert isinstance(out, BadRecord) and "'text' column" in out.detail


def test_json_list_and_object():
    assert [r.text for r in parse_records('[{"text": "a"}, {"text": "b"}]', "json")] == ["a", "b"]
    assert [r.text for r in parse_records('{"text": "c"}', "json")] == ["c"]


def test_unknown_format():
    with pytest.raises(ValueError, match="expected one of"):
        list(parse_records("x", "xml"))
