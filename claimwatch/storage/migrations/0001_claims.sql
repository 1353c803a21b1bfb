-- Articles, statements, claims, flags, and the FTS5 index over claim keys.

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    source       TEXT,
    url          TEXT,
    published    TEXT NOT NULL,           -- ISO 8601, UTC
    ingested_at  TEXT NOT NULL,
    lang         TEXT NOT NULL,
    content_hash TEXT NOT NULL,           -- sha256 of the normalised text
    text         TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_content_hash ON articles (content_hash);
CREATE UNIQUE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;

CREATE TABLE claims (
    id          INTEGER PRIMARY KEY,
    text        TEXT NOT NULL,            -- the proposition as first stated
    key         TEXT NOT NULL,            -- space-separated key tokens (matchers.keys)
    lang        TEXT NOT NULL,
    by_name     TEXT NOT NULL,            -- who made it, for display
    by_who      TEXT,                     -- speaker identity (actor id or name); NULL if none
    actors      TEXT NOT NULL DEFAULT '[]',
    figures     TEXT NOT NULL DEFAULT '[]',
    status      TEXT NOT NULL DEFAULT 'asserted',
    article_id  INTEGER NOT NULL REFERENCES articles (id),
    first_seen  TEXT NOT NULL,            -- published time of the first statement
    updated_at  TEXT NOT NULL
);
CREATE INDEX claims_by_who ON claims (by_who, first_seen);

CREATE TABLE claim_actors (
    actor    TEXT NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims (id),
    PRIMARY KEY (actor, claim_id)
) WITHOUT ROWID;

CREATE TABLE statements (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id),
    position      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    content       TEXT NOT NULL,
    lang          TEXT NOT NULL,
    speaker       TEXT,
    speaker_actor TEXT,
    who           TEXT,
    stance        TEXT NOT NULL,
    hedged        INTEGER NOT NULL DEFAULT 0,
    actors        TEXT NOT NULL DEFAULT '[]',
    figures       TEXT NOT NULL DEFAULT '[]',
    claim_id      INTEGER REFERENCES claims (id),
    relation      TEXT,
    score         REAL
);
CREATE INDEX statements_article ON statements (article_id, position);
CREATE INDEX statements_claim ON statements (claim_id);

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
    -- one flag of a kind per claim and article, however often and by whomever it repeats
    UNIQUE (article_id, claim_id, kind)
);
CREATE INDEX flags_published ON flags (published);
CREATE INDEX flags_claim ON flags (claim_id);

-- External-content FTS5 over claim keys, kept in step by triggers.
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    key, content = 'claims', content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
CREATE VIRTUAL TABLE claims_vocab USING fts5vocab (claims_fts, 'row');

CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, key) VALUES (new.id, new.key);
END;
CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, key) VALUES ('delete', old.id, old.key);
END;
CREATE TRIGGER claims_au AFTER UPDATE OF key ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, key) VALUES ('delete', old.id, old.key);
    INSERT INTO claims_fts (rowid, key) VALUES (new.id, new.key);
END;
