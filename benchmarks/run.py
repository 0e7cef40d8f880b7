"""Benchmarks of the pipeline on synthetic corpora: ``make bench``.

For each corpus size (reports from ``benchmarks/synth.py``: German, English, Russian; scale only,
never quality) this measures

1. the whole ``coop analyze`` in a child process, as a user runs it: wall and CPU seconds, the
   peak resident memory of the whole process tree (driver and worker processes, summed, sampled
   every 0.2 s with psutil), reports per second, and the wall seconds of each engine step (from
   the ``run.json`` it writes);
2. the aggregation the report and notebooks do, over the tables written (reading only the
   columns they need);
3. once, on the first ``--stage-reports`` reports, each stage in this process on one core: load
   (decode, records, cleaning, datelines, repeated paragraphs), sentences, language, entities,
   areas (the model the run fitted), duplicate sketches.

So that numbers from different machines compare, each is also given as a ratio to a baseline
measured in the same run: ``str.split`` over the same reports' text.

``--entities-only SOURCE`` measures the entity stage alone on real-style reports (the target
"entity matching ≥ 2,000 reports/s per core" is checked on reports like the shared dev set,
whose sentences name more than the synthetic ones): ``raw_mentions`` over SOURCE's reports
repeated ``--entity-repeat`` times, CPU seconds, a fresh matcher each round (its word caches
cold; the process-wide stem cache warm, as in a long run), the median of ``--entity-rounds``
rounds, beside the ``str.split`` baseline of the same sentences timed in the same rounds.

Usage: ``python benchmarks/run.py [--sizes 10000,100000] [--jobs 2] [--engine local] [--out FILE]``,
``python benchmarks/run.py --entities-only ../shared/dev/records.jsonl [--entity-repeat 20]``.
Corpora are generated into ``--corpora`` (default: a temporary folder) and reused when present.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
import psutil
import synth  # benchmarks/synth.py, beside this file

from analysis.areas.stage import area_part, fit_part
from analysis.corpus import article_ids, copies, duplicates_by_part, occurrence, sample_part
from analysis.entities import stage as entities
from analysis.entities.matcher import EntityMatcher, default_matcher, person_names, person_stats, raw_mentions
from analysis.load import articles as load_stage
from analysis.load.dedup import date_rank
from analysis.load.sources import read_inputs
from analysis.pipeline import load_articles
from analysis.report import aggregate

RESULTS = Path(__file__).resolve().parent / "results.md"
COOP = Path(sys.executable).with_name("coop")


def _timed(func: Callable[[], object]) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = func()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def corpus(n: int, folder: Path, *, seed: int = 0) -> Path:
    """The synthetic corpus of ``n`` reports under ``folder``, generated once."""
    out = folder / f"synth-{n}-seed{seed}"
    done = out / "done"
    if not done.exists():
        synth.write_corpus(out, n, seed=seed)
        done.write_text("ok\n")
    return out / "raw"


def baseline(raw: Path, limit: int | None = None) -> tuple[float, int]:
    """Seconds to read every report's text and ``str.split`` it; and how many reports."""
    start, n = time.perf_counter(), 0
    for path in sorted(raw.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                json.loads(line)["text"].split()
                n += 1
                if limit is not None and n >= limit:
                    return time.perf_counter() - start, n
    return time.perf_counter() - start, n


def analyze_runs(raw: Path, *, jobs: int, engine: str, runs: int = 3) -> dict:
    """:func:`analyze` ``runs`` times into fresh folders: the median run by wall time, with every
    run's wall seconds and the 1-minute load average before each (other work on the machine
    shows there), and the aggregation timed over the median run's tables."""
    results = []
    for _ in range(runs):
        out = Path(tempfile.mkdtemp(prefix="coop-bench-out-"))
        load = os.getloadavg()[0]
        result = analyze(raw, out, jobs=jobs, engine=engine)
        results.append((result, load, out))
    order = sorted(range(runs), key=lambda k: results[k][0]["wall_s"])
    median, load, out = results[order[runs // 2]]
    agg = aggregation(out)
    for _, _, folder in results:
        shutil.rmtree(folder)
    return {
        **median,
        "agg": agg,
        "wall_s_all": [r[0]["wall_s"] for r in results],
        "load_avg_all": [r[1] for r in results],
    }


def analyze(raw: Path, out: Path, *, jobs: int, engine: str) -> dict:
    """Run ``coop analyze`` in a child process; wall, CPU, peak tree RSS and its run.json."""
    cmd = [str(COOP), "analyze", str(raw), "--out", str(out), "--jobs", str(jobs), "--engine", engine, "-q"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen(cmd)
    root, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        total = 0
        try:
            for proc in [root, *root.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(0.2)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {child.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    manifest = json.loads((out / "run.json").read_text())
    return {"wall_s": wall, "cpu_s": cpu, "peak_rss_mb": peak / 2**20, "manifest": manifest}


def aggregation(out: Path) -> tuple[float, float, float]:
    """Wall and CPU seconds of the report's aggregates over the written tables, and the RSS growth (MB)."""
    rss = psutil.Process().memory_info().rss

    def work():
        article_areas = pd.read_parquet(out / "article_areas.parquet", columns=["article_id", "area"])
        entities = pd.read_parquet(
            out / "article_entities.parquet",
            columns=["article_id", "entity_type", "entity_id", "canonical_name", "iso_code", "country", "role"],
        )
        articles = pd.read_parquet(out / "articles.parquet", columns=["article_id", "date"])
        aggregate.area_shares_by_partner(article_areas, entities)
        aggregate.areas_over_time(article_areas, articles)
        aggregate.area_frequency(article_areas, articles)
        aggregate.partner_enterprise_counts(entities)

    _, wall, cpu = _timed(work)
    return wall, cpu, (psutil.Process().memory_info().rss - rss) / 2**20


def first_reports(raw: Path, n: int, folder: Path | None = None) -> Path:
    """The first ``n`` reports of the synthetic corpus ``raw`` as one JSON Lines file in ``folder``."""
    first = sorted(raw.glob("*.jsonl"))[0]
    lines = first.read_text(encoding="utf-8").splitlines()[:n]
    sub = Path(folder or tempfile.mkdtemp()) / "first.jsonl"
    sub.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sub


def stage_timings(sub: Path, *, tables: dict | None = None, rounds: int = 3, profile: int = 0) -> list[dict]:
    """Each stage on the reports of ``sub`` as one partition, in this process, one core — the
    stage functions the engine schedules, called in its order: the load stage
    (:func:`analysis.load.articles.load_part`: decode, records, cleaning, datelines, dates,
    sentences, languages, duplicate sketches), the entity stage's mentions
    (:func:`analysis.entities.stage.mention_part`), the corpus step (:mod:`analysis.corpus`: ids,
    copies, officials' names), the final tables of the load and entity stages, the area model's
    fit (:func:`analysis.areas.stage.fit_part`, on these reports) and the areas
    (:func:`analysis.areas.stage.area_part`).

    The whole sequence runs ``rounds`` times; each stage's figures are the median round's (the
    first round fills the word caches, as the first partitions of a long run do). One dict per
    stage, with ``cpu_s_all`` the CPU seconds of every round; with ``profile`` > 0 also
    ``profile``: that many of the stage's top functions by own time, from one more round under
    cProfile. The tables made are put in ``tables`` when one is given (a test checks they are
    :func:`analysis.analyze`'s)."""
    default_matcher()  # compiling the gazetteer is a one-off per process
    per_round, final = [], {}
    for _ in range(rounds):
        final = {}
        per_round.append(_stage_round(sub, final))
    if tables is not None:
        tables |= final
    profiles = _stage_round(sub, {}, profile=profile) if profile else {}
    base, _ = baseline(sub.parent)
    n = len(final["articles"])
    out = []
    for name in per_round[0]:
        cpu_all = [r[name][1] for r in per_round]
        middle = sorted(range(rounds), key=lambda k: cpu_all[k])[rounds // 2]
        wall, cpu = per_round[middle][name]
        out.append(
            {
                "stage": name,
                "wall_s": wall,
                "cpu_s": cpu,
                "cpu_s_all": cpu_all,
                "reports_per_cpu_s": n / cpu if cpu else float("nan"),
                "x_baseline": wall / base,
                **({"profile": profiles[name]} if profile else {}),
            }
        )
    return out


def _stage_round(sub: Path, final: dict, *, profile: int = 0) -> dict:
    """One round of :func:`stage_timings`: stage name → (wall s, CPU s), or with ``profile`` → its
    top functions by own time; the tables go into ``final``."""
    timings: dict = {}

    def stage(name, func):
        if profile:
            profiler = cProfile.Profile()
            out = profiler.runcall(func)
            timings[name] = _top(pstats.Stats(profiler), profile)
            return out
        out, wall, cpu = _timed(func)
        timings[name] = (wall, cpu)
        return out

    loaded = stage("load", lambda: load_stage.load_part(list(read_inputs(sub))))
    cued, raw_found = stage("entities", lambda: entities.mention_part(loaded.articles, loaded.sentences))

    def corpus_step():
        occ = occurrence(loaded.base)
        texts, offsets = loaded.articles["text"], np.array([0, len(occ)])
        dup = copies(loaded.sketches, date_rank(loaded.dates), offsets, lambda k, rows: texts.iloc[rows])
        duplicates = duplicates_by_part(dup, loaded.base, occ, offsets)[0]
        return occ, article_ids(loaded.base, occ), duplicates, person_names(person_stats(raw_found))

    occ, ids, duplicates, names = stage("corpus step", corpus_step)

    def finish():
        duplicate_of = [duplicates.get(i) for i in range(len(ids))]
        articles, sentences = load_stage.finish_part(
            loaded.articles, loaded.sentences, ids=ids, duplicate_of=duplicate_of
        )
        key = np.asarray(ids, dtype=object)
        named = raw_found.assign(article_id=key[raw_found["article_id"].to_numpy(dtype=np.int64)])
        articles, mentions, entity_table = entities.finish_part(articles, named, names=names)
        tables = {"articles": articles, "sentences": sentences, "mentions": mentions, "article_entities": entity_table}
        return cued.assign(article_id=sentences["article_id"]), tables

    sentences, tables = stage("finish load and entities", finish)
    sample = sample_part(cued, loaded.base, occ, 1.0)
    model = stage("fit area model", lambda: fit_part(sample, n_topics=0, random_state=0)[0])
    tables |= stage("areas", lambda: area_part(sentences, tables["mentions"], model=model))
    final |= tables
    return timings


def _top(stats: pstats.Stats, n: int) -> list[tuple[str, float, float, int, float]]:
    """The ``n`` functions with the most own time: (where, own s, cumulative s, calls, share of the stage)."""
    total = sum(v[2] for v in stats.stats.values()) or 1.0
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:n]
    out = []
    for (path, line, func), (_, calls, own, cum, _) in rows:
        where = f"{Path(path).name}:{line}({func})" if line else func
        out.append((where, own, cum, calls, own / total))
    return out


def entity_stage(source: Path, *, repeat: int = 20, rounds: int = 5) -> dict:
    """The entity stage (``raw_mentions``) on the reports of ``source`` repeated ``repeat`` times
    (article ids made unique), in this process on one core: CPU seconds per round with a fresh
    matcher, and the ``str.split`` baseline over the same sentences, timed in the same rounds."""
    loaded = load_articles(source, progress=False)
    copies = [(loaded.articles, loaded.sentences)] * repeat
    articles = pd.concat(
        [a.assign(article_id=a["article_id"] + f"#{k}") for k, (a, _) in enumerate(copies)], ignore_index=True
    )
    sentences = pd.concat(
        [s.assign(article_id=s["article_id"] + f"#{k}") for k, (_, s) in enumerate(copies)], ignore_index=True
    )
    texts = sentences["text"].tolist()
    raw_mentions(loaded.articles, loaded.sentences)  # the process-wide stem cache, warm as in a long run
    cpu, base = [], []
    for _ in range(rounds):
        matcher = EntityMatcher()._compiled()  # compiling is a one-off per process, not timed
        gc.collect()
        cpu.append(_timed(lambda m=matcher: raw_mentions(articles, sentences, matcher=m))[2])
        base.append(_timed(lambda: [t.split() for t in texts])[2])
    median = statistics.median(cpu)
    return {
        "reports": len(articles),
        "sentences": len(sentences),
        "cpu_s": median,
        "cpu_s_all": cpu,
        "reports_per_cpu_s": len(articles) / median,
        "x_baseline": median / statistics.median(base),
    }


def _machine() -> str:
    return (
        f"{platform.platform()}, {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GB RAM, Python {platform.python_version()}, "
        f"pandas {version('pandas')}, scikit-learn {version('scikit-learn')}, distributed {version('distributed')}"
    )


def targets(runs: list[dict], per_stage: list[dict]) -> list[str]:
    """The scale targets (issue 7's, then issue 19's twice-as-fast ones), checked against the
    numbers of this run (only those it measured)."""
    by_size = {r["reports"]: r for r in runs}
    rate = {s["stage"]: s["reports_per_cpu_s"] for s in per_stage}
    checks = []
    if 1_000_000 in by_size:
        r = by_size[1_000_000]
        minutes, peak = r["wall_s"] / 60, r["peak_rss_mb"]
        checks.append(("1M reports end to end in ≤ 10 minutes", f"{minutes:.1f} min", minutes <= 10))
        checks.append(("1M reports end to end in ≤ 5 minutes (issue 19)", f"{minutes:.1f} min", minutes <= 5))
        checks.append(("peak RSS ≤ 2 GB for 1M reports", f"{peak:,.0f} MB", peak <= 2048))
        checks.append(("peak RSS ≤ 1.2 GB for 1M reports (issue 19)", f"{peak:,.0f} MB", peak <= 1.2 * 1024))
        if 100_000 in by_size:
            growth = peak / by_size[100_000]["peak_rss_mb"] - 1
            checks.append(("peak memory grows ≤ 10% from 100k to 1M", f"{growth:+.1%}", growth <= 0.10))
    for stage, old, new in (("load", None, 8000), ("entities", 2000, 6000), ("areas", 1000, 8000)):
        if stage in rate:
            if old:
                checks.append((f"{stage} ≥ {old:,} reports/s per core", f"{rate[stage]:,.0f}", rate[stage] >= old))
            checks.append(
                (f"{stage} ≥ {new:,} reports/s per core (issue 19)", f"{rate[stage]:,.0f}", rate[stage] >= new)
            )
    if not checks:
        return []
    return [
        "## Targets",
        "",
        "| target | measured | met |",
        "|---|---:|---|",
        *(f"| {name} | {value} | {'yes' if ok else 'no'} |" for name, value, ok in checks),
        "",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated corpus sizes (default %(default)s)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="coop analyze --jobs (default: cores)")
    parser.add_argument("--engine", default="local", choices=["local", "dask"], help="coop analyze --engine")
    parser.add_argument("--stage-reports", type=int, default=10_000, help="reports for the per-stage timings")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement, the median kept (default 3)")
    parser.add_argument(
        "--profile", type=int, default=12, metavar="N", help="top N functions per stage by own time (0: no profile)"
    )
    parser.add_argument("--corpora", help="folder to generate corpora into and reuse (default: temporary)")
    parser.add_argument("--out", default=str(RESULTS), help="where to write the Markdown results")
    parser.add_argument("--entities-only", metavar="SOURCE", help="only time the entity stage on these reports")
    parser.add_argument("--entity-repeat", type=int, default=20, help="copies of SOURCE (default %(default)s)")
    parser.add_argument("--entity-rounds", type=int, default=5, help="rounds, median taken (default %(default)s)")
    args = parser.parse_args(argv)
    if args.entities_only:
        e = entity_stage(Path(args.entities_only), repeat=args.entity_repeat, rounds=args.entity_rounds)
        print(
            f"entities (raw_mentions) on {e['reports']:,} reports ({args.entity_repeat} x {args.entities_only}, "
            f"{e['sentences']:,} sentences): {e['reports_per_cpu_s']:,.0f} reports/CPU-s, "
            f"{e['x_baseline']:.0f} x the str.split baseline (median of {args.entity_rounds} rounds; CPU s "
            + ", ".join(f"{c:.2f}" for c in e["cpu_s_all"])
            + f"); machine: {_machine()}"
        )
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    corpora = Path(args.corpora) if args.corpora else Path(tempfile.mkdtemp(prefix="coop-bench-"))
    runs = []
    for n in sizes:
        raw = corpus(n, corpora)
        base, _ = baseline(raw)
        run = analyze_runs(raw, jobs=args.jobs, engine=args.engine, runs=args.runs)
        runs.append({"reports": n, "baseline_s": base, **run})
        print(f"{n}: {run['wall_s']:.1f} s wall (median), {run['peak_rss_mb']:.0f} MB peak", file=sys.stderr)
    n_stage = min(args.stage_reports, min(sizes))
    per_stage = stage_timings(
        first_reports(corpus(min(sizes), corpora), n_stage), rounds=args.runs, profile=args.profile
    )
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {_machine()}.",
        f"Command: `python benchmarks/run.py --sizes {args.sizes} --jobs {args.jobs} --engine {args.engine}"
        f" --runs {args.runs}`"
        " (`make bench SIZES=...`).",
        "",
        "Synthetic corpora from `benchmarks/synth.py` (seed 0; German, English, Russian JSONL, 10,000 reports a",
        "file). Scale only: quality is measured on the bundled corpus (`coop evaluate`).",
        "",
        "## The whole `coop analyze`",
        "",
        "Child process; peak RSS is the sum over the driver and its worker processes. The baseline is reading",
        f"every report and `str.split`-ing its text, in the same run. The median of {args.runs} runs by wall time;",
        "beside it every run's wall seconds and the 1-minute load average before it (above the core count,",
        "other work shared the machine).",
        "",
        "| reports | wall s | CPU s | reports/s | peak RSS MB | × baseline | partitions | model fitted on "
        "| runs: wall s | load avg |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
        *(
            f"| {r['reports']:,} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | {r['reports'] / r['wall_s']:,.0f} "
            f"| {r['peak_rss_mb']:,.0f} | {r['wall_s'] / r['baseline_s']:.1f} | {r['manifest']['n_partitions']} "
            f"| {r['manifest']['fit_sentences']:,} sentences | {', '.join(f'{w:.1f}' for w in r['wall_s_all'])} "
            f"| {', '.join(f'{x:.1f}' for x in r['load_avg_all'])} |"
            for r in runs
        ),
        "",
        "Wall seconds of each engine step (`run.json`):",
        "",
        "| reports | " + " | ".join(runs[0]["manifest"]["timings_s"]) + " | aggregation |",
        "|---:|" + "---:|" * (len(runs[0]["manifest"]["timings_s"]) + 1),
        *(
            f"| {r['reports']:,} | "
            + " | ".join(f"{v:.1f}" for v in r["manifest"]["timings_s"].values())
            + f" | {r['agg'][0]:.1f} |"
            for r in runs
        ),
        "",
        f"## Each stage on one core ({n_stage:,} reports, in process)",
        "",
        "The stage functions the engine schedules, in its order, on one partition; the median of "
        f"{args.runs} rounds by CPU time (the first round fills the word caches).",
        "",
        "| stage | wall s | CPU s | reports/CPU-s | × baseline | rounds: CPU s |",
        "|---|---:|---:|---:|---:|---|",
        *(
            f"| {s['stage']} | {s['wall_s']:.2f} | {s['cpu_s']:.2f} | {s['reports_per_cpu_s']:,.0f} "
            f"| {s['x_baseline']:.1f} | {', '.join(f'{c:.2f}' for c in s['cpu_s_all'])} |"
            for s in per_stage
        ),
        "",
    ]
    if args.profile:
        lines += [
            f"## Where each stage spends its time (cProfile, one more round, top {args.profile} by own time)",
            "",
        ]
        for s in per_stage:
            lines += [
                f"**{s['stage']}**",
                "",
                "| function | own s | cumulative s | calls | share of the stage |",
                "|---|---:|---:|---:|---:|",
                *(
                    f"| `{where}` | {own:.3f} | {cum:.3f} | {calls:,} | {share:.0%} |"
                    for where, own, cum, calls, share in s["profile"]
                ),
                "",
            ]
    lines += targets(runs, per_stage)
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
