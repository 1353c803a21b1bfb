"""The fetcher against a web server on 127.0.0.1: what it refuses before connecting, and the
limits it keeps. Host names are resolved by an injected resolver, never by DNS."""

from __future__ import annotations

import tracemalloc
import zlib

import pytest

from claimwatch.sources.fetch import Fetcher, FetchError, Limits, is_public, static_resolver

from .webserver import Route, WebServer

FAST = Limits(connect_timeout=2, read_timeout=1, deadline=3, max_bytes=200_000, max_redirects=3)


@pytest.fixture
def web() -> WebServer:
    with WebServer() as server:
        server.routes["/page"] = Route(b"hello", content_type="text/plain")
        yield server


def _resolver(port: int) -> object:
    del port
    return static_resolver(
        {"news.example.com": "127.0.0.1", "evil.example.com": "10.1.2.3",
         "meta.example.com": "169.254.169.254", "v6.example.com": "::1",
         "6to4.example.com": "2002:a9fe:a9fe::1"}
    )  # fmt: skip


@pytest.mark.parametrize(
    ("address", "public"),
    [("8.8.8.8", True), ("127.0.0.1", False), ("10.0.0.1", False), ("192.168.1.1", False),
     ("172.16.0.1", False), ("169.254.169.254", False), ("100.64.0.1", False), ("::1", False),
     ("fe80::1", False), ("fd00::1", False), ("::ffff:127.0.0.1", False), ("0.0.0.0", False),  # noqa: S104
     ("224.0.0.1", False), ("2606:4700::1111", True)],
)  # fmt: skip
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(address) is public


@pytest.mark.parametrize(
    ("address", "public"),
    [("2002:7f00:1::1", False), ("2002:a00:1::", False), ("2002:c0a8:101::1", False),  # 6to4
     ("2002:a9fe:a9fe::1", False), ("2002:6440:1::1", False), ("2002:808:808::1", True),
     ("64:ff9b::7f00:1", False), ("64:ff9b::a9fe:a9fe", False), ("64:ff9b::a00:1", False),
     ("64:ff9b::808:808", True), ("64:ff9b:1::808:808", False),  # NAT64, local-use NAT64
     ("2001:0:4136:e378:8000:63bf:80ff:fffe", False),  # Teredo, client 127.0.0.1
     ("2001:0:4136:e378:8000:63bf:f5ff:fffe", False),  # Teredo, client 10.0.0.1
     ("::ffff:10.0.0.1", False), ("::ffff:8.8.8.8", True),  # IPv4-mapped
     ("::127.0.0.1", False), ("::ffff:0:127.0.0.1", False)],  # IPv4-compatible, -translated
)  # fmt: skip
def test_ipv6_addresses_are_judged_by_the_ipv4_address_they_carry(
    address: str, public: bool
) -> None:
    """2002:7f00:1::1 is 6to4 for 127.0.0.1: Python's tables call it global."""
    assert is_public(address) is public


async def test_loopback_is_refused_unless_allowed(web: WebServer) -> None:
    async with Fetcher(limits=FAST) as fetcher:
        with pytest.raises(FetchError) as refused:
            await fetcher.get(web.url("/page"))
    assert refused.value.kind == "refused" and web.seen() == []
    async with Fetcher(allow_hosts=["127.0.0.1"], limits=FAST) as fetcher:
        assert (await fetcher.get(web.url("/page"))).body == b"hello"


async def test_a_public_name_is_fetched_at_the_checked_address(web: WebServer) -> None:
    port = web.root.rsplit(":", 1)[1]
    async with Fetcher(allow_hosts=["127.0.0.1"], resolver=_resolver(0), limits=FAST) as f:
        page = await f.get(f"http://news.example.com:{port}/page")
    assert page.body == b"hello"
    assert web.seen("/page")[0].headers["Host"] == f"news.example.com:{port}"
    assert "claimwatch" in web.seen("/page")[0].headers["User-Agent"]


@pytest.mark.parametrize(
    "name", ["evil.example.com", "meta.example.com", "v6.example.com", "6to4.example.com"]
)
async def test_names_of_private_addresses_are_refused_before_connecting(name: str) -> None:
    async with Fetcher(allow_hosts=["127.0.0.1"], resolver=_resolver(0), limits=FAST) as f:
        with pytest.raises(FetchError, match="private or local") as refused:
            await f.get(f"http://{name}/feed.xml")
    assert refused.value.kind == "refused"


@pytest.mark.parametrize(
    "target", ["http://10.0.0.7/admin", "http://169.254.169.254/latest/meta-data/",
               "http://evil.example.com/x", "file:///etc/passwd", "gopher://127.0.0.1/",
               "http://[2002:7f00:1::1]/admin", "http://[2002:a9fe:a9fe::]/latest/meta-data/",
               "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
               "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/admin"],
)  # fmt: skip
async def test_redirects_to_private_places_are_refused(web: WebServer, target: str) -> None:
    web.routes["/go"] = Route(status=302, location=target)
    async with Fetcher(allow_hosts=["127.0.0.1"], resolver=_resolver(0), limits=FAST) as f:
        with pytest.raises(FetchError) as refused:
            await f.get(web.url("/go"))
    assert refused.value.kind == "refused"
    assert [s.path for s in web.seen()] == ["/go"]


async def test_redirect_loops_and_chains_end(web: WebServer) -> None:
    web.routes["/a"] = Route(status=301, location="/b")
    web.routes["/b"] = Route(status=301, location="/a")
    for i in range(6):
        web.routes[f"/c{i}"] = Route(status=302, location=f"/c{i + 1}")
    async with Fetcher(allow_hosts=["127.0.0.1"], limits=FAST) as f:
        with pytest.raises(FetchError, match="loop"):
            await f.get(web.url("/a"))
        with pytest.raises(FetchError, match="more than 3 redirects"):
            await f.get(web.url("/c0"))


async def test_size_and_time_limits(web: WebServer) -> None:
    web.routes["/endless"] = Route(endless=True)
    web.routes["/big"] = Route(b"x" * 300_000)
    web.routes["/slow"] = Route(b"late", delay=2.5)
    web.routes["/bomb"] = Route(b"\0" * 5_000_000, gzip=True)  # small on the wire
    async with Fetcher(allow_hosts=["127.0.0.1"], limits=FAST) as f:
        for path, kind in (("/endless", "too_large"), ("/big", "too_large"),
                           ("/slow", "timeout"), ("/bomb", "too_large")):  # fmt: skip
            with pytest.raises(FetchError) as failed:
                await f.get(web.url(path))
            assert failed.value.kind == kind, path


async def test_gzip_and_conditional_get(web: WebServer) -> None:
    web.routes["/feed"] = Route(b"<rss>...</rss>", etag='"v1"', gzip=True)
    async with Fetcher(allow_hosts=["127.0.0.1"], limits=FAST) as f:
        first = await f.get(web.url("/feed"))
        again = await f.get(web.url("/feed"), etag=first.etag)
    assert first.body == b"<rss>...</rss>" and first.etag == '"v1"'
    assert again.not_modified and [s.status for s in web.seen("/feed")] == [200, 304]
    assert "gzip" in web.seen("/feed")[0].headers["Accept-Encoding"]


async def test_http_errors_are_reported(web: WebServer) -> None:
    web.routes["/down"] = Route(b"oops", status=503)
    async with Fetcher(allow_hosts=["127.0.0.1"], limits=FAST) as f:
        with pytest.raises(FetchError, match="HTTP 503") as failed:
            await f.get(web.url("/down"))
        with pytest.raises(FetchError, match=r"not a valid URL|no host"):
            await f.get("http://")
    assert failed.value.kind == "http"


async def test_a_public_looking_name_that_redirects_to_a_private_address(web: WebServer) -> None:
    """news.example.com resolves (by injection) to the test server, which is allowed by
    address; its redirect to a name of a private address is refused before connecting."""
    port = web.root.rsplit(":", 1)[1]
    web.routes["/story"] = Route(status=301, location="http://evil.example.com/admin")
    async with Fetcher(allow_hosts=["127.0.0.1"], resolver=_resolver(0), limits=FAST) as f:
        with pytest.raises(FetchError, match=r"evil\.example\.com is a private") as refused:
            await f.get(f"http://news.example.com:{port}/story")
    assert refused.value.kind == "refused"
    assert [s.path for s in web.seen()] == ["/story"]


async def test_a_compressed_body_is_inflated_no_further_than_the_limit(web: WebServer) -> None:
    """A gzip bomb: 100 MB of zeros in 100 kB. httpx inflated each network chunk whole, so
    64 kB of it took 64 MB of memory before the size was checked."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    bomb = b"".join(packer.compress(bytes(1 << 20)) for _ in range(100)) + packer.flush()
    web.routes["/bomb.html"] = Route(bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        async with Fetcher(allow_hosts=["127.0.0.1"], limits=FAST) as f:
            with pytest.raises(FetchError) as failed:
                await f.get(web.url("/bomb.html"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert failed.value.kind == "too_large"
    assert peak < 10_000_000  # the limit is 200 kB


@pytest.mark.parametrize(
    ("encoding", "wbits"),
    [("gzip", zlib.MAX_WBITS | 16), ("deflate", zlib.MAX_WBITS), ("deflate", -zlib.MAX_WBITS)],
)
async def test_compressed_bodies_are_read(web: WebServer, encoding: str, wbits: int) -> None:
    """deflate is zlib-wrapped by the standard; some servers send the raw stream."""
    page = b"<p>Korea Utara membantah mengirim pasukan.</p>" * 500
    packer = zlib.compressobj(6, zlib.DEFLATED, wbits)
    web.routes["/z"] = Route(packer.compress(page) + packer.flush(),
                             headers={"Content-Encoding": encoding})  # fmt: skip
    async with Fetcher(allow_hosts=["127.0.0.1"], limits=FAST) as f:
        assert (await f.get(web.url("/z"))).body == page


async def test_an_encoding_that_was_not_asked_for_is_refused(web: WebServer) -> None:
    """Accept-Encoding says gzip, deflate; a br body cannot be size-checked as it inflates."""
    web.routes["/br"] = Route(b"\x1b\x03\x00", headers={"Content-Encoding": "br"})
    async with Fetcher(allow_hosts=["127.0.0.1"], limits=FAST) as f:
        with pytest.raises(FetchError, match="Content-Encoding 'br'") as refused:
            await f.get(web.url("/br"))
    assert refused.value.kind == "http"
