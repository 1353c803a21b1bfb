"""``claimwatch run`` and ``claimwatch health``: starting the bot, and asking if it lives.

Settings problems end with one line saying what to set, never a traceback; the token never
reaches a log line (httpx logs request URLs, which hold it, so its logger stays quiet, and a
filter blanks the token from anything else).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from dataclasses import replace
from datetime import UTC, datetime

from claimwatch.config import Settings, load
from claimwatch.errors import ConfigError, StoreError, TokenRefused, explain
from claimwatch.storage import open_database

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
HEALTHY_WITHIN = 120.0  # seconds since the delivery worker's last heartbeat


class _Redacting(logging.Formatter):
    """Blanks the token from every formatted line, tracebacks included."""

    def __init__(self, secret: str, fmt: str) -> None:
        super().__init__(fmt)
        self.secret = secret

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace(self.secret, "<token>")


def setup_logging(token: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Redacting(token, "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def cmd_run(args: argparse.Namespace) -> int:
    try:
        settings = load()
    except ConfigError as exc:  # a setting the bot cannot start with: wrong usage
        return _refused("claimwatch run", exc, EXIT_USAGE)
    if args.db_explicit:
        settings = replace(settings, db=args.db_explicit)
    if args.webhook and not args.webhook.startswith("https://"):
        print("claimwatch run: --webhook must be the public https:// URL", file=sys.stderr)
        return EXIT_USAGE
    if args.webhook and not settings.webhook_secret:
        print(
            "claimwatch run: webhook mode needs CLAIMWATCH_WEBHOOK_SECRET (1-256 characters of"
            " A-Z a-z 0-9 _ -), or anyone could post forged updates to the bot",
            file=sys.stderr,
        )
        return EXIT_USAGE
    setup_logging(settings.token)
    try:
        asyncio.run(_check_db(settings.db, settings.busy_timeout_ms))
    except StoreError as exc:
        return _refused("claimwatch run", exc, EXIT_REFUSED)
    # RetryAfter.retry_after as a timedelta (PTB 22 warns on the old float form).
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    # python-telegram-bot is imported only when the bot runs: the other commands start faster.
    from claimwatch.bot.app import run  # noqa: PLC0415

    try:
        run(settings, webhook=args.webhook, listen=args.listen, port=args.port)
    except TokenRefused as exc:
        return _refused("claimwatch run", exc, EXIT_USAGE)
    except KeyboardInterrupt:
        return 130
    return EXIT_OK


def _refused(prog: str, exc: Exception, code: int) -> int:
    """The one line :func:`claimwatch.errors.explain` gives, after the command's name."""
    explained = explain(exc)
    print(f"{prog}: {explained.reason if explained else exc}", file=sys.stderr)
    return code


async def _check_db(path: str, busy_timeout_ms: int) -> None:
    store = await open_database(path, busy_timeout_ms=busy_timeout_ms)
    await store.close()


async def _health(settings: Settings) -> tuple[bool, str]:
    # a health check never writes
    store = await open_database(
        settings.db, readonly=True, busy_timeout_ms=settings.busy_timeout_ms
    )
    try:
        beat = await store.outbox.get_state("heartbeat")
        counts = await store.outbox.counts()
    finally:
        await store.close()
    if beat is None:
        return False, "the bot has not run on this database yet"
    age = (datetime.now(UTC) - datetime.fromisoformat(beat)).total_seconds()
    waiting = counts.get("pending", 0)
    ok = age <= HEALTHY_WITHIN
    state = "healthy" if ok else "unhealthy"
    return ok, f"{state}: last heartbeat {age:.0f} s ago; {waiting} messages waiting"


def cmd_health(args: argparse.Namespace) -> int:
    try:
        settings = load(need_token=False)
        if args.db_explicit:
            settings = replace(settings, db=args.db_explicit)
        ok, message = asyncio.run(_health(settings))
    except (ConfigError, StoreError) as exc:
        return _refused("claimwatch health", exc, EXIT_REFUSED)
    print(message)
    return EXIT_OK if ok else EXIT_REFUSED
