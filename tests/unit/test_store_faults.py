"""What the store says when SQLite fails: one StoreError naming the file and what to do,
raised by reads and writes alike, and nothing written. On real SQLite files."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from claimwatch.errors import StoreError, StoreUnusable
from claimwatch.storage import open_database
from claimwatch.storage.schema import shipped_migrations


def _fingerprint(db: Path) -> tuple[str, int]:
    return hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns


def _claims(count: int, start: int = 0) -> list[tuple[str, list[str], str, str]]:
    return [
        (f"claim {i} " + "kata " * 40, [f"tok{i}", "kata"], "id", "Seoul")
        for i in range(start, start + count)
    ]


async def _seeded(db: Path) -> int:
    """A database with one article and a few claims; returns the article's id."""
    store = await open_database(db)
    try:
        async with store.transaction():
            article = await store.claims.add_article(
                source=None, url=None, published="2024-10-22", lang="id", content_hash="x",
                text="x",
            )  # fmt: skip
            await store.claims.bulk_add(_claims(3), article_id=article)
    finally:
        await store.close()
    return article


async def test_a_full_disk_rolls_back_and_says_so(db_path: Path) -> None:
    article = await _seeded(db_path)
    store = await open_database(db_path)
    try:
        async with store.transaction():  # on the writer's connection
            (pages,) = await store.fetch_all("PRAGMA page_count")
            await store.execute(f"PRAGMA max_page_count = {pages[0]}")  # SQLITE_FULL
        with pytest.raises(StoreError) as raised:
            async with store.transaction():
                await store.claims.bulk_add(_claims(2000, start=3), article_id=article)
        assert str(raised.value) == (
            f"{db_path}: the disk is full (database or disk is full); free some space and try again"
        )
        assert (await store.claims.counts())["claims"] == 3
    finally:
        await store.close()


async def test_reads_outside_a_transaction_fail_as_store_errors(db_path: Path) -> None:
    await _seeded(db_path)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("ALTER TABLE claims RENAME COLUMN text TO body")
    conn.close()
    store = await open_database(db_path)
    try:
        with pytest.raises(StoreUnusable) as raised:
            await store.claims.latest()
        assert str(raised.value) == (
            f"{db_path}: the database's schema is not what claimwatch expects:"
            " no such column: c.text"
        )
    finally:
        await store.close()


async def test_a_read_only_store_reads_and_refuses_every_write(db_path: Path) -> None:
    await _seeded(db_path)
    before = _fingerprint(db_path)
    store = await open_database(db_path, readonly=True)
    try:
        assert (await store.claims.counts())["claims"] == 3
        with pytest.raises(StoreError, match="opened read-only: this command cannot write"):
            async with store.transaction():
                await store.claims.set_status(1, "denied")
    finally:
        await store.close()
    assert _fingerprint(db_path) == before


async def test_a_read_only_open_of_no_database_is_an_empty_one_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "not-yet.db"
    store = await open_database(path, readonly=True)
    try:
        assert await store.claims.latest() == []
        with pytest.raises(StoreError, match="read-only"):
            async with store.transaction():
                pass
    finally:
        await store.close()
    assert not path.exists()


@pytest.mark.parametrize("readonly", [False, True])
async def test_a_newer_schema_is_refused_before_anything_is_written(
    db_path: Path, readonly: bool
) -> None:
    await _seeded(db_path)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("INSERT INTO migrations VALUES ('0010_later.sql', '2027')")
    conn.close()
    before = _fingerprint(db_path)
    with pytest.raises(StoreUnusable) as raised:
        await open_database(db_path, readonly=readonly)
    newest = shipped_migrations()[-1].removesuffix(".sql")
    assert str(raised.value) == (
        f"{db_path} was migrated by a newer claimwatch (schema 0010_later);"
        f" this one knows up to {newest}: upgrade claimwatch"
    )
    assert _fingerprint(db_path) == before
