"""Reading what the planner will ask of the stored world, and running it until it asked
for nothing it was not given.

The planner (:mod:`claimwatch.matchers.planning`) reads a :class:`Context`, never the
database. This module fills one in batched stages (the statements' keys -> their matches;
the best matches -> their rows, the positions earlier articles took on them and the flags
raised on them; the answers of the last months), runs the planner, and where the planner
noted questions the context could not answer, reads those in one batch per kind and runs it
again. Each run is a *pass*; nearly every article takes one or two.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from claimwatch.engine.matching import find_matches_many
from claimwatch.matchers.candidates import rarest_terms
from claimwatch.matchers.model import ANSWERING, Stance
from claimwatch.matchers.planning import (
    PREFETCH_CLAIMS,
    RESOLVE_WINDOW,
    Context,
    KnownClaim,
    Plan,
    Reading,
    Request,
    SeenFlag,
    matched,
    plan_article,
)
from claimwatch.matchers.planning.days import _shift as shift
from claimwatch.matchers.planning.figures_pass import STORY_SHARED
from claimwatch.matchers.planning.figures_pass import _headline_words as story_words
from claimwatch.storage.api import IN_CHUNK, ClaimRow, Database, FlagRow

log = logging.getLogger(__name__)
T = TypeVar("T")

# Runs of the planner before the last, strict one: every question of a run is read before
# the next, so this bounds how deep a chain of look-ups (a claim found through a claim
# found ...) may go.
MAX_PASSES = 8


def known(row: ClaimRow) -> KnownClaim:
    """A stored claim as the planner reads it."""
    return KnownClaim(
        id=row.id,
        text=row.text,
        key=row.key,
        lang=row.lang,
        by_name=row.by_name,
        by_who=row.by_who,
        actors=row.actors,
        figures=row.figures,
        article_id=row.article_id,
        first_seen=row.first_seen,
        by_phrase=row.by_phrase,
    )


def seen(flag: FlagRow) -> SeenFlag:
    return SeenFlag(flag.kind, flag.claim_id, flag.statement_text)


async def plan_with_context(
    store: Database,
    article_id: int,
    published: str,
    reading: Reading,
    statement_ids: dict[int, int],
) -> tuple[Plan, int]:
    """The article's plan and how many passes it took (see the module's docstring)."""
    context = Context(article_id, published)
    await first_stage(store, context, reading)
    for passes in range(1, MAX_PASSES + 1):
        asked: list[Request] = []
        context.collect = asked
        plan = plan_article(context, article_id, published, reading, statement_ids)
        if not asked:
            return plan, passes
        await read_asked(store, context, asked)
    context.collect = None  # a question still unread raises MissingContext, naming it
    log.warning("article %s: planned in more than %d passes", article_id, MAX_PASSES)
    return plan_article(context, article_id, published, reading, statement_ids), MAX_PASSES + 1


async def ask(store: Database, context: Context, question: Callable[[], T]) -> T:
    """The answer of ``question`` (a call of the planner's, e.g. one rule) once the context
    holds everything it asks for: run, read what it asked, run again."""
    for _ in range(MAX_PASSES):
        asked: list[Request] = []
        context.collect = asked
        answer = question()
        if not asked:
            context.collect = None
            return answer
        await read_asked(store, context, asked)
    context.collect = None
    return question()


async def first_stage(store: Database, context: Context, reading: Reading) -> None:
    """What nearly every article asks: its statements' matches, the best of them with their
    positions and flags, and (where it answers) the answers of the last months."""
    keys = list(
        dict.fromkeys(tuple(reading.keys[st.position]) for st in reading.statements if matched(st))
    )
    found = await find_matches_many(store, keys)
    context.matches.update(zip(keys, found, strict=True))
    best = [cid for f in found for cid, _ in f[:PREFETCH_CLAIMS]]
    await read_claims(store, context, best)
    if any(st.stance in ANSWERING for st in reading.statements):
        await read_answers_since(store, context, shift(context.published, -RESOLVE_WINDOW))
        # The claims those answers were on: what an admission or a re-report compares.
        await read_claims(store, context, [row[1] for row in context.answers], deep=False)
    await read_frequencies(store, context, sorted(reading.tokens))
    lead = min(reading.statements, key=lambda st: st.position, default=None)
    context.story = story_words(lead.text, lead.lang) if lead is not None else frozenset()
    await read_searches(store, context, reading.searches, likely_made(context, reading))


async def read_claims(
    store: Database, context: Context, claim_ids: Iterable[int], *, deep: bool = True
) -> None:
    """Rows of the claims not read yet, with the positions earlier articles took on them and
    the flags other articles raised on them (what a matched claim is asked next)."""
    missing = sorted({cid for cid in claim_ids if cid not in context.claims})
    if not missing:
        return
    for start in range(0, len(missing), IN_CHUNK):
        for row in await store.claims.get_many(missing[start : start + IN_CHUNK]):
            context.claims[row.id] = known(row)
    for cid in missing:
        context.claims.setdefault(cid, None)
    if not deep:
        return
    await read_positions(store, context, missing)
    await read_answers_before(store, context, missing)


async def read_positions(store: Database, context: Context, claim_ids: Sequence[int]) -> None:
    unread = sorted({cid for cid in claim_ids if cid not in context.positions})
    if unread:
        context.positions.update(
            await store.claims.statement_positions_many(unread, exclude_article=context.article_id)
        )


async def read_answers_before(store: Database, context: Context, claim_ids: Sequence[int]) -> None:
    unread = sorted({cid for cid in claim_ids if cid not in context.before})
    if not unread:
        return
    for cid in unread:
        context.before[cid] = []
    for row in await store.claims.answers_before(
        unread, published=context.published, exclude_article=context.article_id
    ):
        context.before[row[1]].append(row)


async def read_answers_since(store: Database, context: Context, start: str) -> None:
    if context.answers_start is not None and context.answers_start <= start:
        return
    context.answers = await store.claims.answers_since(
        start, published=context.published, exclude_article=context.article_id
    )
    context.answers_start = start


async def read_asked(store: Database, context: Context, asked: Sequence[Request]) -> None:
    """Read what a pass of the planner asked for and the context did not hold."""
    by_kind: dict[object, list[Request]] = {}
    for what in dict.fromkeys(asked):
        by_kind.setdefault(what[0], []).append(what)
    claims: list[int] = []
    if "match" in by_kind:
        keys = [tuple(str(t) for t in w[1]) for w in by_kind["match"]]
        found = await find_matches_many(store, keys)
        context.matches.update(zip(keys, found, strict=True))
        claims += [cid for f in found for cid, _ in f[:PREFETCH_CLAIMS]]
    tokens = sorted({t for what in by_kind.get("frequencies", []) for t in what[1]})
    await read_frequencies(store, context, tokens)
    near_claims: list[int] = []
    for what in by_kind.get("candidates", []):
        _kind, chosen, pairs = what
        near = await store.claims.candidate_keys(list(chosen), terms=len(chosen), pairs=pairs)
        context.candidates[what] = near
        near_claims += [cid for cid, _ in near]
    claims += near_claims
    for what in by_kind.get("recent_by", []):
        rows = await store.claims.recent_by(list(what[1]), about=None, since=str(what[2]))
        context.recent[what] = [row.id for row in rows]
        claims += [row.id for row in rows]
    for what in by_kind.get("recent_about", []):
        _kind, actor, since, exclude = what
        rows = await store.claims.recent_about(str(actor), since=str(since), exclude_who=exclude)
        context.recent[what] = [row.id for row in rows]
        claims += [row.id for row in rows]
    for what in by_kind.get("flags_of_kind", []):
        _kind, kind, since, day, limit = what
        flags = await store.claims.flags_of_kind(
            str(kind), since=str(since), day=str(day), limit=int(limit)
        )
        context.flags_of[what] = [seen(f) for f in flags]
        claims += [f.claim_id for f in flags]
    ids = [int(w[1]) for w in by_kind.get("claim", [])]
    await read_claims(store, context, claims + ids)
    if near_claims:
        await read_story(store, context, near_claims)
    await read_positions(store, context, [int(w[1]) for w in by_kind.get("positions", [])])
    await read_answers_before(
        store, context, [int(w[1]) for w in by_kind.get("answers_before", [])]
    )
    starts = [str(w[1]) for w in by_kind.get("answers_since", [])]
    if starts:
        await read_answers_since(store, context, min(starts))
    for what in by_kind.get("flags_on", []):
        flags = await store.claims.list_flags(claim_id=int(what[1]), limit=50)
        context.flags_on[int(what[1])] = [seen(f) for f in flags]
    articles = [int(w[1]) for w in by_kind.get("first_statement", [])]
    for start in range(0, len(articles), IN_CHUNK):
        chunk = articles[start : start + IN_CHUNK]
        first = await store.claims.first_statements(chunk)
        for article_id in chunk:
            context.first_statements[article_id] = first.get(article_id, ("", ""))
    articles = [int(w[1]) for w in by_kind.get("article_claims", [])]
    if articles:
        context.article_claims.update(await store.claims.article_claim_ids(articles))


async def read_story(store: Database, context: Context, claim_ids: Sequence[int]) -> None:
    """For claims a search found: the first statement of their articles and, for those whose
    headline tells this article's story, the claims of those articles (what the figure rules
    ask next of a claim found by its words; read now, not a pass later)."""
    articles = sorted(
        {
            found.article_id
            for cid in claim_ids
            if (found := context.claims.get(cid)) is not None
            and found.article_id != context.article_id
            and found.article_id not in context.first_statements
        }
    )
    if not articles or context.story is None:
        return
    for start in range(0, len(articles), IN_CHUNK):
        chunk = articles[start : start + IN_CHUNK]
        first = await store.claims.first_statements(chunk)
        for article_id in chunk:
            context.first_statements[article_id] = first.get(article_id, ("", ""))
    same = [
        a
        for a in articles
        if a not in context.article_claims
        and len(context.story & story_words(*context.first_statements[a])) >= STORY_SHARED
    ]
    if same:
        context.article_claims.update(await store.claims.article_claim_ids(same))
        await read_claims(
            store, context, [cid for a in same for cid in context.article_claims[a]], deep=False
        )


async def read_frequencies(store: Database, context: Context, tokens: Sequence[str]) -> None:
    unread = [t for t in tokens if t not in context.frequencies]
    for start in range(0, len(unread), IN_CHUNK):
        chunk = unread[start : start + IN_CHUNK]
        found = await store.claims.document_frequencies(chunk)
        context.frequencies.update({t: found.get(t, 0) for t in chunk})


def likely_made(context: Context, reading: Reading) -> Counter[str]:
    """How many claims the article will likely have made holding each token, by the time
    its figures and pointing-back answers search: one of each attributed assertion that
    matched no stored claim, keyed as its statement (the planner's searches count the
    article's own claims as stored ones, see ``PlannerState.candidate_keys``)."""
    made: Counter[str] = Counter()
    for st in reading.statements:
        key = reading.keys.get(st.position)
        if (
            st.stance is Stance.ASSERT
            and st.speaker is not None
            and key is not None
            and len(key) >= 2
            and not context.matches.get(tuple(key))
        ):
            made.update(set(key))
    return made


async def read_searches(
    store: Database,
    context: Context,
    searches: Sequence[tuple[Sequence[str], int, bool]],
    made: Counter[str],
) -> None:
    """The searches the planner is likely to make, with the words' rarity as stored plus
    the claims the article will likely have made (``made``): the same search it makes
    wherever that guess holds (else it asks for its own, a pass later)."""
    found: list[int] = []
    for tokens, terms, pairs in searches:
        unique = list(dict.fromkeys(tokens))
        freq = {t: context.frequencies.get(t, 0) + made[t] for t in unique}
        chosen = rarest_terms(freq, terms)
        what: Request = ("candidates", tuple(chosen), pairs)
        if not chosen or what in context.candidates:
            continue
        near = await store.claims.candidate_keys(chosen, terms=len(chosen), pairs=pairs)
        context.candidates[what] = near
        found += [cid for cid, _ in near]
    if found:
        await read_claims(store, context, found)
        await read_story(store, context, found)
