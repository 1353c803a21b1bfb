"""Shared fixtures: real SQLite files in a temporary folder, the shipped seed article."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from claimwatch.matchers.lexicon import seed_text
from claimwatch.storage.db import Store


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's database or a real bot token."""
    for name in ("CLAIMWATCH_DB", "TELEGRAM_BOT_TOKEN", "TELEGRAM_BOT_TOKEN_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claimwatch.db"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(db_path)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture(scope="session")
def seed_article() -> str:
    return seed_text("seed_article_id.txt")
