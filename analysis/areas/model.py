"""The cooperation-area model: keyword-assisted, multi-label, one model for all languages.

:class:`CooperationAreaModel` is a scikit-learn estimator over the ``sentences`` table. It needs no
labels: seed terms from the taxonomy (in German, English and Russian) label the sentences that name
an area and do not set it aside ("nicht erörtert", "not on the agenda") — weak labels in the spirit
of keyATM, seededlda and CorEx anchors — and one logistic regression per area learns from them
which words, seeds and entity cues (MAZ for machinery, Integral for microelectronics) speak of the
area. Labels are the taxonomy's IDs throughout; nothing is renumbered.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib.metadata import version
from numbers import Integral, Real
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from analysis import __version__
from analysis.areas.features import Featurizer
from analysis.areas.modelcheck import check_model_files
from analysis.areas.seeds import SeedIndex
from analysis.areas.taxonomy import DEFAULT_TAXONOMY, load_taxonomy
from analysis.tokenize import TOKEN_PATTERN, script_language, stem

#: How the model decides from which score a sentence speaks of an area: ``"calibrated"``, one
#: threshold per area chosen on the weak labels (see :meth:`CooperationAreaModel.fit`), or a number.
DEFAULT_THRESHOLD = "calibrated"
#: The thresholds calibration chooses among, and the folds of its out-of-fold scores.
THRESHOLD_GRID = tuple(round(0.3 + 0.05 * k, 2) for k in range(13))  # 0.3 ... 0.9
CALIBRATION_FOLDS = 3
#: Optional column of a sentences table: the ids of the entities the entity stage found in each
#: sentence (a list). When present, the featurizer takes the entity cues from it instead of
#: matching the sentence again (the pipeline passes it; fit and transform must agree).
ENTITY_COLUMN = "entity_ids"
#: Optional column of a sentences table: the names of the persons the entity stage found in each
#: sentence's report, as written (a list). Their words are never area cues (a Governor Farmer is
#: no farm); without the column no word is set apart (the entity stage finds the persons).
NAME_COLUMN = "person_names"
#: Value of a seed, entity-cue or dismissal column when present (word columns are TF-IDF, l2-normed).
CUE_WEIGHT = 1.0
#: At most this many terms :meth:`CooperationAreaModel.cue_terms` shows for a sentence and area.
MAX_CUE_TERMS = 6


def _words(features: list[str]) -> list[str]:
    return [f for f in features if f.startswith("w:")]


class CooperationAreaModel(TransformerMixin, BaseEstimator):
    """Keyword-assisted multi-label model of cooperation areas.

    Parameters
    ----------
    taxonomy : str or path, optional
        A taxonomy file with areas and their seed terms; the shipped ``areas.toml`` by default.
    threshold : "calibrated" or float in (0, 1), default "calibrated"
        Sentence score from which :meth:`predict` assigns an area. ``"calibrated"``: per area, the
        threshold in :data:`THRESHOLD_GRID` whose out-of-fold scores (a model fitted on the other
        folds of the sentences) agree best (F1) with the area's weak labels; a number: that
        threshold for every area.
    weak_floor : bool, default True
        Whether a sentence its seed terms label for an area (a weak label: named, not set aside,
        not serving another area) scores at least the area's threshold, so the model adds to the
        seed labels and never drops one. Chosen on the cross-corpus figures (README): without it,
        a model fitted on a corpus where an area is rare misses that area's seed sentences
        elsewhere.
    C : float, default 4.0
        Inverse regularization strength of the per-area logistic regressions (4.0 was chosen on
        held-out halves of the bundled corpus: ``coop evaluate areas --folds``).
    min_df : int, default 2
        Features seen in fewer sentences are dropped.
    random_state : int, RandomState instance or None, default 0
        Passed to the logistic regressions. Their liblinear solver is deterministic for this
        problem, so the fitted model does not depend on it; it is kept for the scikit-learn API
        and for solvers that do use it.

    Attributes
    ----------
    areas_ : list of str
        Area IDs, in taxonomy order: the columns of :meth:`transform`.
    vectorizer_ : TfidfVectorizer
        Word weighting (TF-IDF over stems) fitted on the sentences. Seed, entity-cue, yield and
        dismissal features are binary columns after the words, so a long sentence does not
        dilute them.
    thresholds_ : ndarray of shape (n_areas,)
        Each area's threshold (calibrated, or ``threshold`` for all).
    coef_ : ndarray of shape (n_areas, n_features)
    intercept_ : ndarray of shape (n_areas,)
    taxonomy_text_ : str
        The taxonomy file the model was fitted with, as text: a saved model carries it.
    taxonomy_hash_ : str
        Its SHA-256.
    n_weak_labels_ : ndarray of shape (n_areas,)
        Sentences each area's seeds labelled in ``fit``.
    featurizer_ : Featurizer
        Turns sentences into features (made from ``taxonomy_text_`` when first needed).

    Examples
    --------
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({
    ...     "text": ["Belarus liefert Traktoren und Busse nach Omsk.", "Студенты пройдут стажировку в Минске.",
    ...              "The sides discussed recycling of waste.", "Die Delegation wurde vom Gouverneur empfangen."] * 5,
    ...     "language": ["de", "ru", "en", "de"] * 5})
    >>> model = CooperationAreaModel(random_state=0).fit(sentences)
    >>> predicted = model.predict(sentences.head(4))
    >>> predicted.apply(lambda row: list(predicted.columns[row]), axis=1).tolist()
    [['machinery', 'trade'], ['training'], ['waste_recycling'], []]
    >>> model.transform(sentences.head(4)).shape
    (4, 13)
    """

    def __init__(self, taxonomy=None, *, threshold=DEFAULT_THRESHOLD, weak_floor=True, C=4.0, min_df=2, random_state=0):
        self.taxonomy = taxonomy
        self.threshold = threshold
        self.weak_floor = weak_floor
        self.C = C
        self.min_df = min_df
        self.random_state = random_state

    # -- fitting -----------------------------------------------------------------------------
    def _validate(self) -> None:
        if self.threshold != "calibrated" and (
            isinstance(self.threshold, bool) or not isinstance(self.threshold, Real) or not 0 < self.threshold < 1
        ):
            raise ValueError(f"threshold must be 'calibrated' or a number in (0, 1), got {self.threshold!r}")
        if not isinstance(self.weak_floor, bool):
            raise ValueError(f"weak_floor must be True or False, got {self.weak_floor!r}")
        if isinstance(self.C, bool) or not isinstance(self.C, Real) or not self.C > 0:
            raise ValueError(f"C must be a number > 0, got {self.C!r}")
        if isinstance(self.min_df, bool) or not isinstance(self.min_df, Integral) or self.min_df < 1:
            raise ValueError(f"min_df must be an int >= 1, got {self.min_df!r}")

    @property
    def featurizer_(self) -> Featurizer:
        """The featurizer of the taxonomy the model was fitted with (kept as text in
        ``taxonomy_text_``): one per taxonomy and process, shared, never stored on the model, so
        a model sent to a worker process finds that process's own."""
        text = self.__dict__.get("taxonomy_text_")
        if text is None:
            raise NotFittedError("this CooperationAreaModel is not fitted yet; call fit first")
        return _featurizer_of(text)

    def _featurizer(self) -> Featurizer:
        return self.featurizer_

    def _features(self, X: pd.DataFrame, terms: list[list] | None = None) -> list[list[str]]:
        """Each sentence's features; ``terms``, a list, receives each sentence's seed terms."""
        if not {"text", "language"} <= set(X.columns):
            raise ValueError(f"expected a sentences table with columns 'text' and 'language', got {list(X.columns)}")
        featurize = self._featurizer()
        entities = X[ENTITY_COLUMN] if ENTITY_COLUMN in X.columns else [None] * len(X)  # the entity stage's matches
        names = X[NAME_COLUMN] if NAME_COLUMN in X.columns else [None] * len(X)
        rows = zip(X["text"], X["language"], entities, names, strict=True)
        if terms is None:
            return [featurize(t, lang, e, names=n) for t, lang, e, n in rows]
        out = []
        for t, lang, e, n in rows:
            found: list = []
            out.append(featurize(t, lang, e, names=n, terms=found))
            terms.append(found)
        return out

    def weak_labels(self, features: list[list[str]]) -> np.ndarray:
        """Seed labels: a sentence names an area with a seed term and does not set it aside.

        The sentence's structure decides the areas that serve others
        (:mod:`analysis.areas.structure`): an enumeration of fields ("trade, construction and
        logistics") labels every field; a construction or transport word attached to another
        area's word ("Bau von Abfallverarbeitungsanlagen", "passenger buses") labels that other
        area only (the featurizer marks it ``yield:<area>``); a hospital or school being built
        labels construction only.
        """
        Y = np.zeros((len(features), len(self.areas_)), dtype=np.int8)
        column = {a: k for k, a in enumerate(self.areas_)}
        for i, feats in enumerate(features):
            if "dismiss" in feats:
                continue
            named = {f[5:] for f in feats if f.startswith("seed:") and f[5:] in column}
            named -= {f[6:] for f in feats if f.startswith("yield:")}
            for area in named:
                Y[i, column[area]] = 1
        return Y

    def fit(self, X: pd.DataFrame, y=None) -> CooperationAreaModel:
        """Fit on a sentences table (columns ``text`` and ``language``); ``y`` is ignored."""
        self._fit(X)
        return self

    def fit_transform(self, X: pd.DataFrame, y=None) -> np.ndarray:
        """Fit, then score the same sentences, featurizing them once (same result as
        ``fit(X).transform(X)``)."""
        M, features = self._fit(X)
        with threadpool_limits(1):
            z = M @ self.coef_.T + self.intercept_
        return self._floor(1.0 / (1.0 + np.exp(-z)), M)

    def _floor(self, scores: np.ndarray, M: sparse.csr_matrix) -> np.ndarray:
        """With ``weak_floor``, weak-labelled sentences score at least their area's threshold (the
        weak labels of :meth:`weak_labels`, read from the matrix's seed, yield and dismissal
        columns)."""
        if not self.weak_floor or not M.shape[0]:
            return scores
        k, words = len(self.areas_), M.shape[1] - len(self._cue_names())
        cues = M[:, words:].toarray() > 0
        weak = cues[:, :k] & ~cues[:, 2 * k : 3 * k] & ~cues[:, 3 * k : 3 * k + 1]
        return np.where(weak, np.maximum(scores, self.thresholds_), scores)

    def _fit(self, X: pd.DataFrame) -> tuple[sparse.csr_matrix, list[list[str]]]:
        """Fit; returns the sentences' feature matrix and features."""
        self._validate()
        taxonomy_file = Path(self.taxonomy or DEFAULT_TAXONOMY)
        self.areas_ = load_taxonomy(taxonomy_file)["area"].tolist()
        self.taxonomy_text_ = taxonomy_file.read_text(encoding="utf-8")
        self.taxonomy_hash_ = hashlib.sha256(self.taxonomy_text_.encode("utf-8")).hexdigest()
        seeds = self._featurizer().seeds
        if not seeds.roots and not seeds.phrases:
            raise ValueError(f"{taxonomy_file}: the taxonomy has no seed terms ([areas.<id>.seeds] de/en/ru)")
        if len(X) == 0:
            raise ValueError("no sentences to fit on")
        features = self._features(X)
        return self._fit_features(features), features

    def _fit_features(self, features: list[list[str]]) -> sparse.csr_matrix:
        """Fit on featurized sentences; returns their feature matrix."""
        Y = self.weak_labels(features)
        self.vectorizer_ = TfidfVectorizer(analyzer=_words, min_df=self.min_df, sublinear_tf=True, dtype=np.float64)
        with threadpool_limits(1):
            M = self._matrix(features, fit=True)
            coef = np.zeros((len(self.areas_), M.shape[1]))  # words, then the cue columns
            intercept = np.full(len(self.areas_), -10.0)
            for k in range(len(self.areas_)):
                if 0 < Y[:, k].sum() < len(Y):
                    clf = LogisticRegression(C=self.C, solver="liblinear", random_state=self.random_state)
                    clf.fit(M, Y[:, k])
                    coef[k], intercept[k] = clf.coef_[0], clf.intercept_[0]
        self.coef_, self.intercept_ = coef, intercept
        self.n_weak_labels_ = Y.sum(axis=0)
        if self.threshold == "calibrated":
            self.thresholds_ = self._calibrate(M, Y)
        else:
            self.thresholds_ = np.full(len(self.areas_), float(self.threshold))
        return M

    def _calibrate(self, M: sparse.csr_matrix, Y: np.ndarray) -> np.ndarray:
        """Per area, the grid threshold at which out-of-fold scores agree best with the weak labels.

        The sentences are dealt into :data:`CALIBRATION_FOLDS` folds by position (deterministic);
        each fold is scored by regressions fitted on the others, so a sentence's score does not
        come from a model that saw its label. An area with too few weak labels to calibrate
        (fewer than two per fold) keeps 0.5; ties go to the threshold nearest 0.5.
        """
        folds = np.arange(M.shape[0]) % CALIBRATION_FOLDS
        thresholds = np.full(len(self.areas_), 0.5)
        grid = np.asarray(THRESHOLD_GRID)
        with threadpool_limits(1):
            for k in range(len(self.areas_)):
                y = Y[:, k]
                if min(int(y[folds == f].sum()) for f in range(CALIBRATION_FOLDS)) < 2:
                    continue
                oof = np.zeros(len(y))
                for f in range(CALIBRATION_FOLDS):
                    train, test = folds != f, folds == f
                    if y[train].sum() in (0, train.sum()):
                        continue
                    clf = LogisticRegression(C=self.C, solver="liblinear", random_state=self.random_state)
                    clf.fit(M[train], y[train])
                    oof[test] = clf.predict_proba(M[test])[:, 1]
                hits = oof[:, None] >= grid[None, :]
                tp = (hits & (y[:, None] == 1)).sum(axis=0)
                f1 = 2 * tp / (hits.sum(axis=0) + y.sum())
                best = np.flatnonzero(f1 >= f1.max() - 1e-12)
                thresholds[k] = grid[best[np.argmin(np.abs(grid[best] - 0.5))]]
        return thresholds

    # -- applying ----------------------------------------------------------------------------
    def transform(self, X: pd.DataFrame) -> np.ndarray:
        """Scores in [0, 1], one row per sentence and one column per area (``areas_``)."""
        return self.transform_with_terms(X)[0]

    def transform_with_terms(self, X: pd.DataFrame) -> tuple[np.ndarray, list[list[tuple[int, str, frozenset[str]]]]]:
        """:meth:`transform`, and each sentence's seed terms as written (``(offset, surface,
        areas)``, found on the way; see :meth:`sentence_cue_terms`)."""
        check_is_fitted(self, "coef_")
        terms: list[list] = []
        if len(X) == 0:
            self._features(X)  # still checks the columns
            return np.zeros((0, len(self.areas_))), terms
        features = self._features(X, terms)
        M = self._matrix(features)
        with threadpool_limits(1):
            z = sparse.csr_matrix(M) @ self.coef_.T + self.intercept_
        return self._floor(1.0 / (1.0 + np.exp(-z)), M), terms

    def _cue_names(self) -> list[str]:
        return [f"{kind}:{a}" for kind in ("seed", "ent", "yield") for a in self.areas_] + ["dismiss"]

    def _matrix(self, features: list[list[str]], *, fit: bool = False) -> sparse.csr_matrix:
        """Words as TF-IDF, then one binary column per seed area, entity-cue area, yielded area and
        dismissal."""
        words = self.vectorizer_.fit_transform(features) if fit else self.vectorizer_.transform(features)
        column = {name: k for k, name in enumerate(self._cue_names())}
        rows, cols = [], []
        for i, feats in enumerate(features):
            for k in sorted({column[f] for f in feats if f in column}):
                rows.append(i)
                cols.append(k)
        values = np.full(len(rows), CUE_WEIGHT)
        cues = sparse.csr_matrix((values, (rows, cols)), shape=(len(features), len(column)))
        return sparse.hstack([words, cues], format="csr")

    def cue_terms(self, text: str, language: str | None, area: str, entities: list[str] | None = None) -> list[str]:
        """The words of a sentence that speak of ``area``, as written: its seed terms and the
        names of entities that are cues for it, in text order; where neither is there (the model
        learnt the area from other words), the sentence's words that weigh most towards it.

        Parameters
        ----------
        text : str
            A sentence.
        language : str or None
            Its language (``de``, ``en``, ``ru``, ``be``).
        area : str
            One of ``areas_``.
        entities : list of str, optional
            The ids of the entities the entity stage found in the sentence: those that are cues
            for ``area`` are shown by their canonical names; by default the featurizer's matcher
            finds them and they are shown as written.

        Returns
        -------
        list of str
            Distinct terms, at most :data:`MAX_CUE_TERMS` of them.

        Examples
        --------
        >>> model = default_model()
        >>> model.cue_terms("Belarus will supply tractors and combine harvesters to the region.", "en", "machinery")
        ['tractors', 'combine harvesters']
        """
        check_is_fitted(self, "coef_")
        if area not in self.areas_:
            raise ValueError(f"area must be one of {', '.join(self.areas_)}; got {area!r}")
        return self.sentence_cue_terms(text, language, [area], entities)[area]

    def sentence_cue_terms(
        self,
        text: str,
        language: str | None,
        areas: list[str],
        entities: list[str] | None = None,
        seed_terms: list[tuple[int, str, frozenset[str]]] | None = None,
        names: list[str] | None = None,
    ) -> dict[str, list[str]]:
        """:meth:`cue_terms` for several areas of one sentence at once; ``seed_terms``, the
        sentence's seed terms from :meth:`transform_with_terms`, saves finding them again;
        ``names``, the persons' names in the sentence (:data:`NAME_COLUMN`), name no area."""
        featurize = self.featurizer_
        text = text if isinstance(text, str) else ""
        lang = language if language in ("de", "en", "ru") else "ru" if language == "be" else "en"
        seeds = featurize.seed_terms(text, lang, names) if seed_terms is None else seed_terms
        wanted = set(areas)
        found: dict[str, list[tuple[int, str]]] = {a: [] for a in areas}
        for start, surface, named in seeds:
            for a in named & wanted:
                found[a].append((start, surface))
        cues = featurize.entity_cues
        if entities is not None:  # the entity stage's finds: their names, after the seed terms
            for entity_id in entities:
                for a in wanted.intersection(cues.get(entity_id, ())):
                    found[a].append((len(text), featurize.entity_names.get(entity_id, entity_id)))
        elif featurize.matcher is not None:
            for m in featurize.matcher.find(text, lang):
                for a in wanted.intersection(cues.get(m["entity_id"], ())):
                    found[a].append((text.find(m["surface"]), m["surface"]))
        out = {}
        for a in areas:
            terms = found[a] or self._weighed_words(text, lang, a)
            out[a] = _distinct(terms)[:MAX_CUE_TERMS]
        return out

    def _weighed_words(self, text: str, lang: str, area: str) -> list[tuple[int, str]]:
        """The sentence's words with the largest positive weights for ``area``."""
        column = self.areas_.index(area)
        vocabulary = self.vectorizer_.vocabulary_
        weighed = []
        for m in TOKEN_PATTERN.finditer(text):
            word = m.group()
            k = vocabulary.get("w:" + stem(word, script_language(word, lang)))
            if k is not None and self.coef_[column, k] > 0:
                weighed.append((-self.coef_[column, k], m.start(), word))
        return [(start, word) for _, start, word in sorted(weighed)[:MAX_CUE_TERMS]]

    def predict(self, X: pd.DataFrame) -> pd.DataFrame:
        """Whether each sentence speaks of each area (score at least the area's threshold in
        ``thresholds_``): a boolean frame with ``X``'s index and one column per area (``areas_``)."""
        scores = self.transform(X)
        return pd.DataFrame(scores >= self.thresholds_, index=X.index, columns=pd.Index(self.areas_, name="area"))


def _distinct(found: list[tuple[int, str]]) -> list[str]:
    """Terms in text order, each once; a word inside a longer matched phrase is shown as the phrase."""
    in_phrases = {w for _, term in found if " " in term for w in term.casefold().split()}
    terms: list[str] = []
    seen: set[str] = set()
    for _, term in sorted(found, key=lambda t: (t[0], -len(t[1]))):
        if term in seen or (in_phrases and " " not in term and term.casefold() in in_phrases):
            continue
        seen.add(term)
        terms.append(term)
    return terms


MODEL_FORMAT = 3  # 2: a yield:<area> cue column per area (sentence structure); 3: per-area thresholds


def _base(path: str | os.PathLike) -> Path:
    """A model's path without suffix: ``PATH``, ``PATH.json`` and ``PATH.npz`` name the same model."""
    base = Path(path)
    return base.with_suffix("") if base.suffix in (".json", ".npz") else base


def save_model(model: CooperationAreaModel, path: str | os.PathLike) -> tuple[Path, Path]:
    """Save a fitted model as ``PATH.json`` (settings, taxonomy, vocabulary, versions) and
    ``PATH.npz`` (weights). No pickle: a model file shared by a colleague cannot run code."""
    check_is_fitted(model, "coef_")
    base = _base(path)
    vocabulary = sorted(model.vectorizer_.vocabulary_, key=model.vectorizer_.vocabulary_.get)
    meta = {
        "format": MODEL_FORMAT,
        "kind": "CooperationAreaModel",
        "package_version": __version__,
        "libraries": {name: version(name) for name in ("scikit-learn", "numpy", "scipy")},
        "params": model.get_params(),
        "areas": model.areas_,
        "taxonomy_sha256": model.taxonomy_hash_,
        "taxonomy_toml": model.taxonomy_text_,
        "vocabulary": vocabulary,
        "min_df": model.min_df,
    }
    meta["params"]["taxonomy"] = None
    json_path, npz_path = base.with_suffix(".json"), base.with_suffix(".npz")
    json_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    np.savez(
        npz_path,
        coef=model.coef_,
        intercept=model.intercept_,
        idf=model.vectorizer_.idf_,
        thresholds=model.thresholds_,
    )
    return json_path, npz_path


def load_model(path: str | os.PathLike) -> CooperationAreaModel:
    """Load a model :func:`save_model` wrote; a file of another format or a damaged one gives a
    ``ValueError`` saying why."""
    base = _base(path)
    # sizes, fields, areas against the saved taxonomy, finite numbers, array shapes: before use
    meta = check_model_files(
        base,
        model_format=MODEL_FORMAT,
        known_params=CooperationAreaModel().get_params(),
        cue_columns=lambda n: 3 * n + 1,
    )
    if meta.get("kind") != "CooperationAreaModel" or meta.get("format") != MODEL_FORMAT:
        raise ValueError(
            f"{base}.json: model file format {meta.get('format')!r} of kind {meta.get('kind')!r}; this package "
            f"(coop-analysis {__version__}) reads CooperationAreaModel format {MODEL_FORMAT}. Refit the model."
        )
    taxonomy_text = meta["taxonomy_toml"]
    if hashlib.sha256(taxonomy_text.encode("utf-8")).hexdigest() != meta["taxonomy_sha256"]:
        raise ValueError(f"{base}.json: the stored taxonomy does not match its hash; the file was altered")
    with np.load(base.with_suffix(".npz"), allow_pickle=False) as arrays:
        coef, intercept, idf = arrays["coef"], arrays["intercept"], arrays["idf"]
        thresholds = arrays["thresholds"] if "thresholds" in arrays.files else None
    n_cues = 3 * len(meta["areas"]) + 1
    if coef.shape != (len(meta["areas"]), len(meta["vocabulary"]) + n_cues) or idf.shape != (len(meta["vocabulary"]),):
        raise ValueError(f"{base}.npz: weights do not fit the vocabulary in {base}.json")
    n_areas = len(meta["areas"])
    if thresholds is None or thresholds.shape != (n_areas,) or not ((thresholds > 0) & (thresholds < 1)).all():
        raise ValueError(f"{base}.npz: no per-area thresholds in (0, 1) for the areas in {base}.json")
    model = CooperationAreaModel(**meta["params"])
    model.areas_, model.taxonomy_hash_ = meta["areas"], meta["taxonomy_sha256"]
    model.vectorizer_ = TfidfVectorizer(analyzer=_words, min_df=meta["min_df"], sublinear_tf=True, dtype=np.float64)
    model.vectorizer_.vocabulary_ = {f: i for i, f in enumerate(meta["vocabulary"])}
    model.vectorizer_.idf_ = idf
    model.coef_, model.intercept_ = coef, intercept
    model.thresholds_ = thresholds
    model.taxonomy_text_ = taxonomy_text
    return model


#: The model shipped with the package: fitted, without labels, on the bundled corpus (``make model``).
DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "resources" / "model" / "areas"


@lru_cache(maxsize=4)
def _featurizer_of(taxonomy_text: str) -> Featurizer:
    """One featurizer per taxonomy and process, shared by the models that use it (it only caches)."""
    return Featurizer.default(SeedIndex.from_text(taxonomy_text))


def with_entity_ids(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences with :data:`ENTITY_COLUMN`, the ids of the entities the entity stage finds in
    each (persons left out), and :data:`NAME_COLUMN`, the persons' names, as ``coop analyze`` fits
    and applies the model on them: ``coop fit`` and the evaluation use it so that every path sees
    the same entity cues.

    >>> from analysis import load_articles
    >>> from analysis.config import RAW_DIR
    >>> loaded = load_articles(RAW_DIR / "en", progress=False)
    >>> table = with_entity_ids(loaded.articles, loaded.sentences)
    >>> ENTITY_COLUMN in table and len(table) == len(loaded.sentences)
    True
    """
    from analysis.entities.matcher import raw_mentions
    from analysis.entities.stage import sentence_entities, sentence_person_names  # it imports this module

    mentions = raw_mentions(articles, sentences)
    return sentences.assign(
        **{
            ENTITY_COLUMN: sentence_entities(sentences, mentions),
            NAME_COLUMN: sentence_person_names(sentences, mentions),
        }
    )


def default_model() -> CooperationAreaModel:
    """The shipped model (see :data:`DEFAULT_MODEL`)."""
    return load_model(DEFAULT_MODEL)
