"""Whether two versions of a count come from one source."""

from __future__ import annotations

from claimwatch.matchers.planning.figures_pass import _acronym_of, _initials


def test_an_acronym_names_the_same_source_as_its_full_name() -> None:
    assert _acronym_of("fpw", "federation of port workers (fpw)")
    assert _initials("federation of port workers") == "fpw"
    assert not _acronym_of("police", "federation of port workers (fpw)")


def test_a_statement_retelling_both_sides_of_a_known_dispute() -> None:
    from claimwatch.matchers.figures import Figure
    from claimwatch.matchers.planning.figures_pass import _retells

    claim = (Figure(40_000, "people", "people"),)
    police = Figure(3_000, "people", "people", bound="about")
    disputes = [(claim, (Figure(3_000, "orang", "people"),))]
    assert _retells([police], claim, disputes)
    assert not _retells([Figure(9_000, "people", "people")], claim, disputes)  # a new figure
    assert not _retells([police], claim, [])


def test_a_change_told_from_one_sum_to_another_gives_the_difference() -> None:
    from claimwatch.matchers.figures import Figure
    from claimwatch.matchers.planning.figures_pass import _difference_told

    rise = [Figure(500, "IDR", "IDR")]
    assert _difference_told("Harga solar berubah dari Rp 6.800 ke Rp 7.300 per liter.", "id", rise)
    assert not _difference_told("Harga solar berubah dari Rp 6.800 ke Rp 7.800.", "id", rise)
    assert not _difference_told("Harga solar Rp 7.300 per liter.", "id", rise)


def test_an_event_held_again() -> None:
    from claimwatch.matchers.planning.figures_pass import _HELD_AGAIN

    assert _HELD_AGAIN.search("Farmers rally again in the capital over land prices")
    assert _HELD_AGAIN.search("Nelayan kembali menggelar aksi di depan kantor gubernur")
    assert _HELD_AGAIN.search("Drivers protested for a second straight day on Tuesday")
    assert not _HELD_AGAIN.search("Police again put the crowd at 5,000")
    assert not _HELD_AGAIN.search("Panitia kembali menegaskan 40.000 orang hadir")
