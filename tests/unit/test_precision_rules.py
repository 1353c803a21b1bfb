"""Precision rules: what reads like an answer or a claim but is neither. Sentences written
for these tests."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.matchers.polarity import voices_a_wish
from claimwatch.storage.api import Database


async def _flags(store: Database, *texts: str) -> list[tuple[str, str]]:
    result = None
    for day, text in enumerate(texts, start=1):
        result = await ingest(store, text, source=f"S{day}", published=f"2026-06-{day:02d}")
    assert result is not None
    return sorted((f.kind, f.by) for f in result.flags)


# -- a wish states no fact ------------------------------------------------------------------


def test_voices_a_wish() -> None:
    assert voices_a_wish(
        "He said he hoped prices would not rise.", "he hoped prices would not rise"
    )
    assert voices_a_wish(
        "Kami berharap agar tidak ada korban lagi, kata Budi.", "tidak ada korban lagi"
    )
    assert voices_a_wish("Semoga harga beras tidak naik, ujarnya.", "Semoga harga beras tidak naik")
    assert not voices_a_wish("He said prices would not rise.", "prices would not rise")
    assert not voices_a_wish(
        "Harga beras tidak naik, kata Budi, yang berharap panen baik.", "Harga beras tidak naik"
    )


async def test_a_wish_is_not_contradicted(store: Database) -> None:
    flags = await _flags(
        store,
        "Harbour chief Anton Reyes said on Monday he hoped the number of missing fishermen would "
        "not rise above twelve.\n"
        "Union leader Clara Moss said the number of missing fishermen would rise above twelve.",
    )
    assert flags == []


async def test_a_stated_fact_is_still_contradicted(store: Database) -> None:
    flags = await _flags(
        store,
        "Harbour chief Anton Reyes said on Monday the number of missing fishermen would not "
        "rise above twelve.\n"
        "Union leader Clara Moss said the number of missing fishermen would rise above twelve.",
    )
    assert [kind for kind, _by in flags] == ["denial"]


# -- one answerer denying a rumour told piece by piece raises one denial -----------------


async def test_one_answerer_denying_rumour_pieces_raises_one_denial(store: Database) -> None:
    flags = await _flags(
        store,
        "Harbour manager Tom Reyes denied that the ferry had sailed with 300 passengers on "
        "board. Reyes also denied that the ferry's captain had been drinking before the "
        "crossing.",
    )
    assert [kind for kind, _by in flags] == ["denial"]
    flags = await _flags(
        store,
        "Rudi Hartanto, Kepala Gudang Bulog Cilegon, membantah telah menjual beras impor busuk "
        "kepada pedagang pasar. Rudi juga membantah telah membuang lima truk beras di "
        "Pelabuhan Merak.",
    )
    assert [kind for kind, _by in flags] == ["denial"]


async def test_two_answerers_of_rumour_pieces_keep_a_denial_each(store: Database) -> None:
    flags = await _flags(
        store,
        "Harbour manager Tom Reyes denied that the ferry had sailed with 300 passengers on "
        "board. Union leader Clara Moss denied that the ferry's captain had been drinking "
        "before the crossing.",
    )
    assert [kind for kind, _by in flags] == ["denial", "denial"]


async def test_a_named_claim_keeps_its_denial(store: Database) -> None:
    flags = await _flags(
        store,
        "The Coastal Herald reported that the ferry's captain had been drinking before the "
        "crossing.\n"
        "Harbour manager Tom Reyes denied that the ferry had sailed with 300 passengers on "
        "board. Reyes also denied the Coastal Herald report that the ferry's captain had been "
        "drinking before the crossing.",
    )
    assert [kind for kind, _by in flags] == ["denial", "denial"]
