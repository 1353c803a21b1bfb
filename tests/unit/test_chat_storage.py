"""The bot's tables on real SQLite files: alerts queued with the flag, digests once per slot."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from claimwatch.bot.digests import queue_digest
from claimwatch.engine.pipeline import ingest
from claimwatch.engine.topics import resolve_topic
from claimwatch.storage import open_database
from claimwatch.storage.api import Database, OutboxRow


@pytest.fixture
async def bot_store(db_path: Path) -> AsyncIterator[Database]:
    opened = await open_database(db_path)
    try:
        yield opened
    finally:
        await opened.close()


async def _follow(store: Database, chat_id: int, topic: str, **kwargs: object) -> int:
    await store.chats.ensure(chat_id, type_="private", title=None, lang="id")
    found = resolve_topic(topic)
    assert found is not None
    sub, created = await store.chats.add_subscription(
        chat_id, kind=found.kind, value=found.value, label=found.label, terms=found.terms
    )
    assert created
    if kwargs:
        await store.chats.update_subscription(chat_id, sub.id, **kwargs)  # type: ignore[arg-type]
    return sub.id


async def test_flags_queue_one_alert_per_matching_chat(
    bot_store: Database, seed_article: str
) -> None:
    await _follow(bot_store, 1, "Pyongyang")  # actor
    await _follow(bot_store, 2, "tentara")  # keyword
    await _follow(bot_store, 3, "Ukraina Jepang Brasil nikel")  # matches nothing
    await _follow(bot_store, 4, "korut", mode="digest")  # digest only: no alert
    await _follow(bot_store, 5, "korut", flag_kinds=["confirmation"])  # other kinds only
    await _follow(bot_store, 6, "Korea Utara")
    await bot_store.chats.pause(6, "blocked")
    result = await ingest(bot_store, seed_article, source="seed", published="2024-10-22")
    denials = [f for f in result.flags if f.kind == "denial"]
    assert len(denials) >= 2
    by_chat = {c: await bot_store.outbox.counts(c) for c in range(1, 7)}
    assert by_chat[1] == {"pending": len(result.flags)}
    troop = [f for f in result.flags if "1.500" in f.claim_text]
    assert by_chat[2].get("pending", 0) >= len(troop) >= 1
    assert by_chat[3] == by_chat[4] == by_chat[5] == by_chat[6] == {}
    # the same article again: no flag, no alert
    again = await ingest(bot_store, seed_article, source="seed", published="2024-10-22")
    assert again.duplicate
    assert await bot_store.outbox.counts(1) == {"pending": len(result.flags)}


async def test_due_heads_take_one_row_per_chat(bot_store: Database, seed_article: str) -> None:
    await _follow(bot_store, 1, "Pyongyang")
    await _follow(bot_store, 2, "Korea Selatan")
    await ingest(bot_store, seed_article, source="seed", published="2024-10-22")
    heads = await bot_store.outbox.due_heads("9999", exclude=[], limit=10)
    assert sorted(h.chat_id for h in heads) == [1, 2]
    only_two = await bot_store.outbox.due_heads("9999", exclude=[1], limit=10)
    assert [h.chat_id for h in only_two] == [2]


async def test_sending_rows_of_a_dead_bot_go_back_to_pending(
    bot_store: Database, seed_article: str
) -> None:
    await _follow(bot_store, 1, "Pyongyang")
    await ingest(bot_store, seed_article, source="seed", published="2024-10-22")
    head = (await bot_store.outbox.due_heads("9999", exclude=[], limit=1))[0]
    await bot_store.outbox.beat("bot-dead", "2026-01-01T10:00:00+00:00")
    await bot_store.outbox.mark_sending(head.id, "bot-dead")
    assert await bot_store.outbox.mark_part_sent(head.id, "bot-dead", 77)
    # Its last heartbeat is before the cut-off: it died, its row goes out again.
    recovered = await bot_store.outbox.recover_sending(
        alive_since="2026-01-01T10:05:00+00:00", me="b"
    )
    assert recovered == 1
    row = await bot_store.outbox.get(head.id)
    assert row is not None and row.state == "pending" and row.parts_sent == 1
    assert row.message_ids == [77] and row.attempts == 1
    assert await bot_store.outbox.get_state("owner:bot-dead") is None  # its stale record is gone


def _owned(db_path: Path, ids: list[int]) -> list[tuple[str, str | None]]:
    """(state, owner) of outbox rows, read as another process would."""
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT id, state, owner FROM outbox").fetchall()
    found = {r[0]: (r[1], r[2]) for r in rows}
    return [found[i] for i in ids]


async def test_a_second_bot_takes_back_no_row_of_a_live_one(
    db_path: Path, bot_store: Database, seed_article: str
) -> None:
    for chat in (1, 2, 3, 4):
        await _follow(bot_store, chat, "Pyongyang")
    await ingest(bot_store, seed_article, source="seed", published="2024-10-22")
    live, dead, unknown, no_owner = await bot_store.outbox.due_heads("9999", exclude=[], limit=4)
    await bot_store.outbox.beat("bot-live", "2026-01-01T10:06:00+00:00")
    await bot_store.outbox.beat("bot-dead", "2026-01-01T10:01:00+00:00")
    for row, owner in ((live, "bot-live"), (dead, "bot-dead"), (unknown, "bot-gone")):
        assert await bot_store.outbox.mark_sending(row.id, owner)
    with sqlite3.connect(db_path) as conn:  # as a bot of before migration 0009 left it
        conn.execute("UPDATE outbox SET state = 'sending' WHERE id = ?", (no_owner.id,))
    second = await open_database(db_path)  # another process on the same file
    try:
        await second.outbox.beat("bot-new", "2026-01-01T10:06:30+00:00")
        taken = await second.outbox.recover_sending(
            alive_since="2026-01-01T10:05:00+00:00", me="bot-new"
        )
        assert taken == 3
        assert _owned(db_path, [live.id, dead.id, unknown.id, no_owner.id]) == [
            ("sending", "bot-live"),
            ("pending", None),
            ("pending", None),
            ("pending", None),
        ]
        # The second bot now sends the dead one's row; the late answer of the dead one
        # (it was only slow) changes nothing.
        assert await second.outbox.mark_sending(dead.id, "bot-new")
        assert not await bot_store.outbox.mark_sent(dead.id, "bot-dead")
        assert not await bot_store.outbox.mark_retry(dead.id, "bot-dead", "9999", "late")
        assert not await bot_store.outbox.mark_failed(dead.id, "bot-dead", "late")
        assert not await bot_store.outbox.mark_part_sent(dead.id, "bot-dead", 5)
        assert await second.outbox.mark_sent(dead.id, "bot-new")
        assert await bot_store.outbox.mark_sent(live.id, "bot-live")
        rows = [await second.outbox.get(r.id) for r in (live, dead)]
        assert [(r.state, r.message_ids) for r in rows if r] == [("sent", []), ("sent", [])]
    finally:
        await second.close()


async def _two_alerts_due(bot_store: Database, seed_article: str) -> list[OutboxRow]:
    """Two chats follow Pyongyang and the seed article queues their alerts: the first two."""
    for chat in (1, 2):
        await _follow(bot_store, chat, "Pyongyang")
    await ingest(bot_store, seed_article, source="seed", published="2024-10-22")
    return await bot_store.outbox.due_heads("9999", exclude=[], limit=2)


async def test_rows_of_an_owner_known_dead_go_back_though_its_record_is_fresh(
    bot_store: Database, seed_article: str
) -> None:
    crashed, live = await _two_alerts_due(bot_store, seed_article)
    for row, owner in ((crashed, "bot-crashed"), (live, "bot-live")):
        await bot_store.outbox.beat(owner, "2026-01-01T10:06:00+00:00")
        assert await bot_store.outbox.mark_sending(row.id, owner)
    assert sorted(await bot_store.outbox.sending_owners()) == ["bot-crashed", "bot-live"]
    alive_since = "2026-01-01T10:05:00+00:00"
    assert await bot_store.outbox.recover_sending(alive_since=alive_since, me="b") == 0
    recovered = await bot_store.outbox.recover_sending(
        alive_since=alive_since, me="b", dead=["bot-crashed"]
    )
    assert recovered == 1
    rows = [await bot_store.outbox.get(r.id) for r in (crashed, live)]
    assert [r.state for r in rows if r] == ["pending", "sending"]
    assert await bot_store.outbox.get_state("owner:bot-crashed") is None
    assert await bot_store.outbox.get_state("owner:bot-live") is not None


async def test_a_clean_stop_gives_back_its_rows_and_its_record(
    bot_store: Database, seed_article: str
) -> None:
    mine, theirs = await _two_alerts_due(bot_store, seed_article)
    await bot_store.outbox.beat("bot-a", "2026-01-01T10:00:00+00:00")
    assert await bot_store.outbox.mark_sending(mine.id, "bot-a")
    assert await bot_store.outbox.mark_sending(theirs.id, "bot-b")
    assert await bot_store.outbox.retire_owner("bot-a") == 1
    assert await bot_store.outbox.get_state("owner:bot-a") is None
    assert await bot_store.outbox.get_state("heartbeat") == "2026-01-01T10:00:00+00:00"
    rows = [await bot_store.outbox.get(r.id) for r in (mine, theirs)]
    assert [r.state for r in rows if r] == ["pending", "sending"]


async def test_a_running_bot_releases_only_its_own_rows_that_it_does_not_send(
    bot_store: Database, seed_article: str
) -> None:
    for chat in (1, 2, 3):
        await _follow(bot_store, chat, "Pyongyang")
    await ingest(bot_store, seed_article, source="seed", published="2024-10-22")
    mine, in_flight, theirs = await bot_store.outbox.due_heads("9999", exclude=[], limit=3)
    assert await bot_store.outbox.mark_sending(mine.id, "bot-a")
    assert await bot_store.outbox.mark_sending(in_flight.id, "bot-a")
    assert await bot_store.outbox.mark_sending(theirs.id, "bot-b")
    assert await bot_store.outbox.release_sending("bot-a", keep=[in_flight.id]) == 1
    rows = [await bot_store.outbox.get(r.id) for r in (mine, in_flight, theirs)]
    assert [r.state for r in rows if r] == ["pending", "sending", "sending"]
    assert await bot_store.outbox.release_sending("bot-a", keep=[]) == 1


async def test_digest_once_per_slot_and_late_commits_are_not_lost(
    bot_store: Database, seed_article: str
) -> None:
    await _follow(bot_store, 1, "Pyongyang")
    await bot_store.chats.set_digest(1, every="daily", at="07:00", covers_since="2000-01-01")
    await ingest(bot_store, seed_article, source="seed", published="2024-10-22")
    chat = await bot_store.chats.get(1)
    assert chat is not None
    now = datetime.now(UTC)
    args = {"slot": "s1", "slot_time": now, "now": now, "tz": ZoneInfo("Asia/Jakarta")}
    assert await queue_digest(bot_store, chat, force=False, **args)
    assert not await queue_digest(bot_store, chat, force=True, **args)  # the same slot
    digests = [r for r in await _outbox(bot_store, 1) if r.startswith("digest:")]
    assert digests == ["digest:s1"]
    # A flag stamped before that digest but committed after it (a long ingest elsewhere)
    # is in the next digest: digests follow ids, not clocks.
    async with bot_store.transaction():
        await bot_store.execute(
            "INSERT INTO flags (kind, claim_id, statement_id, article_id, by_name, by_who,"
            " score, published, created_at) SELECT 'confirmation', claim_id, statement_id,"
            " article_id, 'Rusia', 'rusia', 0.9, published, '2000-01-02T00:00:00+00:00'"
            " FROM flags LIMIT 1"
        )
    chat = await bot_store.chats.get(1)
    assert chat is not None
    later = now + timedelta(days=1)
    more = {"slot": "s2", "slot_time": later, "now": later, "tz": ZoneInfo("Asia/Jakarta")}
    assert await queue_digest(bot_store, chat, force=False, **more)
    row = await bot_store.outbox.get(max(await _outbox_ids(bot_store, 1)))
    assert row is not None and row.payload is not None
    assert "1 konfirmasi" in "".join(row.payload) and "bantahan" not in "".join(row.payload)


async def _outbox(store: Database, chat_id: int) -> list[str]:
    rows = await store.fetch_all(
        "SELECT dedupe FROM outbox WHERE chat_id = ? ORDER BY id", (chat_id,)
    )
    return [r[0] for r in rows]


async def _outbox_ids(store: Database, chat_id: int) -> list[int]:
    rows = await store.fetch_all("SELECT id FROM outbox WHERE chat_id = ?", (chat_id,))
    return [r[0] for r in rows]


async def test_a_migrated_group_keeps_its_topics_and_queue(
    bot_store: Database, seed_article: str
) -> None:
    await bot_store.chats.ensure(-5, type_="group", title="desk", lang="en")
    await bot_store.chats.add_subscription(
        -5, kind="actor", value="korea-utara", label="Korea Utara"
    )
    await ingest(bot_store, seed_article, source="seed", published="2024-10-22")
    before = await bot_store.outbox.counts(-5)
    await bot_store.chats.migrate(-5, -1005)
    assert await bot_store.chats.get(-5) is None
    assert await bot_store.outbox.counts(-1005) == before
    assert [s.value for s in await bot_store.chats.subscriptions(-1005)] == ["korea-utara"]


async def test_status_changes_are_logged_for_digests(
    bot_store: Database, seed_article: str
) -> None:
    await _follow(bot_store, 1, "Pyongyang")
    await ingest(bot_store, seed_article, source="seed", published="2024-10-22")
    changes = await bot_store.chats.status_changes(1, after_id=0, upto_id=10**9)
    assert changes and all(old == "asserted" and new != old for _, old, new, _ in changes)
    flags = await bot_store.chats.flags(1, after_id=0, upto_id=10**9)
    assert flags and {s.value for s, _ in flags} == {"korea-utara"}


async def test_pause_holds_the_queue_and_resume_releases_it(
    bot_store: Database, seed_article: str
) -> None:
    await _follow(bot_store, 1, "Pyongyang")
    await ingest(bot_store, seed_article, source="seed", published="2024-10-22")
    pending = (await bot_store.outbox.counts(1))["pending"]
    assert await bot_store.chats.pause(1, "blocked") == pending
    assert await bot_store.outbox.due_heads("9999", exclude=[], limit=10) == []
    assert await bot_store.chats.resume(1) == pending
    assert await bot_store.outbox.counts(1) == {"pending": pending}


async def test_a_chat_following_a_state_hears_its_bodies(bot_store: Database) -> None:
    # Bodies answer as themselves (Kemlu, not "Indonesia"), so a chat that follows the state
    # is told through the state each claimant and answerer speaks for.
    await _follow(bot_store, 1, "Indonesia")
    await _follow(bot_store, 2, "Kemlu")
    await _follow(bot_store, 3, "Malaysia")
    text = (
        "Kantor berita Nusantara melaporkan bahwa kapal patroli Vietnam menabrak nelayan di "
        "perairan Natuna pekan lalu.\n"
        "Kementerian Luar Negeri RI membantah laporan bahwa kapal patroli Vietnam menabrak "
        "nelayan di perairan Natuna pekan lalu."
    )
    result = await ingest(bot_store, text, source="uji", published="2024-05-02")
    denials = [f for f in result.flags if f.kind == "denial"]
    assert [f.by for f in denials] == ["Kementerian Luar Negeri RI"]
    assert await bot_store.outbox.counts(1) == {"pending": 1}
    assert await bot_store.outbox.counts(2) == {"pending": 1}
    assert await bot_store.outbox.counts(3) == {}
