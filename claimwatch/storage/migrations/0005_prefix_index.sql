-- A prefix index over claim keys, for finding every claim a statement can match
-- (db.claims.match_candidates; the derivation is in claimwatch/storage/prefix.py).
--
-- A claim of n distinct key tokens sorted rarest first (document frequency when it is
-- stored) lists its token at rank r as the term "<token>~<99 - reach>", where reach is the
-- longest statement key (in distinct tokens, at most 99) for which that token lies within
-- the part of the claim that must hold two shared tokens:
--   a match shares s tokens with 8 s^2 >= (m + n) min(m, n) (score = sqrt(dice *
--   containment) >= 50) and s >= 2, so among the claim's n - s + 2 rarest tokens at least two
--   are shared; rank r qualifies for statement length m while r <= n - s_min(m, n) + 2.
-- A statement of m tokens reads each token's terms "~00" to "~<99 - m>" and keeps the claims
-- read twice. Tokens outside [0-9a-z_] are written as "~" and their UTF-8 in hex. Changing
-- MATCH_THRESHOLD or the score formula needs a migration that refills claims_prefix_reach and
-- the index (tests/unit/test_storage.py compares this table with the scorer).

-- reach of rank r in a key of n tokens: the largest m in 2..99 with some s in
-- 2..min(m, n, n - r + 2) and 8 s^2 >= (m + n) min(m, n); ranks that never qualify are absent.
CREATE TABLE claims_prefix_reach (
    n     INTEGER NOT NULL,
    rank  INTEGER NOT NULL,
    tag   TEXT NOT NULL,                -- printf('%02d', 99 - reach)
    PRIMARY KEY (n, rank)
) WITHOUT ROWID;

INSERT INTO claims_prefix_reach (n, rank, tag)
WITH RECURSIVE num(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM num WHERE i < 99),
pairs AS (
    SELECT n.i AS n, r.i AS rank, m.i AS m,
           min(m.i, n.i, n.i - r.i + 2) AS s, min(m.i, n.i) AS shorter
    FROM num n JOIN num r ON r.i <= n.i JOIN num m ON m.i >= 2
    WHERE n.i <= 64
)
SELECT n, rank, printf('%02d', 99 - max(m)) FROM pairs
WHERE s >= 2 AND 8 * s * s >= (m + n) * shorter
GROUP BY n, rank;

-- The terms are kept (not contentless): deleting a row needs the terms it was stored with.
CREATE VIRTUAL TABLE claims_prefix USING fts5 (
    terms, detail = none, columnsize = 0,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_~'"
);
CREATE VIRTUAL TABLE claims_prefix_terms USING fts5vocab (claims_prefix, 'instance');

-- Keys longer than 64 tokens list every token as qualifying for any statement ("~00").
CREATE TRIGGER claims_prefix_ai AFTER INSERT ON claims BEGIN
    INSERT INTO claims_prefix (rowid, terms)
    SELECT new.id, coalesce(group_concat(t.term || '~' || coalesce(r.tag, '00'), ' '), '')
    FROM (
        SELECT CASE WHEN k.value GLOB '*[^0-9a-z_]*' THEN '~' || lower(hex(k.value))
                    ELSE k.value END AS term,
               row_number() OVER (ORDER BY coalesce(d.df, 0), k.value) AS rank,
               count(*) OVER () AS n
        FROM (
            SELECT DISTINCT value FROM json_each(
                '[' || replace(json_quote(new.key), ' ', '","') || ']'
            ) WHERE value <> ''
        ) k LEFT JOIN key_terms d ON d.term = k.value
    ) t LEFT JOIN claims_prefix_reach r ON r.n = t.n AND r.rank = t.rank
    WHERE r.tag IS NOT NULL OR t.n > 64;
END;
CREATE TRIGGER claims_prefix_ad AFTER DELETE ON claims BEGIN
    DELETE FROM claims_prefix WHERE rowid = old.id;
END;
CREATE TRIGGER claims_prefix_au AFTER UPDATE OF key ON claims BEGIN
    DELETE FROM claims_prefix WHERE rowid = old.id;
    INSERT INTO claims_prefix (rowid, terms)
    SELECT new.id, coalesce(group_concat(t.term || '~' || coalesce(r.tag, '00'), ' '), '')
    FROM (
        SELECT CASE WHEN k.value GLOB '*[^0-9a-z_]*' THEN '~' || lower(hex(k.value))
                    ELSE k.value END AS term,
               row_number() OVER (ORDER BY coalesce(d.df, 0), k.value) AS rank,
               count(*) OVER () AS n
        FROM (
            SELECT DISTINCT value FROM json_each(
                '[' || replace(json_quote(new.key), ' ', '","') || ']'
            ) WHERE value <> ''
        ) k LEFT JOIN key_terms d ON d.term = k.value
    ) t LEFT JOIN claims_prefix_reach r ON r.n = t.n AND r.rank = t.rank
    WHERE r.tag IS NOT NULL OR t.n > 64;
END;

-- The claims stored so far (db.claims.rebuild_prefix_index runs the same statement).
INSERT INTO claims_prefix (rowid, terms)
SELECT t.id, group_concat(t.term || '~' || coalesce(r.tag, '00'), ' ')
FROM (
    SELECT k.id,
           CASE WHEN k.value GLOB '*[^0-9a-z_]*' THEN '~' || lower(hex(k.value))
                ELSE k.value END AS term,
           row_number() OVER (PARTITION BY k.id ORDER BY coalesce(d.df, 0), k.value) AS rank,
           count(*) OVER (PARTITION BY k.id) AS n
    FROM (
        SELECT c.id, j.value FROM claims c,
            json_each('[' || replace(json_quote(c.key), ' ', '","') || ']') j
        WHERE j.value <> '' GROUP BY c.id, j.value
    ) k LEFT JOIN key_terms d ON d.term = k.value
) t LEFT JOIN claims_prefix_reach r ON r.n = t.n AND r.rank = t.rank
WHERE r.tag IS NOT NULL OR t.n > 64
GROUP BY t.id;
