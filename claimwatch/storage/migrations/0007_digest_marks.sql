-- Digests cover flags and status changes by id, not by time: a flag stamped before a digest
-- but committed after it (a long ingest in another process) is in the next digest, not lost.
ALTER TABLE chats ADD COLUMN digest_flag_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN digest_log_id INTEGER NOT NULL DEFAULT 0;
