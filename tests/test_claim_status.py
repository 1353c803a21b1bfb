"""A claim's status follows who stands where, with speakers resolved as the decision saw them."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.storage.api import Database

CLAIM = (
    "Indonesia's Health Ministry said that three cases of a new bird flu strain had been "
    "detected in West Java."
)
RETRACTION = (
    "The Health Ministry retracted its statement on Thursday, saying further laboratory "
    "tests had found that all samples were negative for the new strain."
)


async def test_a_retraction_by_a_speaker_known_by_its_wording_denies_the_claim(
    store: Database,
) -> None:
    first = await ingest(store, CLAIM, source="Jakarta Post", published="2024-02-05")
    (claim_id,) = first.new_claims
    second = await ingest(store, RETRACTION, source="Reuters", published="2024-02-08")
    assert [f.kind for f in second.flags] == ["reversal"]
    claim = await store.claims.get(claim_id)
    assert claim is not None and claim.status == "denied"
    whos = {who for who, _relation, _phrase in await store.claims.statement_positions(claim_id)}
    assert len(whos) == 1  # the retraction is recorded under the claim's author
