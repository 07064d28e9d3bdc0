CREATE INDEX `claims_updated` ON `claims` (`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_pending_edit` ON `claims` (`pending_revision_id`) WHERE pending_revision_id IS NOT NULL;