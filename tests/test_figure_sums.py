"""Sums of money across articles (issue 10 item 7): a later article's sum conflicts with an
earlier one only where both name what they sum with the same word."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.storage.api import Database

SEIZED = (
    "Anti-graft agency seizes RM30 million from ex-port director\n"
    "The Anti-Graft Bureau said it has seized RM30 million in cash from the home of former "
    "port director Tan Wei Ming. "
    "Tan was fined RM5,000 last year for a traffic offence, court records show."
)
SEIZED_MORE = (
    "Port graft probe: sums seized now RM45mil\n"
    "Bureau investigators said they had seized a total of RM45 million after searching two "
    "more houses linked to the official."
)
FINE_LATER = (
    "Former port director fined again\n"
    "Former port director Tan Wei Ming was fined RM8,000 by a magistrates' court, his "
    "lawyer said today."
)


async def test_a_later_total_of_the_same_sum_conflicts(store: Database) -> None:
    await ingest(store, SEIZED, source="Daily", published="2025-03-03")
    later = await ingest(store, SEIZED_MORE, source="Daily", published="2025-03-05")
    assert [f.kind for f in later.flags] == ["figure_conflict"]
    assert "RM30 million" in later.flags[0].claim_text


async def test_another_sum_of_the_story_is_no_conflict(store: Database) -> None:
    """The fine and the sum seized are two sums: no word in common before the amounts."""
    await ingest(store, SEIZED, source="Daily", published="2025-03-03")
    later = await ingest(store, FINE_LATER, source="Daily", published="2025-03-05")
    assert [f.kind for f in later.flags if f.kind == "figure_conflict"] == []
