"""The ``coop`` command line.

``coop analyze SOURCE [SOURCE ...] --out DIR [--engine dask]`` runs the pipeline and writes each
table (see :mod:`analysis.engine.core`).
"""

from __future__ import annotations

import argparse
import math
import signal
import sys
import threading
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from analysis import __version__
from analysis.areas.model import load_model, save_model
from analysis.areas.taxonomy import area_ids
from analysis.config import MIN_FIT_SENTENCES, Settings, bundled_corpus, bundled_gold, in_checkout
from analysis.engine.core import run
from analysis.engine.runners import DaskRunner, LocalRunner, WorkerError
from analysis.evaluate.areas import area_evaluation_report, settings_grid
from analysis.evaluate.gold import corpus_card, read_gold, update_card
from analysis.evaluate.load import article_files, default_source, load_report, read_load_gold, score_load
from analysis.evaluate.scores import (
    area_report,
    evaluate_entities,
    evaluate_entity_labels,
    gold_role_report,
    label_role_report,
    read_entity_labels,
)
from analysis.load.articles import LoadError
from analysis.pipeline import analyze, load_articles
from analysis.report.aggregate import PERIODS
from analysis.schema import REJECT_REASONS


def _count(minimum: int):
    """An argparse type: an int of at least ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


def _topics(minimum: int):
    """An argparse type: ``auto`` or an int of at least ``minimum``."""

    def parse(text: str) -> int | str:
        return "auto" if text == "auto" else _count(minimum)(text)

    return parse


def _year_span(text: str) -> tuple[int, int]:
    """An argparse type: ``FIRST-LAST``, two years, the first not after the last."""
    first, sep, last = text.partition("-")
    if not (sep and first.strip().isdigit() and last.strip().isdigit()) or int(first) > int(last):
        raise argparse.ArgumentTypeError(f"expected FIRST-LAST, two years, FIRST <= LAST (1990-2030), got {text!r}")
    return int(first), int(last)


def _add_loader_options(parser: argparse.ArgumentParser) -> None:
    """The options of the load stage, the same for every command that reads a SOURCE."""
    parser.add_argument("--year", type=int, help="year for datelines without one when the text does not tell it")
    parser.add_argument("--use-file-dates", action="store_true", help="fall back to the file's modification year")
    parser.add_argument(
        "--date-years",
        type=_year_span,
        default=Settings.date_years,
        metavar="FIRST-LAST",
        help="years a report's date may have; others are no date, with a reason "
        f"(default {Settings.date_years[0]}-{Settings.date_years[1]})",
    )
    parser.add_argument(
        "--max-bytes", type=int, default=Settings.max_bytes, help="reject inputs larger than this (default %(default)s)"
    )
    parser.add_argument(
        "--max-archive-bytes",
        type=_count(1),
        metavar="N",
        help="reject the members of a zip past N bytes decompressed together (default 4 x --max-bytes)",
    )
    parser.add_argument(
        "--follow-links", action="store_true", help="read the files that links in a folder point to outside it"
    )
    parser.add_argument(
        "--strict", action="store_true", help="stop with an error at the first input that cannot be loaded"
    )


def _loader_settings(args: argparse.Namespace) -> dict:
    """The load stage's settings from :func:`_add_loader_options`' options."""
    return {
        "year": args.year,
        "use_file_dates": args.use_file_dates,
        "date_years": args.date_years,
        "strict": args.strict,
        "max_bytes": args.max_bytes,
        "max_archive_bytes": args.max_archive_bytes,
        "follow_links": args.follow_links,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coop", description="Regional cooperation in news reports: tables, areas, charts."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    an = sub.add_parser(
        "analyze",
        help="load reports and write the pipeline's tables",
        description="Load every report under SOURCE, find its entities and cooperation areas, and write articles, "
        "sentences, rejects, mentions, article_entities, sentence_areas, article_areas, topics, topic_examples and "
        "sentence_topics (.parquet, and rejects.csv), the area model (area_model.json, .npz) and run.json into --out. "
        "Reject reasons: " + ", ".join(REJECT_REASONS) + ".",
    )
    an.add_argument("source", nargs="+", help="files, folders (recursive), globs; .txt, .jsonl, .csv, .json, .zip")
    an.add_argument("--out", required=True, help="output folder (created if missing)")
    _add_loader_options(an)
    an.add_argument("--model", help="apply this fitted area model (PATH.json + PATH.npz) instead of fitting one")
    an.add_argument("--save-model", metavar="PATH", help="save the area model as PATH.json and PATH.npz")
    an.add_argument(
        "--taxonomy",
        metavar="FILE",
        help="your own taxonomy file (areas.toml's shape): the area model is fitted with it",
    )
    an.add_argument(
        "--topics",
        type=_topics(0),
        default=Settings.n_topics,
        metavar="N",
        help="topics to discover in what the seeded areas leave unexplained: a number, 'auto' to choose it "
        "from the data, 0 for none (default %(default)s)",
    )
    an.add_argument("--seed", type=int, default=0, help="random state of the area model and discovery")
    an.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="local: this machine, --jobs processes; dask: a dask.distributed cluster (default %(default)s)",
    )
    an.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster of --jobs workers)",
    )
    an.add_argument(
        "--jobs", type=_count(1), default=1, help="processes (local) or local Dask workers (default %(default)s)"
    )
    an.add_argument(
        "--partition-mb",
        type=float,
        default=Settings.partition_bytes / 2**20,
        metavar="MB",
        help="input megabytes per partition; memory per task grows with it (default %(default)s)",
    )
    an.add_argument(
        "--fit-sample",
        type=_count(MIN_FIT_SENTENCES),
        default=Settings.fit_sample,
        metavar="N",
        help="fit the area model on a hash sample of at most N sentences (default %(default)s)",
    )
    an.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    rp = sub.add_parser(
        "report",
        help="run everything and write the HTML report, figures and tables",
        description="Run coop analyze's pipeline once into OUT/tables, draw the figures into OUT/figures, execute "
        "the notebooks on those tables and write OUT/report.html; OUT/run.json records the seconds of each step.",
    )
    rp.add_argument("--corpus", help="a folder of reports (default: the bundled corpus of the source checkout)")
    rp.add_argument("--out", default="reports", help="output folder (default %(default)s)")
    rp.add_argument("--seed", type=int, default=0, help="random state")
    rp.add_argument(
        "--topics",
        type=_topics(0),
        default=Settings.n_topics,
        metavar="N",
        help="topics to discover, or auto (default %(default)s)",
    )
    rp.add_argument(
        "--period",
        choices=PERIODS,
        default="year",
        help="the periods of the charts over time (default year)",
    )
    rp.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    fi = sub.add_parser(
        "fit",
        help="fit the area model on a corpus (no labels needed) and save it",
        description="Fit the area model as coop analyze fits it: on the entity stage's sentences (its entity cues, "
        "persons left out), a hash sample of at most --fit-sample of them.",
    )
    fi.add_argument("source", nargs="+", help="files, folders, globs (as for analyze)")
    fi.add_argument("--out", required=True, metavar="PATH", help="write PATH.json and PATH.npz")
    fi.add_argument("--seed", type=int, default=0, help="random state")
    _add_loader_options(fi)
    fi.add_argument(
        "--fit-sample",
        type=_count(MIN_FIT_SENTENCES),
        default=Settings.fit_sample,
        metavar="N",
        help="fit on a hash sample of at most N sentences (default %(default)s)",
    )
    di = sub.add_parser("discover", help="print topics the seeded areas leave unexplained")
    di.add_argument("source", nargs="+", help="files, folders, globs (as for analyze)")
    di.add_argument(
        "--topics",
        type=_topics(1),
        default="auto",
        metavar="N",
        help="how many topics, or 'auto' (default %(default)s)",
    )
    di.add_argument("--taxonomy", metavar="FILE", help="your own taxonomy file (areas.toml's shape)")
    di.add_argument("--seed", type=int, default=0, help="random state")
    _add_loader_options(di)
    ev = sub.add_parser("evaluate", help="measure the pipeline against gold labels")
    ev.add_argument("target", choices=["load", "entities", "areas", "discovery"], help="what to evaluate")
    ev.add_argument("--taxonomy", metavar="FILE", help="discovery: the taxonomy to take areas from (default: shipped)")
    ev.add_argument("--seeds", type=_count(1), default=5, help="areas: refits on 90%% samples for the stability check")
    ev.add_argument(
        "--gold",
        help="folder with articles.csv and sentences.csv, or a labels.csv set (load, entities); "
        "default: data/gold of the source checkout",
    )
    ev.add_argument(
        "--raw",
        help="the reports the gold labels describe (default: the gold folder's articles/, else its ../raw);"
        " load: also a file such as records.jsonl",
    )
    ev.add_argument("--model", help="areas: apply this fitted area model (PATH.json + PATH.npz) instead of fitting one")
    ev.add_argument(
        "--cross", metavar="GOLD", help="areas: also score the model coop analyze fits on another gold folder's reports"
    )
    ev.add_argument(
        "--folds", action="store_true", help="areas: choose a setting on one half of the reports, score the other half"
    )
    card = sub.add_parser("card", help="print the counts of a gold-labelled corpus (the data card's numbers)")
    card.add_argument(
        "--gold", help="folder with articles.csv and sentences.csv (default: data/gold of the source checkout)"
    )
    card.add_argument("--update", metavar="README", help="write the counts between the card markers of this file")
    return parser


def _area_model_line(given: str | None, result) -> str:
    """Which area model ``coop analyze`` used, and why."""
    if result.model is None:
        return "area model: none (no sentences)"
    if given:
        return f"area model: {given} (--model)"
    if result.fit_sentences:
        return f"area model: fitted on {result.fit_sentences} of the corpus's sentences, without labels"
    return (
        f"area model: the shipped one (analysis/resources/model/areas, fitted on the bundled corpus): the corpus has"
        f" fewer than the {MIN_FIT_SENTENCES} sentences a fit needs"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``coop`` console script; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        with _terminate_as_exit():
            return _run(args)
    except (LoadError, ValueError, OSError, WorkerError) as exc:
        print(f"coop {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"coop {args.command}: interrupted; the output folder keeps its previous results", file=sys.stderr)
        return 130


@contextmanager
def _terminate_as_exit():
    """While a command runs in the main thread, SIGTERM ends it like Ctrl-C: the worker processes
    are stopped and the staging folder removed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    if args.command == "analyze":
        if args.scheduler and args.engine != "dask":
            raise ValueError("--scheduler needs --engine dask")
        if not args.partition_mb > 0:
            raise ValueError(f"--partition-mb must be positive, got {args.partition_mb}")
        model = load_model(args.model) if args.model else None
        runner = DaskRunner(args.scheduler, jobs=args.jobs) if args.engine == "dask" else LocalRunner(args.jobs)
        settings = Settings(
            **_loader_settings(args),
            taxonomy=args.taxonomy,
            n_topics=args.topics,
            random_state=args.seed,
            fit_sample=args.fit_sample,
            partition_bytes=args.partition_mb * 2**20,
        )
        result = run(
            args.source,
            out=args.out,
            runner=runner,
            model=model,
            settings=settings,
            progress=False if args.quiet else None,
        )
        written = [args.out]
        if args.save_model and result.model is not None:
            written += [str(p) for p in save_model(result.model, args.save_model)]
        if not args.quiet:
            print(result.summary())
            print(_area_model_line(args.model, result))
            print("wrote " + ", ".join(written))
        return 0 if result.n_loaded else 1
    if args.command == "evaluate":
        gold_dir = Path(args.gold) if args.gold else bundled_gold()
        if args.target == "load":
            source = Path(args.raw) if args.raw else default_source(gold_dir)
            loaded = load_articles(source, progress=False)
            print(load_report(score_load(read_load_gold(gold_dir), loaded.articles, source=source), source=source))
            return 0
        if args.target == "discovery":
            from analysis.evaluate.discovery import discovery_report

            source = Path(args.raw) if args.raw else default_source(gold_dir)
            print(discovery_report(gold_dir, source, taxonomy=args.taxonomy))
            return 0
        if args.target == "entities" and not (gold_dir / "articles.csv").is_file():  # a labels.csv set
            source = Path(args.raw) if args.raw else default_source(gold_dir)
            result = analyze(source, progress=False, n_topics=0)
            labels = read_entity_labels(gold_dir)
            names = article_files(result.articles, source, labels["file"])
            files = pd.Series(names.to_numpy(), index=result.articles["article_id"])
            scores = evaluate_entity_labels(labels, result.articles, result.article_entities, files=files)
            print(f"entities on {len(labels)} labelled reports of {source} (micro-averaged over reports)")
            print(scores.to_string(index=False))
            print("\n" + label_role_report(labels, result.article_entities, files=files))
            return 0
        if args.target == "areas":
            print(
                area_evaluation_report(
                    gold_dir,
                    raw=args.raw,
                    model=load_model(args.model) if args.model else None,
                    cross=args.cross,
                    folds=settings_grid() if args.folds else None,
                )
            )
            if (gold_dir / "sentences.csv").is_file():  # sentence labels: the NMF baseline and refit stability
                gold, gold_sentences = read_gold(gold_dir)
                raw_dir = Path(args.raw) if args.raw else gold_dir.parent / "raw"
                print("\nbeside the NMF baseline, with refit stability (model fitted on the loader's sentences):")
                print(area_report(gold, gold_sentences, raw_dir, n_seeds=args.seeds))
            return 0
        raw_dir = Path(args.raw) if args.raw else gold_dir.parent / "raw"
        gold, gold_sentences = read_gold(gold_dir)
        result = analyze(raw_dir, progress=False, n_topics=0)
        scores = evaluate_entities(gold, result.articles, result.article_entities, raw_dir=raw_dir)
        print(f"entities on {len(gold)} gold reports in {raw_dir} (micro-averaged over reports)")
        print(scores.to_string(index=False))
        print("\n" + gold_role_report(gold, result.articles, result.article_entities, raw_dir=raw_dir))
        return 0
    if args.command == "report":
        from analysis.report.html import build_report  # imports the notebook machinery only when needed

        if args.corpus is None and not in_checkout():
            bundled_corpus()  # says to pass --corpus
        page = build_report(
            args.corpus, args.out, seed=args.seed, topics=args.topics, period=args.period, progress=not args.quiet
        )
        if not args.quiet:
            print(f"wrote {page} with figures/, tables/ and run.json beside it")
        return 0
    if args.command == "fit":
        # the sentences analyze fits on: the entity stage's cues (persons left out), the same hash sample
        settings = Settings(
            **_loader_settings(args),
            n_topics=0,
            random_state=args.seed,
            fit_sample=args.fit_sample,
            partition_bytes=math.inf,
        )
        result = run(args.source, settings=settings, progress=False)
        if not result.fit_sentences:
            raise ValueError(
                f"no model fitted: {result.n_loaded} reports with {result.rows.get('sentences', 0)} sentences; "
                f"fitting needs at least {MIN_FIT_SENTENCES} sentences (a smaller corpus gets the shipped model)"
            )
        json_path, npz_path = save_model(result.model, args.out)
        print(f"fitted on {result.fit_sentences} sentences of {result.n_loaded} reports; wrote {json_path}, {npz_path}")
        return 0
    if args.command == "discover":
        settings = Settings(
            **_loader_settings(args), taxonomy=args.taxonomy, n_topics=args.topics, random_state=args.seed
        )
        result = analyze(args.source, settings=settings, progress=False)
        if not len(result.articles):
            raise ValueError(f"no report could be loaded ({result.load.summary()})")
        topics, examples = result.tables.get("topics"), result.tables.get("topic_examples")
        if topics is None or topics.empty:
            print("no topics: too few sentences left unexplained by the seeded areas")
            return 0
        for topic, group in topics.groupby("topic", sort=False):
            print(f"{topic} (NPMI {group['npmi'].iloc[0]}, {group['n_sentences'].sum()} sentences)")
            for row in group.itertuples():
                if row.terms:
                    print(f"  {row.language}: {row.terms}")
            for ex in examples[examples["topic"] == topic].itertuples():
                print(f"  > {ex.text[:160]}")
        return 0
    if args.command == "card":
        articles, sentences = read_gold(args.gold or bundled_gold())
        text = corpus_card(articles, sentences, area_order=area_ids())
        if args.update:
            changed = update_card(args.update, text)
            print(f"{args.update}: {'updated' if changed else 'already up to date'}")
        else:
            print(text, end="")
        return 0
    return 2  # pragma: no cover - argparse requires a command


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
