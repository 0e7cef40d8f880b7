"""The gazetteer: regions, cities, enterprises, organisations and countries with their names.

Shipped resources (``analysis/resources/``, CSV, documented in the README):

- ``regions.csv``: every Russian federal subject, Belarus's oblasts and Minsk, the regions of
  Kazakhstan and Uzbekistan and China's provinces: ISO 3166-2 code, canonical English name, and
  names in English, German, Russian and Belarusian, plus the administrative centre's names.
- ``cities.csv``: further cities (dateline cities, venues) with the region they belong to.
- ``organisations.csv``: Belarusian enterprises and bodies (and foreign companies the matcher must
  tell apart, such as KAMAZ next to MAZ) with canonical English short names, aliases in every
  language, and the cooperation areas each is a cue for.
- ``countries.csv``: the countries the reports speak of.

A user extends any of them with files of the same columns (``Gazetteer.load(extra_regions=...,
extra_organisations=...)``); a row with an existing ID replaces the shipped one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.config import RESOURCES_DIR

REGION_COLUMNS = (
    "iso_code", "country", "kind", "name_en", "capital_en",
    "aliases_en", "aliases_de", "aliases_ru", "aliases_be", "capital_de", "capital_ru", "capital_be",
)  # fmt: skip
_CITY_KINDS = ("city", "federal_city", "municipality")
ORGANISATION_COLUMNS = ("entity_id", "canonical_name", "entity_type", "country", "full_name_en", "aliases", "area_cues")


@dataclass(frozen=True)
class Entity:
    """One thing the reports name: a region, an enterprise, an organisation or a country."""

    entity_id: str
    entity_type: str
    canonical_name: str
    country: str
    iso_code: str | None = None
    area_cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Alias:
    """A name of an entity. ``language`` is None when any language may use it; ``city`` is the
    canonical city name when the alias names a city of the region rather than the region."""

    entity_id: str
    text: str
    language: str | None
    city: str | None = None


@dataclass
class Gazetteer:
    """Entities and their aliases, the input of :class:`analysis.entities.matcher.EntityMatcher`."""

    entities: dict[str, Entity] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)

    @classmethod
    def load(
        cls,
        *,
        extra_regions: Iterable[str | os.PathLike] = (),
        extra_organisations: Iterable[str | os.PathLike] = (),
    ) -> Gazetteer:
        """The shipped gazetteer, extended or overridden by the user's files."""
        regions = _read([RESOURCES_DIR / "regions.csv", *extra_regions], REGION_COLUMNS, "iso_code")
        orgs = _read([RESOURCES_DIR / "organisations.csv", *extra_organisations], ORGANISATION_COLUMNS, "entity_id")
        cities = pd.read_csv(RESOURCES_DIR / "cities.csv", dtype="str", keep_default_na=False)
        countries = pd.read_csv(RESOURCES_DIR / "countries.csv", dtype="str", keep_default_na=False)
        gaz = cls()
        for r in regions.itertuples(index=False):
            gaz.entities[r.iso_code] = Entity(r.iso_code, "region", r.name_en, r.country, r.iso_code)
            city = r.name_en if r.kind in _CITY_KINDS else None  # Moscow, Minsk, Astana: region and city
            gaz._add(r.iso_code, [r.name_en, *_split(r.aliases_en)], "en", city=city)
            for lang in ("de", "ru", "be"):
                gaz._add(r.iso_code, _split(getattr(r, f"aliases_{lang}")), lang, city=city)
            for lang in ("en", "de", "ru", "be"):
                gaz._add(r.iso_code, _split(getattr(r, f"capital_{lang}")), None, city=r.capital_en)
        for c in cities.itertuples(index=False):
            if c.iso_code in gaz.entities:
                gaz._add(c.iso_code, _split(c.variants), None, city=c.canonical)
        for o in orgs.itertuples(index=False):
            if o.entity_type not in ("enterprise", "organisation"):
                raise ValueError(f"organisations: {o.entity_id}: entity_type must be enterprise or organisation")
            cues = tuple(_split(o.area_cues, ";"))
            gaz.entities[o.entity_id] = Entity(o.entity_id, o.entity_type, o.canonical_name, o.country, None, cues)
            gaz._add(o.entity_id, [o.canonical_name, o.full_name_en, *_split(o.aliases)], None)
        for c in countries.itertuples(index=False):
            gaz.entities[c.iso_code] = Entity(c.iso_code, "country", c.name_en, c.iso_code, c.iso_code)
            gaz._add(c.iso_code, [c.name_en, *_split(c.aliases)], None)
        return gaz

    def _add(self, entity_id: str, names: Iterable[str], language: str | None, city: str | None = None) -> None:
        for name in names:
            if name and name.strip():
                self.aliases.append(Alias(entity_id, name.strip(), language, city))

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities.values())


def _split(value: str, sep: str = "|") -> list[str]:
    return [v.strip() for v in str(value or "").split(sep) if v.strip()]


def _read(paths: list[str | os.PathLike], columns: tuple[str, ...], key: str) -> pd.DataFrame:
    frames = []
    for path in paths:
        frame = pd.read_csv(Path(path), dtype="str", keep_default_na=False)
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValueError(f"{path}: missing columns {missing}; expected {list(columns)}")
        frames.append(frame[list(columns)])
    merged = pd.concat(frames, ignore_index=True)
    return merged.drop_duplicates(subset=key, keep="last").reset_index(drop=True)


@cache
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return Gazetteer.load()
