-- The speaker as written ("Indonesia's trade minister"), so that a later "the trade minister"
-- with no actor of its own can be recognised as the same speaker.

ALTER TABLE statements ADD COLUMN speaker_phrase TEXT;
ALTER TABLE claims ADD COLUMN by_phrase TEXT;
