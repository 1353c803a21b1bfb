"""Datelines, bylines and "Baca juga" lines are taken out before statements are read."""

import pytest

from claimwatch.matchers.boilerplate import strip_boilerplate, strip_dateline
from claimwatch.matchers.statements import StatementReader

BODY_ID = "Badan Pusat Statistik membantah kabar bahwa data inflasi bulan lalu telah diubah."
BODY_EN = "The port authority denied reports that two cargo ships had collided near the harbour."


@pytest.mark.parametrize(
    ("dateline", "body"),
    [
        ("SEMARANG, KOMPAS.com - ", BODY_ID),
        ("Semarang, CNN Indonesia -- ", BODY_ID),
        ("Detik.com, Semarang - ", BODY_ID),
        ("Semarang - ", BODY_ID),
        ("KENDARI (ANTARA) - ", BODY_ID),
        ("Kendari, 12/4 (ANTARA News) - ", BODY_ID),
        ("Kendari, SE Sulawesi (ANTARA) - ", BODY_EN),
        ("BENGKULU, SUARAKITA.ID-- ", BODY_ID),
        ("DAVAO, March 3 (Reuters) - ", BODY_EN),
        ("HANOI, Nov. 2 (Yonhap) -- ", BODY_EN),
        ("(Reuters) - ", BODY_EN),
        ("CEBU, Philippines (AP) ", BODY_EN),
        ("CEBU, Philippines - ", BODY_EN),
        ("KUALA TERENGGANU: ", BODY_EN),
        ("Chennai [India], May 6 (ANI): ", BODY_EN),
    ],
)
def test_a_dateline_is_cut_from_the_line(dateline: str, body: str) -> None:
    assert strip_dateline(dateline + body) == body


@pytest.mark.parametrize(
    "line",
    [
        # A headline that quotes a body after a colon keeps its speaker.
        "BMKG: Gempa Susulan Tidak Berpotensi Tsunami",
        "Basarnas: Pencarian Korban Diperpanjang Tiga Hari",
        # A name with its acronym in brackets is a subject, not an outlet.
        "Komisi Yudisial (KY) membantah telah menerima laporan dari pihak terdakwa kemarin.",
        # A title-case head with a dash is not a place.
        "Arsenal agree fee with Porto for winger - reports",
        "Jean-Luc Moreau, the club's chairman, denied that the coach had been sacked.",
    ],
)
def test_what_is_not_a_dateline_stays(line: str) -> None:
    assert strip_dateline(line) == line


def test_bylines_and_read_also_lines_go() -> None:
    text = "\n".join(
        [
            BODY_ID,
            "Baca juga: Harga Cabai Naik Jelang Lebaran",
            "Penulis: Dewi Lestari | Editor: Budi Santoso",
            "Pewarta: Rahmat Hidayat",
            "(Reporting by Jane Doe; Editing by John Smith)",
            "Read also: Port traffic doubles in March",
            "KUPANG (ANTARA)",
            BODY_EN,
        ]
    )
    assert strip_boilerplate(text) == f"{BODY_ID}\n{BODY_EN}"


@pytest.mark.parametrize(
    "text",
    [
        "SURABAYA, KOMPAS.com - Dinas Perhubungan membantah kabar bahwa tarif parkir naik.",
        "Surabaya, E Java (ANTARA) - Dinas Perhubungan membantah kabar bahwa tarif parkir naik.",
        "SURABAYA, May 2 (Reuters) - Dinas Perhubungan membantah kabar bahwa tarif parkir naik.",
    ],
)
def test_a_dateline_never_becomes_the_speaker(text: str) -> None:
    _lang, statements = StatementReader().read(text, "id")
    assert statements[0].speaker == "Dinas Perhubungan"
    assert not statements[0].text.startswith("SURABAYA")


def test_a_dateline_with_a_dated_outlet_in_brackets_goes() -> None:
    line = (
        "CANBERRA (Wire Daily / Pacific News - 12th May, 2024) Jane Moss, the minister's "
        "spokeswoman, said she could not confirm the report."
    )
    assert strip_boilerplate(line).startswith("Jane Moss,")
    # A body's name with its full name in brackets stays.
    kept = "KPU (Komisi Pemilihan Umum) membantah bahwa kabar itu benar dan menyebutnya hoaks."
    assert strip_boilerplate(kept) == kept
