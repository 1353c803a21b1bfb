"""The bot's tables: chats, subscriptions, the outbox, digests, the heartbeat.

:class:`BotStore` is a :class:`Store` with these methods added, so the bot holds one
connection for both. Alerts enter the outbox through the ``flags_alert`` trigger (migration
0004), in the transaction that raised the flag, whichever process raised it; this module
only reads them and records their delivery.

Delivery states of an outbox row: ``pending`` (due at ``not_before``), ``sending`` (handed to
Telegram by the bot process named in ``owner``; a crash leaves it there, and it goes back to
pending once that owner's liveness record is stale, see :meth:`BotStore.recover_sending`),
``sent``, ``failed`` (Telegram refused it for good), and ``held`` (the chat blocked the
bot; resumed when it comes back).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from claimwatch.storage.db import FlagRow, now_iso
from claimwatch.storage.feeds import FeedStore

FLAG_KINDS = ("denial", "confirmation", "reversal", "figure_conflict")
MODES = ("instant", "digest")
OWNER_KEY = "owner:"  # bot_state key prefix of a delivery owner's liveness record


@dataclass(frozen=True, slots=True)
class ChatRow:
    id: int
    type: str
    title: str | None
    lang: str
    lang_chosen: bool
    tz: str | None
    paused: str | None
    is_source: bool
    digest_every: str | None
    digest_day: int | None
    digest_time: str | None
    digest_always: bool
    digest_set_at: str | None
    digest_last: str | None


@dataclass(frozen=True, slots=True)
class SubscriptionRow:
    id: int
    chat_id: int
    kind: str
    value: str
    label: str
    flag_kinds: tuple[str, ...]
    mode: str


@dataclass(frozen=True, slots=True)
class DigestWindow:
    last: str | None  # when the previous digest was made
    flag_after: int
    log_after: int
    flag_upto: int
    log_upto: int


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    chat_id: int
    dedupe: str
    flag_id: int | None
    subscription_id: int | None
    payload: list[str] | None
    state: str
    attempts: int
    parts_sent: int
    message_ids: list[int]


_CHAT_COLS = (
    "id, type, title, lang, lang_chosen, tz, paused, is_source, digest_every, digest_day,"
    " digest_time, digest_always, digest_set_at, digest_last"
)
_SUB_COLS = "id, chat_id, kind, value, label, flag_kinds, mode"
_OUTBOX_COLS = (
    "id, chat_id, dedupe, flag_id, subscription_id, payload, state, attempts, parts_sent,"
    " message_ids"
)
_FLAG_COLS = """
    f.id, f.kind, f.claim_id, c.text, c.by_name, f.statement_id, s.text, f.by_name,
    f.score, f.published, a.source, a.url"""


def _chat(row: Sequence[Any]) -> ChatRow:
    return ChatRow(
        id=row[0],
        type=row[1],
        title=row[2],
        lang=row[3],
        lang_chosen=bool(row[4]),
        tz=row[5],
        paused=row[6],
        is_source=bool(row[7]),
        digest_every=row[8],
        digest_day=row[9],
        digest_time=row[10],
        digest_always=bool(row[11]),
        digest_set_at=row[12],
        digest_last=row[13],
    )


def _sub(row: Sequence[Any]) -> SubscriptionRow:
    kinds = tuple(k for k in row[5].split(",") if k)
    return SubscriptionRow(row[0], row[1], row[2], row[3], row[4], kinds, row[6])


def _outbox(row: Sequence[Any]) -> OutboxRow:
    return OutboxRow(
        id=row[0],
        chat_id=row[1],
        dedupe=row[2],
        flag_id=row[3],
        subscription_id=row[4],
        payload=json.loads(row[5]) if row[5] else None,
        state=row[6],
        attempts=row[7],
        parts_sent=row[8],
        message_ids=json.loads(row[9]),
    )


def _unchanged(chat: ChatRow, type_: str, title: str | None, lang: str | None) -> bool:
    follows_user = chat.type == "private" and not chat.lang_chosen
    return (
        chat.type == type_
        and (title is None or title == chat.title)
        and (lang is None or not follows_user or lang == chat.lang)
    )


def iso(moment: datetime) -> str:
    """The stored form of a time: UTC, seconds, like :func:`now_iso`."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


class BotStore(FeedStore):
    """claimwatch's database with the bot's tables."""

    # -- chats -------------------------------------------------------------------------
    async def ensure_chat(
        self, chat_id: int, *, type_: str, title: str | None, lang: str | None
    ) -> ChatRow:
        """The chat, created on first contact in the language of whoever spoke first; a
        private chat then follows its user's Telegram language until /lang picks one (a
        group keeps its language: it would flip with every member otherwise).

        Writes only when something changed: most updates come from known chats, and a
        write per command would queue behind every long ingest for the database lock."""
        known = await self.get_chat(chat_id)
        if known is not None and _unchanged(known, type_, title, lang):
            return known
        stamp = now_iso()
        async with self.transaction():
            await self._conn.execute(
                "INSERT INTO chats (id, type, title, lang, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET type = excluded.type,"
                " title = COALESCE(excluded.title, chats.title),"
                " lang = CASE WHEN chats.lang_chosen OR chats.type != 'private' THEN chats.lang"
                "             ELSE COALESCE(?, chats.lang) END,"
                " updated_at = excluded.updated_at",
                (chat_id, type_, title, lang or "en", stamp, stamp, lang),
            )
        chat = await self.get_chat(chat_id)
        assert chat is not None
        return chat

    async def get_chat(self, chat_id: int) -> ChatRow | None:
        row = await self._one(f"SELECT {_CHAT_COLS} FROM chats WHERE id = ?", (chat_id,))
        return _chat(row) if row else None

    async def set_chat_lang(self, chat_id: int, lang: str) -> None:
        async with self.transaction():
            await self._conn.execute(
                "UPDATE chats SET lang = ?, lang_chosen = 1, updated_at = ? WHERE id = ?",
                (lang, now_iso(), chat_id),
            )

    async def set_chat_tz(self, chat_id: int, tz: str | None) -> None:
        async with self.transaction():
            await self._conn.execute(
                "UPDATE chats SET tz = ?, updated_at = ? WHERE id = ?", (tz, now_iso(), chat_id)
            )

    async def set_source(self, chat_id: int, is_source: bool) -> None:
        async with self.transaction():
            await self._conn.execute(
                "UPDATE chats SET is_source = ?, updated_at = ? WHERE id = ?",
                (int(is_source), now_iso(), chat_id),
            )

    async def pause_chat(self, chat_id: int, reason: str) -> int:
        """Stop writing to a chat (it blocked or removed the bot); its queue is held.

        Returns how many queued messages were held."""
        async with self.transaction():
            await self._conn.execute(
                "UPDATE chats SET paused = ?, updated_at = ? WHERE id = ?",
                (reason, now_iso(), chat_id),
            )
            cur = await self._conn.execute(
                "UPDATE outbox SET state = 'held' WHERE chat_id = ? AND state = 'pending'",
                (chat_id,),
            )
            return cur.rowcount

    async def resume_chat(self, chat_id: int) -> int:
        """The chat is back (/start again, the bot re-added): its held messages go out."""
        async with self.transaction():
            row = await self._one("SELECT paused FROM chats WHERE id = ?", (chat_id,))
            if row is None or row[0] is None:
                return 0
            await self._conn.execute(
                "UPDATE chats SET paused = NULL, updated_at = ? WHERE id = ?",
                (now_iso(), chat_id),
            )
            cur = await self._conn.execute(
                "UPDATE outbox SET state = 'pending', not_before = ?"
                " WHERE chat_id = ? AND state = 'held'",
                (now_iso(), chat_id),
            )
            return cur.rowcount

    async def migrate_chat(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: everything of the chat continues under the new id."""
        async with self.transaction():
            exists = await self._one("SELECT 1 FROM chats WHERE id = ?", (new_id,))
            if exists is None:
                await self._conn.execute(
                    "UPDATE chats SET id = ?, type = 'supergroup', updated_at = ? WHERE id = ?",
                    (new_id, now_iso(), old_id),
                )
                return
            # Both ids known (the new one spoke first): the old one's settings and all it had
            # move over; the new row only existed since the upgrade.
            await self._conn.execute(
                "UPDATE chats SET (lang, lang_chosen, tz, paused, is_source, digest_every,"
                " digest_day, digest_time, digest_always, digest_set_at, digest_last,"
                " digest_flag_id, digest_log_id) = (SELECT lang, lang_chosen, tz, paused,"
                " is_source, digest_every, digest_day, digest_time, digest_always,"
                " digest_set_at, digest_last, digest_flag_id, digest_log_id FROM chats"
                " WHERE id = ?), type = 'supergroup', updated_at = ? WHERE id = ?",
                (old_id, now_iso(), new_id),
            )
            await self._conn.execute(
                "UPDATE OR IGNORE subscriptions SET chat_id = ? WHERE chat_id = ?",
                (new_id, old_id),
            )
            await self._conn.execute(
                "UPDATE OR IGNORE outbox SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
            )
            await self._conn.execute("DELETE FROM chats WHERE id = ?", (old_id,))

    # -- subscriptions -------------------------------------------------------------------
    async def add_subscription(
        self,
        chat_id: int,
        *,
        kind: str,
        value: str,
        label: str,
        terms: Sequence[str] = (),
    ) -> tuple[SubscriptionRow, bool]:
        """(subscription, created); the same topic twice is one subscription."""
        async with self.transaction():
            cur = await self._conn.execute(
                "INSERT OR IGNORE INTO subscriptions (chat_id, kind, value, label, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (chat_id, kind, value, label, now_iso()),
            )
            created = cur.rowcount == 1
            row = await self._one(
                f"SELECT {_SUB_COLS} FROM subscriptions"
                " WHERE chat_id = ? AND kind = ? AND value = ?",
                (chat_id, kind, value),
            )
            sub = _sub(row)
            if created and terms:
                await self._conn.executemany(
                    "INSERT OR IGNORE INTO subscription_terms (subscription_id, term)"
                    " VALUES (?, ?)",
                    [(sub.id, t) for t in terms],
                )
        return sub, created

    async def subscriptions(self, chat_id: int) -> list[SubscriptionRow]:
        rows = await self._all(
            f"SELECT {_SUB_COLS} FROM subscriptions WHERE chat_id = ? ORDER BY kind = 'claim', id",
            (chat_id,),
        )
        return [_sub(r) for r in rows]

    async def get_subscription(self, chat_id: int, sub_id: int) -> SubscriptionRow | None:
        row = await self._one(
            f"SELECT {_SUB_COLS} FROM subscriptions WHERE chat_id = ? AND id = ?",
            (chat_id, sub_id),
        )
        return _sub(row) if row else None

    async def find_subscription(
        self, chat_id: int, kind: str, value: str
    ) -> SubscriptionRow | None:
        row = await self._one(
            f"SELECT {_SUB_COLS} FROM subscriptions WHERE chat_id = ? AND kind = ? AND value = ?",
            (chat_id, kind, value),
        )
        return _sub(row) if row else None

    async def remove_subscription(self, chat_id: int, sub_id: int) -> bool:
        async with self.transaction():
            cur = await self._conn.execute(
                "DELETE FROM subscriptions WHERE chat_id = ? AND id = ?", (chat_id, sub_id)
            )
            return cur.rowcount == 1

    async def update_subscription(
        self,
        chat_id: int,
        sub_id: int,
        *,
        mode: str | None = None,
        flag_kinds: Sequence[str] | None = None,
    ) -> SubscriptionRow | None:
        async with self.transaction():
            if mode is not None:
                await self._conn.execute(
                    "UPDATE subscriptions SET mode = ? WHERE chat_id = ? AND id = ?",
                    (mode, chat_id, sub_id),
                )
            if flag_kinds is not None:
                await self._conn.execute(
                    "UPDATE subscriptions SET flag_kinds = ? WHERE chat_id = ? AND id = ?",
                    (",".join(flag_kinds), chat_id, sub_id),
                )
        return await self.get_subscription(chat_id, sub_id)

    async def active_actors(self, limit: int = 8) -> list[tuple[str, int]]:
        """Actors of the most claims, for the /subscribe buttons."""
        rows = await self._all(
            "SELECT actor, COUNT(*) FROM claim_actors GROUP BY actor ORDER BY 2 DESC, 1 LIMIT ?",
            (limit,),
        )
        return [(r[0], r[1]) for r in rows]

    # -- the outbox ----------------------------------------------------------------------
    async def beat(self, owner: str, at: str) -> None:
        """The delivery worker's heartbeat (for ``claimwatch health``) and its owner's
        liveness record: ``owner``'s rows in ``sending`` are in flight, and no other
        process may take them back while this record is fresh."""
        await self._outbox_update(
            "INSERT INTO bot_state (key, value) VALUES ('heartbeat', ?), (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (at, OWNER_KEY + owner, at),
        )

    async def sending_owners(self) -> list[str]:
        """The owners of rows in ``sending``."""
        rows = await self._all(
            "SELECT DISTINCT owner FROM outbox WHERE state = 'sending' AND owner IS NOT NULL"
        )
        return [r[0] for r in rows]

    async def recover_sending(self, *, alive_since: str, me: str, dead: Sequence[str] = ()) -> int:
        """Rows left ``sending`` by no live process go back to pending (at-least-once): rows
        of no owner, of an owner known ``dead``, or of an owner whose liveness record is
        older than ``alive_since`` or gone (it died, or stopped and released what it held);
        never the rows of ``me``, the caller. A live owner's rows stay its own: a second
        bot that starts beside it (an overlapping deploy) must not send them again. The
        records of stale and dead owners are dropped."""
        marks = ",".join("?" * len(dead))
        known_dead = f" OR owner IN ({marks})" if dead else ""
        dead_records = f" OR key IN ({marks})" if dead else ""
        dead_keys = [OWNER_KEY + owner for owner in dead]
        async with self.transaction():
            cur = await self._conn.execute(
                "UPDATE outbox SET state = 'pending', owner = NULL WHERE state = 'sending'"
                " AND (owner IS NULL OR (owner != ? AND (NOT EXISTS (SELECT 1 FROM bot_state"
                f" WHERE key = ? || outbox.owner AND value >= ?){known_dead})))",
                (me, OWNER_KEY, alive_since, *dead),
            )
            await self._conn.execute(
                f"DELETE FROM bot_state WHERE substr(key, 1, ?) = ? AND (value < ?{dead_records})",
                (len(OWNER_KEY), OWNER_KEY, alive_since, *dead_keys),
            )
            return cur.rowcount

    async def retire_owner(self, owner: str) -> int:
        """On a clean stop: ``owner``'s rows still ``sending`` (their send was cut short)
        go back to pending and its liveness record goes, so the next bot need not wait
        for the record to grow stale."""
        async with self.transaction():
            cur = await self._conn.execute(
                "UPDATE outbox SET state = 'pending', owner = NULL"
                " WHERE state = 'sending' AND owner = ?",
                (owner,),
            )
            await self._conn.execute("DELETE FROM bot_state WHERE key = ?", (OWNER_KEY + owner,))
            return cur.rowcount

    async def release_sending(self, owner: str, *, keep: Sequence[int]) -> int:
        """Rows ``owner`` marked sending but is not sending (``keep`` are in flight) go back
        to pending: a running bot recovers them without a restart."""
        marks = ",".join("?" * len(keep))
        skip = f" AND id NOT IN ({marks})" if keep else ""
        async with self.transaction():
            cur = await self._conn.execute(
                "UPDATE outbox SET state = 'pending', owner = NULL"
                f" WHERE state = 'sending' AND owner = ?{skip}",
                (owner, *keep),
            )
            return cur.rowcount

    async def due_heads(self, now: str, *, exclude: Sequence[int], limit: int) -> list[OutboxRow]:
        """The oldest due row of each chat (one per chat, so a busy chat cannot hold up the
        others), oldest first, skipping chats in ``exclude`` (still paced or in flight)."""
        marks = ",".join("?" * len(exclude))
        skip = f" AND chat_id NOT IN ({marks})" if exclude else ""
        rows = await self._all(
            f"SELECT {_OUTBOX_COLS} FROM outbox WHERE id IN ("
            " SELECT MIN(id) FROM outbox WHERE state = 'pending' AND not_before <= ?"
            f"{skip} GROUP BY chat_id) ORDER BY id LIMIT ?",
            (now, *exclude, limit),
        )
        return [_outbox(r) for r in rows]

    async def next_due_time(self) -> str | None:
        row = await self._one("SELECT MIN(not_before) FROM outbox WHERE state = 'pending'")
        return row[0] if row else None

    async def outbox_row(self, row_id: int) -> OutboxRow | None:
        row = await self._one(f"SELECT {_OUTBOX_COLS} FROM outbox WHERE id = ?", (row_id,))
        return _outbox(row) if row else None

    async def _outbox_update(self, sql: str, params: Sequence[Any]) -> None:
        async with self.transaction():
            await self._conn.execute(sql, params)

    async def _outbox_mark(self, sql: str, params: Sequence[Any]) -> bool:
        """One row's update; False when no row matched."""
        async with self.transaction():
            cur = await self._conn.execute(sql, params)
            return cur.rowcount == 1

    async def mark_sending(self, row_id: int, owner: str) -> bool:
        """Take a pending row for sending; False if someone else took it first."""
        async with self.transaction():
            cur = await self._conn.execute(
                "UPDATE outbox SET state = 'sending', attempts = attempts + 1, owner = ?"
                " WHERE id = ? AND state = 'pending'",
                (owner, row_id),
            )
            return cur.rowcount == 1

    # The marks after a send write only while ``owner`` still holds the row: False when
    # another process took it back meanwhile (this one looked dead), whose state stands.
    async def mark_part_sent(self, row_id: int, owner: str, message_id: int) -> bool:
        return await self._outbox_mark(
            "UPDATE outbox SET parts_sent = parts_sent + 1,"
            " message_ids = json_insert(message_ids, '$[#]', ?) WHERE id = ? AND owner = ?",
            (message_id, row_id, owner),
        )

    async def mark_sent(self, row_id: int, owner: str) -> bool:
        return await self._outbox_mark(
            "UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL"
            " WHERE id = ? AND owner = ?",
            (now_iso(), row_id, owner),
        )

    async def mark_retry(self, row_id: int, owner: str, not_before: str, error: str) -> bool:
        return await self._outbox_mark(
            "UPDATE outbox SET state = 'pending', owner = NULL, not_before = ?, last_error = ?"
            " WHERE id = ? AND owner = ?",
            (not_before, error[:500], row_id, owner),
        )

    async def delay_chat(self, chat_id: int, not_before: str) -> None:
        """Telegram asked to wait (429) for this chat: nothing of it goes before then."""
        await self._outbox_update(
            "UPDATE outbox SET not_before = MAX(not_before, ?)"
            " WHERE chat_id = ? AND state = 'pending'",
            (not_before, chat_id),
        )

    async def mark_failed(self, row_id: int, owner: str, error: str) -> bool:
        return await self._outbox_mark(
            "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ? AND owner = ?",
            (error[:500], row_id, owner),
        )

    async def outbox_counts(self, chat_id: int | None = None) -> dict[str, int]:
        where, params = ("WHERE chat_id = ?", (chat_id,)) if chat_id is not None else ("", ())
        rows = await self._all(f"SELECT state, COUNT(*) FROM outbox {where} GROUP BY state", params)
        return {r[0]: r[1] for r in rows}

    async def article_source(self, article_id: int) -> tuple[str | None, str | None]:
        """(source, url) of an article, for linking a claim to where it was made."""
        row = await self._one("SELECT source, url FROM articles WHERE id = ?", (article_id,))
        return (row[0], row[1]) if row else (None, None)

    async def flag(self, flag_id: int) -> FlagRow | None:
        found = await self.get_flags([flag_id])
        return found[0] if found else None

    # -- digests -------------------------------------------------------------------------
    async def set_digest(
        self,
        chat_id: int,
        *,
        every: str | None,
        day: int | None = None,
        at: str | None = None,
        always: bool = False,
        covers_since: str | None = None,
    ) -> None:
        """The chat's schedule; the first digest covers what happened since ``covers_since``
        (one period back), later ones what happened since the one before."""
        stamp = now_iso()
        async with self.transaction():
            await self._conn.execute(
                "UPDATE chats SET digest_every = ?, digest_day = ?, digest_time = ?,"
                " digest_always = ?, digest_set_at = ?, updated_at = ? WHERE id = ?",
                (every, day, at, int(always), stamp if every else None, stamp, chat_id),
            )
            if every and covers_since:
                await self._conn.execute(
                    "UPDATE chats SET digest_last = COALESCE(digest_last, ?),"
                    " digest_flag_id = CASE WHEN digest_last IS NULL THEN"
                    "   (SELECT COALESCE(MAX(id), 0) FROM flags WHERE created_at <= ?)"
                    "   ELSE digest_flag_id END,"
                    " digest_log_id = CASE WHEN digest_last IS NULL THEN"
                    "   (SELECT COALESCE(MAX(id), 0) FROM claim_status_log WHERE at <= ?)"
                    "   ELSE digest_log_id END"
                    " WHERE id = ?",
                    (covers_since, covers_since, covers_since, chat_id),
                )

    async def digest_chats(self) -> list[ChatRow]:
        rows = await self._all(
            f"SELECT {_CHAT_COLS} FROM chats WHERE digest_every IS NOT NULL AND paused IS NULL"
        )
        return [_chat(r) for r in rows]

    async def digest_window(self, chat_id: int, *, since_if_new: str) -> DigestWindow | None:
        """What the chat's next digest covers: flags and status changes after its marks (or,
        for a chat without digests yet, since ``since_if_new``) up to the newest committed
        ones. Call inside :meth:`transaction`, so no writer can commit a row below the upper
        marks while the digest is built."""
        row = await self._one(
            "SELECT digest_last,"
            " CASE WHEN digest_last IS NULL THEN"
            "   (SELECT COALESCE(MAX(id), 0) FROM flags WHERE created_at <= ?)"
            "   ELSE digest_flag_id END,"
            " CASE WHEN digest_last IS NULL THEN"
            "   (SELECT COALESCE(MAX(id), 0) FROM claim_status_log WHERE at <= ?)"
            "   ELSE digest_log_id END,"
            " (SELECT COALESCE(MAX(id), 0) FROM flags),"
            " (SELECT COALESCE(MAX(id), 0) FROM claim_status_log)"
            " FROM chats WHERE id = ?",
            (since_if_new, since_if_new, chat_id),
        )
        return DigestWindow(*row) if row else None

    async def record_digest(
        self, chat_id: int, window: DigestWindow, *, slot: str, at: str, parts: Sequence[str] | None
    ) -> None:
        """Inside the transaction of :meth:`digest_window`: the period is digested (marks move
        up) and its message, if any, is queued once for the slot."""
        await self._conn.execute(
            "UPDATE chats SET digest_last = ?, digest_flag_id = ?, digest_log_id = ? WHERE id = ?",
            (at, window.flag_upto, window.log_upto, chat_id),
        )
        if parts:
            await self._queue(chat_id, f"digest:{slot}", parts)

    async def queue_message(self, chat_id: int, dedupe: str, parts: Sequence[str]) -> None:
        """A finished message (a digest preview) through the outbox, once per dedupe key."""
        await self._queue(chat_id, dedupe, parts)

    async def _queue(self, chat_id: int, dedupe: str, parts: Sequence[str]) -> None:
        stamp = now_iso()
        await self._conn.execute(
            "INSERT OR IGNORE INTO outbox (chat_id, dedupe, payload, not_before, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (chat_id, dedupe, json.dumps(list(parts)), stamp, stamp),
        )

    async def chat_flags(
        self, chat_id: int, *, after_id: int, upto_id: int, limit: int = 500
    ) -> list[tuple[SubscriptionRow, FlagRow]]:
        """Flags after ``after_id`` up to ``upto_id`` on any topic of a chat (alerts and
        digest-only alike), with the subscription that matched; a flag matching two topics
        is listed under both."""
        rows = await self._all(
            "SELECT sub.id, sub.chat_id, sub.kind, sub.value, sub.label, sub.flag_kinds,"
            " sub.mode, f.id, f.kind, f.claim_id, c.text, c.by_name, f.statement_id, s.text,"
            " f.by_name, f.score, f.published, a.source, a.url"
            " FROM subscription_flags v"
            " JOIN subscriptions sub ON sub.id = v.subscription_id"
            " JOIN flags f ON f.id = v.flag_id"
            " JOIN claims c ON c.id = f.claim_id"
            " JOIN statements s ON s.id = f.statement_id"
            " JOIN articles a ON a.id = f.article_id"
            " WHERE v.chat_id = ? AND v.flag_id > ? AND v.flag_id <= ?"
            " ORDER BY sub.id, f.published, f.id LIMIT ?",
            (chat_id, after_id, upto_id, limit),
        )
        return [(_sub(r[:7]), FlagRow(*r[7:])) for r in rows]

    async def chat_status_changes(
        self, chat_id: int, *, after_id: int, upto_id: int, limit: int = 200
    ) -> list[tuple[int, str, str, str]]:
        """(claim id, old, new, claim text) of status changes in a window of the log on
        claims the chat follows or that a flag of its topics is about; first old status and
        last new one per claim, and only claims that ended elsewhere than they began."""
        rows = await self._all(
            "SELECT l.claim_id,"
            " (SELECT l0.old FROM claim_status_log l0 WHERE l0.claim_id = l.claim_id"
            "   AND l0.id > ? ORDER BY l0.id LIMIT 1),"
            " (SELECT l1.new FROM claim_status_log l1 WHERE l1.claim_id = l.claim_id"
            "   AND l1.id <= ? ORDER BY l1.id DESC LIMIT 1),"
            " c.text"
            " FROM claim_status_log l JOIN claims c ON c.id = l.claim_id"
            " WHERE l.id > ? AND l.id <= ? AND l.claim_id IN ("
            "   SELECT f.claim_id FROM subscription_flags v JOIN flags f ON f.id = v.flag_id"
            "   WHERE v.chat_id = ?"
            "   UNION SELECT CAST(value AS INTEGER) FROM subscriptions"
            "   WHERE chat_id = ? AND kind = 'claim')"
            " GROUP BY l.claim_id ORDER BY MAX(l.id) LIMIT ?",
            (after_id, upto_id, after_id, upto_id, chat_id, chat_id, limit),
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows if r[1] != r[2]]

    # -- export and stats ----------------------------------------------------------------
    async def chat_export(self, chat_id: int) -> tuple[list[FlagRow], list[int]]:
        """Every flag on the chat's topics, and the ids of the claims they and its follows
        are about."""
        rows = await self._all(
            f"SELECT DISTINCT {_FLAG_COLS} FROM subscription_flags v"
            " JOIN flags f ON f.id = v.flag_id JOIN claims c ON c.id = f.claim_id"
            " JOIN statements s ON s.id = f.statement_id JOIN articles a ON a.id = f.article_id"
            " WHERE v.chat_id = ? ORDER BY f.id",
            (chat_id,),
        )
        flags = [FlagRow(*r) for r in rows]
        followed = await self._all(
            "SELECT CAST(value AS INTEGER) FROM subscriptions WHERE chat_id = ? AND kind = 'claim'",
            (chat_id,),
        )
        ids = list(dict.fromkeys([f.claim_id for f in flags] + [r[0] for r in followed]))
        return flags, ids

    # -- the running bot -----------------------------------------------------------------
    async def set_state(self, key: str, value: str) -> None:
        await self._outbox_update(
            "INSERT INTO bot_state (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    async def get_state(self, key: str) -> str | None:
        row = await self._one("SELECT value FROM bot_state WHERE key = ?", (key,))
        return row[0] if row else None
