"""`claimwatch run` end to end: a fake user talks to the bot through the Bot API emulator.

Each test starts the emulator on 127.0.0.1 and the bot as a child process (long polling);
`claimwatch ingest` runs as a second process on the same database, as in production.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from claimwatch.matchers.lexicon import seed_text
from claimwatch.storage.chats import BotStore
from claimwatch.storage.db import NewStatement

from .conftest import CHAT_RATE, BotProcess, run_cli
from .emulator import Emulator, Sent

ANA = 5001  # a private chat (chat id == user id), Indonesian
BEN = 5002  # a private chat, English
DESK = -1001234567890  # a newsroom supergroup
ADMIN, MEMBER = 7001, 7002
HOSTILE = (
    '<script>alert("x")</script> & <b>not bold</b> &amp;amp; שלום عالم 🇮🇩👍🏽 '
    "Pyongyang membantah mengirim tentara ke Rusia. "
)


def _texts(sent: list[Sent]) -> list[str]:
    return [s.plain_text or s.text or "" for s in sent if s.method == "sendMessage"]


def _alerts(emulator: Emulator, chat_id: int) -> list[Sent]:
    """Alert messages: those with the Timeline button."""
    return [
        s
        for s in emulator.sent(chat_id, "sendMessage")
        if s.reply_markup
        and "tl:" in json.dumps(s.reply_markup)
        and "mu:" in json.dumps(s.reply_markup)
    ]


def _buttons(sent: Sent) -> list[str]:
    rows = (sent.reply_markup or {}).get("inline_keyboard", [])
    return [b.get("callback_data", "") for row in rows for b in row]


def _no_refusals(emulator: Emulator) -> None:
    bad = [r for r in emulator.rejected() if r.error_code == 400]
    assert not bad, bad


def _subscribe(emulator: Emulator, chat_id: int, topic: str, lang: str = "id") -> str:
    before = len(emulator.sent(chat_id, "sendMessage"))
    emulator.user_message(chat_id, f"/subscribe {topic}", language_code=lang)
    sent = emulator.wait_for(lambda s: len(s) > before, chat_id=chat_id, method="sendMessage")
    return _texts(sent)[-1]


def test_start_subscribe_alert_timeline_and_restart(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str], tmp_path: Path
) -> None:
    # 1. /start in Indonesian and in English; /subscribe Pyongyang -> Korea Utara
    emulator.user_message(ANA, "/start", language_code="id")
    emulator.user_message(BEN, "/start", language_code="en")
    ana = emulator.wait_for(lambda s: s, chat_id=ANA, method="sendMessage")
    ben = emulator.wait_for(lambda s: s, chat_id=BEN, method="sendMessage")
    assert "melacak siapa mengklaim" in _texts(ana)[0]
    assert "tracks who claimed what" in _texts(ben)[0]
    assert "Korea Utara" in _subscribe(emulator, ANA, "Pyongyang")
    commands = emulator.commands()
    assert {lang for _, lang in commands} >= {"", "id"}, commands

    # 2. the seed article, ingested by the CLI in another process, raises the alert
    article = tmp_path / "seed.txt"
    article.write_text(seed_text("seed_article_id.txt"), encoding="utf-8")
    out = run_cli(bot_env, "ingest", "--json", "--source", "seed", "--published",
                  "2024-10-22", str(article))  # fmt: skip
    flags = json.loads(out.splitlines()[0])["flags"]
    assert flags
    alerts = emulator.wait_for(
        lambda s: len(_alerts(emulator, ANA)) >= len(flags), timeout=10, chat_id=ANA
    )
    alerts = _alerts(emulator, ANA)
    assert len(alerts) == len(flags)  # one alert per flag, no more
    troop = [a for a in alerts if "1.500" in (a.plain_text or "")]
    assert len(troop) == 1
    text = troop[0].plain_text or ""
    assert "BANTAHAN" in text and "Korea Utara" in text and "Korea Selatan" in text
    troop_claim = next(f["claim_id"] for f in flags if "1.500" in f["claim_text"])
    assert {f"tl:{troop_claim}", f"fo:{troop_claim}"} <= set(_buttons(troop[0]))

    # pressing Timeline shows the claim's timeline
    before = len(emulator.sent(ANA, "sendMessage"))
    emulator.press(ANA, troop[0].message_id or 0, f"tl:{troop_claim}", language_code="id")
    sent = emulator.wait_for(lambda s: len(s) > before, chat_id=ANA, method="sendMessage")
    timeline = _texts(sent)[-1]
    assert f"Klaim #{troop_claim}" in timeline and "Linimasa" in timeline
    assert "membantah" in timeline and "Korea Utara" in timeline

    # restart: nothing is sent twice
    bot.restart(emulator)
    time.sleep(2.0)
    assert len(_alerts(emulator, ANA)) == len(flags)
    _no_refusals(emulator)


def _local_hms(seconds_ahead: float) -> str:
    moment = datetime.now(ZoneInfo("Asia/Jakarta")) + timedelta(seconds=seconds_ahead)
    return moment.strftime("%H:%M:%S")


DIGEST_HEAD = re.compile(r"^(Digest|Ringkasan) (\d{4}-\d\d-\d\d|…) – ")


def _digests(emulator: Emulator, chat_id: int) -> list[str]:
    return [t for t in _texts(emulator.sent(chat_id)) if DIGEST_HEAD.match(t)]


def test_digest_arrives_once_and_survives_restarts(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str], tmp_path: Path
) -> None:
    emulator.user_message(BEN, "/start", language_code="en")
    _subscribe(emulator, BEN, "North Korea", "en")
    article = tmp_path / "seed.txt"
    article.write_text(seed_text("seed_article_id.txt"), encoding="utf-8")
    run_cli(bot_env, "ingest", "--source", "seed", str(article))
    emulator.wait_for(lambda s: _alerts(emulator, BEN), chat_id=BEN)

    # a digest a few seconds ahead arrives, once
    emulator.user_message(BEN, f"/digest daily {_local_hms(4)}", language_code="en")
    emulator.wait_for(lambda s: any("Digest every day" in t for t in _texts(s)), chat_id=BEN)
    emulator.wait_for(lambda s: _digests(emulator, BEN), timeout=12, chat_id=BEN)
    digest = _digests(emulator, BEN)[0]
    assert "Korea Utara" in digest and "denial" in digest.lower()
    time.sleep(1.5)
    assert len(_digests(emulator, BEN)) == 1

    # the schedule is restored after a restart: the next slot fires from the restored job
    emulator.user_message(BEN, f"/digest daily {_local_hms(6)} always", language_code="en")
    emulator.wait_for(lambda s: sum("Digest every day" in t for t in _texts(s)) == 2, chat_id=BEN)
    bot.restart(emulator)
    emulator.wait_for(lambda s: len(_digests(emulator, BEN)) == 2, timeout=15, chat_id=BEN)

    # a slot that passes while the bot is down is sent once when it comes back
    emulator.user_message(BEN, f"/digest daily {_local_hms(3)} always", language_code="en")
    emulator.wait_for(lambda s: sum("Digest every day" in t for t in _texts(s)) == 3, chat_id=BEN)
    bot.stop()
    time.sleep(4)
    bot.start(emulator)
    emulator.wait_for(lambda s: len(_digests(emulator, BEN)) == 3, timeout=10, chat_id=BEN)
    bot.restart(emulator)
    time.sleep(2)
    assert len(_digests(emulator, BEN)) == 3
    _no_refusals(emulator)


async def _raise_flags(db: str, plan: list[tuple[str, int]]) -> None:
    """One synthetic claim and flag per (actor, n): the real storage code, no pipeline."""
    tag = uuid.uuid4().hex
    store = await BotStore.open(db)
    try:
        async with store.transaction():
            for i, (actor, n) in enumerate(plan):
                article = await store.add_article(
                    source="load", url=None, published="2026-11-27T00:00:00+00:00",
                    lang="en", content_hash=f"{tag}-{i}", text=f"article {i}",
                )  # fmt: skip
                claim = await store.add_claim(
                    text=f"Claim {i} about {actor} number {n}", key=[f"k{i}", "load"],
                    lang="en", by_name="Someone", by_who="someone", actors=[actor],
                    figures=[], article_id=article, first_seen="2026-11-27T00:00:00+00:00",
                )  # fmt: skip
                statement = (
                    await store.add_statements(article, [NewStatement(
                        position=0, text=f"{actor} denies claim {i}", content="x", lang="en",
                        speaker=actor, speaker_actor=actor, who=actor, stance="deny",
                        hedged=False, actors=[actor], figures=[],
                    )])
                )[0]  # fmt: skip
                await store.add_flag(
                    kind="denial", claim_id=claim, statement_id=statement, article_id=article,
                    by_name=actor, by_who=actor, score=90.0,
                    published="2026-11-27T00:00:00+00:00",
                )  # fmt: skip
    finally:
        await store.close()


async def _setup_chats(db: str, chats: dict[int, str]) -> None:
    store = await BotStore.open(db)
    try:
        for chat_id, actor in chats.items():
            await store.ensure_chat(chat_id, type_="private", title=None, lang="en")
            await store.add_subscription(chat_id, kind="actor", value=actor, label=actor)
    finally:
        await store.close()


def test_a_busy_chat_does_not_starve_the_others(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str]
) -> None:
    busy, others = 6000, list(range(6001, 6051))
    db = bot_env["CLAIMWATCH_DB"]
    chats = {busy: "busy-actor"} | {c: f"actor-{c}" for c in others}
    for chat_id in chats:
        emulator.add_chat(chat_id, chat_type="private")
    asyncio.run(_setup_chats(db, chats))
    emulator.force_retry_after(busy, 1, count=1)  # Telegram says: wait a second
    plan = [("busy-actor", n) for n in range(200)] + [(f"actor-{c}", 0) for c in others]
    asyncio.run(_raise_flags(db, plan))

    emulator.wait_for(lambda s: len(s) >= 250, timeout=60, method="sendMessage")
    sent = emulator.sent(method="sendMessage")
    assert len(sent) == 250
    per_chat = {c: [s for s in sent if s.chat_id == c] for c in chats}
    assert len(per_chat[busy]) == 200 and all(len(per_chat[c]) == 1 for c in others)
    # the others did not wait behind the busy chat's queue
    last_other = max(per_chat[c][0].at for c in others)
    tenth_busy = per_chat[busy][9].at
    assert last_other < tenth_busy
    # pacing: never faster than the chat's rate, and the 429 was honoured (no other 429s)
    times = [s.at for s in per_chat[busy]]
    window = CHAT_RATE[1]
    for i in range(len(times) - CHAT_RATE[0]):
        assert times[i + CHAT_RATE[0]] - times[i] >= window * 0.95
    too_many = [r for r in emulator.rejected() if r.error_code == 429]
    assert len(too_many) == 1, too_many
    assert all(int(f"{s.chat_id}") in chats for s in sent)
    _no_refusals(emulator)
    # The worker said it waited; the rate limiter's ERROR for the same 429 is gone.
    assert f"outbox: chat {busy} asked to wait" in bot.output()
    assert " ERROR " not in bot.output(), bot.output()[-3000:]


def test_a_chat_that_blocked_the_bot_is_paused(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str]
) -> None:
    db = bot_env["CLAIMWATCH_DB"]
    emulator.add_chat(6100, chat_type="private")
    emulator.add_chat(6101, chat_type="private")
    asyncio.run(_setup_chats(db, {6100: "blocker", 6101: "blocker"}))
    emulator.block(6100)
    asyncio.run(_raise_flags(db, [("blocker", n) for n in range(5)]))
    emulator.wait_for(lambda s: len(s) == 5, timeout=15, chat_id=6101, method="sendMessage")
    time.sleep(1.5)
    refused = [r for r in emulator.rejected() if r.params.get("chat_id") in (6100, "6100")]
    assert len(refused) == 1 and refused[0].error_code == 403
    with sqlite3.connect(db) as conn:
        paused = conn.execute("SELECT paused FROM chats WHERE id = 6100").fetchone()[0]
        held = conn.execute(
            "SELECT COUNT(*) FROM outbox WHERE chat_id = 6100 AND state = 'held'"
        ).fetchone()[0]
    assert paused == "blocked" and held == 5
    # more flags: nothing is even tried for the paused chat
    asyncio.run(_raise_flags(db, [("blocker", n) for n in range(5, 8)]))
    emulator.wait_for(lambda s: len(s) == 8, timeout=15, chat_id=6101, method="sendMessage")
    refused = [r for r in emulator.rejected() if r.params.get("chat_id") in (6100, "6100")]
    assert len(refused) == 1


def test_group_settings_are_for_admins_and_check_is_for_everyone(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str], tmp_path: Path
) -> None:
    article = tmp_path / "seed.txt"
    article.write_text(seed_text("seed_article_id.txt"), encoding="utf-8")
    run_cli(bot_env, "ingest", "--source", "seed", str(article))
    emulator.add_chat(DESK, chat_type="supergroup", title="Meja Redaksi")
    emulator.set_admins(DESK, [ADMIN])
    emulator.user_message(
        DESK, "/subscribe@claimwatch_test_bot korut", user_id=MEMBER, chat_type="supergroup"
    )
    sent = emulator.wait_for(lambda s: s, chat_id=DESK, method="sendMessage")
    assert "administrators" in _texts(sent)[-1]
    with sqlite3.connect(bot_env["CLAIMWATCH_DB"]) as conn:
        assert conn.execute("SELECT COUNT(*) FROM subscriptions").fetchone()[0] == 0
    emulator.user_message(
        DESK, "/check Pyongyang membantah mengirim tentara ke Rusia", user_id=MEMBER,
        chat_type="supergroup",
    )  # fmt: skip
    sent = emulator.wait_for(lambda s: len(s) >= 2, chat_id=DESK, method="sendMessage")
    assert "1.500" in _texts(sent)[-1]
    emulator.user_message(DESK, "/subscribe korut", user_id=ADMIN, chat_type="supergroup")
    sent = emulator.wait_for(lambda s: len(s) >= 3, chat_id=DESK, method="sendMessage")
    assert "Korea Utara" in _texts(sent)[-1]
    _no_refusals(emulator)


def test_hostile_text_goes_through_check_and_alerts(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str], tmp_path: Path
) -> None:
    emulator.user_message(ANA, "/start", language_code="id")
    _subscribe(emulator, ANA, "Pyongyang")
    base = seed_text("seed_article_id.txt")
    article = tmp_path / "seed.txt"
    article.write_text(base, encoding="utf-8")
    run_cli(bot_env, "ingest", "--source", 'seed <b>"x"</b> & co', str(article))
    long_text = (HOSTILE * 80)[:10_000]
    emulator.user_message(ANA, "/check " + long_text, language_code="id")
    emulator.user_message(ANA, long_text, language_code="id")  # plain text: the tipline
    hostile_article = tmp_path / "hostile.txt"
    # A new answerer (the seed's own Korea Utara denial, repeated, would raise no new flag).
    hostile_article.write_text(
        "Moskow membantah <script>alert(1)</script> Korea Utara telah mengirim 1.500 tentara "
        "ke Rusia & menyebutnya \u202ehoaks\u202c 🇰🇵🔥, kata TASS.",
        encoding="utf-8",
    )
    run_cli(bot_env, "ingest", "--source", "<i>hostile</i> & co", str(hostile_article))
    flags = len(run_cli(bot_env, "flags", "--json").splitlines())  # the seed's and this one
    emulator.wait_for(lambda s: len(_alerts(emulator, ANA)) >= flags, timeout=15, chat_id=ANA)
    alerts = [a.plain_text or "" for a in _alerts(emulator, ANA)]
    assert len(alerts) == flags
    hostile = [a for a in alerts if "hoaks" in a]
    assert len(hostile) == 1
    assert "<script>alert(1)</script>" in hostile[0] and "🇰🇵🔥" in hostile[0]
    emulator.wait_for(
        lambda s: sum("Anda mengirim" in t for t in _texts(s)) >= 2, timeout=15, chat_id=ANA
    )
    answers = _texts(emulator.sent(ANA))
    checks = [a for a in answers if "Anda mengirim" in a]
    assert len(checks) >= 2  # /check and the plain text were both answered
    assert any("1.500" in a for a in answers[1:])  # the check found the troop claim
    assert all(len(a.encode("utf-16-le")) // 2 <= 4096 for a in answers)
    _no_refusals(emulator)
