"""A database the bot cannot use as it is (a column renamed behind its back): the command is
answered with the error reply, and the log says so in one line, without a traceback."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from claimwatch.bot import i18n

from .conftest import Harness

USER = 5151


async def test_a_renamed_column_is_one_log_line_and_an_error_reply(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await harness.say(USER, "/start")
    # The running bot writes too (its outbox worker's records): wait for the write lock as
    # long as the bot would, not sqlite3's 5 s (a loaded CI machine went past that once).
    conn = sqlite3.connect(harness.db, isolation_level=None, timeout=30)
    conn.execute("ALTER TABLE claims RENAME COLUMN text TO body")
    conn.close()
    with caplog.at_level(logging.WARNING):
        await harness.say(USER, "/claims")
    replies = [s.plain_text for s in harness.emulator.sent(USER, "sendMessage")]
    assert replies[-1] == i18n.text("error", "en")
    failed = [r for r in caplog.records if r.getMessage().startswith("handling an update failed")]
    assert len(failed) == 1
    assert failed[0].exc_info is None
    assert (
        failed[0]
        .getMessage()
        .endswith("the database's schema is not what claimwatch expects: no such column: c.text")
    )
