CREATE TABLE `suggestion_dismissals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`snapshot_id` integer NOT NULL,
	`suggestion_key` text NOT NULL,
	`dismissed_by` integer,
	`dismissed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`snapshot_id`) REFERENCES `source_snapshots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`dismissed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "suggestion_dismissals_key_shape" CHECK(length(suggestion_key) = 16)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suggestion_dismissals_key` ON `suggestion_dismissals` (`snapshot_id`,`suggestion_key`);