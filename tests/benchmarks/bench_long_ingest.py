"""Benchmark: how long a long article holds the database's write lock.

    python tests/benchmarks/bench_long_ingest.py [--chars 1000000] [--json]

A long article (seed-article variants with other figures and days, the length the input
limit allows by default) is ingested into a fresh file database that already holds the
seed article's claims, while a second connection in a thread writes one small row every
50 ms, as the bot's outbox marks and another `claimwatch ingest` do. Printed: the time to
read the article (sentences, speakers, stances, keys: no lock held), the time inside the
write transaction, and the longest and median wait of the other writer.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import statistics
import tempfile
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from claimwatch.engine.pipeline import _read, ingest
from claimwatch.matchers.lexicon import seed_text
from claimwatch.matchers.statements import StatementReader
from claimwatch.storage.api import Database
from claimwatch.storage.database import SQLiteDatabase


def long_article(chars: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    base = seed_text("seed_article_id.txt")
    blocks, size = [], 0
    while size < chars:
        block = base.replace("1.500", f"{rng.randint(2, 99)}.{rng.randint(100, 999)}")
        block = block.replace("Senin", rng.choice(["Senin", "Selasa", "Rabu", "Kamis"]))
        blocks.append(block)
        size += len(block) + 1
    return "\n".join(blocks)[:chars]


class TimedStore(SQLiteDatabase):
    """A store that records how long each write transaction held the lock."""

    held: list[float]

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Database]:
        started = time.perf_counter()
        async with super().transaction() as tx:
            yield tx
        self.held.append(time.perf_counter() - started)


def other_writer(path: str, stop: threading.Event, waits: list[float]) -> None:
    conn = sqlite3.connect(path, isolation_level=None, timeout=120)
    conn.execute("CREATE TABLE IF NOT EXISTS bench_marks (at REAL)")
    while not stop.is_set():
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO bench_marks VALUES (?)", (started,))
        conn.execute("COMMIT")
        waits.append(time.perf_counter() - started)
        time.sleep(0.05)
    conn.close()


async def run(chars: int) -> dict[str, float]:
    text = long_article(chars)
    reader = StatementReader()
    started = time.perf_counter()
    statements = _read(reader, text, None).statements
    read_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "bench.db")
        store = await TimedStore.open(path)
        store.held = []
        await ingest(store, seed_text("seed_article_id.txt"), published="2024-10-21")
        stop, waits = threading.Event(), []
        thread = threading.Thread(target=other_writer, args=(path, stop, waits))
        thread.start()
        await asyncio.sleep(0.3)
        started = time.perf_counter()
        result = await ingest(store, text, published="2024-10-22", reader=reader)
        total_s = time.perf_counter() - started
        await asyncio.sleep(0.3)
        stop.set()
        thread.join()
        await store.close()
    return {
        "chars": len(text),
        "statements": len(statements),
        "flags": len(result.flags),
        "read_s": round(read_s, 2),
        "ingest_s": round(total_s, 2),
        "transaction_s": round(store.held[-1], 2),
        "other_writer_max_wait_s": round(max(waits), 2),
        "other_writer_median_wait_ms": round(statistics.median(waits) * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = asyncio.run(run(args.chars))
    for name, value in figures.items():
        print(f"{name:>30}: {value}")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
