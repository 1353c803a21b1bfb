import pytest

from claimwatch.matchers.figures import (
    UNKNOWN_KIND,
    Figure,
    any_conflict,
    conflicting,
    extract_figures,
    parse_number,
    restates_figures,
    sentence_figures,
)


@pytest.mark.parametrize(
    ("raw", "lang", "value"),
    [
        ("1.500", "id", 1500),
        ("1,5", "id", 1.5),
        ("1,500", "en", 1500),
        ("3.5", "en", 3.5),
        ("1.500.000", "id", 1_500_000),
        ("1,500,000", "en", 1_500_000),
        ("1.500,5", "id", 1500.5),
        ("1,500", "id", 1500),  # an English figure quoted in Indonesian text
    ],
)
def test_parse_number(raw: str, lang: str, value: float) -> None:
    assert parse_number(raw, lang) == value


def _pairs(text: str, lang: str) -> list[tuple[float, str]]:
    return [(f.value, f.concept) for f in extract_figures(text, lang)]


def test_counted_figures_in_both_languages() -> None:
    assert _pairs("menuduh Korea Utara mengirimkannya 1.500 tentara", "id") == [(1500, "troops")]
    assert _pairs("sent 1,500 North Korean troops and 12 ribu", "en") == [(1500, "troops")]
    assert _pairs("sekitar 12 ribu tentara", "id") == [(12_000, "troops")]
    assert _pairs("Rp 3 triliun", "id") == [(3e12, "IDR")]
    assert _pairs("banjir menewaskan 3 orang, sementara", "id") == [(3, "people")]
    assert _pairs("sekitar 2.000 orang mengikuti unjuk rasa", "id") == [(2000, "people")]
    assert _pairs("1.500 orang tentara", "id") == [(1500, "troops")]


def test_years_dates_and_times_are_not_figures() -> None:
    assert _pairs("pada 22 Oktober 2024 pukul 10.00, pada tahun 2022 telah", "id") == []


def test_vague_amounts_are_approximate() -> None:
    (fig,) = extract_figures("ribuan pasukan", "id")
    assert fig.approximate
    assert fig.concept == "troops"


def test_conflicting_figures() -> None:
    troops = Figure(1500, "tentara", "troops")
    assert conflicting(troops, Figure(10_000, "troops", "troops"))
    assert not conflicting(troops, Figure(1_520, "troops", "troops"))
    assert conflicting(Figure(300e12, "IDR", "IDR"), Figure(271e12, "IDR", "IDR"))
    assert not conflicting(troops, Figure(10_000, "missiles", "missile"))
    assert not conflicting(Figure(1000, "pasukan", "troops", approximate=True), troops)


def _counts(text: str, lang: str) -> list[tuple[float, str]]:
    return [(f.value, f.concept) for f in extract_figures(text, lang)]


def test_number_words_with_scales_and_multipliers() -> None:
    assert _counts("Dua puluh tiga ribu buruh berunjuk rasa", "id") == [(23_000, "workers")]
    assert _counts("setengah juta orang memadati alun-alun", "id") == [(500_000, "people")]
    assert _counts("Forty-two people were still missing on Monday", "en") == [(42, "people")]
    assert _counts("organisers said half a million protesters marched", "en") == [
        (500_000, "people")
    ]
    assert _counts("sembilan belas kapal nelayan", "id") == [(19, "ship")]


def test_ranges_share_the_upper_ends_unit() -> None:
    (crowd,) = extract_figures("diperkirakan 25-30 ribu orang hadir", "id")
    assert (crowd.value, crowd.upper, crowd.concept) == (25_000, 30_000, "people")
    (ships,) = extract_figures("antara 8 hingga 11 kapal terlihat", "id")
    assert (ships.value, ships.upper, ships.concept) == (8, 11, "ship")
    assert _counts("bentrokan 14-15 Agustus", "id") == []


def test_a_number_and_its_vague_multiplier_are_one_figure() -> None:
    assert _counts("Kami perkirakan 200 ribuan orang datang", "id") == [(200_000, "people")]


def test_identifiers_are_not_figures() -> None:
    assert _counts("kapal KRI 402 dua kali berpapasan", "id") == [(2, "times")]
    assert _counts("Polisi menyebut TKP 7 orang", "id") == []
    assert _counts("Audit: Kerugian Proyek SPAM Rp 40 miliar", "id") == [(40e9, "IDR")]


def test_units_that_count_people_compare_as_one() -> None:
    dead = extract_figures("Sebanyak 14 orang tewas tertimbun longsor", "id")
    victims = extract_figures("korban meninggal bertambah menjadi 17 korban", "id")
    english = extract_figures("the toll rose to 17 fatalities", "en")
    assert dead[0].concept == victims[0].concept == english[0].concept == "people"
    assert conflicting(dead[0], victims[0])
    layoffs = extract_figures("perusahaan merumahkan 900 karyawan", "id")
    jobs = extract_figures("the firm will cut 1,400 jobs", "en")
    assert layoffs[0].concept == jobs[0].concept == "workers"
    injured = extract_figures("30 orang terluka", "id")
    assert injured[0].concept != "people"


def test_bounds_and_estimates_are_read_before_the_number() -> None:
    (floor,) = extract_figures("panitia mengklaim lebih dari 3 juta orang hadir", "id")
    (ceiling,) = extract_figures("the mayor said no more than 4,000 people came", "en")
    (estimate,) = extract_figures("sekitar 900 buruh dirumahkan", "id")
    (hundreds,) = extract_figures("Kami perkirakan 300 ribuan orang datang", "id")
    assert (floor.bound, ceiling.bound, estimate.bound, hundreds.bound) == (
        "min",
        "max",
        "about",
        "about",
    )


def test_a_bound_the_other_figure_satisfies_is_no_conflict() -> None:
    (at_least,) = extract_figures("at least 70 people were killed", "en")
    (more,) = extract_figures("the toll climbed to 85 dead", "en")
    (fewer,) = extract_figures("only a dozen were killed", "en")
    assert not conflicting(at_least, more)
    assert conflicting(at_least, fewer)
    (most,) = extract_figures("massa paling banyak 25 ribu hingga 30 ribu orang", "id")
    (claimed,) = extract_figures("panitia menyebut 2 juta orang hadir", "id")
    (police,) = extract_figures("polisi menghitung 28.000 orang", "id")
    assert conflicting(most, claimed)
    assert not conflicting(most, police)


def test_estimates_still_conflict_with_clearly_different_numbers() -> None:
    (union,) = extract_figures("sekitar 3.000 buruh akan di-PHK", "id")
    (ministry,) = extract_figures("the company will lay off 2,100 workers", "en")
    assert conflicting(union, ministry)
    assert not conflicting(union, Figure(3_150, "buruh", "workers"))


def test_counts_of_the_dead_and_of_the_rescued_do_not_compare() -> None:
    dead, rescued = sorted(
        extract_figures("Six people died and 42 were rescued", "en"), key=lambda f: f.value
    )
    (aboard,) = extract_figures("a boat carrying 60 people capsized", "en")
    (toll,) = extract_figures("the navy said 9 people died", "en")
    assert dead.status == "dead" and rescued.status == "rescued"
    assert conflicting(dead, toll)
    assert not conflicting(aboard, dead)
    assert extract_figures("only a dozen of the victims were soldiers", "en")[0].value == 12


def test_small_counts_are_exact_and_large_ones_rounded() -> None:
    assert conflicting(Figure(140, "korban", "people"), Figure(146, "orang", "people"))
    assert not conflicting(Figure(14_000, "orang", "people"), Figure(14_500, "orang", "people"))


def test_a_bare_number_counts_what_its_sentence_names() -> None:
    (crowd,) = sentence_figures("The city put the size of the crowd at 45,000.", "en")
    assert (crowd.value, crowd.concept, crowd.unit) == (45_000, "people", "")
    (unknown,) = sentence_figures('"Cuma 12 ribu," kata Kapolres.', "id")
    assert (unknown.value, unknown.concept) == (12_000, UNKNOWN_KIND)
    assert sentence_figures("Pertandingan digelar pukul 19.30 pada 12 Maret 2024.", "id") == []
    assert sentence_figures("The commander died on March 21 in a strike on the camp.", "en") == []


def test_a_bound_before_a_dozen_and_the_status_of_injuring() -> None:
    (hurt,) = extract_figures("the riot police charged, injuring at least a dozen people", "en")
    assert (hurt.value, hurt.bound, hurt.status) == (12, "min", "injured")
    assert not conflicting(hurt, Figure(80_000, "people", "people"))


def test_a_statement_that_gives_the_claims_figure_again_restates_it() -> None:
    claim = extract_figures("the firm received Rp 55 miliar from its suppliers", "id")
    told = "Jaksa menuntut denda Rp 3 miliar dan uang pengganti Rp 55 miliar"
    assert restates_figures(extract_figures(told, "id"), claim, told)
    corrected = "kerugian Rp 40 miliar, bukan Rp 55 miliar seperti disebut"
    assert not restates_figures(extract_figures(corrected, "id"), claim, corrected)
    against = "korban tewas 14 orang, padahal versi polisi sebelumnya 11 orang"
    said = extract_figures("korban tewas berjumlah 11 orang", "id")
    assert not restates_figures(extract_figures(against, "id"), said, against)


def test_a_correction_the_claim_already_holds_restates_it() -> None:
    # The claim gave both versions ("tujuh orang, bukan 12 seperti kabar"): the same
    # correction again brings no other figure.
    claim = extract_figures("penumpang kapal itu enam orang, bukan 11 orang seperti kabar", "id")
    again = "Jumlahnya enam orang, bukan 11 orang"
    assert restates_figures(extract_figures(again, "id"), claim, again)
    other = "Jumlahnya sembilan orang, bukan 12 orang"
    assert not restates_figures(extract_figures(other, "id"), claim, other)


def test_a_toll_counts_the_dead_and_the_displaced_are_apart() -> None:
    found = sentence_figures("Divers found six more bodies, raising the death toll to 19.", "en")
    assert {(f.value, f.status) for f in found} >= {(19, "dead")}
    (fled,) = extract_figures("sebanyak 600 warga mengungsi ke balai desa", "id")
    assert fled.status == "displaced"


def _read(text: str, lang: str) -> list[tuple[float, str]]:
    return [(f.value, f.concept) for f in sentence_figures(text, lang)]


def test_money_written_with_a_glued_multiplier_or_a_currency_word() -> None:
    assert _read("The agency seized RM31mil from the accounts", "en") == [(31e6, "MYR")]
    assert _read("The agency seized RM 31 million from the accounts", "en") == [(31e6, "MYR")]
    assert _read("Leeds paid €27m for the winger", "en") == [(27e6, "EUR")]
    assert _read("Solar stays at 7,200 rupiah per litre", "en") == [(7200, "IDR")]
    assert _read("a 10m wall beside a 5k route", "en") == []  # metres and a run, not sums


def test_a_year_of_the_common_era_is_no_million() -> None:
    assert _read("pada Idul Adha 2024 M/1445 H warga diminta tinggal di rumah", "id") == []


def test_measures_and_durations_are_not_counts() -> None:
    assert _read("Rudal itu terbang 650 kilometer selama 540 detik", "id") == []


def test_the_counted_noun_after_adjectives() -> None:
    assert _read("Seoul said it fired one cruise missile, not two", "en")[0] == (1, "missile")
    assert _read("8 Chinese coast guard vessels were seen", "en") == [(8, "ship")]
    assert _read("4 million current and former subscribers", "en") == [(4e6, "records")]
    assert _read("16 South Koreans were rescued", "en") == [(16, "people")]
    assert _read("20 ditangkap polisi", "id") != [(20, "police")]


def test_leaked_records_accounts_and_users_count_one_thing() -> None:
    assert _read("peretas menjual 3 juta data nasabah", "id") == [(3e6, "records")]
    assert _read("sekitar 12 ribu akun yang bocor", "id") == [(12_000, "records")]


def test_one_of_names_a_part() -> None:
    assert _read("hackers entered one of our payroll servers", "en") == []


def test_two_estimates_conflict_when_their_values_differ() -> None:
    a = Figure(2_000, "killed", "people", bound="about", status="dead")
    b = Figure(2_600, "killed", "people", bound="about", status="dead")
    assert conflicting(a, b) and any_conflict([a], [b])
    assert not conflicting(a, Figure(2_050, "killed", "people", bound="about", status="dead"))
    assert not conflicting(a, Figure(2_150, "killed", "people", status="dead"))  # within about


def test_a_total_brought_to_a_small_number_counts() -> None:
    text = "Another patient died, bringing the number of dengue deaths this year to four."
    assert [(f.value, f.concept, f.status) for f in sentence_figures(text, "en")] == [
        (4, "people", "dead")
    ]
    assert _read("Jumlah korban meninggal bertambah menjadi enam orang", "id") == [(6, "people")]


def test_an_age_is_not_a_count() -> None:
    assert _read("The 9-year-old boy died in hospital", "en") == []


def test_a_counted_noun_is_not_passed_over_for_a_later_one() -> None:
    assert _read("manifes mencatat 40 penumpang dan awak kapal", "id") == [(40, "people")]


def test_ballots_and_a_counter_after_the_number() -> None:
    assert _read("Saksi menemukan 120 surat suara rusak di TPS 3", "id") == [(120, "ballots")]
    text = "KPU menyebut surat suara yang rusak di TPS 3 berjumlah 15 lembar."
    assert _read(text, "id") == [(15, "ballots")]
