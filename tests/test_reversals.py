"""Reversals: a speaker turning from its own earlier stand (issue 10, part 4), through the
real pipeline on a SQLite file, with sentences written for these tests."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.matchers.model import Stance
from claimwatch.matchers.statements import StatementReader
from claimwatch.matchers.turns import (
    denies_own_earlier,
    names_what_it_takes_back,
    narrates_earlier_stand,
    opens_with_name_of,
    same_body,
    says_own_word_wrong,
    turns_from_denial,
    wording_within,
)
from claimwatch.storage.api import Database


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


async def test_a_speaker_admitting_it_was_wrong_reverses_its_claim(store: Database) -> None:
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


def test_a_confirmation_telling_its_own_earlier_denial_is_a_turn() -> None:
    assert turns_from_denial(
        "Harbor Foods admitted on Monday that the batch was spoiled, days after denying it.", "en"
    )
    assert turns_from_denial(
        "The club confirmed the fee, reversing its earlier denial of any agreement.", "en"
    )
    assert turns_from_denial(
        "Dinas Pangan akhirnya mengakui beras itu tercemar setelah sebelumnya membantah.", "id"
    )
    assert turns_from_denial(
        "Harbor Foods, which had initially denied any contamination, admitted it.", "en"
    )
    assert turns_from_denial("PT Sinar Jaya yang sempat membantah kini mengakui.", "id")
    assert turns_from_denial(
        "A Harbor spokesperson acknowledged the recall was planned in May, when the company "
        "publicly denied it.",
        "en",
    )
    assert not turns_from_denial("The club confirmed the fee on Monday.", "en")
    assert not turns_from_denial("Dinas Pangan mengakui beras itu tercemar.", "id")


async def test_admitting_days_after_denying_is_a_reversal_not_a_confirmation(
    store: Database,
) -> None:
    await ingest(
        store,
        "Harbor Foods will recall 20,000 jars of its tomato sauce over glass fragments, "
        "retailers said on Monday.",
        source="Riverton Post",
        published="2025-03-03",
    )
    await ingest(
        store,
        "Harbor Foods denied that it would recall jars of its tomato sauce over glass fragments.",
        source="Riverton Post",
        published="2025-03-04",
    )
    result = await ingest(
        store,
        "Harbor Foods admits recall of tomato sauce jars\n\n"
        "Harbor Foods Ltd on Friday acknowledged that it would recall 20,000 jars of its "
        "tomato sauce over glass fragments, days after denying any recall.",
        source="Riverton Post",
        published="2025-03-07",
    )
    kinds = [f.kind for f in result.flags]
    assert kinds == ["reversal"]  # the headline's confirmation gives way to the turn


def test_withdrawing_a_remark_is_a_retraction() -> None:
    assert _stances("Mayor Alan Brooks withdrew his remark that the bridge was unsafe.", "en") == [
        Stance.RETRACT
    ]


def test_one_body_under_two_wordings_by_a_shared_proper_name() -> None:
    assert same_body("Manajemen Persijaya Timur", "Manajer Persijaya Andi Wirawan")
    assert same_body("Andi", "Kabid Humas Polres Sukamaju Kompol Andi Wirawan")
    assert not same_body("LBH Sukamaju", "Dinas Kesehatan Kota Sukamaju")  # a place
    assert not same_body("KPU Sumut", "KPU Kota Medan")  # only the kind of body
    assert not same_body("Manajer Persijaya", "Manajer Persik")
    assert not same_body(
        "Keluarga korban kapal Sinar Jaya menuntut ganti rugi", "PT Sinar Jaya"
    )  # a clause


async def test_a_body_denying_then_its_manager_admitting_is_a_reversal(store: Database) -> None:
    await ingest(
        store,
        "Manajemen Persijaya Timur membantah telah mencapai kesepakatan dengan Persik Barat "
        "untuk mendatangkan penyerang Dani Kurnia.",
        source="Warta Sukamaju",
        published="2025-03-03",
        lang="id",
    )
    result = await ingest(
        store,
        "Manajer Persijaya Andi Wirawan mengakui telah mencapai kesepakatan dengan Persik "
        "Barat untuk mendatangkan penyerang Dani Kurnia.",
        source="Warta Sukamaju",
        published="2025-03-09",
        lang="id",
    )
    assert [f.kind for f in result.flags] == ["reversal"]


def test_a_narrated_earlier_stand_is_told_apart() -> None:
    assert narrates_earlier_stand("Fire chief Tom Hale had earlier said the bridge fell.", "en")
    assert narrates_earlier_stand("At first, police had said the man drowned.", "en")
    assert narrates_earlier_stand("Andi Wirawan sebelumnya menyebut jembatan itu ambruk.", "id")
    assert not narrates_earlier_stand("Fire chief Tom Hale said the bridge fell.", "en")
    assert not narrates_earlier_stand("Andi Wirawan menyebut jembatan itu ambruk.", "id")


async def test_denying_ones_narrated_earlier_word_in_the_same_article_is_a_reversal(
    store: Database,
) -> None:
    result = await ingest(
        store,
        "Riverton bridge repairs begin\n\n"
        "Fire chief Tom Hale had earlier said the old Riverton bridge collapsed into the river "
        "on Monday.\n\n"
        "On Tuesday, Tom Hale denied that the old Riverton bridge collapsed into the river, "
        "saying only a railing fell.",
        source="Riverton Post",
        published="2025-03-04",
    )
    assert [f.kind for f in result.flags] == ["reversal"]


async def test_denying_what_one_says_now_in_the_same_article_is_no_reversal(
    store: Database,
) -> None:
    result = await ingest(
        store,
        "Fire chief Tom Hale said the old Riverton bridge collapsed into the river on Monday.\n\n"
        "Tom Hale denied that the old Riverton bridge collapsed into the river because of "
        "neglect.",
        source="Riverton Post",
        published="2025-03-04",
    )
    assert "reversal" not in [f.kind for f in result.flags]


async def test_withdrawing_a_statement_stored_nowhere_stores_it_as_the_speakers_own(
    store: Database,
) -> None:
    result = await ingest(
        store,
        "Riverton fire chief Tom Hale on Friday withdrew his earlier statement that the old "
        "bridge collapsed because of poor maintenance.",
        source="Riverton Post",
        published="2025-03-07",
    )
    (flag,) = result.flags
    assert (flag.kind, flag.by) == ("reversal", "Riverton fire chief Tom Hale")
    assert "bridge collapsed" in flag.claim_text


async def test_owning_up_without_saying_what_stores_no_claim(store: Database) -> None:
    result = await ingest(
        store,
        '"I was wrong. The photo I shared came from another town," blogger Tim Ross said.',
        source="Riverton Post",
        published="2025-03-07",
    )
    assert result.flags == []


def test_a_denial_told_in_a_relative_clause_leaves_the_admission_standing() -> None:
    assert _stances(
        "Harbor Foods, which had initially denied any contamination, admitted on Thursday "
        "that the sauce was contaminated.",
        "en",
    ) == [Stance.CONFIRM]
    assert _stances(
        "PT Sinar Jaya yang sempat membantah kini mengakui saus itu tercemar.", "id"
    ) == [Stance.CONFIRM]


def test_a_speaker_calling_its_own_earlier_word_wrong_retracts() -> None:
    assert says_own_word_wrong(
        'The mayor conceded that "what I said about the bridge being safe turned out not to'
        ' be correct".',
        "en",
    )
    assert says_own_word_wrong(
        "The port authority has apologised for publishing wrong figures on the spill.", "en"
    )
    assert says_own_word_wrong(
        "The agency apologizes to residents for putting out incorrect information.", "en"
    )
    assert says_own_word_wrong("Polres Kota akhirnya merubah keterangan awalnya.", "id")
    assert says_own_word_wrong("Dinas itu meralat keterangan sebelumnya soal korban.", "id")
    # Another's word called wrong, or an apology for something else: no turn.
    assert not says_own_word_wrong("The mayor said the report was wrong.", "en")
    assert not says_own_word_wrong("The airline apologised for the long delays.", "en")
    assert not says_own_word_wrong("What he said was that the bridge is safe.", "en")
    assert not says_own_word_wrong(
        "What he said about the bridge was wrong, the engineer said.", "en"
    )
    assert names_what_it_takes_back("what I said about the bridge turned out to be wrong")
    assert names_what_it_takes_back(
        "The blogger offered the mayor an apology for describing him as a smuggler."
    )
    assert not names_what_it_takes_back("The blogger apologised to the mayor.")


def test_a_denial_against_its_own_first_account_is_a_turn() -> None:
    assert denies_own_earlier(
        '"There was no fire in the depot, as stated in our initial report," the chief said.',
        "en",
    )
    assert denies_own_earlier("Tidak ada ledakan, berbeda dengan keterangan awal kami.", "id")
    assert not denies_own_earlier("The chief denied the initial report by the paper.", "en")


async def test_apologising_for_wrong_figures_reverses_the_earlier_figure(store: Database) -> None:
    result = await ingest(
        store,
        "The Harbor Safety Agency has apologised for releasing wrong figures on the ferry"
        " fire.\n\n"
        "The Harbor Safety Agency had earlier said the fire killed 41 passengers on the"
        " ferry Lintas Dua.\n\n"
        'The agency later said: "The Harbor Safety Agency apologises to the families for'
        ' putting out wrong figures; the crews sent us conflicting counts."',
        source="Coast Daily",
        published="2025-05-02",
    )
    reversals = [f for f in result.flags if f.kind == "reversal"]
    assert reversals and "41" in reversals[0].claim_text


async def test_a_chief_denying_the_forces_first_account_reverses_it(store: Database) -> None:
    result = await ingest(
        store,
        "At first, the harbour police had said the guard drowned in an accident at the"
        " Kenton pier.\n\n"
        'After reviewing the camera footage, "there was no accident at the pier as described'
        ' in our initial report", harbour police chief Marta Quell said.',
        source="Coast Daily",
        published="2025-05-02",
    )
    kinds = [f.kind for f in result.flags]
    assert "reversal" in kinds and "denial" not in kinds


def test_a_turning_speaker_is_found_under_a_looser_wording() -> None:
    assert wording_within("operator of the Lintas Dua ferry", "the ferry's operator")
    assert wording_within("Harbor Foods", "Harbor Foods spokesperson Ana Lee")
    assert not wording_within("the ferry's operator", "the port's operator")


def test_admitting_against_its_own_no_is_a_turn_not_a_denial() -> None:
    from claimwatch.matchers.decide import Decision, FlagKind, Relation, turned_by_cue

    denial = Decision(Relation.DENIES, FlagKind.DENIAL)
    assert turned_by_cue(denial, True).flag is FlagKind.REVERSAL
    assert turned_by_cue(denial, False).flag is FlagKind.DENIAL


async def test_a_retraction_told_before_the_word_it_takes_back(store: Database) -> None:
    result = await ingest(
        store,
        '"As a careful person, I withdraw the comment," the Trade Minister said on Monday.\n\n'
        "On Saturday the Trade Minister had said that the harbour strike cost nothing.",
        source="Port Times",
        published="2025-06-09",
    )
    reversals = [f for f in result.flags if f.kind == "reversal"]
    assert reversals and "strike" in reversals[0].claim_text


async def test_an_apology_for_describing_someone_reverses_that_word(store: Database) -> None:
    result = await ingest(
        store,
        "Blogger Dita Larsen said she apologised for describing the mayor as a paid agent"
        " of the harbour cartel.",
        source="Port Times",
        published="2025-06-09",
    )
    reversals = [f for f in result.flags if f.kind == "reversal"]
    assert reversals and "cartel" in reversals[0].claim_text


async def test_a_headline_admission_by_the_earlier_denier_is_a_turn(store: Database) -> None:
    await ingest(
        store,
        "Regulators said Corvane Foods tuna cans were contaminated with lead.\n\n"
        "Corvane Foods denied that its tuna cans were contaminated with lead.",
        source="Food Wire",
        published="2025-03-03",
    )
    result = await ingest(
        store,
        "Corvane recalls 9,000 crates, admits tuna cans were contaminated with lead\n\n"
        "The recall covers six provinces, the regulator said.",
        source="Food Wire",
        published="2025-03-10",
    )
    reversals = [f for f in result.flags if f.kind == "reversal"]
    assert reversals and "Corvane" in reversals[0].by
    assert "confirmation" not in [f.kind for f in result.flags]


def test_a_sentence_opening_with_the_name_of_a_speaker() -> None:
    assert opens_with_name_of("Corvane recalls crates, admits lead", "Corvane Foods")
    assert not opens_with_name_of("Regulators say Corvane admits lead", "Corvane Foods")
