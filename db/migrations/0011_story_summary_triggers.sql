-- Keep story_party_counts and question_party_positions (migration 0010, db/schema/summaries.ts)
-- equal to what they summarise, in the transaction of every write: published claims per story and
-- party; stances of published claims per question, party and position. A row is deleted when its
-- count would reach zero (DELETE where it is 1, then UPDATE the rest). Then fill them from the data.
CREATE TRIGGER `claims_summaries_insert` AFTER INSERT ON `claims` WHEN new.state = 'published'
BEGIN
  INSERT INTO story_party_counts (story_id, party_id, claims) VALUES (new.story_id, new.party_id, 1)
    ON CONFLICT (story_id, party_id) DO UPDATE SET claims = claims + 1;
  INSERT INTO question_party_positions (question_id, party_id, position, claims)
    SELECT question_id, new.party_id, position, 1 FROM stances WHERE claim_id = new.id
    ON CONFLICT (question_id, party_id, position) DO UPDATE SET claims = claims + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `claims_summaries_update` AFTER UPDATE OF state, story_id, party_id ON `claims`
  WHEN (old.state = 'published' OR new.state = 'published')
    AND (old.state IS NOT new.state OR old.story_id IS NOT new.story_id OR old.party_id IS NOT new.party_id)
BEGIN
  DELETE FROM story_party_counts
    WHERE old.state = 'published' AND story_id = old.story_id AND party_id = old.party_id AND claims = 1;
  UPDATE story_party_counts SET claims = claims - 1
    WHERE old.state = 'published' AND story_id = old.story_id AND party_id = old.party_id;
  DELETE FROM question_party_positions
    WHERE old.state = 'published' AND party_id = old.party_id AND claims = 1
      AND (question_id, position) IN (SELECT question_id, position FROM stances WHERE claim_id = old.id);
  UPDATE question_party_positions SET claims = claims - 1
    WHERE old.state = 'published' AND party_id = old.party_id
      AND (question_id, position) IN (SELECT question_id, position FROM stances WHERE claim_id = old.id);
  INSERT INTO story_party_counts (story_id, party_id, claims) SELECT new.story_id, new.party_id, 1 WHERE new.state = 'published'
    ON CONFLICT (story_id, party_id) DO UPDATE SET claims = claims + 1;
  INSERT INTO question_party_positions (question_id, party_id, position, claims)
    SELECT question_id, new.party_id, position, 1 FROM stances WHERE new.state = 'published' AND claim_id = new.id
    ON CONFLICT (question_id, party_id, position) DO UPDATE SET claims = claims + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `claims_summaries_delete` AFTER DELETE ON `claims` WHEN old.state = 'published'
BEGIN
  DELETE FROM story_party_counts WHERE story_id = old.story_id AND party_id = old.party_id AND claims = 1;
  UPDATE story_party_counts SET claims = claims - 1 WHERE story_id = old.story_id AND party_id = old.party_id;
  DELETE FROM question_party_positions
    WHERE party_id = old.party_id AND claims = 1
      AND (question_id, position) IN (SELECT question_id, position FROM stances WHERE claim_id = old.id);
  UPDATE question_party_positions SET claims = claims - 1
    WHERE party_id = old.party_id
      AND (question_id, position) IN (SELECT question_id, position FROM stances WHERE claim_id = old.id);
END;
--> statement-breakpoint
CREATE TRIGGER `stances_summaries_insert` AFTER INSERT ON `stances`
BEGIN
  INSERT INTO question_party_positions (question_id, party_id, position, claims)
    SELECT new.question_id, party_id, new.position, 1 FROM claims WHERE id = new.claim_id AND state = 'published'
    ON CONFLICT (question_id, party_id, position) DO UPDATE SET claims = claims + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stances_summaries_delete` AFTER DELETE ON `stances`
BEGIN
  DELETE FROM question_party_positions
    WHERE question_id = old.question_id AND position = old.position AND claims = 1
      AND party_id = (SELECT party_id FROM claims WHERE id = old.claim_id AND state = 'published');
  UPDATE question_party_positions SET claims = claims - 1
    WHERE question_id = old.question_id AND position = old.position
      AND party_id = (SELECT party_id FROM claims WHERE id = old.claim_id AND state = 'published');
END;
--> statement-breakpoint
CREATE TRIGGER `stances_summaries_update` AFTER UPDATE OF claim_id, question_id, position ON `stances`
  WHEN old.claim_id IS NOT new.claim_id OR old.question_id IS NOT new.question_id OR old.position IS NOT new.position
BEGIN
  DELETE FROM question_party_positions
    WHERE question_id = old.question_id AND position = old.position AND claims = 1
      AND party_id = (SELECT party_id FROM claims WHERE id = old.claim_id AND state = 'published');
  UPDATE question_party_positions SET claims = claims - 1
    WHERE question_id = old.question_id AND position = old.position
      AND party_id = (SELECT party_id FROM claims WHERE id = old.claim_id AND state = 'published');
  INSERT INTO question_party_positions (question_id, party_id, position, claims)
    SELECT new.question_id, party_id, new.position, 1 FROM claims WHERE id = new.claim_id AND state = 'published'
    ON CONFLICT (question_id, party_id, position) DO UPDATE SET claims = claims + 1;
END;
--> statement-breakpoint
INSERT INTO story_party_counts (story_id, party_id, claims)
  SELECT story_id, party_id, count(*) FROM claims WHERE state = 'published' GROUP BY story_id, party_id;
--> statement-breakpoint
INSERT INTO question_party_positions (question_id, party_id, position, claims)
  SELECT st.question_id, c.party_id, st.position, count(*)
  FROM stances st JOIN claims c ON c.id = st.claim_id
  WHERE c.state = 'published'
  GROUP BY st.question_id, c.party_id, st.position;
