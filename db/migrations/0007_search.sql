-- Full-text search (decision 019). One FTS5 table over claims, parties, questions and sources, kept
-- in step with them by the triggers below, whatever writes (the app, fixtures, imports, the bench).
-- The rowid names the record: id * 4 + kind (0 claim, 1 party, 2 question, 3 source), so results
-- sort newest first within a kind without a second lookup. Only text readers may see is indexed;
-- which rows a reader may find (published claims and what they touch) is decided at query time
-- (src/search/search.ts), so publish, retract and correct need no index change beyond the text.
--   title: a claim's statement, a party's name, a question's proposition, a source's title
--   speaker: a claim's speaker, a party's aliases, a question's short label, a source's publisher and author
--   notes: a claim's venue, rating explanation and stance notes; a party's description and roles; a source's description
--   tags: never searched by readers' words; tokens for the selective filters, so FTS5 intersects
--     them with the words instead of testing every match: xs<story id>, xp<party id>, xq<question id>,
--     and xm<yyyymm>, the month a claim was said
-- prefix = '3': a prefix query (at least three letters) reads one doclist instead of every term.
CREATE VIRTUAL TABLE search_index USING fts5(title, speaker, notes, tags, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3');
--> statement-breakpoint
CREATE TRIGGER search_claims_insert AFTER INSERT ON claims FOR EACH ROW BEGIN
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT c.id * 4, c.statement, p.name,
      concat_ws(' ', c.venue, c.rating_explanation_md, (SELECT group_concat(s.note, ' ') FROM stances s WHERE s.claim_id = c.id)),
      concat_ws(' ', 'xs' || c.story_id, 'xp' || c.party_id, 'xm' || substr(c.said_on, 1, 4) || substr(c.said_on, 6, 2), (SELECT group_concat('xq' || s.question_id, ' ') FROM stances s WHERE s.claim_id = c.id))
    FROM claims c JOIN parties p ON p.id = c.party_id WHERE c.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_claims_update AFTER UPDATE OF statement, story_id, party_id, said_on, venue, rating_explanation_md ON claims FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT c.id * 4, c.statement, p.name,
      concat_ws(' ', c.venue, c.rating_explanation_md, (SELECT group_concat(s.note, ' ') FROM stances s WHERE s.claim_id = c.id)),
      concat_ws(' ', 'xs' || c.story_id, 'xp' || c.party_id, 'xm' || substr(c.said_on, 1, 4) || substr(c.said_on, 6, 2), (SELECT group_concat('xq' || s.question_id, ' ') FROM stances s WHERE s.claim_id = c.id))
    FROM claims c JOIN parties p ON p.id = c.party_id WHERE c.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_claims_delete AFTER DELETE ON claims FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 4;
END;
--> statement-breakpoint
CREATE TRIGGER search_stances_insert AFTER INSERT ON stances FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = NEW.claim_id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT c.id * 4, c.statement, p.name,
      concat_ws(' ', c.venue, c.rating_explanation_md, (SELECT group_concat(s.note, ' ') FROM stances s WHERE s.claim_id = c.id)),
      concat_ws(' ', 'xs' || c.story_id, 'xp' || c.party_id, 'xm' || substr(c.said_on, 1, 4) || substr(c.said_on, 6, 2), (SELECT group_concat('xq' || s.question_id, ' ') FROM stances s WHERE s.claim_id = c.id))
    FROM claims c JOIN parties p ON p.id = c.party_id WHERE c.id = NEW.claim_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_stances_update AFTER UPDATE OF note, claim_id, question_id ON stances FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = OLD.claim_id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT c.id * 4, c.statement, p.name,
      concat_ws(' ', c.venue, c.rating_explanation_md, (SELECT group_concat(s.note, ' ') FROM stances s WHERE s.claim_id = c.id)),
      concat_ws(' ', 'xs' || c.story_id, 'xp' || c.party_id, 'xm' || substr(c.said_on, 1, 4) || substr(c.said_on, 6, 2), (SELECT group_concat('xq' || s.question_id, ' ') FROM stances s WHERE s.claim_id = c.id))
    FROM claims c JOIN parties p ON p.id = c.party_id WHERE c.id = OLD.claim_id;
  DELETE FROM search_index WHERE rowid = NEW.claim_id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT c.id * 4, c.statement, p.name,
      concat_ws(' ', c.venue, c.rating_explanation_md, (SELECT group_concat(s.note, ' ') FROM stances s WHERE s.claim_id = c.id)),
      concat_ws(' ', 'xs' || c.story_id, 'xp' || c.party_id, 'xm' || substr(c.said_on, 1, 4) || substr(c.said_on, 6, 2), (SELECT group_concat('xq' || s.question_id, ' ') FROM stances s WHERE s.claim_id = c.id))
    FROM claims c JOIN parties p ON p.id = c.party_id WHERE c.id = NEW.claim_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_stances_delete AFTER DELETE ON stances FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = OLD.claim_id * 4;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT c.id * 4, c.statement, p.name,
      concat_ws(' ', c.venue, c.rating_explanation_md, (SELECT group_concat(s.note, ' ') FROM stances s WHERE s.claim_id = c.id)),
      concat_ws(' ', 'xs' || c.story_id, 'xp' || c.party_id, 'xm' || substr(c.said_on, 1, 4) || substr(c.said_on, 6, 2), (SELECT group_concat('xq' || s.question_id, ' ') FROM stances s WHERE s.claim_id = c.id))
    FROM claims c JOIN parties p ON p.id = c.party_id WHERE c.id = OLD.claim_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_parties_insert AFTER INSERT ON parties FOR EACH ROW BEGIN
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT p.id * 4 + 1, p.name, (SELECT group_concat(a.alias, ' ') FROM party_aliases a WHERE a.party_id = p.id),
      concat_ws(' ', p.description, (SELECT group_concat(r.title, ' ') FROM party_roles r WHERE r.party_id = p.id)), 'xp' || p.id
    FROM parties p WHERE p.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_parties_update AFTER UPDATE OF name, description ON parties FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 4 + 1;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT p.id * 4 + 1, p.name, (SELECT group_concat(a.alias, ' ') FROM party_aliases a WHERE a.party_id = p.id),
      concat_ws(' ', p.description, (SELECT group_concat(r.title, ' ') FROM party_roles r WHERE r.party_id = p.id)), 'xp' || p.id
    FROM parties p WHERE p.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_parties_rename AFTER UPDATE OF name ON parties FOR EACH ROW WHEN OLD.name IS NOT NEW.name BEGIN
  DELETE FROM search_index WHERE rowid IN (SELECT id * 4 FROM claims WHERE party_id = NEW.id);
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT c.id * 4, c.statement, p.name,
      concat_ws(' ', c.venue, c.rating_explanation_md, (SELECT group_concat(s.note, ' ') FROM stances s WHERE s.claim_id = c.id)),
      concat_ws(' ', 'xs' || c.story_id, 'xp' || c.party_id, 'xm' || substr(c.said_on, 1, 4) || substr(c.said_on, 6, 2), (SELECT group_concat('xq' || s.question_id, ' ') FROM stances s WHERE s.claim_id = c.id))
    FROM claims c JOIN parties p ON p.id = c.party_id WHERE c.party_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_parties_delete AFTER DELETE ON parties FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_party_aliases_insert AFTER INSERT ON party_aliases FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = NEW.party_id * 4 + 1;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT p.id * 4 + 1, p.name, (SELECT group_concat(a.alias, ' ') FROM party_aliases a WHERE a.party_id = p.id),
      concat_ws(' ', p.description, (SELECT group_concat(r.title, ' ') FROM party_roles r WHERE r.party_id = p.id)), 'xp' || p.id
    FROM parties p WHERE p.id = NEW.party_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_party_aliases_delete AFTER DELETE ON party_aliases FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = OLD.party_id * 4 + 1;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT p.id * 4 + 1, p.name, (SELECT group_concat(a.alias, ' ') FROM party_aliases a WHERE a.party_id = p.id),
      concat_ws(' ', p.description, (SELECT group_concat(r.title, ' ') FROM party_roles r WHERE r.party_id = p.id)), 'xp' || p.id
    FROM parties p WHERE p.id = OLD.party_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_party_roles_insert AFTER INSERT ON party_roles FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = NEW.party_id * 4 + 1;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT p.id * 4 + 1, p.name, (SELECT group_concat(a.alias, ' ') FROM party_aliases a WHERE a.party_id = p.id),
      concat_ws(' ', p.description, (SELECT group_concat(r.title, ' ') FROM party_roles r WHERE r.party_id = p.id)), 'xp' || p.id
    FROM parties p WHERE p.id = NEW.party_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_party_roles_update AFTER UPDATE OF title ON party_roles FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = NEW.party_id * 4 + 1;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT p.id * 4 + 1, p.name, (SELECT group_concat(a.alias, ' ') FROM party_aliases a WHERE a.party_id = p.id),
      concat_ws(' ', p.description, (SELECT group_concat(r.title, ' ') FROM party_roles r WHERE r.party_id = p.id)), 'xp' || p.id
    FROM parties p WHERE p.id = NEW.party_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_party_roles_delete AFTER DELETE ON party_roles FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = OLD.party_id * 4 + 1;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT p.id * 4 + 1, p.name, (SELECT group_concat(a.alias, ' ') FROM party_aliases a WHERE a.party_id = p.id),
      concat_ws(' ', p.description, (SELECT group_concat(r.title, ' ') FROM party_roles r WHERE r.party_id = p.id)), 'xp' || p.id
    FROM parties p WHERE p.id = OLD.party_id;
END;
--> statement-breakpoint
CREATE TRIGGER search_questions_insert AFTER INSERT ON questions FOR EACH ROW BEGIN
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT q.id * 4 + 2, q.proposition, q.short_label, '', 'xs' || q.story_id || ' xq' || q.id FROM questions q WHERE q.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_questions_update AFTER UPDATE OF proposition, short_label, story_id ON questions FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 4 + 2;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT q.id * 4 + 2, q.proposition, q.short_label, '', 'xs' || q.story_id || ' xq' || q.id FROM questions q WHERE q.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_questions_delete AFTER DELETE ON questions FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 4 + 2;
END;
--> statement-breakpoint
CREATE TRIGGER search_sources_insert AFTER INSERT ON sources FOR EACH ROW BEGIN
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT so.id * 4 + 3, so.title, concat_ws(' ', so.publisher, so.author), so.description, '' FROM sources so WHERE so.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_sources_update AFTER UPDATE OF title, publisher, author, description ON sources FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = NEW.id * 4 + 3;
  INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT so.id * 4 + 3, so.title, concat_ws(' ', so.publisher, so.author), so.description, '' FROM sources so WHERE so.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_sources_delete AFTER DELETE ON sources FOR EACH ROW BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 4 + 3;
END;
--> statement-breakpoint
-- What is already there.
INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT c.id * 4, c.statement, p.name,
      concat_ws(' ', c.venue, c.rating_explanation_md, (SELECT group_concat(s.note, ' ') FROM stances s WHERE s.claim_id = c.id)),
      concat_ws(' ', 'xs' || c.story_id, 'xp' || c.party_id, 'xm' || substr(c.said_on, 1, 4) || substr(c.said_on, 6, 2), (SELECT group_concat('xq' || s.question_id, ' ') FROM stances s WHERE s.claim_id = c.id))
    FROM claims c JOIN parties p ON p.id = c.party_id WHERE 1;
--> statement-breakpoint
INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT p.id * 4 + 1, p.name, (SELECT group_concat(a.alias, ' ') FROM party_aliases a WHERE a.party_id = p.id),
      concat_ws(' ', p.description, (SELECT group_concat(r.title, ' ') FROM party_roles r WHERE r.party_id = p.id)), 'xp' || p.id
    FROM parties p WHERE 1;
--> statement-breakpoint
INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT q.id * 4 + 2, q.proposition, q.short_label, '', 'xs' || q.story_id || ' xq' || q.id FROM questions q WHERE 1;
--> statement-breakpoint
INSERT INTO search_index (rowid, title, speaker, notes, tags)
    SELECT so.id * 4 + 3, so.title, concat_ws(' ', so.publisher, so.author), so.description, '' FROM sources so WHERE 1;
