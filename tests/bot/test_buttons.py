"""Buttons: one handler per action, each registered with the pattern callbacks.py gives it,
and buttons already sent to users keep working.

The old buttons are built here by hand, as the bot built them before callbacks.py existed
(``f"tl:{claim_id}"`` and so on, commit 94f5da8), put under messages the bot sends, and
pressed: each must still do what it says.
"""

from __future__ import annotations

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import CallbackQueryHandler

from claimwatch.bot import callbacks, handlers
from claimwatch.bot.app import BUTTONS
from claimwatch.bot.callbacks import (
    ACTIONS,
    ActorPick,
    ClaimAction,
    ClaimButton,
    KindToggle,
    OtherAction,
    PageButton,
    TopicAction,
    TopicButton,
)
from claimwatch.engine.pipeline import ingest
from claimwatch.matchers.lexicon import seed_text
from claimwatch.storage.api import FLAG_KINDS

from .conftest import Harness

ANA = 5001


def _keyboard(*rows: list[str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(data, callback_data=data) for data in row] for row in rows]
    )


async def _old_message(harness: Harness, *rows: list[str]) -> int:
    """A message the bot sent long ago, with buttons of the old format under it."""
    sent = await harness.app.bot.send_message(ANA, "an old message", reply_markup=_keyboard(*rows))
    return sent.message_id


async def _claim_and_topic(harness: Harness) -> tuple[int, int]:
    """A stored claim, and a topic Ana follows: (claim id, topic id)."""
    await ingest(harness.store, seed_text("seed_article_id.txt"), source="seed")
    await harness.say(ANA, "/subscribe korut")
    claim_id = harness.rows("SELECT MIN(id) FROM claims")[0][0]
    sub_id = harness.rows("SELECT id FROM subscriptions")[0][0]
    return claim_id, sub_id


def _sub(harness: Harness) -> tuple[str, str]:
    mode, kinds = harness.rows("SELECT mode, flag_kinds FROM subscriptions")[0]
    return mode, kinds


async def test_old_alert_buttons_still_work(harness: Harness) -> None:
    claim_id, sub_id = await _claim_and_topic(harness)
    alert = await _old_message(harness, [f"tl:{claim_id}", f"fo:{claim_id}", f"mu:{sub_id}"])
    await harness.press(ANA, alert, f"tl:{claim_id}")
    assert f"Claim #{claim_id}" in harness.texts(ANA)[-1]
    await harness.press(ANA, alert, f"fo:{claim_id}")
    assert f"Following claim #{claim_id}" in harness.texts(ANA)[-1]
    assert harness.rows("SELECT value FROM subscriptions WHERE kind = 'claim'") == [
        (str(claim_id),)
    ]
    await harness.press(ANA, alert, f"mu:{sub_id}")
    assert harness.rows("SELECT mode FROM subscriptions WHERE id = ?", sub_id) == [("digest",)]
    assert len(harness.emulator.callback_answers()) == 3


async def test_old_topic_buttons_still_work(harness: Harness) -> None:
    _, sub_id = await _claim_and_topic(harness)
    listing = await _old_message(
        harness, [f"sx:{sub_id}", f"sm:{sub_id}", f"sk:{sub_id}", f"sr:{sub_id}"]
    )
    pressed = await harness.press(ANA, listing, f"sx:{sub_id}")
    assert "text" not in harness.answer(pressed)
    await harness.press(ANA, listing, f"sm:{sub_id}")
    assert _sub(harness)[0] == "digest"
    assert "1. " in harness.emulator.message(ANA, listing)["text"]  # type: ignore[index]

    kinds_view = await _old_message(
        harness, *[[f"kt:{sub_id}:{i}"] for i in range(len(FLAG_KINDS))], [f"sd:{sub_id}"]
    )
    await harness.press(ANA, kinds_view, f"kt:{sub_id}:1")  # confirmations off
    assert "confirmation" not in _sub(harness)[1]
    old_done = await _old_message(harness, [f"sd:{sub_id}"])
    await harness.press(ANA, old_done, f"sd:{sub_id}")
    assert "1. " in harness.emulator.message(ANA, old_done)["text"]  # type: ignore[index]
    old_kinds = await _old_message(harness, [f"sk:{sub_id}"])
    await harness.press(ANA, old_kinds, f"sk:{sub_id}")
    assert f"kt:{sub_id}:0" in str(harness.emulator.message(ANA, old_kinds))
    old_remove = await _old_message(harness, [f"sr:{sub_id}"])
    await harness.press(ANA, old_remove, f"sr:{sub_id}")
    assert harness.rows("SELECT COUNT(*) FROM subscriptions") == [(0,)]


async def test_old_page_and_menu_buttons_still_work(harness: Harness) -> None:
    await ingest(harness.store, seed_text("seed_article_id.txt"), source="seed")
    await harness.say(ANA, "/claims")
    first = harness.emulator.sent(ANA, "sendMessage")[-1]
    token = next(
        b["callback_data"].split(":")[1]
        for b in first.buttons()
        if b["callback_data"].startswith("cp:")
    )
    pages = await _old_message(harness, [f"cp:{token}:5"])
    await harness.press(ANA, pages, f"cp:{token}:5")
    assert "(6–" in harness.emulator.message(ANA, pages)["text"]  # type: ignore[index]
    menu = await _old_message(harness, ["sa:korea-utara"])
    await harness.press(ANA, menu, "sa:korea-utara")
    assert "Korea Utara" in harness.texts(ANA)[-1]
    assert harness.rows("SELECT kind, value FROM subscriptions") == [("actor", "korea-utara")]


def test_every_action_has_a_handler_of_its_own() -> None:
    assert set(BUTTONS) == set(ACTIONS)
    assert len(set(BUTTONS.values())) == len(BUTTONS)


async def test_the_application_registers_a_pattern_per_action(harness: Harness) -> None:
    presses = [
        h for group in harness.app.handlers.values() for h in group
        if isinstance(h, CallbackQueryHandler)
    ]  # fmt: skip
    assert len(presses) == len(ACTIONS) + 1
    assert presses[-1].pattern is None and presses[-1].callback is handlers.stray_press
    for handler, action in zip(presses, BUTTONS, strict=False):
        assert handler.callback is BUTTONS[action]
        assert handler.pattern is not None


EXAMPLES: list[tuple[callbacks.Callback, callbacks.Action]] = [
    (ClaimButton(ClaimAction.TIMELINE, 12), ClaimAction.TIMELINE),
    (ClaimButton(ClaimAction.FOLLOW, 12), ClaimAction.FOLLOW),
    (PageButton("0a1b2c3d", 5), OtherAction.PAGE),
    (ActorPick("korea-utara"), OtherAction.ACTOR),
    (KindToggle(3, FLAG_KINDS[1]), OtherAction.KIND),
    *[(TopicButton(action, 7), action) for action in TopicAction],
]


@pytest.mark.parametrize(("value", "action"), EXAMPLES, ids=[a.value for _, a in EXAMPLES])
def test_a_pattern_takes_its_own_action_only(
    value: callbacks.Callback, action: callbacks.Action
) -> None:
    data = callbacks.build(value)
    assert callbacks.action(value) == action
    assert data.split(":")[0] == action.value
    takers = [a for a in ACTIONS if callbacks.pattern(a)(data)]
    assert takers == [action]


@pytest.mark.parametrize("data", ["", "tl:abc", "zz:1", "kt:1:9", "sa:no-such-actor", None, 5])
def test_no_pattern_takes_what_does_not_read(data: object) -> None:
    assert not [a for a in ACTIONS if callbacks.pattern(a)(data)]
