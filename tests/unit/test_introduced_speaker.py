"""A pronoun speaker after a person just introduced: "X, the club's director, met reporters
on Monday. He denied P" is X's denial, not the last speaker's. A person named in a negated
sentence said nothing, so "he" stays with the last speaker. Sentences written for these tests."""

from __future__ import annotations

import pytest

from claimwatch.matchers.model import Stance, Statement
from claimwatch.matchers.statements import StatementReader


@pytest.fixture(scope="module")
def reader() -> StatementReader:
    return StatementReader()


def _last(reader: StatementReader, text: str, lang: str) -> Statement:
    return reader.read(text, lang)[1][-1]


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        (
            "The mayor said the bridge would reopen in May. Budi Hartono, the club director, "
            "met reporters on Monday. He denied that the club had sold the stadium.",
            "en",
            "Budi Hartono",
        ),
        (
            "Kepala dinas Ahmad Rifai mengatakan jembatan dibuka Mei. Budi Hartono, direktur "
            "klub, menemui wartawan pada Senin. Ia membantah klub telah menjual stadion.",
            "id",
            "Budi Hartono",
        ),
        (
            "Kepala dinas Ahmad Rifai mengatakan jembatan dibuka Mei. Adapun Budi Hartono, "
            'direktur klub, menemui wartawan. "Klub tidak pernah menjual stadion," katanya.',
            "id",
            "Budi Hartono",
        ),
    ],
)
def test_a_pronoun_points_at_the_person_just_introduced(
    reader: StatementReader, text: str, lang: str, speaker: str
) -> None:
    st = _last(reader, text, lang)
    assert st.stance is Stance.DENY
    assert st.speaker == speaker


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        (
            "Kepala dinas Ahmad Rifai mengatakan jembatan dibuka Mei. Budi Hartono, direktur "
            "klub, tidak menemui wartawan pada Senin. Ia membantah klub telah menjual stadion.",
            "id",
            "Kepala dinas Ahmad Rifai",
        ),
        (
            "The mayor said the bridge would reopen in May. Budi Hartono, the club director, "
            "did not meet reporters on Monday. He denied that the club had sold the stadium.",
            "en",
            "mayor",
        ),
    ],
)
def test_a_person_named_in_a_negated_sentence_is_not_introduced(
    reader: StatementReader, text: str, lang: str, speaker: str
) -> None:
    assert _last(reader, text, lang).speaker == speaker


def test_a_bracketed_abbreviation_does_not_lengthen_a_described_speaker(
    reader: StatementReader,
) -> None:
    text = (
        "Kombes Budi Santoso mengatakan polisi menembak pelaku tawuran. Sementara seorang "
        "satuan pengamanan (satpam) di sekitar perumahan Griya Asri memberikan keterangan yang "
        "berbeda. Ia memastikan tidak terjadi tawuran pada malam itu."
    )
    st = _last(reader, text, "id")
    assert st.speaker is not None
    assert "satpam" in st.speaker
