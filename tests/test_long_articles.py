"""A long article is matched the same way whichever path finds the claims it made itself."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from claimwatch.engine.pipeline import ingest
from claimwatch.matchers.planning import state
from claimwatch.matchers.sentences import MAX_SENTENCE_CHARS, split_sentences
from claimwatch.storage import open_database


def _article(claims: int) -> str:
    """Many distinct attributed claims, then replies to some of them by another body."""
    rng = random.Random(11)
    syllables = [c + v for c in "bdgklmnprst" for v in "aiu"]

    def word() -> str:
        return "".join(rng.sample(syllables, 3))

    topics = [f"{word()} {word()} di {word().title()}" for _ in range(claims)]
    said = [f"Kementerian Pertanian mengatakan bahwa panen {t} gagal." for t in topics]
    denied = [f"Bulog membantah bahwa panen {topics[i]} gagal." for i in (0, 7)]
    return " ".join(said + denied)


@pytest.mark.parametrize("claims", [30, 260])
async def test_claims_made_by_the_article_are_found_by_either_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, claims: int
) -> None:
    text = _article(claims)
    results = []
    for limit in (10**9, 0):  # scored in memory; looked up through the index
        monkeypatch.setattr(state, "CREATED_SCORED_IN_MEMORY", limit)
        store = await open_database(tmp_path / f"{limit}.db")
        try:
            result = await ingest(store, text, source="t", published="2024-03-01")
        finally:
            await store.close()
        results.append(
            (
                [(o.claim_id, o.relation) for o in result.statements],
                [(f.kind, f.claim_id, f.statement_id) for f in result.flags],
            )
        )
    assert results[0] == results[1]
    links, flags = results[0]
    assert len({c for c, r in links if r == "new"}) >= claims * 0.9  # distinct claims
    assert [kind for kind, _, _ in flags] == ["denial", "denial"]


def _size(folder: Path, name: str) -> int:
    """The database with its WAL and shared-memory files, in bytes."""
    return sum(f.stat().st_size for f in folder.glob(f"{name}*"))


def test_an_endless_sentence_is_cut_into_bounded_pieces() -> None:
    endless = "Ali denied it and denied it " * 5000
    pieces = split_sentences(endless)
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert " ".join(pieces).split() == endless.split()  # nothing lost, nothing added


async def test_a_sentence_of_many_clauses_costs_space_linear_in_its_length(
    tmp_path: Path,
) -> None:
    sizes = []
    for length in (20_000, 40_000):
        path = tmp_path / f"{length}.db"
        store = await open_database(path)
        try:
            await ingest(store, ("Ali denied it and denied it " * 2000)[:length])
        finally:
            await store.close()
        sizes.append(_size(tmp_path, f"{length}.db"))
    # every clause stores its sentence: quadratic growth would be 4x for twice the text
    assert sizes[1] < 2.6 * sizes[0], sizes
