"""Whether two versions of a count come from one source."""

from __future__ import annotations

from claimwatch.bot.figure_pass import _acronym_of, _initials


def test_an_acronym_names_the_same_source_as_its_full_name() -> None:
    assert _acronym_of("fpw", "federation of port workers (fpw)")
    assert _initials("federation of port workers") == "fpw"
    assert not _acronym_of("police", "federation of port workers (fpw)")


def test_a_statement_retelling_both_sides_of_a_known_dispute() -> None:
    from claimwatch.bot.figure_pass import _retells
    from claimwatch.matchers.figures import Figure

    claim = (Figure(40_000, "people", "people"),)
    police = Figure(3_000, "people", "people", bound="about")
    disputes = [(claim, (Figure(3_000, "orang", "people"),))]
    assert _retells([police], claim, disputes)
    assert not _retells([Figure(9_000, "people", "people")], claim, disputes)  # a new figure
    assert not _retells([police], claim, [])
