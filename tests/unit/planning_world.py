"""An in-memory stored world for driving the planner directly (no SQLite): it answers the
questions a :class:`Context` notes, as the engine's gathering answers them from storage.
Used by tests/unit/test_planning*.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimwatch.engine.pipeline import _read
from claimwatch.matchers.candidates import SEARCH_LIMIT, score_candidates
from claimwatch.matchers.keys import key_tokens
from claimwatch.matchers.planning import Context, KnownClaim, Plan, Request, SeenFlag, plan_article
from claimwatch.matchers.planning.context import AnswerBefore, PastAnswer, Position
from claimwatch.matchers.statements import StatementReader

ARTICLE = 50  # the id of the article being planned
READER = StatementReader()


@dataclass
class World:
    """What is stored before the article: claims, positions taken on them, flags."""

    claims: list[KnownClaim] = field(default_factory=list)
    positions: dict[int, list[Position]] = field(default_factory=dict)
    answers: list[PastAnswer] = field(default_factory=list)  # flags raised, with their day
    before: dict[int, list[AnswerBefore]] = field(default_factory=dict)
    flags: list[SeenFlag] = field(default_factory=list)
    first_statements: dict[int, tuple[str, str]] = field(default_factory=dict)

    def claim(
        self, text: str, by_name: str, by_who: str | None, *, lang: str = "en", **more: Any
    ) -> KnownClaim:
        """Store a claim (its key read as the pipeline reads a statement's)."""
        made = KnownClaim(
            id=len(self.claims) + 1,
            text=text,
            key=list(dict.fromkeys(key_tokens(text, lang))),
            lang=lang,
            by_name=by_name,
            by_who=by_who,
            actors=more.pop("actors", []),
            figures=more.pop("figures", []),
            article_id=more.pop("article_id", 10 + len(self.claims)),
            first_seen=more.pop("first_seen", "2026-04-01T00:00:00+00:00"),
            by_phrase=more.pop("by_phrase", by_name),
        )
        self.claims.append(made)
        return made

    def answer(self, what: Request, context: Context) -> None:
        """Put the answer to one noted question into ``context``."""
        kind = what[0]
        by_id = {c.id: c for c in self.claims}
        if kind == "claim":
            context.claims[what[1]] = by_id.get(what[1])
        elif kind == "match":
            context.matches[what[1]] = score_candidates(
                list(what[1]), [(c.id, c.key) for c in self.claims]
            )
        elif kind == "positions":
            context.positions[what[1]] = self.positions.get(what[1], [])
        elif kind == "answers_before":
            context.before[what[1]] = self.before.get(what[1], [])
        elif kind == "answers_since":
            context.answers_start = what[1]
            context.answers = [row for row in self.answers if row[4] >= what[1]]
        elif kind == "frequencies":
            for token in what[1]:
                context.frequencies[token] = sum(token in c.key for c in self.claims)
        elif kind == "candidates":
            _kind, chosen, pairs = what
            need = 2 if pairs and len(chosen) >= 2 else 1
            held = [(len(set(chosen) & set(c.key)), c) for c in self.claims]
            found = sorted((h for h in held if h[0] >= need), key=lambda h: -h[0])
            context.candidates[what] = [(c.id, c.key) for _n, c in found[:SEARCH_LIMIT]]
        elif kind in {"recent_by", "recent_about"}:
            context.recent[what] = [
                c.id
                for c in self.claims
                if c.first_seen >= what[2]
                and (c.by_who in what[1] if kind == "recent_by" else what[1] in c.actors)
            ]
        elif kind == "flags_on":
            context.flags_on[what[1]] = [f for f in self.flags if f.claim_id == what[1]]
        elif kind == "flags_of_kind":
            context.flags_of[what] = [f for f in self.flags if f.kind == what[1]]
        elif kind == "first_statement":
            context.first_statements[what[1]] = self.first_statements.get(what[1], ("", ""))
        elif kind == "article_claims":
            context.article_claims[what[1]] = [c.id for c in self.claims if c.article_id == what[1]]
        else:
            raise AssertionError(f"an unknown question: {what!r}")


def plan(
    world: World, text: str, *, lang: str = "en", published: str = "2026-05-01T00:00:00+00:00"
) -> tuple[Plan, int]:
    """Plan an article against ``world``: the plan, and the passes it took (each pass
    answers what the one before noted, as the engine does)."""
    reading = _read(READER, text, lang)
    ids = {st.position: 1000 + st.position for st in reading.statements}
    context = Context(ARTICLE, published)
    for passes in range(1, 10):
        asked: list[Request] = []
        context.collect = asked
        made = plan_article(context, ARTICLE, published, reading, ids)
        if not asked:
            return made, passes
        for what in dict.fromkeys(asked):
            world.answer(what, context)
    raise AssertionError("the planner kept asking")
