"""The pipeline: article -> statements -> claims and flags, in one transaction per article.

One async function, :func:`ingest`, serves the CLI, the bot and the feed poller. It reads
the article (pure, in a thread, before the write lock), stores it and its statements, reads
what the planner will ask of the stored world (:mod:`claimwatch.engine.gather`), plans the
article (:func:`claimwatch.matchers.planning.plan_article`: no I/O) and writes the plan,
all in the article's one transaction.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime

from claimwatch.engine.articles import prepare_text, published_iso
from claimwatch.engine.gather import plan_with_context
from claimwatch.matchers.decide import positions_from, status
from claimwatch.matchers.keys import statement_key
from claimwatch.matchers.model import Stance, Statement, who_of
from claimwatch.matchers.planning import PROVISIONAL, Plan, Reading, StatementOut, matched
from claimwatch.matchers.polarity import negated
from claimwatch.matchers.statements import StatementReader
from claimwatch.matchers.turns import denies_own_earlier, says_own_word_wrong
from claimwatch.storage.api import Database, FlagRow, NewStatement

__all__ = ["IngestResult", "StatementOut", "content_hash", "ingest"]

_Reading = Reading  # the name the tests of the planner's rules build one with


@dataclass(slots=True)
class IngestResult:
    article_id: int
    duplicate: bool
    lang: str
    statements: list[StatementOut] = field(default_factory=list)
    flags: list[FlagRow] = field(default_factory=list)
    new_claims: list[int] = field(default_factory=list)
    lookups: int = 0  # look-ups the planner waited for (see claimwatch.engine.gather)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


async def ingest(
    store: Database,
    text: str | bytes,
    *,
    source: str | None = None,
    url: str | None = None,
    published: str | datetime | None = None,
    lang: str | None = None,
    reader: StatementReader | None = None,
) -> IngestResult:
    """Read one article into the database; the same text or URL twice creates nothing new.

    Raises :class:`claimwatch.engine.articles.InputRefused` for input that is not an article.
    """
    when = published_iso(published)
    reader = reader or StatementReader()
    # Everything pure happens before the write lock is taken.
    reading = await asyncio.to_thread(_read, reader, text, lang)
    article_lang, statements, clean = reading.lang, reading.statements, reading.text
    digest = content_hash(clean)
    async with store.transaction():
        existing = await store.claims.find_article(digest, url)
        if existing is not None:
            return IngestResult(existing, True, article_lang)
        article_id = await store.claims.add_article(
            source=source,
            url=url,
            published=when,
            lang=article_lang,
            content_hash=digest,
            text=clean,
        )
        ids = await store.claims.add_statements(
            article_id,
            [
                NewStatement(
                    position=st.position,
                    text=st.text,
                    content=st.content,
                    lang=st.lang,
                    speaker=st.speaker,
                    speaker_actor=st.speaker_actor,
                    speaker_phrase=st.speaker_phrase,
                    who=who_of(st),
                    stance=st.stance.value,
                    hedged=st.hedged,
                    actors=st.actors,
                    figures=[f.to_json() for f in st.figures],
                )
                for st in statements
            ],
        )
        plan, lookups = await plan_with_context(store, article_id, when, reading, ids)
        flag_ids, made = await write_plan(store, article_id, plan)
        flags = await store.claims.get_flags(flag_ids)
    return IngestResult(article_id, False, article_lang, plan.statements, flags, made, lookups)


async def write_plan(store: Database, article_id: int, plan: Plan) -> tuple[list[int], list[int]]:
    """Write an article's plan: its claims in the order it made them (each gets the id its
    provisional one stood for), the links, the flags (an answerer's flag on a claim the
    article already raised is not raised twice: storage keeps it unique), then the status
    of every claim the article spoke about, derived from the positions now stored. Gives
    the statements their stored claims; returns the ids of the flags and of the claims."""
    ids: dict[int, int] = {}
    for index, row in enumerate(plan.new_claims):
        ids[PROVISIONAL + index] = await store.claims.add(**row.fields())

    def stored(claim_id: int) -> int:
        return ids.get(claim_id, claim_id)

    await store.claims.link_statements(
        [(ln.statement_id, stored(ln.claim_id), ln.relation, ln.score, ln.who) for ln in plan.links]
    )
    flag_ids: list[int] = []
    for flag in plan.flags:
        flag_id = await store.claims.add_flag(
            kind=flag.kind,
            claim_id=stored(flag.claim_id),
            statement_id=flag.statement_id,
            article_id=article_id,
            by_name=flag.by_name,
            by_who=flag.by_who,
            score=flag.score,
            published=flag.published,
            by_state=flag.by_state,
        )
        if flag_id is not None:
            flag_ids.append(flag_id)
    for out in plan.statements:
        if out.claim_id is not None:
            out.claim_id = stored(out.claim_id)
    touched = sorted(stored(c) for c in plan.touched)
    positions = await store.claims.statement_positions_many(touched)
    await store.claims.set_statuses(
        [
            (claim.id, status(claim.by_who, positions_from(positions[claim.id])).value)
            for claim in await store.claims.get_many(touched)
        ]
    )
    return flag_ids, [stored(c) for c in plan.made]


def _read(reader: StatementReader, raw: str | bytes, lang: str | None) -> Reading:
    """Pure work, in a thread: the event loop and the database are free meanwhile."""
    text = prepare_text(raw)
    article_lang, statements = reader.read(text, lang)
    statements = [_own_turn(st) for st in statements]
    to_match = [st for st in statements if matched(st)]
    return Reading(
        text,
        article_lang,
        statements,
        {st.position: statement_key(st) for st in to_match},
        {st.position: negated(st.content) for st in to_match},
    )


def _own_turn(st: Statement) -> Statement:
    """A speaker's sentence calling its own earlier word wrong ("what I said about P turned
    out not to be correct") retracts, whatever its verb read as; a denial measured against
    its own first account ("no fire, as stated in our initial report") says what it denies
    (see :mod:`claimwatch.matchers.turns`)."""
    if st.speaker is None:
        return st
    if st.stance in {Stance.ASSERT, Stance.CONFIRM, Stance.NONE} and says_own_word_wrong(
        st.text, st.lang
    ):
        return replace(st, stance=Stance.RETRACT)
    if st.stance is Stance.DENY and st.refers_back and denies_own_earlier(st.text, st.lang):
        return replace(st, refers_back=False)
    return st
