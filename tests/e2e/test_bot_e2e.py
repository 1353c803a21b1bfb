"""`claimwatch run` end to end: a fake user talks to the bot through the Bot API emulator.

The test starts the emulator on 127.0.0.1 and the bot as a child process (long polling);
`claimwatch ingest` runs as a second process on the same database, as in production. The
wire format, the processes and the restart are what this adds to the in-process tests of
the same behaviour (tests/bot/).
"""

from __future__ import annotations

import json
from pathlib import Path

from claimwatch.matchers.lexicon import seed_text

from .conftest import BotProcess, run_cli
from .emulator import Emulator, Sent

ANA = 5001  # a private chat (chat id == user id), Indonesian
BEN = 5002  # a private chat, English


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
    bot.wait_delivered()
    assert len(_alerts(emulator, ANA)) == len(flags)
    _no_refusals(emulator)
