"""Digest jobs on PTB's job queue (APScheduler): one per chat, named ``digest:<chat id>``.

The database is the record; the queue is rebuilt from it at start-up (:func:`restore`), and a
slot missed while the bot was down is queued once then.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from claimwatch.bot.context import App, BotContext
from claimwatch.bot.digests import chat_zone, due_catch_up, last_slot, queue_digest, schedule_of
from claimwatch.storage.api import ChatRow, iso

log = logging.getLogger(__name__)


def _job_name(chat_id: int) -> str:
    return f"digest:{chat_id}"


def reschedule_digest(app: App, chat: ChatRow) -> None:
    """Put the chat's digest job on the queue as its row says (or take it off)."""
    queue = app.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(_job_name(chat.id)):
        job.schedule_removal()
    schedule = schedule_of(chat)
    if schedule is None or chat.paused:
        return
    settings = app.bot_data.settings
    assert settings is not None
    tz = chat_zone(chat, settings.tz)
    at = schedule.at.replace(tzinfo=tz)
    # PTB counts days from Sunday (0); ours from Monday (0).
    days = tuple(range(7)) if schedule.day is None else ((schedule.day + 1) % 7,)
    queue.run_daily(digest_job, at, days=days, name=_job_name(chat.id), data=chat.id)


async def digest_job(context: BotContext) -> None:
    job = context.job
    assert job is not None and isinstance(job.data, int)
    svc = context.services
    chat = await svc.store.chats.get(job.data)
    schedule = schedule_of(chat) if chat else None
    if chat is None or schedule is None or chat.paused:
        return
    now = datetime.now(UTC)
    tz = chat_zone(chat, svc.settings.tz)
    slot = last_slot(schedule, tz, now)
    queued = await queue_digest(
        svc.store, chat, slot=iso(slot), slot_time=slot, now=now, tz=tz, force=schedule.always
    )
    log.info(
        "digest for chat %d (slot %s): %s", chat.id, iso(slot), "queued" if queued else "empty"
    )
    svc.wake()


async def restore(app: App) -> None:
    """At start-up: every stored schedule back on the queue; missed slots sent once."""
    svc = app.bot_data.services
    assert svc is not None
    now = datetime.now(UTC)
    chats = await svc.store.chats.digest_chats()
    for chat in chats:
        reschedule_digest(app, chat)
        tz = chat_zone(chat, svc.settings.tz)
        slot = due_catch_up(chat, tz, now)
        schedule = schedule_of(chat)
        if slot is not None and schedule is not None:
            queued = await queue_digest(
                svc.store,
                chat,
                slot=iso(slot),
                slot_time=slot,
                now=now,
                tz=tz,
                force=schedule.always,
            )
            log.info("digest for chat %d missed at %s: %s", chat.id, iso(slot), queued)
    if chats:
        log.info("digests: %d schedules restored", len(chats))
