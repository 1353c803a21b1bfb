"""One answerer answering one event twice raises one flag: a person written in full and
later by a short form is one answerer; a confirmation beside the same answerer's figure
conflict on the same claim gives way to the conflict. Invented articles through the
planner (tests/unit/planning_world.py)."""

from __future__ import annotations

import pytest
from planning_world import World, plan

from claimwatch.matchers.figures import sentence_figures

CHAIN_MESSAGE = (
    "Pesan berantai soal kenaikan tarif air bersih beredar di grup WhatsApp warga, Senin (3/2).\n"
    "Pesan yang mencatut nama PDAM Tirta Kencana itu menyebutkan tarif air bersih naik mulai "
    "1 Maret 2026.\n"
    "PDAM Tirta Kencana membantah pesan tersebut.\n"
    "Kepala Humas PDAM Tirta Kencana, Wiranegara, menyebut pesan itu palsu.\n"
    "Wira juga membantah bahwa tarif air bersih naik mulai Maret."
)
FEE = "Northport United have agreed a €30m fee with Riverside for midfielder Tomas Kell"


def _flags(made: object) -> list[tuple[str, int, str]]:
    return [(f.kind, f.claim_id, f.by_name) for f in made.flags]  # type: ignore[attr-defined]


def test_a_short_form_of_a_name_introduced_for_the_body_is_the_body() -> None:
    made, _passes = plan(World(), CHAIN_MESSAGE, lang="id")
    assert [(kind, by) for kind, _claim, by in _flags(made)] == [("denial", "PDAM Tirta Kencana")]


def test_a_short_form_no_name_of_the_article_starts_stays_its_own_answerer() -> None:
    # "Wira" starts no other name in the article: no one it is the short form of.
    made, _passes = plan(World(), CHAIN_MESSAGE.replace("Wiranegara", "Hendro Santoso"), lang="id")
    assert [(kind, by) for kind, _claim, by in _flags(made)] == [
        ("denial", "PDAM Tirta Kencana"),
        ("denial", "Wira"),
    ]


@pytest.mark.parametrize(
    ("text", "by"),
    [
        (  # the figure told by a bare role: the named body's
            "Riverside confirm Tomas Kell has joined Northport United\n"
            "Northport United paid €22m for the midfielder, the club said on its website on "
            "Tuesday.\nKell joined Riverside as a teenager.",
            "club",
        ),
        (  # the figure told by the confirming body itself
            "Riverside confirm Kell move to Northport United for €22m\n"
            "The fee Northport United paid for Tomas Kell was €22m, the club said on Tuesday.\n"
            "Kell joined Riverside as a teenager.",
            "Riverside",
        ),
    ],
)
def test_a_confirmation_beside_the_same_answerers_figure_conflict_gives_way(
    text: str, by: str
) -> None:
    world = World()
    figures = [f.to_json() for f in sentence_figures("agreed a €30m fee", "en")]
    claim = world.claim(FEE, "The Courier", "the courier", figures=figures)
    made, _passes = plan(world, text)
    assert _flags(made) == [("figure_conflict", claim.id, by)]


def test_a_confirmation_with_no_figure_conflict_stays() -> None:
    world = World()
    figures = [f.to_json() for f in sentence_figures("agreed a €30m fee", "en")]
    claim = world.claim(FEE, "The Courier", "the courier", figures=figures)
    made, _passes = plan(
        world,
        "Riverside confirmed that Northport United have agreed a €30m fee for midfielder "
        "Tomas Kell.",
    )
    assert _flags(made) == [("confirmation", claim.id, "Riverside")]
