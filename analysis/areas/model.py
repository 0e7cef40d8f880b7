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
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from analysis import __version__
from analysis.areas.features import Featurizer
from analysis.areas.modelcheck import check_model_files
from analysis.areas.seeds import SeedIndex
from analysis.taxonomy import DEFAULT_TAXONOMY, load_taxonomy

#: Sentence score from which a sentence counts as speaking of an area (see README: chosen on the
#: bundled gold labels by cross-validation).
DEFAULT_THRESHOLD = 0.5
#: Optional column of a sentences table: the ids of the entities the entity stage found in each
#: sentence (a list). When present, the featurizer takes the entity cues from it instead of
#: matching the sentence again (the pipeline passes it; fit and transform must agree).
ENTITY_COLUMN = "entity_ids"
#: Value of a seed, entity-cue or dismissal column when present (word columns are TF-IDF, l2-normed).
CUE_WEIGHT = 1.0


def _words(features: list[str]) -> list[str]:
    return [f for f in features if f.startswith("w:")]


class CooperationAreaModel(TransformerMixin, BaseEstimator):
    """Keyword-assisted multi-label model of cooperation areas.

    Parameters
    ----------
    taxonomy : str or path, optional
        A taxonomy file with areas and their seed terms; the shipped ``areas.toml`` by default.
    threshold : float, default 0.5
        Sentence score from which :meth:`predict` assigns an area.
    C : float, default 2.0
        Inverse regularization strength of the per-area logistic regressions.
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
    >>> model.predict(sentences.head(4))
    [['machinery'], ['training'], ['waste_recycling'], []]
    """

    def __init__(self, taxonomy=None, *, threshold=DEFAULT_THRESHOLD, C=2.0, min_df=2, random_state=0):
        self.taxonomy = taxonomy
        self.threshold = threshold
        self.C = C
        self.min_df = min_df
        self.random_state = random_state

    # -- fitting -----------------------------------------------------------------------------
    def _validate(self) -> None:
        if isinstance(self.threshold, bool) or not isinstance(self.threshold, Real) or not 0 < self.threshold < 1:
            raise ValueError(f"threshold must be a number in (0, 1), got {self.threshold!r}")
        if isinstance(self.C, bool) or not isinstance(self.C, Real) or not self.C > 0:
            raise ValueError(f"C must be a number > 0, got {self.C!r}")
        if isinstance(self.min_df, bool) or not isinstance(self.min_df, Integral) or self.min_df < 1:
            raise ValueError(f"min_df must be an int >= 1, got {self.min_df!r}")

    def _featurizer(self) -> Featurizer:
        """The featurizer of the taxonomy the model was fitted with (kept as text in ``taxonomy_text_``)."""
        if getattr(self, "featurizer_", None) is None:
            self.featurizer_ = _featurizer_of(self.taxonomy_text_)
        return self.featurizer_

    def __getstate__(self) -> dict:
        # the featurizer is word caches: a model sent to a worker process finds that process's own
        state = super().__getstate__()
        state.pop("featurizer_", None)
        return state

    def _features(self, X: pd.DataFrame) -> list[list[str]]:
        if not {"text", "language"} <= set(X.columns):
            raise ValueError(f"expected a sentences table with columns 'text' and 'language', got {list(X.columns)}")
        featurize = self._featurizer()
        if ENTITY_COLUMN in X.columns:  # the entity stage's matches, instead of matching again
            return [
                featurize(t, lang, ents)
                for t, lang, ents in zip(X["text"], X["language"], X[ENTITY_COLUMN], strict=True)
            ]
        return [featurize(t, lang) for t, lang in zip(X["text"], X["language"], strict=True)]

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
        M = self._fit(X)
        with threadpool_limits(1):
            z = M @ self.coef_.T + self.intercept_
        return 1.0 / (1.0 + np.exp(-z))

    def _fit(self, X: pd.DataFrame) -> sparse.csr_matrix:
        """Fit; returns the sentences' feature matrix."""
        self._validate()
        taxonomy_file = Path(self.taxonomy or DEFAULT_TAXONOMY)
        self.areas_ = load_taxonomy(taxonomy_file)["area"].tolist()
        self.taxonomy_text_ = taxonomy_file.read_text(encoding="utf-8")
        self.taxonomy_hash_ = hashlib.sha256(self.taxonomy_text_.encode("utf-8")).hexdigest()
        self.featurizer_ = None
        seeds = self._featurizer().seeds
        if not seeds.roots and not seeds.phrases:
            raise ValueError(f"{taxonomy_file}: the taxonomy has no seed terms ([areas.<id>.seeds] de/en/ru)")
        if len(X) == 0:
            raise ValueError("no sentences to fit on")
        return self._fit_features(self._features(X))

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
        return M

    # -- applying ----------------------------------------------------------------------------
    def transform(self, X: pd.DataFrame) -> np.ndarray:
        """Scores in [0, 1], one row per sentence and one column per area (``areas_``)."""
        check_is_fitted(self, "coef_")
        if len(X) == 0:
            self._features(X)  # still checks the columns
            return np.zeros((0, len(self.areas_)))
        M = self._matrix(self._features(X))
        with threadpool_limits(1):
            z = sparse.csr_matrix(M) @ self.coef_.T + self.intercept_
        return 1.0 / (1.0 + np.exp(-z))

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

    def predict(self, X: pd.DataFrame) -> list[list[str]]:
        """The areas of each sentence: those scoring at least ``threshold``."""
        scores = self.transform(X)
        return [[self.areas_[k] for k in np.flatnonzero(row >= self.threshold)] for row in scores]


MODEL_FORMAT = 2  # 2: a yield:<area> cue column per area (sentence structure)


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
    np.savez(npz_path, coef=model.coef_, intercept=model.intercept_, idf=model.vectorizer_.idf_)
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
    n_cues = 3 * len(meta["areas"]) + 1
    if coef.shape != (len(meta["areas"]), len(meta["vocabulary"]) + n_cues) or idf.shape != (len(meta["vocabulary"]),):
        raise ValueError(f"{base}.npz: weights do not fit the vocabulary in {base}.json")
    model = CooperationAreaModel(**meta["params"])
    model.areas_, model.taxonomy_hash_ = meta["areas"], meta["taxonomy_sha256"]
    model.vectorizer_ = TfidfVectorizer(analyzer=_words, min_df=meta["min_df"], sublinear_tf=True, dtype=np.float64)
    model.vectorizer_.vocabulary_ = {f: i for i, f in enumerate(meta["vocabulary"])}
    model.vectorizer_.idf_ = idf
    model.coef_, model.intercept_ = coef, intercept
    model.taxonomy_text_ = taxonomy_text
    model.featurizer_ = None
    return model


#: The model shipped with the package: fitted, without labels, on the bundled corpus (``make model``).
DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "resources" / "model" / "areas"


@lru_cache(maxsize=4)
def _featurizer_of(taxonomy_text: str) -> Featurizer:
    """One featurizer per taxonomy and process, shared by the models that use it (it only caches)."""
    return Featurizer.default(SeedIndex.from_text(taxonomy_text))


def default_model() -> CooperationAreaModel:
    """The shipped model (see :data:`DEFAULT_MODEL`)."""
    return load_model(DEFAULT_MODEL)
