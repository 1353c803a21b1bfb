"""A press whose data the bot never put on that message (a modified client, an old build,
a typo in a test) is answered, so the button stops spinning, and changes nothing: no reply,
no edit, no database write, no error."""

from __future__ import annotations

import logging

import pytest

from claimwatch.bot.services import alert_keyboard

from .conftest import Harness, complaints

ANA = 5001
CLAIM = 3  # the alert's claim; forged presses must never reach it


async def _alert_and_listing(harness: Harness) -> tuple[int, int, int]:
    """Ana follows North Korea; an alert and her /subs list are in the chat:
    (alert message id, /subs message id, topic id)."""
    await harness.say(ANA, "/subscribe korut")
    await harness.say(ANA, "/subs")
    listing = harness.emulator.sent(ANA, "sendMessage")[-1]
    sub_id = harness.rows("SELECT id FROM subscriptions")[0][0]
    alert = await harness.app.bot.send_message(
        ANA, "An alert", reply_markup=alert_keyboard(CLAIM, sub_id, "en")
    )
    return alert.message_id, listing.message_id or 0, sub_id


FORGED = [
    "",
    "tl:abc",
    "tl:99999999999999999999999",
    "tl:-1",
    "tl:²",
    "fo:1:2",
    "zz:1",
    "mu:abc",
    "mu:99999999999999999999",
    "kt:{sub}:9",
    "kt:{sub}:x",
    "cp:nothex!:5",
    "cp:0a1b2c3d:99999999",
    "sa:no-such-actor",
    "sa:Korea Utara",
    "tl:1:2:3:4",
    "tl:١٢",
    # well formed, but not a button of the alert: the alert must not become a /subs list
    "zz:{sub}",
    "sd:{sub}",
    "sr:{sub}",
    "sm:{sub}",
    "tl:{other}",
]


@pytest.mark.parametrize("forged", FORGED)
async def test_a_forged_press_is_answered_and_changes_nothing(
    harness: Harness, forged: str, caplog: pytest.LogCaptureFixture
) -> None:
    alert, _, sub_id = await _alert_and_listing(harness)
    data = forged.format(sub=sub_id, other=CLAIM + 1)
    sent_before, db_before = harness.emulator.sent(ANA), harness.dump()
    with caplog.at_level(logging.WARNING):
        pressed = await harness.press(ANA, alert, data, force=True)
    assert "text" not in harness.answer(pressed)
    assert harness.emulator.sent(ANA) == sent_before  # no reply, no edit
    assert harness.emulator.message(ANA, alert)["text"] == "An alert"  # type: ignore[index]
    assert harness.dump() == db_before
    assert complaints(caplog.records) == []


async def test_the_buttons_the_bot_sent_still_work(harness: Harness) -> None:
    """The same handlers, given real presses: the /subs buttons do what they say."""
    _, listing, sub_id = await _alert_and_listing(harness)
    await harness.press(ANA, listing, f"sm:{sub_id}")
    assert harness.rows("SELECT mode FROM subscriptions") == [("digest",)]
    await harness.press(ANA, listing, f"sk:{sub_id}")
    await harness.press(ANA, listing, f"kt:{sub_id}:1")
    await harness.press(ANA, listing, f"sd:{sub_id}")
    kinds = harness.rows("SELECT flag_kinds FROM subscriptions")[0][0]
    assert "confirmation" not in kinds and "denial" in kinds
    assert "1. " in (harness.emulator.message(ANA, listing) or {}).get("text", "")
    await harness.press(ANA, listing, f"sr:{sub_id}")
    assert harness.rows("SELECT COUNT(*) FROM subscriptions") == [(0,)]
    assert len(harness.emulator.callback_answers()) == 5
