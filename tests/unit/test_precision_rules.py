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
        "She said she hoped the bridge would reopen soon.", "she hoped the bridge would reopen soon"
    )
    assert voices_a_wish("Kami berharap agar pasar dibuka lagi, kata Rina.", "pasar dibuka lagi")
    assert voices_a_wish("Semoga jembatan segera dibuka, ujarnya.", "Semoga jembatan segera dibuka")
    assert not voices_a_wish(
        "She said the bridge would reopen soon.", "the bridge would reopen soon"
    )
    assert not voices_a_wish(
        "Jembatan itu dibuka lagi, kata Rina, yang berharap lalu lintas lancar.",
        "Jembatan itu dibuka lagi",
    )


async def test_a_wish_is_not_contradicted(store: Database) -> None:
    flags = await _flags(
        store,
        "Mayor Lena Ortiz said on Monday she hoped the Riverside bridge would reopen to traffic "
        "before winter.\n"
        "City engineer Paul Grant said the Riverside bridge would not reopen to traffic before "
        "winter.",
    )
    assert flags == []
    flags = await _flags(
        store,
        "Bupati Rina Kartika berharap pasar induk Sukamaju dibuka kembali sebelum Lebaran.\n"
        "Kepala Dinas Perdagangan Joko Santoso mengatakan pasar induk Sukamaju tidak dibuka "
        "kembali sebelum Lebaran.",
    )
    assert flags == []


async def test_a_stated_fact_is_still_contradicted(store: Database) -> None:
    flags = await _flags(
        store,
        "Mayor Lena Ortiz said on Monday the Riverside bridge would reopen to traffic before "
        "winter.\n"
        "City engineer Paul Grant said the Riverside bridge would not reopen to traffic before "
        "winter.",
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
