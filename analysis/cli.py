"""The ``coop`` command line.

``coop analyze SOURCE [SOURCE ...] --out DIR`` runs the pipeline and writes each table.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis import __version__
from analysis.config import DEFAULT_MAX_BYTES, GOLD_DIR
from analysis.evaluate import evaluate_entities
from analysis.gold import corpus_card, read_gold, update_card
from analysis.load import LoadError
from analysis.pipeline import analyze, write_tables
from analysis.schema import REJECT_REASONS
from analysis.taxonomy import area_ids


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coop", description="Regional cooperation in news reports: tables, areas, charts."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    an = sub.add_parser(
        "analyze",
        help="load reports and write the pipeline's tables",
        description="Load every report under SOURCE, find its entities, and write articles, sentences, rejects, "
        "mentions and article_entities (.parquet, and rejects.csv) into --out. Reject reasons: "
        + ", ".join(REJECT_REASONS)
        + ".",
    )
    an.add_argument("source", nargs="+", help="files, folders (recursive), globs; .txt, .jsonl, .csv, .json, .zip")
    an.add_argument("--out", required=True, help="output folder (created if missing)")
    an.add_argument("--year", type=int, help="year for datelines without one when the text does not tell it")
    an.add_argument("--use-file-dates", action="store_true", help="fall back to the file's modification year")
    an.add_argument(
        "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="reject inputs larger than this (default %(default)s)"
    )
    an.add_argument("--strict", action="store_true", help="stop with an error at the first input that cannot be loaded")
    an.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    ev = sub.add_parser("evaluate", help="measure the pipeline against gold labels")
    ev.add_argument("target", choices=["entities"], help="what to evaluate")
    ev.add_argument("--gold", default=str(GOLD_DIR), help="folder with articles.csv (default %(default)s)")
    ev.add_argument("--raw", help="the reports the gold labels describe (default: the gold folder's ../raw)")
    card = sub.add_parser("card", help="print the counts of a gold-labelled corpus (the data card's numbers)")
    card.add_argument(
        "--gold", default=str(GOLD_DIR), help="folder with articles.csv and sentences.csv (default %(default)s)"
    )
    card.add_argument("--update", metavar="README", help="write the counts between the card markers of this file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``coop`` console script; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "analyze":
        try:
            result = analyze(
                args.source,
                year=args.year,
                use_file_dates=args.use_file_dates,
                strict=args.strict,
                max_bytes=args.max_bytes,
                progress=False if args.quiet else None,
            )
        except (LoadError, ValueError) as exc:
            print(f"coop analyze: error: {exc}", file=sys.stderr)
            return 1
        written = write_tables(result, args.out)
        if not args.quiet:
            print(result.summary())
            print("wrote " + ", ".join(str(p) for p in written))
        return 0 if len(result.articles) else 1
    if args.command == "evaluate":
        gold_dir = Path(args.gold)
        raw_dir = Path(args.raw) if args.raw else gold_dir.parent / "raw"
        gold, _ = read_gold(gold_dir)
        result = analyze(raw_dir, progress=False)
        scores = evaluate_entities(gold, result.articles, result.article_entities, raw_dir=raw_dir)
        print(f"entities on {len(gold)} gold reports in {raw_dir} (micro-averaged over reports)")
        print(scores.to_string(index=False))
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
