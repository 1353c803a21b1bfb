"""The planner driven directly: invented articles against an in-memory stored world (no
SQLite, no engine), one test per family of rules. See tests/unit/planning_world.py."""

from __future__ import annotations

import pytest
from planning_world import ARTICLE, READER, World, plan

from claimwatch.engine.pipeline import _read
from claimwatch.matchers.figures import sentence_figures
from claimwatch.matchers.planning import PROVISIONAL, Context, MissingContext, plan_article

CLOSURE = "Harbor Metals will close the Greenvale smelter next month"
DENIAL = "Harbor Metals denied that it will close the Greenvale smelter next month."


def _flags(made: object) -> list[tuple[str, int, str]]:
    return [(f.kind, f.claim_id, f.by_name) for f in made.flags]  # type: ignore[attr-defined]


def test_a_denial_of_another_speakers_stored_claim_is_a_denial() -> None:
    world = World()
    claim = world.claim(CLOSURE, "the workers' union", "the workers' union")
    made, _passes = plan(world, DENIAL)
    assert [(ln.claim_id, ln.relation) for ln in made.links] == [(claim.id, "denies")]
    assert _flags(made) == [("denial", claim.id, "Harbor Metals")]
    assert made.new_claims == [] and made.touched == {claim.id}


def test_a_confirmation_of_another_speakers_stored_claim() -> None:
    world = World()
    claim = world.claim(CLOSURE, "the workers' union", "the workers' union")
    made, _passes = plan(
        world, "Harbor Metals confirmed that it will close the Greenvale smelter next month."
    )
    assert _flags(made) == [("confirmation", claim.id, "Harbor Metals")]


def test_a_speaker_denying_its_own_earlier_claim_reverses() -> None:
    world = World()
    claim = world.claim(CLOSURE, "Harbor Metals", "harbor metals")
    world.positions[claim.id] = [("harbor metals", "new", "Harbor Metals")]
    made, _passes = plan(world, DENIAL)
    assert _flags(made) == [("reversal", claim.id, "Harbor Metals")]


def test_an_answer_another_article_already_reported_raises_nothing() -> None:
    world = World()
    claim = world.claim(CLOSURE, "the workers' union", "the workers' union")
    world.before[claim.id] = [("denial", claim.id, "harbor metals", "Harbor Metals", [])]
    made, _passes = plan(world, DENIAL)
    assert [ln.relation for ln in made.links] == ["denies"]  # still linked
    assert made.flags == []  # but old news


def test_another_sources_count_of_the_same_march_is_a_figure_conflict() -> None:
    world = World()
    figures = [f.to_json() for f in sentence_figures("52,000 people marched", "en")]
    claim = world.claim(
        "52,000 people marched to Liberty Square on Sunday",
        "the organisers",
        "the organisers",
        figures=figures,
    )
    made, _passes = plan(world, "The police said 6,000 people marched to Liberty Square on Sunday.")
    assert _flags(made) == [("figure_conflict", claim.id, "police")]


def test_a_claim_made_and_denied_in_one_article_gets_a_provisional_id() -> None:
    made, _passes = plan(
        World(),
        "The workers' union said Harbor Metals will close the Greenvale smelter next month.\n\n"
        + DENIAL,
    )
    (new,) = made.new_claims
    assert new.text == CLOSURE and new.article_id == ARTICLE
    assert [(ln.claim_id, ln.relation) for ln in made.links] == [
        (PROVISIONAL, "new"),
        (PROVISIONAL, "denies"),
    ]
    assert _flags(made) == [("denial", PROVISIONAL, "Harbor Metals")]
    assert made.made == [PROVISIONAL]


def test_a_question_the_context_cannot_answer_names_what_is_missing() -> None:
    reading = _read(READER, DENIAL, "en")
    ids = {st.position: 1000 + st.position for st in reading.statements}
    context = Context(ARTICLE, "2026-05-01T00:00:00+00:00")  # gathered nothing
    with pytest.raises(MissingContext) as raised:
        plan_article(context, ARTICLE, context.published, reading, ids)
    kind, key = raised.value.what
    assert kind == "match" and {"smelter", "close"} <= set(key)
    # Given what it asked for (nothing matches), it asks the next thing, then plans.
    context.matches[key] = []
    with pytest.raises(MissingContext):
        plan_article(context, ARTICLE, context.published, reading, ids)
    made, passes = plan(World(), DENIAL)
    assert passes >= 2 and _flags(made)[0][0] == "denial"  # a claim of its own, denied


@pytest.mark.parametrize(
    ("text", "lang", "answerer", "first"),
    [
        (
            "The police said on Thursday that about 700 people had joined the sit-in at Marlow"
            " Park.\n\nThe organisers said on Tuesday that 9,000 people had joined the sit-in at"
            " Marlow Park.",
            "en",
            "police",
            "organisers",
        ),
        (
            '"Yang datang sekitar 800 orang ke Lapangan Rawa," kata Kapolsek Tanjung Rawa, Kamis'
            " (30/4).\n\nPanitia menyebut 12 ribu orang datang ke Lapangan Rawa, Selasa (28/4).",
            "id",
            "Kapolsek Tanjung Rawa",
            "Panitia",
        ),
    ],
)
def test_the_count_given_first_is_the_claim_though_told_second(
    text: str, lang: str, answerer: str, first: str
) -> None:
    """News opens on the latest word: the version the text dates earlier is the claim, and
    the later one answers it, once (not also the other way round by text order)."""
    made, _passes = plan(World(), text, lang=lang)
    claims = {PROVISIONAL + i: c for i, c in enumerate(made.new_claims)}
    (flag,) = made.flags
    assert (flag.kind, flag.by_name) == ("figure_conflict", answerer)
    assert claims[flag.claim_id].by_name == first


@pytest.mark.parametrize(
    ("text", "lang", "claimant", "answerer"),
    [
        (
            "The mayor's office rejected the claim on Friday.\n\nEarlier, the Greenvale transport"
            " union had said the city would close the Marlow bus depot next month.",
            "en",
            "Greenvale transport union",
            "mayor's office",
        ),
        (
            "Pemerintah Kota Rawa membantah tudingan tersebut.\n\nSebelumnya, Serikat Sopir Angkot"
            " menyebut Dinas Perhubungan akan menutup terminal Tanjung bulan depan.",
            "id",
            "Serikat Sopir Angkot",
            "Pemerintah Kota Rawa",
        ),
    ],
)
def test_a_reply_answers_the_claim_the_text_tells_below_as_said_earlier(
    text: str, lang: str, claimant: str, answerer: str
) -> None:
    """News opens on the reply and tells what it answers afterwards ("Earlier, X had
    said P", "Sebelumnya, X menyebut P"): text order is not time order."""
    made, _passes = plan(World(), text, lang=lang)
    claims = {PROVISIONAL + i: c for i, c in enumerate(made.new_claims)}
    (flag,) = made.flags
    assert (flag.kind, flag.by_name) == ("denial", answerer)
    assert claims[flag.claim_id].by_name == claimant
