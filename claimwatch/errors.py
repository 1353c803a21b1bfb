"""Every error claimwatch raises for the world's doing, in one tree, and what each one means
to a person.

Hierarchy::

    ClaimwatchError                 base: the message is one line a person can act on
    ├── InputRefused (ValueError)   what a user handed in is not an article: empty, binary,
    │   │                           too large, not UTF-8, HTML where text was wanted, a date
    │   │                           that does not read
    │   └── ScheduleError           /digest's words are not a schedule (message: an i18n key)
    ├── SourceError                 a page or a feed could not be read
    │   ├── FetchError              over HTTP: ``kind`` is refused (scheme, unsafe address),
    │   │                           network, timeout, http, too_large or redirects
    │   └── NotAFeed                the answer parsed as no feed at all
    ├── StoreError                  the database cannot be opened, is not ours, or refused a
    │   │                           write (disk full, read-only file); rolled back
    │   ├── StoreBusy               another writer held it past the busy timeout: try again
    │   └── StoreUnusable           damaged, or another schema: trying again will not help
    ├── ConfigError                 a setting is missing or wrong; the message names it
    │   └── TokenRefused            the Bot API does not know the token (401)
    ├── Refused                     a command asked for what is not there (no claim #7, no
    │                               such file, no feed #3); also known as SourceRefused
    └── DataFileError (ValueError)  an evaluation file is not in its format (FNC-1's CSV)

Errors outside the tree (a KeyError, an sqlite3 constraint) are claimwatch's own bugs and
keep their traceback. :func:`explain` maps an error to what people are told, once, for the
command line and the bot alike: the command line prints ``reason`` after ``claimwatch:``; the
bot answers with its i18n template ``key`` (``{reason}`` filled in), in the chat's language.

This module imports nothing of claimwatch's, so every room (storage first) may import it.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

# Errors of the file system that are the machine's state, not a bug: said in one line.
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})


class ClaimwatchError(Exception):
    """Base of every error claimwatch raises for the world's doing; ``str()`` is for people."""


class InputRefused(ClaimwatchError, ValueError):
    """The input is not something claimwatch can read as an article."""


class ScheduleError(InputRefused):
    """What the user typed is not a schedule; the message is the i18n key of the answer."""


class SourceError(ClaimwatchError):
    """A page or a feed could not be read."""


class FetchError(SourceError):
    """A fetch that did not give a usable response; ``str()`` is for people."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class NotAFeed(SourceError):
    """The answer parsed as no feed at all."""


class StoreError(ClaimwatchError):
    """The database cannot be opened, is not ours, or refused a write (disk full, read-only
    file); the transaction that met it was rolled back."""


class StoreBusy(StoreError):
    """Another writer held the database longer than the busy timeout; nothing was written,
    and the same work may be tried again."""


class StoreUnusable(StoreError):
    """The file is damaged, or its schema is not the one this claimwatch knows (a newer
    claimwatch migrated it, someone changed a table by hand): trying again will not help."""


class ConfigError(ClaimwatchError):
    """A setting is missing or wrong; the message says which and what to do."""


class TokenRefused(ConfigError):
    """Telegram does not know the token (401)."""

    def __init__(self, api_url: str = "the Bot API") -> None:
        super().__init__(
            f"the Bot API at {api_url} refused the token (401); check TELEGRAM_BOT_TOKEN"
        )


class Refused(ClaimwatchError):
    """A command asked for something that is not there; one line, exit code 1."""


SourceRefused = Refused  # the name the source commands (ingest, feeds, poll) used


class DataFileError(ClaimwatchError, ValueError):
    """A file of labelled data is not in its format; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Explained:
    """What people are told about an error."""

    key: str  # the bot's i18n template: ingest_refused, busy, error, or a ScheduleError's
    reason: str  # one line: the command line prints it, the bot's template may quote it


# Most specific first: the first class an error is an instance of decides its template.
_KEYS: tuple[tuple[type[ClaimwatchError], str], ...] = (
    (StoreUnusable, "error"),  # "try again in a minute" does not help a damaged file
    (StoreError, "busy"),
    (InputRefused, "ingest_refused"),
    (SourceError, "ingest_refused"),
)


def explain(exc: BaseException) -> Explained | None:
    """What to tell people about ``exc``; None for a bug (it keeps its traceback)."""
    if isinstance(exc, ScheduleError):
        return Explained(str(exc), str(exc))
    if isinstance(exc, ClaimwatchError):
        key = next((key for cls, key in _KEYS if isinstance(exc, cls)), "error")
        return Explained(key, str(exc))
    if isinstance(exc, OSError) and exc.errno in DISK_FULL:
        # A full disk outside the database (a temporary file): one line, as for the database.
        return Explained("error", f"cannot write {exc.filename or 'a file'}: {exc.strerror}")
    return None
