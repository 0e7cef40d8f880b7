"""Damaged and tampered model files (issue 18): each refused with one clear message, none accepted."""

import io
import json
import re
import shutil
import zipfile

import numpy as np
import pytest

from analysis.areas.model import DEFAULT_MODEL, load_model
from analysis.areas.modelcheck import ModelFileError, check_thresholds
from analysis.cli import main


@pytest.fixture
def model_copy(tmp_path):
    base = tmp_path / "m"
    for suffix in (".json", ".npz"):
        shutil.copy(DEFAULT_MODEL.with_suffix(suffix), base.with_suffix(suffix))
    return base


def _meta(base):
    return json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))


def _set_meta(base, meta):
    base.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")


def _arrays(base):
    with np.load(base.with_suffix(".npz")) as f:
        return dict(f)


def _set_arrays(base, **arrays):
    np.savez(base.with_suffix(".npz"), **arrays)


def _json(change):
    def tamper(base):
        meta = _meta(base)
        change(meta)
        _set_meta(base, meta)

    return tamper


def _npz(change):
    def tamper(base):
        arrays = _arrays(base)
        change(arrays)
        _set_arrays(base, **arrays)

    return tamper


def _rename_area(meta):
    meta["areas"][0] = "tractors"


def _nan_weight(arrays):
    arrays["coef"][0, 0] = np.nan


TAMPERED = {
    "renamed area": (_json(_rename_area), "saved taxonomy"),
    "threshold 5": (_json(lambda m: m["params"].update(threshold=5)), "in \\(0, 1\\)"),
    "threshold NaN": (
        lambda b: b.with_suffix(".json").write_text(
            re.sub(r'"threshold": [^,}]+', '"threshold": NaN', b.with_suffix(".json").read_text(), count=1)
        ),
        "NaN",
    ),  # fmt: skip
    "thresholds per area, one bad": (
        _json(lambda m: m["params"].update(threshold=[0.5] * (len(m["areas"]) - 1) + [1.0])),
        "in \\(0, 1\\)",
    ),  # fmt: skip
    "thresholds of the wrong count": (_json(lambda m: m["params"].update(threshold=[0.5, 0.5])), "2 thresholds"),
    "NaN weights": (_npz(_nan_weight), "not finite"),
    "infinite intercept": (_npz(lambda a: a["intercept"].__setitem__(0, np.inf)), "not finite"),
    "coef of the wrong shape": (_npz(lambda a: a.update(coef=a["coef"][:, :-3])), "shape"),
    "idf missing": (_npz(lambda a: a.pop("idf")), "no array 'idf'"),
    "object array": (
        lambda b: np.savez(b.with_suffix(".npz"), **{**_arrays(b), "idf": np.array(["x"] * 3)}),
        "not floating",
    ),  # fmt: skip
    "npz not a zip": (lambda b: b.with_suffix(".npz").write_bytes(b"not an archive"), "not a readable array file"),
    "npz truncated": (
        lambda b: b.with_suffix(".npz").write_bytes(b.with_suffix(".npz").read_bytes()[:5000]),
        "not a readable array file",
    ),  # fmt: skip
    "npz missing": (lambda b: b.with_suffix(".npz").unlink(), "not a readable model file"),
    "json a list": (lambda b: b.with_suffix(".json").write_text("[1, 2]"), "not an object"),
    "json not UTF-8": (lambda b: b.with_suffix(".json").write_bytes(b"\xff\xfe{"), "not a readable model file"),
    "json deeply nested": (lambda b: b.with_suffix(".json").write_text("[" * 100_000), "not a readable model file"),
    "areas missing": (_json(lambda m: m.pop("areas")), "no field 'areas'"),
    "vocabulary of numbers": (_json(lambda m: m.update(vocabulary=list(range(len(m["vocabulary"]))))), "vocabulary"),
    "unknown parameter": (_json(lambda m: m["params"].update(exec="os.system")), "unknown parameters"),
    "C negative": (_json(lambda m: m["params"].update(C=-1)), "'C'"),
    "min_df a string": (_json(lambda m: m.update(min_df="2")), "min_df"),
    "taxonomy not TOML": (_json(lambda m: m.update(taxonomy_toml="[[[")), "TOML"),
}


@pytest.mark.parametrize("name", list(TAMPERED))
def test_a_damaged_model_file_is_refused_with_one_message(model_copy, name, capsys):
    tamper, message = TAMPERED[name]
    tamper(model_copy)
    with pytest.raises(ValueError, match=message):
        load_model(model_copy)
    corpus = model_copy.parent / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("MINSK, 3 May 2021 (BelTA) - Belarus will ship tractors to Omsk Oblast.")
    assert main(["analyze", str(corpus), "--out", str(model_copy.parent / "o"), "--model", str(model_copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("coop analyze: error: ") and "Traceback" not in err and err.count("\n") == 1


def test_the_shipped_model_passes(model_copy):
    model = load_model(model_copy)
    assert model.areas_ and np.isfinite(model.coef_).all()


def test_sizes_are_checked_before_reading(model_copy, monkeypatch):
    import analysis.areas.modelcheck as modelcheck

    monkeypatch.setattr(modelcheck, "MAX_NPZ_BYTES", 100)
    with pytest.raises(ModelFileError, match="more than a model file may have"):
        load_model(model_copy)


def test_an_array_whose_header_lies_about_its_size_is_refused_before_loading(model_copy):
    arrays = _arrays(model_copy)
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, {"descr": "<f8", "fortran_order": False, "shape": (10**6, 10**6)})
    with zipfile.ZipFile(model_copy.with_suffix(".npz"), "w") as zf:
        for name, values in arrays.items():
            member = io.BytesIO()
            np.save(member, values)
            zf.writestr(f"{name}.npy", member.getvalue() if name != "coef" else buf.getvalue())
    with pytest.raises(ModelFileError, match="shape"):
        load_model(model_copy)


def test_thresholds_in_any_shape():
    check_thresholds(np.array([0.3, 0.7]), 2, where="t")
    check_thresholds({"machinery": 0.4}, 2, where="t", areas=["machinery", "training"])
    for bad in (True, "0.5", [[0.5, 0.5]], {"tractors": 0.5}, np.array([0.5, np.nan]), 0.0, 1.0):
        with pytest.raises(ModelFileError):
            check_thresholds(bad, 2, where="t", areas=["machinery", "training"])
