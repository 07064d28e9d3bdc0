CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`target_type` text DEFAULT '' NOT NULL,
	`target_id` integer,
	`detail` text DEFAULT '{}' NOT NULL,
	`ip` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "audit_events_action" CHECK(action IN ('login', 'login_failed', 'logout', 'password_changed', 'user_created', 'user_disabled', 'user_enabled', 'role_changed', 'claim_submitted', 'claim_published', 'claim_changes_requested', 'claim_retracted', 'claim_edit_approved', 'publish_override', 'claim_restored')),
	CONSTRAINT "audit_events_detail_json" CHECK(json_valid(detail))
);
--> statement-breakpoint
CREATE INDEX `audit_events_at` ON `audit_events` (`at`);--> statement-breakpoint
CREATE INDEX `audit_events_target` ON `audit_events` (`target_type`,`target_id`);--> statement-breakpoint
CREATE TABLE `corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`revision_id` integer NOT NULL,
	`note` text NOT NULL,
	`editor_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`revision_id`) REFERENCES `revisions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`editor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "corrections_note" CHECK(length(trim(note)) > 0)
);
--> statement-breakpoint
CREATE INDEX `corrections_claim` ON `corrections` (`claim_id`);--> statement-breakpoint
CREATE INDEX `corrections_created` ON `corrections` (`created_at`);--> statement-breakpoint
CREATE TABLE `login_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`ip` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_failures_email` ON `login_failures` (`email`,`at`);--> statement-breakpoint
CREATE INDEX `login_failures_ip` ON `login_failures` (`ip`,`at`);--> statement-breakpoint
CREATE TABLE `revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer NOT NULL,
	`version` integer NOT NULL,
	`event` text NOT NULL,
	`snapshot` text NOT NULL,
	`author_id` integer,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "revisions_entity_type" CHECK(entity_type IN ('claim', 'party', 'source', 'question', 'story')),
	CONSTRAINT "revisions_event" CHECK(event IN ('created', 'edited', 'submitted', 'changes_requested', 'published', 'edit_proposed', 'edit_approved', 'retracted', 'restored')),
	CONSTRAINT "revisions_snapshot_json" CHECK(json_valid(snapshot)),
	CONSTRAINT "revisions_version" CHECK(version >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `revisions_entity_version` ON `revisions` (`entity_type`,`entity_id`,`version`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_seen_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`ip` text DEFAULT '' NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_unique` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`disabled_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "users_role" CHECK(role IN ('journalist', 'editor', 'admin')),
	CONSTRAINT "users_email_normalised" CHECK(email = lower(trim(email)) AND email LIKE '%_@_%'),
	CONSTRAINT "users_name" CHECK(length(trim(name)) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
ALTER TABLE `claims` ADD `author_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `claims` ADD `pending_revision_id` integer REFERENCES revisions(id);--> statement-breakpoint
ALTER TABLE `claims` ADD `review_note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `claims` ADD `retraction_note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `claims` ADD `published_at` text;--> statement-breakpoint
ALTER TABLE `claims` ADD `retracted_at` text;--> statement-breakpoint
CREATE INDEX `claims_state_updated` ON `claims` (`state`,`updated_at`);--> statement-breakpoint
CREATE INDEX `claims_author` ON `claims` (`author_id`);--> statement-breakpoint
ALTER TABLE `parties` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `sources` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `stories` ADD `version` integer DEFAULT 1 NOT NULL;