"""More of `claimwatch run` end to end: buttons, paging, export, channels, migrations, outages."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import httpx

from claimwatch.matchers.lexicon import seed_text

from .conftest import BotProcess, claimwatch_command, run_cli
from .emulator import Emulator, Sent

ANA = 5001
GROUP, SUPERGROUP = -4242, -1009999999999
CHANNEL = -1001111111111
ADMIN = 7001
# A fresh answer: North Korea's own denial is in the seed article, and a re-report of an
# answer already flagged raises no new flag (issue 10, part 4).
DENIAL = "Moskow membantah Korea Utara telah mengirim pasukan ke Rusia, kata kantor berita TASS."


def _texts(sent: list[Sent]) -> list[str]:
    return [s.plain_text or s.text or "" for s in sent if s.method == "sendMessage"]


def _buttons(sent: Sent) -> list[str]:
    rows = (sent.reply_markup or {}).get("inline_keyboard", [])
    return [b.get("callback_data", "") for row in rows for b in row]


def _alerts(emulator: Emulator, chat_id: int) -> list[Sent]:
    return [
        s
        for s in emulator.sent(chat_id, "sendMessage")
        if any(b.startswith("tl:") for b in _buttons(s))
        and any(b.startswith("fo:") for b in _buttons(s))
    ]


def _ingest_seed(env: dict[str, str], tmp_path: Path) -> None:
    article = tmp_path / "seed.txt"
    article.write_text(seed_text("seed_article_id.txt"), encoding="utf-8")
    run_cli(env, "ingest", "--source", "seed", "--published", "2024-10-22", str(article))


def _say(emulator: Emulator, chat_id: int, text: str, **kwargs: object) -> list[Sent]:
    before = len(emulator.sent(chat_id, "sendMessage"))
    emulator.user_message(chat_id, text, **kwargs)  # type: ignore[arg-type]
    return emulator.wait_for(
        lambda s: len(s) > before, timeout=20, chat_id=chat_id, method="sendMessage"
    )


def _no_refusals(emulator: Emulator, expected: str = "\0") -> None:
    bad = [r for r in emulator.rejected() if r.error_code == 400 and expected not in r.description]
    assert not bad, bad


def test_topic_buttons_paging_and_export(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str], tmp_path: Path
) -> None:
    _ingest_seed(bot_env, tmp_path)
    # /subscribe without a topic offers the most active actors as buttons
    menu = _say(emulator, ANA, "/subscribe")[-1]
    assert "sa:korea-utara" in _buttons(menu)
    emulator.press(ANA, menu.message_id or 0, "sa:korea-utara")
    emulator.wait_for(lambda s: "Korea Utara" in _texts(s)[-1], chat_id=ANA)

    # /subs: a row of buttons per topic; digest-only, then the kinds menu, then remove
    subs = _say(emulator, ANA, "/subs")[-1]
    sub_id = next(b for b in _buttons(subs) if b.startswith("sm:")).split(":")[1]
    emulator.press(ANA, subs.message_id or 0, f"sm:{sub_id}")
    emulator.wait_for(lambda s: "digest only" in (emulator.message(ANA, subs.message_id or 0)
                                                   or {}).get("text", ""), chat_id=ANA)  # fmt: skip
    emulator.press(ANA, subs.message_id or 0, f"sk:{sub_id}")
    emulator.wait_for(
        lambda s: f"kt:{sub_id}:0" in json.dumps(emulator.message(ANA, subs.message_id or 0)),
        chat_id=ANA,
    )
    emulator.press(ANA, subs.message_id or 0, f"kt:{sub_id}:1")  # drop confirmations
    time.sleep(0.5)
    with sqlite3.connect(bot_env["CLAIMWATCH_DB"]) as conn:
        mode, kinds = conn.execute("SELECT mode, flag_kinds FROM subscriptions").fetchone()
    assert mode == "digest" and kinds == "denial,reversal,figure_conflict"

    # /claims pages with buttons; the next page edits the message in place
    first = _say(emulator, ANA, "/claims")[-1]
    nav = [b for b in _buttons(first) if b.startswith("cp:")]
    assert nav, _buttons(first)
    emulator.press(ANA, first.message_id or 0, nav[0])
    emulator.wait_for(
        lambda s: "(6–" in (emulator.message(ANA, first.message_id or 0) or {}).get("text", ""),
        chat_id=ANA,
    )

    # /export: a CSV and a JSON document of the chat's flags and claims
    emulator.user_message(ANA, "/export")
    docs = emulator.wait_for(lambda s: len(s) == 2, chat_id=ANA, method="sendDocument")
    names = {d.document[0]: d.document[1] for d in docs if d.document}
    rows = list(csv.DictReader(io.StringIO(names["claimwatch-flags.csv"].decode("utf-8-sig"))))
    exported = json.loads(names["claimwatch-export.json"])
    assert rows and {r["kind"] for r in rows} == {"denial"}
    assert len(exported["flags"]) == len(rows) and exported["claims"]
    _no_refusals(emulator)


def test_channel_posts_are_articles_and_alerts_follow_a_migrated_group(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str], tmp_path: Path
) -> None:
    _ingest_seed(bot_env, tmp_path)
    emulator.add_chat(GROUP, chat_type="group", title="Meja")
    emulator.set_admins(GROUP, [ADMIN])
    _say(emulator, GROUP, "/subscribe Pyongyang", user_id=ADMIN, chat_type="group")
    emulator.migrate(GROUP, SUPERGROUP)  # the bot learns it only from a refused send

    emulator.add_chat(CHANNEL, chat_type="channel", title="Kabar Dunia", username="kabardunia")
    emulator.bot_added_to_channel(CHANNEL, "Kabar Dunia", as_admin=True)
    time.sleep(0.5)
    emulator.channel_post(CHANNEL, DENIAL, title="Kabar Dunia", username="kabardunia")
    alerts = emulator.wait_for(lambda s: _alerts(emulator, SUPERGROUP), chat_id=SUPERGROUP)
    text = _alerts(emulator, SUPERGROUP)[0].plain_text or ""
    assert "Korea Utara" in text and "1.500" in text and "Kabar Dunia" in text
    assert alerts
    with sqlite3.connect(bot_env["CLAIMWATCH_DB"]) as conn:
        ids = {r[0] for r in conn.execute("SELECT chat_id FROM subscriptions")}
        url = conn.execute("SELECT url FROM articles WHERE source = 'Kabar Dunia'").fetchone()
    assert ids == {SUPERGROUP}
    assert url[0].startswith("https://t.me/kabardunia/")
    _no_refusals(emulator, expected="upgraded to a supergroup")


def test_alerts_survive_a_telegram_outage_and_follow_works(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str], tmp_path: Path
) -> None:
    _say(emulator, ANA, "/subscribe Korea Selatan", language_code="en")
    emulator.fail_next("sendMessage", 1, 502)
    emulator.fail_next("sendMessage", 1, "drop")  # the connection dies without an answer
    _ingest_seed(bot_env, tmp_path)
    emulator.wait_for(lambda s: _alerts(emulator, ANA), timeout=20, chat_id=ANA)
    alert = _alerts(emulator, ANA)[0]
    claim_id = next(b for b in _buttons(alert) if b.startswith("fo:")).split(":")[1]
    # Follow from the alert; a later denial of that claim is an alert through the follow
    emulator.press(ANA, alert.message_id or 0, f"fo:{claim_id}", language_code="en")
    emulator.wait_for(lambda s: f"Following claim #{claim_id}" in "".join(_texts(s)), chat_id=ANA)
    _say(emulator, ANA, "/unsubscribe Korea Selatan", language_code="en")
    before = len(_alerts(emulator, ANA))
    run_cli(bot_env, "ingest", "--source", "KCNA", "-", stdin=DENIAL)
    emulator.wait_for(lambda s: len(_alerts(emulator, ANA)) > before, timeout=10, chat_id=ANA)
    # every alert is sent in the end, none twice (the dropped one may be: see README)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with sqlite3.connect(bot_env["CLAIMWATCH_DB"]) as conn:
            states = dict(conn.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state"))
        if set(states) == {"sent"}:
            break
        time.sleep(0.2)
    assert set(states) == {"sent"}, states
    assert len(_alerts(emulator, ANA)) == states["sent"]
    _no_refusals(emulator)


def test_the_bot_waits_for_telegram_and_names_a_wrong_token(
    emulator: Emulator, bot_env: dict[str, str], tmp_path: Path
) -> None:
    emulator.fail_next("getMe", 2, 502)  # Telegram is down when the bot starts
    process = BotProcess(bot_env, tmp_path / "bot.log")
    process.start(emulator)
    try:
        assert "tracks who claimed" in _texts(_say(emulator, ANA, "/help"))[-1]
    finally:
        process.stop()
    log = process.output()
    assert "cannot reach the Bot API" in log and "Traceback" not in log

    wrong = {**bot_env, "TELEGRAM_BOT_TOKEN": "999:not-this-bot"}
    done = subprocess.run(
        [*claimwatch_command(), "run"], env=wrong, capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert b"refused the token" in done.stderr and b"not-this-bot" not in done.stderr
    assert b"Traceback" not in done.stderr


def test_run_without_a_token_says_what_to_set(bot_env: dict[str, str]) -> None:
    env = {k: v for k, v in bot_env.items() if k != "TELEGRAM_BOT_TOKEN"}
    done = subprocess.run(
        [*claimwatch_command(), "run"], env=env, capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert b"TELEGRAM_BOT_TOKEN" in done.stderr and b"claimwatch demo" in done.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_webhook_mode_checks_the_secret(
    emulator: Emulator, bot_env: dict[str, str], tmp_path: Path
) -> None:
    port = _free_port()
    env = {**bot_env, "CLAIMWATCH_WEBHOOK_SECRET": "s3cret-Token_1"}
    log = (tmp_path / "webhook.log").open("wb")
    proc = subprocess.Popen(
        [*claimwatch_command(), "run", "--webhook", "https://bot.example.org/tg",
         "--listen", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while emulator.webhook.get("url") != "https://bot.example.org/tg":
            assert proc.poll() is None and time.monotonic() < deadline, (
                tmp_path / "webhook.log"
            ).read_text()
            time.sleep(0.1)
        assert emulator.webhook.get("secret_token") == "s3cret-Token_1"
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1, "date": int(time.time()), "text": "/help",
                "chat": {"id": ANA, "type": "private", "first_name": "Ana"},
                "from": {"id": ANA, "is_bot": False, "first_name": "Ana", "language_code": "en"},
                "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            },
        }  # fmt: skip
        emulator.add_chat(ANA, chat_type="private")
        url = f"http://127.0.0.1:{port}/tg"
        for secret, status in (("wrong", 403), ("s3cret-Token_1", 200)):
            while True:
                try:
                    with httpx.Client(trust_env=False) as client:  # straight to 127.0.0.1
                        answer = client.post(
                            url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret}
                        )
                    break
                except httpx.ConnectError:
                    assert time.monotonic() < deadline
                    time.sleep(0.1)
            assert answer.status_code == status
        sent = emulator.wait_for(lambda s: s, chat_id=ANA, method="sendMessage")
        assert len(sent) == 1 and "tracks who claimed" in (sent[0].plain_text or "")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()
    assert "Traceback" not in (tmp_path / "webhook.log").read_text()


def test_many_topics_and_the_label_buttons(emulator: Emulator, bot: BotProcess) -> None:
    words = ["nikel", "sawit", "banjir", "gempa", "pajak", "subsidi", "tambang", "hutan",
             "pemilu", "vaksin", "inflasi", "rupiah", "bandara", "kereta", "pelabuhan",
             "beras", "cabai", "listrik", "minyak", "batubara", "korupsi", "polisi", "hakim",
             "jaksa", "nelayan", "petani", "buruh", "guru", "dokter", "tsunami"]  # fmt: skip
    for word in words:
        _say(emulator, ANA, f"/subscribe {word}")
    subs = _say(emulator, ANA, "/subs")
    listing = subs[-1]
    assert "tsunami" in (listing.plain_text or "")
    assert len(_buttons(listing)) <= 100
    label = next(b for b in _buttons(listing) if b.startswith("sx:"))
    emulator.press(ANA, listing.message_id or 0, label)
    time.sleep(1.0)
    _no_refusals(emulator)
    assert "Traceback" not in bot.output()


def test_a_stop_during_a_busy_outbox_is_quick_and_repeats_nothing(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str]
) -> None:
    from .test_bot_e2e import _raise_flags, _setup_chats

    chats = {7100 + i: f"busy-{i}" for i in range(40)}
    for chat_id in chats:
        emulator.add_chat(chat_id, chat_type="private")
    asyncio.run(_setup_chats(bot_env["CLAIMWATCH_DB"], chats))
    plan = [(actor, n) for n in range(15) for actor in chats.values()]
    asyncio.run(_raise_flags(bot_env["CLAIMWATCH_DB"], plan))
    emulator.wait_for(lambda s: len(s) >= 50, timeout=20, method="sendMessage")
    started = time.monotonic()
    bot.stop()
    assert time.monotonic() - started < 15
    with sqlite3.connect(bot_env["CLAIMWATCH_DB"]) as conn:
        states = dict(conn.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state"))
    delivered = len(emulator.sent(method="sendMessage"))
    assert states.get("sending", 0) == 0, states
    assert states["sent"] == delivered  # everything Telegram took is recorded as sent
    bot.start(emulator)
    emulator.wait_for(lambda s: len(s) >= len(plan), timeout=60, method="sendMessage")
    time.sleep(0.5)
    assert len(emulator.sent(method="sendMessage")) == len(plan)  # the rest, once


def test_deliveries_survive_a_database_locked_for_long(
    emulator: Emulator, bot_env: dict[str, str], tmp_path: Path
) -> None:
    bot = BotProcess({**bot_env, "CLAIMWATCH_HEARTBEAT": "1"}, tmp_path / "bot.log")
    bot.start(emulator)
    _say(emulator, ANA, "/subscribe Pyongyang")
    blocker = sqlite3.connect(bot_env["CLAIMWATCH_DB"], isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    time.sleep(12)  # longer than the bot's busy timeout (10 s)
    blocker.execute("COMMIT")
    blocker.close()
    _ingest_seed(bot_env, tmp_path)
    try:
        emulator.wait_for(lambda s: _alerts(emulator, ANA), timeout=40, chat_id=ANA)
    finally:
        bot.stop()
    assert "a delivery round waits" in bot.output()  # the heartbeat hit the lock, and lived
    assert "Traceback" not in bot.output()
