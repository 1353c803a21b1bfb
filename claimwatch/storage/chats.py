"""The chats repository (SQLite): chats, their subscriptions, their digests.

A digest is queued through the outbox repository, in the transaction that moves the chat's
digest marks (storage/outbox.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

from claimwatch.storage.claims import FLAG_COLS, FLAG_JOINS, flag_row
from claimwatch.storage.rows import ChatRow, DigestWindow, FlagRow, SubscriptionRow, now_iso

if TYPE_CHECKING:
    from claimwatch.storage.database import SQLiteDatabase
    from claimwatch.storage.outbox import SQLiteOutbox

_CHAT_COLS = (
    "id, type, title, lang, lang_chosen, tz, paused, is_source, digest_every, digest_day,"
    " digest_time, digest_always, digest_set_at, digest_last"
)
_SUB_COLS = "id, chat_id, kind, value, label, flag_kinds, mode"
# A subscription beside a flag (whose columns have names of their own, claims.FLAG_COLS).
_SUB_COLS_OF_SUB = ", ".join(f"sub.{name} AS {name}" for name in _SUB_COLS.split(", "))


def chat_row(row: sqlite3.Row) -> ChatRow:
    return ChatRow(
        id=row["id"],
        type=row["type"],
        title=row["title"],
        lang=row["lang"],
        lang_chosen=bool(row["lang_chosen"]),
        tz=row["tz"],
        paused=row["paused"],
        is_source=bool(row["is_source"]),
        digest_every=row["digest_every"],
        digest_day=row["digest_day"],
        digest_time=row["digest_time"],
        digest_always=bool(row["digest_always"]),
        digest_set_at=row["digest_set_at"],
        digest_last=row["digest_last"],
    )


def subscription_row(row: sqlite3.Row) -> SubscriptionRow:
    return SubscriptionRow(
        id=row["id"],
        chat_id=row["chat_id"],
        kind=row["kind"],
        value=row["value"],
        label=row["label"],
        flag_kinds=tuple(k for k in row["flag_kinds"].split(",") if k),
        mode=row["mode"],
    )


def _unchanged(chat: ChatRow, type_: str, title: str | None, lang: str | None) -> bool:
    follows_user = chat.type == "private" and not chat.lang_chosen
    return (
        chat.type == type_
        and (title is None or title == chat.title)
        and (lang is None or not follows_user or lang == chat.lang)
    )


class SQLiteChats:
    """Chats, subscriptions and digests (api.ChatsRepository)."""

    def __init__(self, db: SQLiteDatabase, outbox: SQLiteOutbox) -> None:
        self._db = db
        self._outbox = outbox

    # -- chats -------------------------------------------------------------------------
    async def ensure(
        self, chat_id: int, *, type_: str, title: str | None, lang: str | None
    ) -> ChatRow:
        """The chat, created on first contact in the language of whoever spoke first; a
        private chat then follows its user's Telegram language until /lang picks one (a
        group keeps its language: it would flip with every member otherwise).

        Writes only when something changed: most updates come from known chats, and a
        write per command would queue behind every long ingest for the database lock."""
        known = await self.get(chat_id)
        if known is not None and _unchanged(known, type_, title, lang):
            return known
        stamp = now_iso()
        async with self._db.transaction():
            await self._db.execute(
                "INSERT INTO chats (id, type, title, lang, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET type = excluded.type,"
                " title = COALESCE(excluded.title, chats.title),"
                " lang = CASE WHEN chats.lang_chosen OR chats.type != 'private' THEN chats.lang"
                "             ELSE COALESCE(?, chats.lang) END,"
                " updated_at = excluded.updated_at",
                (chat_id, type_, title, lang or "en", stamp, stamp, lang),
            )
        chat = await self.get(chat_id)
        assert chat is not None
        return chat

    async def get(self, chat_id: int) -> ChatRow | None:
        row = await self._db.fetch_one(f"SELECT {_CHAT_COLS} FROM chats WHERE id = ?", (chat_id,))
        return chat_row(row) if row else None

    async def set_lang(self, chat_id: int, lang: str) -> None:
        async with self._db.transaction():
            await self._db.execute(
                "UPDATE chats SET lang = ?, lang_chosen = 1, updated_at = ? WHERE id = ?",
                (lang, now_iso(), chat_id),
            )

    async def set_tz(self, chat_id: int, tz: str | None) -> None:
        async with self._db.transaction():
            await self._db.execute(
                "UPDATE chats SET tz = ?, updated_at = ? WHERE id = ?", (tz, now_iso(), chat_id)
            )

    async def set_source(self, chat_id: int, is_source: bool) -> None:
        async with self._db.transaction():
            await self._db.execute(
                "UPDATE chats SET is_source = ?, updated_at = ? WHERE id = ?",
                (int(is_source), now_iso(), chat_id),
            )

    async def pause(self, chat_id: int, reason: str) -> int:
        """Stop writing to a chat (it blocked or removed the bot); its queue is held.

        Returns how many queued messages were held."""
        async with self._db.transaction():
            await self._db.execute(
                "UPDATE chats SET paused = ?, updated_at = ? WHERE id = ?",
                (reason, now_iso(), chat_id),
            )
            cur = await self._db.execute(
                "UPDATE outbox SET state = 'held' WHERE chat_id = ? AND state = 'pending'",
                (chat_id,),
            )
            return cur.rowcount

    async def resume(self, chat_id: int) -> int:
        """The chat is back (/start again, the bot re-added): its held messages go out."""
        async with self._db.transaction():
            row = await self._db.fetch_one("SELECT paused FROM chats WHERE id = ?", (chat_id,))
            if row is None or row["paused"] is None:
                return 0
            await self._db.execute(
                "UPDATE chats SET paused = NULL, updated_at = ? WHERE id = ?",
                (now_iso(), chat_id),
            )
            cur = await self._db.execute(
                "UPDATE outbox SET state = 'pending', not_before = ?"
                " WHERE chat_id = ? AND state = 'held'",
                (now_iso(), chat_id),
            )
            return cur.rowcount

    async def migrate(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: everything of the chat continues under the new id."""
        async with self._db.transaction():
            exists = await self._db.fetch_one("SELECT 1 FROM chats WHERE id = ?", (new_id,))
            if exists is None:
                await self._db.execute(
                    "UPDATE chats SET id = ?, type = 'supergroup', updated_at = ? WHERE id = ?",
                    (new_id, now_iso(), old_id),
                )
                return
            # Both ids known (the new one spoke first): the old one's settings and all it had
            # move over; the new row only existed since the upgrade.
            await self._db.execute(
                "UPDATE chats SET (lang, lang_chosen, tz, paused, is_source, digest_every,"
                " digest_day, digest_time, digest_always, digest_set_at, digest_last,"
                " digest_flag_id, digest_log_id) = (SELECT lang, lang_chosen, tz, paused,"
                " is_source, digest_every, digest_day, digest_time, digest_always,"
                " digest_set_at, digest_last, digest_flag_id, digest_log_id FROM chats"
                " WHERE id = ?), type = 'supergroup', updated_at = ? WHERE id = ?",
                (old_id, now_iso(), new_id),
            )
            await self._db.execute(
                "UPDATE OR IGNORE subscriptions SET chat_id = ? WHERE chat_id = ?",
                (new_id, old_id),
            )
            await self._db.execute(
                "UPDATE OR IGNORE outbox SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
            )
            await self._db.execute("DELETE FROM chats WHERE id = ?", (old_id,))

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
        async with self._db.transaction():
            cur = await self._db.execute(
                "INSERT OR IGNORE INTO subscriptions (chat_id, kind, value, label, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (chat_id, kind, value, label, now_iso()),
            )
            created = cur.rowcount == 1
            row = await self._db.fetch_one(
                f"SELECT {_SUB_COLS} FROM subscriptions"
                " WHERE chat_id = ? AND kind = ? AND value = ?",
                (chat_id, kind, value),
            )
            assert row is not None
            sub = subscription_row(row)
            if created and terms:
                await self._db.executemany(
                    "INSERT OR IGNORE INTO subscription_terms (subscription_id, term)"
                    " VALUES (?, ?)",
                    [(sub.id, t) for t in terms],
                )
        return sub, created

    async def subscriptions(self, chat_id: int) -> list[SubscriptionRow]:
        rows = await self._db.fetch_all(
            f"SELECT {_SUB_COLS} FROM subscriptions WHERE chat_id = ? ORDER BY kind = 'claim', id",
            (chat_id,),
        )
        return [subscription_row(r) for r in rows]

    async def get_subscription(self, chat_id: int, sub_id: int) -> SubscriptionRow | None:
        row = await self._db.fetch_one(
            f"SELECT {_SUB_COLS} FROM subscriptions WHERE chat_id = ? AND id = ?",
            (chat_id, sub_id),
        )
        return subscription_row(row) if row else None

    async def find_subscription(
        self, chat_id: int, kind: str, value: str
    ) -> SubscriptionRow | None:
        row = await self._db.fetch_one(
            f"SELECT {_SUB_COLS} FROM subscriptions WHERE chat_id = ? AND kind = ? AND value = ?",
            (chat_id, kind, value),
        )
        return subscription_row(row) if row else None

    async def remove_subscription(self, chat_id: int, sub_id: int) -> bool:
        async with self._db.transaction():
            cur = await self._db.execute(
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
        async with self._db.transaction():
            if mode is not None:
                await self._db.execute(
                    "UPDATE subscriptions SET mode = ? WHERE chat_id = ? AND id = ?",
                    (mode, chat_id, sub_id),
                )
            if flag_kinds is not None:
                await self._db.execute(
                    "UPDATE subscriptions SET flag_kinds = ? WHERE chat_id = ? AND id = ?",
                    (",".join(flag_kinds), chat_id, sub_id),
                )
        return await self.get_subscription(chat_id, sub_id)

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
        async with self._db.transaction():
            await self._db.execute(
                "UPDATE chats SET digest_every = ?, digest_day = ?, digest_time = ?,"
                " digest_always = ?, digest_set_at = ?, updated_at = ? WHERE id = ?",
                (every, day, at, int(always), stamp if every else None, stamp, chat_id),
            )
            if every and covers_since:
                await self._db.execute(
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
        rows = await self._db.fetch_all(
            f"SELECT {_CHAT_COLS} FROM chats WHERE digest_every IS NOT NULL AND paused IS NULL"
        )
        return [chat_row(r) for r in rows]

    async def digest_window(self, chat_id: int, *, since_if_new: str) -> DigestWindow | None:
        """What the chat's next digest covers: flags and status changes after its marks (or,
        for a chat without digests yet, since ``since_if_new``) up to the newest committed
        ones. Call inside :meth:`transaction`, so no writer can commit a row below the upper
        marks while the digest is built."""
        row = await self._db.fetch_one(
            "SELECT digest_last AS last,"
            " CASE WHEN digest_last IS NULL THEN"
            "   (SELECT COALESCE(MAX(id), 0) FROM flags WHERE created_at <= ?)"
            "   ELSE digest_flag_id END AS flag_after,"
            " CASE WHEN digest_last IS NULL THEN"
            "   (SELECT COALESCE(MAX(id), 0) FROM claim_status_log WHERE at <= ?)"
            "   ELSE digest_log_id END AS log_after,"
            " (SELECT COALESCE(MAX(id), 0) FROM flags) AS flag_upto,"
            " (SELECT COALESCE(MAX(id), 0) FROM claim_status_log) AS log_upto"
            " FROM chats WHERE id = ?",
            (since_if_new, since_if_new, chat_id),
        )
        if row is None:
            return None
        return DigestWindow(
            last=row["last"],
            flag_after=row["flag_after"],
            log_after=row["log_after"],
            flag_upto=row["flag_upto"],
            log_upto=row["log_upto"],
        )

    async def record_digest(
        self, chat_id: int, window: DigestWindow, *, slot: str, at: str, parts: Sequence[str] | None
    ) -> None:
        """Inside the transaction of :meth:`digest_window`: the period is digested (marks move
        up) and its message, if any, is queued once for the slot."""
        await self._db.execute(
            "UPDATE chats SET digest_last = ?, digest_flag_id = ?, digest_log_id = ? WHERE id = ?",
            (at, window.flag_upto, window.log_upto, chat_id),
        )
        if parts:
            await self._outbox.queue(chat_id, f"digest:{slot}", parts)

    async def flags(
        self, chat_id: int, *, after_id: int, upto_id: int, limit: int = 500
    ) -> list[tuple[SubscriptionRow, FlagRow]]:
        """Flags after ``after_id`` up to ``upto_id`` on any topic of a chat (alerts and
        digest-only alike), with the subscription that matched; a flag matching two topics
        is listed under both."""
        rows = await self._db.fetch_all(
            f"SELECT {_SUB_COLS_OF_SUB}, {FLAG_COLS}"
            " FROM subscription_flags v"
            " JOIN subscriptions sub ON sub.id = v.subscription_id"
            f" JOIN flags f ON f.id = v.flag_id {FLAG_JOINS}"
            " WHERE v.chat_id = ? AND v.flag_id > ? AND v.flag_id <= ?"
            " ORDER BY sub.id, f.published, f.id LIMIT ?",
            (chat_id, after_id, upto_id, limit),
        )
        return [(subscription_row(r), flag_row(r)) for r in rows]

    async def status_changes(
        self, chat_id: int, *, after_id: int, upto_id: int, limit: int = 200
    ) -> list[tuple[int, str, str, str]]:
        """(claim id, old, new, claim text) of status changes in a window of the log on
        claims the chat follows or that a flag of its topics is about; first old status and
        last new one per claim, and only claims that ended elsewhere than they began."""
        rows = await self._db.fetch_all(
            "SELECT l.claim_id AS claim_id,"
            " (SELECT l0.old FROM claim_status_log l0 WHERE l0.claim_id = l.claim_id"
            "   AND l0.id > ? ORDER BY l0.id LIMIT 1) AS old,"
            " (SELECT l1.new FROM claim_status_log l1 WHERE l1.claim_id = l.claim_id"
            "   AND l1.id <= ? ORDER BY l1.id DESC LIMIT 1) AS new,"
            " c.text AS text"
            " FROM claim_status_log l JOIN claims c ON c.id = l.claim_id"
            " WHERE l.id > ? AND l.id <= ? AND l.claim_id IN ("
            "   SELECT f.claim_id FROM subscription_flags v JOIN flags f ON f.id = v.flag_id"
            "   WHERE v.chat_id = ?"
            "   UNION SELECT CAST(value AS INTEGER) FROM subscriptions"
            "   WHERE chat_id = ? AND kind = 'claim')"
            " GROUP BY l.claim_id ORDER BY MAX(l.id) LIMIT ?",
            (after_id, upto_id, after_id, upto_id, chat_id, chat_id, limit),
        )
        return [
            (r["claim_id"], r["old"], r["new"], r["text"]) for r in rows if r["old"] != r["new"]
        ]

    # -- export and stats ----------------------------------------------------------------
    async def export(self, chat_id: int) -> tuple[list[FlagRow], list[int]]:
        """Every flag on the chat's topics, and the ids of the claims they and its follows
        are about."""
        rows = await self._db.fetch_all(
            f"SELECT DISTINCT {FLAG_COLS} FROM subscription_flags v"
            f" JOIN flags f ON f.id = v.flag_id {FLAG_JOINS}"
            " WHERE v.chat_id = ? ORDER BY f.id",
            (chat_id,),
        )
        flags = [flag_row(r) for r in rows]
        followed = await self._db.fetch_all(
            "SELECT CAST(value AS INTEGER) AS claim_id FROM subscriptions"
            " WHERE chat_id = ? AND kind = 'claim'",
            (chat_id,),
        )
        ids = list(dict.fromkeys([f.claim_id for f in flags] + [r["claim_id"] for r in followed]))
        return flags, ids
