CREATE INDEX `claims_state_published` ON `claims` (`state`,`published_at`);--> statement-breakpoint
CREATE INDEX `claims_story_state_published` ON `claims` (`story_id`,`state`,`published_at`);--> statement-breakpoint
CREATE INDEX `claims_story_state_party` ON `claims` (`story_id`,`state`,`party_id`);