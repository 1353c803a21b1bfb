-- The state or organisation a claimant or an answerer speaks for, where it is not itself:
-- since bodies keep their identity (Kemlu answers as Kemlu, not as Indonesia), a chat that
-- follows "Indonesia" must still get what Kemlu, TNI or Bakamla say and what is said of
-- their claims. NULL: the speaker is its own state (or no one is named).
ALTER TABLE claims ADD COLUMN by_state TEXT;
ALTER TABLE flags ADD COLUMN by_state TEXT;

DROP VIEW subscription_flags;
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
