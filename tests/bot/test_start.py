"""Starting the bot: started during a Telegram outage it waits and says so (no traceback),
then answers; a wrong token is refused without being named. (``claimwatch run``'s exit
codes and messages are tested on the process: tests/e2e/test_bot_features_e2e.py.)"""

from __future__ import annotations

import logging

import pytest
from e2e.emulator import Emulator

from claimwatch.bot.app import wait_for_telegram
from claimwatch.config import load
from claimwatch.errors import TokenRefused

from .conftest import running_bot

ANA = 5001


async def test_the_bot_waits_for_telegram_and_then_answers(
    bot_env: dict[str, str], emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    emulator.fail_next("getMe", 2, 502)  # Telegram is down when the bot starts
    with caplog.at_level(logging.INFO):
        username = await wait_for_telegram(load(bot_env), first_delay=0.01)
    assert username == emulator.bot_username
    waits = [r for r in caplog.records if "cannot reach the Bot API" in r.getMessage()]
    assert len(waits) == 2 and not [r for r in caplog.records if r.exc_info]
    async with running_bot(bot_env, emulator) as bot:
        assert "tracks who claimed" in ((await bot.ask(ANA, "/help"))[-1].plain_text or "")


async def test_a_wrong_token_is_refused_without_being_named(
    bot_env: dict[str, str], emulator: Emulator
) -> None:
    settings = load({**bot_env, "TELEGRAM_BOT_TOKEN": "999:not-this-bot"})
    with pytest.raises(TokenRefused) as caught:
        await wait_for_telegram(settings)
    assert "not-this-bot" not in str(caught.value)
