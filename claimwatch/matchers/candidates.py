"""Scoring a key against candidate claims, as the prefix index finds them.

Shared by the engine (stored claims, from the index) and the planner (the claims an
article makes, matched in memory): both keep only the candidates sharing as many tokens as
the threshold needs, then score them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from claimwatch.matchers.similarity import MATCH_THRESHOLD, combine, score_many

Candidates = list[tuple[int, list[str]]]
SEARCH_LIMIT = 40  # the best-ranked claims a search for rare words gives (candidate_keys)
RARE_DF = 20  # a token in at most this many claims is always queried (up to MAX_TERMS)
MAX_TERMS = 10


def rarest_terms(freq: dict[str, int], terms: int) -> list[str]:
    """The ``terms`` rarest tokens that occur at all (ties broken by the token), and any
    further ones that are rare in absolute terms: in a small database every token is rare,
    and which five come first would be chance."""
    present = sorted((t for t in freq if freq[t] > 0), key=lambda t: (freq[t], t))
    extra = [t for t in present[terms:MAX_TERMS] if freq[t] <= RARE_DF]
    return present[:terms] + extra


@lru_cache(maxsize=8192)
def overlap_needed(m: int, n: int) -> int | None:
    """The fewest shared tokens (>= 2) for keys of m and n distinct tokens to score at least
    MATCH_THRESHOLD; None when even sharing all of the shorter key is too little."""
    for shared in range(2, min(m, n) + 1):
        ratio = 200.0 * shared / (m + n)
        if combine(ratio, m, n) >= MATCH_THRESHOLD - 1e-9:
            return shared
    return None


def score_candidates(
    key: Sequence[str], candidates: Candidates, floor: float = MATCH_THRESHOLD
) -> list[tuple[int, float]]:
    """(claim id, score) of the candidates scoring at least ``floor``, best first."""
    likely = _enough_overlap(key, candidates) if floor >= MATCH_THRESHOLD else candidates
    scores = score_many(key, [k for _, k in likely], floor=floor)
    found = [(cid, value) for (cid, _), value in zip(likely, scores, strict=True) if value]
    found.sort(key=lambda item: (-item[1], -item[0]))
    return found


def _enough_overlap(key: Sequence[str], candidates: Candidates) -> Candidates:
    """The candidates sharing as many tokens as the threshold needs: a set intersection
    costs a fifth of the scorer, and most candidates fail it. (The scorer counts symbols,
    which two different tokens share about once in a million token pairs; the index already
    counts tokens.)"""
    mine = set(key)
    out = []
    for cid, other in candidates:  # a stored key holds each token once (Database.claims.add)
        need = overlap_needed(len(mine), len(other))
        if need is not None and len(mine.intersection(other)) >= need:
            out.append((cid, other))
    return out
