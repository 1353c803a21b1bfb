"""Acceptance: the seed article and the follow-up articles of the claim engine issue."""

from __future__ import annotations

import pytest

from claimwatch.engine.pipeline import IngestResult, ingest
from claimwatch.storage.api import Database

SEED_SOURCE = "seed article"
# Both readers of the prefix index: FTS5, and the copy in memory a busy process loads.
READERS = pytest.mark.parametrize("in_memory", [False, True], ids=["fts5", "memory"])


async def _seed(store: Database, text: str) -> IngestResult:
    return await ingest(store, text, source=SEED_SOURCE, published="2024-10-22")


def _troop_denials(result: IngestResult) -> list:
    return [
        f
        for f in result.flags
        if f.kind == "denial" and "1.500" in f.claim_text and "tentara" in f.claim_text
    ]


@READERS
async def test_seed_article_raises_the_troop_and_weapons_denials(
    store: Database, seed_article: str, in_memory: bool
) -> None:
    if in_memory:  # the article is then matched through the copy (empty here)
        await store.load_memory_index()
    result = await _seed(store, seed_article)
    troops = _troop_denials(result)
    assert len(troops) == 1
    assert troops[0].by == "Korea Utara"
    assert troops[0].claim_by == "Korea Selatan"
    weapons = [f for f in result.flags if f.kind == "denial" and "senjata" in f.claim_text]
    assert [(f.by, f.claim_by) for f in weapons] == [("Korea Utara", "Korea Selatan")]
    assert "pasukan Rusia" in weapons[0].claim_text


async def test_russia_not_confirming_is_unconfirmed_and_raises_nothing(
    store: Database, seed_article: str
) -> None:
    result = await _seed(store, seed_article)
    russia = [s for s in result.statements if s.statement.speaker == "Rusia"]
    unconfirmed = [s for s in russia if s.statement.stance.value == "unconfirmed"]
    assert len(unconfirmed) == 1
    troop_claim = _troop_denials(result)[0].claim_id
    assert unconfirmed[0].claim_id == troop_claim
    assert unconfirmed[0].relation == "unconfirmed"
    assert not [f for f in result.flags if f.by == "Rusia"]


@READERS
async def test_a_later_denial_links_to_the_same_claim(
    store: Database, seed_article: str, in_memory: bool
) -> None:
    troop_claim = _troop_denials(await _seed(store, seed_article))[0].claim_id
    if in_memory:
        await store.load_memory_index()
    later = await ingest(
        store,
        "Pyongyang membantah telah mengirim pasukan ke Rusia.",
        source="Antara",
        published="2024-10-24",
    )
    (statement,) = later.statements
    assert statement.claim_id == troop_claim
    # Pyongyang denied this in the seed article already: the same answer again, re-reported
    # by another outlet, links to the claim but raises no new flag (issue 10, part 4).
    assert statement.relation == "denies"
    assert later.flags == []
    claim = await store.claims.get(troop_claim)
    assert claim is not None
    assert claim.status == "disputed"


@READERS
async def test_unrelated_news_about_the_same_actor_is_not_linked(
    store: Database, seed_article: str, in_memory: bool
) -> None:
    troop_claim = _troop_denials(await _seed(store, seed_article))[0].claim_id
    if in_memory:
        await store.load_memory_index()
    missile = await ingest(
        store,
        "Korea Utara meluncurkan rudal balistik ke Laut Jepang.",
        source="Antara",
        published="2024-10-25",
    )
    assert all(s.claim_id != troop_claim for s in missile.statements)
    assert missile.flags == []


async def test_the_same_article_twice_creates_nothing(store: Database, seed_article: str) -> None:
    first = await _seed(store, seed_article)
    before = await store.claims.counts()
    again = await _seed(store, seed_article + "\n")  # same text once normalised
    assert again.duplicate
    assert again.article_id == first.article_id
    assert await store.claims.counts() == before


async def test_a_speaker_named_by_role_who_retracts_is_a_reversal(store: Database) -> None:
    await ingest(
        store,
        "Indonesia's Health Ministry said that three cases of a new bird flu strain had been "
        "detected in West Java.",
        published="2025-01-10",
    )
    later = await ingest(
        store,
        "The Health Ministry retracted its statement on Thursday, saying further laboratory "
        "tests had found that all samples were negative for the new strain.",
        published="2025-01-12",
    )
    assert [(f.kind, f.by) for f in later.flags] == [("reversal", "Health Ministry")]
    assert "bird flu" in later.flags[0].claim_text
