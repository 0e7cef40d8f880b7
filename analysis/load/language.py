"""Language identification with lingua, restricted to the corpus languages.

Restricting lingua to German, English, Russian and Belarusian got 80 of 80 short sentences right
here, in 25 MB, where lingua with every language needed 1 GB and langdetect got 56 of 80 with no
Belarusian profile. The models ship inside the ``lingua-language-detector`` wheel: nothing is
downloaded. Detection is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from analysis.config import LANGUAGES  # the ISO 639-1 codes the detector chooses between

_MIN_LETTERS = 3
_LETTERS = re.compile(rf"(?:[^\W\d_][\W\d_]*){{{_MIN_LETTERS}}}")  # at least three letters


@cache
def _detector(languages: tuple[str, ...] = LANGUAGES) -> LanguageDetector:
    unknown = sorted(set(languages) - {lang.iso_code_639_1.name.lower() for lang in Language.all()})
    if unknown:
        raise ValueError(f"unknown language codes {unknown}; use ISO 639-1 codes such as {list(LANGUAGES)}")
    return LanguageDetectorBuilder.from_iso_codes_639_1(
        *(
            next(lang.iso_code_639_1 for lang in Language.all() if lang.iso_code_639_1.name.lower() == code)
            for code in languages
        )
    ).build()


def detect_languages(texts: Sequence[str], *, languages: tuple[str, ...] = LANGUAGES) -> list[str | None]:
    """Detect the language of each text; ``None`` where it cannot be told (no letters).

    >>> detect_languages(["Die Zusammenarbeit wächst.", "Сотрудничество растет.", "2024"])
    ['de', 'ru', None]
    """
    if not texts:
        return []
    todo = [i for i, t in enumerate(texts) if _LETTERS.search(t)]
    found = _detector(tuple(languages)).detect_languages_in_parallel_of([texts[i] for i in todo])
    out: list[str | None] = [None] * len(texts)
    for i, lang in zip(todo, found, strict=True):
        out[i] = lang.iso_code_639_1.name.lower() if lang is not None else None
    return out


#: The script each language is written in; sentences are checked against their article's.
_SCRIPTS = {"de": "latin", "en": "latin", "ru": "cyrillic", "be": "cyrillic"}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
#: Letters only one of Russian and Belarusian uses.
_NOT_IN = {"ru": re.compile(r"[іўІЎ]"), "be": re.compile(r"[иъщИЪЩ]")}


def _agrees(text: str, language: str) -> bool:
    """True when the text's letters are in the script of ``language`` and none is foreign to it."""
    script = _SCRIPTS.get(language)
    if script is None:
        return False
    other = _LATIN if script == "cyrillic" else _CYRILLIC
    if other.search(text):  # letters of both scripts: the majority decides
        cyrillic, latin = len(_CYRILLIC.findall(text)), len(_LATIN.findall(text))
        if (script == "cyrillic") != (cyrillic > latin):
            return False
    foreign = _NOT_IN.get(language)
    return foreign is None or not foreign.search(text)


def sentence_languages(
    texts: Sequence[str], article_languages: Sequence[str | None], *, languages: tuple[str, ...] = LANGUAGES
) -> list[str | None]:
    """The language of each sentence, given the language of its article.

    A sentence takes its article's language when its letters are in that language's script and
    none of them is foreign to it (``і``/``ў`` in Russian, ``и``/``щ``/``ъ`` in Belarusian);
    every other sentence — a Russian quote in a German report, a Belarusian one in a Russian
    report, any sentence of an article of unknown language — goes to lingua. On the bundled corpus
    lingua gives every one of the 906 sentences its article's language, so this keeps the answers
    while running lingua on a few sentences instead of all of them, which was most of the loading
    time.

    >>> sentence_languages(["Die Zusammenarbeit wächst.", "«Сотрудничество растет»", "2024"], ["de", "de", "de"])
    ['de', 'ru', None]
    """
    if len(texts) != len(article_languages):
        raise ValueError(f"{len(texts)} sentences but {len(article_languages)} article languages")
    out: list[str | None] = [None] * len(texts)
    todo = []
    for i, (text, language) in enumerate(zip(texts, article_languages, strict=True)):
        if not _LETTERS.search(text):
            continue
        if language in languages and _agrees(text, language):
            out[i] = language
        else:
            todo.append(i)
    for i, found in zip(todo, detect_languages([texts[i] for i in todo], languages=languages), strict=True):
        out[i] = found
    return out


# --- languages the package does not analyse -------------------------------------------------------

#: The languages the broad detector tells apart when a text may be in none of ``LANGUAGES``: those
#: of the region's wire services and sites, and the big world languages of its partners.
BROAD_LANGUAGES: tuple[str, ...] = (
    "de", "en", "ru", "be", "uk", "pl", "kk", "fr", "es", "it", "nl", "cs", "sk", "bg", "sr", "hr",
    "lt", "lv", "et", "ro", "tr", "pt", "az", "hy", "ka", "mn", "zh", "ja", "ko", "ar", "fa",
)  # fmt: skip
#: A text goes to the broad detector when more than this share of its letters lies outside the
#: alphabet of the language the restricted detector chose.
FOREIGN_LETTER_SHARE = 0.005
#: The broad detector's confidence needed to call a text another language.
MIN_CONFIDENCE = 0.5
_ALPHABETS = {
    "de": set("abcdefghijklmnopqrstuvwxyzäöüß"),
    "en": set("abcdefghijklmnopqrstuvwxyz"),
    "ru": set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    "be": set("абвгдеёжзйклмнопрстуфхцчшыьэюяіў"),
}
_LETTER = re.compile(r"[^\W\d_]")
# Belarusian in Latin script (Łacinka): ŭ, or ł beside č/š/ž (Polish has ł without č/š/ž, the
# South Slavic and Baltic alphabets č/š/ž without ł)
_LACINKA_U = re.compile(r"ŭ", re.IGNORECASE)
_POLISH_L = re.compile(r"ł", re.IGNORECASE)
_CARON = re.compile(r"[čšž]", re.IGNORECASE)


def foreign_letter_share(text: str, language: str) -> float:
    """The share of ``text``'s letters that the alphabet of ``language`` does not have.

    >>> round(foreign_letter_share("Співпраця з Білоруссю розширюється", "ru"), 2)  # і, ї
    0.1
    >>> foreign_letter_share("Сотрудничество расширяется", "ru")
    0.0
    """
    alphabet = _ALPHABETS.get(language)
    letters = _LETTER.findall(text.casefold())
    if alphabet is None or not letters:
        return 0.0
    return sum(ch not in alphabet for ch in letters) / len(letters)


def is_lacinka(text: str) -> bool:
    """True for Belarusian written in the Latin alphabet (Łacinka).

    >>> is_lacinka("Biełaruś i Tomskaja vobłaść pašyrajuć supracoŭnictva")
    True
    >>> is_lacinka("Białoruś i obwód tomski rozszerzają współpracę")
    False
    """
    if _LACINKA_U.search(text):
        return True
    return bool(_POLISH_L.search(text) and len(_CARON.findall(text)) >= 2)


def broad_language(text: str) -> tuple[str, float] | None:
    """The most likely of :data:`BROAD_LANGUAGES` and its confidence, or ``None`` (no letters).

    >>> code, confidence = broad_language("Współpraca z Białorusią obejmuje dostawy maszyn rolniczych.")
    >>> code, confidence > 0.5
    ('pl', True)
    """
    if not _LETTERS.search(text):
        return None
    values = _detector(BROAD_LANGUAGES).compute_language_confidence_values(text)
    if not values:
        return None
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), float(top.value)


@dataclass(frozen=True)
class LanguageCheck:
    """A text's language, and when it is not one the package analyses, which it is."""

    language: str | None  # one of the analysed languages, or None
    other: str | None = None  # the ISO 639-1 code of an unsupported language
    confidence: float | None = None


def check_languages(texts: Sequence[str], *, languages: tuple[str, ...] = LANGUAGES) -> list[LanguageCheck]:
    """The language of each text among ``languages``, or the other language it is written in.

    The restricted detector (:func:`detect_languages`) chooses among ``languages``. Where the
    text's letters do not fit the chosen language's alphabet (Ukrainian ї/є, Kazakh ә/қ, Polish
    ą/ł, French é, …) or the text is in another script, a detector of :data:`BROAD_LANGUAGES`
    decides: a language outside ``languages`` with confidence of at least
    :data:`MIN_CONFIDENCE` is reported as ``other``. Łacinka is Belarusian.

    >>> [c.language or c.other for c in check_languages(["Сотрудничество растет.", "Співпраця зростає."])]
    ['ru', 'uk']
    """
    detected = detect_languages(texts, languages=languages)
    out = []
    for text, lang in zip(texts, detected, strict=True):
        if lang is None and not _LETTERS.search(text):
            out.append(LanguageCheck(None))
            continue
        if "be" in languages and _LATIN.search(text) and is_lacinka(text):
            out.append(LanguageCheck("be"))
            continue
        letters = _LETTER.findall(text)
        odd_script = letters and sum(bool(_LATIN.match(c) or _CYRILLIC.match(c)) for c in letters) < 0.5 * len(letters)
        if lang is not None and not odd_script and foreign_letter_share(text, lang) <= FOREIGN_LETTER_SHARE:
            out.append(LanguageCheck(lang))
            continue
        # mojibake ("������ ̳���") is not a language: only a text mostly made of letters is judged
        if len(letters) < 0.5 * sum(not c.isspace() for c in text):
            out.append(LanguageCheck(lang))
            continue
        broad = broad_language(text)
        if broad is not None and broad[0] not in languages and broad[1] >= MIN_CONFIDENCE:
            out.append(LanguageCheck(None, broad[0], round(broad[1], 3)))
        else:
            out.append(LanguageCheck(lang))
    return out
