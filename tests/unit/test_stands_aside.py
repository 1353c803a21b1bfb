"""Answer words that are not the sentence's answer: a stand told as the circumstance of the
main event ("despite the operator's denial", "seusai dinas membantah"), a stand named as the
object of another verb ("tell residents what it denies"), and reticence ("has not talked
with us about P", "enggan membicarakan soal P"). Sentences written for these tests."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.matchers.model import Stance
from claimwatch.matchers.statements import StatementReader
from claimwatch.storage.api import Database


def _stances(text: str, lang: str) -> list[Stance]:
    _lang, statements = StatementReader().read(text, lang)
    return [st.stance for st in statements]


async def _flags(store: Database, *texts: str) -> list[tuple[str, str]]:
    result = None
    for day, text in enumerate(texts, start=1):
        result = await ingest(store, text, source=f"S{day}", published=f"2026-07-{day:02d}")
    assert result is not None
    return sorted((f.kind, f.by) for f in result.flags)


# -- a stand told as a circumstance --------------------------------------------------------


def test_a_denial_after_despite_or_seusai_is_no_answer_of_the_sentence() -> None:
    assert Stance.DENY not in _stances(
        "Ferry bookings climbed despite the operator's denial of a fare rise", "en"
    )
    assert Stance.DENY not in _stances(
        "Shares of Lumatek recovered after the company denied the merger talks.", "en"
    )
    assert Stance.DENY not in _stances(
        "Pedagang Resah Seusai Dinas Pasar Membantah Rencana Renovasi Pasar Baru", "id"
    )
    assert Stance.DENY not in _stances(
        "Warga kembali berunjuk rasa setelah bupati membantah rencana relokasi pasar.", "id"
    )


def test_a_stand_named_as_what_another_verb_asks_about_is_no_answer() -> None:
    assert Stance.DENY not in _stances(
        '"The council should tell residents what exactly it denies," Carla Mendes said.', "en"
    )
    assert Stance.DENY not in _stances(
        "Reporters asked whether the ministry denied the tender plan.", "en"
    )


def test_an_answer_after_a_closed_circumstance_is_still_an_answer() -> None:
    # A comma closes the circumstance: the denial is the main clause's.
    assert Stance.DENY in _stances(
        "After the talks, the Lumatek board denied reports of a merger.", "en"
    )
    assert Stance.DENY in _stances(
        "Setelah rapat, Pemkot Sukamaju membantah kabar penutupan pelabuhan.", "id"
    )
    # A predicate after a subject clause of "what" is the main clause's answer.
    assert Stance.DENY in _stances(
        "The police said that the rumours about what the clerk did were a hoax.", "en"
    )


async def test_a_headline_telling_anothers_denial_raises_nothing(store: Database) -> None:
    flags = await _flags(
        store,
        "Dinas Pasar Kota Sukamaju menyatakan Pasar Baru akan direnovasi total mulai bulan depan.",
        "Pedagang Resah Seusai Dinas Pasar Membantah Rencana Renovasi Pasar Baru\n"
        "Ketua Paguyuban Pedagang Pasar Baru, Darto Wiyono, meminta pemerintah memberi "
        "kepastian soal lapak sementara.",
    )
    assert all(kind != "denial" for kind, _by in flags)


async def test_a_denial_cited_as_a_circumstance_raises_nothing(store: Database) -> None:
    flags = await _flags(
        store,
        "Harbor Lines will raise ferry fares by a fifth next month, two people familiar with "
        "the plan said.",
        "Ferry bookings climbed despite the operator's denial of a fare rise\n"
        "Travel agents in Port Selden said bookings for next month were up sharply.",
    )
    assert all(kind != "denial" for kind, _by in flags)


# -- reticence ------------------------------------------------------------------------------


def test_a_negated_or_refused_verb_of_speaking_about_a_topic_withholds() -> None:
    assert _stances(
        '"The mayor has not talked with us about any budget cut," she added.', "en"
    ) == [Stance.NONE]
    assert _stances("The coach refused to identify the buyer of the striker.", "en") == [
        Stance.NONE
    ]
    assert _stances(
        '"Kami tidak mau mengungkapkan identitas pembelinya," kata Direktur Arif Lubis.', "id"
    ) == [Stance.NONE]
    assert _stances("Ia enggan membicarakan soal calon pelatih baru tim itu.", "id") == [
        Stance.NONE
    ]


def test_denying_having_said_a_proposition_still_denies() -> None:
    assert Stance.DENY in _stances(
        '"I never said that the bridge was unsafe," Mayor Lena Ortiz said.', "en"
    )
    assert Stance.DENY in _stances(
        "Bupati Rina Kartika membantah pernah menyebut pasar induk akan ditutup.", "id"
    )


async def test_withholding_contradicts_no_claim(store: Database) -> None:
    flags = await _flags(
        store,
        "Pelatih Garuda Muda, Budi Hartono, mengatakan tim sedang mencari pelatih kiper "
        "baru.\nIa enggan membicarakan soal calon pelatih kiper baru tim itu.",
        "Direktur Garuda Muda, Arif Lubis, membenarkan tim sedang mencari pelatih kiper baru. "
        '"Kami tidak mau mengungkapkan identitas calon pelatih kiper itu," kata Arif Lubis.',
    )
    assert all(kind != "denial" for kind, _by in flags)
    flags = await _flags(
        store,
        "The mayor plans a budget cut for parks before the council vote, a local newspaper "
        "reported. Analysts said a budget cut was the mayor's call.",
        "Spokeswoman Ana Reyes said the mayor was free to set the budget. "
        '"The mayor has not talked with us about any budget cut," she added.',
    )
    assert all(kind != "denial" for kind, _by in flags)


def test_a_main_clause_answer_after_a_closed_time_phrase_still_answers() -> None:
    # A demonstrative or a longer phrase ends the circumstance without a comma; "why" or
    # "how" after "is" opens a relative; "what ... deny is" is a cleft: all answers.
    for text, lang in [
        ("Setelah itu Pemkab Wonoraya membantah kabar penutupan terminal.", "id"),
        ("Pasca kejadian itu polisi membantah isu penculikan di Wonoraya.", "id"),
        ("Despite this the Wonoraya council denied the report of a levy.", "en"),
        ("Hours after the storm the port authority denied reports of a closure.", "en"),
        ("That is why the Wonoraya council firmly denies the allegation.", "en"),
        ("What we deny is the claim that the terminal will close.", "en"),
    ]:
        assert Stance.DENY in _stances(text, lang), text


def test_denying_having_spoken_of_a_topic_still_denies() -> None:
    # "never spoke about P" denies having said P; "never talked with us about P" withholds.
    assert Stance.DENY in _stances(
        '"I have never spoken about closing the depot," Lena said.', "en"
    )
    assert Stance.DENY in _stances(
        '"Saya tidak pernah bicara soal penutupan terminal," kata Bupati Rina Kartika.', "id"
    )
    assert Stance.DENY not in _stances(
        '"The mayor has never talked with us about closing the depot," the aide added.', "en"
    )
