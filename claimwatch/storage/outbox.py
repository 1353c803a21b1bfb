"""The outbox repository (SQLite): messages on their way to chats, and the delivering bot's
liveness records (``bot_state``).

Alerts enter the outbox through the ``flags_alert`` trigger (migration 0004), in the
transaction that raised the flag, whichever process raised it; this module reads them and
records their delivery.

Delivery states of an outbox row: ``pending`` (due at ``not_before``), ``sending`` (handed to
Telegram by the bot process named in ``owner``; a crash leaves it there, and it goes back to
pending once that owner's liveness record is stale, see :meth:`SQLiteOutbox.recover_sending`),
``sent``, ``failed`` (Telegram refused it for good), and ``held`` (the chat blocked the
bot; resumed when it comes back).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from claimwatch.storage.rows import OutboxRow, now_iso

if TYPE_CHECKING:
    from claimwatch.storage.database import SQLiteDatabase

OWNER_KEY = "owner:"  # bot_state key prefix of a delivery owner's liveness record

_OUTBOX_COLS = (
    "id, chat_id, dedupe, flag_id, subscription_id, payload, state, attempts, parts_sent,"
    " message_ids"
)


def outbox_row(row: sqlite3.Row) -> OutboxRow:
    return OutboxRow(
        id=row["id"],
        chat_id=row["chat_id"],
        dedupe=row["dedupe"],
        flag_id=row["flag_id"],
        subscription_id=row["subscription_id"],
        payload=json.loads(row["payload"]) if row["payload"] else None,
        state=row["state"],
        attempts=row["attempts"],
        parts_sent=row["parts_sent"],
        message_ids=json.loads(row["message_ids"]),
    )


class SQLiteOutbox:
    """The outbox and the bot's state (api.OutboxRepository)."""

    def __init__(self, db: SQLiteDatabase) -> None:
        self._db = db

    async def _update(self, sql: str, params: Sequence[Any]) -> None:
        async with self._db.transaction():
            await self._db.execute(sql, params)

    async def _mark(self, sql: str, params: Sequence[Any]) -> bool:
        """One row's update; False when no row matched."""
        async with self._db.transaction():
            cur = await self._db.execute(sql, params)
            return cur.rowcount == 1

    # -- queueing ------------------------------------------------------------------------
    async def queue(self, chat_id: int, dedupe: str, parts: Sequence[str]) -> None:
        """A finished message (a digest, a preview) through the outbox, once per dedupe key.
        Inside the caller's transaction, if any."""
        stamp = now_iso()
        await self._db.execute(
            "INSERT OR IGNORE INTO outbox (chat_id, dedupe, payload, not_before, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (chat_id, dedupe, json.dumps(list(parts)), stamp, stamp),
        )

    # -- owners --------------------------------------------------------------------------
    async def beat(self, owner: str, at: str) -> None:
        """The delivery worker's heartbeat (for ``claimwatch health``) and its owner's
        liveness record: ``owner``'s rows in ``sending`` are in flight, and no other
        process may take them back while this record is fresh."""
        await self._update(
            "INSERT INTO bot_state (key, value) VALUES ('heartbeat', ?), (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (at, OWNER_KEY + owner, at),
        )

    async def sending_owners(self) -> list[str]:
        """The owners of rows in ``sending``."""
        rows = await self._db.fetch_all(
            "SELECT DISTINCT owner FROM outbox WHERE state = 'sending' AND owner IS NOT NULL"
        )
        return [r["owner"] for r in rows]

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
        async with self._db.transaction():
            cur = await self._db.execute(
                "UPDATE outbox SET state = 'pending', owner = NULL WHERE state = 'sending'"
                " AND (owner IS NULL OR (owner != ? AND (NOT EXISTS (SELECT 1 FROM bot_state"
                f" WHERE key = ? || outbox.owner AND value >= ?){known_dead})))",
                (me, OWNER_KEY, alive_since, *dead),
            )
            await self._db.execute(
                f"DELETE FROM bot_state WHERE substr(key, 1, ?) = ? AND (value < ?{dead_records})",
                (len(OWNER_KEY), OWNER_KEY, alive_since, *dead_keys),
            )
            return cur.rowcount

    async def retire_owner(self, owner: str) -> int:
        """On a clean stop: ``owner``'s rows still ``sending`` (their send was cut short)
        go back to pending and its liveness record goes, so the next bot need not wait
        for the record to grow stale."""
        async with self._db.transaction():
            cur = await self._db.execute(
                "UPDATE outbox SET state = 'pending', owner = NULL"
                " WHERE state = 'sending' AND owner = ?",
                (owner,),
            )
            await self._db.execute("DELETE FROM bot_state WHERE key = ?", (OWNER_KEY + owner,))
            return cur.rowcount

    async def release_sending(self, owner: str, *, keep: Sequence[int]) -> int:
        """Rows ``owner`` marked sending but is not sending (``keep`` are in flight) go back
        to pending: a running bot recovers them without a restart."""
        marks = ",".join("?" * len(keep))
        skip = f" AND id NOT IN ({marks})" if keep else ""
        async with self._db.transaction():
            cur = await self._db.execute(
                "UPDATE outbox SET state = 'pending', owner = NULL"
                f" WHERE state = 'sending' AND owner = ?{skip}",
                (owner, *keep),
            )
            return cur.rowcount

    # -- due rows ------------------------------------------------------------------------
    async def due_heads(self, now: str, *, exclude: Sequence[int], limit: int) -> list[OutboxRow]:
        """The oldest due row of each chat (one per chat, so a busy chat cannot hold up the
        others), oldest first, skipping chats in ``exclude`` (still paced or in flight)."""
        marks = ",".join("?" * len(exclude))
        skip = f" AND chat_id NOT IN ({marks})" if exclude else ""
        rows = await self._db.fetch_all(
            f"SELECT {_OUTBOX_COLS} FROM outbox WHERE id IN ("
            " SELECT MIN(id) FROM outbox WHERE state = 'pending' AND not_before <= ?"
            f"{skip} GROUP BY chat_id) ORDER BY id LIMIT ?",
            (now, *exclude, limit),
        )
        return [outbox_row(r) for r in rows]

    async def next_due_time(self) -> str | None:
        row = await self._db.fetch_one(
            "SELECT MIN(not_before) AS due FROM outbox WHERE state = 'pending'"
        )
        return row["due"] if row else None

    async def get(self, row_id: int) -> OutboxRow | None:
        row = await self._db.fetch_one(f"SELECT {_OUTBOX_COLS} FROM outbox WHERE id = ?", (row_id,))
        return outbox_row(row) if row else None

    async def counts(self, chat_id: int | None = None) -> dict[str, int]:
        """Rows by state, of one chat or of all."""
        where, params = ("WHERE chat_id = ?", (chat_id,)) if chat_id is not None else ("", ())
        rows = await self._db.fetch_all(
            f"SELECT state, COUNT(*) AS n FROM outbox {where} GROUP BY state", params
        )
        return {r["state"]: r["n"] for r in rows}

    # -- delivery marks ------------------------------------------------------------------
    async def mark_sending(self, row_id: int, owner: str) -> bool:
        """Take a pending row for sending; False if someone else took it first."""
        return await self._mark(
            "UPDATE outbox SET state = 'sending', attempts = attempts + 1, owner = ?"
            " WHERE id = ? AND state = 'pending'",
            (owner, row_id),
        )

    # The marks after a send write only while ``owner`` still holds the row: False when
    # another process took it back meanwhile (this one looked dead), whose state stands.
    async def mark_part_sent(self, row_id: int, owner: str, message_id: int) -> bool:
        return await self._mark(
            "UPDATE outbox SET parts_sent = parts_sent + 1,"
            " message_ids = json_insert(message_ids, '$[#]', ?) WHERE id = ? AND owner = ?",
            (message_id, row_id, owner),
        )

    async def mark_sent(self, row_id: int, owner: str) -> bool:
        return await self._mark(
            "UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL"
            " WHERE id = ? AND owner = ?",
            (now_iso(), row_id, owner),
        )

    async def mark_retry(self, row_id: int, owner: str, not_before: str, error: str) -> bool:
        return await self._mark(
            "UPDATE outbox SET state = 'pending', owner = NULL, not_before = ?, last_error = ?"
            " WHERE id = ? AND owner = ?",
            (not_before, error[:500], row_id, owner),
        )

    async def mark_failed(self, row_id: int, owner: str, error: str) -> bool:
        return await self._mark(
            "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ? AND owner = ?",
            (error[:500], row_id, owner),
        )

    async def delay_chat(self, chat_id: int, not_before: str) -> None:
        """Telegram asked to wait (429) for this chat: nothing of it goes before then."""
        await self._update(
            "UPDATE outbox SET not_before = MAX(not_before, ?)"
            " WHERE chat_id = ? AND state = 'pending'",
            (not_before, chat_id),
        )

    # -- the running bot -----------------------------------------------------------------
    async def set_state(self, key: str, value: str) -> None:
        await self._update(
            "INSERT INTO bot_state (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    async def get_state(self, key: str) -> str | None:
        row = await self._db.fetch_one("SELECT value FROM bot_state WHERE key = ?", (key,))
        return row["value"] if row else None
