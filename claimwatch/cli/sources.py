"""CLI commands that bring articles in: ``ingest`` (files, folders, stdin, links),
``feeds add|list|remove`` and ``poll``.

A bulk ingest (a folder, many files) shows a progress bar on a terminal (tqdm) and ends with
a summary: articles read, skipped as duplicates, refused, statements, new claims, flags.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tqdm import tqdm

from claimwatch.cli.render_text import ingest_text
from claimwatch.engine.articles import InputRefused, decode, published_iso, read_limited
from claimwatch.engine.pipeline import IngestResult, ingest
from claimwatch.engine.records import ingest_json
from claimwatch.errors import SourceRefused, StoreBusy, StoreError
from claimwatch.sources.feeds import DEFAULT_INTERVAL, Tally, fetch_link, parse_interval, poll_due
from claimwatch.sources.fetch import Fetcher, FetchError
from claimwatch.sources.pages import looks_like_html, page_article
from claimwatch.storage import open_database
from claimwatch.storage.api import Database

EXIT_OK, EXIT_REFUSED = 0, 1
TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}


def _fetcher(args: argparse.Namespace) -> Fetcher:
    """A fetcher with the operator's limits and allowed hosts (``args.settings``)."""
    return Fetcher(allow_hosts=args.settings.allow_hosts, limits=args.settings.fetch)


def is_link(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def _expand(names: list[str]) -> Iterator[str]:
    """Files as given; a folder as its text and HTML files, sorted, recursively."""
    for name in names:
        path = Path(name)
        if name != "-" and not is_link(name) and path.is_dir():
            yield from sorted(
                str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
        else:
            yield name


def _read(name: str) -> bytes:
    """The bytes of a file or stdin, refused past the input limit before they are decoded."""
    if name == "-":
        return read_limited(sys.stdin.buffer)
    path = Path(name)
    if not path.exists():
        raise InputRefused("no such file")
    try:
        with path.open("rb") as file:
            return read_limited(file)
    except OSError as exc:  # a socket, a file we may not read, a disk error
        raise InputRefused(f"cannot read it: {exc.strerror or exc}") from None


def article_text(raw: bytes) -> tuple[str, Any]:
    """A file's article text (an HTML page's main text, via trafilatura) and its date."""
    text = decode(raw)
    if looks_like_html(text):
        extracted = page_article(text)
        return extracted.text, extracted.published
    return text, None


async def cmd_ingest(args: argparse.Namespace) -> int:
    if args.published is not None:
        try:
            published_iso(args.published)
        except InputRefused as exc:
            raise SourceRefused(str(exc)) from exc
    names = list(_expand(args.files))
    if not names:
        raise SourceRefused("no text or HTML files found there")
    if args.url and len(names) > 1:
        raise SourceRefused("--url describes one article; give one file with it")
    bulk = len(names) > 1
    store = await open_database(args.db, busy_timeout_ms=args.settings.busy_timeout_ms)
    tally = Tally()
    code = EXIT_OK
    try:
        async with _fetcher(args) as fetcher:
            bar = tqdm(names, unit="article", disable=None if bulk else True, file=sys.stderr)
            for done, name in enumerate(bar):
                try:
                    result = await _ingest_one(store, fetcher, name, args, bar)
                except (InputRefused, FetchError) as exc:
                    tally.refused += 1
                    bar.write(f"claimwatch: {name}: {exc}", file=sys.stderr)
                    code = EXIT_REFUSED
                    continue
                except StoreError as exc:  # the others would meet the same database
                    if not bulk:
                        raise  # one line, from the command line's main
                    left = len(names) - done
                    bar.write(f"claimwatch: {name}: {exc}; {left} not read", file=sys.stderr)
                    code = EXIT_REFUSED
                    break
                tally.add(result)
                if args.json:
                    bar.write(_json_line(result), file=sys.stdout)
                elif not bulk:
                    print(ingest_text(result, "stdin" if name == "-" else name))
    finally:
        await store.close()
    if bulk and not args.json:
        print(tally.line())
    return code


def _json_line(result: IngestResult) -> str:
    import json  # noqa: PLC0415 (cheap, and only for --json)

    return json.dumps(ingest_json(result), ensure_ascii=False)


async def _ingest_one(
    store: Database, fetcher: Fetcher, name: str, args: argparse.Namespace, bar: tqdm[str]
) -> IngestResult:
    """Read one input once; its write, if it finds the database locked for the whole busy
    timeout, is tried once more (another process's long write ends); a second time, the
    StoreBusy stops the batch."""
    if is_link(name):
        link = await fetch_link(fetcher, name, source=args.source)
        text, source, url, published = link.text, link.source, link.url, link.published
    else:
        text, page_date = article_text(_read(name))
        source, url, published = args.source, args.url, args.published or page_date
    try:
        return await ingest(
            store, text, source=source, url=url, published=published, lang=args.lang
        )
    except StoreBusy as exc:
        bar.write(f"claimwatch: {name}: {exc}; trying once more", file=sys.stderr)
    return await ingest(store, text, source=source, url=url, published=published, lang=args.lang)


async def cmd_feeds_add(args: argparse.Namespace) -> int:
    try:
        interval = parse_interval(args.interval) if args.interval else DEFAULT_INTERVAL
    except ValueError as exc:
        raise SourceRefused(str(exc)) from exc
    store = await open_database(args.db, busy_timeout_ms=args.settings.busy_timeout_ms)
    try:
        async with _fetcher(args) as fetcher:
            await fetcher.check(args.url)  # the operator's feeds follow the same rule
        feed, created = await store.feeds.add(
            args.url,
            name=args.name or _default_name(args.url),
            interval_s=interval,
            full_text=args.full_text,
            added_by="cli",
        )
    finally:
        await store.close()
    if args.json:
        print(_feed_json(feed, created=created))
    else:
        verb = "added" if created else "already there"
        print(f"feed #{feed.id} {verb}: {feed.name} <{feed.url}> every {_every(feed.interval_s)}"
              f"{', full text' if feed.full_text else ''}")  # fmt: skip
    return EXIT_OK


def _default_name(url: str) -> str:
    from urllib.parse import urlsplit  # noqa: PLC0415 (only here)

    return urlsplit(url).hostname or url


def _every(seconds: int) -> str:
    for unit, size in (("h", 3600), ("m", 60)):
        if seconds % size == 0 and seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _feed_json(feed: Any, **extra: Any) -> str:
    import json  # noqa: PLC0415

    data = {
        "id": feed.id, "url": feed.url, "name": feed.name, "interval_s": feed.interval_s,
        "full_text": feed.full_text, "failing": feed.failing, "failures": feed.failures,
        "last_error": feed.last_error, "last_ok_at": feed.last_ok_at,
        "last_polled_at": feed.last_polled_at, "next_poll_at": feed.next_poll_at,
        "articles": feed.articles, **extra,
    }  # fmt: skip
    return json.dumps(data, ensure_ascii=False)


async def cmd_feeds_list(args: argparse.Namespace) -> int:
    store = await open_database(
        args.db, readonly=True, busy_timeout_ms=args.settings.busy_timeout_ms
    )
    try:
        feeds = await store.feeds.all()
    finally:
        await store.close()
    if args.json:
        for feed in feeds:
            print(_feed_json(feed))
        return EXIT_OK
    if not feeds:
        print("no feeds yet: claimwatch feeds add URL")
    for feed in feeds:
        state = (
            f"FAILING ({feed.failures}x): {feed.last_error}"
            if feed.failing
            else f"ok, last {feed.last_ok_at or 'never'}"
        )
        print(f"#{feed.id} {feed.name} <{feed.url}> every {_every(feed.interval_s)}"
              f"{', full text' if feed.full_text else ''}; {feed.articles} articles; {state}; "
              f"next {feed.next_poll_at}")  # fmt: skip
    return EXIT_OK


async def cmd_feeds_remove(args: argparse.Namespace) -> int:
    store = await open_database(args.db, busy_timeout_ms=args.settings.busy_timeout_ms)
    try:
        removed = await store.feeds.remove(args.id)
    finally:
        await store.close()
    if not removed:
        raise SourceRefused(f"there is no feed #{args.id} (claimwatch feeds list)")
    print(f"feed #{args.id} removed; its articles stay")
    return EXIT_OK


async def cmd_poll(args: argparse.Namespace) -> int:
    limits = args.settings.poll
    store = await open_database(args.db, busy_timeout_ms=args.settings.busy_timeout_ms)
    try:
        async with _fetcher(args) as fetcher:
            # a bar on a terminal (a long feed's backfill), nothing when piped
            with tqdm(total=0, unit="item", disable=None, file=sys.stderr) as bar:
                reports = await poll_due(
                    store, fetcher, every=args.all, limits=limits, progress=bar
                )
    finally:
        await store.close()
    tally = Tally()
    for report in reports:
        tally.merge(report.tally)
        if args.json:
            print(_feed_json(report.feed, status=report.status, error=report.error,
                             new_articles=report.tally.read, flags=report.tally.flags,
                             left=report.left))  # fmt: skip
        else:
            detail = report.error or f"{report.tally.read} new articles, {report.tally.flags} flags"
            if report.left and report.status == "ok":
                detail += f", {report.left} items left for the next poll"
            print(f"feed #{report.feed.id} {report.feed.name}: {report.status}; {detail}")
    if not args.json:
        print(f"{len(reports)} feeds polled; {tally.line()}")
    return EXIT_OK


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("ingest", parents=[common], help="read articles: files, folders, links")
    p.add_argument(
        "files", nargs="+", metavar="SOURCE",
        help="text or HTML files, folders (read recursively), http(s) links, or - for stdin",
    )  # fmt: skip
    p.add_argument("--source", help='where the article comes from, e.g. "BBC Indonesia"')
    p.add_argument("--url", help="the article's URL")
    p.add_argument("--published", help="publication date, YYYY-MM-DD[THH:MM] (default: now)")
    p.add_argument("--lang", choices=["id", "en"], help="language (default: detected)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("feeds", help="RSS/Atom feeds polled on a schedule")
    feeds = p.add_subparsers(dest="feeds_command", required=True, metavar="ACTION")
    q = feeds.add_parser("add", parents=[common], help="add a feed")
    q.add_argument("url")
    q.add_argument("--name", help="how alerts name it (default: its host)")
    q.add_argument("--interval", help="how often to poll: 10m (default), 90s, 1h")
    q.add_argument("--full-text", action="store_true", help="read each item's page too")
    q.set_defaults(func=cmd_feeds_add)
    q = feeds.add_parser("list", parents=[common], help="feeds and their health")
    q.set_defaults(func=cmd_feeds_list)
    q = feeds.add_parser("remove", parents=[common], help="remove a feed")
    q.add_argument("id", type=int)
    q.set_defaults(func=cmd_feeds_remove)

    p = sub.add_parser("poll", parents=[common], help="poll the feeds that are due, once")
    p.add_argument("--all", action="store_true", help="every feed, due or not")
    p.set_defaults(func=cmd_poll)
