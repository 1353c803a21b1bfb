"""/addfeed, /feeds and /delfeed reply like every other command: a 429 from Telegram is
waited out and the reply sent, not dropped."""

from __future__ import annotations

import logging

import pytest

from claimwatch.bot import i18n

from .conftest import OPERATOR, Harness, complaints


def _texts(harness: Harness) -> list[str]:
    return [s.plain_text or "" for s in harness.emulator.sent(OPERATOR, "sendMessage")]


async def test_the_feed_list_survives_a_429(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await harness.store.feeds.add(
        "http://127.0.0.1:9/rss.xml", name="Kabar Dunia", interval_s=600, full_text=False,
        added_by=None,
    )  # fmt: skip
    harness.emulator.add_chat(OPERATOR)
    harness.emulator.force_retry_after(OPERATOR, 1)  # Telegram: wait a second
    with caplog.at_level(logging.WARNING):
        await harness.say(OPERATOR, "/feeds")
    texts = _texts(harness)
    assert len(texts) == 1 and "Kabar Dunia" in texts[0]
    assert [r.error_code for r in harness.emulator.rejected()] == [429]
    assert complaints(caplog.records) == []


@pytest.mark.parametrize(
    ("command", "key"),
    [("/addfeed", "addfeed_usage"), ("/delfeed", "delfeed_usage")],
)
async def test_the_other_feed_commands_survive_a_429(
    harness: Harness, command: str, key: str
) -> None:
    harness.emulator.add_chat(OPERATOR)
    harness.emulator.force_retry_after(OPERATOR, 1)
    await harness.say(OPERATOR, command)
    assert _texts(harness) == [_plain(i18n.text(key, "en"))]


def _plain(html_text: str) -> str:
    return html_text.replace("<code>", "").replace("</code>", "")


@pytest.mark.parametrize("arg", ["99999999999999999999999", "²", "١٢", "-1", "0"])
async def test_delfeed_takes_only_a_feed_number(
    harness: Harness, arg: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        await harness.say(OPERATOR, f"/delfeed {arg}")
    assert _texts(harness) == [_plain(i18n.text("delfeed_usage", "en"))]
    assert complaints(caplog.records) == []


@pytest.mark.parametrize("command", ["/claim", "/follow", "/unfollow"])
@pytest.mark.parametrize("arg", ["²", "١٢", "99999999999999999999999"])
async def test_claim_commands_take_only_a_claim_number(
    harness: Harness, command: str, arg: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        await harness.say(OPERATOR, f"{command} {arg}")
    usage = "claim_usage" if command == "/claim" else "follow_usage"
    assert _texts(harness) == [_plain(i18n.text(usage, "en"))]
    assert complaints(caplog.records) == []
