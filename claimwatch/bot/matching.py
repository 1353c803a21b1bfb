"""The matching path shared by the pipeline, ``check``/``claims`` and the benchmark.

Candidates come from the FTS5 index (claims holding the statement's rarest key tokens, see
:meth:`Store.candidate_keys`), scores from :func:`similarity.score_many`; nothing reads the
whole claims table.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimwatch.matchers.keys import substantive
from claimwatch.matchers.similarity import MATCH_THRESHOLD, score_many
from claimwatch.storage.db import Store


async def find_matches(
    store: Store, key: Sequence[str], *, floor: float = MATCH_THRESHOLD
) -> list[tuple[int, float]]:
    """(claim id, score) of the stored claims scoring at least ``floor``, best first."""
    if len(key) < 2 or not substantive(key):
        return []
    candidates = await store.candidate_keys(key)
    scores = score_many(key, [k for _, k in candidates], floor=floor)
    found = [(cid, value) for (cid, _), value in zip(candidates, scores, strict=True) if value]
    found.sort(key=lambda item: (-item[1], -item[0]))
    return found
