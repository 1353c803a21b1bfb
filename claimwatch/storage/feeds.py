"""Feeds and the items read from them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from claimwatch.storage.db import Store, now_iso


@dataclass(frozen=True, slots=True)
class FeedRow:
    id: int
    url: str
    name: str
    interval_s: int
    full_text: bool
    etag: str | None
    last_modified: str | None
    next_poll_at: str
    failures: int
    last_error: str | None
    last_error_at: str | None
    last_ok_at: str | None
    last_polled_at: str | None
    last_status: int | None
    articles: int

    @property
    def failing(self) -> bool:
        return self.failures > 0


_FEED_COLS = (
    "id, url, name, interval_s, full_text, etag, last_modified, next_poll_at, failures,"
    " last_error, last_error_at, last_ok_at, last_polled_at, last_status, articles"
)


_CHUNK = 500  # GUIDs per look-up


_FEED_NAMES = tuple(name.strip() for name in _FEED_COLS.split(","))


def _feed(row: Sequence[Any]) -> FeedRow:
    """A row of ``_FEED_COLS`` by name, so a column added to one is never read as another."""
    fields = dict(zip(_FEED_NAMES, row, strict=True))
    fields["full_text"] = bool(fields["full_text"])
    return FeedRow(**fields)


class FeedStore(Store):
    """Feeds: added by operators, polled by ``claimwatch poll`` and the bot."""

    async def add_feed(
        self, url: str, *, name: str, interval_s: int, full_text: bool, added_by: str | None
    ) -> tuple[FeedRow, bool]:
        """(feed, created); the same URL twice is one feed."""
        stamp = now_iso()
        async with self.transaction():
            cur = await self._conn.execute(
                "INSERT OR IGNORE INTO feeds (url, name, interval_s, full_text, next_poll_at,"
                " added_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (url, name, interval_s, int(full_text), stamp, added_by, stamp),
            )
            created = cur.rowcount == 1
        row = await self._one(f"SELECT {_FEED_COLS} FROM feeds WHERE url = ?", (url,))
        return _feed(row), created

    async def feeds(self) -> list[FeedRow]:
        return [_feed(r) for r in await self._all(f"SELECT {_FEED_COLS} FROM feeds ORDER BY id")]

    async def get_feed(self, feed_id: int) -> FeedRow | None:
        row = await self._one(f"SELECT {_FEED_COLS} FROM feeds WHERE id = ?", (feed_id,))
        return _feed(row) if row else None

    async def remove_feed(self, feed_id: int) -> bool:
        async with self.transaction():
            cur = await self._conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
            return cur.rowcount == 1

    async def due_feeds(self, now: str) -> list[FeedRow]:
        rows = await self._all(
            f"SELECT {_FEED_COLS} FROM feeds WHERE next_poll_at <= ? ORDER BY next_poll_at",
            (now,),
        )
        return [_feed(r) for r in rows]

    async def seen_items(self, feed_id: int, guids: Sequence[str]) -> set[str]:
        """The GUIDs this feed already gave; asked in chunks, since a feed may list thousands
        (SQLite allows so many parameters to a statement)."""
        seen: set[str] = set()
        for start in range(0, len(guids), _CHUNK):
            chunk = guids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = await self._all(
                f"SELECT guid FROM feed_items WHERE feed_id = ? AND guid IN ({marks})",
                (feed_id, *chunk),
            )
            seen.update(r[0] for r in rows)
        return seen

    async def article_by_url(self, url: str) -> int | None:
        row = await self._one("SELECT id FROM articles WHERE url = ?", (url,))
        return row[0] if row else None

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
        async with self.transaction():
            await self._conn.execute(
                "INSERT OR IGNORE INTO feed_items (feed_id, guid, url, article_id, note, seen_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (feed_id, guid, url, article_id, note, now_iso()),
            )
            if new_article:
                await self._conn.execute(
                    "UPDATE feeds SET articles = articles + 1 WHERE id = ?", (feed_id,)
                )

    async def feed_polled(
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
        async with self.transaction():
            await self._conn.execute(
                "UPDATE feeds SET next_poll_at = ?, last_status = ?,"
                " etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),"
                " failures = 0, last_ok_at = ?, last_polled_at = ? WHERE id = ?",
                (next_poll_at, status, etag, last_modified, stamp, stamp, feed_id),
            )

    async def feed_failed(self, feed_id: int, *, next_poll_at: str, error: str) -> None:
        stamp = now_iso()
        async with self.transaction():
            await self._conn.execute(
                "UPDATE feeds SET next_poll_at = ?, failures = failures + 1, last_error = ?,"
                " last_error_at = ?, last_polled_at = ? WHERE id = ?",
                (next_poll_at, error[:300], stamp, stamp, feed_id),
            )
