"""A speaker correcting its own figure raises a figure conflict, never a reversal, and the
claim it made stays standing (issue 10, part 3)."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.storage.api import Database

FIRST = (
    '"Sebanyak 12 kapal ikan asing terdeteksi memasuki perairan Laut Arafura," kata juru '
    "bicara Bakamla, Rahmat Hidayat, Selasa (4/3)."
)
CORRECTION = (
    '"Setelah data patroli dicocokkan, kapal ikan asing yang memasuki perairan Laut Arafura '
    'ternyata 20 kapal, bukan 12 kapal seperti yang kami sampaikan sebelumnya," kata juru '
    "bicara Bakamla, Rahmat Hidayat, Kamis (6/3)."
)


async def test_a_speaker_correcting_its_own_figure_is_a_figure_conflict(store: Database) -> None:
    first = await ingest(store, FIRST, source="Antara", published="2025-03-04")
    (claim_id,) = first.new_claims
    second = await ingest(store, CORRECTION, source="Kompas", published="2025-03-06")
    assert [(f.kind, f.claim_id) for f in second.flags] == [("figure_conflict", claim_id)]
    claim = await store.claims.get(claim_id)
    assert claim is not None and claim.status == "asserted"
