-- Feeds polled on a schedule, and the items already read from each (by GUID), so a re-poll
-- creates nothing. Articles themselves are deduplicated by URL and content hash (0001).

CREATE TABLE feeds (
    id              INTEGER PRIMARY KEY,
    url             TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    interval_s      INTEGER NOT NULL DEFAULT 600,
    full_text       INTEGER NOT NULL DEFAULT 0,  -- fetch each item's page (trafilatura)
    etag            TEXT,
    last_modified   TEXT,
    next_poll_at    TEXT NOT NULL,               -- UTC ISO; jittered, backed off on failure
    failures        INTEGER NOT NULL DEFAULT 0,  -- consecutive failed polls
    last_error      TEXT,
    last_error_at   TEXT,
    last_ok_at      TEXT,
    last_polled_at  TEXT,
    last_status     INTEGER,                     -- HTTP status of the last poll (304: unchanged)
    articles        INTEGER NOT NULL DEFAULT 0,  -- articles this feed brought in
    added_by        TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX feeds_due ON feeds (next_poll_at);

CREATE TABLE feed_items (
    feed_id     INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    guid        TEXT NOT NULL,
    url         TEXT,                            -- canonical: tracking parameters removed
    article_id  INTEGER REFERENCES articles (id),
    note        TEXT,                            -- why no article (duplicate, refused ...)
    seen_at     TEXT NOT NULL,
    PRIMARY KEY (feed_id, guid)
) WITHOUT ROWID;
