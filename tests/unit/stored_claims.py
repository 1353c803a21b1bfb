"""A claim row with its own article, for the storage tests (not a test module)."""

from claimwatch.storage.api import Database

WHEN = "2024-10-22T00:00:00+00:00"


async def add_claim_row(store: Database, key: list[str], text: str) -> int:
    """One claim by "X" in the caller's transaction; ``text`` also names its article."""
    article = await store.claims.add_article(
        source="t", url=None, published=WHEN, lang="id", content_hash=text, text=text
    )
    return await store.claims.add(
        text=text,
        key=key,
        lang="id",
        by_name="X",
        by_who="x",
        actors=["x"],
        figures=[],
        article_id=article,
        first_seen=WHEN,
    )
