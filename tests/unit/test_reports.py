"""Reports and rumours the outlet narrates: the proposition and the named source."""

from __future__ import annotations

import time

import pytest

from claimwatch.matchers.reports import (
    antecedent,
    embedded_report,
    narrated_report,
    report_telling,
)


@pytest.mark.parametrize(
    ("text", "lang", "proposition", "source"),
    [
        (
            "Beredar kabar bahwa harga beras akan naik dua kali lipat pekan depan",
            "id",
            "harga beras akan naik dua kali lipat pekan depan",
            None,
        ),
        (
            "Pesan berantai yang beredar di WhatsApp menyebutkan sekolah diliburkan sampai Juni",
            "id",
            "sekolah diliburkan sampai Juni",
            None,
        ),
        ("Viral Unggahan Sebut Tiga Warga Tewas di Bogor", "id", "Tiga Warga Tewas di Bogor", None),
        (
            "Menurut laporan Majalah Tempo, menteri itu menerima suap dari kontraktor",
            "id",
            "menteri itu menerima suap dari kontraktor",
            "Majalah Tempo",
        ),
        (
            "Belakangan ini tersebar ramalan bahwa banjir besar akan melanda lima kota",
            "id",
            "banjir besar akan melanda lima kota",
            None,
        ),
        (
            "Kemarin beredar sebuah surat yang menyebut gubernur akan melantik tiga camat",
            "id",
            "gubernur akan melantik tiga camat",
            None,
        ),
        (
            "Sebuah informasi disebarkan di grup WhatsApp bahwa jembatan Cikadu ambruk",
            "id",
            "jembatan Cikadu ambruk",
            None,
        ),
        (
            "Di Instagram beredar foto Rektor Prof. Dr. Budi Santoso, M.Sc. dengan narasi "
            "berisi pengumuman bahwa kuliah tatap muka dihentikan",
            "id",
            "pengumuman bahwa kuliah tatap muka dihentikan",
            None,
        ),
        (
            "Reports had emerged on Friday that the harbour master had been dismissed",
            "en",
            "the harbour master had been dismissed",
            None,
        ),
        (
            "Rumours of a second bank collapse spread across the capital on Monday",
            "en",
            "a second bank collapse",
            None,
        ),
        (
            "It followed a report by Harbour Times saying that the port would be sold",
            "en",
            "the port would be sold",
            "Harbour Times",
        ),
        (
            "According to a report by Reuters, the company plans to cut 500 jobs",
            "en",
            "the company plans to cut 500 jobs",
            "Reuters",
        ),
    ],
)
def test_a_narrated_report_gives_its_proposition_and_source(
    text: str, lang: str, proposition: str, source: str | None
) -> None:
    found = narrated_report(text, lang)
    assert found is not None
    assert (found.proposition, found.source) == (proposition, source)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The minister said the reports were wrong", "en"),
        ("Harga beras naik di pasar tradisional", "id"),
        ("Beredar kabar bahwa naik", "id"),  # no proposition to store
    ],
)
def test_a_sentence_narrating_no_report_gives_none(text: str, lang: str) -> None:
    assert narrated_report(text, lang) is None


@pytest.mark.parametrize(
    ("unit", "lang"),
    [
        ("reports of ", "en"),
        ("rumours that ", "en"),
        ("beredar kabar ", "id"),
        ("isu bahwa ", "id"),
    ],
)
def test_a_long_clause_of_report_words_is_read_in_linear_time(unit: str, lang: str) -> None:
    """Anyone can send a 100 KB sentence; the patterns must not rescan it per cue (an
    unbounded lazy match took 4 s on 33 KB of 'reports of')."""
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    start = time.process_time()
    narrated_report(text, lang)
    assert time.process_time() - start < 1.0


LEAD = (0, ["bendahara", "koperasi", "c_arrest", "gelap"])
WEATHER = (1, ["hujan", "deras", "sore", "pasar"])
LETTER = (2, ["surat", "daftar", "calon", "dinas"])


def test_a_named_thing_points_at_the_first_sentence_holding_it() -> None:
    assert antecedent(["surat"], [LEAD, WEATHER, LETTER]) == 2
    assert antecedent(["c_arrest"], [LEAD, WEATHER, LETTER]) == 0


def test_nothing_named_points_at_the_opening_sentence_only() -> None:
    assert antecedent([], [LEAD, WEATHER]) == 0
    assert antecedent([], [(3, ["hujan", "deras", "sore"])]) is None


def test_a_remark_is_no_antecedent() -> None:
    assert antecedent(["surat"], [(0, ["surat", "datang"])]) is None
    assert antecedent(["visa"], [LEAD, LETTER]) is None


@pytest.mark.parametrize(
    ("text", "lang", "proposition"),
    [
        (
            "Camat Budi enggan berkomentar soal kabar bahwa pasar lama akan dibongkar bulan depan.",
            "id",
            "pasar lama akan dibongkar bulan depan",
        ),
        (
            "The mayor declined to comment on reports that the bridge would be closed for a year.",
            "en",
            "the bridge would be closed for a year",
        ),
    ],
)
def test_a_report_named_in_a_speakers_words_gives_its_proposition(
    text: str, lang: str, proposition: str
) -> None:

    found = embedded_report(text, lang)
    assert found is not None
    assert found.proposition == proposition


def test_a_quoted_report_is_the_speakers_own_words() -> None:

    assert embedded_report('"Ada kabar bahwa pasar lama akan dibongkar," kata Budi.', "id") is None


def test_accusations_by_someone_that_p_name_p() -> None:
    found = embedded_report(
        "As for accusations by two readers that the weekly was paid, the editor denied it.",
        "en",
    )
    assert found is not None
    assert found.proposition.startswith("the weekly was paid")


def test_a_sentence_opening_with_sebelumnya_retells_what_came_before() -> None:
    from claimwatch.matchers.reports import retells_earlier

    assert retells_earlier("Sebelumnya, beredar pesan berantai soal pemadaman listrik.")
    assert retells_earlier("Sebelum ini, sebuah video tersebar di media sosial.")
    assert retells_earlier("Earlier, a post claimed the bridge had collapsed.")
    assert not retells_earlier("Polisi sebelumnya sudah memeriksa dua saksi.")


@pytest.mark.parametrize(
    ("text", "lang", "proposition"),
    [
        (
            "Selebaran berlogo Dinas Pendidikan itu juga menyebutkan sekolah diliburkan "
            "sampai akhir Juni.",
            "id",
            "sekolah diliburkan sampai akhir Juni",
        ),
        (
            "Pesan tersebut menyebut, jembatan gantung di Desa Sukamaju akan ditutup besok.",
            "id",
            "jembatan gantung di Desa Sukamaju akan ditutup besok",
        ),
        (
            "Unggahan itu mencantumkan bahwa stok beras di gudang Bulog habis.",
            "id",
            "stok beras di gudang Bulog habis",
        ),
        (
            "The post also claimed that the bridge would be closed for a month.",
            "en",
            "the bridge would be closed for a month",
        ),
    ],
)
def test_a_report_that_speaks_gives_what_it_says_and_the_sentence(
    text: str, lang: str, proposition: str
) -> None:
    report = report_telling(text, lang)
    assert report is not None
    assert report.proposition == proposition
    assert report.told == text.rstrip(".")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # A body's report is its own word, not something passed on.
        ("Laporan BPS itu menyebutkan inflasi bulan lalu naik tajam.", "id"),
        ("The report said the bridge would be closed for a month.", "en"),
        # The report is not the subject of the sentence.
        ("Polisi menyebut pesan itu menyebutkan jembatan akan ditutup.", "id"),
        ("Pesan itu menyebutkan banjir.", "id"),  # too short to be a proposition
    ],
)
def test_a_sentence_where_no_passed_on_report_speaks_gives_none(text: str, lang: str) -> None:
    assert report_telling(text, lang) is None


def test_a_report_a_body_gave_is_that_bodys_word() -> None:
    report = report_telling(
        "Informasi dari Dinas Perhubungan tersebut menyatakan bahwa jalan tol Sukamaju ditutup "
        "malam ini.",
        "id",
    )
    assert report is not None
    assert report.source == "Dinas Perhubungan"
    assert report.proposition == "jalan tol Sukamaju ditutup malam ini"
    report = report_telling(
        "Unggahan milik Pemkab Sukamaju itu menyebutkan sekolah diliburkan sampai Senin.", "id"
    )
    assert report is not None and report.source == "Pemkab Sukamaju"
    # passed on by no one named: no source
    report = report_telling("Pesan itu menyebutkan sekolah diliburkan sampai Senin.", "id")
    assert report is not None and report.source is None


def test_the_outlets_own_article_is_no_report_told() -> None:
    assert (
        report_telling("Berita ini menyebutkan jembatan Sukamaju ditutup sejak pagi.", "id") is None
    )
    assert (
        report_telling("Pemberitaan ini menyebutkan pasar Sukamaju terbakar semalam.", "id") is None
    )
    assert report_telling("Berita itu menyebutkan jembatan Sukamaju ditutup sejak pagi.", "id")
