"""End-to-end fixtures: the Bot API emulator on 127.0.0.1 and `claimwatch run` as a process.

The bot runs exactly as a user runs it (the console script, long polling, its own SQLite
file), pointed at the emulator through TELEGRAM_API_URL; the CLI writes to the same file
from another process, as in production. These tests are few: the wire format, starts,
stops, restarts, crashes and other processes. The bot's behaviour is tested in process
(tests/bot/). Nothing here sleeps for a fixed time: :func:`until` waits on a condition.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from claimwatch.storage.api import iso

from .emulator import Emulator

TOKEN = "123456:TEST-token-for-the-emulator"  # noqa: S105 (fake, for a local emulator)
# The emulator enforces these limits. Telegram's real ones (1/s per chat) would make the
# 200-alert test take minutes; the logic is the same. The bot is told the per-chat limit as
# it is, and an overall one a sixth under the emulator's: fifty chats at once arrive at the
# emulator's threads with jitter that a sliding window over all of them counts.
CHAT_RATE = (20, 1.0)
GLOBAL_RATE = (60, 1.0)
BOT_GLOBAL_RATE = (50, 1.0)


def until(condition: Callable[[], object], timeout: float = 20.0, what: str = "") -> None:
    """Return once ``condition()`` holds; AssertionError after ``timeout`` seconds. The one
    place the end-to-end tests sleep (between looks)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what or condition}")
        time.sleep(0.05)


def claimwatch_command() -> list[str]:
    script = Path(sys.executable).with_name("claimwatch")
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimwatch.cli.main"]


class BotProcess:
    """`claimwatch run` in a child process; start, stop (SIGTERM), restart."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self, emulator: Emulator, timeout: float = 30.0) -> None:
        before = emulator.calls().count("getUpdates")
        self.starts += 1
        with self.log.open("ab") as out:
            out.write(f"\n--- start {self.starts} ---\n".encode())
            self.proc = subprocess.Popen(
                [*claimwatch_command(), "run"],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        proc = self.proc

        def polling() -> bool:
            if proc.poll() is not None:
                raise AssertionError(f"claimwatch run exited:\n{self.log.read_text()[-3000:]}")
            return emulator.calls().count("getUpdates") > before

        until(polling, timeout, f"the bot polls:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError("claimwatch run did not stop on SIGTERM") from None

    def restart(self, emulator: Emulator) -> None:
        self.stop()
        self.start(emulator)

    def wait_delivered(self, timeout: float = 20.0) -> None:
        """Until the bot's outbox worker has run a whole round since the call (a round begins
        with a heartbeat: two of them, stored to the second, in later seconds than the call)
        and the outbox holds nothing pending or in flight: whatever the bot was going to
        send by now, it has sent."""
        since = iso(datetime.now(UTC))  # to the second, as beats are stored
        beats: list[str] = []

        def settled() -> bool:
            with sqlite3.connect(self.env["CLAIMWATCH_DB"]) as conn:
                beat = conn.execute("SELECT value FROM bot_state WHERE key = 'heartbeat'")
                found = beat.fetchone()
                busy = conn.execute(
                    "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')"
                ).fetchone()[0]
            if found and found[0] > since and found[0] not in beats:
                beats.append(found[0])
            return len(beats) >= 2 and busy == 0

        until(settled, timeout, "the outbox worker settles")

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator(TOKEN, chat_rate=CHAT_RATE, global_rate=GLOBAL_RATE) as emu:
        yield emu


@pytest.fixture
def bot_env(tmp_path: Path, emulator: Emulator) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.upper().endswith("_PROXY") and not k.startswith(("CLAIMWATCH_", "TELEGRAM_"))
    }
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=emulator.root,
        CLAIMWATCH_DB=str(tmp_path / "bot.db"),
        CLAIMWATCH_TZ="Asia/Jakarta",
        CLAIMWATCH_CHAT_RATE=f"{CHAT_RATE[0]}/{CHAT_RATE[1]}",
        CLAIMWATCH_GLOBAL_RATE=f"{BOT_GLOBAL_RATE[0]}/{BOT_GLOBAL_RATE[1]}",
        CLAIMWATCH_OUTBOX_POLL="0.2",
        CLAIMWATCH_HEARTBEAT="0.5",  # wait_delivered waits for two
        NO_PROXY="127.0.0.1,localhost",
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture
def bot(bot_env: dict[str, str], emulator: Emulator, tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(bot_env, tmp_path / "bot.log")
    process.start(emulator)
    try:
        yield process
    finally:
        process.stop()
        assert "Traceback" not in process.output(), process.output()[-4000:]
        assert TOKEN.split(":")[1] not in process.output(), "the token reached the log"


def run_cli(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [*claimwatch_command(), *args],
        env=env,
        input=stdin.encode() if stdin is not None else None,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()
