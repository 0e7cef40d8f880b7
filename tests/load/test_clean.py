import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.load.clean import (
    clean_text,
    make_pipeline,
    normalize_newlines,
    normalize_unicode,
    normalize_whitespace,
    paragraph_key,
    remove_invisible,
    strip_nul,
)


def test_newlines_crlf_and_cr():
    assert normalize_newlines("a\r\nb\rc\nd") == "a\nb\nc\nd"


def test_strip_nul():
    assert strip_nul("Mi\x00nsk\x00") == "Minsk"


def test_nfc_composes():
    decomposed = "е\u0308"  # е + combining diaeresis
    assert normalize_unicode(decomposed) == "ё"


def test_whitespace_collapses_but_keeps_lines():
    assert normalize_whitespace("  a \t b\u00a0 c  \n\n  d  ") == "a b c\n\nd"


def test_invisible_removed():
    assert remove_invisible("Mi\u200bnsk\ufeff") == "Minsk"


def test_pipeline_order():
    upper_then_strip = make_pipeline(str.upper, str.strip)
    assert upper_then_strip("  ab ") == "AB"


def test_paragraph_key_ignores_case_and_spacing():
    assert paragraph_key("Die  Parteien\tERÖRTERTEN") == paragraph_key("die parteien erörterten")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_text_is_idempotent_and_clean(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert "\x00" not in once and "\r" not in once
    assert unicodedata.is_normalized("NFC", once)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "b", " ", "\t", "\n", "\u00a0", "\u2009", "\u3000", "\x0b"])))
def test_whitespace_collapses_as_one_space_per_run(text):
    # the definition: every run of whitespace other than a newline becomes one space, then the
    # spaces around each newline go, then the ends
    expected = re.sub(r"[^\S\n]*\n[^\S\n]*", "\n", re.sub(r"[^\S\n]+", " ", text)).strip()
    assert normalize_whitespace(text) == expected
