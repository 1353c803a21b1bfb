"""One tree of errors, drawn in claimwatch/errors.py, and one mapping from an error to what
people are told (claimwatch.errors.explain), used by the command line and the bot."""

from __future__ import annotations

import errno
import inspect
import re
import subprocess
import sys

import pytest

from claimwatch import errors
from claimwatch.bot import i18n
from claimwatch.bot.render_html import refusal
from claimwatch.errors import (
    ClaimwatchError,
    ConfigError,
    DataFileError,
    FetchError,
    InputRefused,
    NotAFeed,
    Refused,
    ScheduleError,
    StoreBusy,
    StoreError,
    StoreUnusable,
    TokenRefused,
    explain,
)


def _classes() -> dict[str, type[BaseException]]:
    return {
        name: cls
        for name, cls in vars(errors).items()
        if inspect.isclass(cls) and issubclass(cls, BaseException)
    }


def test_the_docstring_draws_every_class_under_its_parent() -> None:
    """The drawing is the documentation: each class on it, indented under its base."""
    drawn: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    for line in (errors.__doc__ or "").splitlines():
        found = re.match(r"^\s*(?:[│ ]*[├└]── )?([A-Z]\w+)(?: \(\w+\))?\s{2,}", line)
        if not found or ("──" not in line and found.group(1) != "ClaimwatchError"):
            continue
        depth = line.index(found.group(1))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        drawn[found.group(1)] = stack[-1][1] if stack else ""
        stack.append((depth, found.group(1)))
    classes = _classes()
    assert set(drawn) == set(classes) - {"SourceRefused"}  # an alias of Refused
    for name, parent in drawn.items():
        if parent:
            assert classes[name].__bases__[0] is classes[parent], name


def test_the_old_names_are_the_same_classes() -> None:
    from claimwatch import config
    from claimwatch.bot import app, digests
    from claimwatch.cli import main as cli
    from claimwatch.cli import sources as cli_sources
    from claimwatch.engine import articles
    from claimwatch.evaluation.fnc1 import Fnc1DataError
    from claimwatch.sources import feeds, fetch
    from claimwatch.storage import database as db

    assert articles.InputRefused is InputRefused and fetch.FetchError is FetchError
    assert feeds.NotAFeed is NotAFeed and digests.ScheduleError is ScheduleError
    assert config.ConfigError is ConfigError and app.TokenRefused is TokenRefused
    assert db.StoreError is StoreError and db.StoreBusy is StoreBusy
    assert db.StoreUnusable is StoreUnusable
    assert cli.Refused is Refused and cli_sources.SourceRefused is Refused
    assert issubclass(Fnc1DataError, DataFileError)
    # Code that caught them as ValueError still does.
    assert issubclass(InputRefused, ValueError) and issubclass(ScheduleError, ValueError)
    assert issubclass(Fnc1DataError, ValueError)


def test_storage_imports_the_tree_and_nothing_of_the_bot() -> None:
    code = (
        "import sys, claimwatch.storage.database, claimwatch.storage.api;"
        "print(sorted(m for m in sys.modules if m.startswith('claimwatch.bot')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("error", "key"),
    [
        (StoreUnusable("cw.db is damaged"), "error"),
        (StoreBusy("cw.db is busy"), "busy"),
        (StoreError("cw.db: the disk is full"), "busy"),
        (InputRefused("the article is empty"), "ingest_refused"),
        (FetchError("timeout", "no answer in 15 s"), "ingest_refused"),
        (NotAFeed("not a feed: no items"), "ingest_refused"),
        (ConfigError("CLAIMWATCH_TZ: unknown time zone"), "error"),
        (TokenRefused("http://127.0.0.1:1"), "error"),
        (Refused("no claim #7"), "error"),
        (DataFileError("stances.csv: line 3: missing column"), "error"),
        (ScheduleError("digest_usage"), "digest_usage"),
    ],
)
def test_each_error_has_one_answer(error: ClaimwatchError, key: str) -> None:
    explained = explain(error)
    assert explained is not None and explained.key == key
    assert explained.reason == str(error)  # what the command line prints after "claimwatch:"
    assert i18n.has(explained.key)  # the bot can say it in both languages


def test_a_bug_is_not_explained_away() -> None:
    assert explain(KeyError("claim_id")) is None
    assert explain(OSError(errno.ENOENT, "No such file or directory", "x.csv")) is None


def test_a_full_disk_outside_the_database_is_one_line() -> None:
    explained = explain(OSError(errno.ENOSPC, "No space left on device", "/var/claimwatch-x"))
    assert explained is not None
    assert explained.reason == "cannot write /var/claimwatch-x: No space left on device"


def test_the_bot_says_the_reason_in_the_chats_language_escaped() -> None:
    error = InputRefused("this looks like a <b>binary</b> file")
    assert refusal(error, "en") == "Not read: this looks like a &lt;b&gt;binary&lt;/b&gt; file"
    assert refusal(error, "id").startswith("Tidak dibaca: this looks like")
    assert refusal(StoreBusy("locked"), "id") == i18n.text("busy", "id")
    assert refusal(StoreUnusable("damaged"), "en") == i18n.text("error", "en")
    assert refusal(RuntimeError("a bug"), "en") == i18n.text("error", "en")


def test_the_command_line_prints_what_explain_says(tmp_path: object) -> None:
    """A refused input on the command line: the same reason, one line, exit code 1."""
    proc = subprocess.run(
        [sys.executable, "-m", "claimwatch.cli.main", "flags", "--since", "yesterday",
         "--db", f"{tmp_path}/cw.db"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 1
    reason = "cannot read the date 'yesterday'; use YYYY-MM-DD or YYYY-MM-DDTHH:MM"
    assert proc.stderr == f"claimwatch: {reason}\n"
