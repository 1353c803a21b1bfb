"""Checking what a user hands in before it reaches the pipeline.

Input is refused with a one-line reason a person can act on: empty, binary, too long, or
not text. Nothing is written for refused input.

Raw input (a file, stdin) is read up to :data:`MAX_INPUT_BYTES` and refused past it before
it is decoded or parsed, so an endless or huge input costs no more memory than the limit;
the character limit applies to the text that comes out.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from datetime import UTC, datetime
from typing import BinaryIO

from claimwatch.errors import InputRefused
from claimwatch.matchers.text import normalize

# About 300 pages of news text; a longer "article" is a dump, not an article.
MAX_ARTICLE_CHARS = 1_000_000
# Bytes of one raw input: room for the character limit at four bytes a character (UTF-32,
# or emoji in UTF-8) and for a page's markup; the same as the default cap of a fetched page.
MAX_INPUT_BYTES = 5_000_000
_READ_CHUNK = 1 << 20
# Longest first, so UTF-32's mark is not taken for UTF-16's (FF FE 00 00 begins with FF FE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than white space, private-use and unassigned code points: text
# has next to none; bytes read as UTF-16 because they happen to begin with FF FE have many.
_NOT_TEXT = {"Cc", "Co", "Cn"}
_SPACES = set("\t\n\r\f\v")
_TAG = re.compile(r"<\s*(?:html|body|div|p|script|head|span|a|table|br)\b[^>]*>", re.IGNORECASE)


def read_limited(stream: BinaryIO, limit: int = MAX_INPUT_BYTES) -> bytes:
    """All of a file or stdin, or InputRefused as soon as it holds more than ``limit`` bytes:
    ``/dev/zero`` or a 10 GB file costs the limit, not the machine's memory."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:  # a terminal answers one line a read: read until the end
        chunk = stream.read(min(_READ_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise InputRefused(too_large(limit))
    return b"".join(chunks)


def too_large(limit: int = MAX_INPUT_BYTES) -> str:
    return f"the input is too long (more than {limit / 1e6:g} MB; the limit is {limit / 1e6:g} MB)"


def bom_codec(raw: bytes) -> str | None:
    """The codec a byte order mark at the start of ``raw`` names (it drops the mark)."""
    return next((codec for bom, codec in _BOMS if raw.startswith(bom)), None)


def decode(raw: bytes) -> str:
    """Text from UTF-8 bytes, or UTF-16/UTF-32 ones that begin with a byte order mark."""
    codec = bom_codec(raw)
    if codec is not None and codec != "utf-8-sig":
        return _decode_marked(raw, codec)
    if b"\x00" in raw[:65536]:
        raise InputRefused("this looks like a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputRefused(f"the text is not valid UTF-8 (byte {exc.start})") from exc


def _decode_marked(raw: bytes, codec: str) -> str:
    name = codec.upper()
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputRefused(f"the text is not valid {name} (byte {exc.start})") from exc
    sample = text[:10000]
    odd = sum(ch not in _SPACES and unicodedata.category(ch) in _NOT_TEXT for ch in sample)
    if odd > len(sample) / 50:
        raise InputRefused(f"this looks like a binary file, not text (read as {name})")
    return text


def prepare_text(text: str | bytes) -> str:
    """Normalised article text, or :class:`InputRefused` with the reason."""
    if isinstance(text, bytes):
        if len(text) > MAX_INPUT_BYTES:
            raise InputRefused(too_large())
        text = decode(text)
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputRefused(_too_long(len(text)))
    clean = normalize(text)
    if not clean:
        raise InputRefused("the article is empty")
    if len(_TAG.findall(clean[:20000])) >= 3:
        raise InputRefused("this looks like an HTML page; give its plain text, or its link")
    letters = sum(ch.isalpha() for ch in clean)
    if letters < 3 or letters / len(clean) < 0.5:
        raise InputRefused("this does not look like article text (too few letters)")
    return clean


def _too_long(size: int) -> str:
    return (
        f"the article is too long ({size / 1e6:.1f} million characters;"
        f" the limit is {MAX_ARTICLE_CHARS / 1e6:.0f} million)"
    )


def published_iso(value: str | datetime | None) -> str:
    """An ISO 8601 UTC time from a date, a datetime or nothing (now)."""
    if value is None:
        stamp = datetime.now(UTC)
    elif isinstance(value, datetime):
        stamp = value
    else:
        try:
            stamp = datetime.fromisoformat(value.strip())
        except ValueError as exc:
            raise InputRefused(
                f"cannot read the date {value!r}; use YYYY-MM-DD or YYYY-MM-DDTHH:MM"
            ) from exc
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).replace(microsecond=0).isoformat()
