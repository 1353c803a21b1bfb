"""A confirmation that restates a disputed claim with other details answers that claim.
Sentences written for these tests."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.storage.api import Database

CLAIM = (
    "Kelompok Nelayan Bahari mengatakan kapal tanker asing itu membuang limbah minyak yang "
    "mencemari tambak udang dan keramba warga Desa Pasir Putih."
)
DENIAL = "Perusahaan pelayaran Samudra Lestari membantah kapal tanker itu membuang limbah minyak."


async def _flags(store: Database, *texts: str) -> list[list[tuple[str, str]]]:
    out = []
    for day, text in enumerate(texts, start=1):
        result = await ingest(store, text, source=f"S{day}", published=f"2026-05-{day:02d}")
        out.append([(f.kind, f.claim_text[:30]) for f in result.flags])
    return out


async def test_a_confirmation_in_other_details_answers_the_disputed_claim(
    store: Database,
) -> None:
    flags = await _flags(
        store,
        CLAIM,
        DENIAL,
        "Kementerian Lingkungan Hidup membenarkan kapal tanker berbendera Panama milik "
        "perusahaan Yunani membuang limbah minyak di dekat Pulau Karang saat air pasang.",
    )
    assert flags[1] == [("denial", CLAIM.split("mengatakan ")[1][:30])]
    assert flags[2] == [("confirmation", CLAIM.split("mengatakan ")[1][:30])]


async def test_a_confirmation_sharing_a_word_or_two_answers_no_dispute(store: Database) -> None:
    flags = await _flags(
        store,
        CLAIM,
        DENIAL,
        "Kementerian Lingkungan Hidup membenarkan perusahaan Yunani membuang sampah plastik "
        "di dekat Pulau Karang saat air pasang.",
    )
    assert flags[2] == []
