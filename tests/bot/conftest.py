"""In-process handler tests: the real Application, wired by ``build_application``, talking
to the Bot API emulator on 127.0.0.1, fed updates with ``await app.process_update``.

The emulator plays the users (``user_message``, ``press``, ``channel_post`` build the
updates Telegram would send) and records what the bot sent; :class:`Harness` takes those
updates and awaits the handlers, so a test needs no sleeps and no polling. The database is
a real SQLite file in ``tmp_path``, opened by the bot's own ``post_init``.

A test module may override ``bot_env`` to change the bot's settings.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from e2e.emulator import Emulator
from telegram import Update
from telegram.ext import Application

from claimwatch.bot.app import build_application
from claimwatch.bot.config import load
from claimwatch.bot.services import Services
from claimwatch.storage.chats import BotStore

TOKEN = "123456:TEST-token-for-the-emulator"  # noqa: S105 (fake, for a local emulator)
OPERATOR = 4242  # in CLAIMWATCH_ADMINS: may manage feeds


@dataclass
class Harness:
    """The bot in this process, the emulator it talks to, and its database file."""

    app: Application[Any, Any, Any, Any, Any, Any]
    emulator: Emulator
    db: Path

    @property
    def services(self) -> Services:
        found = self.app.bot_data.services
        assert found is not None
        return found

    @property
    def store(self) -> BotStore:
        return self.services.store

    async def process(self) -> int:
        """Hand every waiting update to the application and await its handlers."""
        updates = self.emulator.take_updates()
        for data in updates:
            update = Update.de_json(data, self.app.bot)
            await self.app.process_update(update)
        return len(updates)

    async def feed(self, data: dict[str, Any]) -> None:
        """Hand the application one update built by the test (an update the emulator does not
        make); what the bot answers still goes to the emulator."""
        await self.app.process_update(Update.de_json(data, self.app.bot))

    async def say(self, chat_id: int, text: str, **options: Any) -> int:
        """A user writes in a chat (see ``Emulator.user_message``); the bot handles it."""
        message_id = self.emulator.user_message(chat_id, text, **options)
        await self.process()
        return message_id

    async def press(self, chat_id: int, message_id: int, data: str, **options: Any) -> str:
        """A user presses a button (see ``Emulator.press``); the bot handles it."""
        query_id = self.emulator.press(chat_id, message_id, data, **options)
        await self.process()
        return query_id

    async def post(self, chat_id: int, text: str, **options: Any) -> int:
        """A post in a channel (see ``Emulator.channel_post``); the bot handles it."""
        message_id = self.emulator.channel_post(chat_id, text, **options)
        await self.process()
        return message_id

    def answer(self, query_id: str) -> dict[str, Any]:
        """The bot's answerCallbackQuery to that press; AssertionError if it never answered."""
        found = [a for a in self.emulator.callback_answers() if a["callback_query_id"] == query_id]
        assert len(found) == 1, f"press {query_id} answered {len(found)} times"
        return found[0]

    def rows(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        """Read the bot's database from another connection, as an operator would."""
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql, params).fetchall()

    def dump(self) -> list[str]:
        """The whole database as SQL: equal before and after means nothing changed."""
        conn = sqlite3.connect(self.db)
        try:
            return list(conn.iterdump())
        finally:
            conn.close()


def complaints(records: list[logging.LogRecord]) -> list[str]:
    """What claimwatch logged as a warning or worse (python-telegram-bot's own logs aside;
    test_rate_limit_logs.py checks that its rate limiter no longer logs a waited-out 429)."""
    return [
        r.getMessage()
        for r in records
        if r.levelno >= logging.WARNING and r.name.startswith("claimwatch")
    ]


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator(TOKEN, chat_rate=(20, 1.0), global_rate=(60, 1.0)) as emu:
        yield emu


@pytest.fixture
def bot_env(tmp_path: Path, emulator: Emulator) -> dict[str, str]:
    return {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": emulator.root,
        "CLAIMWATCH_DB": str(tmp_path / "bot.db"),
        "CLAIMWATCH_TZ": "Asia/Jakarta",
        "CLAIMWATCH_ADMINS": str(OPERATOR),
        "CLAIMWATCH_CHAT_RATE": "20/1",
        "CLAIMWATCH_GLOBAL_RATE": "50/1",
    }


@pytest.fixture
async def harness(
    bot_env: dict[str, str], emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Harness]:
    """The application as ``claimwatch run`` builds it, started the way run_polling starts
    it (initialize, then post_init), without polling: the test hands it the updates."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # as runner.py sets it for the real bot
    app = build_application(load(bot_env))
    await app.initialize()
    try:
        assert app.post_init is not None
        await app.post_init(app)
        yield Harness(app, emulator, Path(bot_env["CLAIMWATCH_DB"]))
    finally:
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        await app.shutdown()
    assert not emulator.errors(), emulator.errors()
