-- Keep question_party_latest (migration 0015, db/schema/summaries.ts) equal to what it summarises,
-- in the transaction of every write: per question and party, the party's latest published claim
-- with a stance on the question and in the question's story (said_on, then id).
--
-- One trigger finds a (question, party) row again from the claims: an INSTEAD OF trigger on the
-- view question_party_latest_refresh, which holds no rows; inserting a pair into it refreshes that pair. The
-- triggers on claims and stances only name the pairs a write may change: those of a claim's
-- stances for its speaker, the rows that point at a claim or stance that changed or went, and
-- every speaker of a question moved to another story.
-- Then fill the table from the data.
CREATE VIEW `question_party_latest_refresh` AS SELECT question_id, party_id FROM question_party_latest WHERE 0;
--> statement-breakpoint
CREATE TRIGGER `question_party_latest_refresh_pair` INSTEAD OF INSERT ON `question_party_latest_refresh`
BEGIN
  DELETE FROM question_party_latest WHERE question_id = new.question_id AND party_id = new.party_id;
  INSERT INTO question_party_latest (question_id, party_id, claim_id, said_on)
    SELECT new.question_id, new.party_id, c.id, c.said_on
    FROM claims c
      JOIN stances s ON s.claim_id = c.id AND s.question_id = new.question_id
      JOIN questions qu ON qu.id = new.question_id
    WHERE c.party_id = new.party_id AND c.state = 'published' AND c.story_id = qu.story_id
    ORDER BY c.said_on DESC, c.id DESC LIMIT 1;
END;
--> statement-breakpoint
CREATE TRIGGER `claims_latest_insert` AFTER INSERT ON `claims` WHEN new.state = 'published'
BEGIN
  INSERT INTO question_party_latest_refresh (question_id, party_id)
    SELECT question_id, new.party_id FROM stances WHERE claim_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `claims_latest_update` AFTER UPDATE OF state, said_on, party_id, story_id ON `claims`
  WHEN (old.state = 'published' OR new.state = 'published')
    AND (old.state IS NOT new.state OR old.said_on IS NOT new.said_on OR old.party_id IS NOT new.party_id OR old.story_id IS NOT new.story_id)
BEGIN
  INSERT INTO question_party_latest_refresh (question_id, party_id)
    SELECT question_id, party_id FROM question_party_latest WHERE claim_id = new.id UNION SELECT question_id, new.party_id FROM stances WHERE claim_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `claims_latest_delete` AFTER DELETE ON `claims` WHEN old.state = 'published'
BEGIN
  INSERT INTO question_party_latest_refresh (question_id, party_id)
    SELECT question_id, party_id FROM question_party_latest WHERE claim_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `stances_latest_insert` AFTER INSERT ON `stances`
BEGIN
  INSERT INTO question_party_latest_refresh (question_id, party_id)
    SELECT new.question_id, party_id FROM claims WHERE id = new.claim_id;
END;
--> statement-breakpoint
CREATE TRIGGER `stances_latest_delete` AFTER DELETE ON `stances`
BEGIN
  INSERT INTO question_party_latest_refresh (question_id, party_id)
    SELECT question_id, party_id FROM question_party_latest WHERE claim_id = old.claim_id AND question_id = old.question_id;
END;
--> statement-breakpoint
CREATE TRIGGER `stances_latest_update` AFTER UPDATE OF claim_id, question_id ON `stances`
  WHEN old.claim_id IS NOT new.claim_id OR old.question_id IS NOT new.question_id
BEGIN
  INSERT INTO question_party_latest_refresh (question_id, party_id)
    SELECT question_id, party_id FROM question_party_latest WHERE claim_id = old.claim_id AND question_id = old.question_id UNION SELECT new.question_id, party_id FROM claims WHERE id = new.claim_id;
END;
--> statement-breakpoint
CREATE TRIGGER `questions_latest_story` AFTER UPDATE OF story_id ON `questions` WHEN old.story_id IS NOT new.story_id
BEGIN
  INSERT INTO question_party_latest_refresh (question_id, party_id)
    SELECT question_id, party_id FROM question_party_latest WHERE question_id = new.id UNION SELECT new.id, c.party_id FROM stances s JOIN claims c ON c.id = s.claim_id WHERE s.question_id = new.id AND c.state = 'published';
END;
--> statement-breakpoint
INSERT INTO question_party_latest (question_id, party_id, claim_id, said_on)
  SELECT question_id, party_id, claim_id, said_on FROM (
    SELECT s.question_id, c.party_id, c.id AS claim_id, c.said_on,
      row_number() OVER (PARTITION BY s.question_id, c.party_id ORDER BY c.said_on DESC, c.id DESC) AS rank
    FROM stances s JOIN claims c ON c.id = s.claim_id JOIN questions qu ON qu.id = s.question_id
    WHERE c.state = 'published' AND c.story_id = qu.story_id
  ) WHERE rank = 1;
