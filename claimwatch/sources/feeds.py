"""Polling feeds (feedparser) and reading links: new items become articles in the pipeline.

A poll is a conditional GET (a 304 costs nothing); items are skipped when their GUID was
seen on this feed, when their canonical URL is already an article, or (in the pipeline)
when their text is. A failing feed backs off exponentially and shows its last error; it
never stops the others. A "bozo" feed (malformed XML) that still yields items is used.

A poll reads at most ``PollLimits.items`` new items, the oldest unseen first (the seen ones
are left out before the cap, so a feed that lists its oldest items first is read to its
end); the rest are read by the next polls, which come sooner than the interval. Feeds are
polled at once up to a bound, each under a deadline: a feed cut off by it keeps what it
read, shows as failing with what is left, and holds no other feed.
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

from claimwatch.engine.articles import InputRefused
from claimwatch.engine.markup import html_to_text
from claimwatch.engine.pipeline import IngestResult, ingest
from claimwatch.errors import NotAFeed, StoreError
from claimwatch.sources.fetch import Fetched, Fetcher, FetchError
from claimwatch.sources.pages import canonical_url, extract_article, page_article
from claimwatch.storage.api import Database, FeedRow, iso

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = 600
MIN_INTERVAL = 1  # seconds; tests poll fast, operators should not go below a minute
MAX_BACKOFF = 6 * 3600
BACKLOG_DELAY = 60  # seconds: a feed with items left over is polled again this soon
_INTERVAL = re.compile(r"^\s*(\d+)\s*(s|sec|m|min|h|hr|d)?\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


# Feeds that declare one encoding and use another, or are served as text/plain, parse fine.
_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


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

    @property
    def written(self) -> int:
        """Items dealt with for good: read, skipped as duplicates, refused."""
        return self.read + self.duplicates + self.refused

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
    status: str = "ok"  # ok, unchanged, failed, partial (cut off at its deadline)
    error: str | None = None
    tally: Tally = field(default_factory=Tally)
    left: int = 0  # new items left for the next poll (the per-poll cap, the deadline)


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


@dataclass(frozen=True, slots=True)
class PollLimits:
    """How much polling may do at once (``CLAIMWATCH_FEED_*``, read into config.Settings.poll)."""

    items: int = 200  # new items read from one feed per poll, oldest first; the rest next poll
    feeds: int = 4  # feeds polled at once
    pages: int = 4  # items of one feed made ready at once (for full text: pages fetched)
    deadline: float = 120.0  # seconds for one feed's poll; then it is cut off, the rest next poll


@dataclass(frozen=True, slots=True)
class _Ready:
    """An item made ready to be written: its text, or why there is none."""

    url: str | None  # canonical
    text: str | None  # None: no text this time (its page failed, no summary): next poll
    published: datetime | None
    known_url: bool = False  # its URL is already an article


_UNDATED = datetime.max.replace(tzinfo=UTC)


class FeedPoller:
    """Polls feeds for one process (the bot's job, ``claimwatch poll``).

    Up to ``limits.feeds`` feeds are polled at once, each in its own task under its own
    deadline, so a slow feed holds one slot and never the others; a feed still being polled is
    not started again. Within a feed, ``limits.pages`` items are made ready at once (their
    pages fetched) while the items are written in order, oldest first; articles are written
    one at a time for the whole process (the database has one writer).
    """

    def __init__(self, store: Database, fetcher: Fetcher, limits: PollLimits | None = None
                 ) -> None:  # fmt: skip
        self.store = store
        self.fetcher = fetcher
        self.limits = limits or PollLimits()
        self._slots = asyncio.Semaphore(self.limits.feeds)
        self._writer = asyncio.Lock()
        self._running: dict[int, asyncio.Task[PollReport]] = {}

    async def start_due(
        self, *, every: bool = False, progress: Progress | None = None
    ) -> list[asyncio.Task[PollReport]]:
        """Start polling the due feeds (or ``every`` feed) that are not being polled already."""
        now = iso(datetime.now(UTC))
        feeds = await self.store.feeds.all() if every else await self.store.feeds.due(now)
        return [self._start(f, progress) for f in feeds if f.id not in self._running]

    async def poll_due(
        self, *, every: bool = False, progress: Progress | None = None
    ) -> list[PollReport]:
        """One round (``claimwatch poll``): the due feeds (or ``every`` feed), all awaited."""
        tasks = await self.start_due(every=every, progress=progress)
        return list(await asyncio.gather(*tasks))

    async def aclose(self) -> None:
        """Stop the polls in flight; an article being written is rolled back and read again
        next poll."""
        tasks = list(self._running.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _start(self, feed: FeedRow, progress: Progress | None) -> asyncio.Task[PollReport]:
        task = asyncio.create_task(self._guarded(feed, progress), name=f"feed-{feed.id}")
        self._running[feed.id] = task
        task.add_done_callback(lambda _: self._running.pop(feed.id, None))
        return task

    async def _guarded(self, feed: FeedRow, progress: Progress | None) -> PollReport:
        async with self._slots:
            try:
                return await self._poll(feed, progress)
            except Exception as exc:  # one broken feed must not stop the others
                if isinstance(exc, StoreError):
                    log.warning("feed %d (%s): %s", feed.id, feed.url, exc)
                else:
                    log.exception("feed %d (%s): unexpected error", feed.id, feed.url)
                report = PollReport(feed)
                try:
                    return await self._failed(report, f"internal error: {type(exc).__name__}")
                except StoreError as again:  # the database is what failed: say so, go on
                    log.warning("feed %d: its failure is not recorded: %s", feed.id, again)
                    report.status, report.error = "failed", str(again)
                    return report

    async def _poll(self, feed: FeedRow, progress: Progress | None) -> PollReport:
        report = PollReport(feed)
        deadline = asyncio.get_running_loop().time() + self.limits.deadline
        try:
            async with asyncio.timeout_at(deadline):
                fetched = await self.fetcher.get(
                    feed.url, etag=feed.etag, last_modified=feed.last_modified
                )
                entries = (
                    []
                    if fetched.not_modified
                    else await asyncio.to_thread(
                        parse_feed, fetched.body, fetched.content_type, fetched.url
                    )
                )
        except TimeoutError:
            return await self._failed(report, f"no feed within the {self.limits.deadline:g} s "
                                      "deadline")  # fmt: skip
        except (FetchError, NotAFeed) as exc:
            return await self._failed(report, str(exc))
        if fetched.not_modified:
            report.status = "unchanged"
        else:
            await self._read(feed, entries, report, deadline, progress)
        await self._record(report, fetched)
        return report

    async def _failed(self, report: PollReport, error: str) -> PollReport:
        feed = report.feed
        report.status, report.error = "failed", error
        later = next_poll(feed.interval_s, feed.failures + 1, datetime.now(UTC))
        await self.store.feeds.failed(feed.id, next_poll_at=later, error=error)
        log.warning("feed %d (%s) failed: %s", feed.id, feed.url, error)
        return report

    async def _record(self, report: PollReport, fetched: Fetched) -> None:
        """The poll's outcome on the feed's row: its health and when it is polled next."""
        feed, now = report.feed, datetime.now(UTC)
        # Items left (the cap, the deadline): the feed is read again soon, not at its interval.
        soon = next_poll(min(feed.interval_s, BACKLOG_DELAY), 0, now)
        if report.status == "partial":
            # A cut-off shows as failing, with what was read; it backs off only when nothing
            # at all could be read before the deadline.
            backoff = next_poll(feed.interval_s, feed.failures + 1, now)
            later = soon if report.tally.written else backoff
            await self.store.feeds.failed(feed.id, next_poll_at=later, error=report.error or "")
            log.warning("feed %d (%s): %s", feed.id, feed.url, report.error)
            return
        backlog = report.left > 0
        # With items left, this answer's validators are not kept (the older ones, which it did
        # not match, stay): the next poll must get the feed again, not a 304.
        await self.store.feeds.polled(
            feed.id,
            next_poll_at=soon if backlog else next_poll(feed.interval_s, 0, now),
            status=fetched.status,
            etag=None if backlog else fetched.etag,
            last_modified=None if backlog else fetched.last_modified,
        )

    async def _read(
        self,
        feed: FeedRow,
        entries: Sequence[Any],
        report: PollReport,
        deadline: float,
        progress: Progress | None,
    ) -> None:
        """The new items, oldest first, at most ``limits.items``: the next ``limits.pages``
        made ready while one is written; cut off at the deadline."""
        fresh = await self._fresh(feed, entries)
        todo = fresh[: self.limits.items]
        report.left = len(fresh) - len(todo)
        if progress is not None:
            progress.total = (progress.total or 0) + len(todo)
            progress.refresh()
        loop = asyncio.get_running_loop()
        ahead: dict[int, asyncio.Task[_Ready]] = {}

        def launch(index: int) -> None:
            if index < len(todo):
                ahead[index] = asyncio.create_task(self._ready(feed, todo[index][1]))

        for index in range(self.limits.pages):
            launch(index)
        try:
            for index, (guid, _entry) in enumerate(todo):
                remaining = deadline - loop.time()
                if remaining <= 0 or not (await asyncio.wait({ahead[index]}, timeout=remaining))[0]:
                    self._cut_off(report, len(todo) - index)
                    return
                ready = ahead.pop(index).result()
                launch(index + self.limits.pages)
                await self._write(feed, guid, ready, report)
                if progress is not None:
                    progress.update(1)
        finally:
            for task in ahead.values():
                task.cancel()
            await asyncio.gather(*ahead.values(), return_exceptions=True)

    def _cut_off(self, report: PollReport, unread: int) -> None:
        report.status = "partial"
        report.left += unread
        report.error = (
            f"cut off at the {self.limits.deadline:g} s deadline: {report.tally.written} "
            f"items read, {report.left} left for the next poll"
        )

    async def _fresh(self, feed: FeedRow, entries: Sequence[Any]) -> list[tuple[str, Any]]:
        """The items this feed has not given before, oldest first, so a claim is stored
        before the denial that answers it (filtered before any cap: a feed that lists its
        oldest items first has its new ones at the end)."""
        guids = [_guid(e) for e in entries]
        seen = await self.store.feeds.seen_items(feed.id, guids)
        fresh: dict[str, Any] = {}  # an item listed twice is read once
        for guid, entry in zip(guids, entries, strict=True):
            if guid not in seen:
                fresh.setdefault(guid, entry)
        return sorted(fresh.items(), key=lambda ge: _published(ge[1]) or _UNDATED)

    async def _ready(self, feed: FeedRow, entry: Any) -> _Ready:
        """An item's URL, text and date; for a full-text feed its page, fetched now."""
        link = entry.get("link")
        url = canonical_url(link) if link else None
        if url and await self.store.claims.article_by_url(url) is not None:
            return _Ready(url, None, None, known_url=True)
        text, published = _entry_text(entry), _published(entry)
        if feed.full_text and url:
            page = await _page_text(self.fetcher, url)
            if page is not None:
                return _Ready(url, page.text, published or page.published)
            if not text:
                return _Ready(url, None, published)
        return _Ready(url, text, published)

    async def _write(self, feed: FeedRow, guid: str, ready: _Ready, report: PollReport) -> None:
        """One item into the database, one article at a time for the whole process."""
        if ready.text is None and not ready.known_url:
            return  # the page failed and the feed has no text: tried again next poll
        async with self._writer:
            if ready.known_url:
                report.tally.duplicates += 1
                await self.store.feeds.add_item(feed.id, guid, url=ready.url, article_id=None,
                                          note="duplicate url", new_article=False)  # fmt: skip
                return
            try:
                result = await ingest(self.store, ready.text or "", source=feed.name,
                                      url=ready.url, published=ready.published)  # fmt: skip
            except InputRefused as exc:
                report.tally.refused += 1
                await self.store.feeds.add_item(feed.id, guid, url=ready.url, article_id=None,
                                                note=str(exc), new_article=False)  # fmt: skip
                return
            report.tally.add(result)
            await self.store.feeds.add_item(
                feed.id, guid, url=ready.url, article_id=result.article_id,
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
    store: Database,
    fetcher: Fetcher,
    *,
    every: bool = False,
    limits: PollLimits | None = None,
    progress: Progress | None = None,
) -> list[PollReport]:
    """One round: poll the feeds that are due (or ``every`` feed) and wait for them all."""
    poller = FeedPoller(store, fetcher, limits)
    try:
        return await poller.poll_due(every=every, progress=progress)
    finally:
        await poller.aclose()


@dataclass(frozen=True, slots=True)
class LinkArticle:
    """A page given by a user, read and ready to ingest."""

    text: str
    source: str
    url: str
    published: datetime | None


async def fetch_link(fetcher: Fetcher, url: str, *, source: str | None) -> LinkArticle:
    """One page given by a user, fetched safely and reduced to its article text.

    FetchError when it cannot be fetched, InputRefused when it holds no article (saying
    why: no article, too many elements, too slow, unreadable)."""
    canonical = canonical_url(url)
    page = await fetcher.get(canonical)
    extracted = await asyncio.to_thread(page_article, page.text(), page.url)
    return LinkArticle(extracted.text, source or _host(page.url), canonical, extracted.published)


async def read_link(store: Database, fetcher: Fetcher, url: str, *, source: str | None
                    ) -> IngestResult:  # fmt: skip
    """:func:`fetch_link`, then the article ingested."""
    link = await fetch_link(fetcher, url, source=source)
    return await ingest(
        store, link.text, source=link.source, url=link.url, published=link.published
    )


def _host(url: str) -> str:
    return urlsplit(url).hostname or url
