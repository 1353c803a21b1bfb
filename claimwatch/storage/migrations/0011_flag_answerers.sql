-- One flag per answerer: an article in which the ministry and the police both deny a claim,
-- or the police give one figure and an analyst another, raises a flag for each of them
-- (each is news to a chat that follows one of them). The pipeline still raises one flag
-- per answerer however often and under whatever names an article quotes it.
--
-- SQLite cannot alter a constraint, so the table is rebuilt: its rows are kept under their
-- ids (the outbox and the digests' marks refer to flags by id), and the indexes, the alert
-- trigger and the view that depend on it are made again. The outbox's rows refer to flags:
-- dropping the table orphans them until the rows are back, so the check waits for COMMIT
-- (reset by it); the rows are copied back before the trigger exists, so no alert is
-- queued twice.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE flags_kept AS SELECT * FROM flags;

DROP VIEW subscription_flags;
DROP TABLE flags;

CREATE TABLE flags (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    claim_id     INTEGER NOT NULL REFERENCES claims (id),
    statement_id INTEGER NOT NULL REFERENCES statements (id),
    article_id   INTEGER NOT NULL REFERENCES articles (id),
    by_name      TEXT NOT NULL,
    by_who       TEXT NOT NULL,
    score        REAL NOT NULL,
    published    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    by_state     TEXT,
    -- one flag of a kind per claim, article and answerer (by_who: '' for nobody named),
    -- however often the answer repeats
    UNIQUE (article_id, claim_id, kind, by_who)
);

INSERT INTO flags (id, kind, claim_id, statement_id, article_id, by_name, by_who, score,
                   published, created_at, by_state)
SELECT id, kind, claim_id, statement_id, article_id, by_name, by_who, score, published,
       created_at, by_state
FROM flags_kept ORDER BY id;

DROP TABLE flags_kept;

CREATE INDEX flags_published ON flags (published);
CREATE INDEX flags_claim ON flags (claim_id);

CREATE VIEW subscription_flags AS
SELECT s.id AS subscription_id, s.chat_id, s.mode, s.flag_kinds, f.id AS flag_id, f.kind,
       f.created_at
FROM flags f
JOIN claims c ON c.id = f.claim_id
JOIN subscriptions s ON (
    (s.kind = 'claim' AND s.value = CAST(f.claim_id AS TEXT))
    OR (s.kind = 'actor' AND (
        s.value IN (c.by_who, c.by_state, f.by_who, f.by_state)
        OR EXISTS (SELECT 1 FROM claim_actors ca
                   WHERE ca.claim_id = f.claim_id AND ca.actor = s.value)))
    OR (s.kind = 'keyword' AND NOT EXISTS (
        SELECT 1 FROM subscription_terms t
        WHERE t.subscription_id = s.id
          AND instr(' ' || c.key || ' ', ' ' || t.term || ' ') = 0))
)
WHERE instr(',' || s.flag_kinds || ',', ',' || f.kind || ',') > 0;

CREATE TRIGGER flags_alert AFTER INSERT ON flags BEGIN
    INSERT OR IGNORE INTO outbox (chat_id, dedupe, flag_id, subscription_id, not_before,
                                  created_at)
    SELECT v.chat_id, 'flag:' || new.id, new.id, MIN(v.subscription_id), new.created_at,
           new.created_at
    FROM subscription_flags v
    JOIN chats ch ON ch.id = v.chat_id
    WHERE v.flag_id = new.id AND v.mode = 'instant' AND ch.paused IS NULL
    GROUP BY v.chat_id;
END;
