"""Speaker accuracy's rule: is a flag's answerer the speaker a labelled case expects?"""

import pytest

from claimwatch.evaluation.speakers import Answerer, expected_names, speaker_agrees, whole_actor
from claimwatch.matchers.actors import gazetteer


def test_expected_names_are_by_then_its_aliases() -> None:
    assert expected_names({"by": "Kremlin", "by_aliases": ["Peskov", " "]}) == [
        "Kremlin",
        "Peskov",
    ]
    assert expected_names({"by": "Polri"}) == ["Polri"]
    assert expected_names({"kind": "denial"}) == []
    assert expected_names({"by": "  ", "by_aliases": ["x"]}) == []


def test_a_whole_name_is_an_actor_a_name_that_mentions_one_is_not() -> None:
    gaz = gazetteer()
    assert whole_actor("Pyongyang", gaz) == whole_actor("Korea Utara", gaz) == "korea-utara"
    assert whole_actor("the Kremlin", gaz) == "kremlin"
    assert whole_actor("Korea Utara mengirim", gaz) is None  # more than the name
    assert whole_actor("juru bicara Korea Utara", gaz) is None


@pytest.mark.parametrize(
    ("answerer", "names"),
    [
        # 1. the same actor, through the gazetteer's aliases and languages
        (Answerer("Korea Utara", "Pyongyang", "korea-utara"), ["North Korea"]),
        (Answerer("Korea Utara", "Korut", "korea-utara"), ["Pyongyang"]),
        (Answerer("Korea Utara", "Pyongyang", "korea-utara"), ["DPRK"]),
        # an office named in the phrase, and the country it speaks for
        (Answerer("Rusia", "Kremlin spokesman", "rusia"), ["the Kremlin"]),
        (Answerer("Indonesia", "juru bicara Kemlu", "indonesia"), ["Indonesia"]),
        # 2. every expected word in the answerer: a surname, a description
        (Answerer("Kremlin Spokesman Dmitry Peskov"), ["Peskov"]),
        (
            Answerer("Yudha Pratama, who speaks for the farm ministry"),
            ["farm ministry"],
        ),
        (Answerer("President Vladimir Putin's spokesman"), ["spokesman for President Putin"]),
        (Answerer("PT  Nusantara   Mining."), ["pt nusantara mining"]),  # case, spaces, dots
        # 3. the answerer is a part of the expected name: a name, or two words or more
        (Answerer("Setiawan"), ["Kombes Agus Setiawan"]),
        (Answerer("trade minister"), ["Indonesia's trade minister"]),
        # any of the aliases will do
        (Answerer("Busan Harbour Police"), ["Kim Dae-ho", "Busan Harbour Police"]),
    ],
)
def test_the_answerer_agrees(answerer: Answerer, names: list[str]) -> None:
    assert speaker_agrees(answerer, names)


@pytest.mark.parametrize(
    ("answerer", "names"),
    [
        (Answerer("Korea Selatan", "Seoul", "korea-selatan"), ["Pyongyang", "Korea Utara"]),
        (Answerer("unattributed"), ["Korea Utara"]),
        (Answerer("Rusia", "Moscow", "rusia"), ["Dmitry Peskov"]),  # not the person
        # a name that merely mentions the country is compared by its words
        (Answerer("Indonesia", "Indonesia's trade ministry", "indonesia"), ["Kemlu"]),
        (Answerer("ministry"), ["unification ministry"]),  # one common word is no name
        (Answerer("the board member"), ["Peter Peters", "Schalke"]),
        # a known actor is not a part of another person's name
        (Answerer("Yoon Suk-yeol", "Yoon", "yoon-suk-yeol"), ["Kim Dae-ho"]),
        (Answerer("Korea Utara", "Pyongyang", "korea-utara"), []),
    ],
)
def test_the_answerer_does_not_agree(answerer: Answerer, names: list[str]) -> None:
    assert not speaker_agrees(answerer, names)


def test_the_answerer_label_shows_the_phrase_when_it_differs() -> None:
    assert (
        Answerer("Korea Utara", "Pyongyang", "korea-utara").label() == "Korea Utara ('Pyongyang')"
    )
    assert Answerer("Hamas", "Hamas", "hamas").label() == "Hamas"
    assert Answerer("unattributed").names() == ["unattributed"]
