"""The figure conflicts an article knows of: those flagged on its day or before, however
many flags of other kinds or of later days (a backfill) the database holds. Sentences
written for these tests."""

from __future__ import annotations

from typing import Any

from claimwatch.engine.gather import ask
from claimwatch.engine.pipeline import _Reading
from claimwatch.matchers.planning import ArticlePlanner, Context
from claimwatch.matchers.planning.figures_pass import KNOWN_DISPUTES_LIMIT, _known_disputes
from claimwatch.storage.api import Database, NewStatement

FIGURE = "figure_conflict"


async def _article_with_flag(
    store: Database, name: str, published: str, claim: str, answer: str
) -> tuple[int, int, int]:
    """(article, claim, statement) of one article whose answer sentence contradicts its
    claim's count."""
    article = await store.claims.add_article(
        source=name, url=None, published=published, lang="en", content_hash=name, text=name
    )
    claim_id = await store.claims.add(
        text=claim,
        key=claim.lower().split(),
        lang="en",
        by_name="Organisers",
        by_who="organisers",
        actors=[],
        figures=[],
        article_id=article,
        first_seen=published,
    )
    ids = await store.claims.add_statements(
        article,
        [NewStatement(0, answer, answer, "en", "Police", None, "police", "assert", False, [], [])],
    )
    return article, claim_id, ids[0]


def _values(side: tuple[Any, ...]) -> set[float]:
    return {figure.value for figure in side}


async def test_a_dispute_is_known_under_many_newer_flags(store: Database) -> None:
    async with store.transaction():
        article, claim, statement = await _article_with_flag(
            store,
            "march",
            "2026-03-01T09:00:00+00:00",
            "The organisers said 52,000 people marched to the square.",
            "The police said 6,000 people marched to the square.",
        )
        await store.claims.add_flag(
            kind=FIGURE,
            claim_id=claim,
            statement_id=statement,
            article_id=article,
            by_name="Police",
            by_who="police",
            score=100.0,
            published="2026-03-01T09:00:00+00:00",
        )
        # A busy week of denials before the article's day, then a backfill's figure
        # conflicts dated after it: more than the limit together.
        later, later_claim, later_statement = await _article_with_flag(
            store,
            "june",
            "2026-06-01T09:00:00+00:00",
            "The union said 91,000 workers struck at the port.",
            "The port said 700 workers struck at the port.",
        )
        for n in range(KNOWN_DISPUTES_LIMIT // 2 + 1):
            for kind, day in (("denial", "2026-03-09"), (FIGURE, "2026-06-02")):
                await store.claims.add_flag(
                    kind=kind,
                    claim_id=later_claim,
                    statement_id=later_statement,
                    article_id=later,
                    by_name=f"Answerer {n}",
                    by_who=f"answerer-{n}",
                    score=100.0,
                    published=f"{day}T{n // 60 % 24:02d}:{n % 60:02d}:00+00:00",
                )
    # An article of 10 March, late in the day, knows of the March dispute only.
    disputes = await _disputes(store, "2026-03-10T23:00:00+00:00")
    assert [(_values(a), _values(b)) for a, b in disputes] == [({52_000}, {6_000})]
    # One of the flag's own day knows of it too (the day, not the hour, counts).
    assert len(await _disputes(store, "2026-03-01T07:00:00+00:00")) == 1
    # The day before, nothing.
    assert await _disputes(store, "2026-02-28T23:00:00+00:00") == []


async def _disputes(store: Database, published: str) -> Any:
    """The known disputes a planner of an article published then reads (its context
    gathered from ``store`` as the engine gathers it)."""
    context = Context(99, published)
    run = ArticlePlanner(context, 99, published, _Reading("", "en", [], {}, {}))
    return await ask(store, context, lambda: _known_disputes(run))
