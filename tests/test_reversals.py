"""Reversals: a speaker turning from its own earlier stand (issue 10, part 4), through the
real pipeline on a SQLite file, with sentences written for these tests."""

from __future__ import annotations

from claimwatch.bot.pipeline import ingest
from claimwatch.matchers.model import Stance
from claimwatch.matchers.statements import StatementReader
from claimwatch.storage.db import Store


def _stances(text: str, lang: str) -> list[Stance]:
    return [st.stance for st in StatementReader().read(text, lang)[1]]


def test_owning_up_to_being_wrong_is_a_retraction_not_a_confirmation() -> None:
    assert Stance.RETRACT in _stances(
        "The shop owner who posted the flood video admitted he was wrong.", "en"
    )
    assert _stances('"I was wrong about the bridge," the blogger Tim Ross said.', "en") == [
        Stance.RETRACT
    ]
    assert _stances('"Kami keliru soal jembatan itu," kata pengelola akun Info Kota.', "id") == [
        Stance.RETRACT
    ]


async def test_a_speaker_admitting_it_was_wrong_reverses_its_claim(store: Store) -> None:
    await ingest(
        store,
        "A local blogger, Tim Ross, said the Riverton dam had cracked during the storm.",
        source="Riverton Post",
        published="2025-03-03",
    )
    result = await ingest(
        store,
        "Blogger Tim Ross has admitted he was wrong about the Riverton dam.\n\n"
        '"I was wrong. The picture I shared was from another town," Tim Ross said.',
        source="Riverton Post",
        published="2025-03-05",
    )
    assert "reversal" in [f.kind for f in result.flags]
    assert "confirmation" not in [f.kind for f in result.flags]
