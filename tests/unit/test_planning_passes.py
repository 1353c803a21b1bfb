"""How many look-ups the planner waits for beyond what the engine read ahead
(engine/gather.py: the statements' matches, the best claims and their positions): one
for an answer to a stored claim (the answers other articles gave on it), a handful for a
count (the search for the sentence's rare words, the flags on the claim it found, the
disputes known). Sentences invented for these tests."""

from __future__ import annotations

import asyncio
import threading

from claimwatch.engine.gather import _Filling
from claimwatch.engine.pipeline import ingest
from claimwatch.matchers.planning import Context
from claimwatch.storage.api import Database


async def test_a_denial_of_a_stored_claim_is_planned_with_what_was_read_ahead(
    store: Database,
) -> None:
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
    assert (said.lookups, denied.lookups) == (0, 1)


async def test_a_count_against_an_earlier_articles_count_reads_a_little_more(
    store: Database,
) -> None:
    await ingest(
        store, "Organisers said 52,000 people marched to Liberty Square.", published="2026-05-01"
    )
    police = await ingest(
        store, "The police said 6,000 people marched to Liberty Square.", published="2026-05-02"
    )
    assert [(f.kind, f.by) for f in police.flags] == [("figure_conflict", "police")]
    assert police.lookups <= 8


async def test_a_planner_waiting_on_a_read_the_engine_stopped_giving_raises(
    store: Database,
) -> None:
    """The transaction's task cancelled after the planner's thread handed a request over
    (and before it was read): the thread must not wait for ever, holding the executor and
    the process's exit."""
    filling = _Filling(store, Context(1, "2026-05-01T00:00:00+00:00"))
    raised: list[BaseException] = []

    def planner() -> None:
        try:
            filling.fill(("claims", (1,)))
        except RuntimeError as exc:
            raised.append(exc)

    thread = threading.Thread(target=planner, daemon=True)
    thread.start()
    await filling.requests.get()  # handed over, past its first check; nobody will read it
    filling.failed = asyncio.CancelledError()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert raised and isinstance(raised[0].__cause__, asyncio.CancelledError)
