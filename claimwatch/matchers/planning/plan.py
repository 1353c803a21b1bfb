"""What planning an article decides: the claims it makes, the links, the flags.

The planner's output, written by the engine in the article's one transaction. The claims
the article makes carry provisional ids (:data:`PROVISIONAL` and up, in the order they
are made, so they sort as the stored ids they become); the writer stores them in that
order and gives every link and flag the stored id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from claimwatch.matchers.model import ANSWERING, Stance, Statement

K = TypeVar("K")
T = TypeVar("T")

# Above every stored id (SQLite's rowids of a claims table stay far below it).
PROVISIONAL = 1 << 40


def provisional(claim_id: int) -> bool:
    return claim_id >= PROVISIONAL


@dataclass(slots=True)
class Reading:
    """An article read before the write lock is taken: its statements, and for those that
    are matched, their keys and whether their content negates (by position)."""

    text: str
    lang: str
    statements: list[Statement]
    keys: dict[int, list[str]]
    negated: dict[int, bool]


def matched(st: Statement) -> bool:
    """Whether a statement is matched against claims: it asserts, or it answers."""
    return st.stance is Stance.ASSERT or st.stance in ANSWERING


@dataclass(slots=True)
class StatementOut:
    """A statement of the article with the claim it was linked to (after planning)."""

    id: int
    statement: Statement
    claim_id: int | None = None
    relation: str | None = None
    score: float | None = None

    def to_json(self) -> dict[str, Any]:
        s = self.statement
        return {
            "id": self.id,
            "text": s.text,
            "content": s.content,
            "speaker": s.speaker,
            "stance": s.stance.value,
            "actors": s.actors,
            "figures": [f.to_json() for f in s.figures],
            "claim_id": self.claim_id,
            "relation": self.relation,
        }


@dataclass(frozen=True, slots=True)
class NewClaim:
    """A claim the article makes, as storage's ``claims.add`` takes it."""

    text: str
    key: list[str]
    lang: str
    by_name: str
    by_who: str | None
    actors: list[str]
    figures: list[dict[str, Any]]
    article_id: int
    first_seen: str
    by_phrase: str | None
    by_state: str | None

    def fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class Link:
    """A statement linked to a claim (stored or provisional): ``who`` is the speaker's
    identity as the decision resolved it."""

    statement_id: int
    claim_id: int
    relation: str
    score: float
    who: str | None


@dataclass(frozen=True, slots=True)
class PlannedFlag:
    kind: str
    claim_id: int
    statement_id: int
    by_name: str
    by_who: str
    score: float
    published: str
    by_state: str | None


@dataclass(slots=True)
class Plan:
    """Everything the article changes, in the order it is to be written. ``touched``: the
    claims whose status the writer derives again, from the stored positions, once the
    links are written."""

    new_claims: list[NewClaim] = field(default_factory=list)  # the i-th is PROVISIONAL + i
    links: list[Link] = field(default_factory=list)
    flags: list[PlannedFlag] = field(default_factory=list)
    touched: set[int] = field(default_factory=set)
    made: list[int] = field(default_factory=list)  # the claims made, as the article made them
    statements: list[StatementOut] = field(default_factory=list)  # with their claims


def keep_raising(pending: dict[K, list[T]], key: K, kept: list[T]) -> None:
    """Leave ``kept`` as the statements still raising the pending flag ``key``; a flag
    none raises any more leaves the pending flags (the rules that thin them share this)."""
    if kept:
        pending[key] = kept
    else:
        del pending[key]
