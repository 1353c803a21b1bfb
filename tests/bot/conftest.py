"""In-process bot tests: the real Application, wired by ``build_application``, talking to
the Bot API emulator on 127.0.0.1, fed updates with ``await app.process_update``.

The emulator plays the users (``user_message``, ``press``, ``channel_post`` build the
updates Telegram would send) and records what the bot sent; :class:`Harness` takes those
updates and awaits the handlers, so a test needs no sleeps. What the bot does in the
background (the outbox worker, digest and feed jobs) is awaited with :func:`until`, a wait
on a condition with a deadline. The database is a real SQLite file in ``tmp_path``, opened
by the bot's own ``post_init``; the only thing not real is Telegram (the emulator).

A test module may override ``bot_env`` to change the bot's settings; ``start_bot`` starts
another bot (other settings, or the same database again: a restart).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from e2e.emulator import Emulator, Sent
from telegram import Update

from claimwatch.bot.app import build_application
from claimwatch.bot.context import App
from claimwatch.bot.delivery import Deliverer
from claimwatch.bot.services import Services
from claimwatch.config import load
from claimwatch.storage import open_database
from claimwatch.storage.api import Database

TOKEN = "123456:TEST-token-for-the-emulator"  # noqa: S105 (fake, for a local emulator)
OPERATOR = 4242  # in CLAIMWATCH_ADMINS: may manage feeds
# The emulator enforces these limits; Telegram's real ones (1/s per chat) would make the
# pacing tests take minutes, and the logic is the same. The bot is told the per-chat limit
# as it is, and an overall one a sixth under the emulator's (fifty chats at once arrive
# with jitter that a sliding window over all of them counts).
CHAT_RATE = (20, 1.0)
GLOBAL_RATE = (60, 1.0)
BOT_GLOBAL_RATE = (50, 1.0)


async def until(condition: Callable[[], object], within: float = 20.0, what: str = "") -> None:
    """Wait, without blocking the event loop the bot runs on, until ``condition()`` holds;
    AssertionError after ``within`` seconds. The one place tests of this folder sleep."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {within} s: {what or condition}")
        await asyncio.sleep(0.01)


@dataclass
class Harness:
    """The bot in this process, the emulator it talks to, and its database file."""

    app: App
    emulator: Emulator
    db: Path

    @property
    def services(self) -> Services:
        found = self.app.bot_data.services
        assert found is not None
        return found

    @property
    def store(self) -> Database:
        return self.services.store

    @property
    def deliverer(self) -> Deliverer:
        found = self.services.deliverer
        assert found is not None
        return found

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

    async def ask(self, chat_id: int, text: str, **options: Any) -> list[Sent]:
        """``say``, then the messages the bot sent the chat in answer (at least one)."""
        before = len(self.emulator.sent(chat_id, "sendMessage"))
        await self.say(chat_id, text, **options)
        answers = self.emulator.sent(chat_id, "sendMessage")[before:]
        assert answers, f"no answer to {text[:60]!r} in chat {chat_id}"
        return answers

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

    def texts(self, chat_id: int) -> list[str]:
        """What the chat reads of the bot's messages, in order."""
        return [s.plain_text or s.text or "" for s in self.emulator.sent(chat_id, "sendMessage")]

    async def delivered(self) -> None:
        """Wait until the outbox holds nothing due and the worker has finished a round since
        the call: whatever the bot was going to send by now has been sent."""
        rounds = self.deliverer.rounds
        self.services.wake()
        await until(
            lambda: (
                self.deliverer.rounds >= rounds + 2
                and not self.rows(
                    "SELECT 1 FROM outbox WHERE state IN ('pending', 'sending') "
                    "AND (not_before IS NULL OR not_before <= strftime('%Y-%m-%dT%H:%M:%f', 'now'))"
                )
            ),
            what="the outbox is delivered",
        )

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
    with Emulator(TOKEN, chat_rate=CHAT_RATE, global_rate=GLOBAL_RATE) as emu:
        yield emu


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database the migrations made, once per session (they take most of a bot's start)."""
    path = tmp_path_factory.mktemp("template") / "bot.db"

    async def migrate() -> None:
        await (await open_database(path)).close()

    asyncio.run(migrate())
    return path


@pytest.fixture
def bot_env(tmp_path: Path, emulator: Emulator, migrated: Path) -> dict[str, str]:
    """The bot's settings; its database a copy of the migrated one (a real file of its own)."""
    db = tmp_path / "bot.db"
    src, dst = sqlite3.connect(migrated), sqlite3.connect(db)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": emulator.root,
        "CLAIMWATCH_DB": str(db),
        "CLAIMWATCH_TZ": "Asia/Jakarta",
        "CLAIMWATCH_ADMINS": str(OPERATOR),
        "CLAIMWATCH_CHAT_RATE": f"{CHAT_RATE[0]}/{CHAT_RATE[1]:g}",
        "CLAIMWATCH_GLOBAL_RATE": f"{BOT_GLOBAL_RATE[0]}/{BOT_GLOBAL_RATE[1]:g}",
        "CLAIMWATCH_OUTBOX_POLL": "0.2",
    }


class _Tracebacks(logging.Handler):
    """Every record logged with a traceback while a bot runs (``claimwatch run``'s log must
    hold none: the end-to-end tests look for "Traceback" in it)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.found.append(f"{record.name}: {record.getMessage()}")


@contextlib.asynccontextmanager
async def running_bot(
    env: dict[str, str], emulator: Emulator, *, jobs: bool = False
) -> AsyncIterator[Harness]:
    """The application as ``claimwatch run`` builds it, started the way run_polling starts
    it (initialize, post_init, the job queue when ``jobs``), without polling: the test hands
    it the updates. Stopped the way run_polling stops it; it must have logged no traceback."""
    tracebacks = _Tracebacks()
    logging.getLogger().addHandler(tracebacks)
    app = build_application(load(env))
    await app.initialize()
    try:
        assert app.post_init is not None
        await app.post_init(app)
        if jobs and app.job_queue is not None:
            await app.job_queue.start()
        yield Harness(app, emulator, Path(env["CLAIMWATCH_DB"]))
    finally:
        if app.job_queue is not None and app.job_queue.scheduler.running:
            await app.job_queue.stop(wait=False)
        if app.post_stop is not None:
            await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        logging.getLogger().removeHandler(tracebacks)
    assert tracebacks.found == [], tracebacks.found


@pytest.fixture(autouse=True)
def _timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # as runner.py sets it for the real bot


@pytest.fixture
async def harness(bot_env: dict[str, str], emulator: Emulator) -> AsyncIterator[Harness]:
    async with running_bot(bot_env, emulator) as started:
        yield started
    assert not emulator.errors(), emulator.errors()
