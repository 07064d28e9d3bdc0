CREATE TABLE `citations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`source_id` integer NOT NULL,
	`role` text NOT NULL,
	`passage` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "citations_role" CHECK(role IN ('original_venue', 'reports', 'corroborates', 'contradicts'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `citations_claim_source_role` ON `citations` (`claim_id`,`source_id`,`role`);--> statement-breakpoint
CREATE INDEX `citations_source` ON `citations` (`source_id`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`story_id` integer NOT NULL,
	`party_id` integer NOT NULL,
	`statement` text NOT NULL,
	`form` text NOT NULL,
	`type` text NOT NULL,
	`said_on` text NOT NULL,
	`date_precision` text NOT NULL,
	`venue` text DEFAULT '' NOT NULL,
	`rating` text DEFAULT 'unverified' NOT NULL,
	`rating_explanation_md` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`story_id`) REFERENCES `stories`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "claims_form" CHECK(form IN ('verbatim', 'partial_quote', 'paraphrase', 'declined')),
	CONSTRAINT "claims_type" CHECK(type IN ('factual', 'opinion', 'prediction', 'characterisation')),
	CONSTRAINT "claims_precision" CHECK(date_precision IN ('day', 'approximate', 'reported_by')),
	CONSTRAINT "claims_rating" CHECK(rating IN ('confirmed', 'partly_supported', 'unverified', 'disputed', 'false', 'not_applicable')),
	CONSTRAINT "claims_state" CHECK(state IN ('draft', 'in_review', 'published', 'retracted')),
	CONSTRAINT "claims_said_on" CHECK(said_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "claims_version" CHECK(version >= 1),
	CONSTRAINT "claims_statement" CHECK(length(trim(statement)) > 0)
);
--> statement-breakpoint
CREATE INDEX `claims_story_state_date` ON `claims` (`story_id`,`state`,`said_on`);--> statement-breakpoint
CREATE INDEX `claims_party_state_date` ON `claims` (`party_id`,`state`,`said_on`);--> statement-breakpoint
CREATE TABLE `parties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "parties_slug" CHECK(slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*' AND length(slug) <= 80),
	CONSTRAINT "parties_kind" CHECK(kind IN ('person', 'office', 'organisation', 'outlet'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parties_slug_unique` ON `parties` (`slug`);--> statement-breakpoint
CREATE TABLE `party_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`party_id` integer NOT NULL,
	`alias` text NOT NULL,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `party_aliases_unique` ON `party_aliases` (`party_id`,`alias`);--> statement-breakpoint
CREATE TABLE `party_roles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`party_id` integer NOT NULL,
	`title` text NOT NULL,
	`status` text NOT NULL,
	`held_from` text,
	`held_until` text,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "party_roles_status" CHECK(status IN ('current', 'former')),
	CONSTRAINT "party_roles_from" CHECK(held_from IS NULL OR held_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "party_roles_until" CHECK(held_until IS NULL OR held_until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "party_roles_span" CHECK(held_from IS NULL OR held_until IS NULL OR held_until >= held_from)
);
--> statement-breakpoint
CREATE INDEX `party_roles_party` ON `party_roles` (`party_id`,`position`);--> statement-breakpoint
CREATE TABLE `publication_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`generation` integer DEFAULT 1 NOT NULL,
	`changed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "publication_state_single_row" CHECK(id = 1)
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`story_id` integer NOT NULL,
	`slug` text NOT NULL,
	`proposition` text NOT NULL,
	`short_label` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`story_id`) REFERENCES `stories`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "questions_slug" CHECK(slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*' AND length(slug) <= 80)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questions_story_slug` ON `questions` (`story_id`,`slug`);--> statement-breakpoint
CREATE INDEX `questions_story_position` ON `questions` (`story_id`,`position`);--> statement-breakpoint
CREATE TABLE `source_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`text` text NOT NULL,
	`sha256` text NOT NULL,
	`captured_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`captured_by` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "source_snapshots_sha" CHECK(length(sha256) = 64)
);
--> statement-breakpoint
CREATE INDEX `source_snapshots_source` ON `source_snapshots` (`source_id`,`id`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`publisher` text NOT NULL,
	`author` text,
	`url` text,
	`published_on` text,
	`accessed_on` text,
	`kind` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "sources_kind" CHECK(kind IN ('primary_record', 'interview', 'official_statement', 'leaked_material', 'news_report', 'state_media')),
	CONSTRAINT "sources_published_on" CHECK(published_on IS NULL OR published_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "sources_accessed_on" CHECK(accessed_on IS NULL OR accessed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "sources_url" CHECK(url IS NULL OR url LIKE 'https://%' OR url LIKE 'http://%')
);
--> statement-breakpoint
CREATE TABLE `stances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	`position` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "stances_position" CHECK(position IN ('asserts', 'denies', 'qualifies', 'declines'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stances_claim_question` ON `stances` (`claim_id`,`question_id`);--> statement-breakpoint
CREATE INDEX `stances_question` ON `stances` (`question_id`);--> statement-breakpoint
CREATE TABLE `stories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`summary_md` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "stories_slug" CHECK(slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*' AND length(slug) <= 80),
	CONSTRAINT "stories_starts_on" CHECK(starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "stories_ends_on" CHECK(ends_on IS NULL OR ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "stories_span" CHECK(ends_on IS NULL OR ends_on >= starts_on)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stories_slug_unique` ON `stories` (`slug`);--> statement-breakpoint
CREATE TABLE `story_parties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`story_id` integer NOT NULL,
	`party_id` integer NOT NULL,
	`involvement` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`story_id`) REFERENCES `stories`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `story_parties_unique` ON `story_parties` (`story_id`,`party_id`);--> statement-breakpoint
CREATE INDEX `story_parties_party` ON `story_parties` (`party_id`);