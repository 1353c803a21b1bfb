"""Figures that are no version of one event's count, and whose word a count is (issue 10
item 7)."""

from __future__ import annotations

from claimwatch.matchers.figure_sources import count_source, revises
from claimwatch.matchers.figures import PERIOD, any_conflict, sentence_figures
from claimwatch.matchers.planning.figures_pass import _sum_words


def test_count_over_years_is_no_version_of_one_event() -> None:
    total = sentence_figures("The sector has shed 40,000 jobs since 2022, unions said.", "en")
    event = sentence_figures("The mill will lay off 1,500 workers this month.", "en")
    assert total and all(PERIOD in f.status for f in total)
    assert not any_conflict(total, event)
    # "since July": one outbreak's toll is still a toll
    toll = sentence_figures("Three children have died of dengue since July.", "en")
    assert toll and not any(PERIOD in f.status for f in toll)


def test_count_verb_inside_a_quote_names_no_source() -> None:
    said = '"The company has reported that 900 workers will go," Rina Hapsari told reporters.'
    assert count_source(said) != "company"
    assert count_source("The company has reported 900 job losses") == "company"


def test_now_with_a_figure_revises_the_sources_own_count() -> None:
    assert revises("Agency says funds seized now RM45mil")
    assert revises("Jumlah korban kini mencapai 40 orang")
    assert not revises("The minister now lives in 3 provinces")
    assert revises("The death toll now stands at 41, the agency said.")
    assert revises("The number of missing has now risen to 12.")
    assert revises("Jumlah pengungsi kini menjadi 3.000 orang.")
    # "now" with a number that is no count revised
    assert not revises("There are now 12 candidates in the race.")
    assert not revises("Kini 12 kandidat bersaing dalam pemilihan itu.")


def test_a_sum_of_money_is_written_with_its_currency() -> None:
    assert _sum_words("The mill was fined US$5 million for the spill.", "en")
    assert _sum_words("Denda Rp 5 miliar dijatuhkan kepada pabrik itu.", "id")
    # "us" as a pronoun before a number is no dollar sign
    assert not _sum_words("The clerk told us 5 times that the office was closed.", "en")
