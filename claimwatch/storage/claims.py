"""The claims repository (SQLite): articles, statements, claims, the links between them,
flags, and the look-ups that find claims (the FTS5 index, the prefix index).

The claims a statement can match come from a prefix index (FTS5, migration 0005): each
claim lists the tokens that can be among those a match must share, so reading a
statement's tokens there finds every claim that can reach the threshold without reading any
claim that only shares a common word (:meth:`SQLiteClaims.match_candidates`; storage/prefix.py,
which also holds the copy in memory a busy process reads instead). The FTS5 index over whole
keys answers the ranked look-ups (:meth:`SQLiteClaims.candidate_keys`: searches, resolving
who is answered).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from claimwatch.matchers.candidates import SEARCH_LIMIT, rarest_terms
from claimwatch.storage.api import IN_CHUNK
from claimwatch.storage.prefix import candidates_query, memory_candidates, prefix_candidates
from claimwatch.storage.rows import ClaimRow, FlagRow, NewStatement, StatementRow, now_iso
from claimwatch.storage.schema import migration_sql, split_sql

if TYPE_CHECKING:
    from claimwatch.storage.database import SQLiteDatabase

# candidate_keys: one FTS query, any two of the five rarest key tokens, best BM25 first.
# It found matches for the engine until the prefix index below; measured with
# tests/benchmarks/bench_match.py at 1,000,000 claims: pairs of the 5 rarest
# took 176 ms per article and found 0.88 of the brute-force matches; the 4 rarest OR-ed,
# 276 ms and 0.80 (BM25 then ranks every row holding one common word); 6 rarest in pairs
# cost 60 % more time at 100,000 claims for 0.977 instead of 0.968. Reading every claim
# that holds a rare token, unranked, was four times slower. Leaving out tokens in more than
# 20,000 claims halved the median at a million but made the slowest articles 2.5 s and
# recall 0.79.
CANDIDATE_TERMS = 5
CANDIDATE_LIMIT = SEARCH_LIMIT


def fts_any_two(tokens: Sequence[str]) -> str:
    """An FTS5 query for rows holding at least two of ``tokens`` (one, if only one is given).

    A claim must share two key tokens with a statement to score at all, so pairs lose no
    match among these tokens, and BM25 then ranks a few rows instead of every row that
    holds one common word.
    """
    quoted = [quote_fts(t) for t in tokens]
    if len(quoted) < 2:
        return " OR ".join(quoted)
    return " OR ".join(f"({a} AND {b})" for a, b in itertools.combinations(quoted, 2))


def quote_fts(token: str) -> str:
    """A token as an FTS5 string, so OR/NOT/NEAR are plain words."""
    return '"' + token.replace('"', '""') + '"'


_CLAIM_COLS = (
    "c.id, c.text, c.key, c.lang, c.by_name, c.by_who, c.actors, c.figures, c.status, "
    "c.article_id, c.first_seen, c.updated_at, c.by_phrase"
)
_STATEMENT_COLS = (
    "s.id, s.article_id, s.position, s.text, s.content, s.lang, s.speaker, s.who, s.stance, "
    "s.actors, s.figures, s.claim_id, s.relation, s.score, a.published, a.source, a.url"
)
# A flag with what it quotes; the names are those :func:`flag_row` reads.
FLAG_COLS = """
    f.id AS flag_id, f.kind AS flag_kind, f.claim_id AS flag_claim_id,
    c.text AS claim_text, c.by_name AS claim_by, f.statement_id AS flag_statement_id,
    s.text AS statement_text, f.by_name AS flag_by, f.score AS flag_score,
    f.published AS flag_published, a.source AS article_source, a.url AS article_url"""
FLAG_JOINS = """
    JOIN claims c ON c.id = f.claim_id
    JOIN statements s ON s.id = f.statement_id
    JOIN articles a ON a.id = f.article_id"""
_FLAG_SELECT = f"SELECT {FLAG_COLS} FROM flags f {FLAG_JOINS}"


def claim_row(row: sqlite3.Row) -> ClaimRow:
    return ClaimRow(
        id=row["id"],
        text=row["text"],
        key=row["key"].split(),
        lang=row["lang"],
        by_name=row["by_name"],
        by_who=row["by_who"],
        actors=json.loads(row["actors"]),
        figures=json.loads(row["figures"]),
        status=row["status"],
        article_id=row["article_id"],
        first_seen=row["first_seen"],
        updated_at=row["updated_at"],
        by_phrase=row["by_phrase"],
    )


def statement_row(row: sqlite3.Row) -> StatementRow:
    return StatementRow(
        id=row["id"],
        article_id=row["article_id"],
        position=row["position"],
        text=row["text"],
        content=row["content"],
        lang=row["lang"],
        speaker=row["speaker"],
        who=row["who"],
        stance=row["stance"],
        actors=json.loads(row["actors"]),
        figures=json.loads(row["figures"]),
        claim_id=row["claim_id"],
        relation=row["relation"],
        score=row["score"],
        published=row["published"],
        source=row["source"],
        url=row["url"],
    )


def flag_row(row: sqlite3.Row) -> FlagRow:
    """A row of :data:`FLAG_COLS`."""
    return FlagRow(
        id=row["flag_id"],
        kind=row["flag_kind"],
        claim_id=row["flag_claim_id"],
        claim_text=row["claim_text"],
        claim_by=row["claim_by"],
        statement_id=row["flag_statement_id"],
        statement_text=row["statement_text"],
        by=row["flag_by"],
        score=row["flag_score"],
        published=row["flag_published"],
        source=row["article_source"],
        url=row["article_url"],
    )


def _key_of(row: sqlite3.Row) -> tuple[int, list[str]]:
    return row["id"], row["key"].split()


class SQLiteClaims:
    """Articles, statements, claims, links and flags (api.ClaimsRepository)."""

    def __init__(self, db: SQLiteDatabase) -> None:
        self._db = db

    # -- articles ----------------------------------------------------------------------
    async def find_article(self, content_hash: str, url: str | None) -> int | None:
        row = await self._db.fetch_one(
            "SELECT id FROM articles WHERE content_hash = ? OR (url IS NOT NULL AND url = ?)"
            " LIMIT 1",
            (content_hash, url),
        )
        return int(row["id"]) if row else None

    async def article_by_url(self, url: str) -> int | None:
        row = await self._db.fetch_one("SELECT id FROM articles WHERE url = ?", (url,))
        return int(row["id"]) if row else None

    async def article_source(self, article_id: int) -> tuple[str | None, str | None]:
        """(source, url) of an article, for linking a claim to where it was made."""
        row = await self._db.fetch_one(
            "SELECT source, url FROM articles WHERE id = ?", (article_id,)
        )
        return (row["source"], row["url"]) if row else (None, None)

    async def add_article(
        self,
        *,
        source: str | None,
        url: str | None,
        published: str,
        lang: str,
        content_hash: str,
        text: str,
    ) -> int:
        cur = await self._db.execute(
            "INSERT INTO articles (source, url, published, ingested_at, lang, content_hash, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (source, url, published, now_iso(), lang, content_hash, text),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    # -- statements --------------------------------------------------------------------
    async def add_statements(
        self, article_id: int, statements: Sequence[NewStatement]
    ) -> dict[int, int]:
        """Store an article's statements in one hand-off to the database; returns their ids
        by position (13,000 statements of a long article cost 2 s one by one)."""
        await self._db.executemany(
            "INSERT INTO statements (article_id, position, text, content, lang, speaker,"
            " speaker_actor, who, stance, hedged, actors, figures, speaker_phrase)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    st.position,
                    st.text,
                    st.content,
                    st.lang,
                    st.speaker,
                    st.speaker_actor,
                    st.who,
                    st.stance,
                    int(st.hedged),
                    json.dumps(list(st.actors)),
                    json.dumps(list(st.figures), ensure_ascii=False),
                    st.speaker_phrase,
                )
                for st in statements
            ],
        )
        rows = await self._db.fetch_all(
            "SELECT position, id FROM statements WHERE article_id = ?", (article_id,)
        )
        return {r["position"]: r["id"] for r in rows}

    async def link_statements(
        self, links: Sequence[tuple[int, int, str, float, str | None]]
    ) -> None:
        """Link statements to their claims: (statement, claim, relation, score, who). ``who``
        is the speaker's identity as the decision resolved it ("the Health Ministry" = the
        claim's "Indonesia's Health Ministry"), so the claim's status counts the statement
        under the right speaker."""
        await self._db.executemany(
            "UPDATE statements SET claim_id = ?, relation = ?, score = ?, who = COALESCE(?, who)"
            " WHERE id = ?",
            [(claim, relation, score, who, sid) for sid, claim, relation, score, who in links],
        )

    async def statement_positions(
        self, claim_id: int, *, exclude_article: int | None = None
    ) -> list[tuple[str, str, str | None]]:
        """(who, relation, speaker phrase) of every attributed statement on a claim, oldest
        first."""
        rows = await self._db.fetch_all(
            "SELECT s.who, s.relation, s.speaker_phrase FROM statements s"
            " JOIN articles a ON a.id = s.article_id"
            " WHERE s.claim_id = ? AND s.who IS NOT NULL AND s.article_id IS NOT ?"
            " ORDER BY a.published, s.id",
            (claim_id, exclude_article),
        )
        return [(r["who"], r["relation"], r["speaker_phrase"]) for r in rows]

    async def statement_positions_many(
        self, claim_ids: Sequence[int], *, exclude_article: int | None = None
    ) -> dict[int, list[tuple[str, str, str | None]]]:
        """:meth:`statement_positions` of many claims in a few round trips (an article that
        made 12,000 claims derives 12,000 statuses)."""
        out: dict[int, list[tuple[str, str, str | None]]] = {cid: [] for cid in claim_ids}
        for start in range(0, len(claim_ids), IN_CHUNK):
            chunk = list(claim_ids[start : start + IN_CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(
                "SELECT s.claim_id, s.who, s.relation, s.speaker_phrase FROM statements s"
                " JOIN articles a ON a.id = s.article_id"
                f" WHERE s.claim_id IN ({marks}) AND s.who IS NOT NULL AND s.article_id IS NOT ?"
                " ORDER BY s.claim_id, a.published, s.id",
                [*chunk, exclude_article],
            )
            for r in rows:
                out[r["claim_id"]].append((r["who"], r["relation"], r["speaker_phrase"]))
        return out

    async def claim_statements(self, claim_id: int) -> list[StatementRow]:
        rows = await self._db.fetch_all(
            f"SELECT {_STATEMENT_COLS} FROM statements s JOIN articles a ON a.id = s.article_id"
            " WHERE s.claim_id = ?"
            " ORDER BY a.published, s.article_id, s.relation = 'new' DESC, s.position",
            (claim_id,),
        )
        return [statement_row(r) for r in rows]

    async def first_statements(self, article_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """(text, language) of each article's first statement, its headline or lead: the
        figure pass reads them for many earlier articles, in one round trip."""
        out: dict[int, tuple[str, str]] = {}
        ids = list(article_ids)
        for start in range(0, len(ids), IN_CHUNK):
            chunk = ids[start : start + IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(
                "SELECT s.article_id, s.text, s.lang FROM statements s WHERE s.id IN ("
                " SELECT (SELECT t.id FROM statements t WHERE t.article_id = a.id"
                "         ORDER BY t.position, t.id LIMIT 1)"
                f" FROM articles a WHERE a.id IN ({marks}))",
                chunk,
            )
            out.update({r["article_id"]: (r["text"], r["lang"]) for r in rows})
        return out

    async def article_claim_ids(self, article_ids: Sequence[int]) -> dict[int, list[int]]:
        """The claims each article's statements are linked to (ids, ascending)."""
        out: dict[int, list[int]] = {aid: [] for aid in article_ids}
        ids = list(article_ids)
        for start in range(0, len(ids), IN_CHUNK):
            chunk = ids[start : start + IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(
                "SELECT DISTINCT article_id, claim_id FROM statements"
                f" WHERE article_id IN ({marks}) AND claim_id IS NOT NULL"
                " ORDER BY article_id, claim_id",
                chunk,
            )
            for r in rows:
                out[r["article_id"]].append(r["claim_id"])
        return out

    # -- claims ------------------------------------------------------------------------
    async def add(
        self,
        *,
        text: str,
        key: Sequence[str],
        lang: str,
        by_name: str,
        by_who: str | None,
        actors: Sequence[str],
        figures: Sequence[dict[str, Any]],
        article_id: int,
        first_seen: str,
        by_phrase: str | None = None,
        by_state: str | None = None,
    ) -> int:
        """A new claim's id. ``by_state``: the state or organisation ``by_who`` speaks for,
        where it is not itself (who follows that state hears of the claim)."""
        stamp = now_iso()
        cur = await self._db.execute(
            "INSERT INTO claims (text, key, lang, by_name, by_who, actors, figures, status,"
            " article_id, first_seen, updated_at, by_phrase, by_state)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 'asserted', ?, ?, ?, ?, ?)",
            (
                text,
                " ".join(dict.fromkeys(key)),  # each token once: matching counts on it
                lang,
                by_name,
                by_who,
                json.dumps(list(actors)),
                json.dumps(list(figures), ensure_ascii=False),
                article_id,
                first_seen,
                stamp,
                by_phrase,
                by_state if by_state != by_who else None,
            ),
        )
        claim_id = cur.lastrowid
        assert claim_id is not None
        if actors:  # each hand-off to the database's thread costs, even an empty one
            await self._db.executemany(
                "INSERT OR IGNORE INTO claim_actors (actor, claim_id) VALUES (?, ?)",
                [(actor, claim_id) for actor in actors],
            )
        await self._count_terms(Counter(set(key)))
        return claim_id

    async def _count_terms(self, counts: Counter[str]) -> None:
        await self._db.executemany(
            "INSERT INTO key_terms (term, df) VALUES (?, ?)"
            " ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
            counts.items(),
        )

    async def bulk_add(
        self, rows: Iterable[tuple[str, Sequence[str], str, str]], *, article_id: int
    ) -> None:
        """Many claims at once (text, key, lang, by_name): for backfills and benchmarks."""
        stamp = now_iso()
        counts: Counter[str] = Counter()
        batch = []
        for text, key, lang, by_name in rows:
            counts.update(set(key))
            distinct = " ".join(dict.fromkeys(key))
            batch.append((text, distinct, lang, by_name, article_id, stamp, stamp))
        await self._db.executemany(
            "INSERT INTO claims (text, key, lang, by_name, by_who, actors, figures, status,"
            " article_id, first_seen, updated_at)"
            " VALUES (?, ?, ?, ?, NULL, '[]', '[]', 'asserted', ?, ?, ?)",
            batch,
        )
        await self._count_terms(counts)

    async def set_status(self, claim_id: int, status: str) -> None:
        await self.set_statuses([(claim_id, status)])

    async def set_statuses(self, statuses: Sequence[tuple[int, str]]) -> None:
        stamp = now_iso()
        await self._db.executemany(
            "UPDATE claims SET status = ?, updated_at = ? WHERE id = ?",
            [(status, stamp, claim_id) for claim_id, status in statuses],
        )

    async def get(self, claim_id: int) -> ClaimRow | None:
        row = await self._db.fetch_one(
            f"SELECT {_CLAIM_COLS} FROM claims c WHERE c.id = ?", (claim_id,)
        )
        return claim_row(row) if row else None

    async def get_many(self, ids: Iterable[int]) -> list[ClaimRow]:
        ids = list(ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = await self._db.fetch_all(
            f"SELECT {_CLAIM_COLS} FROM claims c WHERE c.id IN ({marks})", ids
        )
        by_id = {r["id"]: claim_row(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    async def recent_by(
        self, who: Sequence[str], *, about: str | None, since: str, limit: int = 20
    ) -> list[ClaimRow]:
        """Claims made by any of ``who`` since a time, optionally about one actor; newest first."""
        if not who:
            return []
        marks = ",".join("?" * len(who))
        params: list[Any] = [*who, since]
        about_sql = ""
        if about is not None:
            about_sql = (
                " AND EXISTS (SELECT 1 FROM claim_actors ca"
                " WHERE ca.claim_id = c.id AND ca.actor = ?)"
            )
            params.append(about)
        params.append(limit)
        rows = await self._db.fetch_all(
            f"SELECT {_CLAIM_COLS} FROM claims c WHERE c.by_who IN ({marks})"
            f" AND c.first_seen >= ?{about_sql} ORDER BY c.first_seen DESC, c.id DESC LIMIT ?",
            params,
        )
        return [claim_row(r) for r in rows]

    async def recent_about(
        self, actor: str, *, since: str, exclude_who: str | None, limit: int = 20
    ) -> list[ClaimRow]:
        """Claims about an actor (made by someone else) since a time; newest first."""
        rows = await self._db.fetch_all(
            f"SELECT {_CLAIM_COLS} FROM claim_actors ca JOIN claims c ON c.id = ca.claim_id"
            " WHERE ca.actor = ? AND c.first_seen >= ? AND c.by_who IS NOT ?"
            " ORDER BY c.first_seen DESC, c.id DESC LIMIT ?",
            (actor, since, exclude_who, limit),
        )
        return [claim_row(r) for r in rows]

    async def latest(self, *, limit: int = 20, offset: int = 0) -> list[ClaimRow]:
        """Claims, the most recently changed first."""
        rows = await self._db.fetch_all(
            f"SELECT {_CLAIM_COLS} FROM claims c ORDER BY c.updated_at DESC, c.id DESC"
            " LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [claim_row(r) for r in rows]

    async def active_actors(self, limit: int = 8) -> list[tuple[str, int]]:
        """Actors of the most claims, for the /subscribe buttons."""
        rows = await self._db.fetch_all(
            "SELECT actor, COUNT(*) AS claims FROM claim_actors GROUP BY actor"
            " ORDER BY claims DESC, actor LIMIT ?",
            (limit,),
        )
        return [(r["actor"], r["claims"]) for r in rows]

    async def counts(self) -> dict[str, int]:
        """Rows of the engine's tables: articles, statements, claims, flags."""
        out = {}
        for table in ("articles", "statements", "claims", "flags"):
            row = await self._db.fetch_one(f"SELECT COUNT(*) AS n FROM {table}")
            out[table] = int(row["n"]) if row else 0
        return out

    # -- finding claims ----------------------------------------------------------------
    async def document_frequencies(self, tokens: Sequence[str]) -> dict[str, int]:
        if not tokens:
            return {}
        marks = ",".join("?" * len(tokens))
        rows = await self._db.fetch_all(
            f"SELECT term, df FROM key_terms WHERE term IN ({marks})", list(tokens)
        )
        return {r["term"]: r["df"] for r in rows}

    async def candidate_keys(
        self,
        tokens: Sequence[str],
        *,
        terms: int | None = None,
        limit: int | None = None,
        pairs: bool = True,
    ) -> list[tuple[int, list[str]]]:
        """(id, key) of the claims sharing two (or, without ``pairs``, one) of the rarest of
        ``tokens``, best BM25 first.

        Two statements on purpose: one that picks the rarest tokens inside the FTS query
        (a subquery on key_terms) was planned worse and took twice as long.
        """
        freq = await self.document_frequencies(list(dict.fromkeys(tokens)))
        chosen = rarest_terms(freq, terms or CANDIDATE_TERMS)
        if not chosen:
            return []
        rows = await self._db.fetch_all(
            "SELECT c.id, c.key FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid"
            " WHERE claims_fts MATCH ? ORDER BY claims_fts.rank LIMIT ?",
            (
                fts_any_two(chosen) if pairs else " OR ".join(quote_fts(t) for t in chosen),
                limit or CANDIDATE_LIMIT,
            ),
        )
        return [_key_of(r) for r in rows]

    async def match_candidates(self, tokens: Sequence[str]) -> list[tuple[int, list[str]]]:
        """(id, key) of every claim that can score >= MATCH_THRESHOLD against ``tokens``:
        those holding two of them within the claim's prefix for this statement length
        (the prefix index of migration 0005; see storage/prefix.py). In claim id order."""
        return (await self.match_candidates_many([tokens]))[0]

    async def match_candidates_many(
        self, keys: Sequence[Sequence[str]]
    ) -> list[list[tuple[int, list[str]]]]:
        """:meth:`match_candidates` of many statements in one hand-off to the database
        thread (each hand-off costs 0.1-0.2 ms). One SQL statement for all of them was
        slower, 26 ms against 19 (raw sqlite3): a compound SELECT of 300 parts is compiled
        anew for every article.

        Reads the copy in memory once loaded (see :meth:`SQLiteDatabase.load_memory_index`),
        else FTS5; on the database thread (:meth:`SQLiteDatabase.run_on_connection`), so it
        sees the current transaction's claims; without that thread, one call per statement.
        """
        db = self._db
        db.note_lookups(len(keys))
        memory = db.memory_index
        if memory is not None:
            found = await db.run_on_connection(lambda conn: memory_candidates(conn, memory, keys))
            if found is not None:
                return found
            db.drop_memory()  # a claim changed or went: load again, FTS5 meanwhile
            db.note_lookups(0)
        looked_up = await db.run_on_connection(lambda conn: prefix_candidates(conn, keys))
        if looked_up is None:
            return [await self._candidates(key) for key in keys]
        return looked_up

    async def _candidates(self, key: Sequence[str]) -> list[tuple[int, list[str]]]:
        query = candidates_query(key)
        rows = await self._db.fetch_all(*query) if query else []
        return sorted(_key_of(r) for r in rows)

    async def rebuild_prefix_index(self) -> None:
        """Rank every claim's tokens by today's document frequencies and merge the index.

        Finding candidates never depends on the order (see PREFIX_CAP), only how few
        postings are read: worth running after a bulk load into an empty database, whose
        first claims were ranked without frequencies, or after the vocabulary drifted.
        """
        backfill = split_sql(migration_sql("0005_prefix_index.sql"))[-1]
        async with self._db.transaction():
            await self._db.execute("DELETE FROM claims_prefix")
            await self._db.execute(backfill)
            await self._db.execute("INSERT INTO claims_prefix (claims_prefix) VALUES ('optimize')")

    # -- flags -------------------------------------------------------------------------
    async def add_flag(
        self,
        *,
        kind: str,
        claim_id: int,
        statement_id: int,
        article_id: int,
        by_name: str,
        by_who: str,
        score: float,
        published: str,
        by_state: str | None = None,
    ) -> int | None:
        """The new flag's id, or None where this article already raised the same flag: the
        same kind on the same claim by the same answerer (``by_who``; two answerers of one
        claim in one article raise a flag each, migration 0011). ``by_state``: the state or
        organisation the answerer speaks for, where it is not itself (the alerts of chats
        following that state are queued by the insert)."""
        cur = await self._db.execute(
            "INSERT OR IGNORE INTO flags (kind, claim_id, statement_id, article_id, by_name,"
            " by_who, score, published, created_at, by_state)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                kind,
                claim_id,
                statement_id,
                article_id,
                by_name,
                by_who,
                score,
                published,
                now_iso(),
                by_state if by_state != by_who else None,
            ),
        )
        return cur.lastrowid if cur.rowcount == 1 else None

    async def answers_before(
        self, claim_ids: Sequence[int], *, published: str, exclude_article: int
    ) -> list[tuple[str, int, str, str, list[float]]]:
        """(kind, claim id, answerer id, answerer as written, the figures' values of the
        statement quoted) of the flags other articles published no later than ``published``
        raised on these claims: the names let a re-report under another wording ("Health
        Ministry", "Kemenkes") be recognised, the values a figure retold."""
        out: list[tuple[str, int, str, str, list[float]]] = []
        claim_ids = list(claim_ids)
        for start in range(0, len(claim_ids), IN_CHUNK):
            chunk = claim_ids[start : start + IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(
                "SELECT f.kind, f.claim_id, f.by_who, f.by_name, s.figures FROM flags f"
                " JOIN statements s ON s.id = f.statement_id"
                f" WHERE f.claim_id IN ({marks}) AND f.article_id != ? AND f.published <= ?",
                [*chunk, exclude_article, published],
            )
            out.extend(
                (
                    r["kind"],
                    r["claim_id"],
                    r["by_who"],
                    r["by_name"],
                    [float(f["value"]) for f in json.loads(r["figures"])],
                )
                for r in rows
            )
        return out

    async def answers_since(
        self, since: str, *, published: str, exclude_article: int
    ) -> list[tuple[str, int, str, str, str]]:
        """(kind, claim id, answerer id, answerer as written, when the answer was given) of
        the flags other articles raised on answers given between ``since`` and
        ``published``: an answer made on a day already reported is being retold."""
        rows = await self._db.fetch_all(
            "SELECT kind, claim_id, by_who, by_name, published FROM flags"
            " WHERE published >= ? AND published <= ? AND article_id != ?",
            [since, published, exclude_article],
        )
        return [(r["kind"], r["claim_id"], r["by_who"], r["by_name"], r["published"]) for r in rows]

    async def get_flag(self, flag_id: int) -> FlagRow | None:
        found = await self.get_flags([flag_id])
        return found[0] if found else None

    async def get_flags(self, ids: Iterable[int]) -> list[FlagRow]:
        ids = list(ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = await self._db.fetch_all(
            f"{_FLAG_SELECT} WHERE f.id IN ({marks}) ORDER BY f.id", ids
        )
        return [flag_row(r) for r in rows]

    async def list_flags(
        self, *, since: str | None = None, claim_id: int | None = None, limit: int = 100
    ) -> list[FlagRow]:
        where: list[str] = []
        params: list[object] = []
        if since:
            where.append("f.published >= ?")
            params.append(since)
        if claim_id is not None:
            where.append("f.claim_id = ?")
            params.append(claim_id)
        sql = _FLAG_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        rows = await self._db.fetch_all(
            sql + " ORDER BY f.published DESC, f.id DESC LIMIT ?", [*params, limit]
        )
        return [flag_row(r) for r in rows]

    async def flags_of_kind(self, kind: str, *, since: str, day: str, limit: int) -> list[FlagRow]:
        """The newest ``limit`` flags of one kind published from ``since`` to the end of
        ``day`` (an ISO date): what an article of that day may know of, however many flags
        of other kinds, or of later days (a backfill), the table holds. The end is "before
        the next day" (``published < next``), so the index on ``published`` bounds both ends
        (``substr(published, 1, 10) <= day`` would read every later row too)."""
        next_day = (date.fromisoformat(day[:10]) + timedelta(days=1)).isoformat()
        rows = await self._db.fetch_all(
            _FLAG_SELECT + " WHERE f.kind = ? AND f.published >= ? AND f.published < ?"
            " ORDER BY f.published DESC, f.id DESC LIMIT ?",
            (kind, since, next_day, limit),
        )
        return [flag_row(r) for r in rows]
