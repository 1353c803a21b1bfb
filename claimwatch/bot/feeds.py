"""Polling feeds (feedparser) and reading links: new items become articles in the pipeline.

A poll is a conditional GET (a 304 costs nothing); items are skipped when their GUID was
seen on this feed, when their canonical URL is already an article, or (in the pipeline)
when their text is. A failing feed backs off exponentially and shows its last error; it
never stops the others. A "bozo" feed (malformed XML) that still yields items is used.
"""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import logging
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit

import feedparser

from claimwatch.bot.articles import InputRefused
from claimwatch.bot.fetch import Fetcher, FetchError
from claimwatch.bot.pages import canonical_url, extract_article, html_to_text
from claimwatch.bot.pipeline import IngestResult, ingest
from claimwatch.storage.chats import iso
from claimwatch.storage.feeds import FeedRow, FeedStore

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = 600
MIN_INTERVAL = 1  # seconds; tests poll fast, operators should not go below a minute
MAX_BACKOFF = 6 * 3600
MAX_ITEMS = 200  # per poll: a feed of thousands is read in several polls, newest first
_INTERVAL = re.compile(r"^\s*(\d+)\s*(s|sec|m|min|h|hr|d)?\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


# Feeds that declare one encoding and use another, or are served as text/plain, parse fine.
_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


class NotAFeed(Exception):
    """The answer parsed as no feed at all."""


def parse_interval(text: str) -> int:
    """'10m', '90s', '1h', '600' -> seconds; ValueError otherwise."""
    match = _INTERVAL.match(text)
    if not match:
        raise ValueError(f"an interval looks like 10m, 90s or 1h, not {text!r}")
    seconds = int(match.group(1)) * _UNITS[(match.group(2) or "s").lower()]
    if seconds < MIN_INTERVAL:
        raise ValueError("the interval must be at least one second")
    return seconds


def next_poll(interval: int, failures: int, now: datetime) -> str:
    """Jittered (±10 %) so feeds added together do not fire together; doubled per failure."""
    base = min(MAX_BACKOFF, interval * (2**failures)) if failures else interval
    return iso(now + timedelta(seconds=base * random.uniform(0.9, 1.1)))


@dataclass(slots=True)
class Tally:
    """What reading a batch of articles gave (a poll, a bulk ingest), for its summary."""

    read: int = 0
    duplicates: int = 0
    refused: int = 0
    statements: int = 0
    claims: int = 0
    flags: int = 0

    def add(self, result: IngestResult) -> None:
        if result.duplicate:
            self.duplicates += 1
            return
        self.read += 1
        self.statements += len(result.statements)
        self.claims += len(result.new_claims)
        self.flags += len(result.flags)

    def merge(self, other: Tally) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        return (
            f"{self.read} articles read, {self.duplicates} skipped as duplicates, "
            f"{self.refused} refused; {self.statements} statements, {self.claims} new claims, "
            f"{self.flags} flags"
        )


@dataclass(slots=True)
class PollReport:
    feed: FeedRow
    status: str = "ok"  # ok, unchanged, failed
    error: str | None = None
    tally: Tally = field(default_factory=Tally)


def _published(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    return None


def _guid(entry: Any) -> str:
    for key in ("id", "guid", "link"):
        if entry.get(key):
            return str(entry[key])[:1000]
    basis = f"{entry.get('title', '')}\n{entry.get('summary', '')}"
    return "sha256:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="")
    body = html_to_text(html or entry.get("summary", "") or "")
    title = html_to_text(entry.get("title", "") or "")
    if title and title.lower() not in body.lower():
        ending = "" if title[-1] in ".!?\"'”" else "."
        return f"{title}{ending}\n\n{body}".strip()
    return body


def parse_feed(body: bytes, content_type: str, url: str) -> list[Any]:
    """Entries of a feed; NotAFeed when nothing in it is one (an HTML page, junk)."""
    parsed = feedparser.parse(body, response_headers={"content-type": content_type,
                                                      "content-location": url})  # fmt: skip
    if parsed.entries:
        return list(parsed.entries)  # malformed ("bozo") or not: items are items
    reason = parsed.get("bozo_exception")
    benign = reason is None or isinstance(reason, _BENIGN)
    if parsed.get("version") and benign:
        return []  # a real feed, empty for now
    if "html" in content_type.lower() or body.lstrip()[:15].lower().startswith(
        (b"<!doctype html", b"<html")
    ):
        raise NotAFeed("the address answers with an HTML page, not a feed")
    if reason is not None and not benign:
        raise NotAFeed(f"not a feed: malformed XML ({str(reason)[:120]})")
    raise NotAFeed("not a feed: no items")


class Progress(Protocol):
    """A progress bar (tqdm's interface): items are added to its total as feeds yield them."""

    total: float | None

    def update(self, n: float = 1) -> object: ...

    def refresh(self) -> None: ...


async def poll_feed(
    store: FeedStore, fetcher: Fetcher, feed: FeedRow, progress: Progress | None = None
) -> PollReport:
    report = PollReport(feed)
    now = datetime.now(UTC)
    try:
        fetched = await fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if fetched.not_modified:
            report.status = "unchanged"
        else:
            entries = await asyncio.to_thread(
                parse_feed, fetched.body, fetched.content_type, fetched.url
            )
            await _read_entries(store, fetcher, feed, entries[:MAX_ITEMS], report, progress)
    except (FetchError, NotAFeed) as exc:
        report.status, report.error = "failed", str(exc)
        await store.feed_failed(
            feed.id, next_poll_at=next_poll(feed.interval_s, feed.failures + 1, now),
            error=str(exc),
        )  # fmt: skip
        log.warning("feed %d (%s) failed: %s", feed.id, feed.url, exc)
        return report
    await store.feed_polled(
        feed.id,
        next_poll_at=next_poll(feed.interval_s, 0, now),
        status=fetched.status,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
    )
    return report


async def _read_entries(
    store: FeedStore,
    fetcher: Fetcher,
    feed: FeedRow,
    entries: Sequence[Any],
    report: PollReport,
    progress: Progress | None,
) -> None:
    guids = [_guid(e) for e in entries]
    seen = await store.seen_items(feed.id, guids)
    # Oldest first, so a claim is stored before the denial that answers it.
    fresh = [(g, e) for g, e in zip(guids, entries, strict=True) if g not in seen]
    fresh.sort(key=lambda ge: _published(ge[1]) or datetime.max.replace(tzinfo=UTC))
    if progress is not None:
        progress.total = (progress.total or 0) + len(fresh)
        progress.refresh()
    for guid, entry in fresh:
        if progress is not None:
            progress.update(1)
        link = entry.get("link")
        url = canonical_url(link) if link else None
        if url and await store.article_by_url(url) is not None:
            report.tally.duplicates += 1
            await store.add_item(feed.id, guid, url=url, article_id=None,
                                 note="duplicate url", new_article=False)  # fmt: skip
            continue
        text, published = _entry_text(entry), _published(entry)
        if feed.full_text and url:
            page = await _page_text(fetcher, url)
            if page is not None:
                text, published = page.text, published or page.published
            elif not text:
                continue  # the page failed and the feed has no text: try again next poll
        try:
            result = await ingest(store, text, source=feed.name, url=url, published=published)
        except InputRefused as exc:
            report.tally.refused += 1
            await store.add_item(feed.id, guid, url=url, article_id=None, note=str(exc),
                                 new_article=False)  # fmt: skip
            continue
        report.tally.add(result)
        await store.add_item(feed.id, guid, url=url, article_id=result.article_id,
                             note="duplicate text" if result.duplicate else None,
                             new_article=not result.duplicate)  # fmt: skip


async def _page_text(fetcher: Fetcher, url: str) -> Any:
    try:
        page = await fetcher.get(url)
    except FetchError as exc:
        log.info("page %s not read: %s", url, exc)
        return None
    return await asyncio.to_thread(extract_article, page.text(), page.url)


async def poll_due(
    store: FeedStore,
    fetcher: Fetcher,
    *,
    every: bool = False,
    concurrency: int = 4,
    progress: Progress | None = None,
) -> list[PollReport]:
    """Poll the feeds that are due (or ``every`` feed), a few at a time."""
    feeds = await store.feeds() if every else await store.due_feeds(iso(datetime.now(UTC)))
    gate = asyncio.Semaphore(concurrency)

    async def one(feed: FeedRow) -> PollReport:
        async with gate:
            try:
                return await poll_feed(store, fetcher, feed, progress)
            except Exception as exc:  # one broken feed must not stop the others
                log.exception("feed %d (%s): unexpected error", feed.id, feed.url)
                await store.feed_failed(
                    feed.id,
                    next_poll_at=next_poll(feed.interval_s, feed.failures + 1, datetime.now(UTC)),
                    error=f"internal error: {type(exc).__name__}",
                )
                return PollReport(feed, "failed", f"internal error: {type(exc).__name__}")

    return list(await asyncio.gather(*(one(f) for f in feeds)))


async def read_link(store: FeedStore, fetcher: Fetcher, url: str, *, source: str | None
                    ) -> IngestResult:  # fmt: skip
    """One page given by a user: fetched safely, its article text ingested.

    FetchError when it cannot be fetched, InputRefused when it holds no article."""
    canonical = canonical_url(url)
    page = await fetcher.get(canonical)
    extracted = await asyncio.to_thread(extract_article, page.text(), page.url)
    if extracted is None:
        raise InputRefused("no article text found on that page")
    return await ingest(
        store,
        extracted.text,
        source=source or _host(page.url),
        url=canonical,
        published=extracted.published,
    )


def _host(url: str) -> str:
    return urlsplit(url).hostname or url
