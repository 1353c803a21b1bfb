"""The reader on patterns of real news: attribution, stance phrases, the claim inside a reply.

Sentences written for these tests; each shows a pattern seen across several outlets.
"""

import pytest

from claimwatch.matchers.model import Stance, Statement
from claimwatch.matchers.statements import StatementReader


@pytest.fixture(scope="module")
def reader() -> StatementReader:
    return StatementReader()


def read(reader: StatementReader, text: str) -> list[Statement]:
    _lang, statements = reader.read(text)
    assert statements, text
    return statements


# -- who speaks ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A name, then its apposition, then the verb and a circumstance.
        (
            '"We checked every shop," Budi Lestari, the district police chief, said on Friday.',
            "Budi Lestari",
        ),
        (
            "Mark Lee, the company's chairman, said on a morning show that the merger was off.",
            "Mark Lee",
        ),
        # Dates between commas stand between the subject and its verb.
        (
            "The port authority on Thursday, March 7, 2024, denied reports that the dock shut.",
            "port authority",
        ),
        ("Pertamina on Wednesday, March 5, denied that it blended fuel.", "Pertamina"),
        ("Kepala Dinas Kesehatan, Senin (3/3), membantah kabar itu.", "Kepala Dinas Kesehatan"),
        # The role first, the name between the commas: the name speaks.
        ("Wali Kota Sukamaju, Budi Hartono, membantah kabar penutupan pasar.", "Budi Hartono"),
        ("Gubernur Jawa Barat, Rina Sari, membantah kabar penutupan pasar.", "Rina Sari"),
        ("Rina Sari, Gubernur Jawa Barat, membantah kabar penutupan pasar.", "Rina Sari"),
        # A reply introduced by its speaker before the quote.
        ('Jones replied, "We are not selling the plant."', "Jones"),
        ('Rudi menjawab, "Kami tidak menjual pabrik itu."', "Rudi"),
        # Post-position verbs of Indonesian news beyond "kata".
        ('"Tidak ada pemutusan kerja," jawab Febri melalui pesan singkat.', "Febri"),
        ('"Semua harga diumumkan di laman resmi," tulis Sari dalam unggahannya.', "Sari"),
        # A description with no one named before it.
        ("The ministry said rice prices would fall next month.", "ministry"),
    ],
)
def test_speaker(reader: StatementReader, text: str, speaker: str) -> None:
    assert read(reader, text)[0].speaker == speaker


def test_a_clause_after_a_comma_is_not_an_apposition(reader: StatementReader) -> None:
    st = read(reader, "Halvorsen recalls 9,000 vans, admits the brakes can fail.")[0]
    assert st.speaker != "recalls 9,000 vans"


def test_commas_inside_brackets_do_not_end_the_apposition(reader: StatementReader) -> None:
    st = read(
        reader,
        "Hary Santoso, Kepala Humas Badan Meteorologi (Meteorologi, Klimatologi, dan "
        "Geofisika), menyatakan pesan itu tidak benar.",
    )[0]
    assert st.speaker == "Hary Santoso"


def test_a_quote_alone_after_an_attributed_sentence_keeps_its_speaker(
    reader: StatementReader,
) -> None:
    sts = read(
        reader,
        'Jones said the plant was safe. "We inspected every pipe last week." '
        "Rain fell on the city.",
    )
    assert [s.speaker for s in sts] == ["Jones", "Jones", None]


def test_a_quote_after_narration_has_no_speaker(reader: StatementReader) -> None:
    sts = read(reader, 'Rain fell on the city. "We inspected every pipe last week."')
    assert sts[-1].speaker is None


def test_according_to_a_document_does_not_replace_the_speaker(reader: StatementReader) -> None:
    st = read(
        reader,
        "The chief executive told employees that a story of 900 job cuts was "
        '"completely false," according to audio heard by reporters.',
    )[0]
    assert st.speaker == "chief executive"
    assert st.stance is Stance.DENY
    assert st.content == "900 job cuts"


# -- stance phrases -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The governor waved off rumours of a fresh road toll.", Stance.DENY),
        ("The agent downplayed rumours of his client moving to Porto.", Stance.DENY),
        ("Jones said the story has nothing to do with reality.", Stance.DENY),
        ("The ministry called it disinformation.", Stance.DENY),
        ('"I misspoke," Senator Jones said of his remark on tariffs.', Stance.RETRACT),
        ('"Itu salah kutip," kata Rudi.', Stance.DENY),
        ("Menurut Rudi, kabar itu tidak sesuai fakta.", Stance.DENY),
    ],
)
def test_stance_phrases(reader: StatementReader, text: str, stance: Stance) -> None:
    assert read(reader, text)[0].stance is stance


@pytest.mark.parametrize(
    "text",
    [
        "Dia mengatakan hoaks soal vaksin masih banyak beredar di media sosial.",
        "Polisi menangkap dua orang karena penyebaran hoaks di grup percakapan.",
        "Kantor berita itu melaporkan drone menjatuhkan selebaran propaganda di kota.",
        "The group was charged with spreading disinformation online.",
    ],
)
def test_denial_nouns_as_topics_take_no_stance(reader: StatementReader, text: str) -> None:
    assert read(reader, text)[0].stance is not Stance.DENY


# -- the claim inside a reply -------------------------------------------------------------
def test_predicate_denial_keeps_the_proposition(reader: StatementReader) -> None:
    st = read(
        reader,
        "Harlan said that Beijing's claim of foreign trawlers fishing near its coast was "
        "absolutely not true.",
    )[0]
    assert (st.speaker, st.stance) == ("Harlan", Stance.DENY)
    assert st.content == "foreign trawlers fishing near its coast"
    assert st.target_actors == ["china"]
    assert not st.refers_back


def test_pointing_denial_is_left_out_of_the_content(reader: StatementReader) -> None:
    st = read(reader, 'Jones replied, "It\'s not true. We are not selling the plant."')[0]
    assert st.stance is Stance.DENY
    assert st.content == "We are not selling the plant"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The ministry denied reports that the plant would close in May.",
            "the plant would close in May",
        ),
        ("The governor waved off rumours of a fresh road toll.", "a fresh road toll"),
        (
            "Perusahaan membantah kabar pemutusan hubungan kerja massal di pabrik Tuban.",
            "pemutusan hubungan kerja massal di pabrik Tuban",
        ),
        (
            "Polisi memastikan berita penculikan anak di pasar itu hoaks.",
            "penculikan anak di pasar",
        ),
        (
            "Kabar penutupan pabrik itu dinyatakan sebagai hoaks oleh dinas setempat.",
            "penutupan pabrik itu",
        ),
    ],
)
def test_rumour_denied_is_the_content(reader: StatementReader, text: str, content: str) -> None:
    st = read(reader, text)[0]
    assert st.stance is Stance.DENY
    assert st.content == content
    assert st.target_rumour
    assert not st.refers_back


def test_named_claimant_unknown_to_the_gazetteer(reader: StatementReader) -> None:
    st = read(
        reader, "Menteri membantah pernyataan Rudi yang menyebut harga beras naik dua kali lipat."
    )[0]
    assert st.stance is Stance.DENY
    assert st.target_actors == ["rudi"]
    assert st.content == "harga beras naik dua kali lipat"
    assert not st.refers_back


@pytest.mark.parametrize(
    "text",
    [
        "North Korea denied reports from Seoul.",
        "Perusahaan membantah kabar tersebut.",
        "Kominfo menyebut informasi yang beredar di media sosial itu sebagai hoaks.",
    ],
)
def test_a_claim_only_named_refers_back(reader: StatementReader, text: str) -> None:
    st = read(reader, text)[0]
    assert st.stance is Stance.DENY
    assert st.refers_back


# -- stance words that take no stance here ------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Wartawan mencoba menghubungi Kapolres untuk dimintai konfirmasi pada Senin.",
        "Perlu diakui, program ini masih punya banyak kekurangan.",
        "The singer was admitted to hospital on Monday.",
        "Ini adalah salah satu program terbaik kami.",
        "Warga tidak mau hoaks soal banjir terus beredar.",  # a topic, negated: still none
        "Hoaks terbaru soal pupuk yang beredar memuat informasi bahwa pupuk itu beracun.",
    ],
)
def test_stance_words_outside_a_stance(reader: StatementReader, text: str) -> None:
    assert read(reader, text)[0].stance is Stance.ASSERT


def test_when_asked_for_confirmation_is_no_confirmation(reader: StatementReader) -> None:
    st = read(
        reader,
        '"Iya, inisialnya AB," kata AKBP Rudi, Kepala Satuan Narkoba, ketika dikonfirmasi.',
    )[0]
    assert (st.speaker, st.stance) == ("AKBP Rudi", Stance.ASSERT)


def test_wrong_as_the_last_word_denies(reader: StatementReader) -> None:
    st = read(reader, "Hendra menegaskan informasi tersebut salah.")[0]
    assert (st.speaker, st.stance) == ("Hendra", Stance.DENY)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"Kami tidak tahu," demikian kata Rudi Hartono.', "Rudi Hartono"),
        ('"Situs resmi rujukan kita," kata dr. Siti Aminah, juru bicara dinas.', "dr Siti Aminah"),
    ],
)
def test_post_speaker_after_demikian_and_a_title(
    reader: StatementReader, text: str, speaker: str
) -> None:
    assert read(reader, text)[0].speaker == speaker


# -- a denial of a claim no one is named for -----------------------------------------------
@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The ministry denied sending invitations to the foreign leaders.",
            "sending invitations to the foreign leaders",
        ),
        (
            "The group denied allegations that it ever had contact with the tycoon.",
            "it ever had contact with the tycoon",
        ),
    ],
)
def test_a_denied_claim_with_no_author_is_answered_as_a_report(
    reader: StatementReader, text: str, content: str
) -> None:
    st = read(reader, text)[0]
    assert st.stance is Stance.DENY
    assert st.content == content
    assert st.target_rumour
    assert not st.refers_back


def test_a_past_denial_narrated_is_not_a_new_report(reader: StatementReader) -> None:
    st = read(reader, "In April, Farid had denied receiving payments from the firm.")[0]
    assert st.stance is Stance.DENY
    assert not st.target_rumour


@pytest.mark.parametrize(
    "text",
    [
        "The striker was denied a penalty two minutes before the goal.",
        "The president asked them to deny the report publicly.",
        "The ministry spoke about the denial of a permit to the singer.",
        "Port officials denied the tanker Blue Pearl port access on Monday.",
        "Officials denied the general a visa on Thursday.",
        "Seakan membantah rilis sebelumnya, juru bicara mengeluarkan rilis baru.",
    ],
)
def test_refusals_and_requests_are_no_denials(reader: StatementReader, text: str) -> None:
    assert read(reader, text)[0].stance is not Stance.DENY


def test_a_passive_denial_with_its_agent(reader: StatementReader) -> None:
    st = read(reader, "The report was denied by the ministry on Monday.")[0]
    assert (st.speaker, st.stance) == ("ministry", Stance.DENY)


def test_fake_news_after_the_copula_is_one_phrase(reader: StatementReader) -> None:
    st = read(reader, '"What I can say is that the story is fake news," Jones said.')[0]
    assert st.stance is Stance.DENY
    assert "news" not in st.content


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Fahmi Fadzil (pic), the digital minister, has denied joining the scheme.",
            "Fahmi Fadzil pic",
            "joining the scheme",
        ),
        (
            "But Theo Marsh, a spokesperson for the consulate, says no troop movement is "
            "under way.",
            "Theo Marsh",
            "no troop movement is under way",
        ),
        (
            "In response, Hasan Basri, head of news at the weekly, stressed that it had not "
            "printed the cover.",
            "Hasan Basri",
            "it had not printed the cover",
        ),
    ],
)
def test_apposition_then_what_is_said(
    reader: StatementReader, text: str, speaker: str, content: str
) -> None:
    st = read(reader, text)[0]
    assert (st.speaker, st.content) == (speaker, content)


# -- Indonesian passives and appositions --------------------------------------------------
@pytest.mark.parametrize(
    ("text", "speaker", "stance"),
    [
        (
            "Kabar itu sudah dibenarkan Kapolres Sukamaju, AKBP Rudi Hartono, kepada wartawan.",
            "Kapolres Sukamaju",
            Stance.CONFIRM,
        ),
        (
            "Berita sebuah situs soal penangkapan warga di Desa Sukamaju dinyatakan Humas Polres "
            "Garut sebagai hoaks.",
            "Humas Polres Garut",
            Stance.DENY,
        ),
        ("Diakui Nadia, kabar soal vaksin palsu masih banyak beredar.", "Nadia", Stance.CONFIRM),
        (
            "Akan tetapi, Rina Wati, Staf Khusus Menteri bidang Komunikasi, memastikan surat "
            "tersebut hoaks.",
            "Rina Wati",
            Stance.DENY,
        ),
        (
            "Budi Santoso, Pelaksana Tugas (Plt) Sekretaris Jenderal (Sekjen) PSSI, membantahnya.",
            "Budi Santoso",
            Stance.DENY,
        ),
    ],
)
def test_indonesian_passive_agent_and_apposition(
    reader: StatementReader, text: str, speaker: str, stance: Stance
) -> None:
    st = read(reader, text)[0]
    assert (st.speaker, st.stance) == (speaker, stance)


def test_a_named_report_before_its_topic_is_left_out(reader: StatementReader) -> None:
    st = read(
        reader,
        "Berita sebuah situs soal penangkapan warga di Desa Sukamaju dinyatakan Humas Polres "
        "Garut sebagai hoaks.",
    )[0]
    assert st.content == "penangkapan warga di Desa Sukamaju"
    assert st.target_rumour


def test_reports_suggesting_p_inside_a_reported_quote(reader: StatementReader) -> None:
    st = read(
        reader,
        '"He told me that reports suggesting foreign jets might use the base are simply not '
        'true," Marles said.',
    )[0]
    assert (st.speaker, st.stance) == ("Marles", Stance.DENY)
    assert st.content == "foreign jets might use the base"


@pytest.mark.parametrize(
    "text",
    [
        "The ministry answered the report very briefly at its press conference on Monday: "
        '"fake news."',
        "Antara had earlier denied writing a story, forwarded widely on WhatsApp.",
    ],
)
def test_words_after_a_report_that_do_not_say_it(reader: StatementReader, text: str) -> None:
    st = read(reader, text)[0]
    assert st.stance is Stance.DENY
    assert st.refers_back


# -- subjects around connectives and prepositions -------------------------------------------
@pytest.mark.parametrize(
    ("text", "speaker", "stance"),
    [
        (
            "Army spokesman Karim Haddad, however, denied what the militia said.",
            "Army spokesman Karim Haddad",
            Stance.DENY,
        ),
        (
            "Jane Doe, governor of a large district in the north, confirmed the kidnappings.",
            "Jane Doe",
            Stance.CONFIRM,
        ),
    ],
)
def test_subject_across_connective_and_long_apposition(
    reader: StatementReader, text: str, speaker: str, stance: Stance
) -> None:
    st = read(reader, text)[0]
    assert (st.speaker, st.stance) == (speaker, stance)


def test_a_role_with_its_place_speaks_after_whereas(reader: StatementReader) -> None:
    sts = read(
        reader,
        "Police said that the posts were a hoax, whereas a staff member at a village "
        "school confirmed that the brawl happened on Saturday.",
    )
    assert (sts[-1].speaker, sts[-1].stance) == ("staff member at a village school", Stance.CONFIRM)


def test_however_before_a_new_subject_still_splits(reader: StatementReader) -> None:
    sts = read(reader, "The plan was approved, however, the minister said it would be delayed.")
    assert [(s.speaker, s.content) for s in sts] == [
        (None, "The plan was approved"),
        ("minister", "it would be delayed"),
    ]


# -- denial words said of a thing, not of a claim -------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Police arrested several people on charges of spreading fake news online.",
        "Still, the spokesman would not name the parties pushing the false issue.",
        "The group was charged with spreading a hoax online.",
        "Polisi menangkap penyebar berita bohong di Bekasi.",
    ],
)
def test_attributive_denial_words_take_no_stance(reader: StatementReader, text: str) -> None:
    # (NONE: "would not name" withholds, which answers nothing either)
    assert read(reader, text)[0].stance in {Stance.ASSERT, Stance.NONE}


@pytest.mark.parametrize(
    "text",
    [
        "The minister called the report false.",
        "Police had found the driver's account to be false.",
        "Local police said that the reports about the teacher were a hoax.",
        '"Fake news," the spokesman said.',
        'The ministry answered the report briefly on Monday: "fake news."',
    ],
)
def test_predicate_denial_words_deny(reader: StatementReader, text: str) -> None:
    assert read(reader, text)[0].stance is Stance.DENY


@pytest.mark.parametrize(
    "text",
    [
        "The club has yet to confirm or deny that the coach has quit.",
        "Kementerian itu menolak menanggapi pernyataan tersebut.",
    ],
)
def test_no_comment_phrases(reader: StatementReader, text: str) -> None:
    assert read(reader, text)[0].stance is Stance.NONE


def test_a_place_named_after_the_report_is_no_accuser(reader: StatementReader) -> None:
    st = read(reader, "A ministry spokesperson refuted a Japanese report targeting China.")[0]
    assert st.stance is Stance.DENY
    assert st.target_actors == ["jepang"]


def test_accusers_right_after_the_noun(reader: StatementReader) -> None:
    st = read(reader, "Pyongyang rejected claims by Seoul that it sent troops abroad.")[0]
    assert st.target_actors == ["korea-selatan"]
    assert st.content == "it sent troops abroad"


def test_a_participle_clause_keeps_the_sentence_speaker(reader: StatementReader) -> None:
    sts = read(
        reader,
        "The ministry spokesperson refuted the report, calling it disinformation made up "
        "by a few senators.",
    )
    assert [s.speaker for s in sts] == ["ministry spokesperson", "ministry spokesperson"]


@pytest.mark.parametrize(
    ("text", "speaker", "stance"),
    [
        (
            "Budi Santoso, the ambassador, clarified that the preacher had not been deported.",
            "Budi Santoso",
            Stance.ASSERT,
        ),
        ('"This is a total concoction," the aide said.', "aide", Stance.DENY),
        (
            "Kepala dinas meluruskan bahwa jembatan itu tidak ditutup.",
            "Kepala dinas",
            Stance.ASSERT,
        ),
    ],
)
def test_clarifying_and_concoction(
    reader: StatementReader, text: str, speaker: str, stance: Stance
) -> None:
    st = read(reader, text)[0]
    assert (st.speaker, st.stance) == (speaker, stance)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Akan tetapi, Sulistyo belum bisa menerangkan lebih rinci soal perkara itu.", "Sulistyo"),
        ("The minister could not say when the plant would open.", "minister"),
    ],
)
def test_modal_and_negation_are_not_part_of_the_speaker(
    reader: StatementReader, text: str, speaker: str
) -> None:
    assert read(reader, text)[0].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Fajar Hakim, the minister's press aide, said the messages were fake.",
            "Fajar Hakim",
            "the messages",
        ),
        (
            "Dadang Suryana, yang menjabat Kepala Dinas Kominfo di Kabupaten Sukamaju, "
            "mengonfirmasi bahwa pemerintah mengirim surat itu.",
            "Dadang Suryana",
            "pemerintah mengirim surat itu",
        ),
        (
            "Rizal Hakim, HRD PT Sukamaju Jaya yang memasok tenaga kerja untuk "
            "pabrik itu, memastikan produksi masih normal.",
            "Rizal Hakim",
            "produksi masih normal",
        ),
    ],
)
def test_subject_first_with_apposition_or_relative_clause(
    reader: StatementReader, text: str, speaker: str, content: str
) -> None:
    st = read(reader, text)[0]
    assert (st.speaker, st.content) == (speaker, content)


def test_they_after_a_named_body_that_opened_the_sentence_before(
    reader: StatementReader,
) -> None:
    sts = read(
        reader,
        "Polres Kota Bogor merasa resah dengan berita yang memojokkan institusinya. "
        "Mereka juga membantah kabar bahwa tiga polisinya mencuri kabel.",
    )
    assert (sts[-1].speaker, sts[-1].stance) == ("Polres Kota Bogor", Stance.DENY)
    assert sts[-1].content == "tiga polisinya mencuri kabel"


def test_menurutnya_takes_the_last_speaker(reader: StatementReader) -> None:
    sts = read(
        reader,
        "Sudi Hartono mengatakan pimpinan lembaga itu tidak datang ke rumahnya. "
        "Menurutnya, kabar itu sengaja disebar lawan politik.",
    )
    assert [s.speaker for s in sts] == ["Sudi Hartono", "Sudi Hartono"]
    assert sts[-1].content == "kabar itu sengaja disebar lawan politik"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            '"Informasi itu tidak benar," kata Kepala Biro Komunikasi dan Pelayanan Publik '
            "Dinas Siti Aminah.",
            "Kepala Biro Komunikasi dan Pelayanan Publik Dinas Siti Aminah",
        ),
        ('"Kami menolak," kata Rudi dan rekannya di kantor.', "Rudi"),
    ],
)
def test_long_titled_speaker_after_kata(reader: StatementReader, text: str, phrase: str) -> None:
    assert read(reader, text)[0].speaker_phrase == phrase
