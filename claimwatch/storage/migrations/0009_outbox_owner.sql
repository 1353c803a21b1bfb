-- Which bot process marked an outbox row 'sending': a process gives back the rows it holds
-- but no longer sends (a mark that could not be written) without touching another
-- process's sends during a deploy that overlaps two bots.
ALTER TABLE outbox ADD COLUMN owner TEXT;
