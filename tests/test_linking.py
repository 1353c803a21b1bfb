"""Which claim a reply answers and which statement raises its flag (issue 10, parts 2 and 4),
through the real pipeline on a SQLite file, with sentences written for these tests."""

from __future__ import annotations

from claimwatch.bot.pipeline import ingest
from claimwatch.storage.db import Store

MAYOR = (
    '"The city will close all public libraries in Riverton next month," Mayor Alan Brooks '
    "said on Monday."
)


async def test_the_flag_names_the_attributed_answer_not_the_headline(store: Store) -> None:
    """A speakerless headline denies first; the librarian's denial of the same claim is the
    one the flag quotes and names."""
    first = await ingest(store, MAYOR, source="Riverton Post", published="2025-03-03")
    (claim_id,) = first.new_claims
    reply = await ingest(
        store,
        "Riverton libraries will not close next month.\n\n"
        "The city librarian Maria Lopez denied that the city will close all public libraries "
        "in Riverton next month.",
        source="Valley News",
        published="2025-03-04",
    )
    assert [(f.kind, f.claim_id) for f in reply.flags] == [("denial", claim_id)]
    assert "Maria Lopez" in reply.flags[0].by
    assert "librarian" in reply.flags[0].statement_text
