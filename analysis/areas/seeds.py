"""Seed terms: the words that name each cooperation area, in German, English and Russian.

The taxonomy file (``analysis/resources/areas.toml``) lists, per area and language, word roots
and phrases of roots. A root matches a word that starts with it (``weiterbild`` matches
"Weiterbildungsprogrammen"); in German, a root of five letters or more also matches inside a
compound ("Abfallbewirtschaftungssystemen" has ``abfall`` and ``bewirtschaft``... and
``sortier`` inside "Müllsortieranlage"). A root of three letters or fewer must be the whole word.
A phrase matches consecutive words. Matching is per distinct word, cached, so a corpus's
vocabulary is looked at once.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.areas.taxonomy import DEFAULT_TAXONOMY
from analysis.config import WORD_CACHE_SIZE
from analysis.tokenize import TOKEN_PATTERN

SEED_LANGUAGES = ("de", "en", "ru")
_MIN_INFIX = 5  # German roots this long also match inside compounds
_MAX_EXACT = 3  # roots this short must be the whole word

#: Function words (articles, prepositions, conjunctions, pronouns, auxiliaries): no word feature of
#: their own, and in a phrase seed a whole word, never a prefix ("building a" is not "building and").
FUNCTION_WORDS = frozenset(
    """
    der die das den dem des ein eine einer eines einem einen und oder in im am an auf aus bei mit nach von vom
    zu zum zur
    für über unter vor sich sie er es ist sind war wurde wurden werden hat haben auch als wie sowie dass
    the a an and or of in on at to for from by with as is are was were be been has have had that this these
    it its their which also
    и в во на с со по к о об от до из за для при что как а но же это его их она он они также был была были
    """.split()
)


def normalize_word(word: str) -> str:
    """Lower case, ё as е, apostrophes dropped: the form seed roots are compared with."""
    return word.casefold().replace("ё", "е").replace("’", "").replace("'", "")


def _part_matches(word: str, root: str) -> bool:
    """A word of a phrase matches its root as a prefix ("зон" for "зоне", "min" for "mining"), a
    function word only as the whole word ("building a" is not "building and")."""
    return word == root if root in FUNCTION_WORDS else word.startswith(root)


@dataclass
class SeedIndex:
    """Seed roots of every area, compiled for matching words and sentences."""

    roots: dict[str, set[str]] = field(default_factory=dict)  # root -> areas (single-word seeds)
    phrases: dict[tuple[str, ...], set[str]] = field(default_factory=dict)  # roots -> areas
    _word_cache: dict[tuple[str, bool], frozenset[str]] = field(default_factory=dict)
    _by_first: dict[str, list[str]] = field(default_factory=dict)
    _phrases_by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    _phrase_cache: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    #: Terms in which an area's seeds do not name it (``[areas.<id>.exclude]``: "public transport"
    #: is vehicles, not logistics); ``None`` when the taxonomy lists none.
    exclusions: SeedIndex | None = None

    @classmethod
    def from_taxonomy(cls, path: str | os.PathLike | None = None) -> SeedIndex:
        """Read the ``seeds`` of every area of a taxonomy file."""
        return cls.from_text(Path(path or DEFAULT_TAXONOMY).read_text(encoding="utf-8"))

    @classmethod
    def from_text(cls, text: str, *, table: str = "seeds") -> SeedIndex:
        """Read the ``seeds`` of every area of a taxonomy file's text (and, as ``exclusions``,
        its ``exclude`` terms; ``table="exclude"`` reads those alone)."""
        data = tomllib.loads(text)
        index = cls()
        for area, spec in data.get("areas", {}).items():
            for lang, terms in (spec.get(table) or {}).items():
                if lang not in SEED_LANGUAGES:
                    raise ValueError(f"area {area!r}: {table} for unknown language {lang!r}; use {SEED_LANGUAGES}")
                index.add(area, terms)
        index._compile()
        if table == "seeds":
            exclusions = cls.from_text(text, table="exclude")
            index.exclusions = exclusions if exclusions.roots or exclusions.phrases else None
        return index

    def add(self, area: str, terms: Iterable[str]) -> None:
        for term in terms:
            parts = tuple(normalize_word(w) for w in TOKEN_PATTERN.findall(term))
            if len(parts) == 1:
                self.roots.setdefault(parts[0], set()).add(area)
            elif parts:
                self.phrases.setdefault(parts, set()).add(area)

    def _compile(self) -> None:
        by_first = defaultdict(list)
        for root in self.roots:
            by_first[root[:2]].append(root)
        self._by_first = dict(by_first)
        phrases_by_first = defaultdict(list)
        for phrase in self.phrases:
            phrases_by_first[phrase[0][:2]].append(phrase)
        self._phrases_by_first = dict(phrases_by_first)
        self._infix = [r for r in self.roots if len(r) >= _MIN_INFIX]
        self._word_cache.clear()
        self._phrase_cache.clear()

    def word_areas(self, word: str, *, compounds: bool = False) -> frozenset[str]:
        """Areas whose single-word roots match ``word`` (a normalized word)."""
        key = (word, compounds)
        hit = self._word_cache.get(key)
        if hit is not None:
            return hit
        found: set[str] = set()
        for root in self._by_first.get(word[:2], ()):
            if word.startswith(root) and (len(root) > _MAX_EXACT or word == root):
                found |= self.roots[root]
        if compounds and len(word) > _MIN_INFIX + 2:
            for root in self._infix:
                if root in word:
                    found |= self.roots[root]
        hit = self._word_cache[key] = frozenset(found)
        return hit

    def phrases_at(self, word: str) -> tuple[tuple[str, ...], ...]:
        """The multi-word seeds whose first root ``word`` (normalized) starts with, cached."""
        hit = self._phrase_cache.get(word)
        if hit is None:
            if len(self._phrase_cache) > WORD_CACHE_SIZE:
                self._phrase_cache.clear()
            by_first = self._phrases_by_first.get(word[:2], ())
            hit = self._phrase_cache[word] = tuple(p for p in by_first if _part_matches(word, p[0]))
        return hit

    def _phrase_hits(self, words: list[str], starts: list[tuple[tuple[str, ...], ...]] | None = None):
        """``(start, phrase)`` for each multi-word seed found in ``words`` (normalized); ``starts``,
        the :meth:`phrases_at` of each word, if the caller has them."""
        for i, phrases in enumerate(starts if starts is not None else map(self.phrases_at, words)):
            for phrase in phrases:
                n = len(phrase)
                if i + n <= len(words) and all(_part_matches(words[i + k], phrase[k]) for k in range(1, n)):
                    yield i, phrase

    def match_phrases(
        self, words: list[str], starts: list[tuple[tuple[str, ...], ...]] | None = None
    ) -> list[set[str]]:
        """For each multi-word seed found in ``words`` (normalized), the areas it names; ``starts``
        as for :meth:`_phrase_hits`."""
        return [self.phrases[phrase] for _, phrase in self._phrase_hits(words, starts)]

    def phrase_spans(
        self, words: list[str], starts: list[tuple[tuple[str, ...], ...]] | None = None
    ) -> list[tuple[int, int, set[str]]]:
        """``(start, end, areas)`` for each multi-word seed found in ``words`` (normalized): the
        phrase covers ``words[start:end]``; ``starts`` as for :meth:`_phrase_hits`."""
        return [(i, i + len(phrase), self.phrases[phrase]) for i, phrase in self._phrase_hits(words, starts)]

    def match(self, text: str, language: str | None = None) -> dict[str, list[str]]:
        """Areas named in ``text``, each with the seed words or phrases that name it."""
        words = [normalize_word(w) for w in TOKEN_PATTERN.findall(text)]
        compounds = language == "de"
        out: dict[str, list[str]] = defaultdict(list)
        for w in words:
            for area in self.word_areas(w, compounds=compounds):
                out[area].append(w)
        for i, phrase in self._phrase_hits(words):
            for area in self.phrases[phrase]:
                out[area].append(" ".join(words[i : i + len(phrase)]))
        return dict(out)


_HYPHEN_ELISION = re.compile(r"\b(\w+)-\s+(und|oder|sowie|bzw\.)\s+(\w+)")
#: Heads German compounds commonly share in "X- und Y<head>" (Umschulungs- und Weiterbildungsprogramme).
_GERMAN_HEADS = (
    "programm", "projekt", "zentr", "anlag", "system", "maschin", "technik", "fahrzeug", "werk", "betrieb",
    "unternehm", "bereich", "wirtschaft", "industri", "produkt", "kurs", "einricht", "verarbeit", "forschung",
)  # fmt: skip


def expand_hyphen_elision(text: str) -> str:
    """Restore the shared head of German coordinated compounds.

    >>> expand_hyphen_elision("an Umschulungs- und Weiterbildungsprogrammen teil")
    'an Umschulungsprogrammen und Weiterbildungsprogrammen teil'
    >>> expand_hyphen_elision("Nord- und Südamerika")
    'Nord- und Südamerika'
    """

    def repl(m: re.Match) -> str:
        first, conj, second = m.groups()
        low = second.casefold()
        for head in _GERMAN_HEADS:
            k = low.find(head, 3)
            if k > 0:
                return f"{first}{second[k:]} {conj} {second}"
        return m.group(0)

    return _HYPHEN_ELISION.sub(repl, text)
