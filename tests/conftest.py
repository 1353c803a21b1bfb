"""Shared fixtures: real SQLite files in a temporary folder, the shipped seed article."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from claimwatch.matchers.lexicon import seed_text
from claimwatch.storage import open_database
from claimwatch.storage.api import Database


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's database or a real bot token."""
    for name in (
        "CLAIMWATCH_DB",
        "CLAIMWATCH_CONFIG",
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_BOT_TOKEN_FILE",
    ):
        monkeypatch.delenv(name, raising=False)


def _loopback_only(address: Any) -> None:
    """Refuse, in this process, a connection anywhere but 127.0.0.0/8, ::1 or a Unix socket:
    a test of the fetcher's address checks must fail, never reach a real host, if the
    check it tests were broken."""
    if isinstance(address, tuple):
        host = str(address[0]).split("%")[0]
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            raise OSError(f"tests connect to addresses, not names ({host})") from None
        mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
        if not (ip.is_loopback or (mapped is not None and mapped.is_loopback)):
            raise OSError(f"tests may only connect to loopback addresses, not {host}")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(sock: socket.socket, address: Any) -> None:
        _loopback_only(address)
        real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        _loopback_only(address)
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claimwatch.db"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[Database]:
    opened = await open_database(db_path)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture(scope="session")
def seed_article() -> str:
    return seed_text("seed_article_id.txt")
