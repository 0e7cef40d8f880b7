"""Our cooperation-area model beside peer topic models, on the same corpus and gold labels, in one run.

For each corpus — the bundled one (``data/raw``, ``data/gold``: where macro-F1 means something)
and synthetic ones from ``benchmarks/synth.py`` (timing and memory at scale; their F1 is on
template text) — each method runs in a fresh process of its own, so that memories do not mix:

- ``ours``: :class:`analysis.areas.model.CooperationAreaModel` ``(random_state=0).fit_transform(sentences)``
  (fit, then the scores of the same sentences, featurized once) and
  :func:`analysis.areas.assign.assign_areas`;
- ``nmf``: plain scikit-learn NMF, exactly as :func:`analysis.areas.baselines.mapped_nmf`
  (``tests/test_peers_bench.py`` checks that it gives the same labels);
- ``gensim``: gensim ``LdaMulticore`` with 2 workers (its point: parallel training);
- ``tomotopy``: tomotopy ``LDAModel`` (collapsed Gibbs sampling), 1 worker;
- ``corex``: CorEx (``corextopic``), one topic anchored on each area's seed-term stems, plus
  free topics: its anchored topics are our areas, so it needs no mapping.

Every peer sees the same tokens as ours: the ``w:`` stem features of our
:class:`~analysis.areas.features.Featurizer` (as ``mapped_nmf`` uses), with words in fewer than 2
sentences dropped; sentences are the documents. NMF, gensim and tomotopy topics are named after
areas through the gold sentence labels, with ``mapped_nmf``'s rule (:func:`mapped_assignments`):
the most favourable reading of an unsupervised model. Article-level scores come from
:func:`analysis.evaluate.scores.score_areas` and :func:`analysis.evaluate.scores.macro_f1`, as in
``coop evaluate areas``.

Measured per method: fit seconds (tokens, vectors, model), fit + assign seconds (until every
article has its areas), CPU seconds (the process and its worker processes), peak RSS (the
process's own high-water mark, ``VmHWM``: see :func:`_own_peak_mb` for why not ``ru_maxrss``),
macro-F1, and the ratio of its fit + assign time to ours, which compares across machines. Each
process runs with ``OMP_NUM_THREADS=1`` (and the OpenBLAS/MKL equivalents).

Usage: ``python benchmarks/peers.py [--sizes 10000] [--out benchmarks/peers.md] [--methods ours,nmf,...]``.
Peers are optional: ``pip install gensim tomotopy corextopic six``; a missing one is reported as
skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from threadpoolctl import threadpool_limits

from analysis.areas.baselines import WEAK_QUANTILE, mapped_assignments
from analysis.areas.features import Featurizer
from analysis.areas.seeds import SeedIndex
from analysis.areas.taxonomy import CORE_AREAS, area_ids
from analysis.config import GOLD_DIR, RAW_DIR
from analysis.tokenize import TOKEN_PATTERN

OUT = Path(__file__).resolve().parent / "peers.md"

#: Topics for every topic model: ``mapped_nmf``'s default. CorEx: one per area plus free ones.
N_TOPICS = 20
#: Words in fewer sentences than this are dropped, for every peer (``mapped_nmf``'s ``min_df``).
MIN_DF = 2
#: Areas with at least this many gold reports form the second macro-F1 (as ``coop evaluate areas``).
MIN_GOLD = 8
SEED = 0

NMF_SETTINGS = {"init": "nndsvda", "max_iter": 400}
GENSIM_SETTINGS = {"workers": 2, "passes": 5, "iterations": 50, "chunksize": 2000, "eval_every": None}
TOMOTOPY_ITERATIONS = 500
#: CorEx: one anchored topic per area (13) and 7 free ones, 20 topics as the others.
COREX_SETTINGS = {"free_topics": 7, "anchor_strength": 3, "max_iter": 200}

#: Thread settings of every measured process.
THREAD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class PeerMissing(Exception):
    """A peer library is not installed (or does not import)."""


# --------------------------------------------------------------------------------------------
# Shared pieces: tokens, vectors, and naming topics after areas
# --------------------------------------------------------------------------------------------


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def plain_featurizer() -> Featurizer:
    """Our featurizer without the entity matcher: the same ``w:`` and ``seed:`` features, faster.

    Returns
    -------
    Featurizer
        Seeds from the shipped taxonomy; no entity cues (peers use words only).
    """
    return Featurizer(SeedIndex.from_taxonomy())


def sentence_words(sentences: pd.DataFrame, featurizer: Featurizer) -> list[list[str]]:
    """Each sentence's ``w:`` stem features, as :func:`analysis.areas.baselines.mapped_nmf` uses them.

    Parameters
    ----------
    sentences : DataFrame
        A sentences table (``text``, ``language``).
    featurizer : Featurizer
        Our featurizer.

    Returns
    -------
    list of list of str
        One list of ``w:<stem>`` tokens per sentence, in order.
    """
    return [
        [f for f in featurizer(t, lang) if f.startswith("w:")]
        for t, lang in zip(sentences["text"], sentences["language"], strict=True)
    ]


def count_matrix(words: list[list[str]], *, binary: bool = False) -> tuple[sparse.csr_matrix, list[str]]:
    """Sentence × word counts over the words seen in at least :data:`MIN_DF` sentences.

    Parameters
    ----------
    words : list of list of str
        Tokens per sentence (:func:`sentence_words`).
    binary : bool, default False
        Presence (0/1) instead of counts.

    Returns
    -------
    (csr_matrix, list of str)
        The matrix and its column names.
    """
    vectorizer = CountVectorizer(analyzer=_identity, min_df=MIN_DF, binary=binary)
    counts = sparse.csr_matrix(vectorizer.fit_transform(words))
    return counts, vectorizer.get_feature_names_out().tolist()


def seed_anchors(sentences: pd.DataFrame, featurizer: Featurizer, vocabulary: Sequence[str]) -> dict[str, list[int]]:
    """Area → columns of ``vocabulary`` whose stems come from words the area's seed terms match.

    Each distinct word of the corpus is featurized alone: where our seeds name areas for it
    (``seed:<area>``), its stem (``w:<stem>``) anchors those areas. Multi-word seed phrases do not
    anchor (CorEx anchors are words). Gold labels are not used.

    Parameters
    ----------
    sentences : DataFrame
        A sentences table (``text``, ``language``).
    featurizer : Featurizer
        Our featurizer.
    vocabulary : sequence of str
        Column names of the matrix CorEx is fitted on.

    Returns
    -------
    dict of str to list of int
        Sorted column indices per area; areas with no anchor in the vocabulary are left out.
    """
    column = {w: k for k, w in enumerate(vocabulary)}
    seen: set[tuple[str, str]] = set()
    anchors: dict[str, set[int]] = defaultdict(set)
    for text, lang in zip(sentences["text"], sentences["language"], strict=True):
        for word in TOKEN_PATTERN.findall(text if isinstance(text, str) else ""):
            if (word, lang) in seen:
                continue
            seen.add((word, lang))
            feats = featurizer(word, lang)
            stems = [column[f] for f in feats if f in column]
            for area in (f[5:] for f in feats if f.startswith("seed:")):
                anchors[area].update(stems)
    return {area: sorted(cols) for area, cols in anchors.items() if cols}


# --------------------------------------------------------------------------------------------
# The methods: each returns article → areas and a line of settings, and marks its phases
# --------------------------------------------------------------------------------------------


def _cpu_seconds() -> float:
    """CPU seconds of this process and of the child processes it has waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Clock:
    """Wall and CPU seconds since creation, recorded at named marks."""

    def __init__(self) -> None:
        self.marks: dict[str, tuple[float, float]] = {}
        self._wall, self._cpu = time.perf_counter(), _cpu_seconds()

    def mark(self, name: str) -> None:
        """Record the time elapsed so far under ``name``.

        Parameters
        ----------
        name : str
            ``tokens``, ``fit``, ``transform`` or ``assign``.
        """
        self.marks[name] = (time.perf_counter() - self._wall, _cpu_seconds() - self._cpu)


def _require(module: str) -> object:
    try:
        return import_module(module)
    except ImportError as exc:
        raise PeerMissing(f"{module} is not installed or does not import ({exc})") from None


def run_ours(sentences: pd.DataFrame, gold_areas: list, clock: Clock) -> tuple[dict[str, set[str]], str]:
    """Fit our model on the sentences (no labels), score them and assign areas per article.

    Parameters
    ----------
    sentences : DataFrame
        The sentences table.
    gold_areas : list
        Unused: the model is fitted without labels.
    clock : Clock
        Marked after ``fit``, ``transform`` and ``assign``.

    Returns
    -------
    (dict of str to set of str, str)
        Article → areas, and the settings.
    """
    from analysis.areas.assign import assign_areas
    from analysis.areas.model import CooperationAreaModel

    model = CooperationAreaModel(random_state=SEED)
    scores = model.fit_transform(sentences)  # featurizes once: fit, then scores of the same sentences
    clock.mark("fit")
    _, article_areas = assign_areas(model, sentences, scores=scores)
    out: dict[str, set[str]] = {a: set() for a in sentences["article_id"].unique()}
    for article_id, area in zip(article_areas["article_id"], article_areas["area"], strict=True):
        out[article_id].add(area)
    clock.mark("assign")
    return out, (
        f"C={model.C}, threshold {model.threshold}, liblinear, 1 thread; tokens incl. entity cues; "
        "fit_transform scores the sentences it featurized for the fit"
    )


def nmf_doc_topic(words: list[list[str]], *, n_topics: int = N_TOPICS, random_state: int = SEED) -> np.ndarray:
    """NMF topic weights per sentence, with :func:`analysis.areas.baselines.mapped_nmf`'s settings.

    Parameters
    ----------
    words : list of list of str
        Tokens per sentence.
    n_topics : int, default 20
        Topics.
    random_state : int, default 0
        NMF's seed.

    Returns
    -------
    ndarray of shape (n_sentences, n_topics)
        ``W`` of TF-IDF (sublinear, ``min_df=2``) ≈ ``W H``.
    """
    vectorizer = TfidfVectorizer(analyzer=_identity, min_df=MIN_DF, sublinear_tf=True)
    with threadpool_limits(1):
        M = vectorizer.fit_transform(words)
        return NMF(n_components=n_topics, random_state=random_state, **NMF_SETTINGS).fit_transform(M)


def run_nmf(sentences: pd.DataFrame, gold_areas: list, clock: Clock) -> tuple[dict[str, set[str]], str]:
    """scikit-learn NMF, topics named through the gold sentence labels (see :func:`run_ours`)."""
    words = sentence_words(sentences, plain_featurizer())
    clock.mark("tokens")
    W = nmf_doc_topic(words)
    clock.mark("fit")
    out = mapped_assignments(W, sentences["article_id"].tolist(), gold_areas)
    clock.mark("assign")
    return out, f"k={N_TOPICS}, TF-IDF, init={NMF_SETTINGS['init']}, max_iter={NMF_SETTINGS['max_iter']}, 1 thread"


def run_gensim(sentences: pd.DataFrame, gold_areas: list, clock: Clock) -> tuple[dict[str, set[str]], str]:
    """gensim ``LdaMulticore``, topics named through the gold sentence labels (see :func:`run_ours`)."""
    _require("gensim")
    from gensim.matutils import Sparse2Corpus
    from gensim.models import LdaMulticore

    words = sentence_words(sentences, plain_featurizer())
    clock.mark("tokens")
    counts, vocabulary = count_matrix(words)
    corpus = list(Sparse2Corpus(counts, documents_columns=False))
    lda = LdaMulticore(
        corpus, num_topics=N_TOPICS, id2word=dict(enumerate(vocabulary)), random_state=SEED, **GENSIM_SETTINGS
    )
    clock.mark("fit")
    gamma, _ = lda.inference(corpus)
    theta = gamma / gamma.sum(axis=1, keepdims=True)
    theta[counts.getnnz(axis=1) == 0] = 0.0  # no words: no topic (gensim returns the prior)
    out = mapped_assignments(theta, sentences["article_id"].tolist(), gold_areas)
    clock.mark("assign")
    s = GENSIM_SETTINGS
    return out, (
        f"k={N_TOPICS}, counts, workers={s['workers']}, passes={s['passes']}, iterations={s['iterations']}, "
        f"chunksize={s['chunksize']}, no perplexity evaluation"
    )


def run_tomotopy(sentences: pd.DataFrame, gold_areas: list, clock: Clock) -> tuple[dict[str, set[str]], str]:
    """tomotopy ``LDAModel``, topics named through the gold sentence labels (see :func:`run_ours`)."""
    tp = _require("tomotopy")
    words = sentence_words(sentences, plain_featurizer())
    clock.mark("tokens")
    _, vocabulary = count_matrix(words)
    kept = set(vocabulary)
    model = tp.LDAModel(k=N_TOPICS, seed=SEED)
    rows = []
    for i, tokens in enumerate(words):
        if model.add_doc([w for w in tokens if w in kept], ignore_empty_words=True) is not None:
            rows.append(i)
    model.train(TOMOTOPY_ITERATIONS, workers=1)
    clock.mark("fit")
    theta = np.zeros((len(words), N_TOPICS))
    theta[rows] = [doc.get_topic_dist() for doc in model.docs]
    out = mapped_assignments(theta, sentences["article_id"].tolist(), gold_areas)
    clock.mark("assign")
    return out, f"k={N_TOPICS}, Gibbs sampling, {TOMOTOPY_ITERATIONS} iterations, workers=1, seed={SEED}"


def run_corex(sentences: pd.DataFrame, gold_areas: list, clock: Clock) -> tuple[dict[str, set[str]], str]:
    """CorEx with one topic anchored on each area's seed-term stems (no gold labels; see :func:`run_ours`)."""
    _require("six")  # corextopic 1.1 imports six without declaring it
    corex = _require("corextopic.corextopic")
    featurizer = plain_featurizer()
    words = sentence_words(sentences, featurizer)
    clock.mark("tokens")
    X, vocabulary = count_matrix(words, binary=True)
    anchors = seed_anchors(sentences, featurizer, vocabulary)
    anchored = [a for a in area_ids() if a in anchors]
    s = COREX_SETTINGS
    with threadpool_limits(1):
        model = corex.Corex(n_hidden=len(anchored) + s["free_topics"], seed=SEED, max_iter=s["max_iter"])
        model.fit(X, anchors=[anchors[a] for a in anchored], anchor_strength=s["anchor_strength"])
    clock.mark("fit")
    ids = sentences["article_id"].to_numpy()
    out: dict[str, set[str]] = {a: set() for a in pd.unique(ids)}
    for i, j in zip(*np.nonzero(model.labels[:, : len(anchored)]), strict=True):
        out[ids[i]].add(anchored[j])
    clock.mark("assign")
    missing = sorted(set(area_ids()) - set(anchored))
    sizes = sorted(len(anchors[a]) for a in anchored)
    return out, (
        f"{len(anchored)} anchored + {s['free_topics']} free topics, binary, anchor_strength={s['anchor_strength']}, "
        f"max_iter={s['max_iter']}, {sizes[0]}–{sizes[-1]} anchor stems per area"
        + (f", no anchor for {', '.join(missing)}" if missing else "")
    )


def run_harness(sentences: pd.DataFrame, gold_areas: list, clock: Clock) -> tuple[dict[str, set[str]], str]:
    """Nothing: the process that only reads the inputs, whose peak RSS every method includes."""
    clock.mark("fit")
    clock.mark("assign")
    return {}, "reads the inputs only"


#: Method → (label, distribution to report the version of, runner).
METHODS: dict[str, tuple[str, str | None, Callable]] = {
    "harness": ("harness (reads the inputs only)", None, run_harness),
    "ours": ("**ours**: CooperationAreaModel {v}", "coop-analysis", run_ours),
    "nmf": ("scikit-learn {v} NMF, mapped", "scikit-learn", run_nmf),
    "gensim": ("gensim {v} LdaMulticore, mapped", "gensim", run_gensim),
    "tomotopy": ("tomotopy {v} LDAModel, mapped", "tomotopy", run_tomotopy),
    "corex": ("corextopic {v} CorEx, seed-anchored", "corextopic", run_corex),
}
#: What to install for each peer.
PIP = {"gensim": "gensim", "tomotopy": "tomotopy", "corex": "corextopic six"}


# --------------------------------------------------------------------------------------------
# One method in its own process
# --------------------------------------------------------------------------------------------


def _own_peak_mb() -> float:
    """This process's peak RSS in MB: ``VmHWM``, the high-water mark of its own memory since ``exec``.

    Not ``ru_maxrss``: Linux carries a process's ``ru_maxrss`` over ``exec`` from the process that
    spawned it, so every child of a large parent would report the parent's peak.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def _worker(method: str, inputs: Path, result: Path) -> None:
    """Run one method on prepared inputs and write its result as JSON (child process side)."""
    sentences = pd.read_parquet(inputs / "sentences.parquet")
    gold_areas = [list(x) if x is not None else None for x in sentences.pop("gold")]
    clock = Clock()
    record: dict = {"method": method}
    try:
        predicted, settings = METHODS[method][2](sentences, gold_areas, clock)
    except PeerMissing as exc:
        record["skipped"] = str(exc)
    else:
        record |= {
            "settings": settings,
            "marks": clock.marks,
            "predicted": {a: sorted(s) for a, s in predicted.items()},
            "peak_rss_mb": _own_peak_mb(),
            "workers_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }
    result.write_text(json.dumps(record), encoding="utf-8")


def measure(method: str, inputs: Path) -> dict:
    """Run ``method`` in a fresh Python process on ``inputs``; its result with peak RSS and exit code.

    Parameters
    ----------
    method : str
        A key of :data:`METHODS`.
    inputs : Path
        A folder :func:`prepare` wrote.

    Returns
    -------
    dict
        The worker's record (``peak_rss_mb`` is its own, see :func:`_own_peak_mb`), plus
        ``exit_code``, ``wait4_maxrss_mb`` (what ``wait4`` says, which includes the parent's peak:
        kept to show why it is not used) and ``total_s`` (wall seconds of the whole process,
        start-up and reading included).
    """
    result = inputs / f"result-{method}.json"
    result.unlink(missing_ok=True)
    argv = [sys.executable, str(Path(__file__).resolve()), "--worker", method, "--inputs", str(inputs)]
    argv += ["--result", str(result)]
    start = time.perf_counter()
    pid = os.posix_spawn(sys.executable, argv, os.environ | THREAD_ENV)
    _, status, usage = os.wait4(pid, 0)
    record = {"method": method, "exit_code": os.waitstatus_to_exitcode(status)}
    if result.exists():
        record |= json.loads(result.read_text(encoding="utf-8"))
    elif record["exit_code"] != 0:
        record["failed"] = f"exit code {record['exit_code']}"
    record |= {"wait4_maxrss_mb": usage.ru_maxrss / 1024, "total_s": time.perf_counter() - start}
    return record


# --------------------------------------------------------------------------------------------
# Corpora, scores and the table
# --------------------------------------------------------------------------------------------


def prepare(raw: Path, gold_dir: Path, out: Path, *, files_from: str) -> dict:
    """Load a corpus once, align its gold sentence labels, and write the inputs every method reads.

    Parameters
    ----------
    raw, gold_dir : Path
        The reports and their gold labels (the layout of ``data/``).
    out : Path
        Folder for ``sentences.parquet``.
    files_from : {"path", "source_id"}
        How an article finds its gold ``file``: its path under ``raw`` (``data/raw``) or its
        record's ``id`` (synthetic JSONL).

    Returns
    -------
    dict
        ``gold`` (articles), ``files`` (article ID → gold file), ``n_reports``, ``n_sentences``,
        ``n_gold_sentences``, ``load_s``.
    """
    from analysis.evaluate.gold import read_gold
    from analysis.evaluate.scores import files_under
    from analysis.pipeline import load_articles

    start = time.perf_counter()
    loaded = load_articles(raw, progress=False)
    load_s = time.perf_counter() - start
    articles, sentences = loaded.articles, loaded.sentences
    if files_from == "path":
        files = files_under(articles, raw).to_dict()
    else:
        files = dict(zip(articles["article_id"], articles["source_id"], strict=True))
    gold, gold_sentences = read_gold(gold_dir)
    by_sentence = gold_sentences.set_index(["file", "sentence_no"])["areas"]
    aligned = [
        by_sentence.get((files[a], n)) for a, n in zip(sentences["article_id"], sentences["sentence_no"], strict=True)
    ]
    table = sentences[["article_id", "sentence_no", "text", "language"]].assign(gold=pd.Series(aligned, dtype=object))
    out.mkdir(parents=True, exist_ok=True)
    table.to_parquet(out / "sentences.parquet", index=False)
    return {
        "gold": gold,
        "files": files,
        "n_reports": len(articles),
        "n_sentences": len(sentences),
        "n_gold_sentences": sum(x is not None for x in aligned),
        "load_s": load_s,
    }


def score(record: dict, corpus: dict, areas: list[str]) -> dict:
    """Macro-F1s of one method's assignments against the corpus's gold areas.

    Parameters
    ----------
    record : dict
        A :func:`measure` record with ``predicted``.
    corpus : dict
        A :func:`prepare` result.
    areas : list of str
        The taxonomy's areas.

    Returns
    -------
    dict
        ``f1_all`` (all areas), ``f1_frequent`` (areas with at least :data:`MIN_GOLD` gold
        reports), ``f1_core`` (the four core areas), ``n_frequent``.
    """
    from analysis.evaluate.scores import macro_f1, score_areas

    predicted = {a: set(s) for a, s in record["predicted"].items()}
    table = score_areas(corpus["gold"], predicted, corpus["files"], areas)
    n_gold = table[table["language"] == "all"].set_index("area")["n_gold"]
    frequent = [a for a in areas if n_gold[a] >= MIN_GOLD]
    return {
        "f1_all": macro_f1(table),
        "f1_frequent": macro_f1(table, areas=frequent),
        "f1_core": macro_f1(table, areas=list(CORE_AREAS)),
        "n_frequent": len(frequent),
    }


def _version(distribution: str | None) -> str:
    if distribution is None:
        return ""
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "not installed"


def _machine() -> str:
    libraries = ", ".join(
        f"{name} {_version(name)}" for name in ("numpy", "scipy", "scikit-learn", "gensim", "tomotopy", "corextopic")
    )
    return f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; {libraries}"


def _row(corpus_name: str, record: dict, ours_total: float | None, floor_mb: float | None) -> str:
    label, distribution, _ = METHODS[record["method"]]
    installed = _version(distribution)
    label = " ".join(label.format(v="" if installed == "not installed" else installed).split())
    if "marks" not in record:
        why = record.get("skipped") or record.get("failed", "no result")
        hint = f"; `pip install {PIP[record['method']]}`" if "skipped" in record and record["method"] in PIP else ""
        return f"| {corpus_name} | {label} | — | — | — | — | — | — | — | — | skipped: {why}{hint} |"
    fit_wall, _ = record["marks"]["fit"]
    total_wall, total_cpu = record["marks"]["assign"]
    notes = [record["settings"]]
    if "tokens" in record["marks"]:
        notes.append(f"tokens {record['marks']['tokens'][0]:.2f} s of fit")
    if record.get("workers_peak_mb", 0) > 0:
        notes.append(f"its worker processes peaked at {record['workers_peak_mb']:.0f} MB each at most")
    if record.get("same_on_rerun"):
        notes.append(f"same labels in all {record['runs']} runs")
    elif "same_on_rerun" in record:
        low, high = record["f1_all_range"]
        notes.append(f"**labels differ between its {record['runs']} runs** (macro-F1 all {low:.3f}–{high:.3f})")
    rss = f"{record['peak_rss_mb']:.0f}"
    if record["method"] == "harness":
        ratio, f1, notes = "—", ["—"] * 3, notes[:1]
    else:
        ratio = f"{total_wall / ours_total:.2f}" if ours_total else "—"
        f1 = [f"{record[k]:.3f}" for k in ("f1_all", "f1_frequent", "f1_core")]
        rss += f" (+{record['peak_rss_mb'] - floor_mb:.0f})" if floor_mb is not None else ""
    return (
        f"| {corpus_name} | {label} | {fit_wall:.2f} | {total_wall:.2f} | {ratio} | {total_cpu:.2f} "
        f"| {rss} | {' | '.join(f1)} | {'; '.join(notes)} |"
    )


def _wait4_note(corpora: list[dict]) -> str:
    """Why the RSS column is not ``ru_maxrss`` from ``wait4``, with this run's worst case."""
    pairs = [(r["wait4_maxrss_mb"], r["peak_rss_mb"]) for c in corpora for r in c["records"] if "marks" in r]
    if not pairs:
        return ""
    said, own = max(pairs, key=lambda p: p[0] - p[1])
    return (
        "Not `ru_maxrss` from `wait4` or `RUSAGE_CHILDREN`: Linux carries it over `exec` from the spawning "
        f"process, so a child reports at least the parent's size (here up to {said:.0f} MB for a process whose "
        f"own peak was {own:.0f} MB). "
    )


def render(command: str, corpora: list[dict], run_s: float, load: tuple[float, float]) -> str:
    """The Markdown results: machine, command, one table row per corpus and method, and how.

    Parameters
    ----------
    command : str
        The command that reproduces the run.
    corpora : list of dict
        Per corpus, :func:`run_corpus`'s result.
    run_s : float
        Wall seconds of the whole run.
    load : (float, float)
        The machine's 1-minute load average at the start and at the end of the run.

    Returns
    -------
    str
        The Markdown text.
    """
    lines = [
        "# Our area model beside peer topic models",
        "",
        f"Machine: {_machine()}.",
        f"Command: `{command}` — {run_s / 60:.1f} minutes for the whole run (generating and loading the "
        f"corpora included); 1-minute load average {load[0]:.2f} at the start, {load[1]:.2f} at the end (the run "
        "itself adds about 1; more means other work shared the cores, and wall times suffer first).",
        "",
        "Corpora:",
        "",
        *(f"- **{c['name']}**: {c['description']}" for c in corpora),
        "",
        "| corpus | method | fit s | fit+assign s | × ours | CPU s | peak RSS MB | macro-F1 all 13 "
        "| macro-F1 areas ≥ 8 | macro-F1 core 4 | settings, notes |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for c in corpora:
        by_method = {r["method"]: r for r in c["records"]}
        ours, harness = by_method.get("ours", {}), by_method.get("harness", {})
        ours_total = ours["marks"]["assign"][0] if "marks" in ours else None
        floor = harness.get("peak_rss_mb") if "marks" in harness else None
        lines += [_row(c["name"], r, ours_total, floor) for r in c["records"]]
    lines += [
        "",
        "How it is measured. Each method runs in a fresh Python process on the same sentences (the documents), "
        f"the same tokens (our Featurizer's `w:` stems; words in fewer than {MIN_DF} sentences dropped) and the "
        f"same gold labels; seeded ({SEED}); `OMP_NUM_THREADS=1` (and OpenBLAS, MKL); one thread or worker except "
        "gensim's LdaMulticore, whose point is its 2 worker processes. *fit s*: tokens, vectors and the model "
        "(ours featurizes inside `fit_transform`, with entity cues, and gets the scores there too; peers use the "
        "same featurizer without the entity matcher, so their tokens cost less). *fit+assign s*: until every "
        "article has its areas (ours: `assign_areas` on those scores; peers: topic weights of the training "
        "sentences and the mapping to "
        "areas). *× ours*: fit+assign wall time over ours on the same corpus, the figure that compares across "
        "machines. *CPU s*: of fit+assign, reaped worker processes included. *peak RSS MB*: the process's own "
        "high-water mark (`VmHWM`), interpreter, libraries and inputs included; the harness row is that floor "
        f"and (+N) is above it. {_wait4_note(corpora)}"
        "Macro-F1 at article level (`analysis.evaluate.scores.score_areas`, `macro_f1`) over all 13 "
        f"areas, over areas with ≥ {MIN_GOLD} gold reports (as `coop evaluate areas`) and over the 4 core areas.",
        "",
        f"NMF, gensim and tomotopy topics (k = {N_TOPICS}) are named after areas through the **gold sentence "
        "labels**, with `analysis.areas.baselines.mapped_nmf`'s rule: a topic is the area it is strongest in most "
        "often among gold-labelled sentences; a sentence takes its strongest topic's area unless that weight is "
        f"in the weakest {WEAK_QUANTILE:.0%}. That is the most favourable reading of an unsupervised model. "
        "CorEx and ours use no labels: CorEx gets one topic anchored on each area's seed-term stems (the stems of "
        "the corpus's words that our seed roots match; multi-word seeds do not anchor) plus "
        f"{COREX_SETTINGS['free_topics']} free topics, and a sentence has an anchored topic's area where CorEx "
        "labels it (p > 0.5). Times and RSS are medians over each method's runs on a corpus (each run in a new "
        "process; how many is said with the corpus), and the runs' labels are compared.",
        "",
    ]
    return "\n".join(lines)


def repeated(method: str, inputs: Path, repeats: int) -> dict:
    """Measure ``method`` ``repeats`` times, each in a new process.

    Parameters
    ----------
    method : str
        A key of :data:`METHODS`.
    inputs : Path
        A folder :func:`prepare` wrote.
    repeats : int
        Runs (at least 1).

    Returns
    -------
    dict
        The first run's record (as :func:`measure`'s), with the median of each time and of the
        peak RSS over the runs, ``runs``, and with more than one run ``same_on_rerun`` and
        ``other_predictions`` (the labels of the runs that differ from the first).
    """
    runs = [measure(method, inputs) for _ in range(max(1, repeats))]
    record = runs[0]
    done = [r for r in runs if "marks" in r]
    if "marks" not in record or len(done) < 2:
        return record | {"runs": len(done)}
    record["marks"] = {
        mark: [float(np.median([r["marks"][mark][k] for r in done])) for k in (0, 1)] for mark in record["marks"]
    }
    record["peak_rss_mb"] = float(np.median([r["peak_rss_mb"] for r in done]))
    others = [r["predicted"] for r in done[1:] if r["predicted"] != record["predicted"]]
    return record | {"runs": len(done), "same_on_rerun": not others, "other_predictions": others}


def run_corpus(
    name: str, raw: Path, gold_dir: Path, files_from: str, work: Path, methods: list[str], repeats: int
) -> dict:
    """Prepare one corpus and measure and score every method on it.

    Parameters
    ----------
    name : str
        ``bundled`` or ``synthetic N``.
    raw, gold_dir : Path
        The reports and their gold labels.
    files_from : {"path", "source_id"}
        See :func:`prepare`.
    work : Path
        A scratch folder.
    methods : list of str
        Keys of :data:`METHODS`.
    repeats : int
        Runs of each method (see :func:`repeated`).

    Returns
    -------
    dict
        ``name``, ``description`` and ``records`` (one per method, scored).
    """
    areas = area_ids()
    corpus = prepare(raw, gold_dir, work, files_from=files_from)
    print(f"{name}: {corpus['n_reports']} reports, {corpus['n_sentences']} sentences", file=sys.stderr)
    records = []
    for method in methods:
        record = repeated(method, work, repeats)
        if "marks" in record and method != "harness":
            record |= score(record, corpus, areas)
            others = record.pop("other_predictions", [])
            if others:
                f1s = [record["f1_all"], *(score({"predicted": p}, corpus, areas)["f1_all"] for p in others)]
                record["f1_all_range"] = (min(f1s), max(f1s))
        if "marks" in record:
            status = (
                f"fit+assign {record['marks']['assign'][0]:.2f} s, {record['peak_rss_mb']:.0f} MB "
                f"(wait4 says {record['wait4_maxrss_mb']:.0f}), macro-F1 {record.get('f1_all', '—')}"
            )
        else:
            status = record.get("skipped") or record.get("failed", "no result")
        print(f"  {method}: {status}", file=sys.stderr)
        records.append(record)
    if files_from == "path":
        n_frequent = next((r["n_frequent"] for r in records if "n_frequent" in r), "?")
        description = (
            f"`data/raw` + `data/gold`: {corpus['n_reports']} hand-written reports (de, en, ru, be), "
            f"{corpus['n_sentences']} sentences, {corpus['n_gold_sentences']} of them with gold labels; "
            f"{n_frequent} of {len(areas)} areas have ≥ {MIN_GOLD} gold reports, so the two first macro-F1s "
            "coincide. The quality figures."
        )
        description += f" Each method run {repeats} time{'s' if repeats > 1 else ''}."
    else:
        description = (
            f"`benchmarks/synth.py` (seed {SEED}): {corpus['n_reports']} template reports (de, en, ru), "
            f"{corpus['n_sentences']} sentences, all labelled. For time and memory at scale: **its F1 is on "
            "template text** and says nothing about real wire copy."
        )
        description += f" Each method run {repeats} time{'s' if repeats > 1 else ''}."
    return {"name": name, "description": description, "records": records}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python benchmarks/peers.py [--sizes 10000] [--out benchmarks/peers.md]``.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments; by default ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated synthetic corpus sizes (default %(default)s)")
    parser.add_argument("--out", default=str(OUT), help="where to write the Markdown results")
    parser.add_argument("--methods", default=",".join(METHODS), help="comma-separated subset of %(default)s")
    parser.add_argument(
        "--repeats",
        type=int,
        default=2,
        help="runs per method on synthetic corpora, medians shown (default %(default)s)",
    )
    parser.add_argument(
        "--bundled-repeats", type=int, default=3, help="runs per method on the bundled corpus (default %(default)s)"
    )
    parser.add_argument("--worker", choices=METHODS, help=argparse.SUPPRESS)
    parser.add_argument("--inputs", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.worker, args.inputs, args.result)
        return 0
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    unknown = sorted(set(methods) - set(METHODS))
    if unknown:
        parser.error(f"unknown methods {unknown}; choose from {list(METHODS)}")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    start, load_start = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "bundled"
        corpora = [run_corpus("bundled", RAW_DIR, GOLD_DIR, "path", work, methods, args.bundled_repeats)]
        for n in sizes:
            import synth  # benchmarks/synth.py, beside this file; only synthetic corpora need it

            out = Path(tmp) / f"synth-{n}"
            synth.write_corpus(out, n, seed=SEED)
            work = out / "inputs"
            corpora.append(
                run_corpus(f"synthetic {n}", out / "raw", out / "gold", "source_id", work, methods, args.repeats)
            )
    command = shlex.join(["python", "benchmarks/peers.py", *(sys.argv[1:] if argv is None else argv)])
    text = render(command, corpora, time.perf_counter() - start, (load_start, os.getloadavg()[0]))
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
