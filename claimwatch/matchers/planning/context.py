"""What the planner may know of the stored world: a snapshot read before it runs.

The planner (:mod:`claimwatch.matchers.planning.article`) never awaits and never touches
storage; the engine reads what it will ask for into a :class:`Context` first (in a few
batched look-ups), converting storage's rows into the small records below. A question the
snapshot cannot answer is a :class:`MissingContext`: the engine reads that too and runs the
planner again, so a gathering stage that misses a path costs a pass, never a wrong answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

# (who, relation, speaker phrase) of a statement an earlier article linked to a claim.
Position = tuple[str, str, str | None]
# (kind, claim id, answerer id, answerer as written, day) of a flag another article raised.
PastAnswer = tuple[str, int, str, str, str]
# (kind, claim id, answerer id, answerer as written, figures) of a flag raised before.
AnswerBefore = tuple[str, int, str, str, list[float]]
# A question of the planner's: its kind first, then what identifies it.
Request = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class KnownClaim:
    """A claim as the planner reads it (stored, or made by the article it plans)."""

    id: int
    text: str
    key: list[str]
    lang: str
    by_name: str
    by_who: str | None
    actors: list[str]
    figures: list[dict[str, Any]] = field(hash=False)
    article_id: int
    first_seen: str
    by_phrase: str | None = None


@dataclass(frozen=True, slots=True)
class SeenFlag:
    """A flag an earlier article raised, as the figure rules read it."""

    kind: str
    claim_id: int
    statement_text: str


class MissingContext(Exception):
    """The planner asked what the snapshot does not hold; ``what`` names it."""

    def __init__(self, what: Request) -> None:
        super().__init__(what)
        self.what = what


class Context:
    """A synchronous, in-memory snapshot of the stored world before one article.

    Each look-up answers from what was gathered or, where that was not gathered, raises
    :class:`MissingContext`; with ``collect`` set, it notes the request there instead and
    answers as if nothing were stored, so one run of the planner names everything its path
    asks for (the engine reads it all and runs again: a run is exact only when it noted
    nothing)."""

    def __init__(self, article_id: int, published: str) -> None:
        self.article_id = article_id
        self.published = published
        self.claims: dict[int, KnownClaim | None] = {}  # None: asked for, stored nowhere
        self.matches: dict[tuple[str, ...], list[tuple[int, float]]] = {}
        self.positions: dict[int, list[Position]] = {}
        self.answers_start: str | None = None
        self.answers: list[PastAnswer] = []
        self.before: dict[int, list[AnswerBefore]] = {}
        self.frequencies: dict[str, int] = {}  # token -> how many stored claims hold it
        self.candidates: dict[Request, list[tuple[int, list[str]]]] = {}
        self.recent: dict[Request, list[int]] = {}
        self.flags_on: dict[int, list[SeenFlag]] = {}
        self.flags_of: dict[Request, list[SeenFlag]] = {}
        self.first_statements: dict[int, tuple[str, str]] = {}
        self.article_claims: dict[int, list[int]] = {}
        self.collect: list[Request] | None = None
        # The engine's hook that reads a missing piece while the planner waits (in a thread
        # of its own; see engine/gather.py): the planner itself never does I/O.
        self.fill: Callable[[Request], None] | None = None
        # The key words of the article's lead (its story): which earlier articles' claims
        # the engine reads ahead for the figure rules (see engine/gather.py).
        self.story: frozenset[str] | None = None

    def _missing(self, what: Request) -> None:
        if self.collect is None:
            raise MissingContext(what)
        self.collect.append(what)

    def _has(self, what: Request, held: Callable[[], bool]) -> bool:
        """Whether the snapshot answers ``what``: it holds it, or ``fill`` (the engine's
        hook, where it runs the planner in a thread) read it in. Else the miss is noted
        (``collect``) or raised."""
        if held():
            return True
        if self.fill is not None:
            self.fill(what)
            if held():
                return True
        self._missing(what)
        return False

    # -- claims ---------------------------------------------------------------------
    def claim(self, claim_id: int) -> KnownClaim | None:
        if not self._has(("claim", claim_id), lambda: claim_id in self.claims):
            return None
        return self.claims[claim_id]

    def claims_of(self, claim_ids: Iterable[int]) -> list[KnownClaim]:
        """The stored claims of ``claim_ids``, in that order (repeats kept, as storage's
        ``get_many`` gives them); those not read yet are asked for together."""
        claim_ids = list(claim_ids)
        unread = tuple(sorted({cid for cid in claim_ids if cid not in self.claims}))
        if len(unread) > 1:
            self._has(("claims", unread), lambda: all(cid in self.claims for cid in unread))
        out = []
        for claim_id in claim_ids:
            found = self.claim(claim_id)
            if found is not None:
                out.append(found)
        return out

    def match(self, key: Sequence[str]) -> list[tuple[int, float]]:
        """(claim id, score) of the stored claims matching ``key``, best first."""
        what = tuple(key)
        if not self._has(("match", what), lambda: what in self.matches):
            return []
        return self.matches[what]

    def positions_of(self, claim_id: int) -> list[Position]:
        """Positions earlier articles took on a claim (this article's are not counted)."""
        if not self._has(("positions", claim_id), lambda: claim_id in self.positions):
            return []
        return self.positions[claim_id]

    # -- answers other articles reported ------------------------------------------
    def answers_since(self, start: str) -> list[PastAnswer]:
        """The flags other articles raised on answers given from ``start`` to this
        article's date (with the day of each)."""

        def held() -> bool:
            return self.answers_start is not None and self.answers_start <= start

        if not self._has(("answers_since", start), held):
            return []
        return [row for row in self.answers if row[4] >= start]

    def answers_before(self, claim_id: int) -> list[AnswerBefore]:
        """The flags other articles raised on a claim before this article."""
        if not self._has(("answers_before", claim_id), lambda: claim_id in self.before):
            return []
        return self.before[claim_id]

    # -- searches -------------------------------------------------------------------
    def document_frequencies(self, tokens: Sequence[str]) -> dict[str, int]:
        """How many stored claims hold each of ``tokens``."""
        unread = tuple(t for t in tokens if t not in self.frequencies)
        if unread:
            self._has(("frequencies", unread), lambda: all(t in self.frequencies for t in unread))
        return {t: self.frequencies.get(t, 0) for t in tokens}

    def candidate_keys(self, chosen: Sequence[str], *, pairs: bool) -> list[tuple[int, list[str]]]:
        """(id, key) of the stored claims holding two (or, without ``pairs``, one) of the
        ``chosen`` tokens, best BM25 first (storage's ``candidate_keys`` of just these)."""
        what: Request = ("candidates", tuple(chosen), pairs)
        if not self._has(what, lambda: what in self.candidates):
            return []
        return self.candidates[what]

    def recent_by(self, who: Sequence[str], *, since: str) -> list[KnownClaim]:
        return self._recent(("recent_by", tuple(who), since))

    def recent_about(self, actor: str, *, since: str, exclude_who: str | None) -> list[KnownClaim]:
        return self._recent(("recent_about", actor, since, exclude_who))

    def _recent(self, what: Request) -> list[KnownClaim]:
        if not self._has(what, lambda: what in self.recent):
            return []
        return self.claims_of(self.recent[what])

    # -- what the figure rules read -------------------------------------------------
    def flags_on_claim(self, claim_id: int) -> list[SeenFlag]:
        """The flags raised on a claim (the newest 50, as storage lists them)."""
        if not self._has(("flags_on", claim_id), lambda: claim_id in self.flags_on):
            return []
        return self.flags_on[claim_id]

    def flags_of_kind(self, kind: str, *, since: str, day: str, limit: int) -> list[SeenFlag]:
        what: Request = ("flags_of_kind", kind, since, day, limit)
        if not self._has(what, lambda: what in self.flags_of):
            return []
        return self.flags_of[what]

    def first_statement(self, article_id: int) -> tuple[str, str]:
        """(text, language) of an earlier article's first statement ('' where none)."""
        what = ("first_statement", article_id)
        if not self._has(what, lambda: article_id in self.first_statements):
            return ("", "")
        return self.first_statements[article_id]

    def claims_of_article(self, article_id: int) -> list[int]:
        """The claims an earlier article's statements are linked to."""
        what = ("article_claims", article_id)
        if not self._has(what, lambda: article_id in self.article_claims):
            return []
        return self.article_claims[article_id]
