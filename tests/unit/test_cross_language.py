"""One fact told in Indonesian and in English shares its key (issue 10 item 6)."""

from __future__ import annotations

import pytest

from claimwatch.matchers.keys import key_tokens
from claimwatch.matchers.similarity import MATCH_THRESHOLD, score


@pytest.mark.parametrize(
    ("indonesian", "english"),
    [
        ("Tanggul di Desa Sukamaju jebol", "The levee in Sukamaju village burst"),
        ("PT Mekar Jaya melakukan PHK massal", "PT Mekar Jaya announced mass layoffs"),
        ("Kapal feri itu kelebihan muatan lalu tenggelam", "The ferry was overloaded and sank"),
        ("Polisi menangkap dua tersangka penyelundupan", "Police arrested two smuggling suspects"),
        ("Data pengguna Tokobaru bocor", "Tokobaru users' data leaked"),
        ("Pabrik itu ditutup karena bangkrut", "The factory was shut down after going bankrupt"),
    ],
)
def test_restatement_in_the_other_language_matches(indonesian: str, english: str) -> None:
    a, b = key_tokens(indonesian, "id"), key_tokens(english, "en")
    assert score(a, b) >= MATCH_THRESHOLD, (a, b)


def test_unrelated_events_in_the_two_languages_do_not_match() -> None:
    a = key_tokens("Tanggul di Desa Sukamaju jebol", "id")
    b = key_tokens("PT Mekar Jaya announced mass layoffs", "en")
    assert score(a, b) == 0.0


def test_three_word_concept_and_forms_of_one_word() -> None:
    assert "c_layoff" in key_tokens("melakukan pemutusan hubungan kerja", "id")
    assert "c_layoff" in key_tokens("2.000 orang akan di-PHK", "id")
    assert "c_users" in key_tokens("data penggunanya", "id")  # Sastrawi would give "guna"


def test_furlough_is_not_layoff() -> None:
    """ "Bukan PHK, hanya dirumahkan": the company sets the two against each other."""
    key = key_tokens("sebagian karyawan dirumahkan sementara", "id")
    assert "c_furlough" in key
    assert "c_layoff" not in key


def test_phrase_repeating_its_first_words_concept_keeps_its_other_words() -> None:
    """ "gempa bumi": "gempa" alone is the concept, so "bumi" stays a token of its own."""
    key = key_tokens("tidak pernah merilis prediksi gempa bumi", "id")
    assert "c_earthquake" in key
    assert "bumi" in key
