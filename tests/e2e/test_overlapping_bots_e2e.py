"""A bot killed in the middle of a send and started again: the row it left half-way goes
out again at once. (Two bots delivering from one database, as during a deploy, are tested
in process: tests/bot/test_delivery.py.)"""

from __future__ import annotations

import asyncio
import sqlite3

from claimwatch.storage import open_database

from .conftest import BotProcess
from .emulator import Emulator

CHAT = 6101


def _states(db: str) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT payload, state FROM outbox").fetchall())


async def _queue_alert(db: str, chat_id: int, text: str) -> None:
    store = await open_database(db)
    try:
        await store.chats.ensure(chat_id, type_="private", title=None, lang="en")
        async with store.transaction():
            await store.outbox.queue(chat_id, f"test:{text}", [text])
    finally:
        await store.close()


def test_a_bot_killed_mid_send_and_restarted_sends_the_row_again_at_once(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str]
) -> None:
    """Its liveness record is still fresh, but its process is gone: the restarted bot on
    the same machine need not wait minutes for the record to grow stale."""
    db = bot_env["CLAIMWATCH_DB"]
    emulator.add_chat(CHAT, chat_type="private")
    emulator.hold_answers()
    asyncio.run(_queue_alert(db, CHAT, "cut off by a crash"))
    emulator.wait_for(lambda s: len(s) == 1, timeout=20, method="sendMessage")
    assert bot.proc is not None
    bot.proc.kill()  # SIGKILL: no clean stop gives the row back
    bot.proc.wait()
    emulator.release_answers()
    assert _states(db)['["cut off by a crash"]'] == "sending"
    bot.start(emulator)
    # Telegram took the first send, but its answer never reached the database: the row
    # goes out again (at-least-once), within seconds, not after OWNER_STALE.
    emulator.wait_for(lambda s: len(s) == 2, timeout=20, method="sendMessage")
    bot.stop()
    assert _states(db)['["cut off by a crash"]'] == "sent"
