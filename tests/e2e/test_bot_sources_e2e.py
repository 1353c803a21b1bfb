"""Sources in the running bot: a feed's denial becomes an alert with no command, operators
manage feeds, /ingest <link> refuses private addresses (also behind a redirect), and a slow
feed holds no other."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sources.webserver import Route, WebServer, rss

from claimwatch.matchers.lexicon import seed_text

from .conftest import BotProcess, claimwatch_command
from .emulator import Emulator, Sent

ANA, OPERATOR = 5001, 5009
# A fresh answer: North Korea's own denial is in the seed article, and a re-report of an
# answer already flagged raises no new flag (issue 10, part 4).
DENIAL = "Moskow membantah Korea Utara telah mengirim pasukan ke Rusia, kata kantor berita TASS."


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
            lambda s: any("Moskow membantah" in t for t in _texts(s)[first:]),
            timeout=20,
            chat_id=ANA,
        )
        alert = next(t for t in _texts(emulator.sent(ANA)) if "Moskow membantah" in t)
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


def _page(i: int) -> bytes:
    """An article page (full text) of its own: item i of the slow feed."""
    return (
        f"<!doctype html><html><head><title>Desa {i}</title></head><body><article>"
        f"<h1>Panen di desa nomor {i}</h1><p>Warga desa nomor {i} mulai memanen padi pekan ini, "
        f"kata kepala desa nomor {i} kepada wartawan.</p><p>Hasil panen tahun ini lebih baik "
        f"daripada tahun lalu menurut catatan kelompok tani desa nomor {i}.</p>"
        "</article></body></html>"
    ).encode()


def _articles(db: str) -> list[tuple[int, str]]:
    """(id, url) of the articles, in the order they were written."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return [
            (r[0], r[1] or "") for r in conn.execute("SELECT id, url FROM articles ORDER BY id")
        ]


def _until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.05)


def test_a_slow_full_text_feed_does_not_delay_a_healthy_one(
    emulator: Emulator, bot_env: dict[str, str], tmp_path: Path, web: WebServer
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
        env = {**bot_env, "CLAIMWATCH_ALLOW_HOSTS": "127.0.0.1,127.0.0.2"}
        for url, extra in ((slow.url("/slow.xml"), ["--full-text"]), (web.url("/good.xml"), [])):
            added = subprocess.run([*claimwatch_command(), "feeds", "add", url, "--interval",
                                    "1s", *extra], env=env, capture_output=True, text=True,
                                   timeout=60, check=False)  # fmt: skip
            assert added.returncode == 0, added.stderr
        db = env["CLAIMWATCH_DB"]
        bot = _start(env, tmp_path, emulator)
        try:
            slow_url = slow.url("/p/")
            _until(lambda: any(url.startswith(slow_url) for _, url in _articles(db)), 30,
                   "the slow feed is being read")  # fmt: skip
            healthy.append({"title": "Banjir", "link": web.url("/h/2"), "guid": "h2",
                            "description": DENIAL})  # fmt: skip
            web.routes["/good.xml"] = Route(rss(healthy))
            new_item = web.url("/h/2")
            _until(lambda: any(url == new_item for _, url in _articles(db)), 30,
                   "the healthy feed's new item is read")  # fmt: skip
            _until(lambda: sum(url.startswith(slow_url) for _, url in _articles(db)) == pages,
                   60, "the slow feed is read to its end")  # fmt: skip
        finally:
            bot.stop()
    written = [url for _, url in _articles(db)]
    after = written[written.index(new_item) + 1 :]
    # The healthy feed's new item was written while the slow feed still had most of its
    # pages to go: a quarter of them at least came after it.
    assert sum(url.startswith(slow_url) for url in after) >= pages // 4, written
    slow_written = [url for url in written if url.startswith(slow_url)]
    assert slow_written == [slow.url(f"/p/{i}") for i in range(pages)]  # oldest first
    assert "Traceback" not in bot.output()
