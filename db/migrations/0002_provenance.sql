CREATE TABLE `quote_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`citation_id` integer NOT NULL,
	`snapshot_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`start` integer,
	`end` integer,
	`similarity` real,
	`detail` text DEFAULT '{}' NOT NULL,
	`checked_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`citation_id`) REFERENCES `citations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`snapshot_id`) REFERENCES `source_snapshots`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "quote_checks_outcome" CHECK(outcome IN ('exact', 'normalised', 'editorial', 'altered', 'not_found')),
	CONSTRAINT "quote_checks_detail_json" CHECK(json_valid(detail)),
	CONSTRAINT "quote_checks_span" CHECK(start IS NULL OR (end >= start AND start >= 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quote_checks_citation` ON `quote_checks` (`citation_id`);--> statement-breakpoint
CREATE INDEX `quote_checks_snapshot` ON `quote_checks` (`snapshot_id`);--> statement-breakpoint
-- Hand-edited: drizzle-kit wrote a table rebuild here that copied columns the old table does not
-- have, and a rebuild inside the migration transaction cannot turn foreign keys off anyway.
-- SQLite adds these columns in place, with their CHECKs on the column (same rules as schema.ts).
ALTER TABLE `source_snapshots` ADD `captured_by_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `source_snapshots` ADD `origin` text DEFAULT 'fixture' NOT NULL CONSTRAINT "source_snapshots_origin" CHECK(origin IN ('fixture', 'paste', 'txt', 'html', 'md'));--> statement-breakpoint
ALTER TABLE `source_snapshots` ADD `filename` text;--> statement-breakpoint
ALTER TABLE `source_snapshots` ADD `furniture` text DEFAULT '[]' NOT NULL CONSTRAINT "source_snapshots_furniture_json" CHECK(json_valid(furniture));
