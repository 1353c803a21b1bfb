"""Scoring a statement's key against a candidate claim's key.

Keys are compared token by token, not character by character: each key token becomes one
symbol (a code point derived from a hash of the token), and rapidfuzz's ``fuzz.ratio`` on the
sorted symbols gives the Dice overlap of the two keys. Comparing the token text itself would
let "c_supply" and "c_send" half-match on their letters.

The score is the geometric mean of two views of the overlap (an arithmetic mean let a short
statement that shares a few common tokens with a long, different claim pass on containment):
- Dice (``fuzz.ratio``): the keys are alike as a whole;
- containment (shared tokens over the shorter key): a short denial ("Pyongyang membantah
  mengirim pasukan") restates only the core of a longer claim.
Containment is derived from the Dice ratio and the two lengths, so a brute-force pass can use
``rapidfuzz.process.cdist(..., scorer=fuzz.ratio)`` and the same formula.
A match also needs two shared tokens and most of the shorter key's event words.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from claimwatch.matchers.keys import is_actor

# Chosen on the development cases (tests/data/cases.jsonl); see README "Quality".
MATCH_THRESHOLD = 50.0
CONTAINMENT_WEIGHT = 0.5
_PLANE = 0xF0000  # supplementary planes: no surrogates, room for a million symbols


@lru_cache(maxsize=500_000)
def symbol(token: str) -> str:
    return chr(0x10000 + zlib.crc32(token.encode("utf-8")) % _PLANE)


def symbols(tokens: Sequence[str]) -> str:
    """A key as one sorted string of symbols, one per distinct token."""
    return "".join(sorted({symbol(t) for t in tokens}))


def combine(ratio: Any, len_a: Any, len_b: Any) -> Any:
    """The score from fuzz.ratio of two symbol strings and their lengths.

    Works on numbers and on numpy arrays alike (the brute-force benchmark uses arrays).
    """
    shared = ratio * (len_a + len_b) / 200.0
    shorter = np.minimum(len_a, len_b)
    containment = 100.0 * shared / np.maximum(shorter, 1)
    return ratio ** (1 - CONTAINMENT_WEIGHT) * containment**CONTAINMENT_WEIGHT


# Of the words saying what happened (not who), the shorter key must share at least this share.
MIN_EVENT_COVERAGE = 0.5


def shares_enough(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two shared tokens, and most of what happened in the shorter key: names alone and
    "pasukan Rusia" alone do not make "supplied weapons to Russian forces" the troop claim."""
    shared = set(a) & set(b)
    if len(shared) < 2:
        return False
    events_a = {t for t in a if not is_actor(t)}
    events_b = {t for t in b if not is_actor(t)}
    shorter = min(len(events_a), len(events_b))
    shared_events = len(events_a & events_b)
    return shared_events >= 1 and shared_events >= MIN_EVENT_COVERAGE * shorter


def score(a: Sequence[str], b: Sequence[str]) -> float:
    """0-100; 0 when the keys do not share enough to be the same claim."""
    if not shares_enough(a, b):
        return 0.0
    sa, sb = symbols(a), symbols(b)
    return float(combine(fuzz.ratio(sa, sb), len(sa), len(sb)))


def score_many(
    key: Sequence[str], keys: Sequence[Sequence[str]], *, floor: float = 0.0
) -> list[float]:
    """:func:`score` of one key against many; 0 for scores below ``floor``."""
    values = [score(key, other) for other in keys]
    return [v if v >= floor else 0.0 for v in values]
