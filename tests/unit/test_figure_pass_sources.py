"""Whether two versions of a count come from one source."""

from __future__ import annotations

from claimwatch.bot.figure_pass import _acronym_of, _initials


def test_an_acronym_names_the_same_source_as_its_full_name() -> None:
    assert _acronym_of("fpw", "federation of port workers (fpw)")
    assert _initials("federation of port workers") == "fpw"
    assert not _acronym_of("police", "federation of port workers (fpw)")
