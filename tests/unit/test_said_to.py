"""The writer's "X disebut <verb> P" ("X is said to have done P") tells P without vouching
for it, as English "is said to" does: the sentence is hedged, so the pipeline stores P and a
later reply can answer it. "yang disebut" (the so-called) and "disebut sebagai" (named as)
are no hedge. Sentences written for these tests."""

from __future__ import annotations

import pytest

from claimwatch.engine.pipeline import ingest
from claimwatch.matchers.statements import StatementReader
from claimwatch.storage.api import Database


@pytest.fixture(scope="module")
def reader() -> StatementReader:
    return StatementReader()


def _hedged(reader: StatementReader, text: str, lang: str) -> bool:
    return any(st.hedged for st in reader.read(text, lang)[1])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Camat Rowo disebut menerima uang Rp 40 juta dari seorang kontraktor.", "id"),
        ("Salah satu orang yang diamankan disebut merupakan pejabat dinas pasar.", "id"),
        ("Dalam dakwaan, Harun disebut pernah meminta jatah proyek jalan.", "id"),
        ("The district head is said to have taken 40 million rupiah from a builder.", "en"),
    ],
)
def test_what_someone_is_said_to_have_done_is_hedged(
    reader: StatementReader, text: str, lang: str
) -> None:
    assert _hedged(reader, text, lang)


@pytest.mark.parametrize(
    "text",
    [
        "Kawasan itu disebut sebagai lumbung padi kabupaten.",
        "Jembatan yang disebut menghubungkan dua desa itu selesai dibangun.",
        "Seperti disebut di atas, pasar itu dibuka pukul enam pagi.",
        "Namanya disebut dalam rapat kemarin.",
    ],
)
def test_naming_and_the_so_called_are_no_hedge(reader: StatementReader, text: str) -> None:
    assert not _hedged(reader, text, "id")


async def test_a_confirmation_answers_what_someone_was_said_to_have_done(
    store: Database,
) -> None:
    await ingest(
        store,
        "Dari keterangan awal, salah satu pejabat yang ditahan di Pelabuhan Tanjung Wangi "
        "disebut merupakan kepala dinas perhubungan kabupaten.",
        source="S1",
        published="2026-06-01",
        lang="id",
    )
    result = await ingest(
        store,
        "Juru bicara kejaksaan, Rina Paramita, membenarkan bahwa kepala dinas perhubungan "
        "kabupaten ditahan di Pelabuhan Tanjung Wangi.",
        source="S2",
        published="2026-06-02",
        lang="id",
    )
    assert [f.kind for f in result.flags] == ["confirmation"]
    assert "kepala dinas" in result.flags[0].claim_text
