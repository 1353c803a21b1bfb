"""`claimwatch run` delivering while other processes write the same database.

The bot reads and writes its outbox while `claimwatch ingest` processes commit articles
beside it, as a newsroom's cron and the bot do in production. Nothing may be sent twice,
nothing may stay half-sent, and no write may give up with "database is locked". (A lock
held past the busy timeout is tested in process: tests/bot/test_delivery.py.)
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import subprocess
from collections import Counter
from pathlib import Path

from claimwatch.matchers.lexicon import seed_text

from .conftest import BotProcess, claimwatch_command
from .emulator import Emulator
from .flags import raise_flags, setup_chats

WRITERS = 4
ARTICLES_PER_WRITER = 25
CHATS = 50
ALERTS = 500


def _articles(folder: Path, count: int, rng: random.Random) -> None:
    """Seed-article variants: each a new article (other figures), each a real ingest."""
    folder.mkdir()
    seed = seed_text("seed_article_id.txt")
    for n in range(count):
        figure = f"{rng.randint(2, 99)}.{rng.randint(100, 999)}"
        (folder / f"a{n:03}.txt").write_text(seed.replace("1.500", figure), encoding="utf-8")


def _logs(tmp_path: Path) -> str:
    return "\n".join(p.read_text()[-1500:] for p in sorted(tmp_path.glob("writer*.log")))


def test_no_duplicate_or_stuck_alert_while_four_ingests_write(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str], tmp_path: Path
) -> None:
    db = bot_env["CLAIMWATCH_DB"]
    chats = {8000 + i: f"load-{i}" for i in range(CHATS)}
    for chat_id in chats:
        emulator.add_chat(chat_id, chat_type="private")
    asyncio.run(setup_chats(db, chats))
    rng = random.Random(7)
    writers = []
    for w in range(WRITERS):
        folder = tmp_path / f"writer{w}"
        _articles(folder, ARTICLES_PER_WRITER, rng)
        with (tmp_path / f"writer{w}.log").open("wb") as log:
            writers.append(
                subprocess.Popen(
                    [*claimwatch_command(), "ingest", "--source", f"w{w}", str(folder)],
                    env=bot_env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
    try:
        # Alerts arrive in batches while the writers commit, as feeds and pastes do.
        actors = list(chats.values())
        per_batch = ALERTS // 10
        for batch in range(10):
            plan = [(actors[i % CHATS], batch) for i in range(per_batch)]
            asyncio.run(raise_flags(db, plan))
        for proc in writers:
            assert proc.wait(timeout=300) == 0, _logs(tmp_path)
        emulator.wait_for(
            lambda s: len([m for m in s if m.chat_id in chats]) >= ALERTS,
            timeout=180,
            method="sendMessage",
        )
    finally:
        for proc in writers:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    bot.stop()
    sent = [m for m in emulator.sent(method="sendMessage") if m.chat_id in chats]
    repeated = [k for k, n in Counter((m.chat_id, m.text) for m in sent).items() if n > 1]
    assert not repeated, f"{len(repeated)} alerts sent twice"
    assert len(sent) == ALERTS
    with sqlite3.connect(db) as conn:
        states = dict(
            conn.execute(
                "SELECT state, COUNT(*) FROM outbox WHERE chat_id BETWEEN ? AND ? GROUP BY state",
                (min(chats), max(chats)),
            )
        )
    assert states == {"sent": ALERTS}, states
    assert "database is locked" not in bot.output(), bot.output()[-3000:]
