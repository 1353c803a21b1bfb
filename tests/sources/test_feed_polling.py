"""Polling feeds: a real SQLite file, the real fetcher, web servers on 127.0.0.1; in-process
or through `claimwatch poll` (run in this process, as in test_feeds_cli).

What a feed item's text becomes (entities decoded before the speaker is read); long feeds read
to their end over several polls, oldest unseen items first; a feed past its deadline cut off
and read on next poll, while another feed is read in full; the bounds as settings.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimwatch.config import ConfigError, load
from claimwatch.sources.feeds import PollLimits, poll_due
from claimwatch.sources.fetch import Fetcher
from claimwatch.storage import open_database
from claimwatch.storage.api import Database

from .test_feeds_cli import clean_environ, run
from .webserver import Route, WebServer, rss

DAY = datetime(2024, 10, 22, 9, 0, tzinfo=UTC)


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        yield server


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**clean_environ(), "CLAIMWATCH_DB": str(tmp_path / "cli.db"),
            "CLAIMWATCH_ALLOW_HOSTS": "127.0.0.1", "CLAIMWATCH_FETCH_TIMEOUT": "5"}  # fmt: skip


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    store = await open_database(tmp_path / "cw.db")
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(allow_hosts=["127.0.0.1"]) as opened:
        yield opened


async def _rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in await db.fetch_all(sql)]


async def test_entities_in_a_summary_are_decoded_before_the_speaker_is_read(
    db: Database, fetcher: Fetcher, web: WebServer
) -> None:
    # A summary without tags, its quotes and ampersand written as entities (as feeds do).
    summary = (
        "&quot;Kami tidak pernah mengirim tentara ke Rusia,&quot; kata juru bicara "
        "Kementerian Luar Negeri Korea Utara. Operator AT&amp;T tidak terlibat."
    )
    web.routes["/feed.xml"] = Route(rss([{"title": "Bantahan", "guid": "e1",
                                          "description": summary}]))  # fmt: skip
    await db.feeds.add(web.url("/feed.xml"), name="Kabar", interval_s=600, full_text=False,
                      added_by="test")  # fmt: skip
    [report] = await poll_due(db, fetcher, every=True)
    assert report.status == "ok" and report.tally.read == 1
    [(text,)] = await _rows(db, "SELECT text FROM articles")
    assert "&quot;" not in text and "&amp;" not in text
    assert '"Kami tidak pernah' in text and "AT&T" in text
    speakers = await _rows(db, "SELECT speaker, stance FROM statements WHERE text LIKE '%Kami%'")
    assert speakers == [("Korea Utara", "deny")]


def _news(web: WebServer, numbers: range | list[int]) -> list[dict[str, str]]:
    """Short items (no statement to match: cheap to read), one a minute from DAY: number i
    is published at minute i."""
    return [
        {
            "title": f"Berita {i}",
            "link": web.url(f"/n/{i}"),
            "guid": f"n{i}",
            "pubDate": (DAY + timedelta(minutes=i)).strftime("%a, %d %b %Y %H:%M:%S +0000"),
            "description": f"Kabar dari desa nomor {i} hari ini.",
        }
        for i in numbers
    ]


def _seen(env: dict[str, str]) -> set[str]:
    """The items read, by their GUID's last part (feedparser resolves a GUID as a link)."""
    with sqlite3.connect(env["CLAIMWATCH_DB"]) as conn:
        return {r[0].rsplit("/", 1)[-1] for r in conn.execute("SELECT guid FROM feed_items")}


def _published_in_order(env: dict[str, str], prefix: str = "") -> bool:
    """Articles (those whose URL starts with ``prefix``) were written oldest first: their ids
    follow their dates."""
    with sqlite3.connect(env["CLAIMWATCH_DB"]) as conn:
        rows = conn.execute("SELECT published FROM articles WHERE url LIKE ? || '%' ORDER BY id",
                            (prefix,))  # fmt: skip
        dates = [r[0] for r in rows]
    return dates == sorted(dates)


def _poll(env: dict[str, str], *args: str) -> str:
    done = run(env, "poll", *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_an_oldest_first_feed_is_read_past_its_first_200_items(
    env: dict[str, str], web: WebServer
) -> None:
    items = _news(web, range(450))  # oldest first: a new item comes at the end
    web.routes["/long.xml"] = Route(rss(items), etag='"v1"')
    assert run(env, "feeds", "add", web.url("/long.xml")).returncode == 0
    assert "200 articles read" in _poll(env)  # at most 200 new items a poll, oldest first
    assert _seen(env) == {f"n{i}" for i in range(200)}
    # The ETag of a poll that left items is not kept: the next poll reads the feed again.
    assert "200 articles read" in _poll(env, "--all")
    # One new item at each end of the document.
    items = _news(web, [1001]) + items + _news(web, [1000])
    web.routes["/long.xml"] = Route(rss(items), etag='"v2"')
    assert "52 articles read" in _poll(env, "--all")
    assert _seen(env) == {f"n{i}" for i in [*range(450), 1000, 1001]}
    assert _published_in_order(env)
    assert "unchanged" in _poll(env, "--all")  # all read: now the ETag is kept
    assert [s.status for s in web.seen("/long.xml")] == [200, 200, 200, 304]


def test_a_feed_of_10000_items_is_read_completely_over_successive_polls(
    env: dict[str, str], web: WebServer
) -> None:
    items = _news(web, range(9999, -1, -1))  # newest first: a new item comes at the top
    web.routes["/big.xml"] = Route(rss(items), gzip=True)
    assert run(env, "feeds", "add", web.url("/big.xml")).returncode == 0
    env = {**env, "CLAIMWATCH_FEED_ITEMS": "6000"}
    first = json.loads(_poll(env, "--json"))
    assert first["new_articles"] == 6000 and first["left"] == 4000
    assert _seen(env) == {f"n{i}" for i in range(6000)}  # the oldest
    items = _news(web, [10001]) + items + _news(web, [10000])
    web.routes["/big.xml"] = Route(rss(items), gzip=True)
    second = json.loads(_poll(env, "--all", "--json"))
    assert second["new_articles"] == 4002 and second["left"] == 0
    assert _seen(env) == {f"n{i}" for i in range(10002)}
    assert _published_in_order(env)


def _page(i: int) -> bytes:
    return (
        f"<!doctype html><html><body><article><h1>Panen desa {i}</h1><p>Warga desa nomor {i} "
        f"mulai memanen padi pekan ini, kata kepala desa nomor {i} kepada wartawan.</p>"
        "</article></body></html>"
    ).encode()


def test_a_feed_past_its_deadline_is_cut_off_and_read_on_next_poll(
    env: dict[str, str], web: WebServer
) -> None:
    pages = 16  # two seconds each, two at a time: 16 s for the whole feed
    items = _news(web, range(pages))
    for i in range(pages):
        items[i]["link"] = web.url(f"/p/{i}")
        web.routes[f"/p/{i}"] = Route(_page(i), content_type="text/html", delay=2.0)
    web.routes["/slow.xml"] = Route(rss(items), etag='"s1"')
    web.routes["/good.xml"] = Route(rss(_news(web, [500])))
    assert run(env, "feeds", "add", web.url("/slow.xml"), "--full-text").returncode == 0
    assert run(env, "feeds", "add", web.url("/good.xml")).returncode == 0
    # 10 s: the first pages arrive at 2 s and leave a busy machine's cold first ingest time
    # (at a load average of 6 on 2 cores, 6 s left none)
    cut = {**env, "CLAIMWATCH_FEED_DEADLINE": "10", "CLAIMWATCH_FEED_PAGES": "2"}
    first = {r["url"]: r for r in map(json.loads, _poll(cut, "--json").splitlines())}
    slow, good = first[web.url("/slow.xml")], first[web.url("/good.xml")]
    assert good["status"] == "ok" and good["new_articles"] == 1
    assert slow["status"] == "partial", slow
    assert 1 <= slow["new_articles"] < pages and slow["left"] == pages - slow["new_articles"]
    assert "cut off at the 10 s deadline" in slow["error"]
    assert len([s for s in web.seen() if s.path.startswith("/p/")]) < pages  # the rest unasked
    listed = {f["url"]: f for f in map(json.loads, run(env, "feeds", "list", "--json")
                                       .stdout.splitlines())}  # fmt: skip
    shown = listed[web.url("/slow.xml")]
    assert shown["failing"] and "cut off" in shown["last_error"]
    # It read something: polled again soon (a minute), not backed off like a failure.
    soon = datetime.fromisoformat(shown["next_poll_at"]) - datetime.now(UTC)
    assert soon < timedelta(seconds=70)
    second = {r["url"]: r for r in map(json.loads, _poll(env, "--all", "--json").splitlines())}
    assert second[web.url("/slow.xml")]["status"] == "ok"
    assert slow["new_articles"] + second[web.url("/slow.xml")]["new_articles"] == pages
    assert _seen(env) >= {f"n{i}" for i in range(pages)}
    assert _published_in_order(env, web.url("/p/"))
    listed = {f["url"]: f for f in map(json.loads, run(env, "feeds", "list", "--json")
                                       .stdout.splitlines())}  # fmt: skip
    assert not listed[web.url("/slow.xml")]["failing"]


def feed_limits(environ: dict[str, str]) -> PollLimits:
    return load(environ, need_token=False).poll


def test_the_polling_bounds_are_settings() -> None:
    assert feed_limits({}) == PollLimits(items=200, feeds=4, pages=4, deadline=120.0)
    given = {"CLAIMWATCH_FEED_ITEMS": "50", "CLAIMWATCH_FEED_CONCURRENCY": "8",
             "CLAIMWATCH_FEED_PAGES": "2", "CLAIMWATCH_FEED_DEADLINE": "30"}  # fmt: skip
    assert feed_limits(given) == PollLimits(items=50, feeds=8, pages=2, deadline=30.0)
    for name, value in [("CLAIMWATCH_FEED_ITEMS", "0"), ("CLAIMWATCH_FEED_PAGES", "two"),
                        ("CLAIMWATCH_FEED_DEADLINE", "-1")]:  # fmt: skip
        with pytest.raises(ConfigError, match="CLAIMWATCH_FEED"):
            feed_limits({name: value})
        with pytest.raises(ConfigError, match="CLAIMWATCH_FEED"):  # named at start-up
            load({"TELEGRAM_BOT_TOKEN": "123:abc", name: value})
