"""Versions of one count inside a sentence, and who gives each."""

from __future__ import annotations

from claimwatch.matchers.figure_sources import count_source, figure_versions, retold


def _versions(text: str, lang: str) -> list[tuple[str | None, list[float]]]:
    return [(v.source, [f.value for f in v.figures]) for v in figure_versions(text, lang)]


def test_a_source_that_puts_a_count_at_a_number() -> None:
    assert _versions("The Harbour Times put the size of the crowd at 40,000.", "en") == [
        ("Harbour Times", [40_000])
    ]


def test_two_versions_in_one_sentence_each_with_its_source() -> None:
    text = (
        "About 2,000 people marched, according to the city police, whereas the union put "
        "the figure at 25,000."
    )
    assert _versions(text, "en") == [("city police", [2_000]), ("union", [25_000])]
    aside = "The rally drew 80,000 people, the organisers said (police put the number at 9,000)."
    assert [s for s, _ in _versions(aside, "en")] == ["organisers", "police"]


def test_an_acronym_in_brackets_stays_with_its_name() -> None:
    text = (
        "Data itu dibantah Gabungan Pengusaha Tekstil Nasional (GPTN), yang mencatat 9.000 "
        "orang kehilangan pekerjaan."
    )
    assert _versions(text, "id") == [("Gabungan Pengusaha Tekstil Nasional (GPTN)", [9_000])]


def test_words_between_a_name_and_its_verb_are_skipped() -> None:
    assert count_source("The carrier has said 12,000 customers were affected") == "carrier"
    assert count_source("Menurut data Dinas Sosial, 300 warga mengungsi") == "Dinas Sosial"
    assert count_source("It said 40 people were hurt") is None


def test_a_name_with_its_role_set_off_by_commas() -> None:
    text = "Maria Lopez, head of the dockers' union, by contrast said 9,000 workers walked out"
    assert count_source(text) == "Maria Lopez"
    text = "Rudi Hartono, kepala dinas, membenarkan banjir tetapi menyebut 40 rumah rusak"
    assert count_source(text) == "Rudi Hartono"


def test_a_sentence_that_retells_what_was_said_before() -> None:
    assert retold("Sebelumnya, panitia menyebut 9.000 orang hadir.")
    assert retold("Earlier, the ministry said 300 people had been evacuated.")
    assert not retold("The ministry said earlier figures were wrong.")


def test_a_corrected_figure_is_an_earlier_version() -> None:
    text = "Menurut Basarnas, penumpang kapal itu berjumlah 14 orang, bukan 22 orang."
    old, new = figure_versions(text, "id")
    assert old.corrected and [f.value for f in old.figures] == [22]
    assert (new.source, [f.value for f in new.figures]) == ("Basarnas", [14])
    assert figure_versions("Angka Rp 5 miliar itu bukan dari kami", "id")[0].corrected is False


def test_a_source_after_its_verb_and_a_subject_across_but() -> None:
    quoted = '"We counted 400 boats this morning," said a statement from the Coast Guard.'
    assert count_source(quoted) == "Coast Guard"
    text = "The mayor confirmed the blast but said only 14 people had been hurt."
    assert [v.source for v in figure_versions(text, "en")] == ["mayor"]
    ended = "Talks ended at noon in Kota Baru. Police, for their part, said 9,000 were there."
    assert count_source(ended) == "Police"


def test_an_inverted_source_and_a_population_that_is_no_version() -> None:
    text = "Twelve people remain missing, said Anna Berg, who leads the rescue team."
    assert count_source(text) == "Anna Berg"
    assert count_source("Police, for their part, said 9,000 were there.") == "Police"
    assert figure_versions("The dam broke above the town, home to some 40,000 people.", "en") == []


def test_a_retelling_inside_the_sentence() -> None:
    assert retold("A union official said earlier this week that 900 jobs would go.")
    assert retold("Panitia sempat menyebut 50 ribu orang hadir.")
    assert not retold("The union said 900 jobs would go.")


def test_a_pronoun_after_menurut_leaves_the_source_to_the_reader() -> None:
    assert count_source("Menurut dia, daftar hadir mencatat 70 peserta.") is None
    assert count_source("Menurut polisi, daftar hadir mencatat 70 peserta.") == "polisi"


def test_a_count_word_used_as_a_noun_names_no_source() -> None:
    assert count_source("The agency raised its estimate of the crowd to 9,000.") == "agency"
    assert count_source("Critics questioned its estimate of the crowd: 9,000.") is None
    assert count_source("Navy corrects count of fishing boats at the reef to 14") is None
