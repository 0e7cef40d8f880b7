import codecs

import pytest

from analysis.load.decode import DecodeError, decode_bytes

DE = "Die Zusammenarbeit mit dem Gebiet Tomsk wächst: Lieferungen von Traktoren, Bussen und Müllwagen."
RU = "Сотрудничество с Томской областью растет: поставки тракторов, автобусов и коммунальной техники."


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (DE.encode("utf-8"), "utf-8", DE),
        (codecs.BOM_UTF8 + DE.encode("utf-8"), "utf-8-sig", DE),
        (codecs.BOM_UTF16_LE + RU.encode("utf-16-le"), "utf-16", RU),
        (RU.encode("utf-16-le"), "utf-16-le", RU),
        (RU.encode("cp1251"), "cp1251", RU),
        (DE.encode("cp1252"), "cp1252", DE),
        (DE.encode("latin-1"), "cp1252", DE),
    ],
)
def test_encodings(data, encoding, text):
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.text == text


def test_nul_bytes_stripped_and_counted():
    decoded = decode_bytes(b"Minsk\x00 und\x00 Omsk")
    assert decoded.text == "Minsk und Omsk"
    assert decoded.nul_bytes_removed == 2


def test_random_bytes_are_binary():
    import random

    data = random.Random(0).randbytes(4096)
    with pytest.raises(DecodeError) as err:
        decode_bytes(data)
    assert err.value.reason == "binary"


def test_png_is_binary():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
    with pytest.raises(DecodeError) as err:
        decode_bytes(png * 20)
    assert err.value.reason == "binary"


def test_broken_bom_is_undecodable():
    with pytest.raises(DecodeError) as err:
        decode_bytes(codecs.BOM_UTF8 + b"ok \xff\xfe\xfd broken")
    assert err.value.reason == "undecodable"


@pytest.mark.parametrize("text", ["Der Präsident", "Café in Minsk", "Grüße aus Gomel und Brest"])
def test_short_western_text_is_not_read_as_cyrillic(text):
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text
