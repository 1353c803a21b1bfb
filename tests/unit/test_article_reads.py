"""The batched reads of earlier articles the figure pass makes: each article's first
statement (its headline) and the claims its statements are linked to. Sentences written for
these tests."""

from __future__ import annotations

from claimwatch.storage.api import Database, NewStatement

WHEN = "2026-04-01T00:00:00+00:00"


def _statement(position: int, text: str) -> NewStatement:
    return NewStatement(position, text, text, "en", None, None, None, "assert", False, [], [])


async def _article(store: Database, name: str, texts: dict[int, str]) -> tuple[int, dict[int, int]]:
    article = await store.claims.add_article(
        source=name, url=None, published=WHEN, lang="en", content_hash=name, text=name
    )
    ids = await store.claims.add_statements(article, [_statement(p, t) for p, t in texts.items()])
    return article, ids


async def _claim(store: Database, article: int, text: str) -> int:
    return await store.claims.add(
        text=text,
        key=text.lower().split(),
        lang="en",
        by_name="X",
        by_who="x",
        actors=[],
        figures=[],
        article_id=article,
        first_seen=WHEN,
    )


async def test_the_first_statement_of_each_article_in_one_read(store: Database) -> None:
    async with store.transaction():
        # Stored out of order: the first is the lowest position, not the first written.
        one, _ = await _article(store, "one", {3: "Later words.", 1: "Ferry Sinks Off Cape"})
        two, _ = await _article(store, "two", {0: "Mill Closes", 1: "Workers wait."})
        empty, _ = await _article(store, "empty", {})
    found = await store.claims.first_statements([one, two, empty, 999])
    assert found == {one: ("Ferry Sinks Off Cape", "en"), two: ("Mill Closes", "en")}
    assert await store.claims.first_statements([]) == {}


async def test_the_claims_an_articles_statements_are_linked_to(store: Database) -> None:
    async with store.transaction():
        first, first_ids = await _article(store, "first", {0: "a", 1: "b"})
        second, second_ids = await _article(store, "second", {0: "c", 1: "d", 2: "e"})
        own = await _claim(store, first, "the mill will close")
        other = await _claim(store, second, "the ferry was full")
        # The second article's statements: one on its own claim, two on the first's claim.
        await store.claims.link_statements(
            [
                (second_ids[2], own, "confirms", 90.0, None),
                (second_ids[0], other, "new", 100.0, None),
                (second_ids[1], own, "denies", 90.0, None),
                (first_ids[0], own, "new", 100.0, None),
            ]
        )
    linked = await store.claims.article_claim_ids([second, first, 999])
    assert linked == {second: sorted([own, other]), first: [own], 999: []}


async def test_positions_on_many_claims_leave_one_article_out(store: Database) -> None:
    async with store.transaction():
        first, first_ids = await _article(store, "first", {0: "a"})
        second, second_ids = await _article(store, "second", {0: "b"})
        claim = await _claim(store, first, "the bridge will reopen")
        await store.claims.link_statements(
            [
                (first_ids[0], claim, "new", 100.0, "x"),
                (second_ids[0], claim, "denies", 90.0, "y"),
            ]
        )
    every = await store.claims.statement_positions_many([claim])
    assert every == {claim: [("x", "new", None), ("y", "denies", None)]}
    before = await store.claims.statement_positions_many([claim], exclude_article=second)
    assert before == {claim: await store.claims.statement_positions(claim, exclude_article=second)}
    assert before == {claim: [("x", "new", None)]}
