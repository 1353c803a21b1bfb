"""What the rest of claimwatch may ask of storage: the database and its repositories, as
protocols. The engine, sources, evaluation, the bot and the command line type against these
(and the rows of storage/rows.py), never against a backend: SQLite (storage/database.py and
its repositories) is one implementation, and a second backend (PostgreSQL) plugs in here by
providing the same methods. No SQL, no driver, no connection crosses this line.

Writes belong inside ``async with db.transaction():`` (one at a time per database; rolled
back on any exception); reads outside one see only what is committed, reads inside one see
the transaction's own rows too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

from claimwatch.matchers.candidates import overlap_needed
from claimwatch.storage.prefix import MemoryPrefixIndex
from claimwatch.storage.rows import (
    FLAG_KINDS,
    MODES,
    ChatRow,
    ClaimRow,
    DigestWindow,
    FeedRow,
    FlagRow,
    NewStatement,
    OutboxRow,
    StatementRow,
    SubscriptionRow,
    iso,
    now_iso,
)

# How long a write waits for another process's transaction before it gives up (StoreBusy):
# the default of the busy_timeout setting (CLAIMWATCH_BUSY_TIMEOUT, claimwatch.config).
BUSY_TIMEOUT_MS = 10_000

# How many ids one call of a "many ids" method (get_many, first_statements ...) should be
# given: callers split longer lists (SQLite binds at most 32,766 parameters a statement).
IN_CHUNK = 500

__all__ = [
    "BUSY_TIMEOUT_MS",
    "FLAG_KINDS",
    "IN_CHUNK",
    "MODES",
    "ChatRow",
    "ChatsRepository",
    "ClaimRow",
    "ClaimsRepository",
    "Database",
    "DigestWindow",
    "FeedRow",
    "FeedsRepository",
    "FlagRow",
    "NewStatement",
    "OutboxRepository",
    "OutboxRow",
    "StatementRow",
    "SubscriptionRow",
    "iso",
    "now_iso",
    "overlap_needed",
]


class ClaimsRepository(Protocol):
    """Articles, statements, claims, the links between them, flags, and the look-ups that
    find claims."""

    # articles
    async def find_article(self, content_hash: str, url: str | None) -> int | None: ...
    async def article_by_url(self, url: str) -> int | None: ...
    async def article_source(self, article_id: int) -> tuple[str | None, str | None]: ...
    async def add_article(
        self,
        *,
        source: str | None,
        url: str | None,
        published: str,
        lang: str,
        content_hash: str,
        text: str,
    ) -> int: ...

    # statements
    async def add_statements(
        self, article_id: int, statements: Sequence[NewStatement]
    ) -> dict[int, int]: ...
    async def link_statements(
        self, links: Sequence[tuple[int, int, str, float, str | None]]
    ) -> None: ...
    async def statement_positions(
        self, claim_id: int, *, exclude_article: int | None = None
    ) -> list[tuple[str, str, str | None]]: ...
    async def statement_positions_many(
        self, claim_ids: Sequence[int], *, exclude_article: int | None = None
    ) -> dict[int, list[tuple[str, str, str | None]]]: ...
    async def claim_statements(self, claim_id: int) -> list[StatementRow]: ...
    async def first_statements(self, article_ids: Sequence[int]) -> dict[int, tuple[str, str]]: ...
    async def article_claim_ids(self, article_ids: Sequence[int]) -> dict[int, list[int]]: ...

    # claims
    async def add(
        self,
        *,
        text: str,
        key: Sequence[str],
        lang: str,
        by_name: str,
        by_who: str | None,
        actors: Sequence[str],
        figures: Sequence[dict[str, Any]],
        article_id: int,
        first_seen: str,
        by_phrase: str | None = None,
        by_state: str | None = None,
    ) -> int: ...
    async def bulk_add(
        self, rows: Iterable[tuple[str, Sequence[str], str, str]], *, article_id: int
    ) -> None: ...
    async def set_status(self, claim_id: int, status: str) -> None: ...
    async def set_statuses(self, statuses: Sequence[tuple[int, str]]) -> None: ...
    async def get(self, claim_id: int) -> ClaimRow | None: ...
    async def get_many(self, ids: Iterable[int]) -> list[ClaimRow]: ...
    async def recent_by(
        self, who: Sequence[str], *, about: str | None, since: str, limit: int = 20
    ) -> list[ClaimRow]: ...
    async def recent_about(
        self, actor: str, *, since: str, exclude_who: str | None, limit: int = 20
    ) -> list[ClaimRow]: ...
    async def latest(self, *, limit: int = 20, offset: int = 0) -> list[ClaimRow]: ...
    async def active_actors(self, limit: int = 8) -> list[tuple[str, int]]: ...
    async def counts(self) -> dict[str, int]: ...

    # finding claims
    async def document_frequencies(self, tokens: Sequence[str]) -> dict[str, int]: ...
    async def candidate_keys(
        self,
        tokens: Sequence[str],
        *,
        terms: int | None = None,
        limit: int | None = None,
        pairs: bool = True,
    ) -> list[tuple[int, list[str]]]: ...
    async def match_candidates(self, tokens: Sequence[str]) -> list[tuple[int, list[str]]]: ...
    async def match_candidates_many(
        self, keys: Sequence[Sequence[str]]
    ) -> list[list[tuple[int, list[str]]]]: ...
    async def rebuild_prefix_index(self) -> None: ...

    # flags
    async def add_flag(
        self,
        *,
        kind: str,
        claim_id: int,
        statement_id: int,
        article_id: int,
        by_name: str,
        by_who: str,
        score: float,
        published: str,
        by_state: str | None = None,
    ) -> int | None: ...
    async def answers_before(
        self, claim_ids: Sequence[int], *, published: str, exclude_article: int
    ) -> list[tuple[str, int, str, str, list[float]]]: ...
    async def answers_since(
        self, since: str, *, published: str, exclude_article: int
    ) -> list[tuple[str, int, str, str, str]]: ...
    async def get_flag(self, flag_id: int) -> FlagRow | None: ...
    async def get_flags(self, ids: Iterable[int]) -> list[FlagRow]: ...
    async def list_flags(
        self, *, since: str | None = None, claim_id: int | None = None, limit: int = 100
    ) -> list[FlagRow]: ...
    async def flags_of_kind(
        self, kind: str, *, since: str, day: str, limit: int
    ) -> list[FlagRow]: ...


class ChatsRepository(Protocol):
    """Chats, their subscriptions and their digests."""

    async def ensure(
        self, chat_id: int, *, type_: str, title: str | None, lang: str | None
    ) -> ChatRow: ...
    async def get(self, chat_id: int) -> ChatRow | None: ...
    async def set_lang(self, chat_id: int, lang: str) -> None: ...
    async def set_tz(self, chat_id: int, tz: str | None) -> None: ...
    async def set_source(self, chat_id: int, is_source: bool) -> None: ...
    async def pause(self, chat_id: int, reason: str) -> int: ...
    async def resume(self, chat_id: int) -> int: ...
    async def migrate(self, old_id: int, new_id: int) -> None: ...

    async def add_subscription(
        self,
        chat_id: int,
        *,
        kind: str,
        value: str,
        label: str,
        terms: Sequence[str] = (),
    ) -> tuple[SubscriptionRow, bool]: ...
    async def subscriptions(self, chat_id: int) -> list[SubscriptionRow]: ...
    async def get_subscription(self, chat_id: int, sub_id: int) -> SubscriptionRow | None: ...
    async def find_subscription(
        self, chat_id: int, kind: str, value: str
    ) -> SubscriptionRow | None: ...
    async def remove_subscription(self, chat_id: int, sub_id: int) -> bool: ...
    async def update_subscription(
        self,
        chat_id: int,
        sub_id: int,
        *,
        mode: str | None = None,
        flag_kinds: Sequence[str] | None = None,
    ) -> SubscriptionRow | None: ...

    async def set_digest(
        self,
        chat_id: int,
        *,
        every: str | None,
        day: int | None = None,
        at: str | None = None,
        always: bool = False,
        covers_since: str | None = None,
    ) -> None: ...
    async def digest_chats(self) -> list[ChatRow]: ...
    async def digest_window(self, chat_id: int, *, since_if_new: str) -> DigestWindow | None: ...
    async def record_digest(
        self, chat_id: int, window: DigestWindow, *, slot: str, at: str, parts: Sequence[str] | None
    ) -> None: ...
    async def flags(
        self, chat_id: int, *, after_id: int, upto_id: int, limit: int = 500
    ) -> list[tuple[SubscriptionRow, FlagRow]]: ...
    async def status_changes(
        self, chat_id: int, *, after_id: int, upto_id: int, limit: int = 200
    ) -> list[tuple[int, str, str, str]]: ...
    async def export(self, chat_id: int) -> tuple[list[FlagRow], list[int]]: ...


class OutboxRepository(Protocol):
    """Messages on their way to chats, and the delivering bot's liveness records."""

    async def queue(self, chat_id: int, dedupe: str, parts: Sequence[str]) -> None: ...
    async def beat(self, owner: str, at: str) -> None: ...
    async def sending_owners(self) -> list[str]: ...
    async def recover_sending(
        self, *, alive_since: str, me: str, dead: Sequence[str] = ()
    ) -> int: ...
    async def retire_owner(self, owner: str) -> int: ...
    async def release_sending(self, owner: str, *, keep: Sequence[int]) -> int: ...
    async def due_heads(
        self, now: str, *, exclude: Sequence[int], limit: int
    ) -> list[OutboxRow]: ...
    async def next_due_time(self) -> str | None: ...
    async def get(self, row_id: int) -> OutboxRow | None: ...
    async def counts(self, chat_id: int | None = None) -> dict[str, int]: ...
    async def mark_sending(self, row_id: int, owner: str) -> bool: ...
    async def mark_part_sent(self, row_id: int, owner: str, message_id: int) -> bool: ...
    async def mark_sent(self, row_id: int, owner: str) -> bool: ...
    async def mark_retry(self, row_id: int, owner: str, not_before: str, error: str) -> bool: ...
    async def mark_failed(self, row_id: int, owner: str, error: str) -> bool: ...
    async def delay_chat(self, chat_id: int, not_before: str) -> None: ...
    async def set_state(self, key: str, value: str) -> None: ...
    async def get_state(self, key: str) -> str | None: ...


class FeedsRepository(Protocol):
    """Feeds and the items read from them."""

    async def add(
        self, url: str, *, name: str, interval_s: int, full_text: bool, added_by: str | None
    ) -> tuple[FeedRow, bool]: ...
    async def all(self) -> list[FeedRow]: ...
    async def get(self, feed_id: int) -> FeedRow | None: ...
    async def remove(self, feed_id: int) -> bool: ...
    async def due(self, now: str) -> list[FeedRow]: ...
    async def seen_items(self, feed_id: int, guids: Sequence[str]) -> set[str]: ...
    async def add_item(
        self,
        feed_id: int,
        guid: str,
        *,
        url: str | None,
        article_id: int | None,
        note: str | None,
        new_article: bool,
    ) -> None: ...
    async def polled(
        self,
        feed_id: int,
        *,
        next_poll_at: str,
        status: int | None,
        etag: str | None,
        last_modified: str | None,
    ) -> None: ...
    async def failed(self, feed_id: int, *, next_poll_at: str, error: str) -> None: ...


class Database(Protocol):
    """One database: its repositories, its write transaction, its life cycle."""

    path: str
    readonly: bool  # opened to read only: every transaction is refused
    migrated: list[str]  # the migrations this open applied
    MEMORY_INDEX_AFTER: int

    @property
    def schema(self) -> str:
        """The newest schema this claimwatch knows (what ``migrate`` brings a database to)."""
        ...

    @property
    def claims(self) -> ClaimsRepository: ...
    @property
    def chats(self) -> ChatsRepository: ...
    @property
    def outbox(self) -> OutboxRepository: ...
    @property
    def feeds(self) -> FeedsRepository: ...

    def transaction(self) -> AbstractAsyncContextManager[Database]: ...
    async def close(self) -> None: ...
    async def copy_in_memory(self) -> Database: ...
    async def load_memory_index(self) -> MemoryPrefixIndex: ...
    @property
    def memory_index(self) -> MemoryPrefixIndex | None: ...
    @property
    def memory_index_possible(self) -> bool: ...
