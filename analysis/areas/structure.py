"""Sentence structure for the seed labels: which area a "serving" word serves.

Building and carrying serve other areas, but a blanket rule that drops construction and
transport wherever another area is named also drops them from every enumeration of fields
("cooperation in trade, construction and agriculture"). The labelling conventions instead decide
by the sentence's structure:

- an **enumeration** of fields (words joined by commas, "und", "and", "и", ...) labels every field
  it names;
- a construction or transport word **attached** to another area's word — modifying it or governing
  it in one noun phrase, with no comma or conjunction between ("construction waste",
  "Bau von Abfallverarbeitungsanlagen", "строительство мусоросортировочного завода",
  "passenger buses", "Bauabfälle" in one compound) — serves that area, which alone is labelled;
- building a social facility stays construction ("construction of a new hospital"): the hospital
  or the school is what is built, not healthcare or training cooperation — also where the
  sentence lists what is built ("built housing, two kindergartens and a school");
- farm machinery alone is machinery: an agriculture word in the clause of a machinery word, with
  no comma or conjunction between ("farmers of the region bought 40 machines", "сельхозтехника"),
  names who uses the machines; an enumeration ("machinery and agriculture") keeps both.

:func:`yielded_areas` applies these rules to one sentence's tokens and the areas each names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

CONSTRUCTION = "construction"
TRANSPORT = "transport_logistics"
ENERGY = "energy"
AGRICULTURE = "agriculture"
MACHINERY = "machinery"
#: Areas that serve others: attached to another area's word, that area is the topic. Energy serves
#: only the machines and instruments it powers ("gas-powered buses", "Gasmotoren"), agriculture
#: only the machines farms use (see :data:`MAX_USER_DISTANCE`).
SERVING_AREAS = frozenset({CONSTRUCTION, TRANSPORT, ENERGY, AGRICULTURE})
#: The areas each serving area gives way to (``None``: every area but those below).
SERVES = {ENERGY: frozenset({"machinery", "microelectronics"}), AGRICULTURE: frozenset({MACHINERY})}
#: Areas whose words, attached to a construction word, name what is built (a hospital, a school,
#: a hotel, a stadium): the sentence is construction, not cooperation in these areas.
BUILT_FACILITY_AREAS = frozenset({"healthcare", "training", "tourism_culture"})
#: Areas a serving word never gives way to: "construction contracts", "transport of goods"
#: speak of both; so do a joint venture or an investment project in a field ("joint ventures in
#: logistics", "Investitionsprojekte im Bauwesen"): the field is what they work in.
NEVER_SERVED = frozenset({"trade", "industrial_cooperation"})
#: Tokens that join the items of an enumeration (normalized, lower case).
CONJUNCTIONS = frozenset(
    """
    und oder sowie bzw and or as well nor и или либо а также і ці альбо
    """.split()
)
#: Stems of the facilities a construction word builds for another area ("der Bau eines Werkes zur
#: Verwertung von Abfällen", "construction of a plant for processing waste", "строительство
#: комплекса по переработке отходов"): between a serving word and the area's word they do not
#: count towards :data:`MAX_DISTANCE`.
FACILITY_HEADS = (
    "werk", "anlag", "komplex", "zentr", "station", "fabrik", "betrieb", "objekt",
    "plant", "facilit", "complex", "centre", "center", "station", "factor", "unit", "site",
    "завод", "комплекс", "центр", "станц", "фабрик", "цех", "объект", "предприят", "мощност",
    "цэнтр", "станцы", "прадпрыемств", "аб'ект", "магутнасц",
)  # fmt: skip
#: At most this many tokens apart (the second minus the first) for two words to be attached:
#: "construction of a waste ..." is 3, "buses running on various fuels" 4 (4 was chosen on the
#: shared dev set, 0.892 -> 0.895; the bundled corpus is the same with 3, 4 or 5).
MAX_DISTANCE = 4
#: At most this many tokens from a construction word to what it builds ("строители возведут в
#: области новую школу" is 4).
MAX_BUILT_DISTANCE = 6
#: Facilities that are built (stems, normalized): after a construction word they stay the
#: construction's object through a list of them, commas and all, up to :data:`MAX_LIST_DISTANCE`
#: tokens on ("built 500,000 square metres of housing, eight kindergartens and ten schools").
BUILT_FACILITIES = (
    "schul", "schule", "kindergart", "kita", "krankenh", "klinik", "hospital", "stadion", "sporthall",
    "school", "kindergarten", "hospital", "clinic", "polyclinic", "stadium", "sports facilit", "sports complex",
    "arena", "hotel", "школ", "больниц", "поликлиник", "клиник", "госпитал", "стадион", "ледов", "спортивн",
    "физкультурн", "гостиниц", "отел", "бальніц", "стадыён",
)  # fmt: skip
MAX_LIST_DISTANCE = 12
#: At most this many tokens between an agriculture word and the machinery word in its clause.
MAX_USER_DISTANCE = 6
_SEPARATOR = re.compile(r"[,;:()\[\]\"«»„“”/|]|\s[–—-]\s|\.\s")
_TRUNCATED = re.compile(r"^-\s")  # "Bau- und Renovierungsabfälle": the first word shares the last one's head


def _linked(gap: str) -> bool:
    return _SEPARATOR.search(gap) is None


def yielded_areas(norms: Sequence[str], gaps: Sequence[str], token_areas: Sequence[frozenset[str]]) -> set[str]:
    r"""Areas the sentence names only where they serve, or are built for, another area.

    Parameters
    ----------
    norms : sequence of str
        The sentence's tokens, normalized (lower case).
    gaps : sequence of str
        ``gaps[i]`` is the text between token ``i`` and token ``i + 1`` (one fewer than tokens).
    token_areas : sequence of frozenset of str
        The areas each token's seed terms name (a phrase's areas on each of its tokens).

    Returns
    -------
    set of str
        Areas named somewhere in the sentence but at no token that keeps them.

    Examples
    --------
    >>> import re
    >>> def areas(text, seeds):
    ...     tokens = list(re.finditer(r"\w+", text))
    ...     norms = [m.group().lower() for m in tokens]
    ...     gaps = [text[a.end() : b.start()] for a, b in zip(tokens, tokens[1:])]
    ...     return sorted(yielded_areas(norms, gaps, [frozenset(seeds.get(w, ())) for w in norms]))
    >>> seeds = {"construction": ["construction"], "waste": ["waste_recycling"], "trade": ["trade"],
    ...          "agriculture": ["agriculture"], "hospitals": ["healthcare"]}
    >>> areas("cooperation in trade, construction and agriculture", seeds)
    []
    >>> areas("companies that process construction waste", seeds)
    ['construction']
    >>> areas("the construction of new hospitals", seeds)
    ['healthcare']
    """
    n = len(norms)
    named = set().union(*token_areas) if n else set()
    if not (named & SERVING_AREAS) or len(named) < 2:
        return set()
    kept = [set(a) for a in token_areas]
    for i in range(n):
        _resolve_within(kept[i], token_areas[i])
    for i in range(n):
        if not token_areas[i]:
            continue
        for j in _attached(i, norms, gaps, token_areas):
            _resolve_pair(kept, i, j, token_areas)
        if CONSTRUCTION in token_areas[i]:  # what is built may stand further off in its clause
            for j in _same_clause(i, gaps, MAX_BUILT_DISTANCE):
                if token_areas[j] & BUILT_FACILITY_AREAS:
                    kept[j] -= BUILT_FACILITY_AREAS
            for j in range(i + 1, min(n, i + MAX_LIST_DISTANCE + 1)):  # a list of what is built
                if token_areas[j] & BUILT_FACILITY_AREAS and norms[j].startswith(BUILT_FACILITIES):
                    kept[j] -= BUILT_FACILITY_AREAS
        if AGRICULTURE in token_areas[i] or MACHINERY in token_areas[i]:  # farms that use machines
            other = MACHINERY if AGRICULTURE in token_areas[i] else AGRICULTURE
            for j in _same_clause(i, gaps, MAX_USER_DISTANCE, stop=CONJUNCTIONS, norms=norms):
                if other in token_areas[j] and token_areas[j] != token_areas[i]:
                    kept[i if other == MACHINERY else j].discard(AGRICULTURE)
    still = set().union(*kept)
    return named - still


def _same_clause(
    i: int, gaps: Sequence[str], distance: int, *, stop: frozenset[str] = frozenset(), norms: Sequence[str] = ()
):
    """Tokens after ``i``, at most ``distance`` on, with no separator (and no word in ``stop``) between."""
    for j in range(i + 1, min(len(gaps) + 1, i + distance + 1)):
        if not _linked(gaps[j - 1]) or (stop and norms[j] in stop):
            return
        yield j


def _attached(i: int, norms: Sequence[str], gaps: Sequence[str], token_areas: Sequence[frozenset[str]]):
    """Tokens after ``i`` that name an area and share a noun phrase with it."""
    n = len(norms)
    truncated = i < n - 1 and _TRUNCATED.match(gaps[i]) is not None
    j = i + 1
    start = i
    while j < n and j - start <= MAX_DISTANCE + (1 if truncated else 0):
        gap = gaps[j - 1]
        if not _linked(gap) and not (truncated and j == i + 1 and gap.lstrip().startswith("-")):
            return
        if norms[j] in CONJUNCTIONS:
            # "Bau- und Renovierungsabfälle" skips its conjunction, and so do two words of the
            # same area sharing what follows ("construction and renovation waste")
            coordinated = j + 1 < n and token_areas[j + 1] and token_areas[j + 1] <= token_areas[i]
            if not truncated and not coordinated:
                return
        elif token_areas[j] and token_areas[j] <= token_areas[i]:  # the same phrase or area goes on ("build a ...")
            start = j
        elif token_areas[j]:
            yield j
            if not truncated:
                return
        elif norms[j].startswith(FACILITY_HEADS):
            start = j  # the facility's own complement follows
        j += 1


def _resolve_within(kept: set[str], areas: frozenset[str]) -> None:
    """One word naming a serving area and another (a German compound: "Bauabfälle")."""
    for serving in SERVING_AREAS & areas:
        others = _served(serving, areas)
        if serving == CONSTRUCTION and others & BUILT_FACILITY_AREAS:
            kept -= others & BUILT_FACILITY_AREAS
        if others - NEVER_SERVED - BUILT_FACILITY_AREAS:
            kept.discard(serving)


def _served(serving: str, areas: frozenset[str]) -> frozenset[str]:
    """The areas among ``areas`` that ``serving`` may give way to."""
    others = areas - {serving, CONSTRUCTION}
    allowed = SERVES.get(serving)
    return others & allowed if allowed is not None else others


def _resolve_pair(kept: list[set[str]], i: int, j: int, token_areas: Sequence[frozenset[str]]) -> None:
    """Two attached words: the serving one gives way, or the built facility does."""
    for a, b in ((i, j), (j, i)):
        for serving in SERVING_AREAS & token_areas[a]:
            others = _served(serving, token_areas[b])
            if serving == CONSTRUCTION and others & BUILT_FACILITY_AREAS:
                kept[b] -= BUILT_FACILITY_AREAS
            if others - NEVER_SERVED - BUILT_FACILITY_AREAS:
                kept[a].discard(serving)
