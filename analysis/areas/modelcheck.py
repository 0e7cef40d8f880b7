"""Check a saved area model's files before anything in them is used.

:func:`check_model_files` reads ``PATH.json`` and ``PATH.npz`` the way a careful reader would: the
sizes of both files before reading them, the JSON's fields and their types, the areas against
the taxonomy saved with the model, every number finite and each threshold in (0, 1) — a single
threshold or one per area, whatever the shape it is stored in — and the shape and type of every
array from its header, before the array is loaded. A damaged or tampered file gives one
``ValueError`` that says what is wrong, never a traceback from deep inside numpy or zipfile, and
never a model that silently finds no area or every area.
"""

from __future__ import annotations

import json
import math
import os
import tomllib
import zipfile
from collections.abc import Callable, Iterable
from numbers import Integral, Real
from pathlib import Path

import numpy as np

#: The JSON file of a model is read only when at most this large.
MAX_JSON_BYTES = 64 * 2**20
#: And its arrays only when the ``.npz`` file is at most this large.
MAX_NPZ_BYTES = 512 * 2**20

_REQUIRED = {
    "format": int,
    "kind": str,
    "params": dict,
    "areas": list,
    "taxonomy_sha256": str,
    "taxonomy_toml": str,
    "vocabulary": list,
    "min_df": int,
}


class ModelFileError(ValueError):
    """A model file that cannot be used, and why."""


def check_model_files(
    base: str | os.PathLike,
    *,
    model_format: int,
    known_params: Iterable[str],
    cue_columns: Callable[[int], int],
) -> dict:
    """Check ``base.json`` and ``base.npz``; return the JSON's content.

    Parameters
    ----------
    base : path
        The model's path without suffix.
    model_format : int
        The format this package reads (checked before anything else in the file).
    known_params : iterable of str
        The estimator's parameters: the only keys ``params`` may hold.
    cue_columns : callable
        Columns after the vocabulary's in ``coef`` for a model of ``n`` areas.

    Raises
    ------
    ModelFileError
        A ``ValueError`` naming the file and what is wrong with it.
    """
    base = Path(base)
    json_path, npz_path = base.with_suffix(".json"), base.with_suffix(".npz")
    meta = _read_json(json_path)
    if meta.get("kind") != "CooperationAreaModel" or meta.get("format") != model_format:
        return meta  # the loader's own message says which format it reads
    _check_meta(meta, json_path, set(known_params))
    n_areas, n_words = len(meta["areas"]), len(meta["vocabulary"])
    shapes = {"coef": (n_areas, n_words + cue_columns(n_areas)), "intercept": (n_areas,), "idf": (n_words,)}
    _check_arrays(npz_path, shapes, n_areas)
    return meta


def _fail(path: Path, why: str) -> ModelFileError:
    return ModelFileError(f"{path}: not a usable model file: {why}")


def _size(path: Path, limit: int) -> None:
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise ModelFileError(f"{path}: not a readable model file: {exc.strerror or exc}") from None
    if not os.path.isfile(path):
        raise _fail(path, "not a regular file")
    if size > limit:
        raise _fail(path, f"{size} bytes, more than a model file may have ({limit})")


def _read_json(path: Path) -> dict:
    _size(path, MAX_JSON_BYTES)
    try:
        meta = json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constant)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ModelFileError(f"{path}: not a readable model file: {type(exc).__name__}: {str(exc)[:120]}") from None
    if not isinstance(meta, dict):
        raise _fail(path, f"a JSON {type(meta).__name__}, not an object")
    return meta


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number a model may hold")


def _check_meta(meta: dict, path: Path, known_params: set[str]) -> None:
    for key, kind in _REQUIRED.items():
        if key not in meta:
            raise _fail(path, f"no field {key!r}")
        if not isinstance(meta[key], kind) or (kind is int and isinstance(meta[key], bool)):
            raise _fail(path, f"field {key!r} is a {type(meta[key]).__name__}, not a {kind.__name__}")
    areas, vocabulary = meta["areas"], meta["vocabulary"]
    if not areas or not all(isinstance(a, str) and a for a in areas) or len(set(areas)) != len(areas):
        raise _fail(path, "'areas' must be distinct non-empty names")
    if not all(isinstance(w, str) for w in vocabulary) or len(set(vocabulary)) != len(vocabulary):
        raise _fail(path, "'vocabulary' must be distinct strings")
    try:
        saved = tomllib.loads(meta["taxonomy_toml"]).get("areas")
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, f"the saved taxonomy is not valid TOML: {str(exc)[:120]}") from None
    if not isinstance(saved, dict) or not all(isinstance(spec, dict) for spec in saved.values()):
        raise _fail(path, "the saved taxonomy has no [areas.<id>] tables")
    if list(saved) != areas:
        raise _fail(path, f"its areas {areas[:4]}... are not the saved taxonomy's {list(saved)[:4]}...")
    params = meta["params"]
    unknown = set(params) - known_params
    if unknown:
        raise _fail(path, f"unknown parameters {sorted(unknown)}")
    if "threshold" in params and params["threshold"] != "calibrated":  # calibrated: the per-area array is checked
        check_thresholds(params["threshold"], len(areas), where=f"{path}: parameter 'threshold'", areas=areas)
    if "C" in params and not _positive(params["C"]):
        raise _fail(path, f"parameter 'C' must be a finite number > 0, got {params['C']!r}")
    for key in ("min_df",):
        value = params.get(key, meta[key])
        if isinstance(value, bool) or not isinstance(value, Integral) or value < 1:
            raise _fail(path, f"{key!r} must be an int >= 1, got {value!r}")
    if params.get("taxonomy") is not None:
        raise _fail(path, "parameter 'taxonomy' must be null (the taxonomy is saved in the file)")
    seed = params.get("random_state")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, Integral)):
        raise _fail(path, f"parameter 'random_state' must be an int or null, got {seed!r}")


def _positive(value) -> bool:
    return not isinstance(value, bool) and isinstance(value, Real) and math.isfinite(value) and value > 0


def check_thresholds(value, n_areas: int, *, where: str, areas: list[str] | None = None) -> None:
    """A threshold: one number, or one per area (a list, an array, or a mapping of area to number),
    each finite and in (0, 1).

    >>> check_thresholds(0.5, 3, where="t"); check_thresholds([0.4, 0.5, 0.6], 3, where="t")
    >>> check_thresholds(5, 3, where="t")
    Traceback (most recent call last):
    ...
    analysis.areas.modelcheck.ModelFileError: t: thresholds must be finite numbers in (0, 1), got 5
    """
    if isinstance(value, dict):
        if areas is not None and not set(value) <= set(areas):
            raise ModelFileError(
                f"{where}: thresholds for areas the model does not have: {sorted(set(value) - set(areas))}"
            )
        values = list(value.values())
    else:
        values = value
    try:
        array = np.asarray(values)
        if array.dtype == object or array.dtype.kind not in "iuf" or array.dtype == bool:
            raise TypeError
        array = array.astype(np.float64)
    except (TypeError, ValueError):
        raise ModelFileError(f"{where}: thresholds must be numbers, got {str(value)[:80]}") from None
    if array.ndim > 1 or (array.ndim == 1 and not isinstance(value, dict) and array.size != n_areas):
        raise ModelFileError(f"{where}: {array.size} thresholds for {n_areas} areas (one, or one per area)")
    if not (np.isfinite(array).all() and (array > 0).all() and (array < 1).all()):
        raise ModelFileError(f"{where}: thresholds must be finite numbers in (0, 1), got {str(value)[:80]}")


def _check_arrays(path: Path, shapes: dict[str, tuple[int, ...]], n_areas: int) -> None:
    _size(path, MAX_NPZ_BYTES)
    try:
        with zipfile.ZipFile(path) as archive:
            headers = {}
            for info in archive.infolist():
                name = info.filename.removesuffix(".npy")
                with archive.open(info) as fh:
                    version = np.lib.format.read_magic(fh)
                    readers = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}
                    if version not in readers:
                        raise ValueError(f"array {name!r} in .npy format {version}, not 1.0 or 2.0")
                    shape, _, dtype = readers[version](fh)
                headers[name] = (tuple(shape), dtype, info.file_size)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        raise _fail(path, f"not a readable array file: {type(exc).__name__}: {str(exc)[:120]}") from None
    for name in shapes:
        if name not in headers:
            raise _fail(path, f"no array {name!r}")
    for name, (shape, dtype, stored) in headers.items():
        if dtype.kind not in "biuf" or dtype.hasobject or (name in shapes and dtype.kind != "f"):
            raise _fail(path, f"array {name!r} holds {dtype}, not {'floating-point ' if name in shapes else ''}numbers")
        if name in shapes and shape != shapes[name]:
            raise _fail(path, f"array {name!r} has shape {shape}, the model's vocabulary and areas need {shapes[name]}")
        if int(np.prod(shape, dtype=np.int64)) * dtype.itemsize > stored:
            raise _fail(path, f"array {name!r} is shorter than its header says")
    try:
        with np.load(path, allow_pickle=False) as arrays:
            for name in headers:
                values = arrays[name]
                if values.dtype.kind == "f" and not np.isfinite(values).all():
                    raise _fail(path, f"array {name!r} holds numbers that are not finite (NaN or infinite)")
                if name == "idf" and not (values > 0).all():
                    raise _fail(path, "array 'idf' holds weights that are not positive")
                if "threshold" in name:
                    check_thresholds(values if values.ndim else float(values), n_areas, where=f"{path}: array {name!r}")
    except ModelFileError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise _fail(path, f"not a readable array file: {type(exc).__name__}: {str(exc)[:120]}") from None
