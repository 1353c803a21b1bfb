"""Telegram handlers: parse the update, call one application function, render the reply.

Every reply is HTML from :mod:`claimwatch.bot.render_html`. In groups and channels, only
administrators change topics and settings; everyone may search and check (see
:func:`_is_admin` for who counts as one). Button data is built and read by
:mod:`claimwatch.bot.callbacks` only; each button's action has a handler of its own here
(``*_pressed``, registered with the action's pattern in ``app.py``).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, TelegramError

from claimwatch.bot import callbacks, feed_handlers, i18n, render_html
from claimwatch.bot.callbacks import (
    Action,
    ActorPick,
    ClaimAction,
    ClaimButton,
    KindToggle,
    OtherAction,
    PageButton,
    TopicAction,
    TopicButton,
)
from claimwatch.bot.context import BotContext, chat_row, user_lang
from claimwatch.bot.digests import parse_schedule, period, queue_digest
from claimwatch.bot.i18n import WEEKDAYS
from claimwatch.bot.render_html import refusal, split_message, t
from claimwatch.bot.replies import reply as _reply
from claimwatch.bot.scheduling import reschedule_digest
from claimwatch.bot.services import Services
from claimwatch.config import zone
from claimwatch.engine import queries
from claimwatch.engine.pipeline import ingest
from claimwatch.engine.records import claim_json, flag_json
from claimwatch.engine.topics import actor_label, resolve_topic
from claimwatch.errors import ConfigError, InputRefused, ScheduleError
from claimwatch.sources.pages import looks_like_html, page_article
from claimwatch.storage.api import FLAG_KINDS, ChatRow, SubscriptionRow, iso

log = logging.getLogger(__name__)
Ctx = BotContext
PAGE = 5
MAX_SUB_ROWS = 24  # four buttons a row; Telegram takes 100 buttons a message
MAX_CHECK_CHARS = 20_000
ADMIN_STATUSES = {ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER}


# -- helpers ---------------------------------------------------------------------------------


async def _is_admin(update: Update, context: Ctx) -> bool:
    """Whether whoever acts may change the chat's topics and settings.

    - A private chat is its user's.
    - A button press is the presser's: ``callback_query.from_user``, asked of Telegram. The
      message under the button says nothing of who pressed (under a post in a channel its
      sender is the channel itself, for every reader); an anonymous administrator presses
      as themselves too, so they are asked for like anyone.
    - A message sent as the chat itself is an administrator's: only administrators can
      write as their group (anonymously), and only administrators can post in a channel,
      where a command arrives as a post with no user at all.
    - A message sent as another chat (a member writing as their own channel) is not.
    - Otherwise the message's user, asked of Telegram.
    """
    chat = update.effective_chat
    if chat is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    query = update.callback_query
    if query is not None:
        return await _administers(context, chat.id, query.from_user.id)
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id
    user = update.effective_user
    return user is not None and await _administers(context, chat.id, user.id)


async def _administers(context: Ctx, chat_id: int, user_id: int) -> bool:
    """The user is an administrator or the creator of the chat, as Telegram says now."""
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError:
        return False
    return member.status in ADMIN_STATUSES


async def _admin_or_refuse(update: Update, context: Ctx, chat: ChatRow) -> bool:
    if await _is_admin(update, context):
        return True
    query = update.callback_query
    if query is not None:
        await _answer(query, i18n.text("admins_only", chat.lang), show_alert=True)
    else:
        await _reply(update, [t("admins_only", chat.lang)])
    return False


def _args_text(context: Ctx) -> str:
    return " ".join(context.args or []).strip()


def _claim_id(text: str) -> int | None:
    return callbacks.parse_id(text.strip().lstrip("#"))


async def _resume(context: Ctx, chat_id: int) -> None:
    """The chat is back: its held messages go out and its digest job returns."""
    svc = context.services
    await svc.store.chats.resume(chat_id)
    chat = await svc.store.chats.get(chat_id)
    if chat is not None:
        reschedule_digest(context.application, chat)
    svc.wake()


async def _answer(
    query: CallbackQuery, text: str | None = None, *, show_alert: bool = False
) -> None:
    """Answer a press. Telegram takes an answer only for about 15 s: a press handled later
    (the bot was busy or restarting) still does what its button says, unanswered, instead
    of telling the chat that something went wrong."""
    try:
        await query.answer(text, show_alert=show_alert)
    except BadRequest as exc:
        if not _too_old(exc):
            raise
        log.info("a button press came too late to answer: %s", exc.message)


def _too_old(exc: BadRequest) -> bool:
    message = exc.message.lower()
    return "query is too old" in message or "query id is invalid" in message


async def _edit(update: Update, text: str, markup: Any = None) -> None:
    """Edit the message under a button; "not modified" (a double tap) is not an error."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


# -- start, help, language, time zone ----------------------------------------------------------
async def start(update: Update, context: Ctx) -> None:
    chat = await chat_row(update, context)
    if chat.paused:
        await _resume(context, chat.id)
    await _reply(update, [t("help", chat.lang)])


async def help_(update: Update, context: Ctx) -> None:
    chat = await chat_row(update, context)
    await _reply(update, [t("help", chat.lang)])


async def lang(update: Update, context: Ctx) -> None:
    chat = await chat_row(update, context)
    choice = _args_text(context).lower()
    if choice not in i18n.LANGS:
        await _reply(update, [t("lang_usage", chat.lang)])
        return
    if not await _admin_or_refuse(update, context, chat):
        return
    await context.services.store.chats.set_lang(chat.id, choice)
    await _reply(update, [t("lang_done", choice)])


async def tz(update: Update, context: Ctx) -> None:
    svc = context.services
    chat = await chat_row(update, context)
    name = _args_text(context)
    if not name:
        await _reply(update, [t("tz_usage", chat.lang, tz=chat.tz or svc.settings.tz.key)])
        return
    if not await _admin_or_refuse(update, context, chat):
        return
    try:
        found = zone(name, "tz")
    except ConfigError:
        await _reply(update, [t("tz_unknown", chat.lang, tz=name[:60])])
        return
    await svc.store.chats.set_tz(chat.id, found.key)
    chat = await svc.store.chats.get(chat.id) or chat
    reschedule_digest(context.application, chat)
    await _reply(update, [t("tz_done", chat.lang, tz=found.key)])


# -- subscriptions -------------------------------------------------------------------------------
async def subscribe(update: Update, context: Ctx) -> None:
    svc = context.services
    chat = await chat_row(update, context)
    if not await _admin_or_refuse(update, context, chat):
        return
    query = _args_text(context)
    if not query:
        actors = await svc.store.claims.active_actors()
        if not actors:
            await _reply(update, [t("sub_pick_empty", chat.lang)])
            return
        buttons = [
            InlineKeyboardButton(
                actor_label(a, chat.lang), callback_data=callbacks.build(ActorPick(a))
            )
            for a, _ in actors
        ]
        rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        await _reply(update, [t("sub_pick", chat.lang)], InlineKeyboardMarkup(rows))
        return
    await _subscribe_to(update, context, chat, query)


async def _subscribe_to(update: Update, context: Ctx, chat: ChatRow, query: str) -> None:
    topic = resolve_topic(query, chat.lang)
    if topic is None:
        await _reply(update, [t("sub_too_vague", chat.lang, query=query[:100])])
        return
    sub, created = await context.services.store.chats.add_subscription(
        chat.id, kind=topic.kind, value=topic.value, label=topic.label, terms=topic.terms
    )
    key = "sub_exists" if not created else ("sub_actor" if topic.kind == "actor" else "sub_keyword")
    await _reply(update, [t(key, chat.lang, label=sub.label)])


async def unsubscribe(update: Update, context: Ctx) -> None:
    svc = context.services
    chat = await chat_row(update, context)
    if not await _admin_or_refuse(update, context, chat):
        return
    query = _args_text(context)
    if not query:
        await _reply(update, [t("unsub_usage", chat.lang)])
        await subs(update, context)
        return
    topic = resolve_topic(query, chat.lang)
    sub = None
    if topic is not None:
        sub = await svc.store.chats.find_subscription(chat.id, topic.kind, topic.value)
    if sub is None:
        wanted = query.casefold()
        sub = next(
            (
                s
                for s in await svc.store.chats.subscriptions(chat.id)
                if s.label.casefold() == wanted
            ),
            None,
        )
    if sub is None:
        await _reply(update, [t("unsub_unknown", chat.lang, query=query[:100])])
        return
    await svc.store.chats.remove_subscription(chat.id, sub.id)
    await _reply(update, [t("unsub_done", chat.lang, label=sub.label)])


def _sub_buttons(sub: SubscriptionRow, lang: str) -> list[InlineKeyboardButton]:
    mode_key = "btn_mode_digest" if sub.mode == "instant" else "btn_mode_instant"
    return [
        InlineKeyboardButton(
            i18n.text(mode_key, lang),
            callback_data=callbacks.build(TopicButton(TopicAction.MODE, sub.id)),
        ),
        InlineKeyboardButton(
            i18n.text("btn_kinds", lang),
            callback_data=callbacks.build(TopicButton(TopicAction.KINDS, sub.id)),
        ),
        InlineKeyboardButton(
            i18n.text("btn_remove", lang),
            callback_data=callbacks.build(TopicButton(TopicAction.REMOVE, sub.id)),
        ),
    ]


async def _subs_view(chat: ChatRow, context: Ctx) -> tuple[list[str], InlineKeyboardMarkup | None]:
    found = await context.services.store.chats.subscriptions(chat.id)
    if not found:
        return [t("subs_empty", chat.lang)], None
    blocks = [t("subs_head", chat.lang)]
    rows = []
    for index, sub in enumerate(found, 1):
        blocks.append(f"{index}. {render_html.subscription_line(sub, chat.lang)}")
        if index <= MAX_SUB_ROWS:
            label = InlineKeyboardButton(
                f"{index}.", callback_data=callbacks.build(TopicButton(TopicAction.LABEL, sub.id))
            )
            rows.append([label, *_sub_buttons(sub, chat.lang)])
    if len(found) > MAX_SUB_ROWS:
        blocks.append(t("subs_more", chat.lang, n=MAX_SUB_ROWS))
    return blocks, InlineKeyboardMarkup(rows)


async def subs(update: Update, context: Ctx) -> None:
    chat = await chat_row(update, context)
    blocks, markup = await _subs_view(chat, context)
    await _reply(update, blocks, markup)


async def _claim_to_follow(update: Update, context: Ctx) -> tuple[ChatRow, int] | None:
    """/follow and /unfollow: the chat and the claim id, once the id parses and the user may
    change the chat's topics; None after telling the user why not."""
    chat = await chat_row(update, context)
    claim_id = _claim_id(_args_text(context))
    if claim_id is None:
        await _reply(update, [t("follow_usage", chat.lang)])
        return None
    if not await _admin_or_refuse(update, context, chat):
        return None
    return chat, claim_id


async def follow(update: Update, context: Ctx) -> None:
    found = await _claim_to_follow(update, context)
    if found is not None:
        await _reply(update, [await _follow(context.services, *found)])


async def _follow(svc: Services, chat: ChatRow, claim_id: int) -> str:
    if await svc.store.claims.get(claim_id) is None:
        return t("claim_unknown", chat.lang, id=claim_id)
    _, created = await svc.store.chats.add_subscription(
        chat.id, kind="claim", value=str(claim_id), label=f"#{claim_id}"
    )
    return t("follow_done" if created else "follow_exists", chat.lang, id=claim_id)


async def unfollow(update: Update, context: Ctx) -> None:
    found = await _claim_to_follow(update, context)
    if found is None:
        return
    chat, claim_id = found
    svc = context.services
    sub = await svc.store.chats.find_subscription(chat.id, "claim", str(claim_id))
    if sub is None:
        await _reply(update, [t("unfollow_unknown", chat.lang, id=claim_id)])
        return
    await svc.store.chats.remove_subscription(chat.id, sub.id)
    await _reply(update, [t("unfollow_done", chat.lang, id=claim_id)])


# -- search, timeline, check -------------------------------------------------------------------
async def claims(update: Update, context: Ctx) -> None:
    svc = context.services
    chat = await chat_row(update, context)
    query = _args_text(context)[:300]
    token = secrets.token_hex(4)
    svc.remember_search(token, query)
    blocks, markup = await _claims_page(svc, chat, query, token, 0)
    await _reply(update, blocks, markup)


async def _claims_page(
    svc: Services, chat: ChatRow, query: str, token: str, offset: int
) -> tuple[list[str], InlineKeyboardMarkup | None]:
    found = await queries.search_claims(svc.store, query, limit=offset + PAGE + 1)
    page = found[offset : offset + PAGE]
    if not page:
        key = "claims_none" if query else "claims_empty_db"
        return [t(key, chat.lang, query=query[:100])], None
    first, last = offset + 1, offset + len(page)
    head = (
        t("claims_head", chat.lang, query=query[:100], first=first, last=last)
        if query
        else t("claims_recent", chat.lang, first=first, last=last)
    )
    blocks = render_html.claims_blocks(head, page, chat.lang, svc.tz(chat))
    nav = []
    if offset > 0:
        prev = max(0, offset - PAGE)
        nav.append(
            InlineKeyboardButton(
                i18n.text("btn_prev", chat.lang),
                callback_data=callbacks.build(PageButton(token, prev)),
            )
        )
    if len(found) > offset + PAGE:
        nav.append(
            InlineKeyboardButton(
                i18n.text("btn_next", chat.lang),
                callback_data=callbacks.build(PageButton(token, offset + PAGE)),
            )
        )
    timeline_row = [
        InlineKeyboardButton(
            f"#{s.claim.id}",
            callback_data=callbacks.build(ClaimButton(ClaimAction.TIMELINE, s.claim.id)),
        )
        for s in page
    ]
    return blocks, InlineKeyboardMarkup([timeline_row, nav] if nav else [timeline_row])


async def claim(update: Update, context: Ctx) -> None:
    chat = await chat_row(update, context)
    claim_id = _claim_id(_args_text(context))
    if claim_id is None:
        await _reply(update, [t("claim_usage", chat.lang)])
        return
    blocks, markup = await _timeline(context.services, chat, claim_id)
    await _reply(update, blocks, markup)


async def _timeline(
    svc: Services, chat: ChatRow, claim_id: int
) -> tuple[list[str], InlineKeyboardMarkup | None]:
    found = await queries.timeline(svc.store, claim_id)
    if found is None:
        return [t("claim_unknown", chat.lang, id=claim_id)], None
    row, statements, flags = found
    blocks = render_html.timeline_blocks(row, statements, flags, chat.lang, svc.tz(chat))
    button = InlineKeyboardButton(
        i18n.text("btn_follow", chat.lang),
        callback_data=callbacks.build(ClaimButton(ClaimAction.FOLLOW, claim_id)),
    )
    return blocks, InlineKeyboardMarkup([[button]])


async def check(update: Update, context: Ctx) -> None:
    chat = await chat_row(update, context)
    text = _args_text(context)
    message = update.effective_message
    if not text and message is not None and message.reply_to_message is not None:
        text = message.reply_to_message.text or message.reply_to_message.caption or ""
    if not text:
        await _reply(update, [t("check_usage", chat.lang)])
        return
    await _check(update, context, chat, text)


async def _check(update: Update, context: Ctx, chat: ChatRow, text: str) -> None:
    svc = context.services
    try:
        results = await queries.check_text(svc.store, text[:MAX_CHECK_CHARS])
    except InputRefused as exc:
        await _reply(update, [refusal(exc, chat.lang)])
        return
    if not results:
        await _reply(update, [t("check_nothing", chat.lang)])
        return
    await _reply(update, render_html.check_blocks(results, chat.lang, svc.tz(chat)))


async def plain_text(update: Update, context: Ctx) -> None:
    """In a private chat, any text or forwarded post is a question: the tipline."""
    message = update.effective_message
    if message is None:
        return
    text = message.text or message.caption or ""
    if not text.strip():
        return
    chat = await chat_row(update, context)
    await _check(update, context, chat, text)


# -- ingest ------------------------------------------------------------------------------------
async def ingest_cmd(update: Update, context: Ctx) -> None:
    svc = context.services
    chat = await chat_row(update, context)
    message = update.effective_message
    text = ""
    if message is not None and message.text:
        # The whole text after the command, with its line breaks (context.args loses them).
        parts = re.split(r"\s", message.text, maxsplit=1)
        text = parts[1] if len(parts) > 1 else ""
    if not text.strip() and message is not None and message.reply_to_message is not None:
        text = message.reply_to_message.text or message.reply_to_message.caption or ""
    if not text.strip():
        await _reply(update, [t("ingest_usage", chat.lang)])
        return
    user = update.effective_user
    if svc.settings.sources == "admins" and (user is None or user.id not in svc.settings.admins):
        await _reply(update, [t("operators_only", chat.lang)])
        return
    if text.strip().lower().startswith(("http://", "https://")) and len(text.split()) == 1:
        await _reply(
            update, [await feed_handlers.ingest_link(update, context, text.strip(), chat.lang)]
        )
        return
    # Who pasted it, plainly: a display name alone ("Reuters") could pass for an outlet.
    if user is not None:
        source = f"Telegram: {user.full_name} (user {user.id})"
    else:
        source = f"Telegram: {chat.title or chat.id}"
    try:
        if looks_like_html(text):
            text = (await asyncio.to_thread(page_article, text)).text
        result = await ingest(svc.store, text, source=source)
    except InputRefused as exc:
        await _reply(update, [refusal(exc, chat.lang)])
        return
    svc.wake()
    if result.duplicate:
        await _reply(update, [t("ingest_duplicate", chat.lang, id=result.article_id)])
        return
    blocks = [
        t(
            "ingest_done",
            chat.lang,
            id=result.article_id,
            statements=len(result.statements),
            claims=len(result.new_claims),
            flags=len(result.flags),
        )
    ]
    tz_ = svc.tz(chat)
    for flag in result.flags:
        claim_row = await svc.store.claims.get(flag.claim_id)
        blocks += ["", *render_html.alert_blocks(flag, claim_row, chat.lang, tz_)]
    await _reply(update, blocks)


async def channel_post(update: Update, context: Ctx) -> None:
    """A post in a channel that made the bot an administrator: an article from it."""
    svc = context.services
    post = update.channel_post
    if post is None or not (post.text or post.caption):
        return
    chat = await svc.store.chats.get(post.chat.id)
    if chat is None or not chat.is_source:
        return
    # A private channel's post has no public link; the tg:// key still makes it one article.
    if post.chat.username:
        url = f"https://t.me/{post.chat.username}/{post.message_id}"
    else:
        url = f"tg://channel/{post.chat.id}/{post.message_id}"
    try:
        result = await ingest(
            svc.store,
            post.text or post.caption or "",
            source=post.chat.title or "Telegram channel",
            url=url,
            published=post.date,
        )
    except InputRefused as exc:
        log.info("channel %d post %d not read: %s", post.chat.id, post.message_id, exc)
        return
    svc.wake()
    log.info(
        "channel %d post %d: article %d, %d flags",
        post.chat.id,
        post.message_id,
        result.article_id,
        len(result.flags),
    )


async def member_update(update: Update, context: Ctx) -> None:
    """The bot was added, promoted, blocked or removed somewhere."""
    svc = context.services
    change = update.my_chat_member
    if change is None:
        return
    chat = change.chat
    status = change.new_chat_member.status
    lang = user_lang(update)
    await svc.store.chats.ensure(chat.id, type_=chat.type, title=chat.title, lang=lang)
    gone = status in {ChatMemberStatus.BANNED, ChatMemberStatus.LEFT}
    if gone:
        await svc.store.chats.pause(chat.id, "removed" if chat.type != "private" else "blocked")
    else:
        await _resume(context, chat.id)
    if chat.type == ChatType.CHANNEL:
        by = change.from_user.id if change.from_user else None
        trusted = svc.settings.sources == "everyone" or by in svc.settings.admins
        is_source = status == ChatMemberStatus.ADMINISTRATOR and trusted
        await svc.store.chats.set_source(chat.id, is_source)
        if status == ChatMemberStatus.ADMINISTRATOR and not trusted:
            log.info("channel %d added by %s, not an operator: not a source", chat.id, by)


async def migrated(update: Update, context: Ctx) -> None:
    """A group became a supergroup: its topics and queue follow it to the new id."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return
    store = context.services.store
    if await store.chats.get(old) is not None:
        await store.chats.migrate(old, new)
        chat = await store.chats.get(new)
        if chat is not None:
            reschedule_digest(context.application, chat)
        log.info("chat %d migrated to %d", old, new)


# -- digests, stats, export --------------------------------------------------------------------
async def digest(update: Update, context: Ctx) -> None:
    svc = context.services
    chat = await chat_row(update, context)
    args = [a for a in (context.args or []) if a]
    now = datetime.now(UTC)
    if not args or args[0].lower() in {"now", "sekarang"}:
        if not await svc.store.chats.subscriptions(chat.id):
            await _reply(update, [t("digest_no_topics", chat.lang)])
            return
        await queue_digest(
            svc.store,
            chat,
            slot=f"now:{iso(now)}",
            slot_time=now,
            now=now,
            tz=svc.tz(chat),
            force=True,
            preview=True,
        )
        svc.wake()
        return
    if not await _admin_or_refuse(update, context, chat):
        return
    if args[0].lower() in {"off", "mati"}:
        await svc.store.chats.set_digest(chat.id, every=None)
        chat = await svc.store.chats.get(chat.id) or chat
        reschedule_digest(context.application, chat)
        await _reply(update, [t("digest_off", chat.lang)])
        return
    try:
        schedule = parse_schedule(args)
    except ScheduleError as exc:
        await _reply(update, [refusal(exc, chat.lang)])
        return
    await svc.store.chats.set_digest(
        chat.id,
        every=schedule.every,
        day=schedule.day,
        at=schedule.at_text,
        always=schedule.always,
        covers_since=iso(now - period(schedule)),
    )
    chat = await svc.store.chats.get(chat.id) or chat
    reschedule_digest(context.application, chat)
    tz_name = svc.tz(chat).key
    if schedule.day is None:
        reply = t("digest_daily", chat.lang, time=schedule.at_text, tz=tz_name)
    else:
        day_name = WEEKDAYS[chat.lang][schedule.day]
        reply = t("digest_weekly", chat.lang, day=day_name, time=schedule.at_text, tz=tz_name)
    await _reply(update, [reply])


async def stats(update: Update, context: Ctx) -> None:
    svc = context.services
    chat = await chat_row(update, context)
    counts = await svc.store.claims.counts()
    outbox = await svc.store.outbox.counts(chat.id)
    topics = await svc.store.chats.subscriptions(chat.id)
    await _reply(
        update,
        [
            t(
                "stats",
                chat.lang,
                articles=counts["articles"],
                claims=counts["claims"],
                flags=counts["flags"],
                subs=len(topics),
                sent=outbox.get("sent", 0),
                pending=outbox.get("pending", 0) + outbox.get("held", 0),
            )
        ],
    )


async def export(update: Update, context: Ctx) -> None:
    svc = context.services
    chat = await chat_row(update, context)
    flags, claim_ids = await svc.store.chats.export(chat.id)
    claim_rows = await svc.store.claims.get_many(claim_ids)
    document = {
        "chat_id": chat.id,
        "exported_at": iso(datetime.now(UTC)),
        "claims": [claim_json(c) for c in claim_rows],
        "flags": [flag_json(f) for f in flags],
    }
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    table = await asyncio.to_thread(_flags_csv, flags)
    caption = t("export_caption", chat.lang, flags=len(flags), claims=len(claim_rows))
    target = update.effective_chat
    assert target is not None
    await target.send_document(InputFile(table, filename="claimwatch-flags.csv"))
    await target.send_document(InputFile(data, filename="claimwatch-export.json"), caption=caption)


def _flags_csv(flags: Sequence[Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["flag_id", "kind", "claim_id", "claim_by", "claim_text", "by", "statement_text",
         "published", "source", "url", "score"]
    )  # fmt: skip
    for f in flags:
        writer.writerow(
            [f.id, f.kind, f.claim_id, _cell(f.claim_by), _cell(f.claim_text), _cell(f.by),
             _cell(f.statement_text), f.published, _cell(f.source or ""), _cell(f.url or ""),
             f.score]
        )  # fmt: skip
    return buffer.getvalue().encode("utf-8-sig")  # BOM: spreadsheets then read UTF-8


def _cell(text: str) -> str:
    """Outside text in a spreadsheet cell: a leading = + - @ would make it a formula."""
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


async def unknown_command(update: Update, context: Ctx) -> None:
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return  # in groups, commands for other bots are none of our business
    row = await chat_row(update, context)
    await _reply(update, [t("unknown_command", row.lang)])


# -- buttons: one handler per action, each registered with callbacks.pattern (app.py) -------
P = TypeVar("P", ClaimButton, TopicButton, KindToggle, PageButton, ActorPick)


@dataclass(frozen=True, slots=True)
class _Press(Generic[P]):
    query: CallbackQuery
    chat: ChatRow
    pressed: P


async def _accept(update: Update, context: Ctx, kind: type[P], wanted: Action) -> _Press[P] | None:
    """A press of one action: read, checked against the buttons of its message, authorised.
    None once a press the bot could not have sent is answered (and nothing else done), or
    once one the user may not make is refused. Every press is answered, so no button is
    left spinning."""
    query = update.callback_query
    if query is None:
        return None
    pressed = _pressed(update)
    if not isinstance(pressed, kind) or callbacks.action(pressed) != wanted:
        await stray_press(update, context)
        return None
    chat = await chat_row(update, context)
    if _needs_admin(pressed, chat) and not await _admin_or_refuse(update, context, chat):
        return None
    return _Press(query, chat, pressed)


async def stray_press(update: Update, context: Ctx) -> None:
    """A press that is no button of its message (a modified client, a forged or unknown
    action): answered, and nothing else."""
    query = update.callback_query
    if query is None:
        return
    log.info("press ignored: data %r is not a button of its message", (query.data or "")[:80])
    await _answer(query)


def _pressed(update: Update) -> callbacks.Callback | None:
    """The button pressed, if its data is that of a button of the message it came from (a
    well-formed Remove pressed under an alert would otherwise rewrite the alert)."""
    query = update.callback_query
    message = query.message if query is not None else None
    if query is None or update.effective_chat is None or not isinstance(message, Message):
        return None
    keyboard = message.reply_markup.inline_keyboard if message.reply_markup else ()
    if query.data not in {button.callback_data for row in keyboard for button in row}:
        return None
    return callbacks.parse(query.data)


def _needs_admin(pressed: callbacks.Callback, chat: ChatRow) -> bool:
    """Buttons that change topics are for administrators. In a channel every button is:
    readers cannot post there, and each button makes the bot post or edit for all."""
    if chat.type == ChatType.CHANNEL:
        return True
    match pressed:
        case (
            TopicButton(TopicAction.LABEL, _) | ClaimButton(ClaimAction.TIMELINE, _) | PageButton()
        ):
            return False
    return True


async def timeline_pressed(update: Update, context: Ctx) -> None:
    """Timeline, under alerts and /claims lists: the claim's timeline as a new message."""
    press = await _accept(update, context, ClaimButton, ClaimAction.TIMELINE)
    if press is None:
        return
    await _answer(press.query)
    blocks, markup = await _timeline(context.services, press.chat, press.pressed.claim_id)
    await _reply(update, blocks, markup)


async def follow_pressed(update: Update, context: Ctx) -> None:
    """Follow, under alerts and timelines: the chat follows the claim."""
    press = await _accept(update, context, ClaimButton, ClaimAction.FOLLOW)
    if press is None:
        return
    await _answer(press.query)
    await _reply(update, [await _follow(context.services, press.chat, press.pressed.claim_id)])


async def page_pressed(update: Update, context: Ctx) -> None:
    """‹ › under /claims: the other page, in place."""
    press = await _accept(update, context, PageButton, OtherAction.PAGE)
    if press is None:
        return
    svc = context.services
    token, offset = press.pressed.token, press.pressed.offset
    search = svc.searches.get(token)
    if search is None:
        await _answer(press.query, i18n.text("search_expired", press.chat.lang), show_alert=True)
        return
    await _answer(press.query)
    blocks, markup = await _claims_page(svc, press.chat, search, token, offset)
    await _edit(update, "\n".join(blocks), markup)


async def actor_pressed(update: Update, context: Ctx) -> None:
    """An actor of the /subscribe menu: the chat follows it."""
    press = await _accept(update, context, ActorPick, OtherAction.ACTOR)
    if press is None:
        return
    await _answer(press.query)
    label = actor_label(press.pressed.actor, "id")  # the name finds the actor again
    await _subscribe_to(update, context, press.chat, label)


async def label_pressed(update: Update, context: Ctx) -> None:
    """The number label of a /subs row: an answer, nothing else."""
    press = await _accept(update, context, TopicButton, TopicAction.LABEL)
    if press is not None:
        await _answer(press.query)


async def _topic(
    update: Update, context: Ctx, action: TopicAction
) -> tuple[_Press[TopicButton], SubscriptionRow] | None:
    """A press of one of a topic's buttons, and the topic; None once the press is refused
    or answered that the topic is gone."""
    press = await _accept(update, context, TopicButton, action)
    if press is None:
        return None
    sub = await context.services.store.chats.get_subscription(press.chat.id, press.pressed.sub_id)
    if sub is None:
        await _answer(press.query, i18n.text("gone", press.chat.lang))
        return None
    return press, sub


async def mute_pressed(update: Update, context: Ctx) -> None:
    """Mute topic, under alerts: the topic's alerts go to the digest only."""
    found = await _topic(update, context, TopicAction.MUTE)
    if found is None:
        return
    press, sub = found
    await context.services.store.chats.update_subscription(press.chat.id, sub.id, mode="digest")
    await _answer(press.query)
    await _reply(update, [t("muted", press.chat.lang, label=sub.label)])


async def mode_pressed(update: Update, context: Ctx) -> None:
    """Alerts / digest only, in /subs: the topic's mode turns over; the list again, in place."""
    found = await _topic(update, context, TopicAction.MODE)
    if found is None:
        return
    press, sub = found
    mode = "digest" if sub.mode == "instant" else "instant"
    await context.services.store.chats.update_subscription(press.chat.id, sub.id, mode=mode)
    await _subs_in_place(update, context, press)


async def remove_pressed(update: Update, context: Ctx) -> None:
    """Remove, in /subs: the topic goes; the list again, in place."""
    found = await _topic(update, context, TopicAction.REMOVE)
    if found is None:
        return
    press, sub = found
    await context.services.store.chats.remove_subscription(press.chat.id, sub.id)
    await _subs_in_place(update, context, press)


async def kinds_done_pressed(update: Update, context: Ctx) -> None:
    """Done, in the kinds view: the /subs list again, in place."""
    found = await _topic(update, context, TopicAction.KINDS_DONE)
    if found is not None:
        await _subs_in_place(update, context, found[0])


async def kinds_pressed(update: Update, context: Ctx) -> None:
    """Flag kinds, in /subs: the topic's kinds, each a button, in place."""
    found = await _topic(update, context, TopicAction.KINDS)
    if found is None:
        return
    press, sub = found
    await _answer(press.query)
    await _show_kinds(update, press.chat, sub)


async def kind_pressed(update: Update, context: Ctx) -> None:
    """One flag kind of the kinds view, on or off (never the last one off)."""
    press = await _accept(update, context, KindToggle, OtherAction.KIND)
    if press is None:
        return
    svc, chat = context.services, press.chat
    sub = await svc.store.chats.get_subscription(chat.id, press.pressed.sub_id)
    if sub is None:
        await _answer(press.query, i18n.text("gone", chat.lang))
        return
    kind = press.pressed.kind
    kinds = [k for k in FLAG_KINDS if (k in sub.flag_kinds) != (k == kind)]
    if not kinds:  # a topic with no kinds would match nothing, silently
        await _answer(press.query, i18n.text("kinds_one", chat.lang), show_alert=True)
        return
    sub = await svc.store.chats.update_subscription(chat.id, sub.id, flag_kinds=kinds) or sub
    await _answer(press.query)
    await _show_kinds(update, chat, sub)


async def _subs_in_place(update: Update, context: Ctx, press: _Press[TopicButton]) -> None:
    await _answer(press.query)
    blocks, markup = await _subs_view(press.chat, context)
    await _edit(update, "\n".join(split_message(blocks)[:1]), markup)


async def _show_kinds(update: Update, chat: ChatRow, sub: SubscriptionRow) -> None:
    query = update.callback_query
    assert query is not None
    rows = [
        [
            InlineKeyboardButton(
                ("✅ " if kind in sub.flag_kinds else "▫️ ")
                + i18n.text(f"kind_{kind}", chat.lang).capitalize(),
                callback_data=callbacks.build(KindToggle(sub.id, kind)),
            )
        ]
        for kind in FLAG_KINDS
    ]
    done = TopicButton(TopicAction.KINDS_DONE, sub.id)
    rows.append(
        [
            InlineKeyboardButton(
                i18n.text("btn_done", chat.lang), callback_data=callbacks.build(done)
            )
        ]
    )
    await _edit(update, t("kinds_head", chat.lang, label=sub.label), InlineKeyboardMarkup(rows))
