CREATE TABLE `former_slugs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`scope_id` integer DEFAULT 0 NOT NULL,
	`slug` text NOT NULL,
	`record_id` integer NOT NULL,
	`retired_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "former_slugs_kind" CHECK(kind IN ('story', 'party', 'question'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `former_slugs_unique` ON `former_slugs` (`kind`,`scope_id`,`slug`);