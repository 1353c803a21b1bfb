"""The statement reader: speaker, stance, content and target, sentence by sentence."""

import pytest

from claimwatch.matchers.model import Stance, Statement
from claimwatch.matchers.statements import StatementReader


@pytest.fixture(scope="module")
def reader() -> StatementReader:
    return StatementReader()


def one(reader: StatementReader, text: str, lang: str | None = None) -> Statement:
    _lang, statements = reader.read(text, lang)
    assert statements, text
    return statements[0]


@pytest.mark.parametrize(
    ("text", "speaker", "stance"),
    [
        ("Pyongyang membantah telah mengirim pasukan ke Rusia.", "Korea Utara", Stance.DENY),
        ("North Korea denied sending troops to Russia.", "Korea Utara", Stance.DENY),
        # A spokesperson speaks for the body, and a body as itself, not as its state.
        ('"Itu tidak benar," kata juru bicara Kremlin.', "Kremlin", Stance.DENY),
        ("Menurut Kemenlu, kabar itu tidak benar.", "Kementerian Luar Negeri RI", Stance.DENY),
        (
            "The report is false, according to the Kremlin.",
            "Kremlin",
            Stance.DENY,
        ),
        ("Seoul mengatakan Korea Utara mengirim 1.500 tentara.", "Korea Selatan", Stance.ASSERT),
        (
            "South Korea's spy agency said North Korea had sent 1,500 troops.",
            "Badan Intelijen Nasional Korea Selatan",
            Stance.ASSERT,
        ),
        ("Rusia belum mengkonfirmasi pengerahan pasukan Pyongyang.", "Rusia", Stance.UNCONFIRMED),
        ("The Kremlin confirmed the deployment of troops.", "Kremlin", Stance.CONFIRM),
        ("Moskow mengakui bahwa pasukan Korea Utara berada di Kursk.", "Rusia", Stance.CONFIRM),
    ],
)
def test_speaker_and_stance(
    reader: StatementReader, text: str, speaker: str, stance: Stance
) -> None:
    st = one(reader, text)
    assert (st.speaker, st.stance) == (speaker, stance)


@pytest.mark.parametrize(
    "text",
    [
        "Korea Utara tidak membantah laporan itu.",
        "The Kremlin did not deny the report.",
        "Jika Korea Utara membantah, Seoul akan merilis bukti.",
        "If Moscow were to deny the report, Kyiv would publish evidence.",
        "The ministry neither confirmed nor denied the report.",
        "Juru bicara Kremlin menolak berkomentar.",
        "Pentagon declined to comment on the report.",
    ],
)
def test_no_position_taken(reader: StatementReader, text: str) -> None:
    assert one(reader, text).stance is Stance.NONE


@pytest.mark.parametrize(
    "text",
    [
        "The court denied bail to the former minister.",
        "Port authorities denied the ship access to the harbour.",
        "Mahkamah Agung menolak permohonan banding terdakwa.",
        "Pemerintah menolak tawaran investasi dari perusahaan itu.",
    ],
)
def test_other_uses_of_denial_verbs_are_not_denials(reader: StatementReader, text: str) -> None:
    assert one(reader, text).stance is not Stance.DENY


@pytest.mark.parametrize(
    "text",
    [
        "Kemenhub membantah kapal feri itu kelebihan muatan saat berlayar.",
        "Polda Riau membantah penangkapan dua wartawan di Pekanbaru.",
        "Dinas Perdagangan menepis kenaikan harga beras di pasar induk.",
    ],
)
def test_indonesian_denial_verbs_never_refuse_a_thing(reader: StatementReader, text: str) -> None:
    # "menolak kapal" turns a ship away; "membantah kapal ..." only ever answers a claim.
    assert one(reader, text).stance is Stance.DENY


def test_denial_names_the_accuser_and_the_claim(reader: StatementReader) -> None:
    st = one(
        reader,
        "Korea Utara membantah tuduhan Korea Selatan dan Amerika Serikat bahwa mereka "
        "memasok senjata kepada pasukan Rusia.",
    )
    assert st.stance is Stance.DENY
    assert st.target_actors == ["korea-selatan", "amerika-serikat"]
    assert st.content == "mereka memasok senjata kepada pasukan Rusia"
    assert not st.refers_back


def test_denial_that_only_points_at_a_claim_refers_back(reader: StatementReader) -> None:
    st = one(reader, 'Korea Utara menolak pernyataan Seoul sebagai "rumor yang tidak berdasar".')
    assert st.refers_back
    assert st.target_actors == ["korea-selatan"]


def test_rumour_denial_has_no_accuser(reader: StatementReader) -> None:
    st = one(reader, "Polri membantah kabar bahwa kapolda dicopot dari jabatannya.")
    assert st.stance is Stance.DENY
    assert st.target_rumour
    assert st.target_actors == []


def test_quote_and_speaker_stay_together(reader: StatementReader) -> None:
    _lang, sts = reader.read(
        '"Itu tidak benar. Kami tidak pernah mengirim tentara," kata juru bicara Korea Utara.'
    )
    assert len(sts) == 1
    assert sts[0].speaker == "Korea Utara"
    assert sts[0].stance is Stance.DENY


def test_back_references_take_the_previous_speaker(reader: StatementReader) -> None:
    _lang, sts = reader.read(
        '"Kami akan bertindak," kata Dewan Keamanan Nasional Korea Selatan. '
        '"Langkah-langkah sedang disiapkan," tambahnya.'
    )
    assert [s.speaker for s in sts] == ["Dewan Keamanan Nasional Korea Selatan"] * 2


def test_contrast_splits_clauses_with_their_own_stance(reader: StatementReader) -> None:
    _lang, sts = reader.read(
        "Rusia belum mengkonfirmasi pengerahan pasukan Pyongyang namun membela kerja sama "
        "militernya dengan Korea Utara."
    )
    assert [(s.speaker, s.stance) for s in sts] == [
        ("Rusia", Stance.UNCONFIRMED),
        ("Rusia", Stance.ASSERT),
    ]


def test_figures_and_actors_of_the_content(reader: StatementReader) -> None:
    st = one(reader, "Seoul menuduh Korea Utara mengirim 1.500 tentara ke Rusia.")
    assert st.actors == ["korea-utara", "rusia"]
    assert [(f.value, f.concept) for f in st.figures] == [(1500, "troops")]


def test_the_stance_taker_is_the_subject_not_the_reporter(reader: StatementReader) -> None:
    st = one(
        reader,
        "Iran acknowledged that it had supplied ballistic missiles to Russia, "
        "its foreign minister said.",
    )
    assert (st.speaker, st.stance) == ("Iran", Stance.CONFIRM)
    assert st.content == "it had supplied ballistic missiles to Russia"


def test_a_lexicon_word_that_is_no_cue_stays_in_the_content(reader: StatementReader) -> None:
    st = one(reader, "Russia said that Ukrainian forces had withdrawn from the town of Vuhledar.")
    assert st.stance is Stance.ASSERT
    assert "withdrawn" in st.content


@pytest.mark.parametrize(
    "text",
    [
        '"Iya benar, pelakunya dua orang," kata Iptu Sari Dewi saat dihubungi.',
        '"Benar, ada dua orang yang kami amankan," ujar Kapolsek Dimas Wirawan.',
        '"Saya benarkan, kemarin kami menahan bendahara itu," tutur Kompol Sari Dewi.',
    ],
)
def test_a_quote_opening_with_yes_confirms_what_was_asked(
    reader: StatementReader, text: str
) -> None:
    st = one(reader, text)
    assert (st.stance, st.refers_back, st.content) == (Stance.CONFIRM, True, "")


@pytest.mark.parametrize(
    "text",
    [
        '"Benar-benar sulit medannya," kata AKBP Dimas Wirawan.',
        '"Ya, nanti kami lihat dulu," kata AKBP Dimas Wirawan.',
    ],
)
def test_really_and_a_filler_yes_confirm_nothing(reader: StatementReader, text: str) -> None:
    assert one(reader, text).stance is not Stance.CONFIRM


def test_a_second_name_of_a_topic_is_no_denial(reader: StatementReader) -> None:
    st = one(
        reader,
        "Seorang bendahara ditangkap Polres Sukamaju terkait penyebaran berita bohong atau "
        "hoaks di media sosial.",
    )
    assert st.stance is Stance.ASSERT


def test_a_subject_before_however_and_a_whom_clause_speaks(reader: StatementReader) -> None:
    st = one(
        reader,
        "Dana Whitfield, however, whom the board appointed last spring, waved off talk of a "
        "merger with the rival port.",
    )
    assert (st.speaker, st.stance) == ("Dana Whitfield", Stance.DENY)


def test_this_is_a_complete_fabrication_points_back(reader: StatementReader) -> None:
    st = one(
        reader,
        '"This is a complete fabrication meant to hurt the harbour board," the mayor said.',
    )
    assert (st.stance, st.refers_back) == (Stance.DENY, True)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The harbour board, for its part, said 4,000 boats were registered.", "harbour board"),
        ("The union, in turn, denied that a strike was planned for March.", "union"),
        ("The city police put the crowd at roughly 20,000 on Sunday.", "city police"),
        ("The ministry has put the number of dismissed workers at 1,200.", "ministry"),
    ],
)
def test_for_its_part_and_put_at_attribute(
    reader: StatementReader, text: str, speaker: str
) -> None:
    assert one(reader, text).speaker == speaker


def test_putting_a_thing_somewhere_is_no_estimate(reader: StatementReader) -> None:
    assert one(reader, "He put the old ledger at the end of the shelf.").speaker is None


@pytest.mark.parametrize(
    "text",
    [
        '"Kami sudah mengonfirmasi ke pihak sekolah apakah surat itu asli," kata Budi Santoso.',
        "Dinas ingin memeriksa paspor dan konfirmasi kepada keluarga sebelum mengumumkan nama.",
        "Pengelola pasar sudah memberi konfirmasi kepada polisi.",
    ],
)
def test_confirming_with_someone_is_checking_not_confirming(
    reader: StatementReader, text: str
) -> None:
    assert all(st.stance is not Stance.CONFIRM for st in reader.read(text, "id")[1])


def test_confirming_to_someone_that_p_still_confirms(reader: StatementReader) -> None:
    st = one(reader, "Budi Santoso mengonfirmasi kepada wartawan bahwa dua orang ditahan.")
    assert (st.stance, st.content) == (Stance.CONFIRM, "dua orang ditahan")


def test_a_claim_noun_inside_the_confirmed_clause_is_not_the_claim_answered(
    reader: StatementReader,
) -> None:
    st = one(
        reader,
        "Sekretaris Daerah Rina Hapsari memastikan bupati tidak akan terpengaruh isu yang beredar.",
    )
    assert st.stance is Stance.CONFIRM
    assert not st.refers_back


@pytest.mark.parametrize(
    "text",
    [
        '"Bukan, bukan ditangkap," kata Kombes Budi Hartono kepada wartawan.',
        '"Tidak, kami tidak pernah menutup pasar," ujar Budi.',
        '"Nggak, itu cuma latihan biasa," ujar Rina.',
        '"Nggaklah, kami tidak mengurus hal begitu," ujar Rina.',
    ],
)
def test_a_quote_opening_with_no_answers_no(reader: StatementReader, text: str) -> None:
    st = reader.read(text, "id")[1][0]
    assert st.stance is Stance.DENY
    assert st.refers_back
    assert st.speaker is not None


@pytest.mark.parametrize(
    "text",
    ['"Tidak ada rencana itu," kata Budi.', '"Bukan hanya pasar yang tutup," kata Budi.'],
)
def test_a_no_word_without_its_comma_is_no_answer(reader: StatementReader, text: str) -> None:
    assert reader.read(text, "id")[1][0].stance is not Stance.DENY


@pytest.mark.parametrize(
    "text",
    [
        "Kapolsek memastikan tak ada korban jiwa dalam kebakaran gudang itu.",
        "Kepala sekolah memastikan, pada Senin pagi tidak terjadi perkelahian di kelas.",
    ],
)
def test_assuring_that_nothing_happened_denies_it(reader: StatementReader, text: str) -> None:
    assert reader.read(text, "id")[1][0].stance is Stance.DENY


def test_assuring_that_something_happened_confirms_it(reader: StatementReader) -> None:
    text = "Dinas Sosial memastikan bahwa warga yang terdampak banjir mendapat bantuan."
    assert reader.read(text, "id")[1][0].stance is Stance.CONFIRM


def test_konfirmasi_atas_a_report_is_a_reply_not_a_confirmation(reader: StatementReader) -> None:
    text = "Juru bicara menyampaikan hal itu sebagai konfirmasi atas berita soal penutupan pasar."
    assert reader.read(text, "id")[1][0].stance is not Stance.CONFIRM


def test_a_described_witness_who_gives_an_account_is_the_next_pronouns_speaker(
    reader: StatementReader,
) -> None:
    text = (
        "Kapolsek Budi mengatakan warga menyerang petugas. Sementara seorang satpam di "
        "sekitar pasar memberi keterangan berbeda. Ia memastikan tidak ada serangan."
    )
    statements = reader.read(text, "id")[1]
    assert statements[-1].speaker is not None
    assert statements[-1].speaker.startswith("satpam")
    assert statements[-1].stance is Stance.DENY


def test_denying_the_existence_of_that_thing_points_back(reader: StatementReader) -> None:
    st = reader.read("Walau demikian, Rina turut membantah adanya rapat tersebut.", "id")[1][0]
    assert st.stance is Stance.DENY
    assert st.refers_back
    assert st.speaker == "Rina"


@pytest.mark.parametrize(
    "text",
    [
        '"It\'s true the plant stopped work for a week, but no one lost a job," the manager said.',
        '"That\'s true, the plant stopped work for a week," the manager said.',
    ],
)
def test_a_contracted_it_is_true_confirms(reader: StatementReader, text: str) -> None:
    # The reader keys "it's" as "it": the lexicon's contracted phrase must be found too.
    assert one(reader, text, "en").stance is Stance.CONFIRM


def test_a_saying_clause_speaks_for_the_role_its_sentence_opens_with(
    reader: StatementReader,
) -> None:
    """ ", saying ..." after "The company has denied ...": the company, not the speaker of
    the sentence before."""
    _lang, sts = reader.read(
        "A union leader said on Monday that 400 jobs would go. "
        "The firm has denied any plan for layoffs, saying it merely trimmed night shifts."
    )
    saying = [s for s in sts if "night shifts" in (s.content or "")]
    assert saying
    assert saying[-1].speaker == "The firm"
