CREATE TABLE `claim_renderings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`text` text NOT NULL,
	`language` text NOT NULL,
	`source_id` integer,
	`translated_by` text,
	`translator_name` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "claim_renderings_text" CHECK(length(trim(text)) > 0),
	CONSTRAINT "claim_renderings_language" CHECK(length(language) BETWEEN 2 AND 35),
	CONSTRAINT "claim_renderings_translated_by" CHECK(translated_by IS NULL OR translated_by IN ('outlet', 'newsroom', 'translator')),
	CONSTRAINT "claim_renderings_translator_name" CHECK(translated_by IS NOT 'translator' OR length(trim(translator_name)) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claim_renderings_claim_position` ON `claim_renderings` (`claim_id`,`position`);--> statement-breakpoint
CREATE INDEX `claim_renderings_source` ON `claim_renderings` (`source_id`);--> statement-breakpoint
CREATE INDEX `claim_renderings_extra` ON `claim_renderings` (`claim_id`) WHERE position > 0;--> statement-breakpoint
ALTER TABLE `claims` ADD `language` text;--> statement-breakpoint
ALTER TABLE `claims` ADD `original_statement` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- sources gain a language by ADD COLUMN (a column CHECK under the snapshot's name): rebuilding the table would drop it under the citations and snapshots that RESTRICT it.
ALTER TABLE `sources` ADD `language` text DEFAULT 'en' NOT NULL CONSTRAINT "sources_language" CHECK(length(language) BETWEEN 2 AND 35);--> statement-breakpoint
-- Every existing claim becomes an English rendering of itself, cited as today: the source of its first 'reports' citation, else its first 'original_venue', else its first citation (src/claims/renderings.ts leadSourceOf picks the same).
INSERT INTO `claim_renderings` (`claim_id`, `position`, `text`, `language`, `source_id`)
SELECT c.`id`, 0, c.`statement`, 'en', (
  SELECT ci.`source_id` FROM `citations` ci WHERE ci.`claim_id` = c.`id`
  ORDER BY CASE ci.`role` WHEN 'reports' THEN 0 WHEN 'original_venue' THEN 1 ELSE 2 END, ci.`id` LIMIT 1
) FROM `claims` c;
