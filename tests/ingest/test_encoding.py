"""Bytes to NFC text: byte-order marks, declared charsets, legacy Cyrillic encodings, damaged input."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sayso.errors import InputError
from sayso.ingest.encoding import decode_bytes, find_declared_charset, looks_like_utf16

RU = 'Министр обороны заявил, что "мы победим". Это было вчера в Москве, сказал он журналистам.'
UK = 'Міністр оборони України Рустем Умєров заявив, що "ми переможемо". Ґанок, їжак, є. Це було вчора.'
EN = '"We will win," the minister said on Sunday in Brussels.'


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (RU.encode("cp1251"), RU),
        (UK.encode("cp1251"), UK),
        (UK.encode("koi8-u"), UK),
        (RU.encode("koi8-r"), RU),
        (UK.encode("utf-16"), UK),  # with a byte-order mark
        (UK.encode("utf-16-le"), UK),  # without one
        (RU.encode("utf-16-be"), RU),
        (EN.encode("utf-16-le"), EN),
        (codecs.BOM_UTF8 + UK.encode("utf-8"), UK),
        (UK.encode("utf-8"), UK),
        (b'<meta charset="koi8-u"><p>' + UK.encode("koi8-u"), '<meta charset="koi8-u"><p>' + UK),
    ],
    ids=["ru-cp1251", "uk-cp1251", "uk-koi8u", "ru-koi8r", "utf16-bom", "utf16le", "utf16be", "en-utf16le",
         "utf8-bom", "utf8", "declared"],
)
def test_encoding_decodes(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "f") == expected


@pytest.mark.parametrize(
    "decomposed",
    ["Йо", "ї", "café"],
)
def test_encoding_text_is_nfc(decomposed: str) -> None:
    nfd = unicodedata.normalize("NFD", decomposed)
    assert decode_bytes(nfd.encode("utf-8"), "f") == unicodedata.normalize("NFC", decomposed)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        ((RU * 3).encode("utf-8") + b"\xff\xfe broken" + RU.encode("utf-8"), "damaged UTF-8"),
        (codecs.BOM_UTF8 + b"ok \xff\xff", "byte-order mark"),
    ],
    ids=["binary", "damaged-utf8", "bad-after-bom"],
)
def test_encoding_unreadable(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        decode_bytes(data, "f")
    assert err.value.reason == "unreadable"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', "cp1251"),
        (b'<?xml version="1.0" encoding="KOI8-U"?><rss>', "koi8-u"),
        (b"<meta charset=nonsense>", None),
        (b"<p>no declaration</p>", None),
    ],
)
def test_encoding_declared_charset(head: bytes, expected: str | None) -> None:
    assert find_declared_charset(head) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (UK.encode("utf-16-le"), "utf-16-le"),
        (EN.encode("utf-16-be"), "utf-16-be"),
        (EN.encode("utf-8"), None),
        (bytes(range(256)) * 8, None),
        (b"a1a2a3a4a5a6a7a8a9", None),  # one byte repeats at every other place: not UTF-16 for that
    ],
)
def test_encoding_utf16_without_mark(data: bytes, expected: str | None) -> None:
    assert looks_like_utf16(data) == expected


@given(st.binary(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_encoding_any_bytes_decode_or_refuse(data: bytes) -> None:
    try:
        text = decode_bytes(data, "f")
    except InputError as e:
        assert e.reason == "unreadable"
    else:
        assert text == unicodedata.normalize("NFC", text)


@given(st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=300))
@settings(max_examples=200, deadline=None)
def test_encoding_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"), "f") == unicodedata.normalize("NFC", text)
