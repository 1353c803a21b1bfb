"""A 429 that the bot waits out is an event of a normal day, not an error: the reply gets
through, and the log says once, in one line, that it waited (no ERROR, no traceback from
python-telegram-bot's rate limiter)."""

from __future__ import annotations

import logging

import pytest

from claimwatch.bot import i18n

from .conftest import Harness

ANA = 5001


async def test_a_429_waited_out_logs_no_error(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.emulator.force_retry_after(ANA, 1)  # Telegram: wait a second
    with caplog.at_level(logging.INFO):
        await harness.say(ANA, "/help")
    assert [r.error_code for r in harness.emulator.rejected()] == [429]
    replies = harness.emulator.sent(ANA, "sendMessage")
    assert [m.text for m in replies] == [i18n.text("help", "en")]
    loud = [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.WARNING]
    assert loud == []
    assert not [r for r in caplog.records if r.exc_info]
    ours = [r for r in caplog.records if r.name.startswith("claimwatch")]
    waited = [r.getMessage() for r in ours if "429" in r.getMessage()]
    assert waited == [f"a reply to chat {ANA} waits 1 s (429)"]
