"""The one config: project paths (cookiecutter-data-science style) and the run's settings.

Every path is derived from the repository root, so notebooks, the CLI and tests agree on where
the bundled corpus, the gold labels and generated outputs live, wherever they are run from.
:class:`Settings` holds every setting of a pipeline run with its default.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"  # immutable input: never edited by code
GOLD_DIR = DATA_DIR / "gold"  # hand labels
PROCESSED_DIR = DATA_DIR / "processed"  # generated, git-ignored
REPORTS_DIR = PROJECT_ROOT / "reports"  # generated report, figures and tables
RESOURCES_DIR = Path(__file__).resolve().parent / "resources"  # shipped with the package

#: Inputs larger than this many bytes are rejected (``too_large``) before they are read whole.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024

#: The first and last year a report's date may have by default (``--date-years``); a date
#: outside them is no date, with a ``date_out_of_range`` reason.
DATE_YEARS = (1900, 2100)

#: Topics discovered in what the seeded areas leave unexplained (``coop analyze --topics``, the
#: notebooks' ``TOPICS``).
DEFAULT_TOPICS = 6

#: Distinct words a per-process word cache (tokens, features, seed phrases, shingle hashes)
#: remembers before it starts afresh.
WORD_CACHE_SIZE = 500_000
#: Words and chunks with a number of five digits or more ("50504", "15.000", "order 123456") are
#: worked out every time instead of cached: nearly every one is new, so they would only fill the
#: word caches (and the memory); years and small numbers ("2024,", "53%") repeat and stay cached.
LONG_NUMBER = re.compile(r"\d(?:[.,\u00a0]?\d){4}")


#: Languages the pipeline analyses (ISO 639-1); reports in others are recorded and rejected
#: (``unsupported_language``).
LANGUAGES: tuple[str, ...] = ("de", "en", "ru", "be")
#: Corpora with fewer sentences use the shipped area model instead of fitting their own.
MIN_FIT_SENTENCES = 500
#: Sentences the area model is fitted on at most (a hash sample beyond that).
FIT_SAMPLE_SENTENCES = 100_000
#: Bytes of input files per partition of the engine (a file is never split but for JSONL and CSV).
PARTITION_BYTES = 4 * 2**20


@dataclass(frozen=True)
class Settings:
    """Every setting of a pipeline run, with its default — documented here, once.

    ``coop analyze``'s options, the keywords of :func:`analysis.analyze`,
    :func:`analysis.load_articles` and :func:`analysis.engine.core.run`, and what their workers
    receive are these fields; an unknown name or a bad value is refused with the allowed ones.

    Parameters
    ----------
    year : int, optional
        The year for datelines without one when nothing else (record, URL, page date line,
        dateline, the text) tells it (``--year``).
    use_file_dates : bool, default False
        Fall back to the file's (or archive member's) modification year after ``year``. Off by
        default: a fresh checkout stamps every file with today's date.
    date_years : tuple of two int, default (1900, 2100)
        The first and last year a report's date may have (``--date-years 1990-2030``); a date
        outside them — from a record, a URL, a dateline or the text — is no date, with a
        ``date_out_of_range`` reason, never a shifted one.
    strict : bool, default False
        Stop with :class:`analysis.LoadError` at the first input that cannot be loaded instead of
        recording it as a reject.
    max_bytes : int, default 32 MiB
        Inputs larger than this are rejected (``too_large``) before they are read whole.
    max_archive_bytes : int, optional
        The decompressed bytes of one archive's members together; by default
        ``analysis.load.sources.ARCHIVE_FACTOR`` times ``max_bytes``.
    follow_links : bool, default False
        Read the files that links inside a folder point to outside it.
    languages : tuple of str, default ("de", "en", "ru", "be")
        The languages analysed (a subset of :data:`LANGUAGES`).
    taxonomy : path, optional
        A taxonomy file of one's own (the shape of ``analysis/resources/areas.toml``): the area
        model is then fitted on the corpus with it, whatever its size.
    n_topics : int or "auto", default 6
        Topics to discover in what the seeded areas leave unexplained (0 for none; ``"auto"``
        chooses among 6, 9, 12 and 15 by the data).
    random_state : int, default 0
        Seed of the area model and of discovery.
    fit_sample : int, default 100000
        The area model is fitted on a hash sample of at most this many sentences (at least
        :data:`MIN_FIT_SENTENCES`).
    partition_bytes : float, default 4 MiB
        Input bytes per partition of the engine: memory per task grows with it (``math.inf``:
        one partition, as in memory).

    Examples
    --------
    >>> Settings(n_topics=0).n_topics
    0
    >>> Settings(n_topics=-1)
    Traceback (most recent call last):
    ...
    ValueError: n_topics must be 'auto' or an int >= 0, got -1
    >>> Settings.of(None, seed=1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: unknown setting 'seed'; the settings are: year, use_file_dates, ..., partition_bytes
    """

    year: int | None = None
    use_file_dates: bool = False
    date_years: tuple[int, int] = DATE_YEARS
    strict: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    max_archive_bytes: int | None = None
    follow_links: bool = False
    languages: tuple[str, ...] = LANGUAGES
    taxonomy: str | os.PathLike | None = None
    n_topics: int | str = DEFAULT_TOPICS
    random_state: int = 0
    fit_sample: int = FIT_SAMPLE_SENTENCES
    partition_bytes: float = PARTITION_BYTES

    def __post_init__(self) -> None:
        span = tuple(self.date_years) if isinstance(self.date_years, list | tuple) else ()
        if not (
            len(span) == 2
            and all(isinstance(y, int) and not isinstance(y, bool) and 1 <= y <= 9999 for y in span)
            and span[0] <= span[1]
        ):
            raise ValueError(
                f"date_years must be two years (first, last) between 1 and 9999, first <= last; got {self.date_years!r}"
            )
        object.__setattr__(self, "date_years", span)
        first, last = span
        if self.year is not None and (
            isinstance(self.year, bool) or not isinstance(self.year, int) or not first <= self.year <= last
        ):
            raise ValueError(f"year must be an int between {first} and {last} (date_years), got {self.year!r}")
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be a positive number of bytes, got {self.max_bytes!r}")
        if self.max_archive_bytes is not None and (
            isinstance(self.max_archive_bytes, bool)
            or not isinstance(self.max_archive_bytes, int)
            or self.max_archive_bytes <= 0
        ):
            raise ValueError(f"max_archive_bytes must be a positive number of bytes, got {self.max_archive_bytes!r}")
        languages = tuple(self.languages)
        if not languages or any(code not in LANGUAGES for code in languages):
            raise ValueError(f"languages must be some of {', '.join(LANGUAGES)}; got {self.languages!r}")
        object.__setattr__(self, "languages", languages)
        if self.n_topics != "auto" and (
            isinstance(self.n_topics, bool) or not isinstance(self.n_topics, int) or self.n_topics < 0
        ):
            raise ValueError(f"n_topics must be 'auto' or an int >= 0, got {self.n_topics!r}")
        if isinstance(self.random_state, bool) or not isinstance(self.random_state, int):
            raise ValueError(f"random_state must be an int, got {self.random_state!r}")
        if (
            isinstance(self.fit_sample, bool)
            or not isinstance(self.fit_sample, int)
            or self.fit_sample < MIN_FIT_SENTENCES
        ):
            raise ValueError(f"fit_sample must be an int of at least {MIN_FIT_SENTENCES}, got {self.fit_sample!r}")
        if not (isinstance(self.partition_bytes, int | float) and self.partition_bytes > 0):
            raise ValueError(f"partition_bytes must be positive, got {self.partition_bytes!r}")

    @property
    def year_range(self) -> range:
        """The years of ``date_years`` as a ``range`` (the last included)."""
        return range(self.date_years[0], self.date_years[1] + 1)

    def as_dict(self) -> dict:
        """The settings as JSON values (``run.json`` records them), ``math.inf`` as ``None``."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, os.PathLike):
                value = os.fspath(value)
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, float) and math.isinf(value):
                value = None
            out[f.name] = value
        return out

    @classmethod
    def of(cls, settings: Settings | None = None, **changes) -> Settings:
        """``settings`` (by default the defaults) with ``changes``; an unknown name is a ``TypeError``
        that lists the settings."""
        names = [f.name for f in fields(cls)]
        for name in changes:
            if name not in names:
                raise TypeError(f"unknown setting {name!r}; the settings are: {', '.join(names)}")
        return replace(settings or cls(), **changes)


def in_checkout() -> bool:
    """Whether the package runs from its source checkout (editable install or the tree itself),
    where the bundled corpus, the gold labels and the notebooks are; not from a wheel."""
    return (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "analysis" / "config.py").is_file()


def bundled_corpus() -> Path:
    """The bundled corpus (``data/raw`` of the checkout); outside a checkout a ``ValueError``
    saying to name a corpus, since a wheel ships no corpus."""
    if in_checkout() and RAW_DIR.is_dir():
        return RAW_DIR
    raise ValueError(
        "no bundled corpus here: coop-analysis is installed outside its source checkout, which holds the "
        "bundled reports in data/raw; name a folder of reports (coop report --corpus DIR, or CORPUS in a notebook)"
    )


def bundled_gold(option: str = "--gold") -> Path:
    """The gold labels of the bundled corpus (``data/gold`` of the checkout); outside a checkout a
    ``ValueError`` saying to pass ``option``."""
    if in_checkout() and GOLD_DIR.is_dir():
        return GOLD_DIR
    raise ValueError(
        f"no gold labels here: coop-analysis is installed outside its source checkout, which holds them in "
        f"data/gold; pass {option} DIR, a folder with articles.csv and sentences.csv (or a labels.csv set)"
    )
