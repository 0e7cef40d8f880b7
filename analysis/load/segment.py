"""Paragraphs and sentences with character offsets.

Paragraphs are lines (wire copy puts one paragraph per line; blank lines are ignored).
:func:`dedupe_paragraphs` keeps the first of paragraphs that are equal after case and
whitespace normalization — wire feeds often repeat a report's body.

:func:`split_sentences` is a rule-based splitter: a sentence ends at ``.``, ``!``, ``?`` or
``…`` (with closing quotes or brackets) followed by whitespace and an upper-case letter, digit
or opening quote — unless the word before the full stop is a known abbreviation of German,
English or Russian (z. B., Dr., No., г., т. д., ...), a single letter (initials, ``z. B.``) or a
German ordinal day before a month (``am 30. August``). Rules were chosen over a statistical
splitter for speed: the splitter runs on every sentence of a million reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from analysis.load.clean import paragraph_key
from analysis.load.dateline import MONTHS

#: Abbreviations (without the final full stop, lower case) after which a full stop does not end
#: a sentence. Multi-part ones (``z. B.``, ``т. д.``) are covered by the single-letter rule.
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    dr prof nr no nos mr mrs ms st ca bzw vgl ggf evtl inkl zzgl mio mrd tsd jh abs
    bd hrsg co corp inc ltd jr sr vs approx dept est fig gen gov govt sen rep jan feb mar apr
    jun jul aug sep sept oct nov dec e.g i.e a.m p.m ph.d z.b d.h u.a v.a o.ä s.o
    гг проф акад ул пр просп обл респ ср см рис тел доц канд техн англ нем ок т.е и.о зам нач ген
    """.split()
)

_ORDINAL_CONTEXT = frozenset(
    "am vom zum bis seit ab dem den der die das des im zur ihre ihrer seiner seine ein eine einer dieses".split()
)
# Abbreviations that usually end a sentence when a capital follows ("..., Busse usw. Die Seiten").
_FINAL_ABBREVIATIONS = re.compile(r"(?:\b(?:usw|etc|u\.\s?ä|и\s+др)|\bт\.\s?[дп])$", re.IGNORECASE)
# Pairs where a full stop inside a name is never a sentence end.
_NO_BREAK_PAIRS = re.compile(r"(?:долл|дол|руб)\.\s+(?:США|РФ|Беларуси|BYN)\b")
# "им." (имени) before a name after an institution; elsewhere "им" is the pronoun "them".
_IMENI_BEFORE = re.compile(
    r"(?:университет|институт|завод|академи|училищ|колледж|театр|музе|школ|гимнази|центр|комбинат|парк|библиотек"
    r"|больниц|фабрик|объединени|предприяти|лице)\w*\s+им$",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'»“”’)\]]*(?=\s+[\"'«„“(\[]?[^\W_a-zà-ÿа-яёіў])")


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs: one per non-blank line, stripped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def dedupe_paragraphs(paragraphs: list[str]) -> tuple[list[str], int]:
    """Drop paragraphs equal (after case and whitespace normalization) to an earlier one.

    Returns the kept paragraphs, in order, and how many were dropped.

    >>> dedupe_paragraphs(["A b.", "C.", "a  B.", "C."])
    (['A b.', 'C.'], 2)
    """
    seen: set[str] = set()
    kept: list[str] = []
    for p in paragraphs:
        key = paragraph_key(p)
        if key not in seen:
            seen.add(key)
            kept.append(p)
    return kept, len(paragraphs) - len(kept)


_MAX_WORD = 64


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``text[dot]`` closes an abbreviation or ordinal, not a sentence."""
    if text[dot] != ".":
        return False
    # look back a bounded window, so splitting stays linear in the paragraph's length
    lo = max(0, dot - _MAX_WORD)
    space = max(text.rfind(" ", lo, dot), text.rfind("\n", lo, dot))
    if space < 0 and lo > 0:
        return False  # a "word" longer than any abbreviation
    word = text[space + 1 : dot].lstrip("(\"'«„“")
    low = word.casefold()
    near = text[max(0, dot - 12) : dot]
    if _FINAL_ABBREVIATIONS.search(near):
        return False  # "usw.", "и т. д." before a capital end the sentence
    if _NO_BREAK_PAIRS.match(text, max(0, space + 1)):
        return True  # "млрд долл. США"
    if low == "им":
        prev = text[max(0, space - 20) : space].split()
        return bool(_IMENI_BEFORE.search(text[max(0, dot - 40) : dot])) or bool(prev and prev[-1].isupper())
    if low in ABBREVIATIONS or (len(low) == 1 and low.isalpha()):
        return True
    if low.isdigit() and len(low) <= 2:
        nxt = re.match(r"\s+([^\W\d_]+)", text[dot + 1 : dot + 30])
        if nxt and nxt.group(1).casefold() in MONTHS:
            return True  # "am 30. August"
        prev = text[max(0, space - 20) : space].split()
        if prev and prev[-1].casefold() in _ORDINAL_CONTEXT:
            return True  # "die 5. Sitzung"
    return False


def iter_sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` offsets of the sentences of one paragraph, trimmed of whitespace."""
    start = 0
    for m in _BOUNDARY.finditer(text):
        last_stop = m.group(0).rstrip("\"'»“”’)]")
        if last_stop.endswith(".") and len(last_stop) == 1 and _is_abbreviation(text, m.start()):
            continue
        end = m.end()
        if text[start:end].strip():
            yield _trim(text, start, end)
        start = end
    if text[start:].strip():
        yield _trim(text, start, len(text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences.

    >>> split_sentences("Dr. Petrow kam z. B. am 30. August. Das war gut! Und dann?")
    ['Dr. Petrow kam z. B. am 30. August.', 'Das war gut!', 'Und dann?']
    >>> split_sentences("В 2023 г. объем вырос, т. е. на 5%. Это много.")
    ['В 2023 г. объем вырос, т. е. на 5%.', 'Это много.']
    """
    return [text[s:e] for s, e in iter_sentence_spans(text)]
