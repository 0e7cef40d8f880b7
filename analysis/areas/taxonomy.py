"""The taxonomy of cooperation areas: fixed IDs with names and definitions.

The shipped file is ``analysis/resources/areas.toml``; a user passes their own file of the same
shape to extend or replace it. Area IDs are the labels everywhere (gold files, tables, charts);
nothing renumbers them.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pandas as pd

from analysis.config import RESOURCES_DIR

DEFAULT_TAXONOMY = RESOURCES_DIR / "areas.toml"
_AREA_ID = re.compile(r"^[a-z][a-z0-9_]*$")
#: The four areas the corpus and the evaluation treat as core.
CORE_AREAS: tuple[str, ...] = ("machinery", "microelectronics", "waste_recycling", "training")


def load_taxonomy(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read a taxonomy file into a frame with columns ``area``, ``name``, ``definition``.

    Rows keep the file's order. Raises ``ValueError`` naming the problem for a malformed file.

    >>> load_taxonomy()["area"].tolist()[:4]
    ['machinery', 'microelectronics', 'waste_recycling', 'training']
    """
    file = Path(path) if path is not None else DEFAULT_TAXONOMY
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{file}: not valid TOML: {exc}") from None
    areas = data.get("areas")
    if not isinstance(areas, dict) or not areas:
        raise ValueError(f"{file}: expected an [areas.<id>] table for each area")
    rows = []
    for area, spec in areas.items():
        if not _AREA_ID.match(area):
            raise ValueError(f"{file}: area id {area!r} must be lower case letters, digits and underscores")
        if not isinstance(spec, dict) or not spec.get("definition"):
            raise ValueError(f"{file}: area {area!r} needs a definition")
        rows.append({"area": area, "name": spec.get("name", area), "definition": spec["definition"]})
    return pd.DataFrame(rows).astype("str")


def area_ids(path: str | os.PathLike | None = None) -> list[str]:
    """The area IDs of a taxonomy file, in its order."""
    return load_taxonomy(path)["area"].tolist()


_HEADER = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+\s*(?:#.*)?$")


def without_area(text: str, area: str) -> str:
    """The text of a taxonomy file with one area's tables (``[areas.<area>]`` and its sub-tables)
    taken out, everything else kept as written.

    >>> text = '[areas.a]\\ndefinition = "A"\\n[areas.a.seeds]\\nen = ["x"]\\n[areas.b]\\ndefinition = "B"\\n'
    >>> print(without_area(text, "a"))
    [areas.b]
    definition = "B"
    <BLANKLINE>
    """
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if m := _HEADER.match(line):
            name = m.group(1)
            skipping = name == f"areas.{area}" or name.startswith(f"areas.{area}.")
        if not skipping:
            out.append(line)
    return "".join(out)
