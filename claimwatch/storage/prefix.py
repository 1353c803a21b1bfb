"""The prefix index (migration 0005): every claim a statement can match, and nothing else.

Two readers of the same postings: SQL over FTS5 (:func:`prefix_candidates`, what one-shot
commands and a fresh process use) and :class:`MemoryPrefixIndex`, a copy in memory for a
process that matches many statements (the bot, bulk ingests, the benchmark).
"""

from __future__ import annotations

import json
import re
import sqlite3
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from claimwatch.matchers.candidates import overlap_needed

# A match scores sqrt(dice * containment) >= 50 (similarity.combine, MATCH_THRESHOLD) and
# shares s >= 2 tokens; with m and n distinct tokens that is 8 s^2 >= (m + n) min(m, n).
# A claim of n tokens sharing s then has at least two shared tokens among its n - s + 2
# rarest, whatever order "rarest" is taken in (n - s tokens are not shared), so its token of
# rank r can be one of them only for statements short enough that the least s they need is
# at most n - r + 2; that bound is the token's reach, stored with it as "<token>~<99-reach>".
# A statement of m tokens reads, for each of its tokens, the terms "~00".."~<99-m>" and keeps
# the claims read at least twice: no claim that can score >= 50 is left out (AllPairs'
# prefix filter, one-sided, so a claim's order may be its document frequencies at insert).
# Measured with tests/benchmarks/bench_match.py (recall 1.0 at both sizes, against 0.968 and
# 0.884 for candidate_keys): at 100,000 claims 1,130 postings read and 8.8 candidates a
# sentence; through FTS5 26-28 ms an article against 119 ms brute force; at 1,000,000,
# 7,600 postings, 53 candidates, 123 ms against 1,490 ms (README "Performance" has the copy
# in memory). Through FTS5 most of the time is reading postings (about 0.4 us each through
# fts5vocab; as FTS5 MATCH queries, per token or one "two of these" expression, 2.4 and 12
# times slower): recall 0.99 needs them all (leaving
# out a token's postings when it has more than 1,000 / 500 / 300 gave 0.993 / 0.959 / 0.925
# for 1 / 15 / 41 % fewer; reading only the statement's 4 / 5 / 6 rarest tokens, 0.962 /
# 0.969 / 0.977). Rejected: a reach for one shared token (n - s + 1 rarest): half the postings
# but 550 candidates a sentence to score; bounding the claim's length by the statement's own
# prefix too (PPJoin; needs one order on both sides): as one range per token, median 830
# postings but p90 2,190 against 1,820. A plain (term, claim) WITHOUT ROWID table read the
# same postings in 14.3 ms an article against 18.5 (raw sqlite3), 19 MB per 100,000 claims.
PREFIX_CAP = 99  # statement lengths are capped here (tags have two digits)
PREFIX_MAX_KEY = 64  # longer claim keys list every token for every statement (migration 0005)
_PLAIN_TOKEN = re.compile(r"[0-9a-z_]+")
_UNION_LIMIT = 400  # ranges in one query; SQLite allows 500 SELECTs in one compound


def prefix_reach(rank: int, n: int) -> int:
    """The longest statement (<= PREFIX_CAP) for which a claim's token of this rank (1 =
    rarest) of n can be one of two shared tokens the match needs; 0 for none."""
    best = 0
    for m in range(2, PREFIX_CAP + 1):
        need = overlap_needed(m, n)
        if need is not None and rank <= n - need + 2:
            best = m
    return best


@lru_cache(maxsize=200_000)
def prefix_term(token: str) -> str:
    """A key token as one FTS5 token of the prefix index (others as '~' and hex)."""
    if _PLAIN_TOKEN.fullmatch(token):
        return token
    return "~" + token.encode("utf-8").hex()


def prefix_ranges(tokens: Sequence[str]) -> list[tuple[str, str]]:
    """The term ranges of the prefix index that a statement with these key tokens reads."""
    distinct = list(dict.fromkeys(tokens))
    top = f"~{PREFIX_CAP - min(len(distinct), PREFIX_CAP):02d}"
    return [(prefix_term(t) + "~00", prefix_term(t) + top) for t in distinct]


def _prefix_sql(ranges: int) -> str:
    """Claims read at least twice over ``ranges`` term ranges of the prefix index."""
    one = "SELECT doc FROM claims_prefix_terms WHERE term >= ? AND term <= ?"
    return (
        f"SELECT c.id, c.key FROM (SELECT doc FROM ({' UNION ALL '.join([one] * ranges)})"
        " GROUP BY doc HAVING count(*) >= 2) p JOIN claims c ON c.id = p.doc"
    )


# A statement with more ranges than one compound SELECT allows (a pasted text): slower per
# posting (the bounds are rechecked per row through json_extract), but of any length.
_PREFIX_SQL_LONG = (
    "SELECT c.id, c.key FROM (SELECT v.doc FROM json_each(?) r"
    " CROSS JOIN claims_prefix_terms v ON v.term >= json_extract(r.value, '$[0]')"
    " AND v.term <= json_extract(r.value, '$[1]') GROUP BY v.doc HAVING count(*) >= 2) p"
    " JOIN claims c ON c.id = p.doc"
)


def candidates_query(key: Sequence[str]) -> tuple[str, list[str]] | None:
    """The SQL (and its parameters) reading a statement's candidates from FTS5; None when
    the key is too short to match anything."""
    ranges = prefix_ranges(key) if len(key) >= 2 else []
    if not ranges:
        return None
    if len(ranges) > _UNION_LIMIT:
        return _PREFIX_SQL_LONG, [json.dumps(ranges)]
    return _prefix_sql(len(ranges)), [b for r in ranges for b in r]


def prefix_candidates(
    conn: sqlite3.Connection, keys: Sequence[Sequence[str]]
) -> list[list[tuple[int, list[str]]]]:
    """:meth:`SQLiteClaims.match_candidates` of each key on a plain connection (rows by
    name: ``sqlite3.Row``), in claim id order."""
    out = []
    for key in keys:
        query = candidates_query(key)
        rows = conn.execute(*query).fetchall() if query else []
        out.append(sorted((r["id"], r["key"].split()) for r in rows))
    return out


# -- the same postings in memory -------------------------------------------------------------
# Through FTS5 each posting costs about 0.4 us (fts5vocab hands them over one row at a time)
# and recall >= 0.99 needs all ~1,100 a sentence reads at 100,000 claims: about 25 ms an
# article. In memory a token's postings for a statement length are one slice of bytes, and
# an article's candidates are counted and checked in a few numpy calls: about 4 ms, keying
# included (README "Performance"). The copy costs memory (about 10 MiB of arrays per 100,000
# claims) and a load (about 1.2 s per 100,000 claims), so a process loads it only once it
# has matched enough statements to gain from it (SQLiteDatabase.MEMORY_INDEX_AFTER) or when
# asked (SQLiteDatabase.load_memory_index).
def _postings_by_token(
    rows: Iterable[tuple[int, str]],
) -> tuple[dict[str, tuple[np.ndarray, np.ndarray]], int]:
    """(token -> (tags, claim ids) sorted by tag then id, highest claim id read) of rows of
    ``claims_prefix`` (rowid, terms). Compact arrays while reading: a million claims are
    ten million postings."""
    ids: dict[str, int] = {}
    tok, tag, doc = array("i"), array("B"), array("i")
    mark = 0
    for rowid, terms in rows:
        mark = max(mark, rowid)
        for term in terms.split():
            token, _, value = term.rpartition("~")  # "<token>~<tag>"
            tok.append(ids.setdefault(token, len(ids)))
            tag.append(int(value))
            doc.append(rowid)
    if not ids:
        return {}, mark
    toks = np.frombuffer(tok, dtype=np.int32)
    tags = np.frombuffer(tag, dtype=np.uint8)
    docs = np.frombuffer(doc, dtype=np.int32)
    order = np.lexsort((docs, tags, toks))
    toks, tags, docs = toks[order], tags[order], docs[order]
    bounds = np.searchsorted(toks, np.arange(len(ids) + 1)).tolist()
    return {
        token: (tags[bounds[i] : bounds[i + 1]], docs[bounds[i] : bounds[i + 1]])
        for token, i in ids.items()
    }, mark


class MemoryPrefixIndex:
    """The prefix index's postings and the claims' keys in memory, following the claims
    table by claim id (the keys, so that scoring the candidates reads nothing either).

    Claims are only ever inserted (keys never change), so before each look-up the copy
    reads the rows above the highest claim id it holds (:meth:`catch_up`), on the
    connection that looks up: it sees that connection's uncommitted claims and other
    processes' committed ones. After a rollback the mark goes back (:meth:`rewind`) and
    the keys above it are forgotten, as the rolled-back ids will be used again. Postings
    left behind by a rolled-back claim can only add a candidate, which is then scored by the
    key of the claim now under that id, or dropped; they never hide one. A rebuild of the
    FTS5 index ranks tokens anew; the copy keeps the old ranks, which find the same claims
    (any order does, see the derivation above). Should a claim's key change or a claim go
    (the engine does neither; migration 0008 counts it), the copy is stale and
    :meth:`catch_up` says so.
    """

    def __init__(self) -> None:
        # token -> (tags ascending, one byte each, for bisect; claim ids aligned with them,
        # int32): bytes, as a slice of bytes and one join cost less than numpy views.
        self._lists: dict[str, tuple[bytes, bytes]] = {}
        self._pending: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
        self.mark = 0  # the highest claim id read
        self.postings = 0
        self.generation = 0
        # Keys as token numbers in one array; claim id -> (start, end) at [2 id], [2 id + 1].
        self._vocab: dict[str, int] = {}
        self._words: list[str] = []
        self._key_tokens = array("i")
        self._key_spans = array("q")

    @property
    def nbytes(self) -> int:
        """The postings' arrays (what grows with the claims; dict overhead aside)."""
        merged = sum(len(t) + len(d) for t, d in self._lists.values())
        waiting = sum(t.nbytes + d.nbytes for parts in self._pending.values() for t, d in parts)
        keys = self._key_tokens.itemsize * len(self._key_tokens)
        keys += self._key_spans.itemsize * len(self._key_spans)
        return merged + waiting + keys

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> MemoryPrefixIndex:
        index = cls()
        index.generation = _generation(conn)
        lists, index.mark = _postings_by_token(
            conn.execute("SELECT rowid, terms FROM claims_prefix")
        )
        for token, (tags, docs) in lists.items():  # sorted already: nothing left to merge
            index._lists[token] = (tags.tobytes(), docs.tobytes())
            index.postings += len(docs)
        index._add_keys(conn.execute("SELECT id, key FROM claims WHERE id <= ?", (index.mark,)))
        return index

    @classmethod
    def load_file(cls, path: str | Path) -> MemoryPrefixIndex:
        """Load on a connection of its own (read-only, one snapshot), so the store's stays
        free for the time it takes."""
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("BEGIN")
            return cls.load(conn)
        finally:
            conn.close()

    def catch_up(self, conn: sqlite3.Connection) -> bool:
        """Read the claims added since; False when the copy is stale (see the class)."""
        if _generation(conn) != self.generation:
            return False
        before = self.mark
        self._add(conn.execute("SELECT rowid, terms FROM claims_prefix WHERE rowid > ?", (before,)))
        if self.mark > before:  # a claim and its index row are written together
            self._add_keys(
                conn.execute(
                    "SELECT id, key FROM claims WHERE id > ? AND id <= ?", (before, self.mark)
                )
            )
        return True

    def rewind(self, mark: int) -> None:
        """Forget the claims above ``mark`` (rolled back): read them again if they come."""
        self.mark = min(self.mark, mark)
        spans = self._key_spans
        for i in range(2 * (self.mark + 1), len(spans)):
            spans[i] = 0

    def _add_keys(self, rows: Iterable[tuple[int, str]]) -> None:
        flat, spans, vocab, words = self._key_tokens, self._key_spans, self._vocab, self._words
        for claim_id, key in rows:
            if 2 * claim_id + 2 > len(spans):  # grow by half at least, in (start, end) pairs
                spans.extend([0, 0] * max(claim_id + 1 - len(spans) // 2, len(spans) // 4))
            start = len(flat)
            for token in key.split():
                number = vocab.get(token)
                if number is None:
                    number = vocab[token] = len(words)
                    words.append(token)
                flat.append(number)
            spans[2 * claim_id], spans[2 * claim_id + 1] = start, len(flat)

    def _add(self, rows: Iterable[tuple[int, str]]) -> None:
        lists, mark = _postings_by_token(rows)
        for token, part in lists.items():
            self._pending.setdefault(token, []).append(part)
            self.postings += len(part[1])
        self.mark = max(self.mark, mark)

    def _merge(self, token: str) -> None:
        parts = self._pending.pop(token)
        if token in self._lists:
            stored_tags, stored_docs = self._lists[token]
            parts.insert(
                0, (np.frombuffer(stored_tags, np.uint8), np.frombuffer(stored_docs, np.int32))
            )
        if len(parts) == 1:
            tags, docs = parts[0]
        else:
            tags = np.concatenate([p[0] for p in parts])
            docs = np.concatenate([p[1] for p in parts])
            order = np.lexsort((docs, tags))
            tags, docs = tags[order], docs[order]
        self._lists[token] = (tags.tobytes(), docs.astype(np.int32).tobytes())

    def matches_many(self, keys: Sequence[Sequence[str]]) -> list[list[tuple[int, list[str]]]]:
        """For each key, (id, key) of the claims holding two of its tokens within their
        prefix for its length (what the FTS5 query reads) that also share as many tokens
        as the threshold needs (``overlap_needed``; most of them do not), in id order."""
        out: list[list[tuple[int, list[str]]]] = [[] for _ in keys]
        lists, pending, vocab = self._lists, self._pending, self._vocab
        spans, flat, words = self._key_spans, self._key_tokens, self._words
        for i, key in enumerate(keys):
            distinct = list(dict.fromkeys(key))
            m = len(distinct)
            if m < 2:
                continue
            top = PREFIX_CAP - min(m, PREFIX_CAP)
            parts = []
            for token in distinct:  # the hot loop: kept to plain look-ups
                term = prefix_term(token)
                if pending and term in pending:
                    self._merge(term)
                held = lists.get(term)
                if held is not None:
                    end = bisect_right(held[0], top)
                    if end:
                        parts.append(held[1][: 4 * end])
            if len(parts) < 2:
                continue
            seen = np.sort(np.frombuffer(b"".join(parts), dtype=np.int32))
            twice = seen[1:][seen[1:] == seen[:-1]]  # a claim once per token after its first
            if not len(twice):
                continue
            mine = {vocab[t] for t in distinct if t in vocab}
            # A few hundred candidates an article: plain Python beat a vectorised count
            # (np.isin, np.add.reduceat), which paid for its set-up on so few rows.
            for cid in sorted(set(twice.tolist())):
                at = 2 * cid
                if at + 1 >= len(spans) or spans[at + 1] <= spans[at]:
                    continue  # no claim under this id (rolled back)
                need = overlap_needed(m, spans[at + 1] - spans[at])
                if need is None:
                    continue
                tokens = flat[spans[at] : spans[at + 1]]
                if len(mine.intersection(tokens)) >= need:
                    out[i].append((cid, [words[t] for t in tokens]))
        return out


def _generation(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT n FROM prefix_generation").fetchone()[0])


def memory_candidates(
    conn: sqlite3.Connection, memory: MemoryPrefixIndex, keys: Sequence[Sequence[str]]
) -> list[list[tuple[int, list[str]]]] | None:
    """The claims each key can match, through the copy in memory (fewer than
    :func:`prefix_candidates` returns: those too short of shared tokens are left out);
    None when the copy is stale."""
    if not memory.catch_up(conn):
        return None
    return memory.matches_many(keys)
