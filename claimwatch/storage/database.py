"""The SQLite database: one object holding the connections, with the repositories on it.

Modelled on datasette's ``Database``: one writer connection whose work is serialised (one
transaction at a time, ``BEGIN IMMEDIATE`` so a second process waits instead of failing
half-way) and a read-only reader connection for everything outside a transaction, so a
read never sees another task's uncommitted rows. The object also owns the busy timeout,
the migrations, the translation of SQLite's failures into :class:`StoreError`, and the
life cycle of the prefix index's copy in memory (storage/prefix.py). The SQL itself lives
in the repositories (storage/claims.py, chats.py, outbox.py, feeds.py), each given this
object; their interfaces, which the rest of claimwatch types against, are in storage/api.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import aiosqlite

from claimwatch.errors import StoreBusy, StoreError, StoreUnusable
from claimwatch.storage.api import BUSY_TIMEOUT_MS
from claimwatch.storage.chats import SQLiteChats
from claimwatch.storage.claims import SQLiteClaims
from claimwatch.storage.feeds import SQLiteFeeds
from claimwatch.storage.outbox import SQLiteOutbox
from claimwatch.storage.prefix import MemoryPrefixIndex
from claimwatch.storage.rows import now_iso
from claimwatch.storage.schema import check_schema, migration_sql, shipped_migrations, split_sql

if TYPE_CHECKING:
    from claimwatch.storage import api

__all__ = ["BUSY_TIMEOUT_MS", "SQLiteDatabase", "StoreBusy", "StoreError", "StoreUnusable"]

log = logging.getLogger(__name__)
MMAP_BYTES = 1 << 30
T = TypeVar("T")

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


async def _connect(target: str, *, uri: bool = False) -> aiosqlite.Connection:
    """A connection whose rows are read by column name (``sqlite3.Row``)."""
    conn = await aiosqlite.connect(target, uri=uri, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


class SQLiteDatabase:
    """claimwatch's SQLite database. Open with ``await SQLiteDatabase.open(path)`` (or
    :func:`claimwatch.storage.open_database`); close when done. The repositories are
    :attr:`claims`, :attr:`chats`, :attr:`outbox` and :attr:`feeds`."""

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
        self.outbox = SQLiteOutbox(self)
        self.claims = SQLiteClaims(self)
        self.chats = SQLiteChats(self, self.outbox)
        self.feeds = SQLiteFeeds(self)

    # -- what the repositories use ---------------------------------------------------------
    @property
    def conn(self) -> aiosqlite.Connection:
        """The writer inside this task's transaction, the reader everywhere else."""
        return self._writer if self.in_transaction() else self._reader

    def in_transaction(self) -> bool:
        """Whether this task is inside :meth:`transaction`."""
        return self._tx_task is not None and self._tx_task is asyncio.current_task()

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        """One row (by column name) of a query, read where :attr:`conn` reads: in one
        hand-off to the database's thread (a cursor's execute, fetch and close are three;
        ingest asks thousands of times). It reads every row the query gives and keeps the
        first: callers' queries give one row (a key, an aggregate, or ``LIMIT 1``)."""
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Every row (by column name) of a query, read where :attr:`conn` reads."""
        with self.faults():
            return list(await self.conn.execute_fetchall(sql, params))

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Cursor:
        """One statement on :attr:`conn` (a write belongs inside :meth:`transaction`, whose
        end turns a failure into a StoreError)."""
        return await self.conn.execute(sql, params)

    async def executemany(self, sql: str, params: Any) -> aiosqlite.Cursor:
        """One statement for each of ``params`` in one hand-off to the database thread."""
        return await self.conn.executemany(sql, params)

    async def run_on_connection(self, work: Callable[[sqlite3.Connection], T]) -> T | None:
        """Run ``work`` on the database thread with the plain connection :attr:`conn` wraps
        (it sees this task's transaction); None where there is no such thread.

        The one place that reaches into aiosqlite (``_execute``, ``_conn``, not public API):
        many look-ups in one hand-off cost one hand-off (0.1-0.2 ms each)."""
        conn = self.conn  # the thread below does not see this task's context
        run = getattr(conn, "_execute", None)
        if run is None:
            return None
        with self.faults():
            done: T = await run(lambda: work(conn._conn))
            return done

    @contextlib.contextmanager
    def faults(self, *, opening: bool = False) -> Iterator[None]:
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

    # -- life cycle -------------------------------------------------------------------
    @classmethod
    async def open(
        cls, path: str | Path, *, readonly: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> SQLiteDatabase:
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
            conn = await _connect(path)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from exc
        db = cls(conn, path, busy_timeout_ms=busy_timeout_ms)
        try:
            with db.faults(opening=True):
                await db._set_up()
        except BaseException:
            await db.close()
            raise
        return db

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
            reader = await _connect(path)
            self._reader = reader
            await reader.execute("PRAGMA query_only = ON")
            await reader.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
            await reader.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")

    @classmethod
    async def _open_readonly(cls, path: str, busy_timeout_ms: int) -> SQLiteDatabase:
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
            db = await cls.open(":memory:", busy_timeout_ms=busy_timeout_ms)
            db.path, db.readonly = path, True
            return db
        try:
            return await cls._read_only_database(path, uri, busy_timeout_ms)
        except StoreError as exc:
            cause = exc.__cause__
            cantopen = getattr(cause, "sqlite_errorname", "").startswith("SQLITE_CANTOPEN")
            if not cantopen or _has_wal(path):
                raise
        return await cls._read_only_database(path, uri + "&immutable=1", busy_timeout_ms)

    @classmethod
    async def _read_only_database(cls, path: str, uri: str, busy_timeout_ms: int) -> SQLiteDatabase:
        try:
            conn = await _connect(uri, uri=True)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from exc
        db = cls(conn, path, busy_timeout_ms=busy_timeout_ms)
        db.readonly = True
        try:
            with db.faults(opening=True):
                await conn.execute("PRAGMA query_only = ON")
                await conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
                await conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
                found = await conn.execute_fetchall(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
                )
                if not found:
                    raise StoreUnusable(f"{path} is not a claimwatch database (no migrations)")
                done = await conn.execute_fetchall("SELECT name FROM migrations")
                check_schema(path, (row["name"] for row in done), readonly=True)
        except BaseException:
            await db.close()
            raise
        return db

    async def copy_in_memory(self) -> SQLiteDatabase:
        """A new in-memory database holding what this one holds, migrations included.

        Migrating a blank database takes about 0.4 s (0005 fills a table from a join of
        about 200,000 rows); ``eval cases`` needs a blank database per case, and copying one
        migrated blank database takes milliseconds. Call it outside a transaction.
        """
        conn = await _connect(":memory:")
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
        missing = check_schema(self.path, (row["name"] for row in rows), readonly=False)
        applied: list[str] = []
        for name in missing:
            sql = migration_sql(name)
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                for statement in split_sql(sql):
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
    async def transaction(self) -> AsyncIterator[SQLiteDatabase]:
        """One write transaction; rolled back on any exception, including cancellation.

        Inside it, this task's reads and writes go to the writer's connection (other tasks
        keep reading what is committed); a transaction opened again inside one by the same
        task is part of the outer one.
        """
        if self.in_transaction():
            yield self
            return
        if self.readonly:
            raise StoreError(f"{self.path} was opened read-only: this command cannot write")
        async with self._write:
            try:
                with self.faults():
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
                        self.drop_memory()
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

    @property
    def writing(self) -> bool:
        """Whether some task holds the write turn: inside :meth:`transaction`, or past its
        wait for the other tasks and starting its BEGIN (which may still wait for another
        process)."""
        return self._write.locked()

    @property
    def schema(self) -> str:
        """The newest schema this claimwatch knows (what :meth:`migrate` brings it to)."""
        return shipped_migrations()[-1].removesuffix(".sql")

    # -- the prefix index in memory ----------------------------------------------------
    def note_lookups(self, statements: int) -> None:
        """Count statements matched; past :attr:`MEMORY_INDEX_AFTER`, load the copy in the
        background."""
        self._looked_up += statements
        if (
            self.memory_index_possible
            and self._looked_up >= self.MEMORY_INDEX_AFTER
            and self._memory is None
            and self._memory_task is None
        ):
            self._memory_task = asyncio.get_running_loop().create_task(self._load_memory())

    def drop_memory(self) -> None:
        """Forget the copy (stale): look-ups go through FTS5 until it is loaded again."""
        self._memory = None
        self._memory_task = None

    @property
    def memory_index_possible(self) -> bool:
        """The copy is loaded on a second connection (the database's own may be inside a
        transaction), which an in-memory database does not have (nor a read-only one, on
        one connection); look-ups go through the connection's own thread
        (:meth:`run_on_connection`)."""
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


if TYPE_CHECKING:  # the SQLite classes are what the protocols of storage/api.py ask for

    def _conforms(db: SQLiteDatabase) -> api.Database:
        return db
