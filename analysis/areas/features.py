"""Sentence features for the area model: word stems, seed-area cues, entity-area cues, dismissals.

One featurizer for every language: a sentence becomes a list of feature strings —
``w:<stem>`` for each word (Snowball stem of its language), ``seed:<area>`` for each seed term
that names an area, ``yield:<area>`` for an area named only where an exclusion term covers it
("public transport" is vehicles) or where it serves another area (a construction or transport
word attached to another area's word, or a facility being built: :mod:`analysis.areas.structure`),
``ent:<area>`` for each gazetteer entity that is a cue for an area (MAZ for machinery, Integral for
microelectronics), and ``dismiss`` when the sentence sets a topic aside ("nicht erörtert", "not
discussed", "не обсуждались", "nur am Rande", "postponed"), links to another report ("Read
also: ...", "Читайте также: ...") or only describes a place ("the province has large reserves of
gas", "die Stadt verfügt über ...", "область располагает ...") without naming any cooperation.
The words of the persons' names in a sentence's report (the entity stage's finds) name no area.
Per-word work is cached, so featurizing a corpus costs little more than tokenizing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.areas.seeds import FUNCTION_WORDS, SeedIndex, expand_hyphen_elision, normalize_word
from analysis.areas.structure import SERVING_AREAS, yielded_areas
from analysis.config import LONG_NUMBER, WORD_CACHE_SIZE
from analysis.entities.gazetteer import default_gazetteer
from analysis.entities.matcher import EntityMatcher, default_matcher
from analysis.tokenize import TOKEN_PATTERN, script_language, stem

# Words that set a topic aside in the sentence that names it (whole words, normalized).
_DISMISSAL_WORDS = frozenset(
    """
    nicht kein keine keinen keiner nie weder verschoben vertagt ausgeklammert
    not no nor neither never postponed deferred shelved excluded
    не нет ни отложен отложены отложили исключены
    няма адкладзены
    """.split()
)
_DISMISSAL_PHRASES = re.compile(
    r"nur am rande|lediglich am rande|am rande erwähnt|nicht auf der tagesordnung|only briefly|in passing"
    r"|left for a separate|not on the agenda|вскользь|не вошл|не входил|не обсужд|не рассматрива|на потом"
    # a link to another report names that report's topics, not this one's
    r"|^\W*(?:читайте также|read also|see also|lesen sie auch|чытайце таксама)",
    re.IGNORECASE,
)
# Every dismissal phrase contains one of these (lower case): the regular expression runs only then.
_DISMISSAL_CUES = re.compile(
    "rand|tagesordnung|briefly|passing|separate|agenda|вскользь|не |на потом|читайте|read also|see also|lesen sie"
    "|чытайце"
)


def _dismissal_phrase(text: str) -> bool:
    return _DISMISSAL_CUES.search(text.lower()) is not None and _DISMISSAL_PHRASES.search(text) is not None


# A sentence that only describes a place — what it has, is known for, is presented as — speaks of
# no cooperation ("the province has large reserves of coal", "die Stadt verfügt über ein dichtes
# Netz an Bahnverbindungen", "его резиденты работают в микроэлектронике"), unless it also names
# cooperation, a partner or a deal (_COOPERATION_WORDS): then it is no mere description.
_DESCRIPTION = re.compile(
    r"\bdescrib\w* .{1,80}? as (?:an? |the )?(?:key |major |large |leading |important |rich |big )?"
    r"|\b(?:has|have|boasts) (?:large|rich|vast|huge|significant|considerable|a dense|a developed) "
    r"|\bis (?:home to|known for|famous for|rich in|one of the (?:largest|biggest|leading|main))\b"
    r"|\bspeciali[sz]\w* in\b"
    r"|\bits (?:\w+, )*(?:\w+ (?:and )?)?(?:\w+ )?(?:industries|industry|economy) (?:produces?|includes?)\b"
    r"|\bverfüg\w* (?:\w+ )?über\b|\bist (?:bekannt|reich|berühmt) (?:für|an)\b|\bgilt als\b"
    r"|\bzählt zu den (?:größten|führenden|wichtigsten)\b|\bspezialisiert auf\b|\bauf .{1,40}? spezialisiert\b"
    r"|potenzial\w* .{0,80}?vorgestellt|\bvorgestellt\b.{0,60}?potenzial"
    r"|\bрасполагает\b|\bобладает\b|\bславится\b|\bизвест\w* (?:своими|своим|своей|как)\b|\bбогат\w* \w+ресурс"
    r"|\bявляется одним из (?:крупнейших|ведущих)\b|\bспециализиру\w* на\b|\bрезидент\w* работа\w* в\b"
    r"|потенциал\w* .{0,80}?(?:представ|презент)|(?:представ|презент)\w* .{0,60}?потенциал",
    re.IGNORECASE,
)
_COOPERATION_WORDS = re.compile(
    r"cooperat|collaborat|partner|joint|together|agree|interest|\bready|willing|suppl|export|\bimport(?!an)"
    r"|deliver|\bsign(?:ed|s|ing|ature)?\b|contract|invest|\bbuy|bought|purchas|\border|demand|\bneed|produc"
    r"|assembl|\bopen|zusammenarb|kooper|gemeinsam|vereinbar|abkommen|interess|bereit(?!s)|liefer|ausfuhr"
    r"|einfuhr|vertrag|investi|kauf|bestell|bedarf|nachfrag|produz|herstell|montag|montier|eröffn"
    r"|сотруднич|партн|совместн|договор|соглаш|интерес|готов|постав|экспорт|импорт|контракт|инвест|куп"
    r"|спрос|потребн|производ|сборк|откр|супрацоўн|сумесн|пагадн",
    re.IGNORECASE,
)


# Every description phrase contains one of these (lower case): the regular expressions run only then.
_DESCRIPTION_CUES = tuple(
    f"{verb} {what}"
    for verb in ("has", "have", "boasts")
    for what in ("large", "rich", "vast", "huge", "significant", "considerable", "a dense", "a developed")
) + tuple(f"{head} {verb}" for head in ("industries", "industry", "economy") for verb in ("produce", "include")) + (
    "describ", "is home", "is known", "is famous", "is rich", "is one of", "speciali",
    "verfüg", "ist bekannt", "ist reich", "ist berühmt", "gilt als", "zählt zu", "spezialisiert",
    "potenzial", "располага", "облада", "славится", "извест", "богат",
    "является одним", "специализиру", "резидент", "потенциал",
)  # fmt: skip


def _describes_a_place(text: str) -> bool:
    low = text.lower()
    if not any(cue in low for cue in _DESCRIPTION_CUES):
        return False
    return _DESCRIPTION.search(text) is not None and _COOPERATION_WORDS.search(text) is None


# normalized, features, phrases it may start, areas its seeds name, (areas its exclusion terms
# name, exclusion phrases it may start)
_Word = tuple[
    str,
    tuple[str, ...],
    tuple[tuple[str, ...], ...],
    frozenset[str],
    tuple[frozenset[str], tuple[tuple[str, ...], ...]],
]
_NO_EXCLUSION: tuple[frozenset[str], tuple[tuple[str, ...], ...]] = (frozenset(), ())


def _yielded(text: str, tokens: list[re.Match], words: list[_Word], spans, excluded=None) -> set[str]:
    """The areas the sentence names only where an exclusion term covers them or where they serve
    another area (:func:`~analysis.areas.structure.yielded_areas`)."""
    token_areas = [w[3] for w in words]
    for start, end, areas in spans:
        for k in range(start, end):
            token_areas[k] = token_areas[k] | frozenset(areas)
    named = set().union(*token_areas) if token_areas else set()
    if excluded is not None:
        token_areas = [a - x if x else a for a, x in zip(token_areas, excluded, strict=True)]
    gaps = [text[a.end() : b.start()] for a, b in zip(tokens, tokens[1:], strict=False)]
    kept = set().union(*token_areas) if token_areas else set()
    return (named - kept) | yielded_areas([w[0] for w in words], gaps, token_areas)


def _unnamed(word: _Word) -> _Word:
    """A word of a person's name: its stem stays a feature, it names no area."""
    return (word[0], tuple(f for f in word[1] if not f.startswith("seed:")), (), frozenset(), _NO_EXCLUSION)


def _name_words(names: Iterable[str]) -> frozenset[str]:
    return _words_of_names(tuple(name for name in names if isinstance(name, str)))


@lru_cache(maxsize=4096)
def _words_of_names(names: tuple[str, ...]) -> frozenset[str]:
    """The words of persons' names (a report's names repeat in each of its sentences: cached)."""
    return frozenset(m.group() for name in names for m in TOKEN_PATTERN.finditer(name))


def _some(names) -> bool:
    """Whether ``names`` (a list, an array, or a missing value) holds any name."""
    if isinstance(names, (list, tuple)):
        return len(names) > 0
    return hasattr(names, "__array__") and getattr(names, "size", 0) > 0


def _seed_terms(text: str, tokens: list[re.Match], words: list[_Word], spans) -> list[tuple[int, str, frozenset[str]]]:
    found = [(m.start(), m.group(), w[3]) for m, w in zip(tokens, words, strict=True) if w[3]]
    for start, end, areas in spans:
        found.append((tokens[start].start(), text[tokens[start].start() : tokens[end - 1].end()], frozenset(areas)))
    return found


@dataclass
class Featurizer:
    """Turns sentences into feature strings; see the module docstring."""

    seeds: SeedIndex
    matcher: EntityMatcher | None = None
    entity_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The canonical names of the entities in ``entity_cues`` (what cue terms show for them).
    entity_names: dict[str, str] = field(default_factory=dict)
    _cache: dict[str, dict[str, _Word]] = field(default_factory=dict)  # by language, then word

    @classmethod
    def default(cls, seeds: SeedIndex) -> Featurizer:
        gaz = default_gazetteer()
        cues = {e.entity_id: e.area_cues for e in gaz if e.area_cues}
        names = {e.entity_id: e.canonical_name for e in gaz if e.area_cues}
        return cls(seeds, default_matcher(), cues, names)  # the entity stage's compiled matcher, shared

    def _word(self, word: str, language: str) -> _Word:
        """The word's normalized form, its features and the seed phrases it may start, cached."""
        cache = self._cache.setdefault(language, {})
        hit = cache.get(word)
        if hit is not None:
            return hit
        if len(cache) > WORD_CACHE_SIZE:
            cache.clear()
        norm = normalize_word(word)
        feats = []
        if norm not in FUNCTION_WORDS and not norm.isdigit():
            feats.append("w:" + stem(word, script_language(word, language)))
        areas = self.seeds.word_areas(norm, compounds=language == "de")
        feats += ["seed:" + a for a in sorted(areas)]
        ex = self.seeds.exclusions
        excluded = (ex.word_areas(norm, compounds=language == "de"), ex.phrases_at(norm)) if ex else _NO_EXCLUSION
        hit = (norm, tuple(feats), self.seeds.phrases_at(norm), areas, excluded)
        if LONG_NUMBER.search(word) is None:
            cache[word] = hit
        return hit

    def _words(self, tokens: list[re.Match], lang: str, names: Iterable[str] | None) -> list[_Word]:
        """Each token's word; the words of the persons' ``names`` name no area."""
        cache = self._cache.get(lang) or {}
        words = [cache.get(m.group()) or self._word(m.group(), lang) for m in tokens]
        person = _name_words(names) if _some(names) else None
        if person and not person.isdisjoint(m.group() for m in tokens):
            words = [_unnamed(w) if m.group() in person else w for m, w in zip(tokens, words, strict=True)]
        return words

    def seed_terms(
        self, text: str, language: str | None, names: Iterable[str] | None = None
    ) -> list[tuple[int, str, frozenset[str]]]:
        """The seed terms of a sentence as written: ``(offset, surface, areas)`` for each word and
        phrase whose seeds name areas, in text order (German coordinated compounds restored first,
        as the features see them; offsets are then into that text). ``names``, the persons' names
        in the sentence, name no area."""
        text = text if isinstance(text, str) else ""
        lang = language if language in ("de", "en", "ru") else "ru" if language == "be" else "en"
        text = expand_hyphen_elision(text) if lang == "de" and "-" in text else text
        tokens = list(TOKEN_PATTERN.finditer(text))
        words = self._words(tokens, lang, names)
        return _seed_terms(text, tokens, words, self.seeds.phrase_spans([w[0] for w in words], [w[2] for w in words]))

    def __call__(
        self,
        text: str,
        language: str | None,
        entities: Iterable[str] | None = None,
        *,
        names: Iterable[str] | None = None,
        terms: list | None = None,
    ) -> list[str]:
        """The features of one sentence (missing text has none; an unknown language reads as English).

        ``entities``, the ids of the entities the entity stage found in the sentence, saves matching
        them again; by default the featurizer's matcher finds them. ``names``, the persons' names the
        entity stage found in its report: their words name no area (none by default).
        ``terms``, a list, receives the sentence's seed terms as :meth:`seed_terms` gives them,
        found on the way.
        """
        text = text if isinstance(text, str) else ""
        lang = language if language in ("de", "en", "ru") else "ru" if language == "be" else "en"
        text = expand_hyphen_elision(text) if lang == "de" and "-" in text else text
        tokens = list(TOKEN_PATTERN.finditer(text))
        words = self._words(tokens, lang, names)
        norms = [w[0] for w in words]
        feats = [f for w in words for f in w[1]]
        spans = self.seeds.phrase_spans(norms, [w[2] for w in words])
        if terms is not None:
            terms += _seed_terms(text, tokens, words, spans)
        for _, _, phrase_areas in spans:
            feats += ["seed:" + a for a in sorted(phrase_areas)]
        excluded = None
        if self.seeds.exclusions is not None and any(w[4][0] or w[4][1] for w in words):
            excluded = [set(w[4][0]) for w in words]
            for start, end, areas in self.seeds.exclusions.phrase_spans(norms, [w[4][1] for w in words]):
                for k in range(start, end):
                    excluded[k] |= areas
        if (
            excluded is not None
            or any(w[3] & SERVING_AREAS for w in words)
            or any(a & SERVING_AREAS for _, _, a in spans)
        ):
            feats += ["yield:" + a for a in sorted(_yielded(text, tokens, words, spans, excluded))]
        if entities is None and self.matcher is not None:  # the entity stage gave none: match them here
            entities = [m["entity_id"] for m in self.matcher.find(text, lang)]
        cued = False
        for entity_id in entities if entities is not None else ():
            cues = self.entity_cues.get(entity_id, ())
            feats += ["ent:" + a for a in cues]
            cued = cued or bool(cues)
        names_an_area = bool(spans) or cued or any(w[3] for w in words)
        if (
            not _DISMISSAL_WORDS.isdisjoint(norms)
            or _dismissal_phrase(text)
            or (names_an_area and _describes_a_place(text))  # a description sets aside the areas it names
        ):
            feats.append("dismiss")
        return feats
