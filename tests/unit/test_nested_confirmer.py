"""Who confirmed to the teller answers: "X said Y had confirmed to him that P" and "I spoke
with Y, who confirmed to me that P" tell Y's word, so Y is the speaker and P the content.
Sentences written for these tests."""

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
    ("text", "lang", "speaker", "content"),
    [
        (
            "Governor Ramo Tesk said the Harbor Authority had confirmed to him that the "
            "leaflet about the ferry fares was fake.",
            "en",
            "Harbor Authority",
            "the leaflet about the ferry fares",
        ),
        (
            "Gubernur Ramo Tesk mengatakan Otoritas Pelabuhan telah mengonfirmasi kepada "
            "dirinya bahwa selebaran soal tarif feri itu hoaks.",
            "id",
            "Otoritas Pelabuhan",
            "selebaran soal tarif feri",
        ),
    ],
)
def test_the_confirmer_named_after_the_teller_speaks(
    reader: StatementReader, text: str, lang: str, speaker: str, content: str
) -> None:
    said = _last(reader, text, lang)
    assert said.stance is Stance.DENY
    assert said.speaker == speaker
    assert said.content.startswith(content)


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        (
            '"I have spoken with the district commander in Polva, who confirmed to me that '
            'nothing of the sort happened there."',
            "en",
            "district commander in Polva",
        ),
        (
            '"Saya sudah bicara dengan Komandan Distrik Polva, yang mengonfirmasi kepada saya '
            'bahwa kabar itu tidak benar."',
            "id",
            "Komandan Distrik Polva",
        ),
    ],
)
def test_the_antecedent_of_who_confirmed_speaks(
    reader: StatementReader, text: str, lang: str, speaker: str
) -> None:
    said = _last(reader, text, lang)
    assert said.stance is Stance.DENY
    assert said.speaker == speaker


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        ("The port ministry confirmed to reporters that the ferry would sail.", "en", "ministry"),
        (
            "Kementerian Perhubungan mengonfirmasi kepada wartawan bahwa feri itu akan berlayar.",
            "id",
            "Kementerian Perhubungan",
        ),
    ],
)
def test_a_confirmer_who_is_the_subject_stays_the_speaker(
    reader: StatementReader, text: str, lang: str, speaker: str
) -> None:
    said = _last(reader, text, lang)
    assert said.stance is Stance.CONFIRM
    assert said.speaker is not None and speaker in said.speaker
