"""Sources in the bot: /addfeed, /feeds, /delfeed (operators), /ingest <link> (everyone,
rate-limited per user), and the job that polls due feeds in the background."""

from __future__ import annotations

import asyncio
import functools
import logging

from telegram import Update

from claimwatch.bot.callbacks import parse_id
from claimwatch.bot.context import BotContext, chat_lang
from claimwatch.bot.render_html import refusal, t
from claimwatch.bot.replies import reply
from claimwatch.bot.services import Services
from claimwatch.errors import InputRefused, SourceError
from claimwatch.sources.feeds import DEFAULT_INTERVAL, PollReport, parse_interval, read_link

log = logging.getLogger(__name__)
Ctx = BotContext


def _operator(update: Update, context: Ctx) -> bool:
    user = update.effective_user
    return user is not None and user.id in context.services.settings.admins


async def _answer(update: Update, text: str) -> None:
    await reply(update, [text])


async def addfeed(update: Update, context: Ctx) -> None:
    lang = await chat_lang(update, context)
    if not _operator(update, context):
        await _answer(update, t("operators_only", lang))
        return
    args = list(context.args or [])
    if not args or not args[0].lower().startswith(("http://", "https://")):
        await _answer(update, t("addfeed_usage", lang))
        return
    url, rest = args[0], args[1:]
    interval, full_text, name_words = DEFAULT_INTERVAL, False, []
    for word in rest:
        if word.lower() in {"full", "full-text", "--full-text", "penuh"}:
            full_text = True
            continue
        try:
            interval = parse_interval(word)
        except ValueError:
            name_words.append(word)
    svc = context.services
    try:
        await svc.fetcher().check(url)
    except SourceError as exc:
        await _answer(update, refusal(exc, lang))
        return
    user = update.effective_user
    feed, created = await svc.store.feeds.add(
        url,
        name=" ".join(name_words)[:100] or (url.split("/")[2] if "//" in url else url),
        interval_s=interval,
        full_text=full_text,
        added_by=f"telegram:{user.id}" if user else None,
    )
    key = "addfeed_done" if created else "addfeed_exists"
    await _answer(update, t(key, lang, id=feed.id, name=feed.name, minutes=interval // 60 or 1))


async def feeds(update: Update, context: Ctx) -> None:
    lang = await chat_lang(update, context)
    if not _operator(update, context):
        await _answer(update, t("operators_only", lang))
        return
    rows = await context.services.store.feeds.all()
    if not rows:
        await _answer(update, t("feeds_empty", lang))
        return
    lines = [t("feeds_head", lang)]
    for feed in rows:
        if feed.failing:
            state = t("feed_failing", lang, n=feed.failures, error=feed.last_error or "?")
        else:
            state = t("feed_ok", lang, when=(feed.last_ok_at or "—")[:16].replace("T", " "))
        lines.append(t("feed_line", lang, id=feed.id, name=feed.name, url=feed.url,
                       articles=feed.articles) + " " + state)  # fmt: skip
    await reply(update, lines)


async def delfeed(update: Update, context: Ctx) -> None:
    lang = await chat_lang(update, context)
    if not _operator(update, context):
        await _answer(update, t("operators_only", lang))
        return
    feed_id = parse_id(" ".join(context.args or []).strip().lstrip("#"))
    if feed_id is None:
        await _answer(update, t("delfeed_usage", lang))
        return
    removed = await context.services.store.feeds.remove(feed_id)
    await _answer(update, t("delfeed_done" if removed else "delfeed_unknown", lang, id=feed_id))


async def ingest_link(update: Update, context: Ctx, url: str, lang: str) -> str:
    """Read one link for /ingest; the reply's text."""
    user = update.effective_user
    svc = context.services
    if user is not None and not svc.links.allow(user.id):
        return t("link_rate", lang, n=svc.links.per_user, minutes=int(svc.links.window // 60))
    try:
        result = await read_link(svc.store, svc.fetcher(), url, source=None)
    except (SourceError, InputRefused) as exc:
        return refusal(exc, lang)
    svc.wake()
    if result.duplicate:
        return t("ingest_duplicate", lang, id=result.article_id)
    return t("ingest_done", lang, id=result.article_id, statements=len(result.statements),
             claims=len(result.new_claims), flags=len(result.flags))  # fmt: skip


async def poll_feeds_job(context: Ctx) -> None:
    """Start polling the feeds that are due. Each feed is polled in its own task: one still
    going is not started again, and a slow one holds no other (no round waits for another)."""
    svc = context.services
    for task in await svc.poller().start_due():
        task.add_done_callback(functools.partial(_polled, svc))


def _polled(svc: Services, task: asyncio.Task[PollReport]) -> None:
    """A feed's poll ended: its flags go out now, its outcome to the log."""
    if task.cancelled():
        return
    if (error := task.exception()) is not None:
        log.error("a feed's poll failed", exc_info=error)
        return
    report = task.result()
    if report.tally.flags:
        svc.wake()
    if report.status != "unchanged":
        log.info(
            "feed %d %s: %s, %d new articles, %d flags%s",
            report.feed.id,
            report.feed.name,
            report.status,
            report.tally.read,
            report.tally.flags,
            f" ({report.error})" if report.error else "",
        )
