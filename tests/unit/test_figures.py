import pytest

from claimwatch.matchers.figures import Figure, conflicting, extract_figures, parse_number


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
