"""How many times the engine runs the planner for an article (engine/gather.py): once
where its first stage read everything asked (the statements' matches, the claims found,
their positions and flags), again for each round of look-ups only planning can name (a
search for the rare words of a sentence giving figures, then the flags on a claim it
found). Sentences invented for these tests."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.storage.api import Database


async def test_a_denial_of_a_stored_claim_is_planned_in_one_pass(store: Database) -> None:
    said = await ingest(
        store,
        "The workers' union said Harbor Metals will close the Greenvale smelter next month.",
        published="2026-05-01",
    )
    denied = await ingest(
        store,
        "Harbor Metals denied that it will close the Greenvale smelter next month.",
        published="2026-05-02",
    )
    assert [(f.kind, f.by) for f in denied.flags] == [("denial", "Harbor Metals")]
    assert (said.passes, denied.passes) == (1, 1)


async def test_a_count_against_an_earlier_articles_count_takes_a_few_passes(
    store: Database,
) -> None:
    await ingest(
        store, "Organisers said 52,000 people marched to Liberty Square.", published="2026-05-01"
    )
    police = await ingest(
        store, "The police said 6,000 people marched to Liberty Square.", published="2026-05-02"
    )
    assert [(f.kind, f.by) for f in police.flags] == [("figure_conflict", "police")]
    assert 2 <= police.passes <= 3  # the search for the sentence's words, the flags on it
