"""Persistence only: one database object with small repositories on it.

- ``api.py``: the protocols the rest of claimwatch types against (:class:`api.Database`
  and its repositories ``claims``, ``chats``, ``outbox``, ``feeds``), with the rows of
  ``rows.py``; nothing above storage/ sees a backend.
- ``database.py``: the SQLite database (connections, the serialised write transaction,
  the read-only reader, faults as StoreError, migrations, the prefix index in memory).
- ``claims.py``, ``chats.py``, ``outbox.py``, ``feeds.py``: the SQLite repositories; SQL
  lives in these and nowhere else. ``prefix.py``: the prefix index; ``schema.py``: the
  migrations (``migrations/*.sql``).

Open with :func:`open_database`. May import matchers/ (keys and scores the index stores)
and claimwatch.errors; never the engine, sources/, evaluation/, bot/, cli/ or telegram.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimwatch.storage.api import Database


async def open_database(
    path: str | Path, *, readonly: bool = False, busy_timeout_ms: int | None = None
) -> Database:
    """Open (create, migrate) the database at ``path``; ``readonly`` writes nothing;
    ``busy_timeout_ms``: how long a write waits for another process's (None: the default,
    api.BUSY_TIMEOUT_MS). The one place that picks the backend (SQLite today)."""
    from claimwatch.storage.api import BUSY_TIMEOUT_MS  # noqa: PLC0415 (no cycle)
    from claimwatch.storage.database import SQLiteDatabase  # noqa: PLC0415

    wait = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
    return await SQLiteDatabase.open(path, readonly=readonly, busy_timeout_ms=wait)
