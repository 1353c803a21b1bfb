"""The prefix index's copy in memory finds what FTS5 finds, and follows the database.

Each test opens two stores on one SQLite file: ``mem`` reads the copy in memory, ``disk``
never loads one (its look-ups are the FTS5 reference), as a second process would.
"""

import asyncio
import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from stored_claims import add_claim_row

from claimwatch.engine.matching import find_matches
from claimwatch.errors import StoreError
from claimwatch.matchers.similarity import MATCH_THRESHOLD, score
from claimwatch.storage import open_database
from claimwatch.storage.api import Database

VOCAB = [f"w{i}" for i in range(60)] + ["a_china", "a_rusia", 'say"x', "ünï", "c_troops"]
WEIGHTS = [1 / (i + 2) for i in range(len(VOCAB))]


def _keys(rng: random.Random, n: int, low: int = 2, high: int = 14) -> list[list[str]]:
    return [
        list(dict.fromkeys(rng.choices(VOCAB, WEIGHTS, k=rng.randint(low, high)))) for _ in range(n)
    ]


@pytest.fixture
async def pair(db_path: Path) -> AsyncIterator[tuple[Database, Database]]:
    mem = await open_database(db_path)
    disk = await open_database(db_path)
    disk.MEMORY_INDEX_AFTER = 10**9
    rng = random.Random(11)
    async with mem.transaction():
        for i, key in enumerate(_keys(rng, 120)):
            await add_claim_row(mem, key, f"c{i}")
        await mem.claims.bulk_add(
            [(f"b{i}", k, "id", "X") for i, k in enumerate(_keys(rng, 300))], article_id=1
        )
    await mem.load_memory_index()
    yield mem, disk
    await mem.close()
    await disk.close()


async def _same_matches(mem: Database, disk: Database, queries: list[list[str]]) -> None:
    """The copy returns FTS5's candidates less those too short of shared tokens, and every
    claim that scores: the same matches."""
    got = await mem.claims.match_candidates_many(queries)
    want = await disk.claims.match_candidates_many(queries)
    for query, mine, theirs in zip(queries, got, want, strict=True):
        assert {(cid, tuple(k)) for cid, k in mine} <= {(cid, tuple(k)) for cid, k in theirs}
        scored = {cid for cid, key in theirs if score(query, key) >= MATCH_THRESHOLD}
        assert scored <= {cid for cid, _ in mine}, query
        assert await find_matches(mem, query) == await find_matches(disk, query)


async def test_the_copy_finds_every_match_fts5_finds(pair: tuple[Database, Database]) -> None:
    mem, disk = pair
    queries = _keys(random.Random(5), 200, high=12)
    assert mem.memory_index is not None and disk.memory_index is None
    assert mem.memory_index.postings > 1000
    matched = [await find_matches(disk, q) for q in queries]
    assert sum(map(len, matched)) > 50  # the queries do match claims
    await _same_matches(mem, disk, queries)
    assert await mem.claims.match_candidates(["w0"]) == []


async def test_the_copy_sees_its_transaction_and_other_processes(
    pair: tuple[Database, Database],
) -> None:
    mem, disk = pair
    mine, theirs = ["zeta", "c_troops", "kursk"], ["omega", "a_china", "c_launch"]
    async with mem.transaction():
        new = await add_claim_row(mem, mine, "mine")
        assert (new, mine) in await mem.claims.match_candidates(mine)  # not yet committed
    async with disk.transaction():
        other = await add_claim_row(disk, theirs, "theirs")
    assert await mem.claims.match_candidates(theirs) == [(other, theirs)]
    await _same_matches(mem, disk, [*_keys(random.Random(6), 100), mine, theirs])


async def test_a_rolled_back_claim_hides_nothing(pair: tuple[Database, Database]) -> None:
    mem, disk = pair
    gone, kept = ["alpha", "beta", "gamma"], ["delta", "epsilon", "c_troops"]
    with pytest.raises(RuntimeError):
        async with mem.transaction():
            first = await add_claim_row(mem, gone, "gone")
            assert await mem.claims.match_candidates(gone) == [(first, gone)]
            raise RuntimeError("the article failed")
    assert await mem.claims.match_candidates(gone) == await disk.claims.match_candidates(gone) == []
    async with mem.transaction():
        again = await add_claim_row(mem, kept, "kept")
    assert again == first  # SQLite hands the id out again
    assert await mem.claims.match_candidates(kept) == [(again, kept)]
    assert await find_matches(mem, gone) == await find_matches(disk, gone) == []
    assert await find_matches(mem, kept) == await find_matches(disk, kept)


async def test_a_changed_key_makes_the_copy_load_again(pair: tuple[Database, Database]) -> None:
    mem, disk = pair
    async with mem.transaction():
        claim = await add_claim_row(mem, ["kursk", "c_troops", "w1"], "a")
    assert await mem.claims.match_candidates(["kursk", "c_troops"]) == [
        (claim, ["kursk", "c_troops", "w1"])
    ]
    async with disk.transaction():  # the engine never does this; a repair script might
        await disk.execute("UPDATE claims SET key = 'pyongyang c_launch' WHERE id = ?", (claim,))
    assert await mem.claims.match_candidates(["kursk", "c_troops"]) == []
    assert await mem.claims.match_candidates(["pyongyang", "c_launch"]) == [
        (claim, ["pyongyang", "c_launch"])
    ]
    copy = await mem.load_memory_index()  # loaded again, with the new key
    assert copy is mem.memory_index
    assert await mem.claims.match_candidates(["pyongyang", "c_launch"]) == [
        (claim, ["pyongyang", "c_launch"])
    ]


async def test_a_busy_store_loads_the_copy_by_itself(db_path: Path) -> None:
    store = await open_database(db_path)
    try:
        store.MEMORY_INDEX_AFTER = 5
        key = ["kursk", "c_troops"]
        async with store.transaction():
            claim = await add_claim_row(store, key, "a")
        for _ in range(4):
            assert await store.claims.match_candidates(key) == [(claim, key)]
        assert store.memory_index is None
        await store.claims.match_candidates(key)  # the fifth starts the load in the background
        for _ in range(100):
            if store.memory_index is not None:
                break
            await asyncio.sleep(0.05)
        assert store.memory_index is not None
        assert await store.claims.match_candidates(key) == [(claim, key)]
    finally:
        await store.close()


async def test_an_in_memory_database_keeps_to_fts5() -> None:
    store = await open_database(":memory:")
    try:
        store.MEMORY_INDEX_AFTER = 1
        await store.claims.match_candidates(["kursk", "c_troops"])
        assert store.memory_index is None
        with pytest.raises(StoreError):
            await store.load_memory_index()
    finally:
        await store.close()


async def test_the_copy_matches_a_very_long_statement(pair: tuple[Database, Database]) -> None:
    mem, disk = pair
    long_key = [f"k{i}" for i in range(150)]  # past the tables the copy starts with
    async with mem.transaction():
        wanted = await add_claim_row(mem, long_key, "long")
    query = long_key + [f"x{i}" for i in range(400)]
    assert [cid for cid, _ in await mem.claims.match_candidates(query)] == [wanted]
    assert await find_matches(mem, query) == await find_matches(disk, query) != []
