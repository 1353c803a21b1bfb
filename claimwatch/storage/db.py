"""The one async interface to the database (aiosqlite).

Writes go through :meth:`Store.transaction` (BEGIN IMMEDIATE, so a second process waits
instead of failing half-way); every value is a bound parameter. The claims a statement can
match come from a prefix index (FTS5, migration 0005): each claim lists the tokens that can
be among those a match must share, so reading a statement's tokens there finds every claim
that can reach the threshold without reading any claim that only shares a common word
(:meth:`Store.match_candidates`; storage/prefix.py, which also holds the copy in memory a
busy store reads instead). The FTS5 index over whole keys answers the ranked look-ups
(:meth:`Store.candidate_keys`: searches, resolving who is answered).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from claimwatch.errors import StoreBusy, StoreError, StoreUnusable
from claimwatch.storage.prefix import (
    MemoryPrefixIndex,
    candidates_query,
    memory_candidates,
    prefix_candidates,
)

# candidate_keys: one FTS query, any two of the five rarest key tokens, best BM25 first.
# It found matches for the engine until the prefix index below; measured with
# tests/benchmarks/bench_match.py at 1,000,000 claims: pairs of the 5 rarest
# took 176 ms per article and found 0.88 of the brute-force matches; the 4 rarest OR-ed,
# 276 ms and 0.80 (BM25 then ranks every row holding one common word); 6 rarest in pairs
# cost 60 % more time at 100,000 claims for 0.977 instead of 0.968. Reading every claim
# that holds a rare token, unranked, was four times slower. Leaving out tokens in more than
# 20,000 claims halved the median at a million but made the slowest articles 2.5 s and
# recall 0.79.
CANDIDATE_TERMS = 5
CANDIDATE_LIMIT = 40
RARE_DF = 20  # a token in at most this many claims is always queried (up to MAX_TERMS)
MAX_TERMS = 10

log = logging.getLogger(__name__)
MMAP_BYTES = 1 << 30
IN_CHUNK = 500  # ids bound in one IN (...) list
# How long a write waits for another process's transaction before it gives up: the default
# of the busy_timeout setting (CLAIMWATCH_BUSY_TIMEOUT, claimwatch.config), given to open().
BUSY_TIMEOUT_MS = 10_000


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def rarest_terms(freq: dict[str, int], terms: int) -> list[str]:
    """The ``terms`` rarest tokens that occur at all (ties broken by the token), and any
    further ones that are rare in absolute terms: in a small database every token is rare,
    and which five come first would be chance."""
    present = sorted((t for t in freq if freq[t] > 0), key=lambda t: (freq[t], t))
    extra = [t for t in present[terms:MAX_TERMS] if freq[t] <= RARE_DF]
    return present[:terms] + extra


def fts_any_two(tokens: Sequence[str]) -> str:
    """An FTS5 query for rows holding at least two of ``tokens`` (one, if only one is given).

    A claim must share two key tokens with a statement to score at all, so pairs lose no
    match among these tokens, and BM25 then ranks a few rows instead of every row that
    holds one common word.
    """
    quoted = [quote_fts(t) for t in tokens]
    if len(quoted) < 2:
        return " OR ".join(quoted)
    return " OR ".join(f"({a} AND {b})" for a, b in itertools.combinations(quoted, 2))


def quote_fts(token: str) -> str:
    """A token as an FTS5 string, so OR/NOT/NEAR are plain words."""
    return '"' + token.replace('"', '""') + '"'


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


_CLAIM_COLS = (
    "c.id, c.text, c.key, c.lang, c.by_name, c.by_who, c.actors, c.figures, c.status, "
    "c.article_id, c.first_seen, c.updated_at, c.by_phrase"
)
_STATEMENT_COLS = (
    "s.id, s.article_id, s.position, s.text, s.content, s.lang, s.speaker, s.who, s.stance, "
    "s.actors, s.figures, s.claim_id, s.relation, s.score, a.published, a.source, a.url"
)
_FLAG_SELECT = """
    SELECT f.id, f.kind, f.claim_id, c.text, c.by_name, f.statement_id, s.text, f.by_name,
           f.score, f.published, a.source, a.url
    FROM flags f
    JOIN claims c ON c.id = f.claim_id
    JOIN statements s ON s.id = f.statement_id
    JOIN articles a ON a.id = f.article_id
"""


def _claim(row: Sequence[Any]) -> ClaimRow:
    return ClaimRow(
        id=row[0],
        text=row[1],
        key=row[2].split(),
        lang=row[3],
        by_name=row[4],
        by_who=row[5],
        actors=json.loads(row[6]),
        figures=json.loads(row[7]),
        status=row[8],
        article_id=row[9],
        first_seen=row[10],
        updated_at=row[11],
        by_phrase=row[12],
    )


def _statement(row: Sequence[Any]) -> StatementRow:
    return StatementRow(
        id=row[0],
        article_id=row[1],
        position=row[2],
        text=row[3],
        content=row[4],
        lang=row[5],
        speaker=row[6],
        who=row[7],
        stance=row[8],
        actors=json.loads(row[9]),
        figures=json.loads(row[10]),
        claim_id=row[11],
        relation=row[12],
        score=row[13],
        published=row[14],
        source=row[15],
        url=row[16],
    )


def _flag(row: Sequence[Any]) -> FlagRow:
    return FlagRow(*row)


# What SQLite's primary result codes mean to whoever runs claimwatch. Those not here (a
# constraint, a misuse) are claimwatch's own bugs and keep their traceback.
_FAULTS: dict[str, tuple[type[StoreError], str]] = {
    "FULL": (StoreError, "{path}: the disk is full ({message}); free some space and try again"),
    "IOERR": (StoreError, "{path}: the disk failed a read or write ({message}); is it full?"),
    "READONLY": (
        StoreError,
        "{path} cannot be written here ({message}); the commands that only read still work",
    ),
    "CANTOPEN": (
        StoreError,
        "cannot open the database {path} ({message}): is it, or its folder, read-only?",
    ),
    "CORRUPT": (StoreUnusable, "{path} is damaged ({message}): restore it from a backup"),
    "NOTADB": (StoreUnusable, "{path} is not a usable claimwatch database: {message}"),
}
# SQLITE_ERROR messages that mean the tables are not the ones the migrations made.
_SCHEMA_DRIFT = ("no such column", "no such table", "has no column named")


def store_error(
    exc: sqlite3.DatabaseError, path: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> StoreError | None:
    """The storage error an SQLite failure stands for, in one line a user can act on; None
    for a bug of claimwatch's own (a constraint, a misuse), which keeps its traceback."""
    message = str(exc)
    primary = (getattr(exc, "sqlite_errorname", None) or "").removeprefix("SQLITE_")
    primary = primary.split("_")[0]
    guess = not primary and ("locked" in message or "busy" in message)
    if primary in {"BUSY", "LOCKED"} or guess:
        return StoreBusy(
            f"the database stayed locked by another writer for over {busy_timeout_ms / 1000:g} s"
        )
    if primary in _FAULTS:
        kind, text = _FAULTS[primary]
        return kind(text.format(path=path, message=message))
    if any(words in message for words in _SCHEMA_DRIFT):
        return StoreUnusable(
            f"{path}: the database's schema is not what claimwatch expects: {message}"
        )
    if isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError:
        return StoreError(f"{path}: the database refused: {message}")
    return None


def shipped_migrations() -> list[str]:
    """The migrations this claimwatch ships, in the order they apply."""
    folder = resources.files("claimwatch.storage").joinpath("migrations")
    return sorted(e.name for e in folder.iterdir() if e.name.endswith(".sql"))


def check_schema(path: str, applied: Iterable[str], *, readonly: bool) -> list[str]:
    """The shipped migrations ``applied`` lacks. A database migrated by a newer claimwatch is
    refused (its tables may mean something else now); so is one that lacks migrations when
    it may not be written."""
    done = set(applied)
    shipped = shipped_migrations()
    newer = sorted(done - set(shipped))
    if newer:
        raise StoreUnusable(
            f"{path} was migrated by a newer claimwatch (schema {_schema(newer[-1])});"
            f" this one knows up to {_schema(shipped[-1])}: upgrade claimwatch"
        )
    missing = [name for name in shipped if name not in done]
    if missing and readonly:
        have = _schema(max(done)) if done else "none"
        raise StoreError(
            f"{path} is at schema {have}, older than this claimwatch's {_schema(shipped[-1])}:"
            f" run claimwatch migrate --db {path} (this command only reads)"
        )
    return missing


def _schema(migration: str) -> str:
    return migration.removesuffix(".sql")


def _read_only_uri(path: str) -> str | None:
    """The SQLite URI that opens ``path`` read-only; None if there is no database there yet
    (no file, or an empty one)."""
    file = Path(path)
    if not file.exists() or file.stat().st_size == 0:
        return None
    return file.resolve().as_uri() + "?mode=ro"


def _has_wal(path: str) -> bool:
    return Path(f"{path}-wal").exists()


def _is_folder(path: str) -> bool:
    return Path(path).is_dir()


class Store:
    """claimwatch's database. Open with ``await Store.open(path)``; close when done."""

    # Statements matched through FTS5 before the prefix index is loaded into memory in the
    # background (about 1 s per 100,000 claims, off this connection): a one-shot command
    # never pays for it, a bot or a bulk ingest gains from the second article on.
    MEMORY_INDEX_AFTER = 100

    def __init__(
        self,
        conn: aiosqlite.Connection,
        path: str,
        reader: aiosqlite.Connection | None = None,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        self._writer = conn
        self.busy_timeout_ms = busy_timeout_ms
        # Reads outside a transaction go to their own connection: a read left open across
        # an await on the writer's connection would make the next BEGIN IMMEDIATE fail at
        # once ("database is locked") instead of waiting out the busy timeout, and a task's
        # read would see another task's uncommitted rows. An in-memory database has no
        # second connection to the same data: there everything shares the writer.
        self._reader = reader or conn
        self.path = path
        # One writer, many coroutines (the bot's handlers, its delivery worker): their
        # transactions take turns instead of nesting on the connection.
        self._write = asyncio.Lock()
        self._tx_task: asyncio.Task[Any] | None = None  # the task inside a transaction
        self._memory: MemoryPrefixIndex | None = None
        self._memory_task: asyncio.Task[None] | None = None
        self._looked_up = 0
        self.readonly = False  # opened to read only: every transaction is refused
        self.migrated: list[str] = []  # the migrations this open applied

    @property
    def _conn(self) -> aiosqlite.Connection:
        """The writer inside this task's transaction, the reader everywhere else."""
        return self._writer if self._in_transaction() else self._reader

    def _in_transaction(self) -> bool:
        return self._tx_task is not None and self._tx_task is asyncio.current_task()

    # -- life cycle -------------------------------------------------------------------
    @classmethod
    async def open(
        cls, path: str | Path, *, readonly: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> Store:
        """Open (and create, and migrate) the database; StoreError in one line if it cannot
        be used. ``readonly`` opens it without writing anything (see :meth:`_open_readonly`);
        ``busy_timeout_ms``: how long a statement waits for another process's lock."""
        path = str(path)
        if path != ":memory:" and _is_folder(path):
            # (aiosqlite's thread, failing to connect, could outlive the event loop)
            raise StoreError(f"{path} is a folder, not a database file")
        if readonly and path != ":memory:":
            return await cls._open_readonly(path, busy_timeout_ms)
        if path != ":memory:":
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder of {path}: {exc.strerror}") from exc
        try:
            conn = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from exc
        store = cls(conn, path, busy_timeout_ms=busy_timeout_ms)
        try:
            with store._faults(opening=True):
                await store._set_up()
        except BaseException:
            await store.close()
            raise
        return store

    async def _set_up(self) -> None:
        conn, path = self._writer, self.path
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
        if path != ":memory:":
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA synchronous = NORMAL")
            # Matching through FTS5 reads claims scattered over the file: mapped pages
            # cost no read() each (at 100,000 claims 22-23 ms an article against 23-35).
            await conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        self.migrated = await self.migrate()
        if path != ":memory:":
            reader = await aiosqlite.connect(path, isolation_level=None)
            self._reader = reader
            await reader.execute("PRAGMA query_only = ON")
            await reader.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
            await reader.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")

    @classmethod
    async def _open_readonly(cls, path: str, busy_timeout_ms: int) -> Store:
        """The database as it is, for commands that only read: opened with SQLite's
        ``mode=ro``, never migrated, every transaction refused, so neither the file nor its
        time stamp changes (SQLite may add an empty -wal and a -shm beside it, as it does for
        every reader of a WAL database where it may).

        A file that does not exist (or is empty) reads as an empty database, in memory:
        nothing is created. One that lacks migrations is refused (see :func:`check_schema`).
        In a folder that cannot be written, with no -wal beside the file (so no process has
        it open), SQLite cannot make the -shm a WAL reader needs: the file is then read as
        ``immutable``, which takes no locks; a writer starting during that read could make
        it see a half-copied checkpoint, a risk taken only where no write was expected."""
        uri = _read_only_uri(path)
        if uri is None:
            store = await cls.open(":memory:", busy_timeout_ms=busy_timeout_ms)
            store.path, store.readonly = path, True
            return store
        try:
            return await cls._read_only_store(path, uri, busy_timeout_ms)
        except StoreError as exc:
            cause = exc.__cause__
            cantopen = getattr(cause, "sqlite_errorname", "").startswith("SQLITE_CANTOPEN")
            if not cantopen or _has_wal(path):
                raise
        return await cls._read_only_store(path, uri + "&immutable=1", busy_timeout_ms)

    @classmethod
    async def _read_only_store(cls, path: str, uri: str, busy_timeout_ms: int) -> Store:
        try:
            conn = await aiosqlite.connect(uri, uri=True, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from exc
        store = cls(conn, path, busy_timeout_ms=busy_timeout_ms)
        store.readonly = True
        try:
            with store._faults(opening=True):
                await conn.execute("PRAGMA query_only = ON")
                await conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
                await conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
                found = await conn.execute_fetchall(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
                )
                if not found:
                    raise StoreUnusable(f"{path} is not a claimwatch database (no migrations)")
                done = await conn.execute_fetchall("SELECT name FROM migrations")
                check_schema(path, (row[0] for row in done), readonly=True)
        except BaseException:
            await store.close()
            raise
        return store

    @contextlib.contextmanager
    def _faults(self, *, opening: bool = False) -> Iterator[None]:
        """SQLite's failures as the StoreError they stand for (:func:`store_error`), so no
        ``sqlite3`` error leaves storage/ for the world's doing (a full disk, a damaged
        file, a renamed column): the CLI and the bot say one line instead of a traceback.
        While opening, any database error means the file cannot be used."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            error = store_error(exc, self.path, self.busy_timeout_ms)
            if error is None and opening:
                error = StoreUnusable(f"{self.path} is not a usable claimwatch database: {exc}")
            if error is None:
                raise
            raise error from exc

    async def copy_in_memory(self) -> Store:
        """A new in-memory database holding what this one holds, migrations included.

        Migrating a blank database takes about 0.4 s (0005 fills a table from a join of
        about 200,000 rows); ``eval cases`` needs a blank database per case, and copying one
        migrated blank database takes milliseconds. Call it outside a transaction.
        """
        conn = await aiosqlite.connect(":memory:", isolation_level=None)
        try:
            await self._writer.backup(conn)
            await conn.execute("PRAGMA foreign_keys = ON")
            await conn.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
        except BaseException:
            await conn.close()
            raise
        return type(self)(conn, ":memory:", busy_timeout_ms=self.busy_timeout_ms)

    async def close(self) -> None:
        if self._memory_task is not None and not self._memory_task.done():
            self._memory_task.cancel()  # its thread ends on its own connection
            with contextlib.suppress(asyncio.CancelledError):
                await self._memory_task
        if self._reader is not self._writer:
            await self._reader.close()
        await self._writer.close()

    async def migrate(self) -> list[str]:
        """Apply the numbered migrations not yet recorded; returns the names applied.
        A database that records a migration this claimwatch does not ship is refused
        before anything is written to it."""
        await self._writer.execute(
            "CREATE TABLE IF NOT EXISTS migrations "
            "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        rows = await self._writer.execute_fetchall("SELECT name FROM migrations")
        missing = check_schema(self.path, (row[0] for row in rows), readonly=False)
        folder = resources.files("claimwatch.storage").joinpath("migrations")
        applied: list[str] = []
        for name in missing:
            sql = folder.joinpath(name).read_text(encoding="utf-8")
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                for statement in _split_sql(sql):
                    await self._writer.execute(statement)
                await self._writer.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                    (name, now_iso()),
                )
            except BaseException:
                await self._writer.execute("ROLLBACK")
                raise
            await self._writer.execute("COMMIT")
            applied.append(name)
        return applied

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Store]:
        """One write transaction; rolled back on any exception, including cancellation.

        Inside it, this task's reads and writes go to the writer's connection (other tasks
        keep reading what is committed); a transaction opened again inside one by the same
        task is part of the outer one.
        """
        if self._in_transaction():
            yield self
            return
        if self.readonly:
            raise StoreError(f"{self.path} was opened read-only: this command cannot write")
        async with self._write:
            try:
                with self._faults():
                    await self._settle("BEGIN IMMEDIATE")
            except BaseException:
                await self._roll_back()  # a BEGIN that went through as we were cancelled
                raise
            self._tx_task = asyncio.current_task()
            mark = self._memory.mark if self._memory is not None else None
            try:
                yield self
                self._tx_task = None
                await self._settle("COMMIT")
            except BaseException as exc:
                self._tx_task = None
                await self._roll_back()
                if self._memory is not None:
                    # The rolled-back claims' ids will be given out again: read from there.
                    if mark is None:  # loaded during the transaction: it may hold them
                        self._drop_memory()
                    else:
                        self._memory.rewind(mark)
                if isinstance(exc, sqlite3.DatabaseError):
                    error = store_error(exc, self.path, self.busy_timeout_ms)
                    if error is not None:
                        raise error from exc
                raise

    async def _settle(self, sql: str) -> None:
        """Run BEGIN, COMMIT or ROLLBACK to its end even when this task is cancelled meanwhile:
        aiosqlite carries it out on its thread regardless, and what follows must know whether
        the connection is inside a transaction (a BEGIN left open would hold the write lock
        with no owner)."""
        step = asyncio.ensure_future(self._writer.execute(sql))
        try:
            await asyncio.shield(step)
        except asyncio.CancelledError:
            await asyncio.wait({step})
            if not step.cancelled():
                step.exception()  # seen: its outcome is read from the connection below
            raise

    async def _roll_back(self) -> None:
        """End a transaction that did not commit; the error that led here is the one told."""
        if self._writer.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                await self._settle("ROLLBACK")

    async def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._faults():
            async with self._conn.execute(sql, params) as cur:
                return await cur.fetchone()

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._faults():
            return list(await self._conn.execute_fetchall(sql, params))

    # -- articles ----------------------------------------------------------------------
    async def find_article(self, content_hash: str, url: str | None) -> int | None:
        row = await self._one(
            "SELECT id FROM articles WHERE content_hash = ? OR (url IS NOT NULL AND url = ?)",
            (content_hash, url),
        )
        return row[0] if row else None

    async def add_article(
        self,
        *,
        source: str | None,
        url: str | None,
        published: str,
        lang: str,
        content_hash: str,
        text: str,
    ) -> int:
        cur = await self._conn.execute(
            "INSERT INTO articles (source, url, published, ingested_at, lang, content_hash, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (source, url, published, now_iso(), lang, content_hash, text),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    # -- statements --------------------------------------------------------------------
    async def add_statements(
        self, article_id: int, statements: Sequence[NewStatement]
    ) -> dict[int, int]:
        """Store an article's statements in one hand-off to the database; returns their ids
        by position (13,000 statements of a long article cost 2 s one by one)."""
        await self._conn.executemany(
            "INSERT INTO statements (article_id, position, text, content, lang, speaker,"
            " speaker_actor, who, stance, hedged, actors, figures, speaker_phrase)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    st.position,
                    st.text,
                    st.content,
                    st.lang,
                    st.speaker,
                    st.speaker_actor,
                    st.who,
                    st.stance,
                    int(st.hedged),
                    json.dumps(list(st.actors)),
                    json.dumps(list(st.figures), ensure_ascii=False),
                    st.speaker_phrase,
                )
                for st in statements
            ],
        )
        rows = await self._all(
            "SELECT position, id FROM statements WHERE article_id = ?", (article_id,)
        )
        return {r[0]: r[1] for r in rows}

    async def link_statements(
        self, links: Sequence[tuple[int, int, str, float, str | None]]
    ) -> None:
        """Link statements to their claims: (statement, claim, relation, score, who). ``who``
        is the speaker's identity as the decision resolved it ("the Health Ministry" = the
        claim's "Indonesia's Health Ministry"), so the claim's status counts the statement
        under the right speaker."""
        await self._conn.executemany(
            "UPDATE statements SET claim_id = ?, relation = ?, score = ?, who = COALESCE(?, who)"
            " WHERE id = ?",
            [(claim, relation, score, who, sid) for sid, claim, relation, score, who in links],
        )

    async def statement_positions(
        self, claim_id: int, *, exclude_article: int | None = None
    ) -> list[tuple[str, str, str | None]]:
        """(who, relation, speaker phrase) of every attributed statement on a claim, oldest
        first."""
        rows = await self._all(
            "SELECT s.who, s.relation, s.speaker_phrase FROM statements s"
            " JOIN articles a ON a.id = s.article_id"
            " WHERE s.claim_id = ? AND s.who IS NOT NULL AND s.article_id IS NOT ?"
            " ORDER BY a.published, s.id",
            (claim_id, exclude_article),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    async def statement_positions_many(
        self, claim_ids: Sequence[int]
    ) -> dict[int, list[tuple[str, str, str | None]]]:
        """:meth:`statement_positions` of many claims in a few round trips (an article that
        made 12,000 claims derives 12,000 statuses)."""
        out: dict[int, list[tuple[str, str, str | None]]] = {cid: [] for cid in claim_ids}
        for start in range(0, len(claim_ids), IN_CHUNK):
            chunk = list(claim_ids[start : start + IN_CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = await self._all(
                "SELECT s.claim_id, s.who, s.relation, s.speaker_phrase FROM statements s"
                " JOIN articles a ON a.id = s.article_id"
                f" WHERE s.claim_id IN ({marks}) AND s.who IS NOT NULL"
                " ORDER BY s.claim_id, a.published, s.id",
                chunk,
            )
            for claim_id, who, relation, phrase in rows:
                out[claim_id].append((who, relation, phrase))
        return out

    async def claim_statements(self, claim_id: int) -> list[StatementRow]:
        rows = await self._all(
            f"SELECT {_STATEMENT_COLS} FROM statements s JOIN articles a ON a.id = s.article_id"
            " WHERE s.claim_id = ?"
            " ORDER BY a.published, s.article_id, s.relation = 'new' DESC, s.position",
            (claim_id,),
        )
        return [_statement(r) for r in rows]

    async def article_statements(
        self, article_id: int, *, limit: int | None = None
    ) -> list[StatementRow]:
        """An article's statements in order; ``limit=1`` is its headline or lead, which the
        figure pass reads for many earlier articles (all rows cost ingest a tenth)."""
        rows = await self._all(
            f"SELECT {_STATEMENT_COLS} FROM statements s JOIN articles a ON a.id = s.article_id"
            " WHERE s.article_id = ? ORDER BY s.position LIMIT ?",
            (article_id, -1 if limit is None else limit),
        )
        return [_statement(r) for r in rows]

    # -- claims ------------------------------------------------------------------------
    async def add_claim(
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
    ) -> int:
        """``by_state``: the state or organisation ``by_who`` speaks for, where it is not
        itself (who follows that state hears of the claim)."""
        stamp = now_iso()
        cur = await self._conn.execute(
            "INSERT INTO claims (text, key, lang, by_name, by_who, actors, figures, status,"
            " article_id, first_seen, updated_at, by_phrase, by_state)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 'asserted', ?, ?, ?, ?, ?)",
            (
                text,
                " ".join(dict.fromkeys(key)),  # each token once: matching counts on it
                lang,
                by_name,
                by_who,
                json.dumps(list(actors)),
                json.dumps(list(figures), ensure_ascii=False),
                article_id,
                first_seen,
                stamp,
                by_phrase,
                by_state if by_state != by_who else None,
            ),
        )
        claim_id = cur.lastrowid
        assert claim_id is not None
        await self._conn.executemany(
            "INSERT OR IGNORE INTO claim_actors (actor, claim_id) VALUES (?, ?)",
            [(actor, claim_id) for actor in actors],
        )
        await self._count_terms(Counter(set(key)))
        return claim_id

    async def _count_terms(self, counts: Counter[str]) -> None:
        await self._conn.executemany(
            "INSERT INTO key_terms (term, df) VALUES (?, ?)"
            " ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
            counts.items(),
        )

    async def bulk_add_claims(
        self, rows: Iterable[tuple[str, Sequence[str], str, str]], *, article_id: int
    ) -> None:
        """Many claims at once (text, key, lang, by_name): for backfills and benchmarks."""
        stamp = now_iso()
        counts: Counter[str] = Counter()
        batch = []
        for text, key, lang, by_name in rows:
            counts.update(set(key))
            distinct = " ".join(dict.fromkeys(key))
            batch.append((text, distinct, lang, by_name, article_id, stamp, stamp))
        await self._conn.executemany(
            "INSERT INTO claims (text, key, lang, by_name, by_who, actors, figures, status,"
            " article_id, first_seen, updated_at)"
            " VALUES (?, ?, ?, ?, NULL, '[]', '[]', 'asserted', ?, ?, ?)",
            batch,
        )
        await self._count_terms(counts)

    async def set_claim_status(self, claim_id: int, status: str) -> None:
        await self.set_claim_statuses([(claim_id, status)])

    async def set_claim_statuses(self, statuses: Sequence[tuple[int, str]]) -> None:
        stamp = now_iso()
        await self._conn.executemany(
            "UPDATE claims SET status = ?, updated_at = ? WHERE id = ?",
            [(status, stamp, claim_id) for claim_id, status in statuses],
        )

    async def get_claim(self, claim_id: int) -> ClaimRow | None:
        row = await self._one(f"SELECT {_CLAIM_COLS} FROM claims c WHERE c.id = ?", (claim_id,))
        return _claim(row) if row else None

    async def get_claims(self, ids: Iterable[int]) -> list[ClaimRow]:
        ids = list(ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = await self._all(f"SELECT {_CLAIM_COLS} FROM claims c WHERE c.id IN ({marks})", ids)
        by_id = {r[0]: _claim(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    async def document_frequencies(self, tokens: Sequence[str]) -> dict[str, int]:
        if not tokens:
            return {}
        marks = ",".join("?" * len(tokens))
        rows = await self._all(
            f"SELECT term, df FROM key_terms WHERE term IN ({marks})", list(tokens)
        )
        return {r[0]: r[1] for r in rows}

    async def candidate_keys(
        self,
        tokens: Sequence[str],
        *,
        terms: int | None = None,
        limit: int | None = None,
        pairs: bool = True,
    ) -> list[tuple[int, list[str]]]:
        """(id, key) of the claims sharing two (or, without ``pairs``, one) of the rarest of
        ``tokens``, best BM25 first.

        Two statements on purpose: one that picks the rarest tokens inside the FTS query
        (a subquery on key_terms) was planned worse and took twice as long.
        """
        freq = await self.document_frequencies(list(dict.fromkeys(tokens)))
        chosen = rarest_terms(freq, terms or CANDIDATE_TERMS)
        if not chosen:
            return []
        rows = await self._all(
            "SELECT c.id, c.key FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid"
            " WHERE claims_fts MATCH ? ORDER BY claims_fts.rank LIMIT ?",
            (
                fts_any_two(chosen) if pairs else " OR ".join(quote_fts(t) for t in chosen),
                limit or CANDIDATE_LIMIT,
            ),
        )
        return [(r[0], r[1].split()) for r in rows]

    async def match_candidates(self, tokens: Sequence[str]) -> list[tuple[int, list[str]]]:
        """(id, key) of every claim that can score >= MATCH_THRESHOLD against ``tokens``:
        those holding two of them within the claim's prefix for this statement length
        (the prefix index of migration 0005; see storage/prefix.py). In claim id order."""
        return (await self.match_candidates_many([tokens]))[0]

    async def match_candidates_many(
        self, keys: Sequence[Sequence[str]]
    ) -> list[list[tuple[int, list[str]]]]:
        """:meth:`match_candidates` of many statements in one hand-off to the database
        thread (each hand-off costs 0.1-0.2 ms). One SQL statement for all of them was
        slower, 26 ms against 19 (raw sqlite3): a compound SELECT of 300 parts is compiled
        anew for every article.

        Reads the copy in memory once loaded (see :meth:`load_memory_index`), else FTS5.
        Runs on aiosqlite's own thread and connection (``_execute``, not public API), so it
        sees the current transaction's claims; without it, one call per statement.
        """
        self._note_lookups(len(keys))
        conn = self._conn  # the thread below does not see this task's context
        run = getattr(conn, "_execute", None)
        memory = self._memory
        if run is None:
            return [await self._candidates(key) for key in keys]
        with self._faults():
            if memory is not None:
                found: list[list[tuple[int, list[str]]]] | None = await run(
                    lambda: memory_candidates(conn._conn, memory, keys)
                )
                if found is not None:
                    return found
                self._drop_memory()  # a claim changed or went: load again, FTS5 meanwhile
                self._note_lookups(0)
            looked_up: list[list[tuple[int, list[str]]]] = await run(
                lambda: prefix_candidates(conn._conn, keys)
            )
            return looked_up

    async def _candidates(self, key: Sequence[str]) -> list[tuple[int, list[str]]]:
        query = candidates_query(key)
        rows = await self._all(*query) if query else []
        return sorted((r[0], r[1].split()) for r in rows)

    # -- the prefix index in memory ----------------------------------------------------
    def _note_lookups(self, statements: int) -> None:
        self._looked_up += statements
        if (
            self.memory_index_possible
            and self._looked_up >= self.MEMORY_INDEX_AFTER
            and self._memory is None
            and self._memory_task is None
        ):
            self._memory_task = asyncio.get_running_loop().create_task(self._load_memory())

    def _drop_memory(self) -> None:
        self._memory = None
        self._memory_task = None

    @property
    def memory_index_possible(self) -> bool:
        """The copy is loaded on a second connection (the store's own may be inside a
        transaction), which an in-memory database does not have (nor a read-only store, on
        one connection); look-ups go through the store's own connection thread (aiosqlite's
        ``_execute``)."""
        return self._reader is not self._writer and hasattr(self._writer, "_execute")

    async def load_memory_index(self) -> MemoryPrefixIndex:
        """Load the prefix index's postings into memory now (or wait for the load already
        under way); later look-ups read them there. Returns the copy."""
        if not self.memory_index_possible:
            raise StoreError(f"{self.path}: no copy of the index in memory for this database")
        if self._memory is None:
            if self._memory_task is None:
                self._memory_task = asyncio.get_running_loop().create_task(self._load_memory())
            await asyncio.shield(self._memory_task)
        if self._memory is None:
            raise StoreError(f"{self.path}: the prefix index could not be loaded into memory")
        return self._memory

    @property
    def memory_index(self) -> MemoryPrefixIndex | None:
        """The copy of the prefix index in memory, once loaded."""
        return self._memory

    async def _load_memory(self) -> None:
        try:
            self._memory = await asyncio.to_thread(MemoryPrefixIndex.load_file, self.path)
        except (sqlite3.Error, OSError, MemoryError) as exc:
            # Matching goes on through FTS5; another try after as many look-ups again.
            log.warning("could not load the prefix index into memory: %s", exc)
            self._looked_up = 0
            self._memory_task = None

    async def rebuild_prefix_index(self) -> None:
        """Rank every claim's tokens by today's document frequencies and merge the index.

        Finding candidates never depends on the order (see PREFIX_CAP), only how few
        postings are read: worth running after a bulk load into an empty database, whose
        first claims were ranked without frequencies, or after the vocabulary drifted.
        """
        script = resources.files("claimwatch.storage").joinpath(
            "migrations", "0005_prefix_index.sql"
        )
        backfill = _split_sql(script.read_text(encoding="utf-8"))[-1]
        async with self.transaction():
            await self._conn.execute("DELETE FROM claims_prefix")
            await self._conn.execute(backfill)
            await self._conn.execute(
                "INSERT INTO claims_prefix (claims_prefix) VALUES ('optimize')"
            )

    async def recent_claims_by(
        self, who: Sequence[str], *, about: str | None, since: str, limit: int = 20
    ) -> list[ClaimRow]:
        """Claims made by any of ``who`` since a time, optionally about one actor; newest first."""
        if not who:
            return []
        marks = ",".join("?" * len(who))
        params: list[Any] = [*who, since]
        about_sql = ""
        if about is not None:
            about_sql = (
                " AND EXISTS (SELECT 1 FROM claim_actors ca"
                " WHERE ca.claim_id = c.id AND ca.actor = ?)"
            )
            params.append(about)
        params.append(limit)
        rows = await self._all(
            f"SELECT {_CLAIM_COLS} FROM claims c WHERE c.by_who IN ({marks})"
            f" AND c.first_seen >= ?{about_sql} ORDER BY c.first_seen DESC, c.id DESC LIMIT ?",
            params,
        )
        return [_claim(r) for r in rows]

    async def recent_claims_about(
        self, actor: str, *, since: str, exclude_who: str | None, limit: int = 20
    ) -> list[ClaimRow]:
        """Claims about an actor (made by someone else) since a time; newest first."""
        rows = await self._all(
            f"SELECT {_CLAIM_COLS} FROM claim_actors ca JOIN claims c ON c.id = ca.claim_id"
            " WHERE ca.actor = ? AND c.first_seen >= ? AND c.by_who IS NOT ?"
            " ORDER BY c.first_seen DESC, c.id DESC LIMIT ?",
            (actor, since, exclude_who, limit),
        )
        return [_claim(r) for r in rows]

    async def list_claims(self, *, limit: int = 20, offset: int = 0) -> list[ClaimRow]:
        rows = await self._all(
            f"SELECT {_CLAIM_COLS} FROM claims c ORDER BY c.updated_at DESC, c.id DESC"
            " LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [_claim(r) for r in rows]

    # -- flags -------------------------------------------------------------------------
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
    ) -> int | None:
        """The new flag's id, or None where this article already raised the same flag: the
        same kind on the same claim by the same answerer (``by_who``; two answerers of one
        claim in one article raise a flag each, migration 0011). ``by_state``: the state or
        organisation the answerer speaks for, where it is not itself (the alerts of chats
        following that state are queued by the insert)."""
        cur = await self._conn.execute(
            "INSERT OR IGNORE INTO flags (kind, claim_id, statement_id, article_id, by_name,"
            " by_who, score, published, created_at, by_state)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                kind,
                claim_id,
                statement_id,
                article_id,
                by_name,
                by_who,
                score,
                published,
                now_iso(),
                by_state if by_state != by_who else None,
            ),
        )
        return cur.lastrowid if cur.rowcount == 1 else None

    async def answers_before(
        self, claim_ids: Sequence[int], *, published: str, exclude_article: int
    ) -> list[tuple[str, int, str, str, list[float]]]:
        """(kind, claim id, answerer id, answerer as written, the figures' values of the
        statement quoted) of the flags other articles published no later than ``published``
        raised on these claims: the names let a re-report under another wording ("Health
        Ministry", "Kemenkes") be recognised, the values a figure retold."""
        out: list[tuple[str, int, str, str, list[float]]] = []
        claim_ids = list(claim_ids)
        for start in range(0, len(claim_ids), IN_CHUNK):
            chunk = claim_ids[start : start + IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = await self._all(
                "SELECT f.kind, f.claim_id, f.by_who, f.by_name, s.figures FROM flags f"
                " JOIN statements s ON s.id = f.statement_id"
                f" WHERE f.claim_id IN ({marks}) AND f.article_id != ? AND f.published <= ?",
                [*chunk, exclude_article, published],
            )
            out.extend(
                (r[0], r[1], r[2], r[3], [float(f["value"]) for f in json.loads(r[4])])
                for r in rows
            )
        return out

    async def answers_since(
        self, since: str, *, published: str, exclude_article: int
    ) -> list[tuple[str, int, str, str]]:
        """(kind, claim id, answerer id, answerer as written) of the flags other articles
        raised on answers given between ``since`` and ``published``: an answer made on a
        day already reported is being retold."""
        rows = await self._all(
            "SELECT kind, claim_id, by_who, by_name FROM flags"
            " WHERE published >= ? AND published <= ? AND article_id != ?",
            [since, published, exclude_article],
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    async def get_flags(self, ids: Iterable[int]) -> list[FlagRow]:
        ids = list(ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = await self._all(f"{_FLAG_SELECT} WHERE f.id IN ({marks}) ORDER BY f.id", ids)
        return [_flag(r) for r in rows]

    async def list_flags(
        self, *, since: str | None = None, claim_id: int | None = None, limit: int = 100
    ) -> list[FlagRow]:
        where: list[str] = []
        params: list[object] = []
        if since:
            where.append("f.published >= ?")
            params.append(since)
        if claim_id is not None:
            where.append("f.claim_id = ?")
            params.append(claim_id)
        sql = _FLAG_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        rows = await self._all(
            sql + " ORDER BY f.published DESC, f.id DESC LIMIT ?", [*params, limit]
        )
        return [_flag(r) for r in rows]

    async def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "statements", "claims", "flags"):
            row = await self._one(f"SELECT COUNT(*) FROM {table}")
            out[table] = row[0]
        return out


def _split_sql(script: str) -> list[str]:
    """Statements of a migration; trigger bodies keep their inner semicolons."""
    out: list[str] = []
    buf: list[str] = []
    for line in script.splitlines():
        stripped = line.strip()
        if stripped.startswith("--") or not stripped:
            continue
        buf.append(line)
        joined = "\n".join(buf)
        if stripped.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    if buf:
        out.append("\n".join(buf))
    return out
