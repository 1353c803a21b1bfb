"""Who may change a chat's topics: the administrators of the chat, asked of Telegram for the
user who acts. A button press is the presser's (``callback_query.from_user``), whatever the
message under the button says; a command sent as the chat itself (an anonymous group
administrator, a post in a channel) can only come from an administrator."""

from __future__ import annotations

from typing import Any

import pytest

from claimwatch.bot import i18n
from claimwatch.bot.services import alert_keyboard
from claimwatch.engine.pipeline import ingest

from .conftest import Harness

CHANNEL = -1001000000001
GROUP = -4000001
SUPERGROUP = -1001000000002
OWN_CHANNEL = -1001000000003  # a member's own channel, which they may write as in groups
CREATOR, ADMIN, READER = 500, 501, 777
CHATS = {"channel": CHANNEL, "group": GROUP, "supergroup": SUPERGROUP}
REFUSED = i18n.text("admins_only", "en")


async def _chat_with_alert(
    harness: Harness, chat_type: str, seed_article: str
) -> tuple[int, int, int, int]:
    """A chat following North Korea, with an alert (Timeline, Follow, Mute) posted in it:
    (chat id, alert message id, claim id, topic id)."""
    chat_id = CHATS[chat_type]
    harness.emulator.add_chat(chat_id, chat_type=chat_type, title="Desk")
    harness.emulator.set_admins(chat_id, [ADMIN], creator=CREATOR)
    await ingest(harness.store, seed_article, source="seed")
    claim_id = harness.rows("SELECT MIN(id) FROM claims")[0][0]
    await harness.store.chats.ensure(chat_id, type_=chat_type, title="Desk", lang="en")
    sub, _ = await harness.store.chats.add_subscription(
        chat_id, kind="actor", value="korea-utara", label="Korea Utara"
    )
    alert = await harness.app.bot.send_message(
        chat_id, "An alert", reply_markup=alert_keyboard(claim_id, sub.id, "en")
    )
    return chat_id, alert.message_id, claim_id, sub.id


def _texts_after(harness: Harness, chat_id: int, message_id: int) -> list[str]:
    return [
        s.plain_text or ""
        for s in harness.emulator.sent(chat_id)
        if s.method == "sendMessage" and (s.message_id or 0) > message_id
    ]


@pytest.mark.parametrize("chat_type", list(CHATS))
@pytest.mark.parametrize("button", ["mute", "follow"])
async def test_a_reader_cannot_change_topics_with_a_button(
    harness: Harness, seed_article: str, chat_type: str, button: str
) -> None:
    chat_id, alert, claim_id, sub_id = await _chat_with_alert(harness, chat_type, seed_article)
    data = f"mu:{sub_id}" if button == "mute" else f"fo:{claim_id}"
    before = harness.dump()
    pressed = await harness.press(chat_id, alert, data, user_id=READER)
    answer = harness.answer(pressed)
    assert answer["text"] == REFUSED and answer["show_alert"] is True
    assert harness.dump() == before  # nothing changed, not even the chat's row
    assert _texts_after(harness, chat_id, alert) == []


@pytest.mark.parametrize("chat_type", list(CHATS))
@pytest.mark.parametrize("presser", [ADMIN, CREATOR])
async def test_an_administrator_mutes_and_follows_with_buttons(
    harness: Harness, seed_article: str, chat_type: str, presser: int
) -> None:
    chat_id, alert, claim_id, sub_id = await _chat_with_alert(harness, chat_type, seed_article)
    muted = await harness.press(chat_id, alert, f"mu:{sub_id}", user_id=presser)
    followed = await harness.press(chat_id, alert, f"fo:{claim_id}", user_id=presser)
    assert "text" not in harness.answer(muted) and "text" not in harness.answer(followed)
    assert harness.rows("SELECT mode FROM subscriptions WHERE id = ?", sub_id) == [("digest",)]
    assert harness.rows(
        "SELECT chat_id FROM subscriptions WHERE kind = 'claim' AND value = ?", str(claim_id)
    ) == [(chat_id,)]
    texts = _texts_after(harness, chat_id, alert)
    assert len(texts) == 2 and "Muted Korea Utara" in texts[0]
    assert f"Following claim #{claim_id}" in texts[1]


async def test_in_a_channel_a_reader_cannot_make_the_bot_post(
    harness: Harness, seed_article: str
) -> None:
    """Readers cannot post in a channel; a Timeline press would post there for them."""
    chat_id, alert, claim_id, _ = await _chat_with_alert(harness, "channel", seed_article)
    pressed = await harness.press(chat_id, alert, f"tl:{claim_id}", user_id=READER)
    assert harness.answer(pressed)["text"] == REFUSED
    assert _texts_after(harness, chat_id, alert) == []
    pressed = await harness.press(chat_id, alert, f"tl:{claim_id}", user_id=ADMIN)
    assert "text" not in harness.answer(pressed)
    assert len(_texts_after(harness, chat_id, alert)) == 1


async def test_in_a_group_anyone_may_open_a_timeline(harness: Harness, seed_article: str) -> None:
    chat_id, alert, claim_id, _ = await _chat_with_alert(harness, "supergroup", seed_article)
    pressed = await harness.press(chat_id, alert, f"tl:{claim_id}", user_id=READER)
    assert "text" not in harness.answer(pressed)
    assert len(_texts_after(harness, chat_id, alert)) == 1


@pytest.mark.parametrize("chat_type", ["group", "supergroup"])
async def test_an_anonymous_administrator_subscribes_and_members_do_not(
    harness: Harness, chat_type: str
) -> None:
    chat_id = CHATS[chat_type]
    harness.emulator.add_chat(chat_id, chat_type=chat_type, title="Meja")
    harness.emulator.add_chat(OWN_CHANNEL, chat_type="channel", title="My channel")
    harness.emulator.set_admins(chat_id, [ADMIN])
    await harness.say(chat_id, "/subscribe korut", user_id=READER, chat_type=chat_type)
    # a member writing as their own channel is not the group
    await harness.say(
        chat_id, "/subscribe korut", user_id=READER, chat_type=chat_type,
        sender_chat_id=OWN_CHANNEL,
    )  # fmt: skip
    assert harness.rows("SELECT COUNT(*) FROM subscriptions") == [(0,)]
    # only administrators can write as the group itself
    await harness.say(
        chat_id, "/subscribe korut", user_id=ADMIN, chat_type=chat_type, sender_chat_id=chat_id
    )
    assert harness.rows("SELECT chat_id, value FROM subscriptions") == [(chat_id, "korea-utara")]
    texts = [s.plain_text or "" for s in harness.emulator.sent(chat_id, "sendMessage")]
    assert texts[:2] == [REFUSED, REFUSED] and "Korea Utara" in texts[2]


def _channel_command(chat_id: int, text: str) -> dict[str, Any]:
    """A command posted in a channel, as Telegram would send it if it marks the command."""
    chat = {"id": chat_id, "type": "channel", "title": "Kabar"}
    command = text.split(maxsplit=1)[0]
    post = {
        "message_id": 1,
        "sender_chat": chat,
        "chat": chat,
        "date": 1_700_000_000,
        "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}],
    }
    return {"update_id": 1, "channel_post": post}


async def test_a_command_posted_in_a_channel_is_an_administrators(harness: Harness) -> None:
    """Only administrators can post in a channel, and a post does not say which one."""
    harness.emulator.add_chat(CHANNEL, chat_type="channel", title="Kabar")
    await harness.feed(_channel_command(CHANNEL, "/subscribe korut"))
    assert harness.rows("SELECT chat_id, value FROM subscriptions") == [(CHANNEL, "korea-utara")]
