"""Small pure ``str -> str`` cleaning functions, composed with :func:`make_pipeline`.

Each function does one thing and is safe to apply to any string (textacy ``preprocessing``
style). :data:`clean_text` is the pipeline the loader applies to every decoded report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import reduce

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Runs of whitespace other than newline (incl. NBSP and tabs), except a lone space, which stays.
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S \n]")
_LINE_EDGES = re.compile(r"[^\S\n]+\n[^\S\n]*|\n[^\S\n]+")  # spaces around a newline
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def make_pipeline(*funcs: Callable[[str], str]) -> Callable[[str], str]:
    """Compose ``str -> str`` functions left to right into one function."""

    def pipeline(text: str) -> str:
        return reduce(lambda acc, f: f(acc), funcs, text)

    return pipeline


def strip_nul(text: str) -> str:
    """Remove NUL characters."""
    return text.replace("\x00", "")


def normalize_newlines(text: str) -> str:
    """Turn CRLF, CR and other line/paragraph separators into ``\\n``."""
    return _NEWLINES.sub("\n", text)


def normalize_unicode(text: str) -> str:
    """Unicode NFC normalization (composed characters: ``ё`` not ``е`` + combining diaeresis)."""
    return unicodedata.normalize("NFC", text)


def remove_invisible(text: str) -> str:
    """Remove zero-width characters, stray byte-order marks and soft hyphens."""
    return _INVISIBLE.sub("", text)


def remove_control(text: str) -> str:
    """Remove C0 control characters other than tab and newline."""
    return _CONTROL.sub("", text)


def normalize_whitespace(text: str) -> str:
    """Collapse runs of spaces, tabs and NBSP to one space; trim every line and the whole text."""
    text = _SPACES.sub(" ", text)
    return _LINE_EDGES.sub("\n", text).strip()


def paragraph_key(text: str) -> str:
    """The key under which two paragraphs count as the same: casefolded, whitespace collapsed."""
    return " ".join(text.casefold().split())


#: What the loader applies to every decoded report, in this order.
clean_text = make_pipeline(
    strip_nul, normalize_newlines, normalize_unicode, remove_invisible, remove_control, normalize_whitespace
)
