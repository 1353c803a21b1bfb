"""The Telegram application: built in one function, every handler registered in order.

``claimwatch run`` calls :func:`run`; tests run the same command against a Bot API
emulator on 127.0.0.1 (``TELEGRAM_API_URL``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit

from telegram import Bot, BotCommand, LinkPreviewOptions, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)

from claimwatch.bot import callbacks, feed_handlers, handlers, i18n
from claimwatch.bot.callbacks import Action, ClaimAction, OtherAction, TopicAction
from claimwatch.bot.context import CONTEXT_TYPES, App, BotContext, chat_lang, user_lang
from claimwatch.bot.delivery import Deliverer, Rendered
from claimwatch.bot.render_html import refusal
from claimwatch.bot.scheduling import reschedule_digest, restore
from claimwatch.bot.services import Services, render_outbox_row
from claimwatch.config import Settings
from claimwatch.errors import StoreError, TokenRefused
from claimwatch.storage import open_database
from claimwatch.storage.api import Database, OutboxRow

log = logging.getLogger(__name__)
RATE_LIMITER_LOG = "telegram.ext.AIORateLimiter"

COMMANDS = {
    "en": [
        ("check", "Check a statement against stored claims"),
        ("subscribe", "Follow an actor or keyword"),
        ("subs", "Your topics and their options"),
        ("unsubscribe", "Stop following a topic"),
        ("claims", "Search stored claims"),
        ("claim", "A claim's timeline"),
        ("follow", "Follow one claim"),
        ("unfollow", "Stop following a claim"),
        ("digest", "Digest now, or its schedule"),
        ("ingest", "Read an article's text"),
        ("stats", "Numbers"),
        ("export", "This chat's claims and flags (CSV, JSON)"),
        ("lang", "Language: id or en"),
        ("tz", "Time zone for digests"),
        ("help", "What this bot does"),
    ],
    "id": [
        ("check", "Periksa pernyataan terhadap klaim tersimpan"),
        ("subscribe", "Ikuti aktor atau kata kunci"),
        ("subs", "Topik Anda dan pengaturannya"),
        ("unsubscribe", "Berhenti mengikuti topik"),
        ("claims", "Cari klaim tersimpan"),
        ("claim", "Linimasa satu klaim"),
        ("follow", "Ikuti satu klaim"),
        ("unfollow", "Berhenti mengikuti klaim"),
        ("digest", "Ringkasan sekarang, atau jadwalnya"),
        ("ingest", "Baca teks artikel"),
        ("stats", "Angka-angka"),
        ("export", "Klaim dan flag obrolan ini (CSV, JSON)"),
        ("lang", "Bahasa: id atau en"),
        ("tz", "Zona waktu ringkasan"),
        ("help", "Apa yang dilakukan bot ini"),
    ],
}


BUTTONS: dict[Action, Callable[[Update, BotContext], Coroutine[Any, Any, None]]] = {
    ClaimAction.TIMELINE: handlers.timeline_pressed,
    ClaimAction.FOLLOW: handlers.follow_pressed,
    OtherAction.PAGE: handlers.page_pressed,
    OtherAction.ACTOR: handlers.actor_pressed,
    TopicAction.LABEL: handlers.label_pressed,
    TopicAction.MUTE: handlers.mute_pressed,
    TopicAction.MODE: handlers.mode_pressed,
    TopicAction.KINDS: handlers.kinds_pressed,
    TopicAction.REMOVE: handlers.remove_pressed,
    TopicAction.KINDS_DONE: handlers.kinds_done_pressed,
    OtherAction.KIND: handlers.kind_pressed,
}


def build_application(settings: Settings) -> App:
    _quiet_passed_on_429s()
    app: App = (
        ApplicationBuilder()
        .context_types(CONTEXT_TYPES)
        .token(settings.token)
        .base_url(settings.bot_url)
        .base_file_url(settings.file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=settings.tz,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=settings.global_rate.count,
                overall_time_period=settings.global_rate.seconds,
                group_max_rate=settings.group_rate.count,
                group_time_period=settings.group_rate.seconds,
                # No retries here: on a 429 this limiter holds every request of the bot, all
                # chats, for the wait. The outbox delays only the chat concerned, and replies
                # wait and retry in their own task (handlers._reply).
                max_retries=0,
            )
        )
        .concurrent_updates(True)
        .post_init(_on_start)
        .post_stop(_on_stop)
        .post_shutdown(_on_shutdown)
        .build()
    )
    app.bot_data.settings = settings
    _register(app)
    return app


def _register(app: App) -> None:
    private = filters.ChatType.PRIVATE
    # Commands, in the order of /help; /cmd@botname is matched by CommandHandler itself.
    for name, callback in (
        ("start", handlers.start),
        ("help", handlers.help_),
        ("subscribe", handlers.subscribe),
        ("unsubscribe", handlers.unsubscribe),
        ("subs", handlers.subs),
        ("follow", handlers.follow),
        ("unfollow", handlers.unfollow),
        ("claims", handlers.claims),
        ("claim", handlers.claim),
        ("check", handlers.check),
        ("ingest", handlers.ingest_cmd),
        ("digest", handlers.digest),
        ("stats", handlers.stats),
        ("export", handlers.export),
        ("lang", handlers.lang),
        ("tz", handlers.tz),
        ("addfeed", feed_handlers.addfeed),
        ("feeds", feed_handlers.feeds),
        ("delfeed", feed_handlers.delfeed),
    ):
        # An edited command is not run again (an edited /ingest would ingest twice).
        app.add_handler(CommandHandler(name, callback, filters=~filters.UpdateType.EDITED))
    # Buttons under alerts, lists and menus: one handler per action, its data read by
    # callbacks.py; a press of none of them (forged or unknown data) is answered, no more.
    for action, pressed in BUTTONS.items():
        app.add_handler(CallbackQueryHandler(pressed, pattern=callbacks.pattern(action)))
    app.add_handler(CallbackQueryHandler(handlers.stray_press))
    # Channels that made the bot an administrator are sources; their posts are articles.
    app.add_handler(MessageHandler(filters.UpdateType.CHANNEL_POST, handlers.channel_post))
    app.add_handler(ChatMemberHandler(handlers.member_update, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, handlers.migrated))
    # Private chats: any other text or forwarded post is checked (the tipline).
    app.add_handler(MessageHandler(private & filters.COMMAND, handlers.unknown_command))
    app.add_handler(
        MessageHandler(private & (filters.TEXT | filters.CAPTION) & ~filters.COMMAND,
                       handlers.plain_text)
    )  # fmt: skip
    app.add_error_handler(_on_error)


class _PassedOn429(logging.Filter):
    """Drops the record of a 429 that the rate limiter passes on to its caller.

    The limiter must not retry (see :func:`build_application`), and so it logs every 429 as
    an ERROR with a traceback, though the caller then waits and succeeds: the outbox delays
    the chat and says so, a reply waits and says so (:func:`replies.reply`), and a reply
    that gives up reaches the error handler. The limiter's other records stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, RetryAfter)


def _quiet_passed_on_429s() -> None:
    limiter_log = logging.getLogger(RATE_LIMITER_LOG)
    if not any(isinstance(f, _PassedOn429) for f in limiter_log.filters):
        limiter_log.addFilter(_PassedOn429())


async def _on_start(app: App) -> None:
    settings = app.bot_data.settings
    assert settings is not None
    store = await open_database(settings.db, busy_timeout_ms=settings.busy_timeout_ms)
    svc = Services(settings, store)
    app.bot_data.services = svc

    async def render(store_: Database, row: OutboxRow) -> Rendered:
        return await render_outbox_row(store_, row, settings.tz)

    svc.deliverer = Deliverer(app.bot, store, settings, render)

    async def migrated(new_id: int) -> None:
        chat = await store.chats.get(new_id)
        if chat is not None:
            reschedule_digest(app, chat)

    svc.deliverer.on_migrate = migrated
    for lang in i18n.LANGS:
        commands = [BotCommand(name, text) for name, text in COMMANDS[lang]]
        await app.bot.set_my_commands(commands, language_code=None if lang == "en" else lang)
    await restore(app)
    svc.worker = asyncio.create_task(svc.deliverer.run(), name="claimwatch-outbox")
    svc.worker.add_done_callback(_worker_ended)
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            feed_handlers.poll_feeds_job, interval=settings.feed_check, first=1.0, name="feeds"
        )
    log.info("claimwatch bot @%s started; database %s", app.bot.username, settings.db)


def _worker_ended(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("the outbox worker stopped", exc_info=task.exception())


async def _on_stop(app: App) -> None:
    """After updates stop and before the Bot closes its connections: the worker finishes
    the sends in flight (recorded as sent), then stops."""
    svc = app.bot_data.services
    if svc is None or svc.worker is None:
        return
    svc.worker.cancel()
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(10):
            await asyncio.gather(svc.worker, return_exceptions=True)
    svc.worker = None


async def _on_shutdown(app: App) -> None:
    svc = app.bot_data.services
    if svc is None:
        return
    await _on_stop(app)
    await svc.close()
    log.info("claimwatch bot stopped")


async def _on_error(update: object, context: BotContext) -> None:
    error = context.error
    if isinstance(error, StoreError):  # the world's doing (a locked or full disk, a damaged
        log.warning("handling an update failed: %s", error)  # file): one line, no traceback
    else:
        log.error("handling an update failed", exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type == ChatType.CHANNEL:
        return
    lang = user_lang(update) or "en"
    if context.bot_data.services is not None:
        with contextlib.suppress(StoreError):  # the database may be what failed
            lang = await chat_lang(update, context)
    try:  # busy, or error for a damaged database or a bug: see claimwatch.errors.explain
        await update.effective_chat.send_message(refusal(error, lang))
    except Exception:  # the error reply must never raise from the error handler
        log.warning("could not tell chat %d about the error", update.effective_chat.id)


async def wait_for_telegram(
    settings: Settings, *, first_delay: float = 1.0, max_wait: float = 60.0
) -> str:
    """The bot's username, once the Bot API answers: a bot started during an outage waits
    for Telegram (``first_delay`` seconds, doubling up to ``max_wait``) instead of dying
    with a traceback. TokenRefused if the token is wrong."""
    delay = first_delay
    while True:
        try:
            async with Bot(settings.token, base_url=settings.bot_url) as bot:
                return bot.username
        except InvalidToken:
            raise TokenRefused(settings.api_url) from None
        except NetworkError as exc:
            log.warning(
                "cannot reach the Bot API at %s (%s); trying again in %.0f s",
                settings.api_url,
                exc.message,
                delay,
            )
            await asyncio.sleep(delay)
            delay = min(max_wait, delay * 2)


def run(settings: Settings, *, webhook: str | None, listen: str, port: int) -> None:
    """Long polling, or a webhook when ``webhook`` (the public URL) is given."""
    asyncio.run(wait_for_telegram(settings))
    app = build_application(settings)
    if webhook is None:
        app.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=-1)
        return
    app.run_webhook(
        listen=listen,
        port=port,
        url_path=urlsplit(webhook).path.lstrip("/"),
        webhook_url=webhook,
        secret_token=settings.webhook_secret,
        allowed_updates=Update.ALL_TYPES,
        bootstrap_retries=-1,
    )
