-- Search finds a claim by any of its words (issues 12 and 14, decisions 019 and 027): besides the
-- lead statement, the words as said (claims.original_statement) and every other rendering are
-- indexed in the notes column, so a reader searching one outlet's translation ("random hit")
-- finds the claim another outlet's words lead, and the result's snippet shows those words.
-- The lead rendering (position 0) is the statement itself, indexed as the title: its rows fire
-- nothing here. One view builds a claim's document; every trigger that re-indexes a claim reads it (before,
-- six triggers each spelled the document out).
CREATE VIEW search_claim_documents AS
  SELECT c.id AS claim_id, c.party_id AS party_id, c.id * 4 AS rid, c.statement AS title, p.name AS speaker,
    concat_ws(' ', c.venue, c.rating_explanation_md,
      (SELECT group_concat(s.note, ' ') FROM stances s WHERE s.claim_id = c.id),
      nullif(c.original_statement, ''),
      (SELECT group_concat(r.text, ' ') FROM claim_renderings r WHERE r.claim_id = c.id AND r.position > 0)) AS notes,
    concat_ws(' ', 'xs' || c.story_id, 'xp' || c.party_id, 'xm' || substr(c.said_on, 1, 4) || substr(c.said_on, 6, 2),
      (SELECT group_concat('xq' || s.question_id, ' ') FROM stances s WHERE s.claim_id = c.id)) AS tags
  FROM claims c JOIN parties p ON p.id = c.party_id;
--> statement-breakpoint
DROP TRIGGER search_claims_insert;
--> statement-breakpoint
DROP TRIGGER search_claims_update;
--> statement-breakpoint
DROP TRIGGER search_stances_insert;
--> statement-breakpoint
DROP TRIGGER search_stances_update;
--> statement-breakpoint
DROP TRIGGER search_stances_delete;
--> statement-breakpoint
DROP TRIGGER search_parties_rename;
--> statement-breakpoint
CREATE TRIGGER search_claims_insert AFTER INSERT ON claims FOR EACH ROW BEGIN
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT rid, title, speaker, notes, tags FROM search_claim_documents WHERE claim_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_claims_update AFTER UPDATE OF statement, original_statement, story_id, party_id, said_on, venue, rating_explanation_md ON claims FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT rid, title, speaker, notes, tags FROM search_claim_documents WHERE claim_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_stances_insert AFTER INSERT ON stances FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = NEW.claim_id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT rid, title, speaker, notes, tags FROM search_claim_documents WHERE claim_id = NEW.claim_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_stances_update AFTER UPDATE OF note, claim_id, question_id ON stances FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = OLD.claim_id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT rid, title, speaker, notes, tags FROM search_claim_documents WHERE claim_id = OLD.claim_id;
  DELETE FROM search_index WHERE rowid = NEW.claim_id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT rid, title, speaker, notes, tags FROM search_claim_documents WHERE claim_id = NEW.claim_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_stances_delete AFTER DELETE ON stances FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = OLD.claim_id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT rid, title, speaker, notes, tags FROM search_claim_documents WHERE claim_id = OLD.claim_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_parties_rename AFTER UPDATE OF name ON parties FOR EACH ROW WHEN OLD.name IS NOT NEW.name BEGIN
  DELETE FROM search_index WHERE rowid IN (SELECT id * 4 FROM claims WHERE party_id = NEW.id);
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT rid, title, speaker, notes, tags FROM search_claim_documents WHERE party_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_renderings_insert AFTER INSERT ON claim_renderings FOR EACH ROW WHEN NEW.position > 0 BEGIN
  DELETE FROM search_index WHERE rowid = NEW.claim_id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT rid, title, speaker, notes, tags FROM search_claim_documents WHERE claim_id = NEW.claim_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_renderings_update AFTER UPDATE OF text, position, claim_id ON claim_renderings FOR EACH ROW WHEN OLD.position > 0 OR NEW.position > 0 BEGIN
  DELETE FROM search_index WHERE rowid = OLD.claim_id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT rid, title, speaker, notes, tags FROM search_claim_documents WHERE claim_id = OLD.claim_id;
  DELETE FROM search_index WHERE rowid = NEW.claim_id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT rid, title, speaker, notes, tags FROM search_claim_documents WHERE claim_id = NEW.claim_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_renderings_delete AFTER DELETE ON claim_renderings FOR EACH ROW WHEN OLD.position > 0 BEGIN
  DELETE FROM search_index WHERE rowid = OLD.claim_id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT rid, title, speaker, notes, tags FROM search_claim_documents WHERE claim_id = OLD.claim_id;
END;
--> statement-breakpoint
-- The claims already there, indexed again with their originals and renderings.
DELETE FROM search_index WHERE rowid IN (SELECT id * 4 FROM claims);
--> statement-breakpoint
INSERT INTO search_index (rowid, title, speaker, notes, tags) SELECT rid, title, speaker, notes, tags FROM search_claim_documents;
