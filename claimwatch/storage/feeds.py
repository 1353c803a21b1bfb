"""The feeds repository (SQLite): feeds added by operators, polled by ``claimwatch poll`` and
the bot, and the items read from them."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

from claimwatch.storage.rows import FeedRow, now_iso

if TYPE_CHECKING:
    from claimwatch.storage.database import SQLiteDatabase

_FEED_COLS = (
    "id, url, name, interval_s, full_text, etag, last_modified, next_poll_at, failures,"
    " last_error, last_error_at, last_ok_at, last_polled_at, last_status, articles"
)
_FEED_NAMES = tuple(name.strip() for name in _FEED_COLS.split(","))
_CHUNK = 500  # GUIDs per look-up


def feed_row(row: sqlite3.Row) -> FeedRow:
    """A row of ``_FEED_COLS`` by name, so a column added to one is never read as another."""
    fields = {name: row[name] for name in _FEED_NAMES}
    fields["full_text"] = bool(fields["full_text"])
    return FeedRow(**fields)


class SQLiteFeeds:
    """Feeds and their items (api.FeedsRepository)."""

    def __init__(self, db: SQLiteDatabase) -> None:
        self._db = db

    async def add(
        self, url: str, *, name: str, interval_s: int, full_text: bool, added_by: str | None
    ) -> tuple[FeedRow, bool]:
        """(feed, created); the same URL twice is one feed."""
        stamp = now_iso()
        async with self._db.transaction():
            cur = await self._db.execute(
                "INSERT OR IGNORE INTO feeds (url, name, interval_s, full_text, next_poll_at,"
                " added_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (url, name, interval_s, int(full_text), stamp, added_by, stamp),
            )
            created = cur.rowcount == 1
        row = await self._db.fetch_one(f"SELECT {_FEED_COLS} FROM feeds WHERE url = ?", (url,))
        assert row is not None
        return feed_row(row), created

    async def all(self) -> list[FeedRow]:
        return [
            feed_row(r)
            for r in await self._db.fetch_all(f"SELECT {_FEED_COLS} FROM feeds ORDER BY id")
        ]

    async def get(self, feed_id: int) -> FeedRow | None:
        row = await self._db.fetch_one(f"SELECT {_FEED_COLS} FROM feeds WHERE id = ?", (feed_id,))
        return feed_row(row) if row else None

    async def remove(self, feed_id: int) -> bool:
        async with self._db.transaction():
            cur = await self._db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
            return cur.rowcount == 1

    async def due(self, now: str) -> list[FeedRow]:
        rows = await self._db.fetch_all(
            f"SELECT {_FEED_COLS} FROM feeds WHERE next_poll_at <= ? ORDER BY next_poll_at",
            (now,),
        )
        return [feed_row(r) for r in rows]

    async def seen_items(self, feed_id: int, guids: Sequence[str]) -> set[str]:
        """The GUIDs this feed already gave; asked in chunks, since a feed may list thousands
        (SQLite allows so many parameters to a statement)."""
        seen: set[str] = set()
        for start in range(0, len(guids), _CHUNK):
            chunk = guids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(
                f"SELECT guid FROM feed_items WHERE feed_id = ? AND guid IN ({marks})",
                (feed_id, *chunk),
            )
            seen.update(r["guid"] for r in rows)
        return seen

    async def add_item(
        self,
        feed_id: int,
        guid: str,
        *,
        url: str | None,
        article_id: int | None,
        note: str | None,
        new_article: bool,
    ) -> None:
        async with self._db.transaction():
            await self._db.execute(
                "INSERT OR IGNORE INTO feed_items (feed_id, guid, url, article_id, note, seen_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (feed_id, guid, url, article_id, note, now_iso()),
            )
            if new_article:
                await self._db.execute(
                    "UPDATE feeds SET articles = articles + 1 WHERE id = ?", (feed_id,)
                )

    async def polled(
        self,
        feed_id: int,
        *,
        next_poll_at: str,
        status: int | None,
        etag: str | None,
        last_modified: str | None,
    ) -> None:
        """A good poll: the validators for the next conditional GET, failures reset."""
        stamp = now_iso()
        async with self._db.transaction():
            await self._db.execute(
                "UPDATE feeds SET next_poll_at = ?, last_status = ?,"
                " etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),"
                " failures = 0, last_ok_at = ?, last_polled_at = ? WHERE id = ?",
                (next_poll_at, status, etag, last_modified, stamp, stamp, feed_id),
            )

    async def failed(self, feed_id: int, *, next_poll_at: str, error: str) -> None:
        stamp = now_iso()
        async with self._db.transaction():
            await self._db.execute(
                "UPDATE feeds SET next_poll_at = ?, failures = failures + 1, last_error = ?,"
                " last_error_at = ?, last_polled_at = ? WHERE id = ?",
                (next_poll_at, error[:300], stamp, stamp, feed_id),
            )
