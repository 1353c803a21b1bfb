"""Feeds through the command line (`claimwatch feeds add`, `poll`, `feeds list`, `ingest`),
each run through ``main(argv)`` in this process (:mod:`cli_in_process`) with the environment
a user's shell gives it, against a web server on 127.0.0.1 (CLAIMWATCH_ALLOW_HOSTS=127.0.0.1)."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_in_process import Ran, run_cli

from claimwatch.matchers.lexicon import seed_text

from .webserver import Route, WebServer, rss

# A fresh answer: North Korea's own denial is in the seed article already, and a re-report
# of an answer already flagged raises no new flag (issue 10, part 4).
DENIAL = "Moskow membantah Korea Utara telah mengirim pasukan ke Rusia, kata kantor berita TASS."
UNRELATED = "Gubernur Jawa Tengah meresmikan bendungan baru di Wonogiri pada Senin, kata pejabat."
COMMENT = "Rusia membantah semua tuduhan itu, tulis seorang pembaca bernama Budi."


def run(env: dict[str, str], *args: str) -> Ran:
    """``claimwatch ARGS`` in the environment ``env``, in this process."""
    return run_cli(*args, env=env)


def clean_environ() -> dict[str, str]:
    """This process's environment without proxies and without claimwatch's own settings."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.upper().endswith("_PROXY") and not k.startswith(("CLAIMWATCH_", "TELEGRAM_"))
    }


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **clean_environ(),
        "CLAIMWATCH_DB": str(tmp_path / "cw.db"),
        "CLAIMWATCH_ALLOW_HOSTS": "127.0.0.1",
        "CLAIMWATCH_FETCH_TIMEOUT": "1",
        "CLAIMWATCH_FETCH_MAX_BYTES": "500000",
    }


@pytest.fixture
def web() -> WebServer:
    with WebServer() as server:
        yield server


def _items(web: WebServer) -> list[dict[str, str]]:
    day = datetime(2024, 10, 22, 9, 0, tzinfo=UTC)
    texts = [seed_text("seed_article_id.txt"), DENIAL, UNRELATED]
    return [
        {
            "title": f"Berita {i}",
            "link": web.url(f"/berita/{i}?utm_source=rss&utm_medium=feed"),
            "guid": f"kabar-{i}",
            "pubDate": (day + timedelta(hours=i)).strftime("%a, %d %b %Y %H:%M:%S +0000"),
            "description": text,
        }
        for i, text in enumerate(texts)
    ]


def _db(env: dict[str, str]) -> sqlite3.Connection:
    return sqlite3.connect(env["CLAIMWATCH_DB"])


def test_a_feed_raises_the_denial_and_a_second_poll_costs_a_304(
    env: dict[str, str], web: WebServer
) -> None:
    web.routes["/feed.xml"] = Route(rss(_items(web)), etag='"v1"', gzip=True)
    added = run(env, "feeds", "add", web.url("/feed.xml"), "--name", "Kabar", "--json")
    assert added.returncode == 0, added.stderr
    first = run(env, "poll")
    assert first.returncode == 0, first.stderr
    assert "3 articles read" in first.stdout
    flags = [json.loads(line) for line in run(env, "flags", "--json").stdout.splitlines()]
    answer = [f for f in flags if "Moskow membantah" in f["statement_text"]]
    assert len(answer) == 1 and answer[0]["kind"] == "denial"
    assert "1.500" in answer[0]["claim_text"] and answer[0]["by"] == "Rusia"
    with _db(env) as db:
        published, url = db.execute(
            "SELECT published, url FROM articles WHERE text LIKE '%Moskow membantah%'"
        ).fetchone()
        counts = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert published.startswith("2024-10-22T10:00")  # the item's date, not the poll's
    assert url == web.url("/berita/1")  # tracking parameters removed

    second = run(env, "poll", "--all")
    assert second.returncode == 0 and "unchanged" in second.stdout
    assert [s.status for s in web.seen("/feed.xml")] == [200, 304]
    with _db(env) as db:
        assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == counts

    # the same stories in a second feed, reached at other URLs: nothing new either
    other = [{**i, "guid": "o" + i["guid"]} for i in _items(web)]
    other[0]["link"] = web.url("/berita/0?fbclid=abc")  # the same URL, once canonical
    other[1]["link"] = web.url("/mirror/berita-1")  # another URL, the same text
    web.routes["/other.xml"] = Route(rss(other))
    run(env, "feeds", "add", web.url("/other.xml"))
    third = run(env, "poll")
    assert "0 articles read, 3 skipped as duplicates" in third.stdout
    shown = json.loads(run(env, "feeds", "list", "--json").stdout.splitlines()[0])
    assert shown["articles"] == 3 and not shown["failing"]


PAGE = """<!doctype html><html><head><title>Korea Utara bantah kirim pasukan</title>
<meta property="article:published_time" content="2024-10-23T08:00:00+07:00"></head><body>
<nav><a href="/">Beranda</a> | <a href="/dunia">Dunia</a> | <a href="/login">Masuk</a></nav>
<div class="ads">IKLAN: Promo akhir tahun, kata toko kami, diskon 50 persen!</div>
<article><h1>Korea Utara bantah kirim pasukan ke Rusia</h1>
<p>{denial}</p>
<p>Pernyataan itu disampaikan sehari setelah badan intelijen Seoul menyebut sekitar 1.500
tentara Korea Utara telah tiba di Vladivostok untuk dilatih sebelum dikirim ke Ukraina.</p>
<p>Kementerian Luar Negeri Korea Utara juga menyebut laporan itu sebagai propaganda yang
sengaja disebarkan untuk merusak hubungan kedua negara, menurut kantor berita resmi KCNA.</p>
</article>
<aside class="related"><h3>Baca juga</h3><ul><li><a href="/a">Harga cabai naik</a></li></ul></aside>
<section id="comments" class="comments"><h3>Komentar</h3>
<div class="comment"><p>{comment}</p></div></section>
<footer>Hak cipta 2024 Kabar. Semua hak dilindungi.</footer></body></html>"""


def test_full_text_reads_the_article_body_only(env: dict[str, str], web: WebServer) -> None:
    web.routes["/artikel/1"] = Route(
        PAGE.format(denial=DENIAL, comment=COMMENT).encode(), content_type="text/html"
    )
    item = {"title": "Korea Utara bantah", "link": web.url("/artikel/1"), "guid": "a1",
            "description": "Ringkasan singkat."}  # fmt: skip
    web.routes["/full.xml"] = Route(rss([item]))
    assert run(env, "feeds", "add", web.url("/full.xml"), "--full-text").returncode == 0
    assert run(env, "poll").returncode == 0
    with _db(env) as db:
        texts = [r[0] for r in db.execute("SELECT text FROM statements")]
        article = db.execute("SELECT text, published FROM articles").fetchone()
    assert any("Moskow membantah" in t for t in texts)
    assert not any("Budi" in t or "IKLAN" in t or "Beranda" in t for t in texts), texts
    assert "Budi" not in article[0] and "Ringkasan singkat" not in article[0]
    assert article[1].startswith("2024-10-2")


def test_failing_feeds_are_backed_off_and_the_healthy_one_goes_on(
    env: dict[str, str], web: WebServer
) -> None:
    web.routes["/good.xml"] = Route(rss(_items(web)[1:2]))
    web.routes["/bozo.xml"] = Route(
        rss([{"title": "A & B <unclosed", "guid": "b1", "description": UNRELATED}])
    )
    failing = {
        "/slow.xml": Route(rss([]), delay=2.5),
        "/down.xml": Route(b"maintenance", status=503),
        "/broken.xml": Route(b"<rss><channel><title>x</title><<<>>> </chan"),
        "/page.xml": Route(
            b"<!doctype html><html><body><p>Halo</p></body></html>", content_type="text/html"
        ),
        "/endless.xml": Route(endless=True),
        "/loop.xml": Route(status=302, location="/loop2.xml"),
        "/loop2.xml": Route(status=302, location="/loop.xml"),
    }
    web.routes.update(failing)
    for path in ["/good.xml", "/bozo.xml", *[p for p in failing if p != "/loop2.xml"]]:
        assert run(env, "feeds", "add", web.url(path), "--interval", "10m").returncode == 0
    first = run(env, "poll")
    assert first.returncode == 0, first.stderr
    listed = {f["url"]: f for f in map(json.loads, run(env, "feeds", "list", "--json")
                                       .stdout.splitlines())}  # fmt: skip
    expect = {
        "/slow.xml": "timeout|in time", "/down.xml": "503", "/broken.xml": "not a feed",
        "/page.xml": "HTML page", "/endless.xml": "more than", "/loop.xml": "loop",
    }  # fmt: skip
    now = datetime.now(UTC)
    for path, error in expect.items():
        feed = listed[web.url(path)]
        assert feed["failing"] and feed["failures"] == 1, feed
        assert any(e in (feed["last_error"] or "") for e in error.split("|")), feed
        backoff = datetime.fromisoformat(feed["next_poll_at"]) - now
        assert timedelta(minutes=17) < backoff < timedelta(minutes=23)  # 2 x 10 min, jittered
    assert not listed[web.url("/good.xml")]["failing"]
    bozo = listed[web.url("/bozo.xml")]
    assert not bozo["failing"] and bozo["articles"] == 1  # malformed, but it has an item
    text = run(env, "feeds", "list").stdout
    assert text.count("FAILING") == 6

    second = run(env, "poll", "--all")
    assert second.returncode == 0
    listed = {f["url"]: f for f in map(json.loads, run(env, "feeds", "list", "--json")
                                       .stdout.splitlines())}  # fmt: skip
    assert all(listed[web.url(p)]["failures"] == 2 for p in expect)
    later = datetime.fromisoformat(listed[web.url("/down.xml")]["next_poll_at"]) - now
    assert later > timedelta(minutes=35)  # 4 x 10 min
    assert len(web.seen("/good.xml")) == 2 and not listed[web.url("/good.xml")]["failing"]


def test_ingest_reads_a_link_and_a_folder(env: dict[str, str], web: WebServer,
                                          tmp_path: Path) -> None:  # fmt: skip
    web.routes["/artikel/2"] = Route(
        PAGE.format(denial=DENIAL, comment=COMMENT).encode(), content_type="text/html"
    )
    folder = tmp_path / "arsip"
    folder.mkdir()
    (folder / "a.txt").write_text(seed_text("seed_article_id.txt"), encoding="utf-8")
    (folder / "b.txt").write_text(UNRELATED, encoding="utf-8")
    (folder / "c.html").write_text(PAGE.format(denial=DENIAL, comment=COMMENT), encoding="utf-8")
    (folder / "d.txt").write_bytes(b"\x00\x01 binary")
    bulk = run(env, "ingest", str(folder))
    assert bulk.returncode == 1  # one file refused, the others read
    assert "3 articles read, 0 skipped as duplicates, 1 refused" in bulk.stdout
    assert "d.txt" in bulk.stderr
    link = run(env, "ingest", "--json", web.url("/artikel/2?utm_campaign=x"))
    assert link.returncode == 0, link.stderr
    assert json.loads(link.stdout)["duplicate"]  # the same text as c.html

    loopback = {**env, "CLAIMWATCH_ALLOW_HOSTS": ""}
    refused = run(loopback, "ingest", web.url("/artikel/2"))
    assert refused.returncode == 1 and "private or local" in refused.stderr
    assert len(web.seen("/artikel/2")) == 1  # the refused fetch sent nothing
    assert run(loopback, "feeds", "add", web.url("/feed.xml")).returncode == 1
