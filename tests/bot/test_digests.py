"""Scheduled digests in process: the job queue runs, and a restart is a new application on
the same database (what the schedule is restored from), as ``claimwatch run`` restarted."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from e2e.emulator import Emulator

from claimwatch.engine.pipeline import ingest
from claimwatch.matchers.lexicon import seed_text
from claimwatch.storage import open_database

from .conftest import Harness, running_bot, until

BEN = 5002  # a private chat, English
JAKARTA = ZoneInfo("Asia/Jakarta")  # the bot's CLAIMWATCH_TZ
DIGEST_HEAD = re.compile(r"^(Digest|Ringkasan) (\d{4}-\d\d-\d\d|…) – ")
LEAD = 2.0  # seconds from a /digest to its slot: the whole second it names is still ahead


def _slot(seconds_ahead: float) -> datetime:
    """A slot time a few seconds ahead, to the second, in the bot's zone."""
    moment = datetime.now(JAKARTA) + timedelta(seconds=seconds_ahead)
    return moment.replace(microsecond=0)


def _digests(harness: Harness) -> list[str]:
    return [t for t in harness.texts(BEN) if DIGEST_HEAD.match(t)]


async def _schedule(harness: Harness, extra: str = "") -> datetime:
    slot = _slot(LEAD)
    answer = await harness.ask(BEN, f"/digest daily {slot:%H:%M:%S}{extra}", language_code="en")
    assert any("Digest every day" in (a.plain_text or "") for a in answer), answer
    return slot


async def test_a_digest_arrives_once_and_survives_restarts(
    bot_env: dict[str, str], emulator: Emulator
) -> None:
    async with running_bot(bot_env, emulator, jobs=True) as bot:
        await bot.say(BEN, "/start", language_code="en")
        await bot.ask(BEN, "/subscribe North Korea", language_code="en")
        store = await open_database(bot.db)
        try:
            await ingest(store, seed_text("seed_article_id.txt"), source="seed")
        finally:
            await store.close()
        bot.services.wake()
        await until(lambda: len(bot.texts(BEN)) > 2, what="the alerts")
        await bot.delivered()

        # a digest a few seconds ahead arrives, once
        await _schedule(bot)
        await until(lambda: _digests(bot), within=15, what="the digest")
        digest = _digests(bot)[0]
        assert "Korea Utara" in digest and "denial" in digest.lower()
        await bot.delivered()
        assert len(_digests(bot)) == 1
        jobs = bot.app.job_queue.get_jobs_by_name(f"digest:{BEN}")  # type: ignore[union-attr]
        assert [j.next_t > datetime.now(JAKARTA) + timedelta(hours=23) for j in jobs] == [True]

        # the schedule is restored after a restart: the next slot fires from the restored job
        await _schedule(bot, " always")
    async with running_bot(bot_env, emulator, jobs=True) as bot:
        await until(lambda: len(_digests(bot)) == 2, within=15, what="the restored job's digest")

        # a slot that passes while the bot is down is sent once when it comes back
        slot = await _schedule(bot, " always")
    await until(lambda: datetime.now(JAKARTA) > slot + timedelta(seconds=1), what="the slot")
    async with running_bot(bot_env, emulator, jobs=True) as bot:
        await until(lambda: len(_digests(bot)) == 3, within=10, what="the missed digest")
    async with running_bot(bot_env, emulator, jobs=True) as bot:
        await bot.delivered()
        assert len(_digests(bot)) == 3
    assert not [r for r in emulator.rejected() if r.error_code == 400]
