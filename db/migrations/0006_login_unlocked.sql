-- A new audit action, login_unlocked (an admin lifts a login lock): SQLite cannot alter a CHECK, so audit_events is rebuilt with its rows, ids and indexes, as in 0003.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`target_type` text DEFAULT '' NOT NULL,
	`target_id` integer,
	`detail` text DEFAULT '{}' NOT NULL,
	`ip` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "audit_events_action" CHECK(action IN ('login', 'login_failed', 'logout', 'password_changed', 'password_reset', 'user_created', 'user_disabled', 'user_enabled', 'role_changed', 'claim_submitted', 'claim_published', 'claim_changes_requested', 'claim_retracted', 'claim_edit_approved', 'publish_override', 'claim_restored', 'login_unlocked')),
	CONSTRAINT "audit_events_detail_json" CHECK(json_valid(detail))
);
--> statement-breakpoint
INSERT INTO `__new_audit_events`("id", "at", "actor_id", "action", "target_type", "target_id", "detail", "ip") SELECT "id", "at", "actor_id", "action", "target_type", "target_id", "detail", "ip" FROM `audit_events`;--> statement-breakpoint
DROP TABLE `audit_events`;--> statement-breakpoint
ALTER TABLE `__new_audit_events` RENAME TO `audit_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `audit_events_at` ON `audit_events` (`at`);--> statement-breakpoint
CREATE INDEX `audit_events_target` ON `audit_events` (`target_type`,`target_id`);