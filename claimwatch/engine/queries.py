"""Read-only questions the CLI and the bot ask: search, check, timeline.

They share the matching path of the pipeline (keys, FTS5 candidates, rapidfuzz scores), so
"check" finds exactly the claims an ingested article would have been matched against.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from claimwatch.engine.articles import prepare_text
from claimwatch.engine.markup import has_markup, html_to_text
from claimwatch.engine.matching import find_matches
from claimwatch.matchers.keys import key_tokens, statement_key, substantive
from claimwatch.matchers.lang import detect
from claimwatch.matchers.model import Statement
from claimwatch.matchers.similarity import MATCH_THRESHOLD
from claimwatch.matchers.statements import StatementReader
from claimwatch.storage.api import ClaimRow, Database, FlagRow, StatementRow

# Search shows weaker matches than the pipeline links, ranked: a person looking is helped by
# near misses, the pipeline is not.
SEARCH_FLOOR = 45.0


@dataclass(slots=True)
class ScoredClaim:
    claim: ClaimRow
    score: float


@dataclass(slots=True)
class CheckResult:
    statement: Statement
    matches: list[ScoredClaim] = field(default_factory=list)
    stances: dict[int, list[tuple[str, str]]] = field(default_factory=dict)


async def _scored(store: Database, key: list[str], floor: float, limit: int) -> list[ScoredClaim]:
    found = (await find_matches(store, key, floor=floor))[:limit]
    claims = await store.claims.get_many(cid for cid, _ in found)
    return [ScoredClaim(c, value) for c, (_, value) in zip(claims, found, strict=True)]


async def search_claims(store: Database, query: str, *, limit: int = 10) -> list[ScoredClaim]:
    """Claims matching a free-text query, best first; recent claims when the query is empty."""
    query = query.strip()
    if not query:
        return [ScoredClaim(c, 0.0) for c in await store.claims.latest(limit=limit)]
    key = key_tokens(query, detect(query))
    if len(key) == 1 or not substantive(key):
        # A single word or only names: rank by the FTS index alone.
        ids = [cid for cid, _ in await store.claims.candidate_keys(key, limit=limit)]
        return [ScoredClaim(c, 0.0) for c in await store.claims.get_many(ids)]
    return await _scored(store, key, SEARCH_FLOOR, limit)


async def check_text(store: Database, text: str, *, limit: int = 3) -> list[CheckResult]:
    """For each statement of a text, the closest stored claims and who stands where.

    Pasted text with markup in it (a forwarded post, a page's source) is checked for its
    words: the tags are dropped, not a reason to refuse."""
    if has_markup(text):
        text = html_to_text(text) or text
    clean = prepare_text(text)
    _lang, statements = await asyncio.to_thread(StatementReader().read, clean)
    results: list[CheckResult] = []
    for st in statements:
        key = statement_key(st)
        if len(key) < 2:
            continue
        result = CheckResult(st, await _scored(store, key, SEARCH_FLOOR, limit))
        for match in result.matches:
            rows = await store.claims.statement_positions(match.claim.id)
            result.stances[match.claim.id] = [(who, relation) for who, relation, _ in rows]
        results.append(result)
    return results


def is_match(scored: ScoredClaim) -> bool:
    """Whether the pipeline would have linked this statement to the claim."""
    return scored.score >= MATCH_THRESHOLD


async def timeline(
    store: Database, claim_id: int
) -> tuple[ClaimRow, list[StatementRow], list[FlagRow]] | None:
    claim = await store.claims.get(claim_id)
    if claim is None:
        return None
    statements = await store.claims.claim_statements(claim_id)
    flags = await store.claims.list_flags(claim_id=claim_id)
    return claim, statements, flags
