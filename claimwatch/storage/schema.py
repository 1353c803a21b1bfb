"""The numbered SQL migrations this claimwatch ships, and what a database must have applied."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from importlib import resources

from claimwatch.errors import StoreError, StoreUnusable


def shipped_migrations() -> list[str]:
    """The migrations this claimwatch ships, in the order they apply."""
    folder = resources.files("claimwatch.storage").joinpath("migrations")
    return sorted(e.name for e in folder.iterdir() if e.name.endswith(".sql"))


def migration_sql(name: str) -> str:
    """The text of one shipped migration."""
    folder = resources.files("claimwatch.storage").joinpath("migrations")
    return folder.joinpath(name).read_text(encoding="utf-8")


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


def split_sql(script: str) -> list[str]:
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
