"""coop-analysis: regional cooperation in multilingual news reports, as pandas tables.

The pipeline: files → :func:`load_articles` (``articles``, ``sentences``, ``rejects``) → entities →
cooperation areas → charts and report. :func:`analyze` runs it in memory; :func:`read_tables` reads
what ``coop analyze --out DIR`` wrote into the same result. See the README for the tables and the
two commands.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("coop-analysis")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

from analysis.config import Settings  # noqa: E402
from analysis.load.articles import LoadError, LoadResult  # noqa: E402
from analysis.pipeline import analyze, load_articles, read_tables, write_tables  # noqa: E402

__all__ = [
    "LoadError",
    "LoadResult",
    "Settings",
    "__version__",
    "analyze",
    "load_articles",
    "read_tables",
    "write_tables",
]
