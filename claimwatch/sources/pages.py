"""Web pages and feed snippets to article text (trafilatura), and canonical URLs (courlan).

A news page is mostly navigation, ads, related links and comments; trafilatura keeps the
article body (comments and tables left out, precision over recall), so the statements come
from what the outlet wrote, not from its readers.

A hostile page must not hold the process. Trafilatura's time grows faster than the page
(measured on this 2-core machine: 5 MB of links 166 s and 680 MB; 5 MB of line breaks 71 s;
72 kB of crafted JSON-LD 14 s and four times that per doubling, a regular expression
backtracking), and it raises on some broken pages (a document whose root is ``<svg>``:
AssertionError in htmldate). So a page is read in a child process (forked from a server
that has trafilatura loaded: about 40 ms a page) that gives up past
:data:`MAX_PAGE_ELEMENTS` elements and is stopped after :data:`EXTRACT_SECONDS`; any
failure in it is a one-line refusal, never a traceback.
"""

from __future__ import annotations

import multiprocessing
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from multiprocessing.connection import Connection
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import courlan
import trafilatura
from lxml import etree

from claimwatch.engine.articles import InputRefused

_TAGS = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
# Less main text than a sentence with its speaker is a page without an article (a login
# wall, an error page, a gallery), not a very short article.
MIN_PAGE_TEXT = 40
# A news page has a few thousand elements; 50,000 <a> take trafilatura 17 s and 220 MB here.
MAX_PAGE_ELEMENTS = 50_000
# Real pages take well under a second; the worst under the element cap about 20 s.
EXTRACT_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None
    published: datetime | None


def looks_like_html(text: str) -> bool:
    head = text[:5000].lower()
    return "<html" in head or "<!doctype html" in head or len(_TAGS.findall(head)) >= 5


def extract_article(page: str | bytes, url: str | None = None) -> Extracted | None:
    """The main text of a page, its title and date; None when it holds no article or cannot
    be read (a feed then keeps the item's own text). :func:`page_article` says why."""
    try:
        return page_article(page, url)
    except InputRefused:
        return None


def page_article(
    page: str | bytes, url: str | None = None, *, timeout: float = EXTRACT_SECONDS
) -> Extracted:
    """The main text of a page, or InputRefused with the reason: no article in it, too many
    elements, too slow to read, or a page the parser fails on."""
    try:
        context = _context()
        reader, writer = context.Pipe(duplex=False)
    except OSError as exc:  # out of file handles or processes: this page, not the caller
        raise InputRefused(f"this page cannot be read now ({exc.strerror or exc})") from None
    with reader:
        with writer:  # the child holds its own copy; ours is closed so EOF can be seen
            child = context.Process(target=_extract_in_child, args=(writer, page, url), daemon=True)
            try:
                child.start()
            except OSError as exc:
                raise InputRefused(
                    f"this page cannot be read now ({exc.strerror or exc})"
                ) from None
        try:
            kind, value = _answer(reader, timeout)
        finally:
            if child.is_alive():
                child.kill()
            child.join()
    if kind == "refused":
        raise InputRefused(value)
    return value


def _answer(reader: Connection, timeout: float) -> tuple[str, Any]:
    try:
        if not reader.poll(timeout):
            raise InputRefused(f"reading this page took longer than {timeout:g} s; stopped")
        return reader.recv()
    except EOFError:  # it died without a word (killed, out of memory)
        raise InputRefused("this page cannot be read (the reader stopped)") from None


@cache
def _context() -> multiprocessing.context.ForkServerContext:
    """Children forked from a server that has imported trafilatura: cheap to start, and
    safe to start from the bot's threads (no fork of a process that runs them)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def _extract_in_child(conn: Connection, page: str | bytes, url: str | None) -> None:
    try:
        conn.send(("ok", _extract(page, url)))
    except InputRefused as exc:
        conn.send(("refused", str(exc)))
    except Exception as exc:  # lxml, trafilatura and htmldate raise all kinds on broken pages
        conn.send(("refused", f"this page cannot be read ({type(exc).__name__} in the parser)"))
    finally:
        conn.close()


class _TooMany(Exception):
    pass


class _ElementCounter:
    """A parser target that builds nothing and stops at the cap."""

    def __init__(self) -> None:
        self.count = 0

    def start(self, tag: str, attrib: object) -> None:
        del tag, attrib
        self.count += 1
        if self.count > MAX_PAGE_ELEMENTS:
            raise _TooMany

    def close(self) -> int:
        return self.count


def _check_elements(page: str | bytes) -> None:
    """Counted by libxml2 without building a tree (5 MB: 0.2 s, no memory to speak of)."""
    if isinstance(page, str):  # as bytes: a str with an encoding declaration or NUL is refused
        page = page.encode("utf-8", errors="replace")
        parser = etree.HTMLParser(target=_ElementCounter(), no_network=True, encoding="utf-8")
    else:
        parser = etree.HTMLParser(target=_ElementCounter(), no_network=True)
    try:
        etree.fromstring(page, parser)
    except _TooMany:
        raise InputRefused(
            f"this page has more than {MAX_PAGE_ELEMENTS:,} HTML elements; too many for an article"
        ) from None
    except etree.LxmlError:
        return  # not countable (an empty page): trafilatura says what it makes of it


def _extract(page: str | bytes, url: str | None) -> Extracted:
    _check_elements(page)
    doc = trafilatura.bare_extraction(
        page,
        url=url,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        with_metadata=True,
    )
    if doc is None or len((getattr(doc, "text", None) or "").strip()) < MIN_PAGE_TEXT:
        raise InputRefused("no article text found in this HTML page")
    published = None
    if getattr(doc, "date", None):
        try:
            published = datetime.fromisoformat(doc.date).replace(tzinfo=UTC)
        except ValueError:
            published = None
    return Extracted(doc.text, getattr(doc, "title", None), published)


def canonical_url(url: str) -> str:
    """The URL without tracking parameters (utm_*, fbclid, ref ...) and fragment, so the
    same story reached from two feeds is one article."""
    try:
        normal = courlan.normalize_url(url, strict=False)
    except (ValueError, AttributeError):
        normal = url
    parts = urlsplit(normal)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
