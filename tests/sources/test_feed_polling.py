"""Polling feeds in-process: a real SQLite file, the real fetcher, a web server on 127.0.0.1.

What a feed item's text becomes (entities decoded before the speaker is read)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from claimwatch.bot.feeds import poll_due
from claimwatch.bot.fetch import Fetcher
from claimwatch.storage.chats import BotStore

from .webserver import Route, WebServer, rss


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        yield server


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[BotStore]:
    store = await BotStore.open(tmp_path / "cw.db")
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(allow_hosts=["127.0.0.1"]) as opened:
        yield opened


async def _rows(db: BotStore, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in await db._all(sql)]


async def test_entities_in_a_summary_are_decoded_before_the_speaker_is_read(
    db: BotStore, fetcher: Fetcher, web: WebServer
) -> None:
    # A summary without tags, its quotes and ampersand written as entities (as feeds do).
    summary = (
        "&quot;Kami tidak pernah mengirim tentara ke Rusia,&quot; kata juru bicara "
        "Kementerian Luar Negeri Korea Utara. Operator AT&amp;T tidak terlibat."
    )
    web.routes["/feed.xml"] = Route(rss([{"title": "Bantahan", "guid": "e1",
                                          "description": summary}]))  # fmt: skip
    await db.add_feed(web.url("/feed.xml"), name="Kabar", interval_s=600, full_text=False,
                      added_by="test")  # fmt: skip
    [report] = await poll_due(db, fetcher, every=True)
    assert report.status == "ok" and report.tally.read == 1
    [(text,)] = await _rows(db, "SELECT text FROM articles")
    assert "&quot;" not in text and "&amp;" not in text
    assert '"Kami tidak pernah' in text and "AT&T" in text
    speakers = await _rows(db, "SELECT speaker, stance FROM statements WHERE text LIKE '%Kami%'")
    assert speakers == [("Korea Utara", "deny")]
