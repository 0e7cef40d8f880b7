"""Word tokens with offsets, and their stems in German, English and Russian.

One tokenizer for every stage that needs words (entity matching now, area modelling later):
a token is a run of letters and digits, hyphen-joined words split at the hyphen. Stems come from
the Snowball stemmers (``snowballstemmer``, pure Python, shipped with its rules): German for
German text, English for English, Russian for any Cyrillic token (Belarusian too: there is no
Belarusian Snowball stemmer, and the Russian one strips most Belarusian case endings as well).
Stems are cached per process, so a corpus's vocabulary is stemmed once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import snowballstemmer

#: A word: letters and digits, with an apostrophe inside (Tomsk's); hyphens split words.
TOKEN_PATTERN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_STEMMERS = {"de": "german", "en": "english", "ru": "russian"}
_CACHE_SIZE = 1 << 18


def iter_tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield ``(token, start, end)`` for each word of ``text``.

    >>> [t for t, _, _ in iter_tokens("MAZ-Busse für Tomsk's Gebiet, 2024.")]
    ['MAZ', 'Busse', 'für', "Tomsk's", 'Gebiet', '2024']
    """
    for m in TOKEN_PATTERN.finditer(text):
        yield m.group(0), m.start(), m.end()


def script_language(token: str, language: str | None) -> str:
    """The stemmer language for a token: Russian for Cyrillic, else the text's (de or en; en by default)."""
    if _CYRILLIC.search(token):
        return "ru"
    return language if language in ("de", "en") else "en"


@lru_cache(maxsize=8)
def _stemmer(language: str):
    return snowballstemmer.stemmer(_STEMMERS[language])


@lru_cache(maxsize=_CACHE_SIZE)
def stem(token: str, language: str) -> str:
    """Snowball stem of a lower-cased token; ``'s`` and ``’s`` are dropped, ё reads as е.

    >>> stem("Томской", "ru"), stem("Tomsker", "de"), stem("Oblast's", "en")
    ('томск', 'tomsk', 'oblast')
    """
    word = token.casefold().replace("ё", "е").replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return _stemmer(language).stemWord(word)
