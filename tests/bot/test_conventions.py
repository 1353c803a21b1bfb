"""The bot's conventions: a typed context holding the services, one way to find the language
a chat is answered in, and no state kept in modules (the per-user link limit included)."""

from __future__ import annotations

import collections
import importlib
import pkgutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import claimwatch.bot
from claimwatch.bot import i18n
from claimwatch.bot.context import BotContext, BotData, answer_lang
from claimwatch.bot.services import LinkLimiter
from claimwatch.storage import open_database
from claimwatch.storage.api import Database

from .conftest import OPERATOR, Harness


def _replies(harness: Harness, chat_id: int) -> list[str]:
    return [s.plain_text or "" for s in harness.emulator.sent(chat_id, "sendMessage")]


def _plain(html_text: str) -> str:
    return html_text.replace("<code>", "").replace("</code>", "").replace("<b>", "")


async def test_handlers_get_the_typed_context_and_its_services(harness: Harness) -> None:
    assert isinstance(harness.app.bot_data, BotData)
    assert harness.app.context_types.context is BotContext
    context = BotContext(harness.app)
    assert context.services is harness.services
    assert context.services.settings.admins == frozenset({OPERATOR})


async def test_the_feed_commands_answer_in_the_language_the_others_do(harness: Harness) -> None:
    """A Malay-speaking user is answered in Indonesian by /help and /feeds alike (the feed
    commands once answered in English: they read the language another way)."""
    await harness.say(OPERATOR, "/feeds", language_code="ms")  # first contact
    await harness.say(OPERATOR, "/help", language_code="ms")
    listed, helped = _replies(harness, OPERATOR)
    assert helped.startswith("claimwatch") and "Ikuti" in helped
    assert listed == _plain(i18n.text("feeds_empty", "id"))


async def test_a_private_chat_follows_its_user_in_the_feed_commands_too(
    harness: Harness,
) -> None:
    await harness.say(OPERATOR, "/help", language_code="en")
    await harness.say(OPERATOR, "/feeds", language_code="id")  # the user switched to Indonesian
    assert _replies(harness, OPERATOR)[-1] == _plain(i18n.text("feeds_empty", "id"))
    await harness.say(OPERATOR, "/lang en", language_code="id")  # chosen: it stays
    await harness.say(OPERATOR, "/feeds", language_code="id")
    assert _replies(harness, OPERATOR)[-1] == _plain(i18n.text("feeds_empty", "en"))


@pytest.mark.parametrize("chat_type", ["private", "group"])
@pytest.mark.parametrize("chosen", [False, True])
@pytest.mark.parametrize("user", ["id", "en", None])
async def test_reading_the_language_agrees_with_the_row_it_makes(
    chats_store: Database, chat_type: str, chosen: bool, user: str | None
) -> None:
    """The error handler reads the language without writing; it must come out as the row
    ``ensure_chat`` would make or keep."""
    store = chats_store
    await store.chats.ensure(7, type_=chat_type, title=None, lang="en")
    if chosen:
        await store.chats.set_lang(7, "en")
    before = await store.chats.get(7)
    assert answer_lang(None, user) == (user or "en")
    expected = answer_lang(before, user)
    made = await store.chats.ensure(7, type_=chat_type, title=None, lang=user)
    assert made.lang == expected


@pytest.fixture
async def chats_store(tmp_path: Path) -> AsyncIterator[Database]:
    store = await open_database(tmp_path / "chats.db")
    try:
        yield store
    finally:
        await store.close()


async def test_links_are_limited_per_user_by_the_services(harness: Harness) -> None:
    """Five links a user in ten minutes; the count lives in the services, not the module."""
    for _ in range(5):  # a private address, refused before anything is sent
        await harness.say(OPERATOR, "/ingest http://10.0.0.1/news.html")
    await harness.say(OPERATOR, "/ingest http://10.0.0.1/news.html")
    replies = _replies(harness, OPERATOR)
    assert all(r.startswith("Not read:") for r in replies[:5]), replies
    assert replies[5] == _plain(i18n.text("link_rate", "en").format(n=5, minutes=10))
    assert not harness.services.links.allow(OPERATOR)
    assert LinkLimiter().allow(OPERATOR)  # another bot in this process counts its own


def test_limiter_window() -> None:
    limiter = LinkLimiter(per_user=2, window=60.0)
    assert limiter.allow(1, now=0.0) and limiter.allow(1, now=1.0)
    assert not limiter.allow(1, now=2.0) and limiter.allow(2, now=2.0)
    assert limiter.allow(1, now=61.5)  # the first has left the window


def test_no_module_of_the_bot_keeps_mutable_state() -> None:
    """Module-level dicts, lists, sets and deques are constants (named in capitals) only:
    anything that changes while the bot runs belongs to the services."""
    found = []
    for info in pkgutil.iter_modules(claimwatch.bot.__path__):
        module = importlib.import_module(f"claimwatch.bot.{info.name}")
        for name, value in vars(module).items():
            mutable = isinstance(value, dict | list | set | collections.deque | bytearray)
            if mutable and not name.startswith("__") and name.strip("_") != name.strip("_").upper():
                found.append(f"{info.name}.{name}")
    assert found == []
