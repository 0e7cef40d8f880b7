"""Project paths, in one place (cookiecutter-data-science style).

Every path is derived from the repository root, so notebooks, the CLI and tests agree on where
the bundled corpus, the gold labels and generated outputs live, wherever they are run from.
"""

from __future__ import annotations

import re
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
