"""A press the bot handles only after Telegram stopped waiting for its answer (the bot was
busy or restarting) still does what the button says; the refused answer is no error, and
the chat is not told "Something went wrong"."""

from __future__ import annotations

import logging

import pytest

from claimwatch.bot import i18n

from .conftest import Harness, complaints

ANA = 5001


async def _late_press(harness: Harness, message_id: int, data: str) -> None:
    harness.emulator.press(ANA, message_id, data)
    harness.emulator.expire_presses()
    await harness.process()


async def test_a_late_press_still_acts_and_reports_no_error(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await harness.say(ANA, "/subscribe korut")
    await harness.say(ANA, "/subs")
    listing = harness.emulator.sent(ANA, "sendMessage")[-1].message_id or 0
    sub_id = harness.rows("SELECT id FROM subscriptions")[0][0]
    replies_before = len(harness.emulator.sent(ANA, "sendMessage"))
    with caplog.at_level(logging.INFO):
        await _late_press(harness, listing, f"sm:{sub_id}")  # alerts -> digest only
        await _late_press(harness, listing, f"sx:{sub_id}")  # the label: an answer only
    assert harness.rows("SELECT mode FROM subscriptions") == [("digest",)]
    assert "1. " in (harness.emulator.message(ANA, listing) or {}).get("text", "")
    sent = harness.emulator.sent(ANA, "sendMessage")
    assert len(sent) == replies_before, [m.text for m in sent[replies_before:]]
    assert harness.emulator.callback_answers() == []  # Telegram took none of them
    assert complaints(caplog.records) == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert i18n.text("error", "en") not in [m.text for m in sent]
