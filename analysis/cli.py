"""The ``coop`` command line.

``coop analyze SOURCE [SOURCE ...] --out DIR [--engine dask]`` runs the pipeline and writes each
table (see :mod:`analysis.engine`).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from analysis import __version__
from analysis.areas.model import CooperationAreaModel, load_model, save_model
from analysis.config import DEFAULT_MAX_BYTES, GOLD_DIR
from analysis.engine import (
    FIT_SAMPLE_SENTENCES,
    MIN_FIT_SENTENCES,
    PARTITION_BYTES,
    DaskRunner,
    LocalRunner,
    WorkerError,
    run,
)
from analysis.evaluate import area_report, evaluate_entities, evaluate_entity_labels, read_entity_labels
from analysis.evaluate_load import article_files, default_source, load_report, read_load_gold, score_load
from analysis.gold import corpus_card, read_gold, update_card
from analysis.load import LoadError, load_articles
from analysis.pipeline import analyze
from analysis.schema import REJECT_REASONS
from analysis.taxonomy import area_ids


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
        "sentences, rejects, mentions, article_entities, sentence_areas, article_areas, topics and topic_examples "
        "(.parquet, and rejects.csv) into --out. Reject reasons: " + ", ".join(REJECT_REASONS) + ".",
    )
    an.add_argument("source", nargs="+", help="files, folders (recursive), globs; .txt, .jsonl, .csv, .json, .zip")
    an.add_argument("--out", required=True, help="output folder (created if missing)")
    an.add_argument("--year", type=int, help="year for datelines without one when the text does not tell it")
    an.add_argument("--use-file-dates", action="store_true", help="fall back to the file's modification year")
    an.add_argument(
        "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="reject inputs larger than this (default %(default)s)"
    )
    an.add_argument(
        "--max-archive-bytes",
        type=_count(1),
        metavar="N",
        help="reject the members of a zip past N bytes decompressed together (default 4 x --max-bytes)",
    )
    an.add_argument(
        "--follow-links", action="store_true", help="read the files that links in a folder point to outside it"
    )
    an.add_argument("--strict", action="store_true", help="stop with an error at the first input that cannot be loaded")
    an.add_argument("--model", help="apply this fitted area model (PATH.json + PATH.npz) instead of fitting one")
    an.add_argument("--save-model", metavar="PATH", help="save the area model as PATH.json and PATH.npz")
    an.add_argument(
        "--discover",
        type=_count(0),
        default=6,
        metavar="N",
        help="topics to discover, 0 for none (default %(default)s)",
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
        default=PARTITION_BYTES / 2**20,
        metavar="MB",
        help="input megabytes per partition; memory per task grows with it (default %(default)s)",
    )
    an.add_argument(
        "--fit-sample",
        type=_count(MIN_FIT_SENTENCES),
        default=FIT_SAMPLE_SENTENCES,
        metavar="N",
        help="fit the area model on a hash sample of at most N sentences (default %(default)s)",
    )
    an.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    rp = sub.add_parser("report", help="run everything and write the HTML report, figures and tables")
    rp.add_argument("--corpus", help="a folder of reports (default: the bundled corpus)")
    rp.add_argument("--out", default="reports", help="output folder (default %(default)s)")
    rp.add_argument("--seed", type=int, default=0, help="random state")
    rp.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    fi = sub.add_parser("fit", help="fit the area model on a corpus (no labels needed) and save it")
    fi.add_argument("source", nargs="+", help="files, folders, globs (as for analyze)")
    fi.add_argument("--out", required=True, metavar="PATH", help="write PATH.json and PATH.npz")
    fi.add_argument("--seed", type=int, default=0, help="random state")
    di = sub.add_parser("discover", help="print topics the seeded areas leave unexplained")
    di.add_argument("source", nargs="+", help="files, folders, globs (as for analyze)")
    di.add_argument("--topics", type=_count(1), default=6, help="how many topics (default %(default)s)")
    di.add_argument("--seed", type=int, default=0, help="random state")
    ev = sub.add_parser("evaluate", help="measure the pipeline against gold labels")
    ev.add_argument("target", choices=["load", "entities", "areas"], help="what to evaluate")
    ev.add_argument("--seeds", type=_count(1), default=5, help="areas: refits on 90%% samples for the stability check")
    ev.add_argument(
        "--gold", default=str(GOLD_DIR), help="folder with articles.csv (load: or labels.csv) (default %(default)s)"
    )
    ev.add_argument(
        "--raw",
        help="the reports the gold labels describe (default: the gold folder's articles/, else its ../raw);"
        " load: also a file such as records.jsonl",
    )
    card = sub.add_parser("card", help="print the counts of a gold-labelled corpus (the data card's numbers)")
    card.add_argument(
        "--gold", default=str(GOLD_DIR), help="folder with articles.csv and sentences.csv (default %(default)s)"
    )
    card.add_argument("--update", metavar="README", help="write the counts between the card markers of this file")
    return parser


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
        result = run(
            args.source,
            out=args.out,
            runner=runner,
            model=model,
            n_discovered=args.discover,
            random_state=args.seed,
            partition_bytes=args.partition_mb * 2**20,
            fit_sample=args.fit_sample,
            year=args.year,
            use_file_dates=args.use_file_dates,
            strict=args.strict,
            max_bytes=args.max_bytes,
            max_archive_bytes=args.max_archive_bytes,
            follow_links=args.follow_links,
            progress=False if args.quiet else None,
        )
        written = [args.out]
        if args.save_model and result.model is not None:
            written += [str(p) for p in save_model(result.model, args.save_model)]
        if not args.quiet:
            print(result.summary())
            print("wrote " + ", ".join(written))
        return 0 if result.n_loaded else 1
    if args.command == "evaluate":
        gold_dir = Path(args.gold)
        if args.target == "load":
            source = Path(args.raw) if args.raw else default_source(gold_dir)
            loaded = load_articles(source, progress=False)
            print(load_report(score_load(read_load_gold(gold_dir), loaded.articles, source=source), source=source))
            return 0
        if args.target == "entities" and not (gold_dir / "articles.csv").is_file():  # a labels.csv set
            source = Path(args.raw) if args.raw else default_source(gold_dir)
            result = analyze(source, progress=False, n_discovered=0)
            labels = read_entity_labels(gold_dir)
            names = article_files(result.articles, source, labels["file"])
            files = pd.Series(names.to_numpy(), index=result.articles["article_id"])
            scores = evaluate_entity_labels(labels, result.articles, result.article_entities, files=files)
            print(f"entities on {len(labels)} labelled reports of {source} (micro-averaged over reports)")
            print(scores.to_string(index=False))
            return 0
        raw_dir = Path(args.raw) if args.raw else gold_dir.parent / "raw"
        gold, gold_sentences = read_gold(gold_dir)
        if args.target == "areas":
            print(area_report(gold, gold_sentences, raw_dir, n_seeds=args.seeds))
            return 0
        result = analyze(raw_dir, progress=False, n_discovered=0)
        scores = evaluate_entities(gold, result.articles, result.article_entities, raw_dir=raw_dir)
        print(f"entities on {len(gold)} gold reports in {raw_dir} (micro-averaged over reports)")
        print(scores.to_string(index=False))
        return 0
    if args.command == "report":
        from analysis.report import build_report  # imports the notebook machinery only when needed

        try:
            page = build_report(args.corpus, args.out, seed=args.seed, progress=not args.quiet)
        except ValueError as exc:
            print(f"coop report: error: {exc}", file=sys.stderr)
            return 1
        print(f"wrote {page} with figures/ and tables/ beside it")
        return 0
    if args.command == "fit":
        loaded = load_articles(args.source, progress=False)
        if not len(loaded.sentences):
            raise ValueError(f"no sentences to fit on ({loaded.summary()})")
        model = CooperationAreaModel(random_state=args.seed).fit(loaded.sentences)
        json_path, npz_path = save_model(model, args.out)
        print(
            f"fitted on {len(loaded.sentences)} sentences of {len(loaded.articles)} reports; "
            f"wrote {json_path}, {npz_path}"
        )
        return 0
    if args.command == "discover":
        result = analyze(args.source, n_discovered=args.topics, random_state=args.seed, progress=False)
        if not len(result.articles):
            raise ValueError(f"no report could be loaded ({result.load.summary()})")
        topics, examples = result.tables.get("topics"), result.tables.get("topic_examples")
        if topics is None or topics.empty:
            print("no topics: too few sentences left unexplained by the seeded areas")
            return 0
        for topic, group in topics.groupby("topic", sort=False):
            print(f"{topic} (NPMI {group['npmi'].iloc[0]}, {group['n_sentences'].iloc[0]} sentences)")
            for row in group.itertuples():
                print(f"  {row.language}: {row.terms}")
            for ex in examples[examples["topic"] == topic].itertuples():
                print(f"  > {ex.text[:160]}")
        return 0
    if args.command == "card":
        articles, sentences = read_gold(args.gold)
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
