"""Speaker phrases are cleaned, and unknown speakers are kept as written (issue 10)."""

import pytest

from claimwatch.matchers.actors import gazetteer
from claimwatch.matchers.speakers import is_role_phrase, trim_speaker_span
from claimwatch.matchers.statements import StatementReader
from claimwatch.matchers.text import fold, words


@pytest.fixture(scope="module")
def reader() -> StatementReader:
    return StatementReader()


def trimmed(phrase: str) -> str:
    folded = [fold(w.text) for w in words(phrase)]
    a, b = trim_speaker_span(folded, 0, len(folded))
    return " ".join(w.text for w in words(phrase)[a:b])


@pytest.mark.parametrize(
    ("phrase", "speaker"),
    [
        ("Vietnam on Thursday Mar 6", "Vietnam"),
        ("Korea Selatan pada Kamis 6 3", "Korea Selatan"),
        ("On Friday the harbour master", "the harbour master"),
        ("Lebih lanjut Kepala Dinas Pendidikan", "Kepala Dinas Pendidikan"),
        ("the deckhand whose photo went viral", "the deckhand"),
        ("Kapolsek saat dikonfirmasi", "Kapolsek"),
        ("Hanoi tidak", "Hanoi"),
    ],
)
def test_time_connectives_and_relative_clauses_leave_the_speaker(phrase: str, speaker: str) -> None:
    assert trimmed(phrase) == speaker


def test_a_role_without_a_name_is_a_speaker() -> None:
    assert is_role_phrase(["the", "board", "member"])
    assert is_role_phrase(["juru", "bicara", "perusahaan"])
    assert not is_role_phrase(["the", "new", "report"])


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Vietnam on Thursday (Mar 6) denied that its vessels had entered the zone.", "Vietnam"),
        (
            "Korea Selatan pada Kamis (6/3) membantah bahwa kapalnya memasuki zona itu.",
            "Korea Selatan",
        ),
        # Unknown to the gazetteer, long, with its acronym: kept as written.
        (
            "The Riverside Water Supply and Sanitation Regulatory Board (RWSSRB) confirmed"
            " that tariffs would rise in May.",
            "Riverside Water Supply and Sanitation Regulatory Board RWSSRB",
        ),
        ("On Friday the port manager had claimed that the pier was unsafe.", "port manager"),
        # The subject before the first verb, when the denial is a phrase at the end.
        (
            "Dinas Perikanan Kabupaten Bone memastikan kabar ikan mati massal di pantai itu"
            " tidak benar.",
            "Dinas Perikanan Kabupaten Bone",
        ),
        # A headline with its speaker before a colon.
        ("SAR Selayar: Korban Tewas Bertambah Jadi 12 Orang", "SAR Selayar"),
    ],
)
def test_speaker_as_written_and_cleaned(reader: StatementReader, text: str, speaker: str) -> None:
    _lang, statements = reader.read(text)
    assert statements[0].speaker == speaker


def test_per_before_a_unit_is_not_according_to(reader: StatementReader) -> None:
    text = "Dinas Perdagangan menyatakan harga beras naik menjadi Rp 15.000 per kilogram pada Mei."
    _lang, statements = reader.read(text, "id")
    assert statements[0].speaker == "Dinas Perdagangan"


def test_a_headline_colon_after_a_sentence_is_not_a_speaker(reader: StatementReader) -> None:
    _lang, statements = reader.read("Pelabuhan ditutup sementara: ombak tinggi melanda.", "id")
    assert all(s.speaker != "Pelabuhan ditutup sementara" for s in statements)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("BPOM membantah kabar bahwa sirup obat batuk itu ditarik dari pasaran.", "bpom"),
        ("Bakamla menyatakan kapal asing itu memasuki perairan Natuna pada malam hari.", "bakamla"),
    ],
)
def test_indonesian_bodies_speak_as_themselves(
    reader: StatementReader, text: str, actor: str
) -> None:
    _lang, statements = reader.read(text)
    assert statements[0].speaker_actor == actor


def test_national_police_is_polri() -> None:
    assert [a.id for a in gazetteer().find("The National Police said on Monday")] == ["polri"]


def test_a_bare_headline_assertion_keeps_no_colon_speaker(reader: StatementReader) -> None:
    """It would become a claim of its own, shorter than the body's that it heads."""
    _lang, statements = reader.read("Manila: Kapal Asing Masuki Perairan Palawan", "id")
    assert statements[0].speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Kapolres Sukamaju, AKBP Rudi Hartono, saat dikonfirmasi membantah kabar "
            "penculikan murid di sekolah itu.",
            "AKBP Rudi Hartono",
        ),
        (
            "Juru bicara Dinas Kesehatan, Rina Wulandari, ketika dihubungi wartawan, "
            "membenarkan penangkapan dua pegawai dinas.",
            "Rina Wulandari",
        ),
        (
            "Rina Wulandari, dalam keterangan tertulis, membantah kabar penutupan pasar.",
            "Rina Wulandari",
        ),
        ("Saat dikonfirmasi, Rina Wulandari membantah kabar itu.", "Rina Wulandari"),
    ],
)
def test_a_circumstance_between_subject_and_verb_leaves_the_speaker(
    reader: StatementReader, text: str, speaker: str
) -> None:
    _, statements = reader.read(text, "id")
    assert statements[0].speaker == speaker


def test_mereka_after_an_opening_time_phrase_is_the_body_named_before(
    reader: StatementReader,
) -> None:
    text = (
        "Di awal tahun ini, Polres Kota Sukamaju telah menangkap tiga pengedar. "
        "Meski begitu, mereka membantah ketiganya disebut sebagai bandar besar."
    )
    _, statements = reader.read(text, "id")
    assert statements[-1].speaker == "Polres Kota Sukamaju"


def test_a_quote_closing_on_begitu_keeps_its_speaker_after(reader: StatementReader) -> None:
    _, statements = reader.read('"Kami tidak pernah bilang begitu," kata Rina Wulandari.', "id")
    assert statements[0].speaker == "Rina Wulandari"
