-- Document frequency of every claim-key token, for choosing the rarest tokens to query.
-- (fts5vocab counts documents by reading a term's whole posting list: milliseconds for a
-- common term at a million claims; this table answers from its primary key.)

CREATE TABLE key_terms (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO key_terms (term, df) SELECT term, doc FROM claims_vocab;
