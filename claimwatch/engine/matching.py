"""The matching path shared by the pipeline, ``check``/``claims`` and the benchmark.

Candidates come from the prefix index (every claim that can reach the threshold, see
:meth:`Database.claims.match_candidates`), scores from :func:`similarity.score_many`; nothing reads
the whole claims table.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimwatch.matchers.candidates import Candidates, score_candidates
from claimwatch.matchers.keys import substantive
from claimwatch.matchers.similarity import MATCH_THRESHOLD
from claimwatch.storage.api import Database

__all__ = ["find_matches", "find_matches_many", "score_candidates"]


async def find_matches(
    store: Database, key: Sequence[str], *, floor: float = MATCH_THRESHOLD
) -> list[tuple[int, float]]:
    """(claim id, score) of the stored claims scoring at least ``floor``, best first."""
    return (await find_matches_many(store, [key], floor=floor))[0]


async def find_matches_many(
    store: Database, keys: Sequence[Sequence[str]], *, floor: float = MATCH_THRESHOLD
) -> list[list[tuple[int, float]]]:
    """:func:`find_matches` for many statements with one database round trip (a batch of
    an article's statements costs one hand-off to the database thread, not one each)."""
    where = [i for i, k in enumerate(keys) if len(k) >= 2 and substantive(k)]
    chosen = [keys[i] for i in where]
    batch = await store.claims.match_candidates_many(chosen)
    if floor < MATCH_THRESHOLD:
        # The prefix index holds every claim reaching the threshold, not a lower floor
        # (searches use 45): add the best-ranked claims holding the rarest tokens.
        batch = [await _with_ranked(store, k, c) for k, c in zip(chosen, batch, strict=True)]
    out: list[list[tuple[int, float]]] = [[] for _ in keys]
    for i, candidates in zip(where, batch, strict=True):
        out[i] = score_candidates(keys[i], candidates, floor)
    return out


async def _with_ranked(store: Database, key: Sequence[str], candidates: Candidates) -> Candidates:
    seen = {cid for cid, _ in candidates}
    ranked = await store.claims.candidate_keys(key)
    return candidates + [(cid, k) for cid, k in ranked if cid not in seen]
