"""Sources in the running bot: a feed's denial becomes an alert with no command, operators
manage feeds, and /ingest <link> refuses private addresses (also behind a redirect)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sources.webserver import Route, WebServer, rss

from claimwatch.matchers.lexicon import seed_text

from .conftest import BotProcess
from .emulator import Emulator, Sent

ANA, OPERATOR = 5001, 5009
DENIAL = "Pyongyang membantah telah mengirim pasukan ke Rusia, kata kantor berita KCNA."


def _texts(sent: list[Sent]) -> list[str]:
    return [s.plain_text or s.text or "" for s in sent if s.method == "sendMessage"]


def _say(emulator: Emulator, chat_id: int, text: str, **kwargs: object) -> str:
    before = len(emulator.sent(chat_id, "sendMessage"))
    emulator.user_message(chat_id, text, **kwargs)  # type: ignore[arg-type]
    sent = emulator.wait_for(
        lambda s: len(s) > before, timeout=20, chat_id=chat_id, method="sendMessage"
    )
    return _texts(sent)[-1]


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        yield server


def _start(bot_env: dict[str, str], tmp_path: Path, emulator: Emulator, **extra: str) -> BotProcess:
    env = {**bot_env, "CLAIMWATCH_ADMINS": str(OPERATOR), "CLAIMWATCH_FEED_CHECK": "0.5",
           "CLAIMWATCH_FETCH_TIMEOUT": "2", **extra}  # fmt: skip
    process = BotProcess(env, tmp_path / "bot.log")
    process.start(emulator)
    return process


def test_a_feed_denial_reaches_a_subscribed_chat_without_a_command(
    emulator: Emulator, bot_env: dict[str, str], tmp_path: Path, web: WebServer
) -> None:
    items = [
        {"title": "Seoul: Korut kirim tentara", "link": web.url("/a/1"), "guid": "1",
         "pubDate": "Tue, 22 Oct 2024 09:00:00 +0000",
         "description": seed_text("seed_article_id.txt")},
    ]  # fmt: skip
    web.routes["/rss.xml"] = Route(rss(items), etag='"1"')
    bot = _start(bot_env, tmp_path, emulator, CLAIMWATCH_ALLOW_HOSTS="127.0.0.1")
    try:
        _say(emulator, ANA, "/subscribe Pyongyang", language_code="id")
        # a non-operator cannot add feeds; the operator can
        assert "operator" in _say(emulator, ANA, f"/addfeed {web.url('/rss.xml')}")
        reply = _say(emulator, OPERATOR, f"/addfeed {web.url('/rss.xml')} 1s Kabar Dunia")
        assert "Kabar Dunia" in reply
        emulator.wait_for(lambda s: s, timeout=15, chat_id=ANA, method="sendMessage")
        first = len(_texts(emulator.sent(ANA)))
        # the next item is the denial: it arrives by the feed alone
        items.append(
            {
                "title": "KCNA",
                "link": web.url("/a/2"),
                "guid": "2",
                "pubDate": "Wed, 23 Oct 2024 09:00:00 +0000",
                "description": DENIAL,
            }
        )
        web.routes["/rss.xml"] = Route(rss(items), etag='"2"')  # fmt: skip
        emulator.wait_for(
            lambda s: any("Pyongyang membantah" in t for t in _texts(s)[first:]),
            timeout=20,
            chat_id=ANA,
        )
        alert = next(t for t in _texts(emulator.sent(ANA)) if "Pyongyang membantah" in t)
        assert "Kabar Dunia" in alert and "1.500" in alert
        listing = _say(emulator, OPERATOR, "/feeds")
        assert "Kabar Dunia" in listing and "✅" in listing
        assert "removed" in _say(emulator, OPERATOR, "/delfeed 1")
        polled = len(web.seen("/rss.xml"))
        time.sleep(1.5)
        assert len(web.seen("/rss.xml")) == polled  # a removed feed is not polled
    finally:
        bot.stop()
    assert "Traceback" not in bot.output()


def test_ingest_of_a_link_refuses_private_addresses(
    emulator: Emulator, bot_env: dict[str, str], tmp_path: Path, web: WebServer
) -> None:
    web.routes["/page"] = Route(b"<html><body><p>x</p></body></html>", content_type="text/html")
    web.routes["/jump"] = Route(status=302, location="http://169.254.169.254/latest/meta-data/")
    bot = _start(bot_env, tmp_path, emulator)  # loopback not allowed
    try:
        reply = _say(emulator, ANA, f"/ingest {web.url('/page')}")
        assert "private or local" in reply and web.seen() == []
    finally:
        bot.stop()
    bot = _start(bot_env, tmp_path, emulator, CLAIMWATCH_ALLOW_HOSTS="127.0.0.1")
    try:
        reply = _say(emulator, ANA, f"/ingest {web.url('/jump')}")
        assert "private or local" in reply
        assert [s.path for s in web.seen()] == ["/jump"]
        for _ in range(5):  # the per-user limit: five links in ten minutes
            _say(emulator, ANA, f"/ingest {web.url('/jump')}")
        assert "wait" in _say(emulator, ANA, f"/ingest {web.url('/jump')}")
    finally:
        bot.stop()
