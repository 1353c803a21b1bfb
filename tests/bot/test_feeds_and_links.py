"""Sources in the running bot, in process (its job queue polls the feeds): a feed's denial
becomes an alert with no command, operators manage feeds, /ingest <link> refuses private
addresses (also behind a redirect) and is limited per user, and a slow feed holds no other.
The pages and feeds come from a web server on 127.0.0.1."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e.emulator import Emulator
from sources.webserver import Route, WebServer, rss

from claimwatch.matchers.lexicon import seed_text

from .conftest import Harness, running_bot, until

ANA, OPERATOR = 5001, 5009
# A fresh answer: North Korea's own denial is in the seed article, and a re-report of an
# answer already flagged raises no new flag (issue 10, part 4).
DENIAL = "Moskow membantah Korea Utara telah mengirim pasukan ke Rusia, kata kantor berita TASS."


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        yield server


def _env(bot_env: dict[str, str], **extra: str) -> dict[str, str]:
    return {**bot_env, "CLAIMWATCH_ADMINS": str(OPERATOR), "CLAIMWATCH_FEED_CHECK": "0.5",
            "CLAIMWATCH_FETCH_TIMEOUT": "2", **extra}  # fmt: skip


async def _say(bot: Harness, chat_id: int, text: str, **options: str) -> str:
    return (await bot.ask(chat_id, text, **options))[-1].plain_text or ""


async def test_a_feed_denial_reaches_a_subscribed_chat_without_a_command(
    bot_env: dict[str, str], emulator: Emulator, web: WebServer
) -> None:
    items = [
        {"title": "Seoul: Korut kirim tentara", "link": web.url("/a/1"), "guid": "1",
         "pubDate": "Tue, 22 Oct 2024 09:00:00 +0000",
         "description": seed_text("seed_article_id.txt")},
    ]  # fmt: skip
    web.routes["/rss.xml"] = Route(rss(items), etag='"1"')
    env = _env(bot_env, CLAIMWATCH_ALLOW_HOSTS="127.0.0.1")
    async with running_bot(env, emulator, jobs=True) as bot:
        await _say(bot, ANA, "/subscribe Pyongyang", language_code="id")
        # a non-operator cannot add feeds; the operator can
        assert "operator" in await _say(bot, ANA, f"/addfeed {web.url('/rss.xml')}")
        reply = await _say(bot, OPERATOR, f"/addfeed {web.url('/rss.xml')} 1s Kabar Dunia")
        assert "Kabar Dunia" in reply
        first = len(bot.texts(ANA))
        await until(lambda: len(bot.texts(ANA)) > first, what="the first item's alerts")
        first = len(bot.texts(ANA))
        # the next item is the denial: it arrives by the feed alone
        denial = {"title": "KCNA", "link": web.url("/a/2"), "guid": "2",
                  "pubDate": "Wed, 23 Oct 2024 09:00:00 +0000", "description": DENIAL}  # fmt: skip
        items.append(denial)
        web.routes["/rss.xml"] = Route(rss(items), etag='"2"')
        await until(
            lambda: any("Moskow membantah" in t for t in bot.texts(ANA)[first:]),
            what="the denial's alert",
        )
        alert = next(t for t in bot.texts(ANA) if "Moskow membantah" in t)
        assert "Kabar Dunia" in alert and "1.500" in alert
        listing = await _say(bot, OPERATOR, "/feeds")
        assert "Kabar Dunia" in listing and "✅" in listing
        assert "removed" in await _say(bot, OPERATOR, "/delfeed 1")
        # a removed feed is not polled: another feed is polled twice meanwhile
        web.routes["/other.xml"] = Route(rss([]))
        await _say(bot, OPERATOR, f"/addfeed {web.url('/other.xml')} 1s")
        polled = len(web.seen("/rss.xml"))
        await until(lambda: len(web.seen("/other.xml")) >= 2, what="the other feed's polls")
        assert len(web.seen("/rss.xml")) == polled


async def test_ingest_of_a_link_refuses_private_addresses(
    bot_env: dict[str, str], emulator: Emulator, web: WebServer
) -> None:
    web.routes["/page"] = Route(b"<html><body><p>x</p></body></html>", content_type="text/html")
    web.routes["/jump"] = Route(status=302, location="http://169.254.169.254/latest/meta-data/")
    async with running_bot(_env(bot_env), emulator) as bot:  # loopback not allowed
        reply = await _say(bot, ANA, f"/ingest {web.url('/page')}")
        assert "private or local" in reply and web.seen() == []
    async with running_bot(_env(bot_env, CLAIMWATCH_ALLOW_HOSTS="127.0.0.1"), emulator) as bot:
        reply = await _say(bot, ANA, f"/ingest {web.url('/jump')}")
        assert "private or local" in reply
        assert [s.path for s in web.seen()] == ["/jump"]
        for _ in range(5):  # the per-user limit: five links in ten minutes
            await _say(bot, ANA, f"/ingest {web.url('/jump')}")
        assert "wait" in await _say(bot, ANA, f"/ingest {web.url('/jump')}")


def _page(i: int) -> bytes:
    """An article page (full text) of its own: item i of the slow feed."""
    return (
        f"<!doctype html><html><head><title>Desa {i}</title></head><body><article>"
        f"<h1>Panen di desa nomor {i}</h1><p>Warga desa nomor {i} mulai memanen padi pekan ini, "
        f"kata kepala desa nomor {i} kepada wartawan.</p><p>Hasil panen tahun ini lebih baik "
        f"daripada tahun lalu menurut catatan kelompok tani desa nomor {i}.</p>"
        "</article></body></html>"
    ).encode()


def _articles(db: Path) -> list[tuple[int, str]]:
    """(id, url) of the articles, in the order they were written."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return [
            (r[0], r[1] or "") for r in conn.execute("SELECT id, url FROM articles ORDER BY id")
        ]


async def test_a_slow_full_text_feed_does_not_delay_a_healthy_one(
    bot_env: dict[str, str], emulator: Emulator, web: WebServer
) -> None:
    pages = 16
    with WebServer("127.0.0.2") as slow:  # another host: its own connections
        items = [{"title": f"Desa {i}", "link": slow.url(f"/p/{i}"), "guid": f"s{i}",
                  "pubDate": f"Tue, 22 Oct 2024 {i:02d}:00:00 +0000",
                  "description": f"Ringkasan berita desa nomor {i} hari ini."}
                 for i in range(pages)]  # fmt: skip
        slow.routes["/slow.xml"] = Route(rss(items))
        for i in range(pages):  # every page takes a second: 8 s at two connections a host
            slow.routes[f"/p/{i}"] = Route(_page(i), content_type="text/html", delay=1.0)
        weather = "Cuaca cerah di Jakarta sepanjang hari, kata BMKG."
        healthy = [{"title": "Cuaca", "link": web.url("/h/1"), "guid": "h1",
                    "description": weather}]  # fmt: skip
        web.routes["/good.xml"] = Route(rss(healthy))
        env = _env(bot_env, CLAIMWATCH_ALLOW_HOSTS="127.0.0.1,127.0.0.2")
        async with running_bot(env, emulator, jobs=True) as bot:
            for url, full_text in ((slow.url("/slow.xml"), True), (web.url("/good.xml"), False)):
                await bot.store.feeds.add(
                    url, name=url, interval_s=1, full_text=full_text, added_by=None
                )
            db, slow_url, new_item = bot.db, slow.url("/p/"), web.url("/h/2")
            await until(lambda: any(url.startswith(slow_url) for _, url in _articles(db)),
                        30, "the slow feed is being read")  # fmt: skip
            healthy.append({"title": "Banjir", "link": new_item, "guid": "h2",
                            "description": DENIAL})  # fmt: skip
            web.routes["/good.xml"] = Route(rss(healthy))
            await until(lambda: any(url == new_item for _, url in _articles(db)), 30,
                        "the healthy feed's new item is read")  # fmt: skip
            await until(lambda: sum(url.startswith(slow_url) for _, url in _articles(db))
                        == pages, 60, "the slow feed is read to its end")  # fmt: skip
    written = [url for _, url in _articles(db)]
    after = written[written.index(new_item) + 1 :]
    # The healthy feed's new item was written while the slow feed still had most of its
    # pages to go: a quarter of them at least came after it.
    assert sum(url.startswith(slow_url) for url in after) >= pages // 4, written
    slow_written = [url for url in written if url.startswith(slow_url)]
    assert slow_written == [slow.url(f"/p/{i}") for i in range(pages)]  # oldest first
