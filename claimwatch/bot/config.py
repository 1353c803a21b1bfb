"""Settings of ``claimwatch run``, read in one place: the environment, then an optional
TOML file (``CLAIMWATCH_CONFIG``) for what the environment leaves unset.

The token is a secret: it is kept out of ``repr``, logs and error messages.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from claimwatch.bot.feeds import PollLimits
from claimwatch.bot.fetch import Limits

DEFAULT_API_URL = "https://api.telegram.org"
DEFAULT_TZ = "Asia/Jakarta"

# Environment variable -> setting; the config file uses the setting names as keys.
ENV = {
    "TELEGRAM_BOT_TOKEN": "token",
    "TELEGRAM_BOT_TOKEN_FILE": "token_file",
    "CLAIMWATCH_DB": "db",
    "TELEGRAM_API_URL": "api_url",
    "CLAIMWATCH_ADMINS": "admins",
    "CLAIMWATCH_TZ": "tz",
    "CLAIMWATCH_WEBHOOK_SECRET": "webhook_secret",
    "CLAIMWATCH_CHAT_RATE": "chat_rate",
    "CLAIMWATCH_GROUP_RATE": "group_rate",
    "CLAIMWATCH_GLOBAL_RATE": "global_rate",
    "CLAIMWATCH_OUTBOX_POLL": "outbox_poll",
    "CLAIMWATCH_ALLOW_HOSTS": "allow_hosts",
    "CLAIMWATCH_FEED_CHECK": "feed_check",
    "CLAIMWATCH_SOURCES": "sources",
    "CLAIMWATCH_HEARTBEAT": "heartbeat",
}


class ConfigError(Exception):
    """A setting is missing or wrong; the message says which and what to do."""


@dataclass(frozen=True, slots=True)
class Rate:
    """At most ``count`` messages per ``seconds``."""

    count: int
    seconds: float

    @property
    def spacing(self) -> float:
        return self.seconds / self.count

    @classmethod
    def parse(cls, text: str, name: str) -> Rate:
        """'1/1', '20/60', '30/1' (messages / seconds)."""
        try:
            count, seconds = text.split("/")
            rate = cls(int(count), float(seconds))
        except ValueError:
            raise ConfigError(
                f"{name} must look like 20/60 (messages/seconds), not {text!r}"
            ) from None
        if rate.count < 1 or rate.seconds <= 0:
            raise ConfigError(f"{name} must be positive, not {text!r}")
        return rate


@dataclass(frozen=True, slots=True)
class Settings:
    token: str = field(repr=False)
    db: str = "claimwatch.db"
    api_url: str = DEFAULT_API_URL
    admins: frozenset[int] = frozenset()
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TZ))
    webhook_secret: str | None = field(default=None, repr=False)
    # Telegram's advice: about one message a second in a chat, 20 a minute in a group,
    # 30 a second overall. Tests run faster against the emulator.
    chat_rate: Rate = Rate(1, 1.0)
    group_rate: Rate = Rate(20, 60.0)
    global_rate: Rate = Rate(30, 1.0)
    outbox_poll: float = 1.0  # seconds between looks at the outbox for other processes' rows
    allow_hosts: frozenset[str] = frozenset()  # private hosts that may be fetched anyway
    feed_check: float = 30.0  # seconds between looks for feeds that are due
    # Who may put articles in from Telegram (/ingest, channels made sources): everyone, as
    # the issue has it, or only CLAIMWATCH_ADMINS for a closed newsroom bot.
    sources: str = "everyone"
    heartbeat: float = 15.0  # seconds between the worker's heartbeats (claimwatch health)

    @property
    def bot_url(self) -> str:
        return self.api_url.rstrip("/") + "/bot"

    @property
    def file_url(self) -> str:
        return self.api_url.rstrip("/") + "/file/bot"


def _file_values(path: str | None) -> dict[str, object]:
    if not path:
        return {}
    try:
        with Path(path).open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"cannot read CLAIMWATCH_CONFIG {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"CLAIMWATCH_CONFIG {path} is not valid TOML: {exc}") from None
    unknown = set(data) - set(ENV.values())
    if unknown:
        raise ConfigError(f"unknown setting(s) in {path}: {', '.join(sorted(unknown))}")
    return data


def _token(raw: Mapping[str, object]) -> str:
    token = str(raw.get("token") or "").strip()
    if not token and raw.get("token_file"):
        try:
            token = Path(str(raw["token_file"])).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(
                f"cannot read TELEGRAM_BOT_TOKEN_FILE {raw['token_file']}: {exc.strerror}"
            ) from None
    if not token:
        raise ConfigError(
            "no bot token: set TELEGRAM_BOT_TOKEN (or TELEGRAM_BOT_TOKEN_FILE) to the token "
            "@BotFather gave you. Without a bot, try `claimwatch demo`."
        )
    head, _, tail = token.partition(":")
    if not head.isdigit() or not tail:
        raise ConfigError("TELEGRAM_BOT_TOKEN does not look like a bot token (digits:letters)")
    return token


def _admins(value: object) -> frozenset[int]:
    if isinstance(value, list):
        items = [str(v) for v in value]
    else:
        items = str(value or "").replace(";", ",").split(",")
    try:
        return frozenset(int(v) for v in (i.strip() for i in items) if v)
    except ValueError:
        raise ConfigError(
            "CLAIMWATCH_ADMINS must be Telegram user ids separated by commas"
        ) from None


def zone(name: str, setting: str = "CLAIMWATCH_TZ") -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{setting}: unknown time zone {name!r} (e.g. Asia/Jakarta)") from None


def allow_hosts(environ: Mapping[str, str] | None = None) -> frozenset[str]:
    """``CLAIMWATCH_ALLOW_HOSTS``: names or addresses that may be fetched although private
    (an intranet feed; tests use 127.0.0.1). Read by the bot and the CLI alike."""
    env = os.environ if environ is None else environ
    raw = env.get("CLAIMWATCH_ALLOW_HOSTS", "")
    return frozenset(h.strip().lower().strip("[]") for h in raw.split(",") if h.strip())


def fetch_limits(environ: Mapping[str, str] | None = None) -> Limits:
    """``CLAIMWATCH_FETCH_TIMEOUT`` (seconds without an answer, default 15) and
    ``CLAIMWATCH_FETCH_MAX_BYTES`` (default 5,000,000) for feeds and pages."""
    env = os.environ if environ is None else environ
    try:
        timeout = float(env.get("CLAIMWATCH_FETCH_TIMEOUT") or 15)
        max_bytes = int(env.get("CLAIMWATCH_FETCH_MAX_BYTES") or 5_000_000)
    except ValueError:
        raise ConfigError(
            "CLAIMWATCH_FETCH_TIMEOUT and CLAIMWATCH_FETCH_MAX_BYTES must be numbers"
        ) from None
    if timeout <= 0 or max_bytes <= 0:
        raise ConfigError(
            "CLAIMWATCH_FETCH_TIMEOUT and CLAIMWATCH_FETCH_MAX_BYTES must be positive"
        )
    return Limits(
        connect_timeout=min(10.0, timeout),
        read_timeout=timeout,
        deadline=timeout * 3,
        max_bytes=max_bytes,
    )


def feed_limits(environ: Mapping[str, str] | None = None) -> PollLimits:
    """How much feed polling does at once, for the bot and ``claimwatch poll`` alike:
    ``CLAIMWATCH_FEED_ITEMS`` (new items read from one feed per poll, oldest first; default
    200), ``CLAIMWATCH_FEED_CONCURRENCY`` (feeds polled at once; 4), ``CLAIMWATCH_FEED_PAGES``
    (items of one feed made ready at once, pages fetched for full text; 4) and
    ``CLAIMWATCH_FEED_DEADLINE`` (seconds one feed's poll may take before it is cut off; 120)."""
    env = os.environ if environ is None else environ
    default = PollLimits()
    try:
        limits = PollLimits(
            items=int(env.get("CLAIMWATCH_FEED_ITEMS") or default.items),
            feeds=int(env.get("CLAIMWATCH_FEED_CONCURRENCY") or default.feeds),
            pages=int(env.get("CLAIMWATCH_FEED_PAGES") or default.pages),
            deadline=float(env.get("CLAIMWATCH_FEED_DEADLINE") or default.deadline),
        )
    except ValueError:
        raise ConfigError(
            "CLAIMWATCH_FEED_ITEMS, CLAIMWATCH_FEED_CONCURRENCY and CLAIMWATCH_FEED_PAGES must"
            " be whole numbers, CLAIMWATCH_FEED_DEADLINE a number of seconds"
        ) from None
    if min(limits.items, limits.feeds, limits.pages) < 1 or limits.deadline <= 0:
        raise ConfigError(
            "CLAIMWATCH_FEED_ITEMS, CLAIMWATCH_FEED_CONCURRENCY, CLAIMWATCH_FEED_PAGES and"
            " CLAIMWATCH_FEED_DEADLINE must be positive"
        )
    return limits


def load(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment and ``CLAIMWATCH_CONFIG``; ConfigError if unusable."""
    env = os.environ if environ is None else environ
    raw: dict[str, object] = _file_values(env.get("CLAIMWATCH_CONFIG"))
    for var, name in ENV.items():
        if env.get(var):
            raw[name] = env[var]
    api_url = str(raw.get("api_url") or DEFAULT_API_URL)
    if not api_url.startswith(("http://", "https://")):
        raise ConfigError(f"TELEGRAM_API_URL must start with http:// or https://: {api_url!r}")
    try:
        poll = float(str(raw.get("outbox_poll", 1.0)))
        feed_check = float(str(raw.get("feed_check", 30.0)))
        heartbeat = float(str(raw.get("heartbeat", 15.0)))
    except ValueError:
        raise ConfigError(
            "CLAIMWATCH_OUTBOX_POLL, CLAIMWATCH_FEED_CHECK and CLAIMWATCH_HEARTBEAT must be"
            " numbers of seconds"
        ) from None
    fetch_limits(env)  # wrong fetch limits are named at start, not at the first fetch
    feed_limits(env)
    sources = str(raw.get("sources") or "everyone").lower()
    if sources not in {"everyone", "admins"}:
        raise ConfigError(f"CLAIMWATCH_SOURCES must be everyone or admins, not {sources!r}")
    hosts = raw.get("allow_hosts") or ""
    hosts = ",".join(str(h) for h in hosts) if isinstance(hosts, list) else str(hosts)
    return Settings(
        token=_token(raw),
        db=str(raw.get("db") or "claimwatch.db"),
        api_url=api_url,
        admins=_admins(raw.get("admins")),
        tz=zone(str(raw.get("tz") or DEFAULT_TZ)),
        webhook_secret=str(raw["webhook_secret"]) if raw.get("webhook_secret") else None,
        chat_rate=Rate.parse(str(raw.get("chat_rate", "1/1")), "CLAIMWATCH_CHAT_RATE"),
        group_rate=Rate.parse(str(raw.get("group_rate", "20/60")), "CLAIMWATCH_GROUP_RATE"),
        global_rate=Rate.parse(str(raw.get("global_rate", "30/1")), "CLAIMWATCH_GLOBAL_RATE"),
        outbox_poll=max(0.05, poll),
        allow_hosts=allow_hosts({"CLAIMWATCH_ALLOW_HOSTS": hosts}),
        feed_check=max(0.2, feed_check),
        sources=sources,
        heartbeat=min(60.0, max(0.5, heartbeat)),
    )
