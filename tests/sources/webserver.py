"""A small web server on 127.0.0.1 for feed and page tests: routes with fixed answers,
conditional GET by ETag, gzip, slow and endless bodies, redirects; every request recorded."""

from __future__ import annotations

import contextlib
import gzip
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _QuietServer(ThreadingHTTPServer):
    """A server whose clients may hang up mid-request (a fetch past its size or time limit
    is what many tests check): that is no error worth a traceback in the test output."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None  # answer 304 to a request with If-None-Match: etag
    location: str | None = None  # a redirect
    delay: float = 0.0  # before answering
    endless: bool = False  # a body that never ends (until the client leaves)
    gzip: bool = False
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]
    status: int


class WebServer:
    """Serves ``routes`` on ``host`` (another loopback address, 127.0.0.2, is another host to
    the fetcher, which limits connections per host)."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, fmt: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server._answer(self)

        self._server = _QuietServer((host, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> WebServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def root(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.root + path

    def seen(self, path: str | None = None) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if path is None or r.path == path]

    def _record(self, handler: BaseHTTPRequestHandler, status: int) -> None:
        with self._lock:
            self.requests.append(Seen(handler.path, dict(handler.headers.items()), status))

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(handler.path)
        if route is None:
            self._record(handler, 404)
            handler.send_response(404)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if route.delay:
            time.sleep(route.delay)
        if route.etag and handler.headers.get("If-None-Match") == route.etag:
            self._record(handler, 304)
            handler.send_response(304)
            handler.send_header("ETag", route.etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        self._record(handler, route.status)
        handler.send_response(route.status)
        if route.location:
            handler.send_header("Location", route.location)
        handler.send_header("Content-Type", route.content_type)
        if route.etag:
            handler.send_header("ETag", route.etag)
        for key, value in route.headers.items():
            handler.send_header(key, value)
        if route.endless:
            handler.send_header("Connection", "close")
            handler.end_headers()
            self._endless(handler)
            return
        body = gzip.compress(route.body) if route.gzip else route.body
        if route.gzip:
            handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        # The client may stop reading (a page past its size limit): that is what is tested.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            handler.wfile.write(body)

    @staticmethod
    def _endless(handler: BaseHTTPRequestHandler) -> None:
        chunk = b"<item>" + b"x" * 65536 + b"</item>"
        try:
            for _ in _forever():
                handler.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            return


def _forever() -> Iterator[None]:
    while True:
        yield None


def rss(items: list[dict[str, str]], *, title: str = "Kabar") -> bytes:
    """An RSS 2.0 document; item keys: title, link, guid, description, pubDate."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>',
        f"<title>{title}</title><link>http://example.org/</link><description>d</description>",
    ]
    for item in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "pubDate"):
            if key in item:
                parts.append(f"<{key}>{item[key]}</{key}>")
        if "description" in item:
            parts.append(f"<description><![CDATA[{item['description']}]]></description>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")
