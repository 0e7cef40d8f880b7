"""Discovery: topics in what the seeded areas do not explain.

:class:`TopicDiscovery` factorises sentences with NMF, after four steps that keep its topics about
*what* is cooperated on rather than who met whom or what the known areas already cover:

- **names and protocol out**: the words of the entities a sentence names, officials' names
  (once seen with a first name anywhere in the corpus), stop words of every supported language,
  numbers, month names and the words of news protocol (``resources/protocol.toml``: met, signed,
  delegation, governor, said …) are left out;
- **contrast with the known areas** (``scope="contrast"``, the default): terms that mostly occur in
  sentences a seeded area claims (a share of at least ``max_claimed``) are left out, and the
  rest is factorised over all sentences, so a sentence about machinery *and* tourism still gives
  its tourism words; ``scope="unexplained"`` factorises only the sentences no area claims;
- **weighting per language by reports**: a term weighs ``log(N / df)`` over the *reports* of its
  language (not sentences), and terms used by more than ``max_report_df`` of them are dropped;
- **bridges across languages**: besides its stem, each word adds a spelling-neutral key shared by
  cognates in every script (:func:`bridge_key`: Tourismus, tourism and туризм share one), so a
  topic can gather one subject in German, English and Russian reports.

NMF is fitted on the sentences no area claims; every sentence in scope then gets its loadings on
the topics (with the topics held fixed). With ``n_topics="auto"`` the number of topics is chosen
from the data: for each candidate NMF starts from ``n_seeds`` random initialisations, and the
candidate with the best mean NPMI (rescaled to [0, 1]) times stability (the mean best-match cosine
between the topics of different starts) is kept, the smaller on ties.

Each topic comes with its top terms per language (the terms that language's own sentences carry on
the topic, by weight; only positive weights, ties broken by the topic's term weight and then
alphabetically, never padded), its NPMI coherence, and the three sentences loading most on it, so
an analyst can name a new area and add it, with seed terms, to the taxonomy file.
:meth:`TopicDiscovery.transform` gives each sentence in scope the topic it loads most on (the
``sentence_topics`` table), so discovered topics can be counted and charted like areas.

NPMI is computed one documented way: over the factorised sentences as documents (sets of their
terms), for each pair of the topic's top 10 terms, ``log(p(a, b) / (p(a) p(b))) / -log p(a, b)``
(−1 when a pair never co-occurs, 1 when both are in every document), averaged over pairs.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import combinations
from numbers import Integral, Real
from pathlib import Path

import iuliia
import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from analysis.areas.model import CooperationAreaModel
from analysis.config import LONG_NUMBER, WORD_CACHE_SIZE
from analysis.load.dateline import MONTHS
from analysis.schema import conform, empty
from analysis.tokenize import TOKEN_PATTERN, script_language, stem

_TOP = 10
# Belarusian function words (no stop-word list ships one); the other languages' come from
# scikit-learn (English) and stop-words (German, Russian).
_BE_STOP = (
    "з і й у ў на ад да па для што як а але гэта таксама яшчэ ўжо пры пра над пад праз без каля "
    "паміж быў была было былі будзе будуць ёсць яго яе іх гэтага гэтай гэтым якія які якая якое "
    "таму калі дзе"
)
_NOISE = frozenset(_BE_STOP.split() + [m for m in MONTHS])


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Function words of the supported languages, case-folded: scikit-learn's English list,
    the stop-words package's German and Russian lists, and Belarusian ones."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    from stop_words import get_stop_words

    words = set(ENGLISH_STOP_WORDS) | set(get_stop_words("de")) | set(get_stop_words("ru")) | set(_BE_STOP.split())
    return frozenset(w.casefold().replace("ё", "е") for w in words)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Spelling-neutral consonant classes: the same sound spelled the way each language spells it.
_SOUNDS = (
    ("sch", "s"), ("sh", "s"), ("ch", "k"), ("ck", "k"), ("kh", "k"), ("ph", "f"), ("th", "t"),
    ("ts", "s"), ("tz", "s"), ("zh", "s"), ("qu", "kv"), ("x", "ks"), ("w", "v"), ("z", "s"),
    ("q", "k"), ("j", "i"), ("y", "i"),
)  # fmt: skip
_SOFT_C = re.compile(r"c(?=[eiy])")
_VOWELS = re.compile(r"[aeiou]+")
#: Consonants of a word's bridge key.
BRIDGE_CONSONANTS = 4


def _is_noise(word: str) -> bool:
    """Digits, one- and two-letter words, month names and stop words."""
    low = word.casefold()
    return low.isdigit() or len(low) <= 2 or low in _NOISE or low.replace("ё", "е") in stop_words()


@lru_cache(maxsize=1 << 16)
def bridge_key(word: str) -> str | None:
    """A key that cognates share across languages and scripts, or ``None`` for a short word.

    The word is transliterated to Latin (Wikipedia rules, by ``iuliia``), its accents and vowels
    dropped and its consonants written one way (``z``/``ts``/``tz`` → ``s``, ``ch``/``kh`` → ``k``,
    ``ph`` → ``f``, soft ``c`` → ``s``, hard ``c`` → ``k``); the key is the first
    :data:`BRIDGE_CONSONANTS` consonants.

    >>> bridge_key("Tourismus"), bridge_key("tourism"), bridge_key("туризма")
    ('trsm', 'trsm', 'trsm')
    >>> bridge_key("Medizin") == bridge_key("medicine") == bridge_key("медицина")
    True
    >>> bridge_key("und") is None
    True
    """
    low = word.casefold().replace("ё", "е")
    if _CYRILLIC.search(low):
        low = iuliia.WIKIPEDIA.translate(low).casefold()
    low = "".join(c for c in unicodedata.normalize("NFKD", low.replace("ß", "ss")) if c.isascii() and c.isalpha())
    low = _SOFT_C.sub("s", low)
    for spelled, sound in _SOUNDS:
        low = low.replace(spelled, sound)
    low = low.replace("c", "k")
    consonants = re.sub(r"(.)\1+", r"\1", _VOWELS.sub("", low[1:]))
    key = (low[:1] if low[:1] not in "aeiou" else "") + consonants
    key = re.sub(r"(.)\1+", r"\1", key)
    return key[:BRIDGE_CONSONANTS] if len(key) >= BRIDGE_CONSONANTS else None


def npmi(top_terms: list[str], documents: list[set[str]]) -> float:
    """Mean normalized PMI of the pairs of ``top_terms`` over ``documents`` (sets of terms).

    >>> docs = [{"a", "b"}, {"a", "b"}, {"c"}, {"c", "d"}]
    >>> round(npmi(["a", "b"], docs), 3), round(npmi(["a", "c"], docs), 3)
    (1.0, -1.0)
    """
    n = len(documents)
    if n == 0 or len(top_terms) < 2:
        return float("nan")
    wanted = set(top_terms)
    df = Counter(t for d in documents for t in d if t in wanted)
    scores = []
    for a, b in combinations(top_terms, 2):
        joint = sum(1 for d in documents if a in d and b in d) / n
        if joint == 0:
            scores.append(-1.0)
        elif joint == 1:
            scores.append(1.0)
        else:
            scores.append(math.log(joint / ((df[a] / n) * (df[b] / n))) / -math.log(joint))
    return float(np.mean(scores))


#: The shipped protocol vocabulary (see the file's header).
DEFAULT_PROTOCOL = Path(__file__).resolve().parent.parent / "resources" / "protocol.toml"


@lru_cache(maxsize=8)
def protocol_prefixes(path: str | os.PathLike | None = None) -> tuple[str, ...]:
    """The word beginnings of a protocol file (all languages), case-folded, longest first.

    >>> "unterzeichnet".startswith(protocol_prefixes()), "tourismus".startswith(protocol_prefixes())
    (True, False)
    """
    file = Path(path) if path is not None else DEFAULT_PROTOCOL
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{file}: not a readable protocol file: {exc}") from None
    words = data.get("protocol")
    if not isinstance(words, dict) or not all(
        isinstance(v, list) and all(isinstance(w, str) for w in v) for v in words.values()
    ):
        raise ValueError(f"{file}: expected a [protocol] table of word lists per language")
    return tuple(sorted({w.casefold() for v in words.values() for w in v if w.strip()}, key=lambda w: (-len(w), w)))


def unexplained(model: CooperationAreaModel, scores: np.ndarray) -> np.ndarray:
    """Boolean mask of the sentences no area claims: every score below its area's threshold."""
    return ~(np.asarray(scores) >= model.thresholds_).any(axis=1)


class TopicDiscovery(BaseEstimator):
    """Topics in the sentences a fitted area model leaves unexplained.

    Parameters
    ----------
    n_topics : int or "auto", default "auto"
        Topics to find; ``"auto"`` chooses among ``candidates`` by coherence times stability.
    candidates : tuple of int, default (6, 9, 12, 15)
        Topic counts tried when ``n_topics="auto"``.
    max_select_sentences : int, default 5000
        The number of topics is chosen on at most this many of the unexplained sentences (the
        first ones: the pipeline passes a hash sample); the chosen number is then fitted on all.
    n_terms : int, default 8
        Top terms listed per topic and language.
    max_report_df : float in (0, 1], default 0.3
        Terms used in more than this share of the reports of their language are left out.
    min_df : int, default 3
        Terms in fewer unexplained sentences are left out.
    bridge : bool, default True
        Add :func:`bridge_key` features that join cognates across languages.
    bridge_weight : float > 0, default 2.0
        Weight of a bridge key against a stem (chosen by leave-one-area-out on the bundled corpus
        and the shared dev set: 1, 2 and 3 were tried).
    n_seeds : int, default 2
        Random starts per candidate when choosing ``n_topics``.
    scope : {"contrast", "unexplained"}, default "contrast"
        Which sentences get topics: all, with the known areas' terms left out (``"contrast"``), or
        only those no area claims.
    max_claimed : float in (0, 1], default 0.5
        With ``scope="contrast"``, terms whose sentences a known area claims at least this often
        are left out.
    protocol : path or False, optional
        A protocol vocabulary file (``[protocol]`` word beginnings per language); the shipped one
        by default, ``False`` for none.
    random_state : int, default 0
        Seed of NMF's initialisation (starts use ``random_state``, ``random_state + 1``, ...).

    Attributes
    ----------
    n_topics_ : int
        Topics found (at most the requested number: fewer when the data has fewer terms).
    terms_ : ndarray of str
        The feature names (``w:<stem>`` and ``k:<bridge key>``), the columns of ``components_``.
    vocabulary_ : dict
        ``term -> column``.
    idf_ : dict
        ``(language, term) -> weight`` of the weighting (0 for a term left out).
    people_ : frozenset of str
        Stems of officials' names seen in the corpus, left out of every sentence.
    components_ : ndarray of shape (n_topics_, n_terms)
    selection_ : DataFrame
        One row per candidate tried: ``n_topics``, ``npmi``, ``stability``, ``score``.
    topics_, examples_ : DataFrame
        The ``topics`` and ``topic_examples`` tables of the sentences fitted on.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.areas.model import default_model
    >>> banks = ["Die Banken eröffnen Korrespondenzkonten für Zahlungen in Rubel.",
    ...          "The banks will settle payments through correspondent accounts.",
    ...          "Банки переходят на платежи через корреспондентские счета."]
    >>> media = ["Fernsehsender und Zeitungen tauschen Nachrichten aus.",
    ...          "Television channels and newspapers will exchange news.",
    ...          "Телеканалы и газеты будут обмениваться новостями."]
    >>> sentences = pd.DataFrame({"text": (banks + media) * 4, "language": ["de", "en", "ru"] * 8,
    ...                           "article_id": [f"a{i}" for i in range(24)], "sentence_no": 1})
    >>> model = default_model()
    >>> found = TopicDiscovery(n_topics=2, max_report_df=1.0, min_df=2).fit(sentences, model=model)
    >>> found.n_topics_
    2
    >>> assigned = found.transform(sentences, model=model)
    >>> len(assigned), sorted(assigned["topic"].unique())
    (24, ['topic_1', 'topic_2'])
    """

    def __init__(
        self,
        n_topics="auto",
        *,
        candidates=(6, 9, 12, 15),
        max_select_sentences=5000,
        n_terms=8,
        max_report_df=0.3,
        min_df=3,
        bridge=True,
        bridge_weight=2.0,
        n_seeds=2,
        scope="contrast",
        max_claimed=0.5,
        protocol=None,
        random_state=0,
    ):
        self.n_topics = n_topics
        self.candidates = candidates
        self.max_select_sentences = max_select_sentences
        self.n_terms = n_terms
        self.max_report_df = max_report_df
        self.min_df = min_df
        self.bridge = bridge
        self.bridge_weight = bridge_weight
        self.n_seeds = n_seeds
        self.scope = scope
        self.max_claimed = max_claimed
        self.protocol = protocol
        self.random_state = random_state

    def _validate(self) -> None:
        def positive_int(name: str) -> None:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, Integral) or value < 1:
                raise ValueError(f"{name} must be a positive int, got {value!r}")

        if self.n_topics != "auto":
            positive_int("n_topics")
        elif not self.candidates or any(
            isinstance(c, bool) or not isinstance(c, Integral) or c < 1 for c in self.candidates
        ):
            raise ValueError(f"candidates must be positive ints, got {self.candidates!r}")
        for name in ("n_terms", "min_df", "n_seeds", "max_select_sentences"):
            positive_int(name)
        r = self.max_report_df
        if isinstance(r, bool) or not isinstance(r, Real) or not 0 < r <= 1:
            raise ValueError(f"max_report_df must be a number in (0, 1], got {r!r}")
        if not isinstance(self.bridge, bool):
            raise ValueError(f"bridge must be True or False, got {self.bridge!r}")
        if self.scope not in ("contrast", "unexplained"):
            raise ValueError(f"scope must be one of 'contrast', 'unexplained', got {self.scope!r}")
        b = self.bridge_weight
        if isinstance(b, bool) or not isinstance(b, Real) or not b > 0:
            raise ValueError(f"bridge_weight must be a number > 0, got {b!r}")
        c = self.max_claimed
        if isinstance(c, bool) or not isinstance(c, Real) or not 0 < c <= 1:
            raise ValueError(f"max_claimed must be a number in (0, 1], got {c!r}")
        if (
            self.protocol is not None
            and self.protocol is not False
            and not isinstance(self.protocol, (str, os.PathLike))
        ):
            raise ValueError(f"protocol must be a file path, None or False, got {self.protocol!r}")

    # -- features ----------------------------------------------------------------------------
    def _documents(
        self,
        model: CooperationAreaModel,
        sentences: pd.DataFrame,
        *,
        people: frozenset[str] = frozenset(),
        names: list[set[str]] | None = None,
        count: bool = True,
    ) -> tuple[list[list[str]], Counter, frozenset[str]]:
        """Each sentence's terms (stems of its content words, and their bridge keys), a count of
        the surface words behind each (term, language) for showing terms as words, and the stems of
        officials' names (with ``people``, the names known from before).

        Names say who and where, not what about: the words of the entities a sentence names are left
        out of it, and an official's name, once seen with a first name anywhere in the corpus, is
        left out everywhere ("Sidorenko" alone, two sentences on). So are stop words and the words of
        protocol (:func:`protocol_prefixes`). ``names``, when given, are each sentence's name
        words (from the entity stage), so the sentences need not be matched again."""
        matcher = model._featurizer().matcher if names is None else None
        people = set(people)
        tokenised = []
        texts, languages = sentences["text"].tolist(), sentences["language"].tolist()
        for i, (text, lang) in enumerate(zip(texts, languages, strict=True)):
            lang = lang if isinstance(lang, str) else None
            named = names[i] if names is not None else set()
            if matcher is not None:
                tokens = matcher.tokens(text, lang)
                for m in matcher.find(text, lang, tokens):
                    named |= {w.casefold() for w in TOKEN_PATTERN.findall(m["surface"])}
                for j, info in enumerate(tokens.infos[:-1]):
                    if info.first_name:
                        for name in tokens.words[j : j + 2]:
                            people.add(stem(name, script_language(name, lang)))
            tokenised.append((lang, named, TOKEN_PATTERN.findall(text)))
        protocol = self._protocol()
        cache = self._word_cache()
        docs, surface = [], Counter()
        for lang, named, words in tokenised:
            terms: list[str] = []
            for w in words:
                low = w.casefold()
                if low in named:
                    continue
                got = cache.get((low, lang))
                if got is None:
                    got = self._terms_of(w, low, lang, protocol)
                    if LONG_NUMBER.search(low) is None:  # long numbers are nearly always new: not kept
                        cache[(low, lang)] = got
                if not got or got[0] in people:
                    continue
                terms.extend(got[1:])
                if count:
                    for term in got[1:]:
                        surface[(term, low, lang or "und")] += 1
            docs.append(terms)
        return docs, surface, frozenset(people)

    def _terms_of(self, word: str, low: str, lang: str | None, protocol: tuple[str, ...]) -> tuple[str, ...]:
        """``(stem, "w:<stem>", "k:<key>")`` of a word, or ``()`` for a word left out."""
        if _is_noise(word) or low.startswith(protocol):
            return ()
        root = stem(word, script_language(word, lang))
        key = bridge_key(word) if self.bridge else None
        return (root, "w:" + root) if key is None else (root, "w:" + root, "k:" + key)

    def _word_cache(self) -> dict:
        """Words already turned into terms: owned by this estimator, bounded, never pickled."""
        cache = self.__dict__.setdefault("_words", {})
        if len(cache) > WORD_CACHE_SIZE:
            cache.clear()
        return cache

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        state.pop("_words", None)
        return state

    def _protocol(self) -> tuple[str, ...]:
        return protocol_prefixes(self.protocol) if self.protocol is not False else ()

    def _weights(self, docs: list[list[str]], sentences: pd.DataFrame) -> dict[tuple[str, str], float]:
        """Contrastive weight of each (language, term): ``log(N / df)`` over the language's reports,
        0 for terms in more than ``max_report_df`` of them."""
        reports: dict[str, set] = {}
        df: Counter = Counter()
        seen: set = set()
        for terms, lang, article in zip(docs, sentences["language"], sentences["article_id"], strict=True):
            lang = lang if isinstance(lang, str) else "und"
            reports.setdefault(lang, set()).add(article)
            for t in set(terms):
                if (lang, article, t) not in seen:
                    seen.add((lang, article, t))
                    df[(lang, t)] += 1
        out = {}
        for (lang, t), d in df.items():
            n = len(reports[lang])
            out[(lang, t)] = 0.0 if d / n > self.max_report_df else math.log((1 + n) / (1 + d)) + 1.0
        return out

    def _matrix(self, docs: list[list[str]], languages) -> sparse.csr_matrix:
        """Rows of sublinear term counts times the weight of each term in the row's language
        (``weights_``), l2-normed."""
        counts = CountVectorizer(analyzer=_identity, vocabulary=self.vocabulary_).transform(docs)
        counts = counts.astype(np.float64).tocsr()
        counts.sort_indices()
        code = {lang: k for k, lang in enumerate(self.languages_)}
        unseen = len(self.languages_)  # a language not seen in fit: no weights
        rows_lang = np.array(
            [code.get(lg if isinstance(lg, str) else "und", unseen) for lg in languages], dtype=np.int64
        )
        weights = np.vstack([self.weights_, np.zeros((1, self.weights_.shape[1]))])
        row_of = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        counts.data = (1.0 + np.log(counts.data)) * weights[rows_lang[row_of], counts.indices]
        counts.eliminate_zeros()
        return normalize(counts)

    # -- fitting -----------------------------------------------------------------------------
    def fit(self, sentences: pd.DataFrame, *, model: CooperationAreaModel, scores: np.ndarray | None = None):
        """Find topics in ``sentences`` (columns ``text``, ``language``, ``article_id``,
        ``sentence_no``) that ``model`` leaves unexplained; ``scores`` are ``model.transform``'s,
        computed when not given."""
        self._validate()
        if scores is None:
            scores = model.transform(sentences)
        # what every report says is measured on all the reports, not only on what is left unexplained
        all_docs, surface, self.people_ = self._documents(model, sentences)
        self._surface = surface
        self.idf_ = self._weights(all_docs, sentences) if len(sentences) else {}
        free = unexplained(model, scores)
        if self.scope == "contrast" and len(sentences):
            # terms the known areas explain: mostly in sentences some area claims
            seen, claimed_in = Counter(), Counter()
            for terms, is_free in zip(all_docs, free, strict=True):
                for t in set(terms):
                    seen[t] += 1
                    claimed_in[t] += not is_free
            explained = {t for t, n in seen.items() if claimed_in[t] / n >= self.max_claimed}
            self.idf_ = {key: (0.0 if key[1] in explained else w) for key, w in self.idf_.items()}
        mask = free if self.scope == "unexplained" else np.ones(len(sentences), dtype=bool)
        rows_of = sentences[mask].reset_index(drop=True)
        docs = [d for d, keep in zip(all_docs, mask, strict=True) if keep]
        counts = Counter(t for d in docs for t in set(d))
        weighted = {t for (_, t), w in self.idf_.items() if w > 0}
        kept = sorted(t for t, c in counts.items() if c >= self.min_df and t in weighted)
        self.terms_ = np.array(kept, dtype=object)
        self.vocabulary_ = {t: j for j, t in enumerate(kept)}
        self.languages_ = sorted({lang for lang, _ in self.idf_})
        self.weights_ = np.zeros((len(self.languages_), len(kept)))
        bridge = np.array([1.0 if t.startswith("w:") else self.bridge_weight for t in kept])
        row = {lang: k for k, lang in enumerate(self.languages_)}
        for (lang, t), w in self.idf_.items():
            if (j := self.vocabulary_.get(t)) is not None:
                self.weights_[row[lang], j] = w * bridge[j]
        M = self._matrix(docs, rows_of["language"].tolist()) if kept else sparse.csr_matrix((len(docs), 0))
        init_rows = M[free[mask]] if free[mask].sum() >= 3 else M
        wanted = [self.n_topics] if self.n_topics != "auto" else sorted(set(self.candidates))
        wanted = [k for k in (min(k, init_rows.shape[0], M.shape[1]) for k in wanted) if k >= 1]
        if M.shape[0] < 3 or not wanted or M.nnz == 0:
            self.n_topics_ = 0
            self.components_ = np.zeros((0, len(kept)))
            self.selection_ = pd.DataFrame(columns=["n_topics", "npmi", "stability", "score"])
            self.topics_, self.examples_ = empty("topics"), empty("topic_examples")
            return self
        binary = (M > 0).astype(np.float64).tocsc()
        rows = []
        if len(wanted) > 1:  # choose the number of topics on at most max_select_sentences rows
            subset = init_rows[: self.max_select_sentences]
            for k in wanted:
                tops = [self._nmf(subset, k, self.random_state + s) for s in range(self.n_seeds)]
                coherence = float(np.mean([_npmi_columns(binary, self._top_columns(tops[0], t)) for t in range(k)]))
                stability = _stability(tops) if len(tops) > 1 else 1.0
                score = (1 + coherence) / 2 * stability
                rows.append({"n_topics": k, "npmi": coherence, "stability": stability, "score": score})
        self.selection_ = pd.DataFrame(rows, columns=["n_topics", "npmi", "stability", "score"])
        best = (
            int(self.selection_.sort_values(["score", "n_topics"], ascending=[False, True]).iloc[0]["n_topics"])
            if rows
            else wanted[0]
        )
        H = self._nmf(init_rows, best, self.random_state)
        with threadpool_limits(1):
            W = _project(M, H)
        self.n_topics_ = best
        self.components_ = H
        self.topics_, self.examples_ = self._tables(rows_of, M, W)
        return self

    def _nmf(self, rows: sparse.csr_matrix, k: int, seed: int) -> np.ndarray:
        """The ``k`` NMF topics (k × terms) of ``rows``."""
        with threadpool_limits(1):
            nmf = NMF(n_components=k, init="nndsvdar", random_state=seed, max_iter=400)
            nmf.fit(rows)
        return nmf.components_

    def _top_columns(self, H: np.ndarray, k: int, n: int = _TOP) -> np.ndarray:
        order = np.argsort(-H[k], kind="stable")[:n]
        return order[H[k, order] > 0]

    def _tables(self, residual, M, W) -> tuple[pd.DataFrame, pd.DataFrame]:
        word_of: dict[tuple[str, str], str] = {}
        for (term, word, lang), _ in sorted(self._surface.items(), key=lambda kv: (-kv[1], kv[0])):
            word_of.setdefault((term, lang), word)
        languages = np.array([lg if isinstance(lg, str) else "und" for lg in residual["language"]], dtype=object)
        binary = (M > 0).astype(np.float64).tocsc()
        top_topic = np.where(W.max(axis=1) > 0, W.argmax(axis=1), -1)
        topic_rows, example_rows = [], []
        self.seed_terms_ = {}
        for k in range(self.n_topics_):
            coherence = _npmi_columns(binary, self._top_columns(self.components_, k))
            for lang in sorted(set(languages)):
                words, stems = self._language_terms(M, W, languages == lang, k, lang, word_of)
                self.seed_terms_.setdefault(f"topic_{k + 1}", {})[lang] = stems
                if not words:  # a language with nothing on this topic gets no row
                    continue
                topic_rows.append(
                    {
                        "topic": f"topic_{k + 1}",
                        "language": lang,
                        "terms": ", ".join(words),
                        "npmi": round(coherence, 3),
                        "n_sentences": int(((top_topic == k) & (languages == lang)).sum()),
                    }
                )
            shown: set[str] = set()
            for i in np.argsort(-W[:, k], kind="stable"):
                if W[i, k] <= 0 or len(shown) >= 3:
                    break
                row = residual.iloc[i]
                if row["text"] in shown:  # a republished copy says nothing new
                    continue
                shown.add(row["text"])
                example_rows.append(
                    {
                        "topic": f"topic_{k + 1}",
                        "rank": len(shown),
                        "article_id": row["article_id"],
                        "sentence_no": int(row["sentence_no"]),
                        "text": row["text"],
                        "weight": round(float(W[i, k]), 4),
                    }
                )
        return conform(pd.DataFrame(topic_rows), "topics"), conform(pd.DataFrame(example_rows), "topic_examples")

    def _language_terms(self, M, W, mask, k, lang, word_of) -> tuple[list[str], list[str]]:
        """The top words of topic ``k`` in one language, and the stems behind them: its terms
        weighted by how much the language's sentences load on the topic, positive weights only,
        ties broken by the topic's own term weight and then by the term; bridge keys shown
        through the language's word."""
        if not mask.any():
            return [], []
        weight = np.asarray(M[mask].T @ W[mask, k]).ravel() * self.components_[k]
        order = np.lexsort((self.terms_, -self.components_[k], -weight))
        words: list[str] = []
        stems: list[str] = []
        for j in order:
            if weight[j] <= 0 or len(words) >= self.n_terms:
                break
            term = self.terms_[j]
            word = word_of.get((term, lang))
            if word is not None and word not in words:
                words.append(word)
                if term.startswith("w:") and len(term) > 5 and term[2:] not in stems:
                    stems.append(term[2:])
        return words, stems

    def taxonomy_entry(self, topic: str, *, area: str | None = None) -> str:
        """A ready-to-paste taxonomy entry for a discovered topic: its top stems per language as
        seed roots (Belarusian words go with Russian, as the seed matcher reads them), to be named
        and defined by the analyst.

        Parameters
        ----------
        topic : str
            A topic of ``topics_`` (``"topic_1"``, ...).
        area : str, optional
            The area id to give it (default: the topic's name).
        """
        check_is_fitted(self, "components_")
        if topic not in getattr(self, "seed_terms_", {}):
            raise ValueError(f"unknown topic {topic!r}; expected one of {sorted(self.seed_terms_)}")
        area = area or topic
        if not re.fullmatch(r"[a-z][a-z0-9_]*", area):
            raise ValueError(f"area id {area!r} must be lower case letters, digits and underscores")
        terms = self.seed_terms_[topic]
        seeds = {"de": terms.get("de", []), "en": terms.get("en", []), "ru": terms.get("ru", []) + terms.get("be", [])}
        words = ", ".join(w for lang in ("en", "de", "ru") for w in seeds[lang][:3])
        lines = [f"[areas.{area}]", f'name = "{area}"', f'definition = "Discovered topic ({words}): describe it."', ""]
        lines.append(f"[areas.{area}.seeds]")
        for lang in ("de", "en", "ru"):
            roots = list(dict.fromkeys(seeds[lang]))
            lines.append(f"{lang} = [" + ", ".join(f'"{r}"' for r in roots) + "]")
        return "\n".join(lines) + "\n"

    def transform(
        self,
        sentences: pd.DataFrame,
        *,
        model: CooperationAreaModel,
        scores: np.ndarray | None = None,
        names: pd.DataFrame | None = None,
    ) -> pd.DataFrame:
        """The ``sentence_topics`` table: each sentence in scope with the topic it loads most on
        and that weight (sentences loading on none are left out). ``names`` may be the entity
        stage's ``mentions`` of these sentences (``article_id``, ``sentence_no``, ``surface``,
        ``entity_type``), so that they are not matched again."""
        check_is_fitted(self, "components_")
        if scores is None:
            scores = model.transform(sentences)
        mask = unexplained(model, scores) if self.scope == "unexplained" else np.ones(len(sentences), dtype=bool)
        residual = sentences[mask].reset_index(drop=True)
        if self.n_topics_ == 0 or residual.empty:
            return empty("sentence_topics")
        named = None
        people = self.people_
        if names is not None:
            named, people = _names_of(residual, names, people)
        docs, _, _ = self._documents(model, residual, people=people, names=named, count=False)
        M = self._matrix(docs, residual["language"].tolist())
        with threadpool_limits(1):
            W = _project(M, self.components_)
        best = W.argmax(axis=1)
        weight = W[np.arange(len(W)), best]
        keep = weight > 0
        out = pd.DataFrame(
            {
                "article_id": residual["article_id"].to_numpy()[keep],
                "sentence_no": residual["sentence_no"].to_numpy()[keep],
                "topic": [f"topic_{k + 1}" for k in best[keep]],
                "weight": np.round(weight[keep], 4),
            }
        )
        return conform(out, "sentence_topics")


def _names_of(
    sentences: pd.DataFrame, mentions: pd.DataFrame, people: frozenset[str]
) -> tuple[list[set[str]], frozenset[str]]:
    """Each sentence's name words from the entity stage's mentions, and ``people`` with the
    surnames of the officials they name."""
    by_sentence: dict[tuple[str, int], set[str]] = {}
    more = set(people)
    kinds = mentions["entity_type"].tolist() if "entity_type" in mentions else [None] * len(mentions)
    columns = (mentions["article_id"].tolist(), mentions["sentence_no"].tolist(), mentions["surface"].tolist(), kinds)
    for article, number, surface, kind in zip(*columns, strict=True):
        words = [w.casefold() for w in TOKEN_PATTERN.findall(str(surface))]
        by_sentence.setdefault((article, int(number)), set()).update(words)
        if kind == "person":
            more.update(stem(w, script_language(w, None)) for w in words)
    keys = zip(sentences["article_id"].tolist(), sentences["sentence_no"].tolist(), strict=True)
    return [by_sentence.get((a, int(n)), set()) for a, n in keys], frozenset(more)


def _npmi_columns(binary: sparse.csc_matrix, columns: np.ndarray) -> float:
    """:func:`npmi` of the terms in ``columns`` of a binary documents × terms matrix, by sparse
    products instead of a loop over documents (the same value)."""
    if len(columns) < 2:
        return float("nan")
    n = binary.shape[0]
    sub = binary[:, columns]
    joint = np.asarray((sub.T @ sub).todense()) / n
    p = np.diag(joint).copy()
    scores = []
    for i, j in combinations(range(len(columns)), 2):
        pij = joint[i, j]
        if pij == 0:
            scores.append(-1.0)
        elif pij == 1:
            scores.append(1.0)
        else:
            scores.append(math.log(pij / (p[i] * p[j])) / -math.log(pij))
    return float(np.mean(scores))


def _identity(terms: list[str]) -> list[str]:
    return terms


def _project(M: sparse.csr_matrix, H: np.ndarray, n_iter: int = 200) -> np.ndarray:
    """Non-negative loadings of the rows of ``M`` on fixed components ``H`` (multiplicative updates
    from a deterministic start, as NMF's ``transform`` does with the components held fixed)."""
    HHt = H @ H.T
    MHt = np.asarray(M @ H.T)
    W = np.full((M.shape[0], H.shape[0]), 1.0 / max(H.shape[0], 1))
    for _ in range(n_iter):
        W *= MHt / np.maximum(W @ HHt, 1e-12)
    return W


def _stability(components: list[np.ndarray]) -> float:
    """Mean best-match cosine between the topics of the first start and each other start."""
    base = normalize(components[0])
    sims = []
    for other in components[1:]:
        C = base @ normalize(other).T
        sims.append(float(C.max(axis=1).mean()))
    return float(np.mean(sims))


def discover_topics(
    model: CooperationAreaModel,
    sentences: pd.DataFrame,
    *,
    scores: np.ndarray | None = None,
    n_topics: int | str = 6,
    n_terms: int = 8,
    random_state: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``topics`` and ``topic_examples`` tables of :class:`TopicDiscovery` fitted on
    ``sentences`` (kept for callers that want just the two tables)."""
    if n_topics != "auto" and (isinstance(n_topics, bool) or not isinstance(n_topics, int) or n_topics < 1):
        raise ValueError(f"n_topics must be a positive int or 'auto', got {n_topics!r}")
    found = TopicDiscovery(n_topics=n_topics, n_terms=n_terms, random_state=random_state)
    found.fit(sentences, model=model, scores=scores)
    return found.topics_, found.examples_
