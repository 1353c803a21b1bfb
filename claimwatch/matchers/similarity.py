"""Scoring a statement's key against a candidate claim's key.

Scores combine rapidfuzz's token_sort_ratio (the keys are alike as a whole) and
token_set_ratio (one key is contained in the other: "Pyongyang denied sending troops" is a
short form of the longer claim). Either alone misjudges: set ratio calls two short texts that
share a common word identical, sort ratio punishes a denial that restates only the core.
A match also needs at least two shared tokens, one of which says what happened (not only
who), so that two stories about the same pair of countries do not match on names alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from claimwatch.matchers.keys import is_actor

# Chosen on the development cases (tests/data/cases.jsonl); see README "Quality".
MATCH_THRESHOLD = 62.0
SET_WEIGHT = 0.5


def combine(sort_score: float, set_score: float) -> float:
    """One score from the two ratios; the benchmark's brute force uses this too."""
    return (1 - SET_WEIGHT) * sort_score + SET_WEIGHT * set_score


def shares_enough(a: Sequence[str], b: Sequence[str]) -> bool:
    shared = set(a) & set(b)
    return len(shared) >= 2 and any(not is_actor(t) for t in shared)


def score(a: Sequence[str], b: Sequence[str]) -> float:
    """0-100; 0 when the keys do not share enough to be the same claim."""
    if not shares_enough(a, b):
        return 0.0
    left, right = " ".join(a), " ".join(b)
    return combine(fuzz.token_sort_ratio(left, right), fuzz.token_set_ratio(left, right))
