-- The bot's side: chats, their subscriptions, the outbox of alerts and digests, and a log of
-- claim status changes for digests. Alerts are queued by a trigger on flags, so every writer
-- (the bot, the CLI, the feed poller) queues them in the transaction that raises the flag.

CREATE TABLE chats (
    id             INTEGER PRIMARY KEY,       -- Telegram chat id
    type           TEXT NOT NULL,             -- private, group, supergroup, channel
    title          TEXT,
    lang           TEXT NOT NULL DEFAULT 'en',
    lang_chosen    INTEGER NOT NULL DEFAULT 0, -- set by /lang; otherwise follows the user's
    tz             TEXT,                      -- NULL: the bot's CLAIMWATCH_TZ
    paused         TEXT,                      -- why nothing is sent (blocked, kicked); NULL: active
    is_source      INTEGER NOT NULL DEFAULT 0, -- a channel whose posts are read as articles
    digest_every   TEXT,                      -- NULL (off), 'daily', 'weekly'
    digest_day     INTEGER,                   -- weekly: 0 Monday .. 6 Sunday
    digest_time    TEXT,                      -- 'HH:MM' in the chat's time zone
    digest_always  INTEGER NOT NULL DEFAULT 0, -- send even when nothing happened
    digest_set_at  TEXT,                      -- when the schedule was chosen (UTC ISO)
    digest_last    TEXT,                      -- end of the period the last digest covered
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE subscriptions (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL REFERENCES chats (id) ON UPDATE CASCADE ON DELETE CASCADE,
    kind        TEXT NOT NULL,                -- actor, keyword, claim
    value       TEXT NOT NULL,                -- actor id, keyword key tokens, claim id
    label       TEXT NOT NULL,                -- what the chat sees
    flag_kinds  TEXT NOT NULL DEFAULT 'denial,confirmation,reversal,figure_conflict',
    mode        TEXT NOT NULL DEFAULT 'instant', -- instant (alerts and digest), digest
    created_at  TEXT NOT NULL,
    UNIQUE (chat_id, kind, value)
);

-- A keyword subscription matches a claim whose key holds every one of its terms.
CREATE TABLE subscription_terms (
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    term            TEXT NOT NULL,
    PRIMARY KEY (subscription_id, term)
) WITHOUT ROWID;

-- Which subscription matches which flag: one definition for alerts and digests.
CREATE VIEW subscription_flags AS
SELECT s.id AS subscription_id, s.chat_id, s.mode, s.flag_kinds, f.id AS flag_id, f.kind,
       f.created_at
FROM flags f
JOIN claims c ON c.id = f.claim_id
JOIN subscriptions s ON (
    (s.kind = 'claim' AND s.value = CAST(f.claim_id AS TEXT))
    OR (s.kind = 'actor' AND (
        s.value = c.by_who OR s.value = f.by_who
        OR EXISTS (SELECT 1 FROM claim_actors ca
                   WHERE ca.claim_id = f.claim_id AND ca.actor = s.value)))
    OR (s.kind = 'keyword' AND NOT EXISTS (
        SELECT 1 FROM subscription_terms t
        WHERE t.subscription_id = s.id
          AND instr(' ' || c.key || ' ', ' ' || t.term || ' ') = 0))
)
WHERE instr(',' || s.flag_kinds || ',', ',' || f.kind || ',') > 0;

-- Messages on their way to a chat: an alert (a flag) or a digest. dedupe makes "once per
-- chat" a constraint: 'flag:<id>' or 'digest:<slot>'.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY,
    chat_id       INTEGER NOT NULL REFERENCES chats (id) ON UPDATE CASCADE ON DELETE CASCADE,
    dedupe        TEXT NOT NULL,
    flag_id       INTEGER REFERENCES flags (id),
    subscription_id INTEGER,                  -- the topic that matched (for "Mute topic")
    payload       TEXT,                       -- a digest's parts (JSON); alerts render late
    state         TEXT NOT NULL DEFAULT 'pending', -- pending, sending, sent, failed, held
    attempts      INTEGER NOT NULL DEFAULT 0,
    parts_sent    INTEGER NOT NULL DEFAULT 0, -- of a split message, the parts already sent
    not_before    TEXT NOT NULL,              -- UTC ISO: back-off and Telegram's retry_after
    last_error    TEXT,
    message_ids   TEXT NOT NULL DEFAULT '[]',
    created_at    TEXT NOT NULL,
    sent_at       TEXT,
    UNIQUE (chat_id, dedupe)
);
CREATE INDEX outbox_due ON outbox (state, not_before);

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

CREATE TABLE claim_status_log (
    id        INTEGER PRIMARY KEY,
    claim_id  INTEGER NOT NULL REFERENCES claims (id),
    old       TEXT NOT NULL,
    new       TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX claim_status_log_at ON claim_status_log (at);

CREATE TRIGGER claims_status_log AFTER UPDATE OF status ON claims
WHEN old.status IS NOT new.status BEGIN
    INSERT INTO claim_status_log (claim_id, old, new, at)
    VALUES (new.id, old.status, new.status, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
END;

-- Small facts about the running bot: its heartbeat (for the health check), its username.
CREATE TABLE bot_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
