"""Checking what a user hands in before it reaches the pipeline.

Input is refused with a one-line reason a person can act on: empty, binary, too long, or
not text. Nothing is written for refused input.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from claimwatch.matchers.text import normalize

# About 300 pages of news text; a longer "article" is a dump, not an article.
MAX_ARTICLE_CHARS = 1_000_000
_TAG = re.compile(r"<\s*(?:html|body|div|p|script|head|span|a|table|br)\b[^>]*>", re.IGNORECASE)


class InputRefused(ValueError):
    """The input is not something claimwatch can read as an article."""


def decode(raw: bytes) -> str:
    if b"\x00" in raw[:65536]:
        raise InputRefused("this looks like a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputRefused(f"the text is not valid UTF-8 (byte {exc.start})") from exc


def prepare_text(text: str | bytes) -> str:
    """Normalised article text, or :class:`InputRefused` with the reason."""
    if isinstance(text, bytes):
        if len(text) > MAX_ARTICLE_CHARS * 4:
            raise InputRefused(_too_long(len(text)))
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
