"""A reply that points at the claim with a form of its own: a pronoun object of a rejecting
verb ("rejected them", "menolaknya") standing for the figures or claim its sentence just
named, and a free relative naming the rumour ("apa yang tersebar ... soal P", "what was
circulating online about P"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from claimwatch.engine.pipeline import ingest
from claimwatch.matchers.model import Stance, Statement
from claimwatch.matchers.statements import StatementReader
from claimwatch.storage.api import Database


@pytest.fixture(scope="module")
def reader() -> StatementReader:
    return StatementReader()


def _read(reader: StatementReader, text: str, lang: str) -> list[Statement]:
    return reader.read(text, lang)[1]


def test_a_pronoun_object_of_a_rejecting_verb_answers_the_figures_named_before(
    reader: StatementReader,
) -> None:
    said = _read(
        reader,
        "A spokeswoman for the growers' council questioned those figures on Tuesday and "
        "rejected them.",
        "en",
    )
    last = said[-1]
    assert last.stance is Stance.DENY
    assert last.refers_back


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Refusing people or offers, with no claim or figure named before: no answer.
        ("The club reviewed the applicants on Monday and rejected them.", "en"),
        ("The council weighed the two bids for a week and then rejected them.", "en"),
        ("Warga mengajukan usulan pembangunan taman itu, tetapi bupati langsung menolaknya.", "id"),
        # The nearest noun decides: the report's proposals are refused, not the report.
        ("The board reviewed the report's proposals and rejected them.", "en"),
        ("Komisi membahas laporan dan usulan anggaran itu lalu menolaknya seluruhnya.", "id"),
        # "those" before a noun is no pronoun; a verb of saying ends the search for a claim.
        ("The board read the report and rejected those proposals.", "en"),
        ("In a statement, the club said it weighed the bids and rejected them.", "en"),
    ],
)
def test_a_pronoun_object_with_nothing_claimed_before_is_no_answer(
    reader: StatementReader, text: str, lang: str
) -> None:
    assert all(st.stance is not Stance.DENY for st in _read(reader, text, lang))


def test_a_clitic_object_of_a_rejecting_verb_answers_the_figures_named_before(
    reader: StatementReader,
) -> None:
    said = _read(
        reader,
        "Dewan petani meragukan angka dinas itu pada Selasa dan langsung menolaknya.",
        "id",
    )
    assert said[-1].stance is Stance.DENY
    assert said[-1].refers_back


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Kepala Dinas PU, Rudi Hartono, menegaskan apa yang tersebar di grup WhatsApp "
            "soal penutupan jembatan itu tidak benar.",
            "id",
        ),
        (
            "The mayor, Rudi Hart, said what was circulating online about the bridge closure "
            "was false.",
            "en",
        ),
    ],
)
def test_what_circulates_names_a_rumour(reader: StatementReader, text: str, lang: str) -> None:
    said = _read(reader, text, lang)
    denial = next(st for st in said if st.stance is Stance.DENY)
    assert denial.target_rumour


@pytest.mark.parametrize(
    "text",
    [
        "Warga bertanya apa yang beredar di grup itu.",
        "Polisi masih menyelidiki apa yang terjadi di jembatan itu.",
    ],
)
def test_what_without_circulating_is_no_rumour(reader: StatementReader, text: str) -> None:
    assert all(not st.target_rumour for st in _read(reader, text, "id"))


async def _flags(store: Database, lang: str, *texts: str) -> list[list[tuple[str, str]]]:
    out = []
    for day, text in enumerate(texts, start=1):
        result = await ingest(
            store, text, source=f"S{day}", published=f"2026-06-{day:02d}", lang=lang
        )
        out.append([(f.kind, f.claim_text) for f in result.flags])
    return out


async def test_rejected_them_denies_the_figures_of_the_sentence_before(store: Database) -> None:
    flags = await _flags(
        store,
        "en",
        "The farm agency said 4,300 farms in Dalmora province had closed because of the "
        "drought. A spokeswoman for the growers' council, however, questioned those figures "
        "and rejected them.",
    )
    assert [kind for kind, _text in flags[0]] == ["denial"]
    assert "4,300" in flags[0][0][1]


async def test_a_denial_of_what_circulates_answers_the_rumour(store: Database) -> None:
    flags = await _flags(
        store,
        "id",
        "Beredar pesan berantai bahwa jembatan Kali Opak akan ditutup selama sebulan mulai "
        "pekan depan. Kepala Dinas PU Sleman, Rudi Hartono, menegaskan apa yang tersebar di "
        "grup WhatsApp soal penutupan jembatan itu tidak benar.",
    )
    assert [kind for kind, _text in flags[0]] == ["denial"]
    assert "jembatan" in flags[0][0][1]
