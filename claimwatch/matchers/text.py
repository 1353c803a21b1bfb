"""Text normalisation shared by every matcher.

Everything downstream works on the output of :func:`normalize`, so typographic quotes,
non-breaking spaces and compatibility forms never reach a regular expression.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

_TRANSLATE = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2013": "-",
        "\u2014": " - ",
        "\u2212": "-",
        "\u00ad": "",
        "\u200b": "",
        "\u200e": "",
        "\u200f": "",
        "\ufeff": "",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t]+")
# A word: letters/digits, optionally joined by hyphen or apostrophe (Suk-yeol, mata-mata, don't).
WORD_RE = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def normalize(text: str) -> str:
    """NFKC, plain quotes and dashes, no control characters, single spaces; keeps newlines."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    text = _CONTROL.sub(" ", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


class Word(NamedTuple):
    """A word with its place in the text it came from (a tuple: keying an article makes
    hundreds, and a frozen dataclass takes twice as long to create)."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def words(text: str) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for lexicon look-ups."""
    if text.isascii():  # nothing to decompose (most words of the news): a tenth of reading
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
