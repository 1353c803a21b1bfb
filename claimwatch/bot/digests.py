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
from claimwatch.config import ConfigError, zone
from claimwatch.errors import ScheduleError
from claimwatch.storage.api import ChatRow, Database, iso

DAY_NAMES = {
    "mon": 0, "monday": 0, "sen": 0, "senin": 0,
    "tue": 1, "tuesday": 1, "sel": 1, "selasa": 1,
    "wed": 2, "wednesday": 2, "rab": 2, "rabu": 2,
    "thu": 3, "thursday": 3, "kam": 3, "kamis": 3,
    "fri": 4, "friday": 4, "jum": 4, "jumat": 4,
    "sat": 5, "saturday": 5, "sab": 5, "sabtu": 5,
    "sun": 6, "sunday": 6, "min": 6, "minggu": 6,
}  # fmt: skip


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
        except ConfigError:  # a zone this system no longer knows
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


async def queue_digest(
    store: Database,
    chat: ChatRow,
    *,
    slot: str,
    slot_time: datetime,
    now: datetime,
    tz: ZoneInfo,
    force: bool,
    preview: bool = False,
) -> bool:
    """Queue the digest of what happened since the last one; True if a message was queued.

    A scheduled digest goes out once per slot, whoever (the job, the catch-up at start-up)
    gets there first, and moves the chat's marks; ``preview`` (/digest) shows the same
    content now and moves nothing. ``force`` sends one even for an empty period."""
    schedule = schedule_of(chat)
    async with store.transaction():
        window = await store.chats.digest_window(chat.id, since_if_new=iso(now - period(schedule)))
        if window is None:
            return False
        if not preview and window.last is not None and window.last >= iso(slot_time):
            return False
        flags = await store.chats.flags(
            chat.id, after_id=window.flag_after, upto_id=window.flag_upto
        )
        changes = await store.chats.status_changes(
            chat.id, after_id=window.log_after, upto_id=window.log_upto
        )
        since = window.last or iso(now - period(schedule))
        blocks = render_html.digest_blocks(
            flags, changes, since=since, until=iso(now), lang=chat.lang, tz=tz
        )
        parts = None
        if flags or changes:
            parts = render_html.split_message(blocks)
        elif force:
            parts = render_html.split_message([*blocks, render_html.t("digest_empty", chat.lang)])
        if preview:
            if parts:
                await store.outbox.queue(chat.id, f"now:{iso(now)}", parts)
        else:
            await store.chats.record_digest(chat.id, window, slot=slot, at=iso(now), parts=parts)
    return parts is not None


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
