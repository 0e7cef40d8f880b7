"""Who cooperates with whom: regions, enterprises, organisations, countries and officials.

Stage 2 of the pipeline: ``(articles, sentences) -> (mentions, article_entities)``.

Matching works on Snowball stems (:mod:`analysis.tokenize`), so declined and inflected
names match their base form in the gazetteer ("des Gebietes Omsk", "Tomsker Gebiet",
"Томской области", "в Томске"). All aliases are compiled into one hash trie keyed by stem
sequences, walked once per sentence (leftmost-longest match), so the cost does not grow with
the gazetteer. Matches are whole tokens only ("KAMAZ" is not MAZ), need a capitalised token,
and all-capital aliases (MAZ, МАЗ) need an all-capital surface. A proper name of six letters or
more that matches nothing is corrected to an alias stem at edit distance 1 when exactly one is
that close ("Amkador" → Amkodor, "Novosibrisk" → Novosibirsk).

Regions get a role per mention: ``venue`` where the sentence speaks of an event (a meeting, a
forum, "fand ... statt", "состоялся") taking place in that city or region, ``partner`` for any
other mention of a foreign region, ``mentioned`` for Belarus's own oblasts outside a venue. In
``article_entities`` a region is a ``partner`` when any of its mentions is, else ``venue`` or
``mentioned``; the first venue gives the article's ``event_location``.

Officials are found by pattern: a known first name followed by a capitalised surname, with the
office named before it in the same sentence ("Gouverneur des Gebietes Tomsk Wladimir Masur",
"губернатор Томской области Владимир Мазур"). Spellings of one person across transliterations
(Masljak / Maslyak / Масляк) share a key built from a consonant skeleton of the romanised name.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress, count
from operator import attrgetter, itemgetter
from typing import NamedTuple

import numpy as np
import pandas as pd
from rapidfuzz.distance import OSA

from analysis.config import LONG_NUMBER, RESOURCES_DIR, WORD_CACHE_SIZE
from analysis.entities.gazetteer import Gazetteer, default_gazetteer
from analysis.entities.orgnames import abbreviations, chunk_cue, find_org_names, name_key, trade_direction
from analysis.schema import TABLES, conform
from analysis.tokenize import TOKEN_PATTERN, iter_tokens, script_language, stem

MENTION_COLUMNS = TABLES["mentions"]
ARTICLE_ENTITY_COLUMNS = TABLES["article_entities"]
ROLES = ("partner", "venue", "mentioned")
_MIN_FUZZY = 6
_LEAD = 2  # sentences that tell the event in a wire report
_MAX_CAPS = 4  # abbreviations up to this length (MAZ, МТЗ) match only in capitals
_END = ""  # trie key under which an alias's entry sits
_FORM = "="  # prefix of index keys that are name forms rather than stems
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
_RU_ENDINGS = ("ами", "ому", "ого", "ом", "ем", "ой", "ов", "ев", "ам", "ах", "а", "у", "е", "ы", "и", "я", "ю")

# Words that make a sentence speak of an event happening somewhere: German stems are looked for
# inside compounds ("Gesundheitsmesse"), Russian and Belarusian ones as word starts, English ones
# as whole stems.
_EVENT_CUES = {
    "de": (
        "statt sitzung treff forum mess ausstell konferenz tagung verhandl besuch gesprach gespräch empfang"
        " unterzeichn eroffn eröffn gastgeb beratung gipfel"
    ).split(),
    "en": "held hold took meet met forum fair exhibit confer talk session visit receiv sign open host summit".split(),
    "ru": (
        "состоя прошл прошед проход заседан встреч форум выставк ярмарк конференц переговор визит посет подписа"
        " откры принял принима побыва саммит адбыл прайшл пасяджэнн сустрэч выстав навед падпіс"
    ).split(),
}
# (the German cues as one pattern, the others as a set and a tuple of starts)
_DE_EVENT_CUE = re.compile("|".join(map(re.escape, _EVENT_CUES["de"])))
_EN_EVENT_CUES = frozenset(_EVENT_CUES["en"])
_RU_EVENT_CUES = tuple(_EVENT_CUES["ru"])
_EVENT_NOUNS = ("forum", "форум", "messe", "fair", "exhibition", "выставк", "ярмарк", "expo")
_PLACE_PREPOSITIONS = {"in", "im", "at", "в", "во", "у", "ў", "nach", "to"}
_CAPITAL_WORDS = ("hauptstadt", "capital", "столиц", "сталіц", "verwaltungszentrum")
# Offices that introduce an official's name (word starts, all languages).
_OFFICE_CUES = tuple(
    (
        "gouverneur vizegouverneur minister ministerin vorsitzend botschafter direktor generaldirektor prasident"
        " stellvertret leiter chef rektor akim chokim hokim burgermeist bürgermeist"
        " governor minister chairman chairwoman chair ambassador director president deputy head rector mayor"
        " khokim"
        " губернатор министр председател посол директор генеральн президент заместител глав ректор аким хоким мэр"
        " губернатар міністр старшын пасол дырэктар намеснік кіраўнік"
    ).split()
)


# German compounds that end in an office ("Industrieminister", "Vizegouverneur")
_GERMAN_OFFICE_HEADS = (
    "minister", "ministerin", "ministers", "präsident", "präsidenten", "gouverneur", "gouverneurs", "botschafter",
    "bürgermeister", "direktor", "vorsitzende", "vorsitzender", "vorsitzenden",
)  # fmt: skip
# Offices in canonical English: (cue stems, title), compounds and longer titles first
_OFFICES = (
    (("vizepremier", "vice-premier", "vice premier", "вице-премьер"), "Deputy Prime Minister"),
    (
        ("ministerpräsident", "prime minister", "премьер-министр", "прэм'ер-міністр", "premierminister"),
        "Prime Minister",
    ),
    (("generalkonsul", "consul general", "генеральный консул", "генерального консула", "генконсул"), "Consul General"),
    (("generaldirektor", "director general", "general director", "генеральн"), "Director General"),
    (("vizegouverneur", "vice-governor", "vice governor", "вице-губернатор"), "Vice-Governor"),
    (("gouverneur", "governor", "губернатор", "губернатар"), "Governor"),
    (("botschafter", "ambassador", "посол", "посл", "пасол"), "Ambassador"),
    (("direktor", "director", "директор", "дырэктар"), "Director"),
    (("vorsitzend", "chairman", "chairwoman", "chair", "председател", "старшын"), "Chairman"),
    (("präsident", "prasident", "president", "президент", "прэзідэнт"), "President"),
    (("bürgermeist", "burgermeist", "mayor", "мэр"), "Mayor"),
    (("rektor", "rector", "ректор"), "Rector"),
    (("akim", "аким", "хоким", "khokim", "hokim"), "Akim"),
    (("minister", "министр", "міністр"), "Minister"),
    (("leiter", "chef", "oberhaupt", "head", "глав", "кіраўнік"), "Head"),
)
_MODIFIERS = (
    (("erst", "first", "перв", "перш"), "First"),
    (("stellvertret", "vize", "vice", "deputy", "заместител", "намеснік"), "Deputy"),
    (("amtierend", "acting", "исполняющ", "выконваюч"), "Acting"),
)
# What a minister is minister of, in the terms of Belarus's ministries
_PORTFOLIOS = (
    (("industrie", "industry", "промышленност", "прамысловасц"), "Industry"),
    (("naturressourc", "natural resources", "природных ресурс", "прыродных рэсурс"), "Natural Resources"),
    (("bildung", "education", "образовани", "адукацы"), "Education"),
    (("gesundheit", "health", "здравоохранени", "аховы здароўя"), "Health"),
    (("landwirtschaft", "agricultur", "сельского хозяйства", "сельскай гаспадаркі"), "Agriculture and Food"),
    (("außen", "auswärtig", "foreign affairs", "иностранных дел", "замежных спраў"), "Foreign Affairs"),
    (("wirtschaft", "econom", "экономики", "эканомікі"), "Economy"),
    (("energ", "энергетики", "энергетыкі"), "Energy"),
    (("verkehr", "transport", "транспорта"), "Transport and Communications"),
    (("handel", "trade", "торговли", "гандлю"), "Trade"),
    (("kultur", "culture", "культуры", "культуры"), "Culture"),
    (("bau", "architektur", "architecture", "архитектуры", "строительства"), "Architecture and Construction"),
)


def office_title(surface: str | None, places: Sequence[str] = ()) -> str | None:
    """An official's office in canonical English from the words written before the name.

    ``places`` are the canonical names of the regions, countries or bodies named in ``surface``
    (the matcher's), of which the first makes the "of ..." part.

    >>> office_title("Industrieminister"), office_title("заместителем министра образования")
    ('Minister of Industry', 'Deputy Minister of Education')
    >>> office_title("Gouverneurs des Gebietes Tomsk", ["Tomsk Oblast"])
    'Governor of Tomsk Oblast'
    >>> office_title("stellvertretenden Ministerpräsidenten"), office_title("Staff of the plant") is None
    ('Deputy Prime Minister', True)
    """
    if not surface:
        return None
    return _office_title(surface, tuple(places))


@lru_cache(maxsize=1 << 14)
def _office_title(surface: str, places: tuple[str, ...]) -> str | None:
    text = surface.casefold()
    # "Ministerrat" (the Council of Ministers) and "Ministerium" are no minister
    words = [w for w in re.findall(r"[\w'’-]+", text) if not w.startswith(("ministerrat", "ministerium"))]
    base = None
    for cues, title in _OFFICES:
        for w in words:
            if (
                w.startswith(cues)
                or any(" " in c and c in text for c in cues)
                or (len(w) > 8 and w.endswith(tuple(c for c in cues if len(c) >= 6)))
            ):
                base = title
                break
        if base:
            break
    if base is None:
        return None
    head = next(k for k, w in enumerate(words) if _office_word(w, base))
    mods = [t for cues, t in _MODIFIERS if any(w.startswith(cues) for w in words[: head + 1])]
    if base.startswith(("Deputy", "Vice")):  # "Vizepremier", "Vizegouverneur": the title says it already
        mods = [m for m in mods if m != "Deputy"]
    title = " ".join([*mods, base])
    if base == "Minister":
        portfolio = next((name for cues, name in _PORTFOLIOS if any(c in text for c in cues)), None)
        return f"{title} of {portfolio}" if portfolio else title
    if places and base not in ("Ambassador", "Consul General"):
        return f"{title} of {places[0]}"
    return title


def _office_word(word: str, base: str) -> bool:
    cues = next(c for c, t in _OFFICES if t == base)
    return (
        word.startswith(cues)
        or (len(word) > 8 and word.endswith(tuple(c for c in cues if len(c) >= 6)))
        or any(" " in c for c in cues)
    )


class _Info(NamedTuple):
    """What a word is to the matcher, computed once per word and language."""

    keys: tuple[str, ...]  # its stem and name forms (or their typo corrections)
    starts: bool  # some alias starts with one of its keys
    fuzzy: bool
    event: bool  # a word of events: meeting, forum, "took place"
    office: bool  # a word of offices: governor, minister
    modifier: bool  # deputy, first, acting
    first_name: str | None  # the canonical first name it is, if any
    place: bool  # a place preposition: in, at, в


_IS_EVENT = attrgetter("event")
_STARTS = attrgetter("starts")
_PLACE = attrgetter("place")
_FIRST_NAME = attrgetter("first_name")
_START = itemgetter("start")


class _Tokens:
    """A sentence's words, what the matcher knows of each, and their character spans (found when
    first asked for, and only as far as asked: most words are looked up, few need their place)."""

    __slots__ = ("text", "words", "infos", "cue", "_spans")

    def __init__(self, text: str, words: list[str], infos: list[_Info], cue: bool | None = None):
        # cue: whether the text holds a cue of the organisation patterns (None: not known)
        self.text, self.words, self.infos, self.cue, self._spans = text, words, infos, cue, []

    @property
    def spans(self) -> list[tuple[int, int]]:
        return self.upto(len(self.words) - 1)

    def upto(self, k: int) -> list[tuple[int, int]]:
        """The spans list, known at least up to word ``k``."""
        spans = self._spans
        if len(spans) <= k:
            # each word is the first match at or after the end of the one before, and no
            # character between two words can start a word, so str.find lands on the match
            end, find = (spans[-1][1] if spans else 0), self.text.find
            for word in self.words[len(spans) : k + 1]:
                start = find(word, end)
                end = start + len(word)
                spans.append((start, end))
        return spans


@dataclass(frozen=True)
class _Entry:
    entity_id: str
    length: int
    caps: int  # for an abbreviation in capitals, its length: the surface starts with that many capitals
    city: str | None
    priority: int  # lower wins when one alias names several entities


class EntityMatcher:
    """A compiled gazetteer: finds entity mentions in sentences.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the shipped one (:func:`analysis.entities.gazetteer.default_gazetteer`).

    Examples
    --------
    >>> m = EntityMatcher()
    >>> found = m.find("Der Gouverneur des Gebietes Omsk kaufte MAZ-Busse.", "de")
    >>> [(x["canonical_name"], x["surface"]) for x in found]
    [('Omsk Oblast', 'Gebietes Omsk'), ('MAZ', 'MAZ')]
    >>> [x["canonical_name"] for x in m.find("KAMAZ und MAZ liefern nach Томской области.", "de")]
    ['KAMAZ', 'MAZ', 'Tomsk Oblast']
    """

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer

    def _compiled(self):
        if not hasattr(self, "trie_"):
            self._compile()
        return self

    def _compile(self) -> None:
        gaz = self.gazetteer or default_gazetteer()
        self.entities_ = gaz.entities
        index: dict[tuple[str, ...], _Entry] = {}
        for alias in gaz.aliases:
            entity = gaz.entities[alias.entity_id]
            tokens = [t for t, _, _ in iter_tokens(alias.text)]
            if not tokens:
                continue
            caps = len(alias.text) if alias.text.isupper() and len(tokens) == 1 and len(alias.text) <= _MAX_CAPS else 0
            # a city alias that is the region's own name ranks before other cities of that name (Minsk: BY-HM)
            priority = 0 if alias.city is None or alias.city == entity.canonical_name else 1
            if len(tokens) == 1 and entity.entity_type in ("enterprise", "organisation"):
                # one-word company names are matched by their form, not their stem ("Integrated" is not Integral)
                keys = {(_FORM + _name_forms(tokens[0])[0],)}
            else:
                languages = {"en": ["en"], "de": ["de"], "ru": ["ru"], "be": ["ru"]}.get(
                    alias.language or "", ["de", "en"]
                )
                keys = {tuple(stem(t, script_language(t, lang)) for t in tokens) for lang in languages}
                # Snowball cuts "-ом" off a base form but not off its cases (облисполком / облисполкома)
                keys |= {k[:-1] + (stem(tokens[-1] + "а", "ru"),) for k in keys if _CYRILLIC_WORD.fullmatch(tokens[-1])}
            for key in keys:
                entry = _Entry(alias.entity_id, len(key), caps, alias.city, priority)
                old = index.get(key)
                if old is None or entry.priority < old.priority:
                    index[key] = entry
        # one trie over all aliases: nested dicts keyed by stem, the entry under _END
        self.trie_: dict = {}
        for key, entry in index.items():
            node = self.trie_
            for part in key:
                node = node.setdefault(part, {})
            node[_END] = entry
        vocabulary = {part for key in index for part in key}
        deletions: dict[str, set[str]] = defaultdict(set)
        for word in vocabulary:
            if len(word.lstrip(_FORM)) >= _MIN_FUZZY - 1:
                for variant in _deletions(word):
                    deletions[variant].add(word)
        self.vocabulary_, self.deletions_ = vocabulary, dict(deletions)
        # enterprises and bodies by the key of each name (analysis.entities.orgnames.name_key), so that a
        # name found by its form that the gazetteer knows under another spelling is the listed one
        org_keys: dict[str, str] = {}
        for alias in gaz.aliases:
            if gaz.entities[alias.entity_id].entity_type in ("enterprise", "organisation"):
                org_keys.setdefault(name_key(alias.text), alias.entity_id)
        abbreviated: dict[str, set[str]] = defaultdict(set)
        for alias in gaz.aliases:
            if gaz.entities[alias.entity_id].entity_type == "enterprise" and not alias.text.isupper():
                for abbr in abbreviations(alias.text):
                    abbreviated[name_key(abbr)].add(alias.entity_id)
        for key, ids in abbreviated.items():
            if len(ids) == 1 and key not in org_keys:  # an abbreviation of one company only
                org_keys[key] = ids.pop()
        self.org_keys_ = org_keys
        self.org_types_ = {entity_id: _org_type(entity) for entity_id, entity in gaz.entities.items()}
        self.token_cache_: dict[str | None, dict[str, _Info]] = {}
        self.chunk_cache_: dict[str | None, dict[str, tuple[list[str], list[_Info]]]] = {}

    def _correct(self, word: str) -> str | None:
        """The one vocabulary stem at edit distance 1 from ``word`` (same first letter), if exactly one."""
        found = {c for v in _deletions(word) for c in self.deletions_.get(v, ())}
        lead = 1 if word.startswith(_FORM) else 0  # compare letters, not the form prefix
        found = {c for c in found if c[: lead + 1] == word[: lead + 1] and OSA.distance(word, c) == 1}
        return found.pop() if len(found) == 1 else None

    def tokens(self, text: str, language: str | None) -> _Tokens:
        """The words of ``text`` with what the matcher needs to know of each (cached by word)."""
        self._compiled()
        return self._tokens(text, language)

    def _tokens(self, text: str, language: str | None) -> _Tokens:
        # No word spans whitespace, so the words of a text are those of its whitespace-separated
        # chunks in turn; a chunk ("Tomsk,", "(BelTA)") is split and its words described once.
        chunks = self.chunk_cache_.get(language)
        if chunks is None or len(chunks) > WORD_CACHE_SIZE:
            chunks = self.chunk_cache_[language] = {}
        words: list[str] = []
        infos: list[_Info] = []
        cue = False
        for chunk in text.split():
            entry = chunks.get(chunk)
            if entry is None:
                entry = self._chunk(chunk, language)
                if LONG_NUMBER.search(chunk) is None:
                    chunks[chunk] = entry
            words += entry[0]
            infos += entry[1]
            if entry[2] is not False and not cue:
                cue = entry[2] or " (" in text
        return _Tokens(text, words, infos, cue)

    def _chunk(self, chunk: str, language: str | None) -> tuple[list[str], list[_Info], bool | None]:
        """The words of a text without whitespace, what the matcher knows of each, and its
        :func:`~analysis.entities.orgnames.chunk_cue`."""
        cache = self.token_cache_.get(language)
        if cache is None or len(cache) > WORD_CACHE_SIZE:
            cache = self.token_cache_[language] = {}
        words = TOKEN_PATTERN.findall(chunk)
        infos = []
        for word in words:
            info = cache.get(word)
            if info is None:
                info = self._describe(word, language)
                if LONG_NUMBER.search(word) is None:
                    cache[word] = info
            infos.append(info)
        return words, infos, chunk_cue(chunk)

    def _describe(self, tok: str, language: str | None) -> _Info:
        lang = script_language(tok, language)
        s = stem(tok, lang)
        own = [s, *(_FORM + f for f in _name_forms(tok))]
        corrected = []
        capitalised = tok[0].isupper() and not tok.isupper()
        if capitalised and len(s) >= _MIN_FUZZY and not any(k in self.vocabulary_ for k in own):
            corrected = [c for c in (self._correct(own[0]), self._correct(own[1])) if c]
        if lang == "de":
            event = _DE_EVENT_CUE.search(s) is not None
        elif lang == "en":
            event = s in _EN_EVENT_CUES
        else:
            event = s.startswith(_RU_EVENT_CUES)
        keys = tuple(corrected or own)
        low = tok.casefold()
        if not corrected and not any(k in self.trie_ for k in own):
            keys += self._compound_keys(tok)
        return _Info(
            keys=keys,
            starts=any(k in self.trie_ for k in keys),
            fuzzy=bool(corrected),
            event=event,
            office=low.startswith(_OFFICE_CUES)
            or (lang == "de" and tok[0].isupper() and low.endswith(_GERMAN_OFFICE_HEADS)),
            modifier=low.startswith(_OFFICE_MODIFIERS),
            first_name=_first_names().get(s) if capitalised else None,
            place=low in _PLACE_PREPOSITIONS,
        )

    def _compound_keys(self, tok: str) -> tuple[str, ...]:
        """A listed enterprise's one-word name at the end of a compound that joins a prefix to it
        at a capital letter ("KazBelAZ" is BelAZ's joint venture, as "MTZ-Tatarstan" is MTZ's)."""
        if tok[2 : len(tok) - 3].islower():  # no capital where a name could start: most words
            return ()
        for k in range(2, len(tok) - 3):
            if tok[k].isupper() and tok[k - 1].islower():
                key = _FORM + _name_forms(tok[k:])[0]
                entry = self.trie_.get(key, {}).get(_END)
                if entry is not None and self.entities_[entry.entity_id].entity_type == "enterprise" and not entry.caps:
                    return (key,)
        return ()

    def find(self, text: str, language: str | None, tokens: _Tokens | None = None) -> list[dict]:
        """Entity mentions in one text: dicts with entity fields, ``surface``, ``start``, ``end``."""
        tokens = self.tokens(text, language) if tokens is None else tokens
        infos = tokens.infos
        out, after = [], 0  # the first token after the last match
        for i in compress(count(), map(_STARTS, infos)):
            if i < after:
                continue
            hit = self._match_at(i, tokens)
            if hit is None:
                continue
            entry, n = hit
            entity = self.entities_[entry.entity_id]
            spans = tokens.upto(i + n - 1)
            start, end = spans[i][0], spans[i + n - 1][1]
            out.append(
                {
                    "entity_id": entity.entity_id,
                    "entity_type": entity.entity_type,
                    "canonical_name": entity.canonical_name,
                    "iso_code": entity.iso_code,
                    "country": entity.country,
                    "surface": text[start:end],
                    "start": start,
                    "end": end,
                    "city": entry.city,
                    "fuzzy": infos[i].fuzzy if n == 1 else any(info.fuzzy for info in infos[i : i + n]),
                    "token": i,
                    "source": "gazetteer",
                    "org_type": self.org_types_[entity.entity_id],
                }
            )
            after = i + n
        return _drop_foreign_bodies(out, text) if len(out) > 1 else out

    def discover(
        self, text: str, found: list[dict], definitions: dict | None = None, *, cue: bool | None = None
    ) -> list[dict]:
        """Organisations in ``text`` that the gazetteer's ``found`` mentions miss, found by their
        form (:func:`analysis.entities.orgnames.find_org_names`): mention dicts like :meth:`find`'s, with
        ``source`` ``pattern``; a name the gazetteer knows under another spelling (the same
        :func:`~analysis.entities.orgnames.name_key`) is the gazetteer's entity. ``cue`` is passed on to
        :func:`~analysis.entities.orgnames.find_org_names` (the :class:`_Tokens` of ``text`` know it)."""
        self._compiled()
        out = []
        for item in find_org_names(text, found, definitions, cue=cue):
            listed = self.org_keys_.get(item["key"])
            if listed is not None:
                entity = self.entities_[listed]
                fields = {
                    "entity_id": entity.entity_id,
                    "entity_type": entity.entity_type,
                    "canonical_name": entity.canonical_name,
                    "country": entity.country,
                    "source": "gazetteer",
                    "org_type": _org_type(entity),
                }
            else:
                fields = {
                    "entity_id": "org:" + item["key"].replace(" ", "-"),
                    "entity_type": "enterprise" if item["org_type"] == "enterprise" else "organisation",
                    "canonical_name": item["canonical_name"],
                    "country": item["country"],
                    "source": "pattern",
                    "org_type": item["org_type"],
                }
            out.append(
                {
                    **fields,
                    "iso_code": None,
                    "surface": item["surface"],
                    "start": item["start"],
                    "end": item["end"],
                    "city": None,
                    "fuzzy": False,
                    "token": None,
                }
            )
        return out

    def _match_at(self, i: int, tokens: _Tokens) -> tuple[_Entry, int] | None:
        """The longest alias starting at token ``i`` whose case rules hold, if any."""
        best = None
        infos, words = tokens.infos, tokens.words
        trie = self.trie_
        frontier = [trie[k] for k in infos[i].keys if k in trie]
        first = words[i]
        capitalised = first[0].isupper()
        for j in range(i, len(infos)):
            if j > i:
                frontier = [node[k] for node in frontier for k in infos[j].keys if k in node]
            if not frontier:
                break
            for node in frontier:
                entry = node.get(_END)
                # a capitalised word in the span; abbreviations (MAZ, МАЗа) in capitals
                if (
                    entry is not None
                    and (not entry.caps or first[: entry.caps].isupper())
                    and (capitalised or any(w[0].isupper() for w in words[i + 1 : j + 1]))
                ):
                    best = (entry, j - i + 1)
                    break
        return best


def _org_type(entity) -> str | None:
    """enterprise, bank, university or body for a listed enterprise or organisation."""
    if entity.entity_type == "enterprise":
        return "enterprise"
    if entity.entity_type != "organisation":
        return None
    name = entity.canonical_name.casefold()
    if "bank" in name:
        return "bank"
    if "university" in name or "academy" in name:
        return "university"
    return "body"


def _name_forms(token: str) -> list[str]:
    """A name's form and, for inflected names, its form without a case ending (МАЗа → маз, MAZ's → maz)."""
    word = token.casefold().replace("ё", "е").replace("’", "'")
    word = word[:-2] if word.endswith("'s") else word
    forms = [word]
    if _CYRILLIC_WORD.fullmatch(word):
        forms += [word[: -len(e)] for e in _RU_ENDINGS if word.endswith(e) and len(word) - len(e) >= 3]
    return forms


def _drop_foreign_bodies(found: list[dict], text: str) -> list[dict]:
    """Drop a Belarusian body matched by a generic name that a foreign place qualifies
    ("Ministry of Health of Uzbekistan", "Министерство образования Омской области")."""
    keep = []
    for k, m in enumerate(found):
        nxt = found[k + 1] if k + 1 < len(found) else None
        if (
            m["entity_type"] == "organisation"
            and m["country"] == "BY"
            and nxt is not None
            and nxt["entity_type"] in ("region", "country")
            and nxt["country"] != "BY"
            and re.fullmatch(r"\s*(?:of|of the|des|der|для)?\s*", text[m["end"] : nxt["start"]])
        ):
            continue
        keep.append(m)
    return keep


def _deletions(word: str) -> set[str]:
    return {word, *(word[:k] + word[k + 1 :] for k in range(len(word)))}


def _region_role(mention: dict, text: str, tokens: _Tokens, event: bool, previous: list[dict], *, lead: bool) -> str:
    """``venue``, ``partner`` or ``mentioned`` for one region mention in its sentence.

    A venue is a city or region named after a place preposition ("in Tomsk", "в Томске", "in der
    Hauptstadt Kasan") in a sentence about an event, a city right before an event noun ("the
    Kazan forum"), or a region in apposition to a venue ("in Kazan, the capital of Tatarstan"). In
    a report's lead sentences, which tell the event, a city after a place preposition is a venue.
    """
    i = mention["token"]
    at_place = any(map(_PLACE, tokens.infos[max(0, i - 3) : i]))
    named_event = mention["city"] is not None and (
        text[mention["end"] : mention["end"] + 20].casefold().lstrip(" -").startswith(_EVENT_NOUNS)
    )
    apposition = (
        bool(previous)
        and previous[-1].get("role") == "venue"
        and any(w in text[previous[-1]["end"] : mention["start"]].casefold() for w in _CAPITAL_WORDS)
    )
    # the goods-site pattern is the costliest test: only asked when the rest would make a venue
    if (
        (
            (event or (lead and mention["city"] is not None))
            and at_place
            and _GOODS_SITE.search(text[max(0, mention["start"] - 50) : mention["start"]]) is None
        )
        or named_event
        or apposition
    ):
        return "venue"
    if mention["country"] == "BY" or _not_a_partner(mention, text, previous):
        return "mentioned"
    return "partner"


# Sentences that are no part of the report's story: a dateline repeated inside the text
# ("KASAN, 3. Mai (BelTA) -", "ОМСК, 12 мая — РИА Новости."), a bare place name, a link to another
# report ("Read also:", "Читайте также:", "Lesen Sie auch:")
_DATELINE = re.compile(r"^\s*[A-ZÄÖÜА-ЯЁІЎ][A-ZÄÖÜА-ЯЁІЎ .-]{2,30},\s*\d{1,2}\.?\s+\w+")
_TEASER = re.compile(
    r"^\s*(?:read (?:also|more)|see also|lesen sie (?:auch|mehr)|siehe auch|читайте (?:также|еще|ещё)|"
    r"см\. также|смотрите также|чытайце (?:таксама|яшчэ))\b",
    re.IGNORECASE,
)
# Words for a diplomatic mission or an office whose seat a place is ("the consulate general in X")
_SEAT_WORDS = tuple(
    (
        "konsul generalkonsul botschaft vertretung handelsvertretung büro buro"
        " consul embassy mission representation office"
        " консул генконсул посольств представительств консульств отделени офис"
        " консул пасольств прадстаўніцтв"
    ).split()
)
_CLAUSE_BREAK = re.compile(r"[,;:–—()]")
_WORD_RE = re.compile(r"[\w'’-]+")
# Verbs of geography ("X borders Y", "grenzt an", "граничит с"): the places after them are scenery
_NEIGHBOURS = re.compile(
    r"(?i)\b(?:neighbou?rs|borders|bordering|grenzt an|grenzen an|граничит|граничат|соседствует|мяжуе)\b"
)
# Where goods go or are made is no venue: "deliveries to X", "assembly of tractors at a site in X",
# "Lieferungen nach X", "сборку ... на площадке в X", "поставки в X"
_GOODS_SITE = re.compile(
    r"(?i)(?:deliver|supplie|suppl(?:y|ied) to|shipp|export|assembl|production site|plant in|factory in|"
    r"liefer|montage|montier|export|produktionsstätte|standort|"
    r"поставк|постав[лию]|отгруз|экспорт|сборк|собира|производств|площадк|"
    r"пастаўк|зборк|вытворчасц)[^.;:]{0,40}$"
)
_NAME_COMPOUND = re.compile(
    r"-(?:Union|Verband|Verein|Gesellschaft|Kammer|Universität|Institut|Bank|Stiftung|Akademie)\b"
)
_AND = re.compile(r"^\s*(?:,|and|und|и|і|&)\s*$", re.IGNORECASE)
# National capitals that stand for their state when paired with Minsk ("Minsk and Moscow")
_NATIONAL_CAPITALS = ("Moscow", "Beijing", "Astana", "Tashkent", "Almaty")


def _not_a_partner(mention: dict, text: str, previous: list[dict]) -> bool:
    """A foreign region named where the sentence does not present it as a partner: in a dateline or
    a link to another report, as the seat of a mission ("Belarus' consulate general in X"), as a
    neighbour in a geographic description, or as a capital paired with Minsk for the two states."""
    if _TEASER.match(text) or _DATELINE.match(text) or len(text.split(maxsplit=2)) <= 2:
        return True
    before = text[max(0, mention["start"] - 60) : mention["start"]].casefold()
    clause = _CLAUSE_BREAK.split(before)[-1]
    if any(w.startswith(_SEAT_WORDS) for w in _WORD_RE.findall(clause)[-5:]):
        return True
    if _NAME_COMPOUND.match(text, mention["end"]):  # "die Guangdong-Union für ...": part of a body's name
        return True
    if _NEIGHBOURS.search(before):
        return True
    if mention.get("city") in _NATIONAL_CAPITALS:
        after = text[mention["end"] : mention["end"] + 12]
        paired = [
            m for m in previous if m.get("canonical_name") == "Minsk" and _AND.match(text[m["end"] : mention["start"]])
        ]
        if paired or re.match(r"^\s*(?:and|und|и|і)\s+(?:Minsk|Минск|Мінск)", after):
            return True
    return False


@cache
def _first_names() -> dict[str, str]:
    """Stem of a first name (any language) → canonical English first name."""
    names: dict[str, str] = {}
    with (RESOURCES_DIR / "first_names.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for variant in row["variants"].split("|"):
                for lang in ("de", "en"):
                    names[stem(variant, script_language(variant, lang))] = row["canonical"]
    return names


_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіў",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch  y  e yu ya i v".split(" "),
        strict=True,
    )
)
_SKELETON_RULES = [
    (r"schtsch|shch", "s"),
    (r"tsch|tch", "c"),
    (r"sch|sh|zh", "s"),
    (r"ch|kh|h", "c"),
    (r"x", "ks"),
    (r"ts|tz|z", "s"),
    (r"w", "v"),
    (r"[jy]", "i"),
    (r"(.)\1+", r"\1"),
]


def _romanise(name: str) -> str:
    return "".join(_TRANSLIT.get(ch, ch) for ch in name.casefold())


@lru_cache(maxsize=1 << 16)
def person_key(first: str, last: str) -> str:
    """A key that one person's name shares across transliterations and cases.

    The first name is read through the first-name list (Sergej, Sergey, Сергей, Сергеем →
    Sergei); the surname loses Russian case endings; both are romanised and reduced to their
    consonants after merging the letters transliterations disagree on (w/v, s/z, j/y/i, ch/kh/h).

    >>> person_key("Sergej", "Masljak") == person_key("Sergei", "Maslyak") == person_key("Сергей", "Масляк")
    True
    >>> person_key("Wladimir", "Masur") == person_key("Vladimir", "Mazur") == person_key("Владимиром", "Мазуром")
    True
    """
    names = _first_names()
    first = names.get(stem(first, script_language(first, "de")), first)
    parts = []
    for word in (first, _surname_base(last)):
        s = _romanise(word)
        for pattern, repl in _SKELETON_RULES:
            s = re.sub(pattern, repl, s)
        parts.append(re.sub(r"[aeiou]", "", s))
    return " ".join(parts)


_DE_TO_EN = {"tsch": "ch", "sch": "sh", "ch": "kh", "w": "v", "j": "y", "ss": "s"}
_DE_TO_EN_PATTERN = re.compile("|".join(_DE_TO_EN))  # longest first: tsch before sch before ch


def _german_to_english(name: str) -> str:
    """English transliteration of a Russian name as German writes it (Michnewitsch → Mikhnevich).

    >>> [_german_to_english(n) for n in ("Masljak", "Michnewitsch", "Wereschtschagin")]
    ['Maslyak', 'Mikhnevich', 'Vereshchagin']
    """
    return _DE_TO_EN_PATTERN.sub(lambda m: _DE_TO_EN[m.group(0)], name.casefold()).title()


def _surname_base(word: str) -> str:
    """Drop common Russian case endings from a surname (Мазуром → Мазур, Масляка → Масляк)."""
    if re.search(r"[\u0400-\u04ff]", word):
        return re.sub(r"(ым|ом|ем|ой|ую|ого|ому|ему|а|у|е|ы)$", "", word) if len(word) > 4 else word
    return re.sub(r"s$", "", word) if word.endswith(("ows", "ews", "ins")) else word


_OFFICE_MODIFIERS = tuple(
    "erst stellvertret vize first vice deputy acting перв заместител исполняющ перш намеснік".split()
)


def _office_of(role: str | None, found: list[dict]) -> str | None:
    """The office in canonical English, "of" the first region, country or body its words name."""
    if not role:
        return None
    named = [m for m in found if m["surface"] in role]
    # a region (or its city: "мэр Омска" is Omsk's) before a body, a body before a country
    order = {"region": 0, "organisation": 1, "country": 2}
    named = sorted((m for m in named if m["entity_type"] in order), key=lambda m: order[m["entity_type"]])
    return office_title(role, [m.get("city") or m["canonical_name"] for m in named])


def _find_persons(text: str, tokens: _Tokens) -> list[dict]:
    """Officials in one sentence: first name + surname, with the office before them, if any."""
    words, infos = tokens.words, tokens.infos
    out = []
    last_token = len(infos) - 1
    for i in compress(count(), map(_FIRST_NAME, infos)):
        if i >= last_token:
            break
        first = infos[i].first_name
        spans = tokens.upto(i + 2)
        last, end = words[i + 1], spans[i + 1][1]
        if not last[0].isupper() or last.isupper() or len(last) < 3:
            continue
        if end < len(text) and text[end] == "-" and i + 2 < len(words):  # double-barrelled surname
            last, end = text[spans[i + 1][0] : spans[i + 2][1]], spans[i + 2][1]
        lo = max(0, i - 12)
        cues = [k for k in range(lo, i) if infos[k].office]
        role = None
        if cues:
            k = cues[-1]  # the office nearest the name, with "deputy", "first" right before it
            while k > lo and (infos[k - 1].office or infos[k - 1].modifier):
                k -= 1
            role = text[spans[k][0] : spans[i][0]].strip(" ,;:–—-") or None
            role = re.sub(r"^(?:во\s+)?главе\s+с\s+|^на\s+чале\s+з\s+", "", role) if role else None
        start = spans[i][0]
        out.append({"first": words[i], "last": last, "first_en": first, "start": start, "end": end, "role": role})
    return out


def find_mentions(
    articles: pd.DataFrame, sentences: pd.DataFrame, *, matcher: EntityMatcher | None = None
) -> pd.DataFrame:
    """The ``mentions`` table: every entity named in every sentence.

    This is :func:`raw_mentions`, then :func:`name_mentions` with the person names of these
    sentences alone; a corpus loaded in parts merges every part's :func:`person_stats` first, so
    that each official gets one name over the whole corpus.

    Parameters
    ----------
    articles : DataFrame
        The ``articles`` table (``article_id``, ``language``).
    sentences : DataFrame
        The ``sentences`` table (``article_id``, ``sentence_no``, ``start``, ``text``).
    matcher : EntityMatcher, optional
        A compiled gazetteer; the shipped one by default.

    Returns
    -------
    DataFrame
        Columns of :data:`MENTION_COLUMNS`; offsets are into ``articles.text``. The inputs are not
        modified.
    """
    frame = raw_mentions(articles, sentences, matcher=matcher)
    return name_mentions(frame, person_names(person_stats(frame)))


def raw_mentions(
    articles: pd.DataFrame, sentences: pd.DataFrame, *, matcher: EntityMatcher | None = None
) -> pd.DataFrame:
    """Mentions in sentence order, persons not yet named: what :func:`person_stats` and
    :func:`name_mentions` take (it keeps the name parts ``p_first``, ``p_last``, ``p_lang``)."""
    matcher = (matcher or default_matcher())._compiled()
    language = {
        article_id: lang if isinstance(lang, str) else None
        for article_id, lang in zip(articles["article_id"], articles["language"], strict=True)
    }
    rows: list[dict] = []
    article, definitions = None, {}  # abbreviations defined so far in the article
    first_row, unsettled = 0, {}  # the article's first row; sentences with an enterprise of no country
    columns = ["article_id", "sentence_no", "start", "text"]
    for article_id, sentence_no, offset, text in zip(*(sentences[c].tolist() for c in columns), strict=True):
        if article_id != article and unsettled:
            _settle_countries(rows[first_row:], unsettled)
            unsettled = {}
        if article_id != article:
            first_row = len(rows)
        lang = language.get(article_id)
        tokens = matcher._tokens(text, lang)
        found = matcher.find(text, lang, tokens)
        persons = _find_persons(text, tokens)
        if persons:
            # a name the gazetteer knows whole is no person ("Vladimir Oblast", "Iwanowo Oblast")
            persons = [p for p in persons if not any(m["start"] <= p["start"] and p["end"] <= m["end"] for m in found)]
            taken = [(p["start"], p["end"]) for p in persons]
            if taken:
                found = [m for m in found if not any(s < m["end"] and m["start"] < e for s, e in taken)]
            spans = found + [{"start": s, "end": e, "entity_type": "person", "country": None} for s, e in taken]
        else:
            spans = found
        if article_id != article:
            article, definitions = article_id, {}
        discovered = matcher.discover(text, spans, definitions, cue=tokens.cue)
        if discovered:
            found = sorted(found + discovered, key=_START)
        if not found and not persons:
            continue
        event = None
        lead = sentence_no <= _LEAD
        done: list[dict] = []
        for m in found:
            if m["entity_type"] == "region":
                if event is None:
                    event = any(map(_IS_EVENT, tokens.infos))
                m["role"] = _region_role(m, text, tokens, event, done, lead=lead)
            else:
                m["role"] = None
            done.append(m)
        for p in persons:
            key = person_key(p["first"], p["last"])
            done.append(
                {
                    "entity_id": f"person:{key}",
                    "entity_type": "person",
                    "canonical_name": None,
                    "iso_code": None,
                    "country": None,
                    "surface": text[p["start"] : p["end"]],
                    "start": p["start"],
                    "end": p["end"],
                    "role": p["role"],
                    "office": _office_of(p["role"], found),
                    "city": None,
                    "fuzzy": False,
                    "source": "pattern",
                    "org_type": None,
                    "p_first": p["first_en"],
                    "p_last": p["last"],
                    "p_lang": lang,
                }
            )
        rows += [
            {
                **m,
                "article_id": article_id,
                "sentence_no": sentence_no,
                "start": m["start"] + offset,
                "end": m["end"] + offset,
            }
            for m in done
        ]
        if discovered and any(m["country"] is None and m["entity_type"] == "enterprise" for m in discovered):
            unsettled[sentence_no] = text
    if unsettled:
        _settle_countries(rows[first_row:], unsettled)
    return pd.DataFrame(rows, columns=[*MENTION_COLUMNS, "p_first", "p_last", "p_lang"])


def _settle_countries(rows: list[dict], texts: dict[int, str]) -> None:
    """Countries for the enterprises one report names by form with no country cue (``rows`` are
    the report's mentions, changed in place; ``texts`` the sentences that name them).

    Another mention of the same name with a country gives it; else, when the report's partners
    are all of one foreign country, the first of its sentences that speaks of trade decides
    (:func:`analysis.entities.orgnames.trade_direction`): goods going to Belarus make the company the
    partner's, trade or a market elsewhere ("supplies ... to the region", "on the Omsk market")
    make it Belarus's; with no such sentence it is the partner's. Reports with partners of
    several countries, or none, leave it unknown."""
    unknown = [
        r for r in rows if r["country"] is None and r["entity_type"] == "enterprise" and r["source"] == "pattern"
    ]
    if not unknown:
        return
    countries: dict[str, str] = {}
    for r in rows:
        if r["entity_type"] == "enterprise" and r["country"] is not None:
            countries.setdefault(r["entity_id"], r["country"])
    partners = {r["country"] for r in rows if r["entity_type"] == "region" and r["role"] == "partner"}
    foreign = next(iter(partners)) if len(partners) == 1 and None not in partners and "BY" not in partners else None
    if foreign is not None:
        for r in unknown:
            if r["entity_id"] not in countries:
                direction = trade_direction(texts[r["sentence_no"]])
                if direction is not None:
                    countries[r["entity_id"]] = foreign if direction == "to Belarus" else "BY"
    for r in unknown:
        r["country"] = countries.get(r["entity_id"], foreign)


_NAME_PARTS = ["entity_id", "surface", "p_first", "p_last", "p_lang"]


def person_stats(mentions: pd.DataFrame, *, part: int = 0) -> pd.DataFrame:
    """How each official is written in :func:`raw_mentions` of one part of a corpus.

    One row per person and spelling: ``n`` mentions, and where the first is (``part``, ``row``),
    so that the stats of several parts concatenated and passed to :func:`person_names` name
    everyone as if the parts had been one.
    """
    is_person = (mentions["entity_type"] == "person").to_numpy()
    people = mentions.loc[is_person, _NAME_PARTS].assign(part=part, row=np.flatnonzero(is_person))
    return (
        people.groupby(_NAME_PARTS, dropna=False, sort=False)
        .agg(n=("row", "size"), part=("part", "first"), row=("row", "min"))
        .reset_index()
    )


def merge_person_stats(stats: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Several parts' :func:`person_stats` as one table: each spelling once, its mentions summed
    and its first mention kept. :func:`person_names` names everyone the same from either."""
    frames = [f for f in stats if len(f)]
    if not frames:
        return pd.DataFrame(columns=[*_NAME_PARTS, "n", "part", "row"])
    both = pd.concat(frames, ignore_index=True).sort_values(["part", "row"], kind="stable")
    merged = both.groupby(_NAME_PARTS, dropna=False, sort=False).agg(
        n=("n", "sum"), part=("part", "first"), row=("row", "first")
    )
    return merged.reset_index()


def person_names(stats: pd.DataFrame) -> dict[str, str]:
    """Each person's canonical English name from :func:`person_stats` (of one part or several
    concatenated): the commonest spelling in English text (ties: the first seen), else a
    romanisation of the first mention's surname."""
    if stats.empty:
        return {}
    stats = stats.sort_values(["part", "row"], kind="stable")
    english = stats[stats["p_lang"] == "en"]
    english = english.groupby(["entity_id", "surface"], sort=False).agg(
        n=("n", "sum"), part=("part", "first"), row=("row", "first")
    )
    english = english.reset_index().sort_values(
        ["entity_id", "n", "part", "row"], ascending=[True, False, True, True], kind="stable"
    )
    names = dict(english.drop_duplicates("entity_id")[["entity_id", "surface"]].itertuples(index=False))
    for row in stats.drop_duplicates("entity_id").itertuples(index=False):
        if row.entity_id not in names:
            last = _surname_base(row.p_last)
            if re.search("[а-яёіў]", last.casefold()):
                last = _romanise(last).title()
            elif row.p_lang == "de":
                last = _german_to_english(last)
            names[row.entity_id] = f"{row.p_first} {last}"
    return names


def name_mentions(mentions: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The typed ``mentions`` table from :func:`raw_mentions`: persons named from ``names``
    (see :func:`person_names`), rows in article order, then by offset."""
    persons = mentions["entity_type"] == "person"
    named = mentions.assign(canonical_name=mentions["canonical_name"].where(~persons, mentions["entity_id"].map(names)))
    return conform(named.sort_values(["article_id", "start"], kind="stable"), "mentions")


def article_entities(mentions: pd.DataFrame, articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Aggregate mentions per article.

    Returns
    -------
    (article_entities, event_locations)
        ``article_entities`` has one row per article and entity (columns of
        :data:`ARTICLE_ENTITY_COLUMNS`); ``event_locations`` has ``article_id`` and
        ``event_location`` (the city, or region, of the article's first venue) for every article.
    """
    rank = {role: k for k, role in enumerate(ROLES)}
    is_region = mentions["entity_type"] == "region"
    frame = mentions.assign(
        role_rank=mentions["role"].map(rank).where(is_region),
        title=mentions["role"].where(mentions["entity_type"] == "person"),
        office_first=mentions["office"],
    )
    grouped = frame.groupby(["article_id", "entity_id"], sort=True)
    table = grouped.agg(
        entity_type=("entity_type", "first"),
        canonical_name=("canonical_name", "first"),
        iso_code=("iso_code", "first"),
        country=("country", "first"),
        role_rank=("role_rank", "min"),
        title=("title", "first"),
        office=("office_first", "first"),
        n_mentions=("entity_type", "size"),
        source=("source", "min"),  # gazetteer before pattern
        org_type=("org_type", "first"),
    ).reset_index()
    # regions: partner if any mention is, else venue, else mentioned; other entities: mentioned
    table["role"] = table["role_rank"].map(dict(enumerate(ROLES))).fillna("mentioned")
    table = conform(table, "article_entities")
    venues = mentions[(mentions["entity_type"] == "region") & (mentions["role"] == "venue")]
    first = venues.sort_values(["article_id", "start"], kind="stable").drop_duplicates("article_id")
    location = first.set_index("article_id")["city"].fillna(first.set_index("article_id")["canonical_name"])
    events = pd.DataFrame({"article_id": articles["article_id"]})
    events["event_location"] = events["article_id"].map(location).astype("str")
    return table, events


@cache
def default_matcher() -> EntityMatcher:
    """The shipped gazetteer, compiled once per process."""
    return EntityMatcher()._compiled()
