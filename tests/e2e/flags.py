"""Synthetic chats, topics and flags written straight through the real storage code (no
pipeline), from a connection of their own, as another process would write them: load for
the outbox worker, for the end-to-end tests and the in-process ones alike."""

from __future__ import annotations

import uuid
from pathlib import Path

from claimwatch.storage import open_database
from claimwatch.storage.api import NewStatement


async def raise_flags(db: str | Path, plan: list[tuple[str, int]]) -> None:
    """One claim and one denial flag per (actor, n), in one transaction: each flag queues an
    alert for every chat following that actor."""
    tag = uuid.uuid4().hex
    store = await open_database(db)
    try:
        async with store.transaction():
            for i, (actor, n) in enumerate(plan):
                article = await store.claims.add_article(
                    source="load", url=None, published="2026-11-27T00:00:00+00:00",
                    lang="en", content_hash=f"{tag}-{i}", text=f"article {i}",
                )  # fmt: skip
                claim = await store.claims.add(
                    text=f"Claim {i} about {actor} number {n}", key=[f"k{i}", "load"],
                    lang="en", by_name="Someone", by_who="someone", actors=[actor],
                    figures=[], article_id=article, first_seen="2026-11-27T00:00:00+00:00",
                )  # fmt: skip
                statement = (
                    await store.claims.add_statements(article, [NewStatement(
                        position=0, text=f"{actor} denies claim {i}", content="x", lang="en",
                        speaker=actor, speaker_actor=actor, who=actor, stance="deny",
                        hedged=False, actors=[actor], figures=[],
                    )])
                )[0]  # fmt: skip
                await store.claims.add_flag(
                    kind="denial", claim_id=claim, statement_id=statement, article_id=article,
                    by_name=actor, by_who=actor, score=90.0,
                    published="2026-11-27T00:00:00+00:00",
                )  # fmt: skip
    finally:
        await store.close()


async def setup_chats(db: str | Path, chats: dict[int, str]) -> None:
    """Private chats in English, each following one actor (chat id -> actor)."""
    store = await open_database(db)
    try:
        for chat_id, actor in chats.items():
            await store.chats.ensure(chat_id, type_="private", title=None, lang="en")
            await store.chats.add_subscription(chat_id, kind="actor", value=actor, label=actor)
    finally:
        await store.close()
