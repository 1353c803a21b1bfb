"""Recognising one speaker under two wordings when no actor resolves it."""

from __future__ import annotations

from functools import lru_cache

from claimwatch.matchers.text import fold, words

_DETERMINERS = frozenset("the a an this that para sang seorang sebuah".split())
MIN_ROLE_WORDS = 2  # "minister" alone could be any minister


@lru_cache(maxsize=4096)  # a long article compares the same few wordings thousands of times
def role_words(phrase: str) -> tuple[str, ...]:
    """The phrase without determiners and possessors: "Indonesia's trade minister" ->
    ("trade", "minister")."""
    out = [fold(w.text) for w in words(phrase)]
    return tuple(w for w in out if w not in _DETERMINERS and not w.endswith("'s"))


def same_speaker_phrase(a: str | None, b: str | None) -> bool:
    """Whether one wording ends the other: "the Health Ministry" and "Indonesia's Health
    Ministry", "Kepala BPBD" and "Kepala BPBD" again."""
    if not a or not b:
        return False
    ra, rb = role_words(a), role_words(b)
    shorter, longer = sorted((ra, rb), key=len)
    return len(shorter) >= MIN_ROLE_WORDS and longer[-len(shorter) :] == shorter
