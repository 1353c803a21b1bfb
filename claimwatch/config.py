"""Every setting of claimwatch, read in one place into one :class:`Settings`: the bot's
(``claimwatch run``) and the command line's alike.

Each setting has one default (the field of :class:`Settings`, or the limit it sets), may be
given in an optional TOML file named by ``CLAIMWATCH_CONFIG`` (keys: the setting names of
:data:`ENV`) and in the environment; the environment wins over the file.

The token is a secret: it is kept out of ``repr``, logs and error messages.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from claimwatch.errors import ConfigError
from claimwatch.sources.feeds import PollLimits
from claimwatch.sources.fetch import Limits, parse_allow_hosts
from claimwatch.storage.api import BUSY_TIMEOUT_MS

DEFAULT_API_URL = "https://api.telegram.org"
DEFAULT_TZ = "Asia/Jakarta"
DEFAULT_DB = "claimwatch.db"
_FETCH = Limits()
_POLL = PollLimits()

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
    "CLAIMWATCH_FETCH_TIMEOUT": "fetch_timeout",
    "CLAIMWATCH_FETCH_MAX_BYTES": "fetch_max_bytes",
    "CLAIMWATCH_FEED_ITEMS": "feed_items",
    "CLAIMWATCH_FEED_CONCURRENCY": "feed_concurrency",
    "CLAIMWATCH_FEED_PAGES": "feed_pages",
    "CLAIMWATCH_FEED_DEADLINE": "feed_deadline",
    "CLAIMWATCH_BUSY_TIMEOUT": "busy_timeout",
}
__all__ = ["ENV", "ConfigError", "Rate", "Settings", "load", "zone"]


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
    """All settings; ``Settings()`` holds every default (and no token)."""

    token: str = field(default="", repr=False)
    db: str = DEFAULT_DB
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
    fetch_timeout: float = _FETCH.read_timeout  # seconds a feed or page may stay silent
    fetch_max_bytes: int = _FETCH.max_bytes  # largest feed or page read
    feed_items: int = _POLL.items  # new items read from one feed per poll
    feed_concurrency: int = _POLL.feeds  # feeds polled at once
    feed_pages: int = _POLL.pages  # items of one feed made ready at once
    feed_deadline: float = _POLL.deadline  # seconds one feed's poll may take
    # seconds a write waits for another process's write lock before it gives up (StoreBusy)
    busy_timeout: float = BUSY_TIMEOUT_MS / 1000

    @property
    def bot_url(self) -> str:
        return self.api_url.rstrip("/") + "/bot"

    @property
    def file_url(self) -> str:
        return self.api_url.rstrip("/") + "/file/bot"

    @property
    def busy_timeout_ms(self) -> int:
        """The busy timeout as :func:`claimwatch.storage.open_database` takes it."""
        return max(1, round(self.busy_timeout * 1000))

    @property
    def fetch(self) -> Limits:
        """The limits of every fetch of a feed or page, the bot's and the CLI's."""
        return Limits(
            connect_timeout=min(_FETCH.connect_timeout, self.fetch_timeout),
            read_timeout=self.fetch_timeout,
            deadline=self.fetch_timeout * 3,
            max_bytes=self.fetch_max_bytes,
        )

    @property
    def poll(self) -> PollLimits:
        """How much feed polling does at once, for the bot and ``claimwatch poll`` alike."""
        return PollLimits(
            items=self.feed_items,
            feeds=self.feed_concurrency,
            pages=self.feed_pages,
            deadline=self.feed_deadline,
        )


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


def _given(raw: Mapping[str, object], name: str) -> object | None:
    """The value set for ``name`` (file or environment), or None for the default."""
    value = raw.get(name)
    return None if value is None or value == "" else value


def _fetch_numbers(raw: Mapping[str, object]) -> tuple[float, int]:
    try:
        timeout = float(str(_given(raw, "fetch_timeout") or _FETCH.read_timeout))
        max_bytes = int(str(_given(raw, "fetch_max_bytes") or _FETCH.max_bytes))
    except ValueError:
        raise ConfigError(
            "CLAIMWATCH_FETCH_TIMEOUT and CLAIMWATCH_FETCH_MAX_BYTES must be numbers"
        ) from None
    if timeout <= 0 or max_bytes <= 0:
        raise ConfigError(
            "CLAIMWATCH_FETCH_TIMEOUT and CLAIMWATCH_FETCH_MAX_BYTES must be positive"
        )
    return timeout, max_bytes


def _poll_numbers(raw: Mapping[str, object]) -> PollLimits:
    """``CLAIMWATCH_FEED_ITEMS`` (new items read from one feed per poll, oldest first),
    ``CLAIMWATCH_FEED_CONCURRENCY`` (feeds polled at once), ``CLAIMWATCH_FEED_PAGES`` (items
    of one feed made ready at once, pages fetched for full text) and
    ``CLAIMWATCH_FEED_DEADLINE`` (seconds one feed's poll may take before it is cut off)."""
    try:
        limits = PollLimits(
            items=int(str(_given(raw, "feed_items") or _POLL.items)),
            feeds=int(str(_given(raw, "feed_concurrency") or _POLL.feeds)),
            pages=int(str(_given(raw, "feed_pages") or _POLL.pages)),
            deadline=float(str(_given(raw, "feed_deadline") or _POLL.deadline)),
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


def _seconds(raw: Mapping[str, object], name: str, default: float) -> float:
    value = _given(raw, name)
    return default if value is None else float(str(value))


def _rate(raw: Mapping[str, object], name: str, default: Rate) -> Rate:
    value = _given(raw, name)
    return default if value is None else Rate.parse(str(value), f"CLAIMWATCH_{name.upper()}")


def load(environ: Mapping[str, str] | None = None, *, need_token: bool = True) -> Settings:
    """Settings from the defaults, ``CLAIMWATCH_CONFIG`` and the environment (which wins);
    ConfigError if one is unusable. Every setting is checked, so a wrong one is named at
    start, not at first use. ``need_token``: the bot needs one; the other commands do not
    read it (nor its file)."""
    env = os.environ if environ is None else environ
    raw: dict[str, object] = _file_values(env.get("CLAIMWATCH_CONFIG"))
    for var, name in ENV.items():
        if env.get(var):
            raw[name] = env[var]
    default = Settings()
    api_url = str(_given(raw, "api_url") or default.api_url)
    if not api_url.startswith(("http://", "https://")):
        raise ConfigError(f"TELEGRAM_API_URL must start with http:// or https://: {api_url!r}")
    try:
        poll = _seconds(raw, "outbox_poll", default.outbox_poll)
        feed_check = _seconds(raw, "feed_check", default.feed_check)
        heartbeat = _seconds(raw, "heartbeat", default.heartbeat)
        busy_timeout = _seconds(raw, "busy_timeout", default.busy_timeout)
    except ValueError:
        raise ConfigError(
            "CLAIMWATCH_OUTBOX_POLL, CLAIMWATCH_FEED_CHECK, CLAIMWATCH_HEARTBEAT and"
            " CLAIMWATCH_BUSY_TIMEOUT must be numbers of seconds"
        ) from None
    if not 0 < busy_timeout <= 3600:
        raise ConfigError(
            "CLAIMWATCH_BUSY_TIMEOUT must be more than 0 and at most 3600 seconds,"
            f" not {busy_timeout:g}"
        )
    fetch_timeout, fetch_max_bytes = _fetch_numbers(raw)
    polling = _poll_numbers(raw)
    sources = str(_given(raw, "sources") or default.sources).lower()
    if sources not in {"everyone", "admins"}:
        raise ConfigError(f"CLAIMWATCH_SOURCES must be everyone or admins, not {sources!r}")
    hosts = _given(raw, "allow_hosts")
    return Settings(
        token=_token(raw) if need_token else "",
        db=str(_given(raw, "db") or default.db),
        api_url=api_url,
        admins=_admins(_given(raw, "admins")),
        tz=zone(str(_given(raw, "tz") or DEFAULT_TZ)),
        webhook_secret=str(raw["webhook_secret"]) if _given(raw, "webhook_secret") else None,
        chat_rate=_rate(raw, "chat_rate", default.chat_rate),
        group_rate=_rate(raw, "group_rate", default.group_rate),
        global_rate=_rate(raw, "global_rate", default.global_rate),
        outbox_poll=max(0.05, poll),
        allow_hosts=parse_allow_hosts(
            [str(h) for h in hosts] if isinstance(hosts, list) else str(hosts or "")
        ),
        feed_check=max(0.2, feed_check),
        sources=sources,
        heartbeat=min(60.0, max(0.5, heartbeat)),
        fetch_timeout=fetch_timeout,
        fetch_max_bytes=fetch_max_bytes,
        feed_items=polling.items,
        feed_concurrency=polling.feeds,
        feed_pages=polling.pages,
        feed_deadline=polling.deadline,
        busy_timeout=busy_timeout,
    )
