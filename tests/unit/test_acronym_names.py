"""One body under its acronym and its full name is one answerer: a re-report that names
"Water Works Agency (WWA) for Sukamaju" after a headline's "WWA" raises nothing new."""

from __future__ import annotations

from claimwatch.matchers.coref import same_name


def test_acronym_is_the_body_it_abbreviates() -> None:
    assert same_name("BPBD", "Badan Penanggulangan Bencana Daerah (BPBD) Sukamaju")
    assert not same_name("BPS", "Badan Penanggulangan Bencana Daerah (BPBD) Sukamaju")
    assert not same_name("Ani", "Ani Lestari")  # a short given name stays too short
