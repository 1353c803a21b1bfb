"""Scheduled digests: when they are due, and what goes in one.

A chat's schedule lives in its row (daily or weekly, a local time, its time zone). The job
queue runs one job per chat; at start-up every schedule is put back on the queue, and a
digest whose slot passed while the bot was down is queued once (the slot is the outbox
row's dedupe key and ``digest_last`` records the period covered, so the job and the catch-up
cannot both send it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from claimwatch.bot import render_html
from claimwatch.bot.config import zone
from claimwatch.storage.chats import BotStore, ChatRow, iso

DAY_NAMES = {
    "mon": 0, "monday": 0, "sen": 0, "senin": 0,
    "tue": 1, "tuesday": 1, "sel": 1, "selasa": 1,
    "wed": 2, "wednesday": 2, "rab": 2, "rabu": 2,
    "thu": 3, "thursday": 3, "kam": 3, "kamis": 3,
    "fri": 4, "friday": 4, "jum": 4, "jumat": 4,
    "sat": 5, "saturday": 5, "sab": 5, "sabtu": 5,
    "sun": 6, "sunday": 6, "min": 6, "minggu": 6,
}  # fmt: skip


class ScheduleError(ValueError):
    """What the user typed is not a schedule; the message is the i18n key of the answer."""


@dataclass(frozen=True, slots=True)
class Schedule:
    every: str  # daily, weekly
    at: time
    day: int | None = None  # weekly: 0 Monday .. 6 Sunday
    always: bool = False

    @property
    def at_text(self) -> str:
        """HH:MM, or HH:MM:SS where seconds were given (tests schedule seconds ahead)."""
        return self.at.strftime("%H:%M:%S" if self.at.second else "%H:%M")


def parse_schedule(args: list[str]) -> Schedule:
    """``daily 07:30 [always]`` or ``weekly mon 08:00 [always]`` (seconds allowed)."""
    words = [a.lower() for a in args]
    always = "always" in words or "selalu" in words
    words = [w for w in words if w not in {"always", "selalu"}]
    if not words or words[0] not in {"daily", "weekly", "harian", "mingguan"}:
        raise ScheduleError("digest_usage")
    weekly = words[0] in {"weekly", "mingguan"}
    rest = words[1:]
    day = None
    if weekly:
        if not rest or rest[0] not in DAY_NAMES:
            raise ScheduleError("digest_usage")
        day = DAY_NAMES[rest[0]]
        rest = rest[1:]
    if len(rest) != 1:
        raise ScheduleError("digest_usage")
    try:
        at = time(*(int(x) for x in rest[0].replace(".", ":").split(":")))
        if rest[0].count(":") + rest[0].count(".") not in (1, 2):
            raise ValueError(rest[0])
    except (ValueError, TypeError):
        raise ScheduleError("digest_usage") from None
    return Schedule("weekly" if weekly else "daily", at, day, always)


def schedule_of(chat: ChatRow) -> Schedule | None:
    if not chat.digest_every or not chat.digest_time:
        return None
    at = time(*(int(x) for x in chat.digest_time.split(":")))
    return Schedule(chat.digest_every, at, chat.digest_day, chat.digest_always)


def chat_zone(chat: ChatRow, default: ZoneInfo) -> ZoneInfo:
    if chat.tz:
        try:
            return zone(chat.tz)
        except ValueError:
            return default
    return default


def last_slot(schedule: Schedule, tz: ZoneInfo, now: datetime) -> datetime:
    """The latest moment at or before ``now`` when the digest was due (aware, UTC)."""
    local = now.astimezone(tz)
    candidate = datetime.combine(local.date(), schedule.at, tzinfo=tz)
    step = timedelta(days=1)
    while candidate > local or (schedule.day is not None and candidate.weekday() != schedule.day):
        candidate = datetime.combine((candidate - step).date(), schedule.at, tzinfo=tz)
    return candidate.astimezone(now.tzinfo)


def period(schedule: Schedule | None) -> timedelta:
    return timedelta(days=7 if schedule and schedule.every == "weekly" else 1)


async def build_digest(
    store: BotStore, chat: ChatRow, *, since: str | None, until: str, tz: ZoneInfo
) -> list[str] | None:
    """The digest's message parts, or None when nothing happened in the period."""
    flags = await store.chat_flags(chat.id, since=since, until=until)
    changes = await store.chat_status_changes(chat.id, since=since, until=until)
    if not flags and not changes:
        return None
    blocks = render_html.digest_blocks(
        flags, changes, since=since, until=until, lang=chat.lang, tz=tz
    )
    return render_html.split_message(blocks)


async def queue_digest(
    store: BotStore, chat: ChatRow, *, slot: str, now: datetime, tz: ZoneInfo, force: bool
) -> tuple[bool, bool]:
    """Queue the digest of the period since the last one: (queued a message, slot was new).

    ``force`` sends one even when empty (the chat asked for "always", or typed /digest)."""
    schedule = schedule_of(chat)
    until = iso(now)
    since = chat.digest_last or iso(now - period(schedule))
    parts = await build_digest(store, chat, since=since, until=until, tz=tz)
    if parts is None and force:
        head = render_html.digest_blocks([], [], since=since, until=until, lang=chat.lang, tz=tz)
        parts = render_html.split_message([*head, render_html.t("digest_empty", chat.lang)])
    fresh = await store.enqueue_digest(chat.id, slot=slot, until=until, parts=parts)
    return fresh and parts is not None, fresh


def due_catch_up(chat: ChatRow, tz: ZoneInfo, now: datetime) -> datetime | None:
    """The slot a stopped bot missed, if the schedule existed then and it was not sent."""
    schedule = schedule_of(chat)
    if schedule is None or chat.digest_set_at is None:
        return None
    slot = last_slot(schedule, tz, now)
    if iso(slot) <= chat.digest_set_at:
        return None
    if chat.digest_last is not None and chat.digest_last >= iso(slot):
        return None
    return slot
