"""What the repositories hand out and take in: plain frozen rows, the same for every backend.

Nothing here knows SQL; each repository of a backend maps its rows onto these by column
name, never by position, so a column added to a query is never read as another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

FLAG_KINDS = ("denial", "confirmation", "reversal", "figure_conflict")
MODES = ("instant", "digest")


def now_iso() -> str:
    """The stored form of now: UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def iso(moment: datetime) -> str:
    """The stored form of a time: UTC, seconds, like :func:`now_iso`."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: int
    text: str
    key: list[str]
    lang: str
    by_name: str
    by_who: str | None
    actors: list[str]
    figures: list[dict[str, Any]]
    status: str
    article_id: int
    first_seen: str
    updated_at: str
    by_phrase: str | None = None


@dataclass(frozen=True, slots=True)
class StatementRow:
    id: int
    article_id: int
    position: int
    text: str
    content: str
    lang: str
    speaker: str | None
    who: str | None
    stance: str
    actors: list[str]
    figures: list[dict[str, Any]]
    claim_id: int | None
    relation: str | None
    score: float | None
    published: str
    source: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class NewStatement:
    """A statement as the pipeline stores it (its id comes from the database)."""

    position: int
    text: str
    content: str
    lang: str
    speaker: str | None
    speaker_actor: str | None
    who: str | None
    stance: str
    hedged: bool
    actors: Sequence[str]
    figures: Sequence[dict[str, Any]]
    speaker_phrase: str | None = None


@dataclass(frozen=True, slots=True)
class FlagRow:
    id: int
    kind: str
    claim_id: int
    claim_text: str
    claim_by: str
    statement_id: int
    statement_text: str
    by: str
    score: float
    published: str
    source: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ChatRow:
    id: int
    type: str
    title: str | None
    lang: str
    lang_chosen: bool
    tz: str | None
    paused: str | None
    is_source: bool
    digest_every: str | None
    digest_day: int | None
    digest_time: str | None
    digest_always: bool
    digest_set_at: str | None
    digest_last: str | None


@dataclass(frozen=True, slots=True)
class SubscriptionRow:
    id: int
    chat_id: int
    kind: str
    value: str
    label: str
    flag_kinds: tuple[str, ...]
    mode: str


@dataclass(frozen=True, slots=True)
class DigestWindow:
    last: str | None  # when the previous digest was made
    flag_after: int
    log_after: int
    flag_upto: int
    log_upto: int


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    chat_id: int
    dedupe: str
    flag_id: int | None
    subscription_id: int | None
    payload: list[str] | None
    state: str
    attempts: int
    parts_sent: int
    message_ids: list[int]


@dataclass(frozen=True, slots=True)
class FeedRow:
    id: int
    url: str
    name: str
    interval_s: int
    full_text: bool
    etag: str | None
    last_modified: str | None
    next_poll_at: str
    failures: int
    last_error: str | None
    last_error_at: str | None
    last_ok_at: str | None
    last_polled_at: str | None
    last_status: int | None
    articles: int

    @property
    def failing(self) -> bool:
        return self.failures > 0
