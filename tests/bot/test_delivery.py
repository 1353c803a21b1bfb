"""The outbox worker (claimwatch/bot/delivery.py): pacing, 429, 403, outages, a database
locked for long, and two bots on one database.

Most tests run the worker the bot starts in ``post_init`` (the harness: the real application,
its rate limiter and its logs); the last ones run bare :class:`Deliverer` objects, each with
its own connection and Bot client, as two bot processes would. Flags are written from a
connection of their own, as another process writes them; Telegram is the emulator.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from e2e.emulator import Emulator
from e2e.flags import raise_flags, setup_chats
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.request import HTTPXRequest

from claimwatch.bot import delivery
from claimwatch.bot.delivery import Deliverer, Rendered, Renderer
from claimwatch.bot.services import render_outbox_row
from claimwatch.config import Rate, Settings
from claimwatch.storage import open_database
from claimwatch.storage.api import Database, OutboxRow, iso

from .conftest import CHAT_RATE, TOKEN, Harness, running_bot, until

FAST_LOCK = "0.3"  # CLAIMWATCH_BUSY_TIMEOUT in the tests that hold the database (10 s for real)


def _states(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state"))


def _logged(caplog: pytest.LogCaptureFixture, text: str) -> bool:
    return any(text in r.getMessage() for r in caplog.records)


async def _hold_lock(db: Path) -> sqlite3.Connection:
    """Another process's long write: a connection that holds the write lock until COMMIT.
    Taken off the event loop: a transaction of the bot in flight needs the loop to end."""
    conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False, timeout=30)
    await asyncio.to_thread(conn.execute, "BEGIN IMMEDIATE")
    return conn


# -- the bot's own worker ------------------------------------------------------------------------


async def test_a_busy_chat_does_not_starve_the_others(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    busy, others, backlog = 6000, list(range(6001, 6051)), 60
    chats = {busy: "busy-actor"} | {c: f"actor-{c}" for c in others}
    for chat_id in chats:
        harness.emulator.add_chat(chat_id, chat_type="private")
    await setup_chats(harness.db, chats)
    harness.emulator.force_retry_after(busy, 1, count=1)  # Telegram says: wait a second
    plan = [("busy-actor", n) for n in range(backlog)] + [(f"actor-{c}", 0) for c in others]
    with caplog.at_level(logging.INFO):
        await raise_flags(harness.db, plan)
        harness.services.wake()
        sent = await harness.emulator.async_wait_for(
            lambda s: len(s) >= len(plan), timeout=60, method="sendMessage"
        )
        await harness.delivered()
    sent = harness.emulator.sent(method="sendMessage")
    assert len(sent) == len(plan)
    per_chat = {c: [s for s in sent if s.chat_id == c] for c in chats}
    assert len(per_chat[busy]) == backlog and all(len(per_chat[c]) == 1 for c in others)
    # the others did not wait behind the busy chat's queue
    last_other = max(per_chat[c][0].at for c in others)
    assert last_other < per_chat[busy][9].at
    # pacing: never faster than the chat's rate, and the 429 was honoured (no other 429s)
    times = [s.at for s in per_chat[busy]]
    for i in range(len(times) - CHAT_RATE[0]):
        assert times[i + CHAT_RATE[0]] - times[i] >= CHAT_RATE[1] * 0.95
    too_many = [r for r in harness.emulator.rejected() if r.error_code == 429]
    assert len(too_many) == 1, too_many
    assert not [r for r in harness.emulator.rejected() if r.error_code == 400]
    # The worker said it waited; the rate limiter's ERROR for the same 429 is gone.
    assert _logged(caplog, f"outbox: chat {busy} asked to wait")
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_chat_that_blocked_the_bot_is_paused(harness: Harness) -> None:
    emulator = harness.emulator
    emulator.add_chat(6100, chat_type="private")
    emulator.add_chat(6101, chat_type="private")
    await setup_chats(harness.db, {6100: "blocker", 6101: "blocker"})
    emulator.block(6100)
    await raise_flags(harness.db, [("blocker", n) for n in range(5)])
    harness.services.wake()
    await emulator.async_wait_for(lambda s: len(s) == 5, timeout=15, chat_id=6101)
    await harness.delivered()
    refused = [r for r in emulator.rejected() if r.params.get("chat_id") in (6100, "6100")]
    assert len(refused) == 1 and refused[0].error_code == 403
    assert harness.rows("SELECT paused FROM chats WHERE id = 6100") == [("blocked",)]
    held = harness.rows("SELECT COUNT(*) FROM outbox WHERE chat_id = 6100 AND state = 'held'")
    assert held == [(5,)]
    # more flags: nothing is even tried for the paused chat
    await raise_flags(harness.db, [("blocker", n) for n in range(5, 8)])
    harness.services.wake()
    await emulator.async_wait_for(lambda s: len(s) == 8, timeout=15, chat_id=6101)
    await harness.delivered()
    refused = [r for r in emulator.rejected() if r.params.get("chat_id") in (6100, "6100")]
    assert len(refused) == 1


async def test_alerts_survive_a_telegram_outage(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 502 and a connection that dies without an answer: the alerts are retried until
    they are sent (the back-off is capped at a fraction of a second here, 10 min for real)."""
    monkeypatch.setattr(delivery, "MAX_BACKOFF", 0.2)
    emulator = harness.emulator
    emulator.add_chat(6200, chat_type="private")
    await setup_chats(harness.db, {6200: "outage"})
    emulator.fail_next("sendMessage", 1, 502)
    emulator.fail_next("sendMessage", 1, "drop")
    await raise_flags(harness.db, [("outage", n) for n in range(3)])
    harness.services.wake()
    await until(lambda: _states(harness.db) == {"sent": 3}, what="every alert sent")
    # every alert is sent in the end, none twice (the dropped one may be: see README)
    assert len(emulator.sent(6200, "sendMessage")) == 3
    assert harness.rows("SELECT MAX(attempts) FROM outbox") >= [(2,)]


async def test_deliveries_survive_a_database_locked_for_long(
    bot_env: dict[str, str],
    emulator: Emulator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Another process holds the write lock past the busy timeout: the heartbeat's round
    fails, says so, and the worker lives on to deliver what comes after."""
    env = {**bot_env, "CLAIMWATCH_HEARTBEAT": "0.5", "CLAIMWATCH_BUSY_TIMEOUT": FAST_LOCK}
    async with running_bot(env, emulator) as bot:
        await setup_chats(bot.db, {6300: "locked"})
        emulator.add_chat(6300, chat_type="private")
        with caplog.at_level(logging.WARNING):
            blocker = await _hold_lock(bot.db)
            try:
                await until(lambda: _logged(caplog, "a delivery round waits"), what="the wait")
                blocker.execute("COMMIT")
            finally:
                blocker.close()
        await raise_flags(bot.db, [("locked", 1)])
        bot.services.wake()
        await emulator.async_wait_for(lambda s: len(s) == 1, timeout=20, chat_id=6300)
        assert bot.services.worker is not None and not bot.services.worker.done()
    assert not [r for r in caplog.records if r.exc_info]


async def test_sends_recorded_after_a_lock_longer_than_the_busy_timeout_are_not_repeated(
    bot_env: dict[str, str],
    emulator: Emulator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    chats = {8200 + i: f"lock-{i}" for i in range(40)}
    for chat_id in chats:
        emulator.add_chat(chat_id, chat_type="private")
    async with running_bot({**bot_env, "CLAIMWATCH_BUSY_TIMEOUT": FAST_LOCK}, emulator) as bot:
        await setup_chats(bot.db, chats)
        plan = [(actor, n) for n in range(5) for actor in chats.values()]
        await raise_flags(bot.db, plan)
        bot.services.wake()
        await emulator.async_wait_for(lambda s: len(s) >= 20, timeout=30, method="sendMessage")
        # Sends in flight get Telegram's answer only once their marks cannot be written.
        emulator.hold_answers()
        held = len(
            await emulator.async_wait_for(lambda s: len(s) >= 25, timeout=30, method="sendMessage")
        )
        with caplog.at_level(logging.WARNING):
            blocker = await _hold_lock(bot.db)
            try:
                emulator.release_answers()
                await until(lambda: _logged(caplog, "cannot record"), what="a mark waits")
                blocker.execute("COMMIT")
            finally:
                emulator.release_answers()
                blocker.close()
        await emulator.async_wait_for(
            lambda s: len(s) >= len(plan), timeout=120, method="sendMessage"
        )
        await bot.delivered()  # a repeat would come right after the lock
    sent = emulator.sent(method="sendMessage")
    repeated = [k for k, n in Counter((m.chat_id, m.text) for m in sent).items() if n > 1]
    assert not repeated, f"{len(repeated)} alerts sent twice"
    assert len(sent) == len(plan)
    assert held < len(plan)  # the lock fell while alerts were going out
    assert _states(Path(bot_env["CLAIMWATCH_DB"])) == {"sent": len(plan)}


# -- bare workers: two bots on one database, refusals, stops -------------------------------------

OLD_BOTS_CHAT = 6101  # its alert is in flight when the new bot starts
DEAD_BOTS_CHAT = 6102  # its alert was left half-way by a bot that died
NEW_CHAT = 6103  # an alert queued after both run


def _settings(db: Path, emulator: Emulator) -> Settings:
    return Settings(
        token=TOKEN,
        db=str(db),
        api_url=emulator.root,
        chat_rate=Rate(50, 1.0),
        group_rate=Rate(50, 1.0),
        global_rate=Rate(50, 1.0),
        outbox_poll=0.1,
        heartbeat=0.5,
    )


class Worker:
    """One bot's delivery worker: its own connection and its own Bot client."""

    def __init__(
        self,
        store: Database,
        settings: Settings,
        emulator: Emulator,
        render: Renderer | None = None,
    ) -> None:
        self.store = store
        # Answers are held for seconds in some tests: a timeout would be a (legal) repeat.
        self.bot = Bot(
            TOKEN,
            base_url=emulator.base_url,
            base_file_url=emulator.base_file_url,
            request=HTTPXRequest(read_timeout=60.0),
        )

        async def alerts(store_: Database, row: OutboxRow) -> Rendered:
            return await render_outbox_row(store_, row, settings.tz)

        self.deliverer = Deliverer(self.bot, store, settings, render or alerts)
        self.task: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, db: Path, emulator: Emulator, render: Renderer | None = None) -> Worker:
        worker = cls(await open_database(db), _settings(db, emulator), emulator, render)
        await worker.bot.initialize()
        return worker

    @property
    def rounds(self) -> int:
        return self.deliverer.rounds

    def start(self) -> None:
        self.task = asyncio.create_task(self.deliverer.run())

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)
        await self.bot.shutdown()
        await self.store.close()


@pytest.fixture
async def setup(tmp_path: Path, emulator: Emulator) -> AsyncIterator[Database]:
    """A connection of the test's own to the workers' database, with three chats."""
    store = await open_database(tmp_path / "bot.db")
    for chat_id in (OLD_BOTS_CHAT, DEAD_BOTS_CHAT, NEW_CHAT):
        emulator.add_chat(chat_id, chat_type="private")
        await store.chats.ensure(chat_id, type_="private", title=None, lang="en")
    try:
        yield store
    finally:
        await store.close()


async def _queue(store: Database, chat_id: int, *parts: str) -> int:
    async with store.transaction():
        await store.outbox.queue(chat_id, f"test:{parts[0]}", list(parts))
    row = await store.fetch_one("SELECT id FROM outbox WHERE dedupe = ?", (f"test:{parts[0]}",))
    return int(row[0])


def _rows(db: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT payload, state, owner FROM outbox").fetchall()
    return {payload: (state, owner) for payload, state, owner in rows}


def _texts(emulator: Emulator) -> Counter[str | None]:
    return Counter(m.text for m in emulator.sent(method="sendMessage"))


async def test_a_bot_started_beside_another_sends_nothing_twice(
    setup: Database, emulator: Emulator, tmp_path: Path
) -> None:
    """Two bots deliver from one database, as during a deploy that starts the new bot before
    the old one has stopped: the new one's start-up must not send again what the old one is
    sending, and must send what a bot that died left half-way."""
    db = tmp_path / "bot.db"
    # A bot that died ten minutes ago with an alert half-way ('sending', never answered).
    dead_row = await _queue(setup, DEAD_BOTS_CHAT, "left by a dead bot")
    await setup.outbox.set_state("owner:bot-dead", iso(datetime.now(UTC) - timedelta(minutes=10)))
    assert await setup.outbox.mark_sending(dead_row, "bot-dead")

    old = await Worker.open(db, emulator)
    new = await Worker.open(db, emulator)
    try:
        old.start()
        # The old bot hands its alert to Telegram; the answer has not come back yet.
        emulator.hold_answers()
        await _queue(setup, OLD_BOTS_CHAT, "in flight in the old bot")
        old.deliverer.wake()
        await until(lambda: _texts(emulator)["in flight in the old bot"] == 1)
        # The new bot starts meanwhile (its first round recovers what no live bot holds).
        new.start()
        await until(lambda: _texts(emulator)["left by a dead bot"] >= 1)
        await until(lambda: new.rounds >= 3, what="rounds after the new bot's sweep")
        assert _texts(emulator)["in flight in the old bot"] == 1
        assert _rows(db)['["in flight in the old bot"]'] == ("sending", old.deliverer.owner)
        emulator.release_answers()
        await _queue(setup, NEW_CHAT, "queued while both run")
        await until(lambda: _texts(emulator)["queued while both run"] == 1)
        await until(lambda: all(s == "sent" for s, _ in _rows(db).values()))
        rounds = old.rounds, new.rounds  # a repeat would come right after the answers
        await until(lambda: old.rounds >= rounds[0] + 2 and new.rounds >= rounds[1] + 2)
    finally:
        emulator.release_answers()
        await new.stop()
        await old.stop()
    texts = _texts(emulator)
    assert texts == {
        "in flight in the old bot": 1,
        "left by a dead bot": 1,
        "queued while both run": 1,
    }, texts
    owners = [r[0] for r in sqlite3.connect(db).execute("SELECT key FROM bot_state ORDER BY key")]
    assert owners == ["heartbeat"]  # both stopped cleanly; the dead bot's record was dropped


async def test_a_stop_gives_back_what_it_cut_short_and_records_what_was_taken(
    setup: Database, emulator: Emulator, tmp_path: Path
) -> None:
    """A stop while sends are in flight: a send Telegram answers within the grace is
    recorded as sent (a restart must not repeat it); a send cut short goes back to pending
    (the next bot sends it at once) with no liveness record left behind."""
    db = tmp_path / "bot.db"
    worker = await Worker.open(db, emulator)
    emulator.hold_answers()
    await _queue(setup, OLD_BOTS_CHAT, "answered during the stop")
    worker.start()
    await until(lambda: _texts(emulator)["answered during the stop"] == 1)
    assert _rows(db)['["answered during the stop"]'][0] == "sending"
    assert worker.task is not None
    worker.task.cancel()
    emulator.release_answers()
    await asyncio.gather(worker.task, return_exceptions=True)
    assert _rows(db)['["answered during the stop"]'] == ("sent", worker.deliverer.owner)
    await worker.stop()

    worker = await Worker.open(db, emulator)
    emulator.hold_answers()
    await _queue(setup, DEAD_BOTS_CHAT, "cut short by the stop")
    worker.start()
    await until(lambda: _texts(emulator)["cut short by the stop"] == 1)
    worker.deliverer.stop_grace = 0.05  # Telegram does not answer within it
    try:
        await worker.stop()
    finally:
        emulator.release_answers()
    assert _rows(db)['["cut short by the stop"]'] == ("pending", None)
    keys = [r[0] for r in sqlite3.connect(db).execute("SELECT key FROM bot_state")]
    assert keys == ["heartbeat"]


async def test_a_message_telegram_refuses_for_good_is_failed_not_retried(
    setup: Database, emulator: Emulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A 400 (here: a keyboard whose button data is over Telegram's 64 bytes) fails the row
    once and logs it; the chat's next message still goes out."""
    db = tmp_path / "bot.db"

    async def render(store: Database, row: OutboxRow) -> Rendered:
        parts = row.payload or []
        if parts == ["bad"]:
            bad = InlineKeyboardButton("x", callback_data="x" * 65)
            return parts, InlineKeyboardMarkup([[bad]])
        return parts, None

    worker = await Worker.open(db, emulator, render=render)
    try:
        with caplog.at_level(logging.INFO):
            await _queue(setup, NEW_CHAT, "bad")
            await _queue(setup, NEW_CHAT, "good")
            worker.start()
            await until(lambda: _texts(emulator)["good"] == 1)
            rounds = worker.rounds
            await until(lambda: worker.rounds >= rounds + 3)
    finally:
        await worker.stop()
    assert _rows(db)['["bad"]'][0] == "failed"
    assert [r.error_code for r in emulator.rejected()] == [400]
    refused = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refused) == 1 and refused[0].levelno == logging.ERROR


async def test_a_row_with_nothing_left_to_send_is_failed(
    setup: Database, emulator: Emulator, tmp_path: Path
) -> None:
    """An alert whose flag or chat is gone renders as nothing: failed, never sent."""
    db = tmp_path / "bot.db"

    async def gone(store: Database, row: OutboxRow) -> Rendered:
        return None

    worker = await Worker.open(db, emulator, render=gone)
    try:
        await _queue(setup, NEW_CHAT, "its flag is gone")
        worker.start()
        await until(lambda: _rows(db)['["its flag is gone"]'][0] == "failed")
    finally:
        await worker.stop()
    assert emulator.sent() == []
    with sqlite3.connect(db) as conn:
        error = conn.execute("SELECT last_error FROM outbox").fetchone()[0]
    assert "nothing to send" in error


async def test_a_long_message_goes_out_in_parts_with_the_buttons_on_the_last(
    setup: Database, emulator: Emulator, tmp_path: Path
) -> None:
    db = tmp_path / "bot.db"
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("#1", callback_data="tl:1")]])

    async def render(store: Database, row: OutboxRow) -> Rendered:
        return row.payload or [], keyboard

    worker = await Worker.open(db, emulator, render=render)
    try:
        await _queue(setup, NEW_CHAT, "part one", "part two", "part three")
        worker.start()
        await until(lambda: _rows(db)['["part one", "part two", "part three"]'][0] == "sent")
    finally:
        await worker.stop()
    sent = emulator.sent(NEW_CHAT, "sendMessage")
    assert [m.text for m in sent] == ["part one", "part two", "part three"]
    assert [bool(m.reply_markup) for m in sent] == [False, False, True]
    with sqlite3.connect(db) as conn:
        parts, ids = conn.execute("SELECT parts_sent, message_ids FROM outbox").fetchone()
    assert parts == 3 and json.loads(ids) == [m.message_id for m in sent]
