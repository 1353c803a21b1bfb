"""One answerer named two ways is not "another" denying its claim: a body by its holder's
adjective and by the holder ("the presidential office", "President Lee's office"), a person
by name and by the role the article introduces them with. Sentences written for these tests."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.matchers.coref import holder_office
from claimwatch.matchers.planning.answerers import ArticleSentences, named_as_role
from claimwatch.storage.api import Database


def test_an_office_by_its_holders_adjective_is_the_holders_office() -> None:
    assert holder_office("the presidential office", "President Tomas Varga's office")
    assert holder_office("office of President Tomas Varga", "the presidential office")
    assert holder_office("kantor kepresidenan", "Kantor Presiden Budi Santoso")
    assert holder_office("the gubernatorial office", "Governor Ana Ruiz's office")
    # Another holder's office, or no adjective at all: nothing said.
    assert not holder_office("the presidential office", "the prime minister's office")
    assert not holder_office("the presidential palace", "President Tomas Varga's office")
    assert not holder_office("the ministry", "the Ministry of Trade")


def test_a_person_is_the_role_the_article_introduces_them_with() -> None:
    sentences = ArticleSentences(
        "Marek Dolan, whom the cabinet appointed navy chief in May, spoke on Monday."
    )
    assert named_as_role("Marek Dolan", "the country's navy chief", sentences)
    # The role set before another name is that name's title.
    met = ArticleSentences("Marek Dolan met navy chief Pavel Rusk later.")
    assert not named_as_role("Marek Dolan", "the country's navy chief", met)
    assert not named_as_role("Ivo Brand", "the country's navy chief", sentences)
    # Not a role: a phrase ending in no title.
    assert not named_as_role(
        "Marek Dolan",
        "a chain message",
        ArticleSentences("A chain message claimed Marek Dolan quit."),
    )


ARTICLE = (
    "President Tomas Varga's office said the Eastgate compound is a secure military site.\n"
    "Opposition lawmakers argued that the Eastgate compound is vulnerable to hackers.\n"
    '"Those allegations are absurd and false," the presidential office said.'
)


async def test_an_office_named_two_ways_does_not_deny_its_own_claim(store: Database) -> None:
    result = await ingest(store, ARTICLE, source="test", published="2026-03-02", lang="en")
    texts = {}
    for flag in result.flags:
        claim = await store.claims.get(flag.claim_id)
        assert claim is not None
        texts[flag.kind] = claim.text
    assert "secure military site" not in texts.get("denial", "")
