"""Reading what the planner will ask of the stored world, while it plans.

The planner (:mod:`claimwatch.matchers.planning`) reads a :class:`Context`, never the
database. This module reads the first stage in batches (the statements' keys -> their
matches; the best matches -> their rows and the positions earlier articles took on them),
then runs the planner. What the planner asks beyond that (a claim further down a match
list, a search whose rare words depend on the claims the article made, the answers of the
last months, the flags on a claim) is read while it waits: it runs in a worker thread and
the context's ``fill`` hook hands each miss to this module, on the transaction's task, so
the planner runs once per article and stays synchronous and pure (it only reads its
Context). A search's results come with their rows and, for the figure rules, the
headlines of their articles and the claims of those telling this story.

:func:`ask` is the other way, for tests and tools: run a call in ``collect`` mode, read
all it noted, run it again until it noted nothing (each run a *pass*).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from claimwatch.engine.matching import find_matches_many
from claimwatch.matchers.planning import (
    PREFETCH_CLAIMS,
    Context,
    KnownClaim,
    Plan,
    Reading,
    Request,
    SeenFlag,
    matched,
    plan_article,
)
from claimwatch.matchers.planning.figures_pass import STORY_SHARED
from claimwatch.matchers.planning.figures_pass import headline_words as story_words
from claimwatch.storage.api import IN_CHUNK, ClaimRow, Database, FlagRow

T = TypeVar("T")

# Runs of a call before the last, strict one (:func:`ask`): every question of a run is
# read before the next, so this bounds how deep a chain of look-ups may go.
MAX_PASSES = 8
# How often a planner thread waiting for a read checks that the engine still reads (s).
WAKE_CHECK = 0.5


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
    """The article's plan, and how many look-ups the planner waited for (see the module's
    docstring): the context's first stage is read, then the planner runs in a thread of its
    own while this task (the transaction's) reads what it asks beyond that, one piece at a
    time, so it runs once, whatever it asks."""
    context = Context(article_id, published)
    await first_stage(store, context, reading)
    with _Filling(store, context) as filling:
        plan = await filling.run(
            lambda: plan_article(context, article_id, published, reading, statement_ids)
        )
    return plan, filling.lookups


class _Filling:
    """Runs a call of the planner in a worker thread, answering its context's misses on
    this task: the thread hands a request over and waits; this task reads it (inside the
    article's transaction) and wakes the thread. A failed read, or this task cancelled,
    stops the planner with the error (it raises at the miss it waited on)."""

    def __init__(self, store: Database, context: Context) -> None:
        self.store, self.context = store, context
        self.loop = asyncio.get_running_loop()
        self.requests: asyncio.Queue[tuple[Request, threading.Event] | None] = asyncio.Queue()
        self.failed: BaseException | None = None
        self.lookups = 0

    def __enter__(self) -> _Filling:
        self.context.fill = self.fill
        return self

    def __exit__(self, *_exc: object) -> None:
        self.context.fill = None

    def fill(self, what: Request) -> None:  # on the planner's thread
        if self.failed is not None:
            raise RuntimeError("the engine stopped reading the planner's context") from self.failed
        answered = threading.Event()
        self.loop.call_soon_threadsafe(self.requests.put_nowait, (what, answered))
        # Woken when the read is done, or found stopped: a task cancelled between the check
        # above and the hand-over never reads the request, and a thread waiting for it for
        # ever would hold the executor (and the process's exit).
        while not answered.wait(WAKE_CHECK):
            if self.failed is not None:
                break
        if self.failed is not None:
            raise RuntimeError("the engine stopped reading the planner's context") from self.failed

    async def run(self, call: Callable[[], T]) -> T:
        done = self.loop.run_in_executor(None, call)
        done.add_done_callback(lambda _f: self.requests.put_nowait(None))
        waiting: threading.Event | None = None
        try:
            while (item := await self.requests.get()) is not None:
                what, waiting = item
                await read_asked(self.store, self.context, [what])
                self.lookups += 1
                waiting.set()
                waiting = None
        except BaseException as exc:
            self.failed = exc
            if waiting is not None:
                waiting.set()
            raise
        return await done


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
    """What nearly every article asks: its statements' matches, and the best of them with
    the positions earlier articles took on them (the rest is read as the planner asks)."""
    keys = list(
        dict.fromkeys(tuple(reading.keys[st.position]) for st in reading.statements if matched(st))
    )
    found = await find_matches_many(store, keys)
    context.matches.update(zip(keys, found, strict=True))
    best = [cid for f in found for cid, _ in f[:PREFETCH_CLAIMS]]
    await read_claims(store, context, best)
    lead = min(reading.statements, key=lambda st: st.position, default=None)
    context.story = story_words(lead.text, lead.lang) if lead is not None else frozenset()


async def read_claims(
    store: Database, context: Context, claim_ids: Iterable[int], *, deep: bool = True
) -> None:
    """Rows of the claims not read yet, with (``deep``) the positions earlier articles took
    on them (what a matched claim is asked next)."""
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
    await read_claims(
        store, context, [c for w in by_kind.get("claims", []) for c in w[1]], deep=False
    )
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
