-- Keep question_party_latest (migration 0015, db/schema/summaries.ts) equal to what it summarises,
-- in the transaction of every write: per question and party, the party's latest published claim
-- with a stance on the question and in the question's story (said_on, then id). A claim that
-- becomes published, or a new stance, is offered (kept when newer than the row there); a claim
-- or stance that changes or goes away makes the rows pointing at it be found again from the
-- claims (updated in place: an upsert, never INSERT OR REPLACE, whose delete fires no trigger),
-- or dropped when none is left. Then fill it from the data.
CREATE TRIGGER `claims_latest_insert` AFTER INSERT ON `claims` WHEN new.state = 'published'
BEGIN
  INSERT INTO question_party_latest (question_id, party_id, claim_id, said_on)
    SELECT s.question_id, new.party_id, new.id, new.said_on
    FROM stances s JOIN questions qu ON qu.id = s.question_id
    WHERE s.claim_id = new.id AND new.state = 'published' AND qu.story_id = new.story_id
  ON CONFLICT (question_id, party_id) DO UPDATE SET claim_id = excluded.claim_id, said_on = excluded.said_on
    WHERE excluded.said_on > question_party_latest.said_on
      OR (excluded.said_on = question_party_latest.said_on AND excluded.claim_id > question_party_latest.claim_id);
END;
--> statement-breakpoint
CREATE TRIGGER `claims_latest_update` AFTER UPDATE OF state, said_on, party_id, story_id ON `claims`
  WHEN (old.state = 'published' OR new.state = 'published')
    AND (old.state IS NOT new.state OR old.said_on IS NOT new.said_on OR old.party_id IS NOT new.party_id OR old.story_id IS NOT new.story_id)
BEGIN
  INSERT INTO question_party_latest (question_id, party_id, claim_id, said_on)
    SELECT pair.question_id, pair.party_id, c.id, c.said_on
    FROM (SELECT question_id, party_id FROM question_party_latest WHERE claim_id = new.id) AS pair
    JOIN claims c ON c.id = (
      SELECT c2.id FROM claims c2
        JOIN stances s ON s.claim_id = c2.id AND s.question_id = pair.question_id
        JOIN questions qu ON qu.id = pair.question_id
      WHERE c2.party_id = pair.party_id AND c2.state = 'published' AND c2.story_id = qu.story_id
      ORDER BY c2.said_on DESC, c2.id DESC LIMIT 1)
    WHERE true
  ON CONFLICT (question_id, party_id) DO UPDATE SET claim_id = excluded.claim_id, said_on = excluded.said_on;
  DELETE FROM question_party_latest
    WHERE claim_id = new.id AND NOT EXISTS (SELECT 1 FROM claims c JOIN stances s ON s.claim_id = c.id AND s.question_id = question_party_latest.question_id
      JOIN questions qu ON qu.id = question_party_latest.question_id
      WHERE c.id = question_party_latest.claim_id AND c.party_id = question_party_latest.party_id
        AND c.state = 'published' AND c.story_id = qu.story_id);
  INSERT INTO question_party_latest (question_id, party_id, claim_id, said_on)
    SELECT s.question_id, new.party_id, new.id, new.said_on
    FROM stances s JOIN questions qu ON qu.id = s.question_id
    WHERE s.claim_id = new.id AND new.state = 'published' AND qu.story_id = new.story_id
  ON CONFLICT (question_id, party_id) DO UPDATE SET claim_id = excluded.claim_id, said_on = excluded.said_on
    WHERE excluded.said_on > question_party_latest.said_on
      OR (excluded.said_on = question_party_latest.said_on AND excluded.claim_id > question_party_latest.claim_id);
END;
--> statement-breakpoint
CREATE TRIGGER `claims_latest_delete` AFTER DELETE ON `claims` WHEN old.state = 'published'
BEGIN
  INSERT INTO question_party_latest (question_id, party_id, claim_id, said_on)
    SELECT pair.question_id, pair.party_id, c.id, c.said_on
    FROM (SELECT question_id, party_id FROM question_party_latest WHERE claim_id = old.id) AS pair
    JOIN claims c ON c.id = (
      SELECT c2.id FROM claims c2
        JOIN stances s ON s.claim_id = c2.id AND s.question_id = pair.question_id
        JOIN questions qu ON qu.id = pair.question_id
      WHERE c2.party_id = pair.party_id AND c2.state = 'published' AND c2.story_id = qu.story_id
      ORDER BY c2.said_on DESC, c2.id DESC LIMIT 1)
    WHERE true
  ON CONFLICT (question_id, party_id) DO UPDATE SET claim_id = excluded.claim_id, said_on = excluded.said_on;
  DELETE FROM question_party_latest
    WHERE claim_id = old.id AND NOT EXISTS (SELECT 1 FROM claims c JOIN stances s ON s.claim_id = c.id AND s.question_id = question_party_latest.question_id
      JOIN questions qu ON qu.id = question_party_latest.question_id
      WHERE c.id = question_party_latest.claim_id AND c.party_id = question_party_latest.party_id
        AND c.state = 'published' AND c.story_id = qu.story_id);
END;
--> statement-breakpoint
CREATE TRIGGER `stances_latest_insert` AFTER INSERT ON `stances`
BEGIN
  INSERT INTO question_party_latest (question_id, party_id, claim_id, said_on)
    SELECT new.question_id, c.party_id, c.id, c.said_on
    FROM claims c JOIN questions qu ON qu.id = new.question_id
    WHERE c.id = new.claim_id AND c.state = 'published' AND c.story_id = qu.story_id
  ON CONFLICT (question_id, party_id) DO UPDATE SET claim_id = excluded.claim_id, said_on = excluded.said_on
    WHERE excluded.said_on > question_party_latest.said_on
      OR (excluded.said_on = question_party_latest.said_on AND excluded.claim_id > question_party_latest.claim_id);
END;
--> statement-breakpoint
CREATE TRIGGER `stances_latest_delete` AFTER DELETE ON `stances`
BEGIN
  INSERT INTO question_party_latest (question_id, party_id, claim_id, said_on)
    SELECT pair.question_id, pair.party_id, c.id, c.said_on
    FROM (SELECT question_id, party_id FROM question_party_latest WHERE claim_id = old.claim_id AND question_id = old.question_id) AS pair
    JOIN claims c ON c.id = (
      SELECT c2.id FROM claims c2
        JOIN stances s ON s.claim_id = c2.id AND s.question_id = pair.question_id
        JOIN questions qu ON qu.id = pair.question_id
      WHERE c2.party_id = pair.party_id AND c2.state = 'published' AND c2.story_id = qu.story_id
      ORDER BY c2.said_on DESC, c2.id DESC LIMIT 1)
    WHERE true
  ON CONFLICT (question_id, party_id) DO UPDATE SET claim_id = excluded.claim_id, said_on = excluded.said_on;
  DELETE FROM question_party_latest
    WHERE claim_id = old.claim_id AND question_id = old.question_id AND NOT EXISTS (SELECT 1 FROM claims c JOIN stances s ON s.claim_id = c.id AND s.question_id = question_party_latest.question_id
      JOIN questions qu ON qu.id = question_party_latest.question_id
      WHERE c.id = question_party_latest.claim_id AND c.party_id = question_party_latest.party_id
        AND c.state = 'published' AND c.story_id = qu.story_id);
END;
--> statement-breakpoint
CREATE TRIGGER `stances_latest_update` AFTER UPDATE OF claim_id, question_id ON `stances`
  WHEN old.claim_id IS NOT new.claim_id OR old.question_id IS NOT new.question_id
BEGIN
  INSERT INTO question_party_latest (question_id, party_id, claim_id, said_on)
    SELECT pair.question_id, pair.party_id, c.id, c.said_on
    FROM (SELECT question_id, party_id FROM question_party_latest WHERE claim_id = old.claim_id AND question_id = old.question_id) AS pair
    JOIN claims c ON c.id = (
      SELECT c2.id FROM claims c2
        JOIN stances s ON s.claim_id = c2.id AND s.question_id = pair.question_id
        JOIN questions qu ON qu.id = pair.question_id
      WHERE c2.party_id = pair.party_id AND c2.state = 'published' AND c2.story_id = qu.story_id
      ORDER BY c2.said_on DESC, c2.id DESC LIMIT 1)
    WHERE true
  ON CONFLICT (question_id, party_id) DO UPDATE SET claim_id = excluded.claim_id, said_on = excluded.said_on;
  DELETE FROM question_party_latest
    WHERE claim_id = old.claim_id AND question_id = old.question_id AND NOT EXISTS (SELECT 1 FROM claims c JOIN stances s ON s.claim_id = c.id AND s.question_id = question_party_latest.question_id
      JOIN questions qu ON qu.id = question_party_latest.question_id
      WHERE c.id = question_party_latest.claim_id AND c.party_id = question_party_latest.party_id
        AND c.state = 'published' AND c.story_id = qu.story_id);
  INSERT INTO question_party_latest (question_id, party_id, claim_id, said_on)
    SELECT new.question_id, c.party_id, c.id, c.said_on
    FROM claims c JOIN questions qu ON qu.id = new.question_id
    WHERE c.id = new.claim_id AND c.state = 'published' AND c.story_id = qu.story_id
  ON CONFLICT (question_id, party_id) DO UPDATE SET claim_id = excluded.claim_id, said_on = excluded.said_on
    WHERE excluded.said_on > question_party_latest.said_on
      OR (excluded.said_on = question_party_latest.said_on AND excluded.claim_id > question_party_latest.claim_id);
END;
--> statement-breakpoint
INSERT INTO question_party_latest (question_id, party_id, claim_id, said_on)
  SELECT question_id, party_id, claim_id, said_on FROM (
    SELECT s.question_id, c.party_id, c.id AS claim_id, c.said_on,
      row_number() OVER (PARTITION BY s.question_id, c.party_id ORDER BY c.said_on DESC, c.id DESC) AS rank
    FROM stances s JOIN claims c ON c.id = s.claim_id JOIN questions qu ON qu.id = s.question_id
    WHERE c.state = 'published' AND c.story_id = qu.story_id
  ) WHERE rank = 1;
