"""The data behind the bot's buttons: built and read here, nowhere else.

Telegram hands back whatever ``callback_data`` a press carries, and a modified client can
send any data at all, so a press is read into a typed value and everything that does not
read (a letter where an id goes, an id past SQLite's 64-bit integers, an unknown action,
a field too many) is ``None``: the handler answers it and does nothing.

The wire format is ``action:field[:field]``, ASCII, at most 64 bytes (Telegram's limit).
It is the format the bot has always sent, so buttons under old messages keep working
(tests/bot/test_old_buttons.py presses buttons built as the first versions built them).
Each action has its own handler, registered with :func:`pattern` (one
``CallbackQueryHandler`` per action, in ``app.py``):

========  ===============================  ============================================
action    fields                           button
========  ===============================  ============================================
``tl``    claim id                         Timeline (alerts, /claims)
``fo``    claim id                         Follow (alerts, timelines)
``cp``    search token (8 hex), offset     ‹ › pages of /claims
``sa``    actor id of the gazetteer        the /subscribe menu
``sx``    topic id                         the number label of a /subs row (no-op)
``mu``    topic id                         Mute topic (alerts)
``sm``    topic id                         alerts / digest only (/subs)
``sk``    topic id                         flag kinds (/subs)
``sr``    topic id                         remove (/subs)
``sd``    topic id                         done: the kinds view back to /subs
``kt``    topic id, flag kind index        one flag kind on or off
========  ===============================  ============================================
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from claimwatch.matchers.actors import gazetteer
from claimwatch.storage.api import FLAG_KINDS

MAX_DATA_BYTES = 64  # Telegram refuses longer callback_data
MAX_ID = 2**63 - 1  # SQLite's INTEGER; Python's int has no bound, SQLite overflows
MAX_PAGE_OFFSET = 1_000  # /claims pages: a forged offset must not become a huge query
_ID = re.compile(r"[0-9]{1,19}")
_TOKEN = re.compile(r"[0-9a-f]{8}")
_ACTOR = re.compile(r"[a-z0-9][a-z0-9_-]{0,47}")


class ClaimAction(StrEnum):
    TIMELINE = "tl"
    FOLLOW = "fo"


class TopicAction(StrEnum):
    LABEL = "sx"
    MUTE = "mu"
    MODE = "sm"
    KINDS = "sk"
    REMOVE = "sr"
    KINDS_DONE = "sd"


class OtherAction(StrEnum):
    """The actions whose buttons carry more than one id."""

    PAGE = "cp"
    ACTOR = "sa"
    KIND = "kt"


Action = ClaimAction | TopicAction | OtherAction
ACTIONS: tuple[Action, ...] = (*ClaimAction, *TopicAction, *OtherAction)


@dataclass(frozen=True, slots=True)
class ClaimButton:
    action: ClaimAction
    claim_id: int


@dataclass(frozen=True, slots=True)
class TopicButton:
    action: TopicAction
    sub_id: int


@dataclass(frozen=True, slots=True)
class KindToggle:
    sub_id: int
    kind: str  # one of FLAG_KINDS; its index on the wire


@dataclass(frozen=True, slots=True)
class PageButton:
    token: str
    offset: int


@dataclass(frozen=True, slots=True)
class ActorPick:
    actor: str


Callback = ClaimButton | TopicButton | KindToggle | PageButton | ActorPick


def build(value: Callback) -> str:
    """The callback_data of a button; ValueError for a value that parse would refuse."""
    match value:
        case ClaimButton(action, claim_id):
            data = f"{action}:{claim_id}"
        case TopicButton(action, sub_id):
            data = f"{action}:{sub_id}"
        case KindToggle(sub_id, kind):
            data = f"kt:{sub_id}:{FLAG_KINDS.index(kind)}"
        case PageButton(token, offset):
            data = f"cp:{token}:{offset}"
        case ActorPick(actor):
            data = f"sa:{actor}"
    if parse(data) != value:
        raise ValueError(f"not a valid button: {value!r}")
    return data


def action(value: Callback) -> Action:
    """The action a button's data starts with."""
    match value:
        case ClaimButton(act, _) | TopicButton(act, _):
            return act
        case KindToggle():
            return OtherAction.KIND
        case PageButton():
            return OtherAction.PAGE
        case ActorPick():
            return OtherAction.ACTOR


def pattern(wanted: Action) -> Callable[[object], bool]:
    """The ``pattern`` of the ``CallbackQueryHandler`` of one action: it takes a press whose
    data reads (:func:`parse`) as a button of that action, and nothing else."""

    def matches(data: object) -> bool:
        value = parse(data) if isinstance(data, str) else None
        return value is not None and action(value) == wanted

    matches.__name__ = f"pattern_{wanted.value}"
    return matches


def parse(data: str | None) -> Callback | None:
    """The button a press means, or None when the data is not one the bot could have sent."""
    if not data or len(data.encode("utf-8", "surrogatepass")) > MAX_DATA_BYTES:
        return None
    action, *fields = data.split(":")
    match action, fields:
        case ("tl" | "fo") as act, [claim]:
            claim_id = parse_id(claim)
            return ClaimButton(ClaimAction(act), claim_id) if claim_id else None
        case ("sx" | "mu" | "sm" | "sk" | "sr" | "sd") as act, [sub]:
            sub_id = parse_id(sub)
            return TopicButton(TopicAction(act), sub_id) if sub_id else None
        case "kt", [sub, index]:
            sub_id, kind = parse_id(sub), _flag_kind(index)
            return KindToggle(sub_id, kind) if sub_id and kind else None
        case "cp", [token, offset]:
            return _page(token, offset)
        case "sa", [actor]:
            known = _ACTOR.fullmatch(actor) and actor in gazetteer().actors
            return ActorPick(actor) if known else None
    return None


def parse_id(text: str) -> int | None:
    """A row id typed by a user or carried by a button: ASCII digits, 1 up to SQLite's
    largest integer. (``str.isdigit`` takes "²" and ``int`` takes " 1_0 "; neither is an id.)"""
    if not _ID.fullmatch(text):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def _flag_kind(text: str) -> str | None:
    if len(text) != 1 or not text.isascii() or not text.isdigit():
        return None
    index = int(text)
    return FLAG_KINDS[index] if index < len(FLAG_KINDS) else None


def _page(token: str, offset: str) -> PageButton | None:
    if not _TOKEN.fullmatch(token) or not re.fullmatch(r"[0-9]{1,4}", offset):
        return None
    value = int(offset)
    return PageButton(token, value) if value <= MAX_PAGE_OFFSET else None
