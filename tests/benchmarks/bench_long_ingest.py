"""Benchmark: how long a long article holds the database's write lock, and how ingest
time grows with the number of answerers in one article.

    python tests/benchmarks/bench_long_ingest.py [--chars 1000000] [--json]
    python tests/benchmarks/bench_long_ingest.py --growth [--sizes 400,800,1600,3200]

A long article (seed-article variants with other figures and days, the length the input
limit allows by default) is ingested into a fresh file database that already holds the
seed article's claims, while a second connection in a thread writes one small row every
50 ms, as the bot's outbox marks and another `claimwatch ingest` do. Printed: the time to
read the article (sentences, speakers, stances, keys: no lock held), the time inside the
write transaction, and the longest and median wait of the other writer.

``--growth``: articles of invented text with N sentences, one answerer each (ROADMAP issue
10, item 2: passes that compared every pair of answerers or of figure versions):
``officials`` (N officials, each of another office, each denying one of N claims an earlier
article stored), ``answerers-id`` and ``answerers-en`` (N claims with counts told in the
article itself, each answered by another source with another count: the figure pass holds
N versions). Printed: seconds to ingest each article (the earlier article excluded).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
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


_SYLLABLES = "ka ru me sa to li pa no wi de ga bu ri so ta ne mo ha ju le".split()
_FIELDS_ID = (
    "Perhubungan Pertanian Kesehatan Pendidikan Perikanan Kehutanan Pariwisata Sosial "
    "Koperasi Perdagangan Perindustrian Kebudayaan"
).split()
_FIELDS_EN = (
    "Transport Farming Health Schools Fisheries Forestry Tourism Welfare Housing Trade "
    "Industry Culture"
).split()
_THINGS_ID = "rumah sekolah jembatan kios perahu sumur".split()
_THINGS_EN = "houses schools bridges stalls boats wells".split()


def _word(n: int, parts: int) -> str:
    """An invented word, different for each ``n`` below 20 ** parts."""
    out = []
    for _ in range(parts):
        n, r = divmod(n, len(_SYLLABLES))
        out.append(_SYLLABLES[r])
    return "".join(out).capitalize()


def _person(i: int) -> str:
    return f"{_word(i * 3 + 1, 2)} {_word(i * 7 + 3, 4)}"


def _place(i: int) -> str:
    return _word(i * 13 + 5, 4)


def growth_articles(kind: str, n: int) -> tuple[str, str]:
    """(the earlier article, the long one) of ``kind`` with ``n`` answerers (see module
    docstring): invented names, places and figures."""
    before, lines = [f"Laporan kerusakan di {n} desa"], [f"Para pejabat membantah {n} laporan"]
    if kind == "officials":
        for i in range(n):
            thing = _THINGS_ID[i % len(_THINGS_ID)]
            before.append(
                f"Warga {_place(i)} mengatakan {100 + i} {thing} di desa {_place(i)} rusak "
                f"akibat banjir."
            )
            field = _FIELDS_ID[i % len(_FIELDS_ID)]
            lines.append(
                f"Kepala Dinas {field} Kabupaten {_place(i)}, {_person(i)}, membantah bahwa "
                f"{100 + i} {thing} di desa {_place(i)} rusak akibat banjir."
            )
    elif kind == "answerers-id":
        before, lines = [], [f"Hitungan pengunjung {n} festival dibantah"]
        for i in range(n):
            thing = _THINGS_ID[i % len(_THINGS_ID)]
            field = _FIELDS_ID[i % len(_FIELDS_ID)]
            lines.append(
                f"Panitia festival {_place(i)} mengklaim {1000 + 10 * i} pengunjung datang "
                f"melihat {thing} hias."
            )
            lines.append(
                f"Namun Kepala Dinas {field} {_place(i)}, {_person(i)}, mengatakan hanya "
                f"{200 + i} pengunjung yang datang ke festival {_place(i)}."
            )
    elif kind == "answerers-en":
        before = []
        lines = [f"Officials dispute {n} festival counts"]
        for i in range(n):
            thing = _THINGS_EN[i % len(_THINGS_EN)]
            field = _FIELDS_EN[i % len(_FIELDS_EN)]
            lines.append(
                f"The {_place(i)} festival organisers said {1000 + 10 * i:,} visitors came "
                f"to see the painted {thing}."
            )
            lines.append(
                f"But {_place(i)} {field} Office head {_person(i)} said only {200 + i} "
                f"visitors came to the {_place(i)} festival."
            )
    else:
        raise ValueError(kind)
    return "\n".join(before), "\n".join(lines)


async def growth(kind: str, n: int, profile: str | None = None) -> dict[str, float]:
    """Seconds to ingest the long article of ``kind`` with ``n`` answerers."""
    earlier, text = growth_articles(kind, n)
    store = await SQLiteDatabase.open(":memory:")
    if earlier:
        await ingest(store, earlier, published="2024-10-21")
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    result = await ingest(store, text, published="2024-10-22")
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    seconds = time.perf_counter() - started
    await store.close()
    return {"kind": kind, "n": n, "flags": len(result.flags), "ingest_s": round(seconds, 2)}


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
    parser.add_argument("--growth", action="store_true", help="seconds per N answerers")
    parser.add_argument("--sizes", default="400,800,1600,3200")
    parser.add_argument("--kinds", default="officials,answerers-id,answerers-en")
    parser.add_argument("--profile", help="write cProfile stats of each run to PREFIX-KIND-N")
    args = parser.parse_args()
    if args.growth:
        rows = []
        for kind in args.kinds.split(","):
            for n in [int(x) for x in args.sizes.split(",")]:
                prof = f"{args.profile}-{kind}-{n}" if args.profile else None
                row = asyncio.run(growth(kind, n, prof))
                rows.append(row)
                print(f"{kind:>14} N={n:>5}: {row['ingest_s']:7.2f} s  flags {row['flags']}")
        if args.json:
            print(json.dumps(rows))
        return
    figures = asyncio.run(run(args.chars))
    for name, value in figures.items():
        print(f"{name:>30}: {value}")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
