"""`claimwatch run` as a process: a wrong or missing token, webhook mode, and a stop while
the outbox is busy. (Buttons, paging, export, channels, migrations and outages are tested
in process: tests/bot/.)"""

from __future__ import annotations

import asyncio
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import httpx

from .conftest import BotProcess, claimwatch_command, until
from .emulator import Emulator
from .flags import raise_flags, setup_chats

ANA = 5001


def test_a_wrong_token_is_named_in_one_line(bot_env: dict[str, str]) -> None:
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
    log_path = tmp_path / "webhook.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [*claimwatch_command(), "run", "--webhook", "https://bot.example.org/tg",
         "--listen", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip

    def registered() -> bool:
        assert proc.poll() is None, log_path.read_text()
        return emulator.webhook.get("url") == "https://bot.example.org/tg"

    try:
        until(registered, 30, "the webhook is set")
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
            answers: list[httpx.Response] = []

            def posted(secret: str = secret, answers: list[httpx.Response] = answers) -> bool:
                try:
                    with httpx.Client(trust_env=False) as client:  # straight to 127.0.0.1
                        answers.append(
                            client.post(
                                url,
                                json=update,
                                headers={"X-Telegram-Bot-Api-Secret-Token": secret},
                            )
                        )
                except httpx.ConnectError:  # the server is not listening yet
                    return False
                return True

            until(posted, 30, "the webhook server answers")
            assert answers[-1].status_code == status
        sent = emulator.wait_for(lambda s: s, chat_id=ANA, method="sendMessage")
        assert len(sent) == 1 and "tracks who claimed" in (sent[0].plain_text or "")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()
    assert "Traceback" not in log_path.read_text()


def test_a_stop_during_a_busy_outbox_is_quick_and_repeats_nothing(
    emulator: Emulator, bot: BotProcess, bot_env: dict[str, str]
) -> None:
    chats = {7100 + i: f"busy-{i}" for i in range(40)}
    for chat_id in chats:
        emulator.add_chat(chat_id, chat_type="private")
    asyncio.run(setup_chats(bot_env["CLAIMWATCH_DB"], chats))
    plan = [(actor, n) for n in range(6) for actor in chats.values()]  # 240: 5 s of sending
    asyncio.run(raise_flags(bot_env["CLAIMWATCH_DB"], plan))
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
    bot.wait_delivered()
    assert len(emulator.sent(method="sendMessage")) == len(plan)  # the rest, once
