from pathlib import Path

import pytest

from analysis.config import PROJECT_ROOT

SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
SEED = SEEDS / "000_2582341f35729dbe.txt"


@pytest.fixture
def seed_path() -> Path:
    """The real BelTA report from ../shared; skipped where ../shared is absent."""
    if not SEED.exists():
        pytest.skip("../shared/seeds is not present")
    return SEED
