"""Bytes to text, once, at the edge: byte-order marks, declared charsets, UTF-8, then detection.

The order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then a charset the container declared (an
HTTP header, ``<meta charset>``, an XML declaration); then strict UTF-8; then charset-normalizer, which
tells cp1251, koi8-u, cp1252 and the rest apart. A file that is UTF-8 except for a few broken bytes is
damaged, not in another encoding, and is refused (``unreadable``) rather than read as mojibake.
Text comes back in Unicode normal form C, so the same words always hash the same.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import InputError

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Share of multi-byte UTF-8 sequences among the non-ASCII bytes above which a file that fails to
# decode is taken for damaged UTF-8 rather than a legacy encoding.
DAMAGED_UTF8_SHARE = 0.5
# High bytes of UTF-16 code units in the texts sayso reads: Latin, Greek, Cyrillic, punctuation.
UTF16_HIGH_BYTES = frozenset({0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x1E, 0x20, 0x21, 0x22, 0x25})
# charset-normalizer reads this many bytes; more costs time and changes nothing for one article.
DETECT_BYTES = 200_000

_DECLARED = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_NON_ASCII = re.compile(rb"[\x80-\xff]")


def find_bom(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark names, and the mark's length."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def find_declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration names in the first bytes, if Python knows it."""
    m = _DECLARED.search(data[:4096])
    return _known(m.group(1).decode("ascii")) if m else None


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def looks_like_utf16(data: bytes) -> str | None:
    """UTF-16 without a mark: the high byte of each code unit takes a handful of values (0 for Latin,
    4 for Cyrillic), the low byte many, and the whole decodes to printable text."""
    sample = data[: 4000 - 4000 % 2]
    if len(sample) < 8 or len(data) % 2:
        return None
    even, odd = set(sample[0::2]), set(sample[1::2])
    for high, low, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if high <= UTF16_HIGH_BYTES and high & {0x00, 0x04} and len(low) > 2 * len(high):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if sum(c.isprintable() or c.isspace() for c in text[:2000]) >= 0.98 * min(len(text), 2000):
                return name
    return None


def is_damaged_utf8(data: bytes) -> bool:
    """Mostly valid UTF-8 multi-byte sequences, but not decodable: broken, not another encoding."""
    non_ascii = len(_NON_ASCII.findall(data[:DETECT_BYTES]))
    if not non_ascii:
        return False
    in_sequences = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data[:DETECT_BYTES]))
    return in_sequences >= DAMAGED_UTF8_SHARE * non_ascii


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode ``data`` (see the module docstring) to NFC text; ``InputError`` (``unreadable``) when it
    is not text in any encoding."""
    text = _decode(data, source, _known(declared))
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes, source: str, declared: str | None) -> str:
    bom = find_bom(data)
    if bom is not None:
        name, size = bom
        try:
            return data[size:].decode(name)
        except UnicodeDecodeError as e:
            raise _unreadable(source, f"starts with a {name} byte-order mark but is not {name} "
                                      f"({e.reason})") from e
    utf16 = looks_like_utf16(data)
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:DETECT_BYTES]:
        raise _unreadable(source, "binary data (NUL bytes), not text")
    declared = declared or find_declared_charset(data)
    if declared is not None:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # a wrong declaration is common; detection decides
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if is_damaged_utf8(data):
            raise _unreadable(source, f"damaged UTF-8 (invalid byte 0x{data[e.start]:02x} at offset "
                                      f"{e.start}); repair or re-export the file") from e
    return _detect(data, source)


def _detect(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECT_BYTES]).best()
    if best is None or best.encoding is None:
        raise _unreadable(source, "not text in any encoding charset-normalizer knows")
    try:
        return data.decode(best.encoding)
    except UnicodeDecodeError as e:
        raise _unreadable(source, f"not {best.encoding} text after byte {e.start}") from e


def _unreadable(source: str, why: str) -> InputError:
    return InputError(f"{source}: {why}", "unreadable")
