"""Two bots deliver from one database, as during a deploy that starts the new bot before the
old one has stopped: the new one's start-up must not send again what the old one is
sending, and must send what a bot that died left half-way.

Each bot is a delivery worker with its own connection to the same SQLite file, sending to
the Bot API emulator over HTTP on 127.0.0.1; the last test runs `claimwatch run` itself.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Bot
from telegram.request import HTTPXRequest

from claimwatch.bot.config import Rate, Settings
from claimwatch.bot.delivery import Deliverer
from claimwatch.bot.services import Rendered, render_outbox_row
from claimwatch.storage.chats import BotStore, OutboxRow, iso

from .conftest import TOKEN, BotProcess
from .emulator import Emulator

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

    def __init__(self, store: BotStore, settings: Settings, emulator: Emulator) -> None:
        self.store = store
        # Answers are held for seconds in the test: a timeout would be a (legal) repeat.
        self.bot = Bot(
            TOKEN,
            base_url=emulator.base_url,
            base_file_url=emulator.base_file_url,
            request=HTTPXRequest(read_timeout=60.0),
        )

        async def render(store_: BotStore, row: OutboxRow) -> Rendered:
            return await render_outbox_row(store_, row, settings.tz)

        self.deliverer = Deliverer(self.bot, store, settings, render)
        self.task: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, db: Path, emulator: Emulator) -> Worker:
        worker = cls(await BotStore.open(db), _settings(db, emulator), emulator)
        await worker.bot.initialize()
        return worker

    def start(self) -> None:
        self.task = asyncio.create_task(self.deliverer.run())

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)
        await self.bot.shutdown()
        await self.store.close()


async def _queue(store: BotStore, chat_id: int, text: str) -> int:
    async with store.transaction():
        await store.queue_message(chat_id, f"test:{text}", [text])
    row = await store._one("SELECT id FROM outbox WHERE dedupe = ?", (f"test:{text}",))
    return int(row[0])


async def _until(what: Callable[[], bool], within: float = 20.0) -> None:
    """Wait, without blocking the loop the workers run on, until ``what()`` holds."""
    async with asyncio.timeout(within):
        while not what():  # noqa: ASYNC110 - the emulator and the file have no events
            await asyncio.sleep(0.05)


def _states(db: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT payload, state, owner FROM outbox").fetchall()
    return {payload: (state, owner) for payload, state, owner in rows}


def _texts(emulator: Emulator) -> Counter[str | None]:
    return Counter(m.text for m in emulator.sent(method="sendMessage"))


async def _overlapping_deploy(db: Path, emulator: Emulator) -> None:
    for chat_id in (OLD_BOTS_CHAT, DEAD_BOTS_CHAT, NEW_CHAT):
        emulator.add_chat(chat_id, chat_type="private")
    setup = await BotStore.open(db)
    for chat_id in (OLD_BOTS_CHAT, DEAD_BOTS_CHAT, NEW_CHAT):
        await setup.ensure_chat(chat_id, type_="private", title=None, lang="en")
    # A bot that died ten minutes ago with an alert half-way ('sending', never answered).
    dead_row = await _queue(setup, DEAD_BOTS_CHAT, "left by a dead bot")
    await setup.set_state("owner:bot-dead", iso(datetime.now(UTC) - timedelta(minutes=10)))
    assert await setup.mark_sending(dead_row, "bot-dead")

    old = await Worker.open(db, emulator)
    new = await Worker.open(db, emulator)
    try:
        old.start()
        # The old bot hands its alert to Telegram; the answer has not come back yet.
        emulator.hold_answers()
        await _queue(setup, OLD_BOTS_CHAT, "in flight in the old bot")
        old.deliverer.wake()
        await _until(lambda: _texts(emulator)["in flight in the old bot"] == 1)
        # The new bot starts meanwhile (its start-up recovers what no live bot holds).
        new.start()
        await _until(lambda: _texts(emulator)["left by a dead bot"] >= 1)
        await asyncio.sleep(1.5)  # rounds enough for a wrong take-over to send again
        assert _texts(emulator)["in flight in the old bot"] == 1
        assert _states(db)['["in flight in the old bot"]'] == ("sending", old.deliverer.owner)
        emulator.release_answers()
        await _queue(setup, NEW_CHAT, "queued while both run")
        await _until(lambda: _texts(emulator)["queued while both run"] == 1)
        await _until(lambda: all(s == "sent" for s, _ in _states(db).values()))
        await asyncio.sleep(0.5)  # a repeat would come right after the answers
    finally:
        emulator.release_answers()
        await new.stop()
        await old.stop()
        await setup.close()


def test_a_bot_started_beside_another_sends_nothing_twice(
    emulator: Emulator, tmp_path: Path
) -> None:
    db = tmp_path / "bot.db"
    asyncio.run(_overlapping_deploy(db, emulator))
    texts = _texts(emulator)
    assert texts == {
        "in flight in the old bot": 1,
        "left by a dead bot": 1,
        "queued while both run": 1,
    }, texts
    with sqlite3.connect(db) as conn:
        owners = [r[0] for r in conn.execute("SELECT key FROM bot_state ORDER BY key")]
    assert owners == ["heartbeat"]  # both stopped cleanly; the dead bot's record was dropped


async def _queue_alert(db: str, chat_id: int, text: str) -> None:
    store = await BotStore.open(db)
    try:
        await store.ensure_chat(chat_id, type_="private", title=None, lang="en")
        await _queue(store, chat_id, text)
    finally:
        await store.close()


def test_a_bot_killed_mid_send_and_restarted_sends_the_row_again_at_once(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str]
) -> None:
    """Its liveness record is still fresh, but its process is gone: the restarted bot on
    the same machine need not wait minutes for the record to grow stale."""
    db = bot_env["CLAIMWATCH_DB"]
    emulator.add_chat(OLD_BOTS_CHAT, chat_type="private")
    emulator.hold_answers()
    asyncio.run(_queue_alert(db, OLD_BOTS_CHAT, "cut off by a crash"))
    emulator.wait_for(lambda s: len(s) == 1, timeout=20, method="sendMessage")
    assert bot.proc is not None
    bot.proc.kill()  # SIGKILL: no clean stop gives the row back
    bot.proc.wait()
    emulator.release_answers()
    assert _states(Path(db))['["cut off by a crash"]'][0] == "sending"
    bot.start(emulator)
    # Telegram took the first send, but its answer never reached the database: the row
    # goes out again (at-least-once), within seconds, not after OWNER_STALE.
    emulator.wait_for(lambda s: len(s) == 2, timeout=20, method="sendMessage")
    bot.stop()
    assert _states(Path(db))['["cut off by a crash"]'][0] == "sent"
