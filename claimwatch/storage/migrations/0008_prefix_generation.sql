-- Moves whenever a claim's key changes or a claim is deleted. A copy of the prefix index in
-- memory (claimwatch/storage/prefix.py, MemoryPrefixIndex) follows new claims by id and
-- loads itself again when this number moves, whichever process moved it.
CREATE TABLE prefix_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO prefix_generation (id, n) VALUES (1, 0);
CREATE TRIGGER prefix_generation_au AFTER UPDATE OF key ON claims BEGIN
    UPDATE prefix_generation SET n = n + 1;
END;
CREATE TRIGGER prefix_generation_ad AFTER DELETE ON claims BEGIN
    UPDATE prefix_generation SET n = n + 1;
END;
