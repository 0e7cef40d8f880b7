"""Benchmarks of the pipeline's stages on synthetic corpora: ``make bench``.

For each corpus size this generates a synthetic corpus with ``benchmarks/synth.py`` (scale only,
never quality), then times, in this one process, each stage of ``coop analyze``: loading
(decode, datelines, sentences, language, duplicates), entities (matching, roles, officials) and
area assignment with the shipped fitted model.
It reports wall and CPU seconds, reports per second, and — so numbers from different machines
compare — each stage as a ratio to a baseline measured in the same run on the same texts:
``str.split`` over every report. Results go to ``benchmarks/results.md`` with the machine and the
command that reproduces them.

Usage: ``python benchmarks/run.py [--sizes 2000,10000] [--out benchmarks/results.md]``.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path

import synth  # benchmarks/synth.py, beside this file

from analysis.areas.model import default_model
from analysis.entities import default_matcher, extract_entities
from analysis.load import load_articles

RESULTS = Path(__file__).resolve().parent / "results.md"


def _timed(func: Callable[[], object]) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = func()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def bench(n: int, *, seed: int = 0) -> list[dict]:
    """Time each stage on a synthetic corpus of ``n`` reports; one dict per stage."""
    with tempfile.TemporaryDirectory() as tmp:
        synth.write_corpus(Path(tmp), n, seed=seed)
        raw = Path(tmp) / "raw"
        texts = [line for p in sorted(raw.glob("*.jsonl")) for line in p.read_text(encoding="utf-8").splitlines()]
        _, base_wall, _ = _timed(lambda: [t.split() for t in texts])
        loaded, load_wall, load_cpu = _timed(lambda: load_articles(raw, progress=False))
    default_matcher()  # compiling the gazetteer is a one-off per process, not per report
    _, ent_wall, ent_cpu = _timed(lambda: extract_entities(loaded.articles, loaded.sentences))
    model = default_model()  # a fitted model: this times assignment, as for new reports
    _, area_wall, area_cpu = _timed(lambda: model.transform(loaded.sentences))
    rows = []
    stages = (
        ("load", load_wall, load_cpu),
        ("entities", ent_wall, ent_cpu),
        ("areas (fitted model)", area_wall, area_cpu),
    )
    for stage, wall, cpu in stages:
        rows.append(
            {
                "reports": n,
                "stage": stage,
                "wall_s": round(wall, 2),
                "cpu_s": round(cpu, 2),
                "reports_per_s": round(n / wall),
                "reports_per_cpu_s": round(n / cpu) if cpu else None,
                "x_baseline": round(wall / base_wall, 1),
            }
        )
    return rows


def _machine() -> str:
    import os

    return (
        f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"pandas {version('pandas')}, lingua {version('lingua-language-detector')}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated corpus sizes (default %(default)s)")
    parser.add_argument("--out", default=str(RESULTS), help="where to write the Markdown results")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = [row for n in sizes for row in bench(n)]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    header = "| reports | stage | wall s | CPU s | reports/s | reports/CPU-s | × str.split baseline |"
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {_machine()}.",
        f"Command: `python benchmarks/run.py --sizes {args.sizes}` (or `make bench`).",
        f"Peak RSS of the whole run: {peak_mb:.0f} MB.",
        "",
        "Synthetic corpora from `benchmarks/synth.py` (seed 0; German, English, Russian). Entity matching runs on",
        "one core, so its reports/CPU-s is the per-core rate. The baseline is `str.split` over the same",
        "reports in the same run: a stage's time divided by it compares across machines.",
        "",
        header,
        "|---:|---|---:|---:|---:|---:|---:|",
        *(
            f"| {r['reports']} | {r['stage']} | {r['wall_s']} | {r['cpu_s']} | {r['reports_per_s']} "
            f"| {r['reports_per_cpu_s']} | {r['x_baseline']} |"
            for r in rows
        ),
        "",
    ]
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
