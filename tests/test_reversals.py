"""Reversals: a speaker turning from its own earlier stand (issue 10, part 4), through the
real pipeline on a SQLite file, with sentences written for these tests."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.matchers.model import Stance
from claimwatch.matchers.statements import StatementReader
from claimwatch.matchers.turns import (
    admits_later,
    denies_own_earlier,
    names_what_it_takes_back,
    narrates_earlier_stand,
    opens_on_earlier_stand,
    opens_with_name_of,
    same_body,
    says_own_word_wrong,
    shares_a_name,
    takes_back_own_word,
    tells_denial_before,
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
        "Harbor Foods, which had initially denied any spoilage, admitted it.", "en"
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
        "Manajemen Persijaya Timur membantah telah mencapai kesepakatan dengan Sukamaju FC "
        "untuk mendatangkan penyerang Dani Kurnia.",
        source="Warta Sukamaju",
        published="2025-03-03",
        lang="id",
    )
    result = await ingest(
        store,
        "Manajer Persijaya Andi Wirawan mengakui sudah sepakat dengan Sukamaju FC "
        "untuk mendatangkan penyerang Dani Kurnia.",
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
        "Harbor Foods, which had initially denied any spoilage, admitted on Thursday "
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
        '"As someone who values facts, I withdraw the comment," the Trade Minister said '
        "on Monday.\n\n"
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


def test_a_sentence_opening_on_at_first_tells_an_earlier_stand() -> None:
    assert opens_on_earlier_stand(
        "Mulanya Rudi Hartono mencoba mengelak dengan menyebut mobil itu milik kakaknya.", "id"
    )
    assert opens_on_earlier_stand("Awalnya, pihak sekolah mengatakan tidak ada siswa luka.", "id")
    assert opens_on_earlier_stand("At first the mill owner insisted the dye was harmless.", "en")
    assert narrates_earlier_stand("Semula Rudi Hartono bersikeras mobil itu milik kakaknya.", "id")
    assert not opens_on_earlier_stand("Rudi Hartono menyebut mobil itu milik kakaknya.", "id")
    assert not opens_on_earlier_stand("Mulanya acara berjalan lancar hingga sore.", "id")
    assert not opens_on_earlier_stand("The mill owner at first refused to talk.", "en")
    # a plain verb of saying after "at first" that only orders events
    assert not opens_on_earlier_stand(
        "Awalnya, warga mengatakan truk itu berhenti di depan pasar.", "id"
    )
    assert not opens_on_earlier_stand("Initially, the driver said the bus left at noon.", "en")
    assert opens_on_earlier_stand("Initially, the driver had said the bus left at noon.", "en")


def test_an_admission_after_holding_out() -> None:
    assert admits_later("Rudi Hartono akhirnya mengakui mobil itu miliknya.", "id")
    assert admits_later("Rudi Hartono belakangan mengakui mobil itu miliknya.", "id")
    assert admits_later("The mill owner later admitted the dye was toxic.", "en")
    assert not admits_later("Rudi Hartono mengakui mobil itu miliknya.", "id")
    assert not admits_later("The mill owner admitted the dye was toxic.", "en")
    # what happened next, a claim to be someone, news of an event: no admission
    assert not admits_later("Tersangka kemudian mengaku menjual motor itu di pasar.", "id")
    assert not admits_later("Ia lalu mengaku sebagai petugas pajak.", "id")
    assert not admits_later("Warga kini membenarkan jalan itu sudah diperbaiki.", "id")
    assert not admits_later("Police later confirmed the driver had been detained.", "en")
    assert not admits_later("The agency now confirms 25 injuries.", "en")


def test_one_speaker_under_a_looser_wording_by_a_shared_name() -> None:
    assert shares_a_name("terdakwa Rudi Hartono", "Mulanya Hartono mencoba mengelak dengan")
    assert not shares_a_name("Mulanya Hartono", "Mulanya Siregar")
    assert not shares_a_name("Dinkes Kota Bogor", "Satpol PP Kota Bogor")  # a place
    assert not shares_a_name("Kapolres Bogor", "Bupati Bogor")
    assert not shares_a_name(None, "Rudi Hartono")


async def test_admitting_after_a_stand_told_at_first_in_the_same_article_is_a_reversal(
    store: Database,
) -> None:
    result = await ingest(
        store,
        "Sidang perkara suap proyek jembatan Kali Baru kembali digelar di Pengadilan Tipikor "
        "Surabaya pada Senin.\n\n"
        "Mulanya Rudi Hartono mencoba mengelak dengan menyebut mobil mewah itu dibeli dari "
        "tabungan pribadinya.\n\n"
        "Namun setelah dicecar jaksa, terdakwa Rudi Hartono akhirnya mengakui mobil mewah itu "
        "dibeli dengan uang dari kontraktor jembatan.",
        source="Warta Jatim",
        published="2025-03-04",
    )
    assert [(f.kind, f.by) for f in result.flags] == [("reversal", "terdakwa Rudi Hartono")]
    assert "tabungan pribadinya" in result.flags[0].claim_text


async def test_admitting_without_a_stand_told_before_is_no_reversal(store: Database) -> None:
    result = await ingest(
        store,
        "Sidang perkara suap proyek jembatan Kali Baru kembali digelar di Pengadilan Tipikor "
        "Surabaya pada Senin.\n\n"
        "Rudi Hartono menyebut mobil mewah itu dibeli dari tabungan pribadinya.\n\n"
        "Namun setelah dicecar jaksa, terdakwa Rudi Hartono akhirnya mengakui mobil mewah itu "
        "dibeli dengan uang dari kontraktor jembatan.",
        source="Warta Jatim",
        published="2025-03-04",
    )
    assert "reversal" not in [f.kind for f in result.flags]


async def test_an_admission_sharing_one_word_with_the_earlier_stand_does_not_turn_from_it(
    store: Database,
) -> None:
    result = await ingest(
        store,
        "Sidang perkara suap proyek jembatan Kali Baru kembali digelar di Pengadilan Tipikor "
        "Surabaya pada Senin.\n\n"
        "Mulanya Rudi Hartono mencoba mengelak dengan menyebut mobil mewah itu dibeli dari "
        "tabungan pribadinya.\n\n"
        "Dalam sidang itu pula, terdakwa Rudi Hartono akhirnya mengakui mobil itu pernah "
        "dipinjam kontraktor jembatan untuk ke Malang.",
        source="Warta Jatim",
        published="2025-03-04",
    )
    # one shared word ("mobil") does not make the admission leave the stand told at first
    turned = [f.claim_text for f in result.flags if f.kind == "reversal"]
    assert not any("tabungan pribadinya" in text for text in turned), turned


def test_a_second_that_keeps_the_first_thing_said() -> None:
    (st,) = StatementReader().read(
        "The mill's owner has said the dye was not toxic and that the river was tested weekly.",
        "en",
    )[1]
    assert st.content.startswith("the dye was not toxic")
    (st,) = StatementReader().read(
        "The mill's owner said on Monday that the river was tested weekly.", "en"
    )[1]
    assert st.content == "the river was tested weekly"


async def test_admitting_what_one_said_was_not_so_is_a_reversal(store: Database) -> None:
    await ingest(
        store,
        "The owner of the Greenfield dye mill has said the dye it dumped into the Alder river "
        "was not toxic and that the water was tested weekly.",
        source="Alder Courier",
        published="2025-03-03",
    )
    result = await ingest(
        store,
        "The owner of the Greenfield dye mill admitted on Friday that the dye it dumped into "
        "the Alder river was toxic, reversing its earlier denial.",
        source="Alder Courier",
        published="2025-03-07",
    )
    assert "reversal" in [f.kind for f in result.flags]


def test_an_apology_joined_to_a_retraction_gives_it_its_speaker() -> None:
    (_, st) = StatementReader().read(
        "Pengelola akun Instagram @infokali77 meminta maaf dan mencabut unggahannya yang "
        "menyebut jembatan Kali Baru ambruk.",
        "id",
    )[1]
    assert (st.stance, st.speaker) == (Stance.RETRACT, "Pengelola akun Instagram infokali77")
    assert st.content == "jembatan Kali Baru ambruk"
    (_, st) = StatementReader().read(
        "The blogger Tim Ross apologised and withdrew his post claiming the Riverton dam had "
        "cracked.",
        "en",
    )[1]
    assert (st.stance, st.speaker) == (Stance.RETRACT, "blogger Tim Ross")
    # Not a retraction: the clause after "dan" borrows no speaker.
    read = StatementReader().read(
        "Pengelola akun Instagram @infokali77 meminta maaf dan menegaskan akun itu tidak "
        "pernah diretas.",
        "id",
    )[1]
    assert [st.speaker for st in read] == [None] * len(read)


def test_a_retraction_naming_its_own_word() -> None:
    assert takes_back_own_word("Akun itu mencabut unggahannya yang menyebut P.", "id")
    assert takes_back_own_word("Budi meralat pernyataan kami soal P.", "id")
    assert takes_back_own_word("The blogger withdrew his post claiming P.", "en")
    assert not takes_back_own_word("Kemenkes meralat informasi yang beredar.", "id")
    assert not takes_back_own_word("The ministry corrected the report.", "en")


async def test_retracting_ones_own_post_behind_a_rumour_is_a_reversal(store: Database) -> None:
    await ingest(
        store,
        "Beredar kabar bahwa jembatan Kali Baru di Sidoarjo ambruk pada Senin malam.\n\n"
        "Dinas PUPR Sidoarjo membantah kabar bahwa jembatan Kali Baru ambruk.",
        source="Warta Jatim",
        published="2025-03-04",
    )
    result = await ingest(
        store,
        "Pengelola akun Instagram @infokali77 meminta maaf dan mencabut unggahannya yang "
        "menyebut jembatan Kali Baru di Sidoarjo ambruk.",
        source="Warta Jatim",
        published="2025-03-06",
    )
    assert [f.kind for f in result.flags] == ["reversal"]


def test_a_retraction_told_through_a_pronoun_has_the_subject_as_speaker() -> None:
    (st,) = StatementReader().read(
        "Tim Ross issued a statement on Friday saying he had misspoken when he said the "
        "Riverton dam had cracked.",
        "en",
    )[1]
    assert (st.stance, st.speaker) == (Stance.RETRACT, "Tim Ross")
    (st,) = StatementReader().read("Tim Ross admitted on Friday he had misspoken.", "en")[1]
    assert (st.stance, st.speaker) == (Stance.RETRACT, "Tim Ross")


def test_a_body_saying_it_erred_retracts() -> None:
    (st,) = StatementReader().read(
        "The Riverton Water Board now says it erred when it reported that the dam had cracked.",
        "en",
    )[1]
    assert (st.stance, st.speaker) == (Stance.RETRACT, "Riverton Water Board")
    assert st.content == "the dam had cracked"
    (st,) = StatementReader().read("The judge erred in the case, the appeals court said.", "en")[1]
    assert st.stance is not Stance.RETRACT


async def test_saying_one_misspoke_when_one_said_p_reverses_p(store: Database) -> None:
    await ingest(
        store,
        "Riverton mayor Tim Ross said on Monday that the old Riverton dam had cracked during "
        "the storm.",
        source="Riverton Post",
        published="2025-03-03",
    )
    result = await ingest(
        store,
        "Tim Ross issued a statement on Wednesday saying he had misspoken when he said the old "
        "Riverton dam had cracked.",
        source="Riverton Post",
        published="2025-03-05",
    )
    assert [(f.kind, f.by) for f in result.flags] == [("reversal", "Tim Ross")]


def test_a_label_told_in_a_relative_clause_is_the_subjects_earlier_stand() -> None:
    (st,) = StatementReader().read(
        "Tim Ross, who had called the report a hoax, admitted on Friday that the Riverton dam "
        "had cracked.",
        "en",
    )[1]
    assert (st.stance, st.speaker) == (Stance.CONFIRM, "Tim Ross")
    assert st.content == "the Riverton dam had cracked"
    assert turns_from_denial(st.text, "en")
    assert turns_from_denial(
        "Jones, who last week dismissed the leak as fabricated, now says the files are real.", "en"
    )
    assert turns_from_denial(
        "Dinas PUPR, yang sebelumnya menyebut kabar itu hoaks, kini mengakui jembatan ambruk.", "id"
    )
    assert not turns_from_denial(
        "Tim Ross, who heads the water board, admitted on Friday that the dam had cracked.", "en"
    )
    # Without a later verb the relative clause keeps its stance.
    assert _stances("Tim Ross, who had called the report a hoax, was not reached.", "en") != [
        Stance.CONFIRM
    ]


def test_what_an_appositive_subject_says_after_a_time() -> None:
    (st,) = StatementReader().read(
        "Jones, who heads the Riverton board, said on Friday the water was safe.", "en"
    )[1]
    assert (st.speaker, st.content) == ("Jones", "the water was safe")
    (st,) = StatementReader().read(
        "Jones, the Riverton board chief, said in a statement on Friday that the water was safe.",
        "en",
    )[1]
    assert (st.speaker, st.content) == ("Jones", "the water was safe")


async def test_a_headline_admission_matched_elsewhere_gives_way_to_the_turn(
    store: Database,
) -> None:
    await ingest(
        store,
        "Divers searched the Alder river again on Thursday after the Greenfield barge went "
        "down, officials said.\n\n"
        "The barge operator has said the barge was not overloaded, and its log showed "
        "40 passengers.",
        source="Alder Courier",
        published="2025-03-03",
    )
    result = await ingest(
        store,
        "Barge operator admits overloading before Greenfield barge sinking, bodies recovered "
        "from Alder river\n\n"
        "The operator of the Greenfield barge admitted on Monday that the barge was overloaded "
        "when it went down in the Alder river, reversing its earlier denial.",
        source="Alder Courier",
        published="2025-03-10",
    )
    assert [f.kind for f in result.flags] == ["reversal"]
    assert "not overloaded" in result.flags[0].claim_text


async def test_withdrawing_ones_claim_under_a_role_name_is_a_reversal(store: Database) -> None:
    await ingest(
        store,
        "Raj Kumar, a Janata Party MP, said on Monday that the Riverton dam contract had been "
        "awarded without a tender.",
        source="Riverton Post",
        published="2025-03-03",
    )
    result = await ingest(
        store,
        "The Janata Party MP on Thursday withdrew his claim that the Riverton dam contract was "
        "awarded without a tender.",
        source="Riverton Post",
        published="2025-03-06",
    )
    assert [f.kind for f in result.flags] == ["reversal"]


async def test_admitting_what_one_says_none_of_was_so_is_a_reversal(store: Database) -> None:
    await ingest(
        store,
        "Harbor Foods said on Monday that none of its chili sauce batches had been "
        "contaminated with lead.",
        source="Alder Courier",
        published="2025-03-03",
    )
    result = await ingest(
        store,
        "Harbor Foods admitted on Friday that its chili sauce batches had been contaminated "
        "with lead.",
        source="Alder Courier",
        published="2025-03-07",
    )
    assert [f.kind for f in result.flags] == ["reversal"]


def test_a_denial_told_as_made_before() -> None:
    assert tells_denial_before("Last week, Harbor Foods had denied the report.", "en")
    assert tells_denial_before("The firm had repeatedly denied it.", "en")
    assert tells_denial_before("Sebelumnya, Harbor Foods membantah kabar itu.", "id")
    assert not tells_denial_before("Harbor Foods denied the report on Friday.", "en")
    assert not tells_denial_before("Harbor Foods membantah kabar itu.", "id")


async def test_an_admission_beside_its_own_denial_told_as_earlier_is_one_turn(
    store: Database,
) -> None:
    await ingest(
        store,
        "Media lokal memberitakan saus sambal Harbor Foods tercemar timbal.",
        source="Warta Jatim",
        published="2025-03-03",
    )
    result = await ingest(
        store,
        "Harbor Foods mengakui saus sambalnya tercemar timbal.\n\n"
        "Sebelumnya, Harbor Foods membantah saus sambalnya tercemar timbal.",
        source="Warta Jatim",
        published="2025-03-07",
    )
    assert [(f.kind, f.by) for f in result.flags] == [("reversal", "Harbor Foods")]


async def test_a_bodys_officer_admitting_against_the_bodys_no_is_a_reversal(
    store: Database,
) -> None:
    await ingest(
        store,
        "PT Sumber Rasa menyatakan tidak ada saus sambal produksinya yang tercemar timbal.",
        source="Warta Jatim",
        published="2025-03-03",
    )
    result = await ingest(
        store,
        "Direktur PT Sumber Rasa, Budi Santoso, mengakui saus sambal produksinya tercemar timbal.",
        source="Warta Jatim",
        published="2025-03-07",
    )
    assert [(f.kind, f.by) for f in result.flags] == [("reversal", "Budi Santoso")]
    (st,) = StatementReader().read("PT Sumber Rasa berbalik mengakui sausnya tercemar.", "id")[1]
    assert st.speaker == "PT Sumber Rasa"


async def test_admitting_what_nothing_stored_says_days_after_denying_it_is_a_reversal(
    store: Database,
) -> None:
    result = await ingest(
        store,
        "Harbor Foods admitted on Friday that its chili sauce had been contaminated with lead, "
        "days after denying it.",
        source="Alder Courier",
        published="2025-03-07",
    )
    assert [(f.kind, f.by) for f in result.flags] == [("reversal", "Harbor Foods")]


async def test_an_admission_and_its_denial_told_as_earlier_in_one_article_are_one_turn(
    store: Database,
) -> None:
    result = await ingest(
        store,
        "Harbor Foods mengakui saus sambal produksinya tercemar timbal.\n\n"
        "Sebelumnya, Harbor Foods membantah saus sambal produksinya tercemar timbal.",
        source="Warta Jatim",
        published="2025-03-07",
    )
    assert [(f.kind, f.by) for f in result.flags] == [("reversal", "Harbor Foods")]


async def test_confirming_a_report_with_no_denial_before_stays_a_confirmation(
    store: Database,
) -> None:
    result = await ingest(
        store,
        "Harbor Foods confirmed reports that its chili sauce had been contaminated with lead.",
        source="Alder Courier",
        published="2025-03-07",
    )
    assert [f.kind for f in result.flags] == ["confirmation"]


_BODY_STAND = (
    "PT Sukamaju Textil menegaskan pabrik tekstilnya di Bekasi tidak akan ditutup tahun ini."
)


async def test_an_officer_asserting_the_opposite_is_no_turn_of_the_body(store: Database) -> None:
    await ingest(store, _BODY_STAND, source="Warta Kota", published="2025-03-03")
    result = await ingest(
        store,
        "Direktur PT Sukamaju Textil, Budi Santoso, mengatakan pabrik tekstilnya di Bekasi akan "
        "ditutup tahun ini.",
        source="Warta Kota",
        published="2025-03-10",
    )
    assert [f.kind for f in result.flags] == ["denial"]


async def test_an_officer_admitting_the_opposite_is_the_body_turning(store: Database) -> None:
    await ingest(store, _BODY_STAND, source="Warta Kota", published="2025-03-03")
    result = await ingest(
        store,
        "Direktur PT Sukamaju Textil, Budi Santoso, akhirnya mengakui pabrik tekstilnya di "
        "Bekasi akan ditutup tahun ini.",
        source="Warta Kota",
        published="2025-03-10",
    )
    assert [f.kind for f in result.flags] == ["reversal"]
