"""The storage room on real SQLite files."""

import sqlite3
from pathlib import Path

import pytest

from claimwatch.storage.db import Store, StoreError


async def test_blank_database_migrates_once(db_path: Path) -> None:
    store = await Store.open(db_path)
    assert await store.migrate() == []  # already applied at open
    await store.close()
    with sqlite3.connect(db_path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert {"articles", "statements", "claims", "flags", "claims_fts", "migrations"} <= tables
        (journal,) = conn.execute("PRAGMA journal_mode").fetchone()
        assert journal == "wal"
        shipped = list((Path(__file__).parents[2] / "claimwatch/storage/migrations").glob("*.sql"))
        assert conn.execute("SELECT COUNT(*) FROM migrations").fetchone()[0] == len(shipped) >= 4


async def test_not_a_database_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        await Store.open(junk)


async def _claim(store: Store, text: str, key: list[str]) -> int:
    async with store.transaction():
        article = await store.add_article(
            source="t",
            url=None,
            published="2024-10-22T00:00:00+00:00",
            lang="id",
            content_hash=text,
            text=text,
        )
        return await store.add_claim(
            text=text,
            key=key,
            lang="id",
            by_name="X",
            by_who="x",
            actors=["x"],
            figures=[],
            article_id=article,
            first_seen="2024-10-22T00:00:00+00:00",
        )


async def test_failed_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError):
        async with store.transaction():
            await store.add_article(
                source="t", url="u", published="2024-10-22", lang="id", content_hash="h", text="x"
            )
            raise RuntimeError("boom")
    assert (await store.counts())["articles"] == 0


async def test_document_frequencies_follow_new_claims(store: Store) -> None:
    await _claim(store, "a", ["x", "y"])
    await _claim(store, "b", ["x", "x", "z"])
    async with store.transaction():
        await store.bulk_add_claims([("c", ["x", "z"], "id", "X")], article_id=1)
    assert await store.document_frequencies(["x", "y", "z"]) == {"x": 3, "y": 1, "z": 2}


async def test_candidate_keys_rank_by_rare_tokens_and_quote_them(store: Store) -> None:
    wanted = await _claim(store, "troops", ["a_korea_utara", "c_send", "c_troops", "kursk"])
    for i in range(30):
        await _claim(store, f"other {i}", ["a_korea_utara", "c_launch", f"w{i}"])
    await _claim(store, "odd", ["or", 'say"x', "near"])
    # Candidates hold two of the query's rarest tokens: the 30 claims that share only
    # a_korea_utara could never score, and are not read.
    found = await store.candidate_keys(["a_korea_utara", "kursk", "c_troops"])
    assert found == [(wanted, ["a_korea_utara", "c_send", "c_troops", "kursk"])]
    two = await store.candidate_keys(["a_korea_utara", "c_launch", "w7", "w8"], limit=3)
    assert len(two) == 3
    assert two[0][1] in (["a_korea_utara", "c_launch", "w7"], ["a_korea_utara", "c_launch", "w8"])
    assert [k for _, k in await store.candidate_keys(['say"x', "OR"])] == [["or", 'say"x', "near"]]
    assert await store.candidate_keys(["never-seen"]) == []
