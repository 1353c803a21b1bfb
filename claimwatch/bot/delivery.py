"""The outbox worker: sends alerts and digests to their chats within Telegram's limits.

Rows come from the database, whoever wrote them (this process, the CLI, the feed poller), so
the worker looks every ``outbox_poll`` seconds and at once when woken. Each round takes the
oldest due row of every chat that may send now: a chat with 200 alerts waiting sends them
one by one at its pace while the other chats' alerts go out beside them.

What is guaranteed (Telegram has no idempotency key):
- a row is marked ``sending`` before the request and ``sent`` (per part, for split messages)
  after Telegram answers; a sent row is never sent again, across restarts;
- if the process dies between Telegram's answer and that mark (a few milliseconds), or a
  request times out after Telegram received it, the row is sent again: at-least-once, so a
  duplicate is possible in that window and a loss is not;
- each of those marks is retried until it is written (the database may stay locked by
  another process's long write): a send is never repeated to make up for a lost mark, and a
  row this process marked ``sending`` but no longer sends goes back to pending within
  ``SWEEP_EVERY`` seconds, without a restart;
- each process names itself (``owner``) on the rows it sends and keeps a liveness record
  fresh with its heartbeat. Another bot (two overlap during a deploy) never takes back the
  rows of a live owner, at its start-up or later; the rows of an owner that died go out
  again once its record is ``OWNER_STALE`` seconds old, or at once if it was a process of
  the same machine that no longer exists (a crash and a restart, see ``owners``; a clean
  stop gives them back itself), and a mark is written only while its process still holds
  the row;
- a 429 delays the chat by Telegram's retry_after; network errors and 5xx back off
  exponentially (to 10 minutes) and never give up; a 403 pauses the chat at once and holds
  its queue; a migrated group continues under its new id; a message Telegram refuses for
  good (400) is marked failed and logged, never retried in a loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from aiolimiter import AsyncLimiter
from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from claimwatch.bot import owners
from claimwatch.config import Settings
from claimwatch.errors import StoreBusy, StoreError
from claimwatch.storage.api import Database, OutboxRow, iso

log = logging.getLogger(__name__)

MAX_BACKOFF = 600.0
SAFETY = 1.05  # pace 5 % under the limits: timing jitter on the way must not cross them
SWEEP_EVERY = 30.0  # seconds between looks for rows this process holds but does not send
# Seconds without a heartbeat after which an owner counts as dead and its rows go out
# again: well over the heartbeat (at most 60 s) and a long lock of the database, as
# `claimwatch health` calls a bot unhealthy after 120 s.
OWNER_STALE = 180.0
RECORD_RETRY_MAX = 5.0  # seconds, at most, between two tries of writing a mark
T = TypeVar("T")

# (text parts, keyboard for the last part); None when the row has nothing to send any more
Rendered = tuple[list[str], InlineKeyboardMarkup | None] | None
Renderer = Callable[[Database, OutboxRow], Awaitable[Rendered]]


def _now() -> datetime:
    return datetime.now(UTC)


def backoff(attempts: int) -> float:
    """Seconds before retry number ``attempts``: 2, 4, 8 ... 600, with jitter."""
    base = min(MAX_BACKOFF, 2.0 ** max(1, attempts))
    return base * random.uniform(0.8, 1.2)


class Deliverer:
    """One per bot process; :meth:`run` until cancelled."""

    def __init__(self, bot: Bot, store: Database, settings: Settings, render: Renderer) -> None:
        self.bot = bot
        self.store = store
        self.settings = settings
        self.render = render
        self._wake = asyncio.Event()
        self._busy: set[int] = set()  # chats with a send in flight
        # Outbox rows with a send in flight, and the task sending each: after a migration the
        # same row may go out from a second task while the first one finishes.
        self._rows: dict[int, asyncio.Task[None]] = {}
        self.owner = owners.new_owner()  # how this process marks its rows
        self._last_sweep = -math.inf  # the first round recovers what dead bots left
        self._stale = max(OWNER_STALE, 4 * settings.heartbeat)
        self._next_ok: dict[int, float] = {}  # chat -> monotonic time it may send again
        self._chat_types: dict[int, str] = {}
        # One send per slot, no bursts: a bucket that lets 30 go at once and then 30 a second
        # puts 45 into some second, which a sliding window (Telegram's, the emulator's) refuses.
        self._overall = AsyncLimiter(1, settings.global_rate.spacing * SAFETY)
        self._tasks: set[asyncio.Task[None]] = set()
        self._last_beat = -math.inf
        self.rounds = 0  # rounds done: tests (and anyone watching) wait on it, not on time
        self.stop_grace = 5.0  # seconds a stop gives the sends in flight to be answered
        # Called with the new id when a send finds a group migrated (digests follow it).
        self.on_migrate: Callable[[int], Awaitable[None]] | None = None

    def wake(self) -> None:
        """Rows were just queued in this process: look now, not at the next poll."""
        self._wake.set()

    async def run(self) -> None:
        """Deliver until cancelled; a failing round (the database locked by another process
        for too long, say) is logged and retried, never the end of deliveries."""
        failures = 0
        try:
            while True:
                try:
                    await self._beat()
                    await self._sweep()
                    started = await self._round()
                    failures = 0
                    self.rounds += 1
                except StoreBusy as exc:
                    failures += 1
                    log.warning("outbox: a delivery round waits: %s (%d in a row)", exc, failures)
                    await asyncio.sleep(min(30.0, 2.0**failures))
                    continue
                except Exception:
                    failures += 1
                    log.exception("outbox: a delivery round failed (%d in a row)", failures)
                    await asyncio.sleep(min(30.0, 2.0**failures))
                    continue
                timeout = 0.05 if started else self._idle_wait()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(timeout):
                        await self._wake.wait()
                self._wake.clear()
        finally:
            await self._finish_in_flight()
            await self._retire()

    async def _retire(self) -> None:
        """Rows whose send the stop cut short go back to pending now, and this owner's
        liveness record goes: the next bot need not wait for it to grow stale."""
        try:
            released = await self.store.outbox.retire_owner(self.owner)
        except StoreError as exc:  # they go out once the record is stale
            log.warning("outbox: cannot give back the rows in flight at stop: %s", exc)
            return
        if released:
            log.info("outbox: %d rows cut short by the stop go out again", released)

    async def _finish_in_flight(self) -> None:
        """On stop: sends already handed to Telegram get ``stop_grace`` seconds to be
        recorded as sent, so a restart does not repeat them; whatever is still waiting after
        that is cancelled."""
        if not self._tasks:
            return
        _done, pending = await asyncio.wait(set(self._tasks), timeout=self.stop_grace)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)

    def _idle_wait(self) -> float:
        now = time.monotonic()
        soonest = [t - now for c, t in self._next_ok.items() if t > now and c not in self._busy]
        return max(0.02, min([self.settings.outbox_poll, *soonest]))

    async def _beat(self) -> None:
        """The heartbeat, and this owner's liveness record with it (a failed write is
        tried again next round, not a heartbeat later)."""
        now = time.monotonic()
        if now - self._last_beat >= self.settings.heartbeat:
            await self.store.outbox.beat(self.owner, iso(_now()))
            self._last_beat = now

    async def _sweep(self) -> None:
        """Rows this process marked sending and no task of it sends (their send ended
        without its outcome being written) go back to pending; so do rows that a dead
        bot left sending (at start-up: a crash of the previous run)."""
        now = time.monotonic()
        if now - self._last_sweep < SWEEP_EVERY:
            return
        released = await self.store.outbox.release_sending(self.owner, keep=sorted(self._rows))
        if released:
            log.warning("outbox: %d rows left half-way go out again", released)
        alive_since = iso(_now() - timedelta(seconds=self._stale))
        dead = owners.dead_here(await self.store.outbox.sending_owners())
        recovered = await self.store.outbox.recover_sending(
            alive_since=alive_since, me=self.owner, dead=dead
        )
        if recovered:
            log.info("outbox: %d rows left by a stopped bot go out again", recovered)
        self._last_sweep = now

    async def _record(
        self, what: str, write: Callable[..., Awaitable[T]], *args: int | str | None
    ) -> T:
        """``write(*args)`` until it is written: what Telegram took is never sent again
        because the database was busy when it answered."""
        delay = 0.2
        while True:
            try:
                return await write(*args)
            except StoreError as exc:
                log.warning("outbox: cannot record %s yet (%s); trying again", what, exc)
            await asyncio.sleep(delay)
            delay = min(RECORD_RETRY_MAX, delay * 2)

    async def _round(self) -> int:
        now = time.monotonic()
        self._next_ok = {c: t for c, t in self._next_ok.items() if t > now}
        waiting = self._busy | set(self._next_ok)
        heads = await self.store.outbox.due_heads(iso(_now()), exclude=sorted(waiting), limit=200)
        for row in heads:
            self._busy.add(row.chat_id)
            task = asyncio.create_task(self._deliver(row))
            self._rows[row.id] = task
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return len(heads)

    async def _spacing(self, chat_id: int) -> float:
        kind = self._chat_types.get(chat_id)
        if kind is None:
            chat = await self.store.chats.get(chat_id)
            kind = chat.type if chat else "private"
            self._chat_types[chat_id] = kind
        rate = self.settings.chat_rate if kind == "private" else self.settings.group_rate
        return max(rate.spacing, self.settings.chat_rate.spacing) * SAFETY

    async def _deliver(self, row: OutboxRow) -> None:
        chat_id = row.chat_id
        try:
            await self._send(row)
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug must not kill the worker: log it and retry later
            log.exception("outbox: row %d to chat %d failed unexpectedly", row.id, chat_id)
            until = iso(_now() + timedelta(seconds=backoff(row.attempts + 1)))
            await self._retry_later(row, until, "internal")
        finally:
            self._busy.discard(chat_id)
            if self._rows.get(row.id) is asyncio.current_task():
                del self._rows[row.id]
            self._wake.set()

    async def _send(self, row: OutboxRow) -> None:
        try:
            taken = await self.store.outbox.mark_sending(row.id, self.owner)
        except StoreError as exc:  # nothing was sent or marked: the next round tries again
            log.warning("outbox: row %d waits: %s", row.id, exc)
            self._next_ok[row.chat_id] = time.monotonic() + 1.0
            return
        if not taken:
            return  # another bot process took it (two running during a deploy)
        rendered = await self.render(self.store, row)
        if rendered is None:
            await self._record(
                f"row {row.id} failed",
                self.store.outbox.mark_failed,
                row.id,
                self.owner,
                "nothing to send (flag or chat gone)",
            )
            return
        parts, keyboard = rendered
        spacing = await self._spacing(row.chat_id)
        try:
            for index in range(row.parts_sent, len(parts)):
                last = index == len(parts) - 1
                async with self._overall:
                    message = await self.bot.send_message(
                        row.chat_id,
                        parts[index],
                        reply_markup=keyboard if last else None,
                    )
                self._next_ok[row.chat_id] = time.monotonic() + spacing
                held = await self._record(
                    f"row {row.id} part sent",
                    self.store.outbox.mark_part_sent,
                    row.id,
                    self.owner,
                    message.message_id,
                )
                if not held:
                    _taken_back(row)
                    return
                if not last:
                    await asyncio.sleep(spacing)
            if not await self._record(
                f"row {row.id} sent", self.store.outbox.mark_sent, row.id, self.owner
            ):
                _taken_back(row)
        except RetryAfter as exc:
            wait = _seconds(exc.retry_after) + 0.1
            until = iso(_now() + timedelta(seconds=wait))
            self._next_ok[row.chat_id] = time.monotonic() + wait
            await self._retry_later(row, until, f"429 retry after {wait:.0f} s")
            await self._record(
                f"chat {row.chat_id} delay", self.store.outbox.delay_chat, row.chat_id, until
            )
            log.info("outbox: chat %d asked to wait %.1f s (429)", row.chat_id, wait)
        except ChatMigrated as exc:
            new_id = exc.new_chat_id
            await self._record(
                f"chat {row.chat_id} migrated",
                self.store.chats.migrate,
                row.chat_id,
                new_id,
            )
            await self._retry_later(row, iso(_now()), "chat migrated")
            self._chat_types.pop(row.chat_id, None)
            log.info("outbox: chat %d is now %d", row.chat_id, new_id)
            if self.on_migrate is not None:
                await self.on_migrate(new_id)
        except Forbidden as exc:
            await self._retry_later(row, iso(_now()), f"403 {exc.message}")
            held = await self._pause(row.chat_id, "blocked")
            log.warning(
                "outbox: chat %d refused the bot (%s); paused, %d messages held",
                row.chat_id,
                exc.message,
                held,
            )
        except BadRequest as exc:
            error = exc.message
            if "chat not found" in error.lower():
                await self._retry_later(row, iso(_now()), error)
                await self._pause(row.chat_id, "chat not found")
            else:
                await self._record(
                    f"row {row.id} failed",
                    self.store.outbox.mark_failed,
                    row.id,
                    self.owner,
                    f"400 {error}",
                )
            log.error("outbox: row %d to chat %d refused: %s", row.id, row.chat_id, error)
        except NetworkError as exc:  # includes TimedOut and 5xx answers
            delay = backoff(row.attempts + 1)
            until = iso(_now() + timedelta(seconds=delay))
            await self._retry_later(row, until, f"network: {exc.message}")
            self._next_ok[row.chat_id] = time.monotonic() + delay
            log.warning(
                "outbox: row %d to chat %d: %s; retry in %.0f s",
                row.id,
                row.chat_id,
                exc.message,
                delay,
            )

    async def _retry_later(self, row: OutboxRow, until: str, error: str) -> None:
        await self._record(
            f"row {row.id} retry", self.store.outbox.mark_retry, row.id, self.owner, until, error
        )

    async def _pause(self, chat_id: int, reason: str) -> int:
        return await self._record(f"chat {chat_id} paused", self.store.chats.pause, chat_id, reason)


def _taken_back(row: OutboxRow) -> None:
    """This process could not write for longer than ``OWNER_STALE`` and another bot took
    the row back meanwhile: its record stands, and the row may go out twice."""
    log.warning("outbox: row %d to chat %d was taken back by another bot", row.id, row.chat_id)


def _seconds(value: float | timedelta | int) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
