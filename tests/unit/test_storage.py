"""The storage room on real SQLite files."""

import asyncio
import random
import sqlite3
from pathlib import Path

import pytest
from stored_claims import add_claim_row

from claimwatch.errors import StoreError
from claimwatch.matchers.similarity import MATCH_THRESHOLD, score
from claimwatch.storage import open_database
from claimwatch.storage.api import Database
from claimwatch.storage.prefix import PREFIX_CAP, PREFIX_MAX_KEY, overlap_needed, prefix_reach


async def test_blank_database_migrates_once(db_path: Path) -> None:
    store = await open_database(db_path)
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
        await open_database(junk)


async def test_an_in_memory_copy_is_migrated_and_independent() -> None:
    """eval cases opens one blank database per case by copying a migrated one."""
    template = await open_database(":memory:")
    opened = [template]
    try:
        first = await template.copy_in_memory()
        opened.append(first)
        second = await template.copy_in_memory()
        opened.append(second)
        assert await first.migrate() == []  # the migrations came with the copy
        wanted = await _claim(first, "troops", ["a_korea_utara", "c_send", "c_troops"])
        # FTS5, its triggers and the prefix reach table came too: the claim is found
        found = await first.claims.match_candidates(["a_korea_utara", "c_send", "c_troops"])
        assert [claim_id for claim_id, _ in found] == [wanted]
        assert (await first.claims.counts())["claims"] == 1
        assert (await second.claims.counts())["claims"] == 0  # nothing shared between copies
        assert (await template.claims.counts())["claims"] == 0
        with pytest.raises(sqlite3.IntegrityError):  # foreign keys hold in the copy
            async with first.transaction():
                await first.claims.add_flag(
                    kind="denial",
                    claim_id=999,
                    statement_id=999,
                    article_id=999,
                    by_name="X",
                    by_who="x",
                    score=1.0,
                    published="2024-10-22",
                )
    finally:
        for store in opened:
            await store.close()


async def _claim(store: Database, text: str, key: list[str]) -> int:
    async with store.transaction():
        return await add_claim_row(store, key, text)


async def test_reads_wait_for_no_writer_and_see_only_what_is_committed(db_path: Path) -> None:
    store = await open_database(db_path)
    other = await open_database(db_path)  # another process on the same file
    try:
        async with store.transaction():
            await add_claim_row(store, ["alpha", "beta"], "inside")
            # another task reads while the transaction is open: it sees the committed state
            seen = await asyncio.create_task(store.claims.counts())
            assert seen["claims"] == 0
            assert (await store.claims.counts())["claims"] == 1  # this task sees its own writes
        # a read left open across an await does not make the next writer fail at once
        async with store.conn.execute("SELECT id FROM claims") as cursor:
            await cursor.fetchone()
            async with other.transaction():
                await add_claim_row(other, ["gamma", "delta"], "other")
            async with store.transaction(), store.transaction():  # a nested one joins
                await add_claim_row(store, ["eps", "zeta"], "again")
        assert (await other.claims.counts())["claims"] == 3
    finally:
        await other.close()
        await store.close()


async def test_a_transaction_cancelled_while_it_waits_for_the_lock_leaves_none_open(
    db_path: Path,
) -> None:
    store = await open_database(db_path)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")  # another process writing

        async def write() -> None:
            async with store.transaction():
                await add_claim_row(store, ["never", "written"], "cancelled")

        task = asyncio.create_task(write())
        # Once the task holds the write turn its BEGIN is under way (nothing is awaited
        # between taking the turn and handing BEGIN to aiosqlite's thread), and it cannot
        # go through before the blocker commits (it waits out the busy timeout, 10 s):
        # the cancellation always arrives first, whatever the machine's load, and the
        # transaction must still see the BEGIN through and roll it back.
        async with asyncio.timeout(10):
            while not store.writing:  # noqa: ASYNC110 (a lock's state sends no event)
                await asyncio.sleep(0)  # one turn of the loop
        task.cancel()
        blocker.execute("COMMIT")  # the BEGIN goes through on aiosqlite's thread anyway
        with pytest.raises(asyncio.CancelledError):
            await task
        # no transaction was left open: the lock is free and the store writes again
        blocker.execute("BEGIN IMMEDIATE")
        blocker.execute("ROLLBACK")
        await _claim(store, "after", ["after", "cancel"])
        assert (await store.claims.counts())["claims"] == 1
    finally:
        blocker.close()
        await store.close()


async def test_failed_transaction_leaves_nothing(store: Database) -> None:
    with pytest.raises(RuntimeError):
        async with store.transaction():
            await store.claims.add_article(
                source="t", url="u", published="2024-10-22", lang="id", content_hash="h", text="x"
            )
            raise RuntimeError("boom")
    assert (await store.claims.counts())["articles"] == 0


async def test_document_frequencies_follow_new_claims(store: Database) -> None:
    await _claim(store, "a", ["x", "y"])
    await _claim(store, "b", ["x", "x", "z"])
    async with store.transaction():
        await store.claims.bulk_add([("c", ["x", "z"], "id", "X")], article_id=1)
    assert await store.claims.document_frequencies(["x", "y", "z"]) == {"x": 3, "y": 1, "z": 2}


async def test_candidate_keys_rank_by_rare_tokens_and_quote_them(store: Database) -> None:
    wanted = await _claim(store, "troops", ["a_korea_utara", "c_send", "c_troops", "kursk"])
    for i in range(30):
        await _claim(store, f"other {i}", ["a_korea_utara", "c_launch", f"w{i}"])
    await _claim(store, "odd", ["or", 'say"x', "near"])
    # Candidates hold two of the query's rarest tokens: the 30 claims that share only
    # a_korea_utara could never score, and are not read.
    found = await store.claims.candidate_keys(["a_korea_utara", "kursk", "c_troops"])
    assert found == [(wanted, ["a_korea_utara", "c_send", "c_troops", "kursk"])]
    two = await store.claims.candidate_keys(["a_korea_utara", "c_launch", "w7", "w8"], limit=3)
    assert len(two) == 3
    assert two[0][1] in (["a_korea_utara", "c_launch", "w7"], ["a_korea_utara", "c_launch", "w8"])
    assert [k for _, k in await store.claims.candidate_keys(['say"x', "OR"])] == [
        ["or", 'say"x', "near"]
    ]
    assert await store.claims.candidate_keys(["never-seen"]) == []


async def test_prefix_reach_table_follows_the_scorer(db_path: Path) -> None:
    # Migration 0005 computes the reach in SQL; it must agree with the threshold and score
    # formula of matchers.similarity (a change there needs a migration rebuilding the index).
    store = await open_database(db_path)
    await store.close()
    with sqlite3.connect(db_path) as conn:
        table = {(n, r): tag for n, r, tag in conn.execute("SELECT * FROM claims_prefix_reach")}
    derived = {
        (n, r): f"{PREFIX_CAP - prefix_reach(r, n):02d}"
        for n in range(1, PREFIX_MAX_KEY + 1)
        for r in range(1, n + 1)
        if prefix_reach(r, n) >= 2
    }
    assert table == derived
    assert (
        overlap_needed(10, 10) == 5 and overlap_needed(8, 4) == 3 and overlap_needed(2, 20) is None
    )


async def test_match_candidates_hold_every_claim_that_can_score(store: Database) -> None:
    store.MEMORY_INDEX_AFTER = 10**9  # FTS5 throughout (tests/unit/test_prefix_memory.py)
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(40)] + ["a_china", "a_rusia", 'say"x', "ünï", "c_troops"]
    weights = [1 / (i + 2) for i in range(len(vocab))]
    keys = [
        list(dict.fromkeys(rng.choices(vocab, weights, k=rng.randint(2, 14)))) for _ in range(150)
    ]
    ids = [await _claim(store, f"c{i}", k) for i, k in enumerate(keys[:100])]
    async with store.transaction():  # the first claims of a bulk load have no frequencies
        await store.claims.bulk_add(
            [(f"b{i}", k, "id", "X") for i, k in enumerate(keys[100:])], article_id=1
        )
    ids += list(range(ids[-1] + 1, ids[-1] + 51))
    queries = [
        list(dict.fromkeys(rng.choices(vocab, weights, k=rng.randint(2, 12)))) for _ in range(80)
    ]
    should = [
        {cid for cid, k in zip(ids, keys, strict=True) if score(q, k) >= MATCH_THRESHOLD}
        for q in queries
    ]
    assert sum(map(len, should)) > 20  # the test exercises matches, not only misses
    for rebuilt in (False, True):  # any ranking of a claim's tokens finds every match
        if rebuilt:
            await store.claims.rebuild_prefix_index()
        batch = await store.claims.match_candidates_many(queries)
        for query, found, wanted in zip(queries, batch, should, strict=True):
            assert found == await store.claims.match_candidates(query)
            assert wanted <= {cid for cid, _ in found}, query
    assert await store.claims.match_candidates(["w0"]) == []


async def test_prefix_index_follows_deleted_and_changed_claims(store: Database) -> None:
    first = await _claim(store, "a", ["kursk", "c_troops", 'say"x'])
    second = await _claim(store, "b", ["kursk", "c_troops", "ünï"])
    async with store.transaction():
        await store.execute("UPDATE claims SET key = 'pyongyang c_launch' WHERE id = ?", (first,))
        await store.execute("DELETE FROM claim_actors WHERE claim_id = ?", (second,))
        await store.execute("DELETE FROM claims WHERE id = ?", (second,))
    assert await store.claims.match_candidates(["kursk", "c_troops"]) == []
    assert await store.claims.match_candidates(["pyongyang", "c_launch"]) == [
        (first, ["pyongyang", "c_launch"])
    ]


async def test_match_candidates_of_a_very_long_statement(store: Database) -> None:
    # More ranges than one compound SELECT holds (a pasted text) takes the json_each query;
    # a key of more than 64 tokens lists all of them.
    long_key = [f"k{i}" for i in range(70)]
    wanted = await _claim(store, "a", long_key)
    await _claim(store, "b", ["k0", "w0", "w1"])
    query = long_key + [f"x{i}" for i in range(400)]
    assert score(query, long_key) >= MATCH_THRESHOLD
    assert [cid for cid, _ in await store.claims.match_candidates(query)] == [wanted]
