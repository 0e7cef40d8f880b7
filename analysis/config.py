"""Project paths, in one place (cookiecutter-data-science style).

Every path is derived from the repository root, so notebooks, the CLI and tests agree on where
the bundled corpus, the gold labels and generated outputs live, wherever they are run from.
"""

from __future__ import annotations

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

#: Distinct words a per-process word cache (tokens, features, seed phrases, shingle hashes)
#: remembers before it starts afresh.
WORD_CACHE_SIZE = 500_000
