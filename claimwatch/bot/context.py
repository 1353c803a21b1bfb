"""The context every handler and job of the bot is given, typed: python-telegram-bot's
``CallbackContext`` with the bot's :class:`~claimwatch.bot.services.Services` as
``context.services`` (as in python-telegram-bot's ``contexttypesbot.py`` example), and the one
way to find the language a chat is answered in (:func:`chat_row`, :func:`chat_lang`).

:data:`CONTEXT_TYPES` is handed to the ``ApplicationBuilder``; ``app.bot_data`` is then a
:class:`BotData`, not a dictionary.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from claimwatch.bot.i18n import lang_of
from claimwatch.bot.services import Services
from claimwatch.config import Settings
from claimwatch.storage.api import ChatRow


class BotData:
    """The application's shared state: the settings from the start, the services once
    ``post_init`` opened them (and until ``post_shutdown`` closed them)."""

    __slots__ = ("services", "settings")

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.services: Services | None = None


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """What a handler or job is called with."""

    @property
    def services(self) -> Services:
        found = self.bot_data.services
        if found is None:
            raise RuntimeError("the bot's services are not open: post_init has not run")
        return found


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)
App = Application[
    ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], BotData, JobQueue[BotContext]
]


def user_lang(update: Update) -> str | None:
    """The language of whoever acts, from their Telegram client; None when it says none."""
    user = update.effective_user
    return lang_of(user.language_code) if user and user.language_code else None


async def chat_row(update: Update, context: BotContext) -> ChatRow:
    """The chat's row, created on first contact in the user's language (a private chat
    follows its user's language until /lang picks one: see ``Database.chats.ensure``)."""
    chat = update.effective_chat
    assert chat is not None
    return await context.services.store.chats.ensure(
        chat.id, type_=chat.type, title=chat.title or chat.username, lang=user_lang(update)
    )


def answer_lang(row: ChatRow | None, user: str | None) -> str:
    """The language a chat is answered in: a group's or a chosen (/lang) one as stored; a
    private chat's follows its user; a chat not stored yet, the user's; else English. The
    same rule as ``Database.chats.ensure`` writes, so a read agrees with the row it makes."""
    if row is None:
        return user or "en"
    follows_user = row.type == "private" and not row.lang_chosen
    return (user or row.lang) if follows_user else row.lang


async def chat_lang(update: Update, context: BotContext) -> str:
    """The language to answer this update's chat in, read without writing (the error
    handler asks while the database may be what failed)."""
    chat = update.effective_chat
    row = await context.services.store.chats.get(chat.id) if chat else None
    return answer_lang(row, user_lang(update))
